/**
 * Name retrieval side by side on one database: the dictionary keys a party finds by a trigram
 * search over whole keys (`%` and `%>` over `screening_name_keys`, the retrieval before token
 * postings) and by its words (`keysByWords`, token postings with IDF weights), alternating per
 * party, one connection. Parties as in the screening bench: yente's negatives and respelled OFAC
 * names; "found" is a respelled name whose source key is among the 100 keys retrieved.
 * Needs a database with the SDN and a seeded set (BENCH_DATABASE_URL, see screening.bench.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import { nameKeys } from '../src/modules/name-matching/name-normalization.ts';
import { CANDIDATE_RETRIEVAL } from '../src/modules/screening/screening-config.ts';
import { keysByWords, prepareTrigramRetrieval } from '../src/modules/screening/screening.repository.ts';
import { respelled } from './respelling.ts';

const SANCTIONS = new URL('../../shared/data/sanctions/', import.meta.url).pathname;
const PARTIES = 200;

export async function benchmarkRetrieval(database: DatabaseHandle): Promise<string[]> {
  const sdn = path.join(SANCTIONS, 'ofac/sdn_csv_2024-05-03');
  if (!fs.existsSync(sdn)) return [`| skipped: ${sdn} is not there | | | |`];
  const db = database.db;
  const listed = fs.readFileSync(path.join(sdn, 'sdn.csv'), 'utf8').split('\n').map((l) => /^\d+,"([^"]+)"/.exec(l)?.[1]).filter((n): n is string => Boolean(n));
  const negatives = (parse(fs.readFileSync(path.join(SANCTIONS, 'matching/yente_negatives_global_1k.csv')), { columns: true }) as Record<string, string>[]).map((r) => r.full_name!);
  const parties = Array.from({ length: PARTIES }, (_, i) => {
    if (i % 2 === 0) return { key: nameKeys(negatives[i % negatives.length]!).key, source: null };
    const original = listed[(i * 7919) % listed.length]!;
    return { key: nameKeys(respelled(original, i)).key, source: nameKeys(original).key };
  });
  const spelling = (key: SQL) => sql`greatest(similarity(${key}, q.key), word_similarity(q.key, ${key}))`;
  const arms: Record<string, (key: string) => SQL> = {
    'trigrams over whole keys': (key) => sql`SELECT k.key FROM (SELECT ${key}::text AS key) q CROSS JOIN LATERAL (
        SELECT k.key FROM (SELECT key FROM screening_name_keys WHERE key % q.key UNION SELECT key FROM screening_name_keys WHERE key %> q.key) k
        ORDER BY ${spelling(sql`k.key`)} DESC, k.key LIMIT ${CANDIDATE_RETRIEVAL.hitsPerParty}) k`,
    'token postings (words, IDF)': (key) => sql`SELECT k.key FROM (SELECT ${key}::text AS key) q CROSS JOIN LATERAL (${keysByWords(sql`q.key`, spelling)}) k`,
  };
  const [{ keys }] = (await queryRows<{ keys: number }>(db, sql`SELECT count(*)::int AS keys FROM screening_name_keys`)) as [{ keys: number }];
  const figures = Object.fromEntries(Object.keys(arms).map((name) => [name, { ms: [] as number[], found: 0 }]));
  await db.transaction(async (tx) => {
    await prepareTrigramRetrieval(tx);
    for (const party of parties.slice(0, 10)) for (const arm of Object.values(arms)) await queryRows(tx, arm(party.key)); // warm-up
    for (const [i, party] of parties.entries()) {
      const names = i % 2 === 0 ? Object.keys(arms) : Object.keys(arms).reverse();
      for (const name of names) {
        const started = performance.now();
        const rows = await queryRows<{ key: string }>(tx, arms[name]!(party.key));
        figures[name]!.ms.push(performance.now() - started);
        if (party.source && rows.some((r) => r.key === party.source)) figures[name]!.found += 1;
      }
    }
  });
  return Object.entries(figures).map(([name, { ms, found }]) => {
    const sorted = ms.sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
    return `| ${name} | ${keys.toLocaleString('en')} | ${at(0.5)} / ${at(0.95)} / ${at(0.99)} | ${found}/${PARTIES / 2} |`;
  });
}
