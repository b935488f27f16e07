import type { Database } from '../db/client.ts';
import { AgencyService } from '../modules/agencies/agency.service.ts';
import { ControlListService } from '../modules/control-list/control-list.service.ts';
import { DenialService } from '../modules/denials/denial.service.ts';
import { DesignationService } from '../modules/designations/designation.service.ts';
import { ThreatLibraryService } from '../modules/threat-library/threat-entry.service.ts';
import { AgreementService } from '../modules/agreements/agreement.service.ts';
import { LicenseService } from '../modules/licenses/license.service.ts';
import { ScreeningService } from '../modules/screening/screening.service.ts';
import { EndUseCheckService } from '../modules/end-use-checks/end-use-check.service.ts';
import { ImportRunService } from '../modules/imports/import-run.service.ts';
import type { Viewer } from '../policy/viewer.ts';
import { AppError } from './errors.ts';
import { perRequest, type RequestContext } from './graphql/context.ts';
import { linkedRecordLoader } from './graphql/loaders.ts';

/** The capabilities' services, built once per hub over one database. */
export interface ServiceOptions {
  riskPolicyFile?: string;
  /** Connections one request may read on at once (screening batches): 1 for the embedded database. */
  parallelReads?: number;
}

export function createServices(db: Database, options: ServiceOptions = {}) {
  const agencies = new AgencyService(db);
  return {
    agencies,
    designations: new DesignationService(db, agencies),
    controlList: new ControlListService(db, agencies),
    threatLibrary: new ThreatLibraryService(db, agencies),
    agreements: new AgreementService(db, agencies),
    screening: new ScreeningService(db, agencies, options.parallelReads),
    denials: new DenialService(db, agencies),
    endUseChecks: new EndUseCheckService(db, agencies),
    licenses: new LicenseService(db, agencies, options.riskPolicyFile),
    imports: new ImportRunService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
export type AppContext = RequestContext<Services>;

/** The signed-in viewer; operations are declared authenticated, so this only guards the types. */
export function requireViewer(ctx: AppContext): Viewer {
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in: send Authorization: Bearer <token>.');
  return ctx.viewer;
}

/**
 * Records linked from others (an adjudication's designation, an end-use check's application,
 * an unverified party's check), loaded once per request for every link a page resolves; null
 * when the caller may not see the record.
 */
export function linkedRecords(ctx: AppContext) {
  return perRequest(ctx, 'linked-records', () => {
    const viewer = requireViewer(ctx);
    return {
      designations: linkedRecordLoader((ids) => ctx.services.designations.visibleByIds(viewer, ids)),
      licenseApplications: linkedRecordLoader((ids) => ctx.services.licenses.visibleByIds(viewer, ids)),
      endUseChecks: linkedRecordLoader((ids) => ctx.services.endUseChecks.visibleByIds(viewer, ids)),
    };
  });
}
