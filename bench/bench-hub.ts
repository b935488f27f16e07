/**
 * What the HTTP benchmarks set up alike: the demo agencies, keys and tokens for the owner
 * (US-OFAC) and a partner (GB-OFSI), one agreement between them, and the options a hub is
 * started with. Each benchmark brings its own records (`load`) and agreement.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { stringify as toYaml } from 'yaml';
import { createIdentityVerifier } from '../src/auth/identity.ts';
import { generateAgencyKeys, mintToken } from '../src/auth/keys.ts';
import { loadTrustConfig } from '../src/auth/trust.ts';
import type { Database, DatabaseHandle } from '../src/db/client.ts';
import { agencies } from '../src/db/schema/index.ts';
import { AgencyService } from '../src/modules/agencies/agency.service.ts';
import { AgreementService } from '../src/modules/agreements/agreement.service.ts';
import { DesignationRepository } from '../src/modules/designations/designation.repository.ts';
import { DEMO_AGENCIES } from '../src/modules/seed/demo-agencies.ts';

/** An agreement file's content from US-OFAC to GB-OFSI (id, title and grants are the benchmark's). */
export interface BenchAgreement {
  id: string;
  title: string;
  grants: { type: string; fields: string[] }[];
}

export async function prepareBenchHub(database: DatabaseHandle, agreement: BenchAgreement, load: (db: Database) => Promise<void>) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-bench-'));
  const trustFile = path.join(dir, 'trust.yaml');
  const keysDir = path.join(dir, 'keys');
  const db = database.db;
  await db.insert(agencies).values([...DEMO_AGENCIES]).onConflictDoNothing();
  for (const agency of ['us-ofac', 'gb-ofsi']) await generateAgencyKeys({ agency, keysDir, trustFile });
  await load(db);
  // As an import or a seed leaves them: without statistics (autovacuum has not come round yet,
  // and PGlite has none) the planner guesses one row per owner and sorts the whole table.
  await new DesignationRepository(db).refreshStatistics();

  const agreementsDir = path.join(dir, 'agreements');
  await fs.mkdir(agreementsDir);
  await fs.writeFile(
    path.join(agreementsDir, 'bench.yaml'),
    toYaml({ ...agreement, grantor: 'us-ofac', grantees: ['gb-ofsi'], purposes: ['sanctions-screening'], validFrom: '2026-01-01', ceiling: 'AMBER' }),
  );
  await new AgreementService(db, new AgencyService(db)).applyFiles(agreementsDir);

  const identity = createIdentityVerifier(loadTrustConfig(trustFile));
  const common = { config: { port: 0, host: '127.0.0.1', shutdownGraceMs: 1_000, production: true }, log: pino({ level: 'silent' }), database, identity };
  const ownerToken = await mintToken({ agency: 'us-ofac', roles: ['analyst'], keysDir, trustFile });
  const partnerToken = await mintToken({ agency: 'gb-ofsi', roles: ['analyst'], keysDir, trustFile });
  return { common, ownerToken, partnerToken, dispose: () => fs.rm(dir, { recursive: true, force: true }) };
}
