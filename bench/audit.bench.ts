/**
 * What the audit log costs a read: the partner's 500-designation page (every field asked,
 * identity and listing released) with an audit entry per request (500 records with their
 * released fields and agreement, appended before the response) against the same hub without
 * auditing (bench-only switch). Same process, same database, alternating rounds.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import { startHub } from '../src/server/hub.ts';
import { compare, pairedRatio, type VariantResult } from './harness.ts';
import { graphqlPost, PAGE, PAGE_QUERY, prepareDesignationPage } from './authorization.bench.ts';
import { HttpLoadGenerator } from './harness.ts';

export async function benchmarkAudit(database: DatabaseHandle, options = { rounds: 15, requests: 12, concurrency: 2, warmup: 6 }) {
  const { common, partnerToken, dispose } = await prepareDesignationPage(database);
  const client = new HttpLoadGenerator();
  const post = (url: string, token: string, errors: boolean) => graphqlPost(client, url, token, PAGE_QUERY, { rows: PAGE, errors });
  const audited = await startHub(common);
  const unaudited = await startHub({ ...common, audit: 'disabled-for-benchmark' });
  try {
    const results = await compare(
      [
        { name: 'partner, audit off', run: post(unaudited.url, partnerToken, true) },
        { name: 'partner, audited', run: post(audited.url, partnerToken, true) },
      ],
      options,
    );
    const [stored] = await queryRows<{ entries: string | number; releases: string | number }>(
      database.db,
      sql`SELECT (SELECT count(*) FROM audit_entries) AS entries, (SELECT coalesce(sum(cardinality(record_ids)), 0) FROM audit_release_sets) AS releases`,
    );
    return { results, entries: Number(stored?.entries ?? 0), releases: Number(stored?.releases ?? 0) };
  } finally {
    await audited.stop();
    await unaudited.stop();
    await client.close();
    await dispose();
  }
}

export function describeAudit({ results }: { results: VariantResult[] }): string[] {
  const off = results[0]!;
  return results.map(
    (r) =>
      `| ${r.name} | ${r.throughput.toFixed(1)} | ${pairedRatio(r, off).toFixed(2)}× | ${r.p50Ms.toFixed(0)} | ${r.p99Ms.toFixed(0)} | ${(r.p99Ms / off.p99Ms).toFixed(2)}× |`,
  );
}
