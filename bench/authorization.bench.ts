/**
 * What field-level authorization costs: a page of 500 designations with every field, over
 * HTTP, with authorization off (bench-only switch), as the owner, and as a partner whose
 * agreement releases only some fields. Same process, same database, alternating rounds.
 */
import { openDatabase, type DatabaseHandle } from '../src/db/client.ts';
import { createTestDatabase } from '../test/support/database.ts';
import { DesignationRepository } from '../src/modules/designations/designation.repository.ts';
import { demoDesignation } from '../src/modules/seed/designation-generator.ts';
import { startHub } from '../src/server/hub.ts';
import { compare, HttpLoadGenerator, pairedRatio, type VariantResult } from './harness.ts';
import { prepareBenchHub } from './bench-hub.ts';

export const PAGE = 500;
/** A page of 500 designations with every field, nested lists included. */
export const PAGE_QUERY = `{ designations(first: ${PAGE}) { totalCount edges { cursor node {
  id subjectType primaryName nationalities placesOfBirth programs legalBasis rationale remarks status
  effectiveFrom sunsetDate reviewDueDate delistedAt delistingReason sourceList sourceReference marking
  releasableTo version createdAt updatedAt owner { id name country kind }
  aliases { name kind strength script } identifiers { type value issuingCountry note }
  addresses { street city region postalCode country } datesOfBirth { date rangeEnd approximate earliest latest }
} } } }`;

/** 500 OFAC designations a partner (GB-OFSI) may see with identity and listing only, and tokens for both. */
export async function prepareDesignationPage(database: DatabaseHandle) {
  const agreement = { id: 'bench-partner', title: 'identity and listing only', grants: [{ type: 'Designation', fields: ['identity', 'listing'] }] };
  return prepareBenchHub(database, agreement, async (db) => {
    // 500 OFAC designations the partner may see (ACTIVE, GREEN, no releasability limit).
    const records = Array.from({ length: PAGE }, (_, i) => {
      const d = demoDesignation(99, i);
      return { ...d, ownerId: 'us-ofac', content: { ...d.content, status: 'ACTIVE' as const, marking: 'GREEN' as const, releasableTo: null } };
    });
    await db.transaction((tx) => new DesignationRepository(tx).insertMany(records).then(() => undefined));
  });
}

/** Two hubs on one database (authorization enforced, and off) over the page above. */
export async function startBenchHubs(database: DatabaseHandle) {
  const { common, ownerToken, partnerToken, dispose } = await prepareDesignationPage(database);
  const enforced = await startHub(common);
  const off = await startHub({ ...common, authorization: 'disabled-for-benchmark' });
  return {
    enforced,
    off,
    ownerToken,
    partnerToken,
    async stop() {
      await enforced.stop();
      await off.stop();
      await dispose();
    },
  };
}

/** A POST of `query` with a bearer token, as a request function for `compare`. */
export function graphqlPost(client: HttpLoadGenerator, url: string, token: string, query: string, check: { rows: number; errors: boolean }) {
  return client.batch(`${url}/graphql`, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, JSON.stringify({ query }), check);
}

export async function benchmarkAuthorization(database: DatabaseHandle, options = { rounds: 7, requests: 12, concurrency: 2, warmup: 6 }) {
  const hubs = await startBenchHubs(database);
  const client = new HttpLoadGenerator();
  const post = (url: string, token: string, errors: boolean) => graphqlPost(client, url, token, PAGE_QUERY, { rows: PAGE, errors });
  try {
    return await compare(
      [
        { name: 'authorization off', run: post(hubs.off.url, hubs.ownerToken, false) },
        { name: 'owner', run: post(hubs.enforced.url, hubs.ownerToken, false) },
        { name: 'partner (field-limited)', run: post(hubs.enforced.url, hubs.partnerToken, true) },
      ],
      options,
    );
  } finally {
    await client.close();
    await hubs.stop();
  }
}

export function describeAuthorization(results: VariantResult[]): string[] {
  const off = results[0]!;
  return results.map(
    (r) =>
      `| ${r.name} | ${r.throughput.toFixed(1)} | ${pairedRatio(r, off).toFixed(2)}× | ${r.p50Ms.toFixed(0)} | ${r.p99Ms.toFixed(0)} | ${(r.p99Ms / off.p99Ms).toFixed(2)}× |`,
  );
}

/**
 * A fresh database for a benchmark run: the same one the test suite uses (PGlite, or a new
 * database on DATABASE_URL); or, with BENCH_DATABASE_URL, that PostgreSQL database as it is
 * (migrated, kept afterwards), so that a large seeded set is made once and benchmarked often.
 */
export async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; label: string; dispose: () => Promise<void> }> {
  const kept = process.env.BENCH_DATABASE_URL;
  if (kept) {
    const handle = await openDatabase({ kind: 'postgres', url: kept });
    await handle.migrate();
    return { handle, label: 'PostgreSQL 15 (local, a database seeded beforehand)', dispose: () => handle.close() };
  }
  const database = await createTestDatabase();
  const label = database.kind === 'postgres' ? 'PostgreSQL 15 (local)' : 'embedded PGlite';
  return { handle: database.handle, label, dispose: () => database.dispose() };
}
