import path from 'node:path';
import type { Database } from '../../db/client.ts';
import { AgencyService } from '../agencies/agency.service.ts';
import { applyAgencyDirectory, loadAgencyDirectory } from '../agencies/agency-directory.ts';
import { AgreementService } from './agreement.service.ts';

/**
 * Applies policies/: the agency directory (agencies.yaml), then the sharing agreements
 * (agreements/*.yaml), each recorded as a new version when it changed. Run at hub start and
 * by `interlock policies apply`; a bad file stops it with the file, path and reason.
 */
export async function applyPolicyFiles(db: Database, policiesDir: string) {
  const agencies = await applyAgencyDirectory(db, await loadAgencyDirectory(path.join(policiesDir, 'agencies.yaml')));
  const agreements = await new AgreementService(db, new AgencyService(db)).applyFiles(path.join(policiesDir, 'agreements'));
  return { agencies, agreements };
}
