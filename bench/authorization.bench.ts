/**
 * What field-level authorization costs: a page of 500 designations with every field, over
 * HTTP, with authorization off (bench-only switch), as the owner, and as a partner whose
 * agreement releases only some fields. Same process, same database, alternating rounds.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { stringify as toYaml } from 'yaml';
import { createIdentityVerifier } from '../src/auth/identity.ts';
import { generateAgencyKeys, mintToken } from '../src/auth/keys.ts';
import { loadTrustConfig } from '../src/auth/trust.ts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { createTestDatabase } from '../test/support/database.ts';
import { agencies } from '../src/db/schema/index.ts';
import { AgencyService } from '../src/modules/agencies/agency.service.ts';
import { AgreementService } from '../src/modules/agreements/agreement.service.ts';
import { DesignationRepository } from '../src/modules/designations/designation.repository.ts';
import { demoDesignation } from '../src/modules/seed/designation-generator.ts';
import { DEMO_AGENCIES } from '../src/modules/seed/demo-agencies.ts';
import { startHub } from '../src/server/hub.ts';
import { compare, HttpLoadGenerator, type VariantResult } from './harness.ts';

const PAGE = 500;
const QUERY = `{ designations(first: ${PAGE}) { totalCount edges { cursor node {
  id subjectType primaryName nationalities placesOfBirth programs legalBasis rationale remarks status
  effectiveFrom sunsetDate reviewDueDate delistedAt delistingReason sourceList sourceReference marking
  releasableTo version createdAt updatedAt owner { id name country kind }
  aliases { name kind strength script } identifiers { type value issuingCountry note }
  addresses { street city region postalCode country } datesOfBirth { date rangeEnd approximate earliest latest }
} } } }`;

/** 500 OFAC designations a partner (GB-OFSI) may see with identity and listing only, tokens for both, and a load generator. */
export async function prepareDesignationPage(database: DatabaseHandle) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-bench-'));
  const trustFile = path.join(dir, 'trust.yaml');
  const keysDir = path.join(dir, 'keys');
  const db = database.db;
  await db.insert(agencies).values([...DEMO_AGENCIES]).onConflictDoNothing();
  for (const agency of ['us-ofac', 'gb-ofsi']) await generateAgencyKeys({ agency, keysDir, trustFile });

  // 500 OFAC designations the partner may see (ACTIVE, GREEN, no releasability limit).
  const records = Array.from({ length: PAGE }, (_, i) => {
    const d = demoDesignation(99, i);
    return { ...d, ownerId: 'us-ofac', content: { ...d.content, status: 'ACTIVE' as const, marking: 'GREEN' as const, releasableTo: null } };
  });
  await db.transaction((tx) => new DesignationRepository(tx).insertMany(records).then(() => undefined));

  const agreementsDir = path.join(dir, 'agreements');
  await fs.mkdir(agreementsDir);
  await fs.writeFile(
    path.join(agreementsDir, 'bench.yaml'),
    toYaml({
      id: 'bench-partner',
      title: 'identity and listing only',
      grantor: 'us-ofac',
      grantees: ['gb-ofsi'],
      purposes: ['sanctions-screening'],
      validFrom: '2026-01-01',
      ceiling: 'AMBER',
      grants: [{ type: 'Designation', fields: ['identity', 'listing'] }],
    }),
  );
  await new AgreementService(db, new AgencyService(db)).applyFiles(agreementsDir);

  const identity = createIdentityVerifier(loadTrustConfig(trustFile));
  const common = { config: { port: 0, host: '127.0.0.1', shutdownGraceMs: 1_000, production: true }, log: pino({ level: 'silent' }), database, identity };
  const ownerToken = await mintToken({ agency: 'us-ofac', roles: ['analyst'], keysDir, trustFile });
  const partnerToken = await mintToken({ agency: 'gb-ofsi', roles: ['analyst'], keysDir, trustFile });
  const client = new HttpLoadGenerator();
  const post = (url: string, token: string, errors: boolean) =>
    client.batch(
      `${url}/graphql`,
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      JSON.stringify({ query: QUERY }),
      { rows: PAGE, errors },
    );
  const dispose = async () => {
    await client.close();
    await fs.rm(dir, { recursive: true, force: true });
  };
  return { common, ownerToken, partnerToken, post, dispose };
}

export async function benchmarkAuthorization(database: DatabaseHandle, options = { rounds: 7, requests: 12, concurrency: 2, warmup: 6 }) {
  const { common, ownerToken, partnerToken, post, dispose } = await prepareDesignationPage(database);
  const enforced = await startHub(common);
  const off = await startHub({ ...common, authorization: 'disabled-for-benchmark' });
  try {
    return await compare(
      [
        { name: 'authorization off', run: post(off.url, ownerToken, false) },
        { name: 'owner', run: post(enforced.url, ownerToken, false) },
        { name: 'partner (field-limited)', run: post(enforced.url, partnerToken, true) },
      ],
      options,
    );
  } finally {
    await enforced.stop();
    await off.stop();
    await dispose();
  }
}

export function describeAuthorization(results: VariantResult[]): string[] {
  const off = results[0]!;
  return results.map(
    (r) =>
      `| ${r.name} | ${r.throughput.toFixed(1)} | ${(r.throughput / off.throughput).toFixed(2)}× | ${r.p50Ms.toFixed(0)} | ${r.p99Ms.toFixed(0)} | ${(r.p99Ms / off.p99Ms).toFixed(2)}× |`,
  );
}

/** A fresh database for a benchmark run: the same one the test suite uses (PGlite, or a new database on DATABASE_URL). */
export async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; label: string; dispose: () => Promise<void> }> {
  const database = await createTestDatabase();
  const label = database.kind === 'postgres' ? 'PostgreSQL 15 (local)' : 'embedded PGlite';
  return { handle: database.handle, label, dispose: () => database.dispose() };
}
