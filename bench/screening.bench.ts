/**
 * Screening speed: the full OFAC SDN list (2024-05-03) plus 100,000 seeded designations
 * (`BENCH_SEEDED=1000000` for a million; with `BENCH_DATABASE_URL` a database seeded before,
 * e.g. by `interlock seed`, is reused and only what it lacks is added), then
 * (a) single-party screens one after another, for the latency distribution, and (b) one
 * batch of 1,000 parties, for throughput. Parties are names from the shared matching cases:
 * half yente's negatives (names that should find nothing), half listed names respelled.
 * Reads ../shared; skipped when it is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DatabaseHandle } from '../src/db/client.ts';
import { DEFAULT_CONCURRENCY_LIMITS } from '../src/config/limits.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { agencies } from '../src/db/schema/index.ts';
import { AgencyService } from '../src/modules/agencies/agency.service.ts';
import { IMPORT_FORMATS } from '../src/modules/imports/formats/index.ts';
import { importList } from '../src/modules/imports/import.service.ts';
import { seedDemoData } from '../src/modules/seed/seed.service.ts';
import { ScreeningService } from '../src/modules/screening/screening.service.ts';
import { decideAccess } from '../src/policy/decision.ts';
import type { Viewer } from '../src/policy/viewer.ts';
import { respelled, sdnPrimaryNames } from './respelling.ts';

const SANCTIONS = new URL('../../shared/data/sanctions/', import.meta.url).pathname;
export const SEEDED = Number(process.env.BENCH_SEEDED ?? 100_000);
const SINGLE_SCREENS = 300;
const BATCH = 1_000;

export interface ScreeningFigures {
  designations: number;
  /** Screening names (primary names and aliases) and their distinct retrieval keys. */
  names: number;
  distinctKeys: number;
  /** Seeding rate, when this run seeded (designations per second). */
  seededPerSecond: number | null;
  singleP50: number;
  singleP95: number;
  singleP99: number;
  batchSeconds: number;
  partiesPerSecond: number;
  matchesInBatch: number;
  respelledFound: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function benchmarkScreening(database: DatabaseHandle): Promise<ScreeningFigures | string> {
  const sdn = path.join(SANCTIONS, 'ofac/sdn_csv_2024-05-03');
  if (!fs.existsSync(sdn)) return `skipped: ${sdn} is not there`;
  const db = database.db;
  await db.insert(agencies).values({ id: 'us-ofac', name: 'OFAC', country: 'US', kind: 'SANCTIONS_AUTHORITY' }).onConflictDoNothing();
  await importList(db, IMPORT_FORMATS['ofac-csv']!.open(sdn), sdn, { owner: 'us-ofac', marking: 'GREEN' });
  const seedingStarted = performance.now();
  let lastReport = 0;
  const seeded = await seedDemoData(db, {
    designations: SEEDED,
    onProgress: (done, total) => {
      if (performance.now() - lastReport < 10_000) return;
      lastReport = performance.now();
      process.stderr.write(`seeding: ${done}/${total}\n`);
    },
  });
  const seedingSeconds = (performance.now() - seedingStarted) / 1000;
  const [shape] = await queryRows<{ names: number; keys: number; designations: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM designation_screening_names)::int AS "names", (SELECT count(*) FROM screening_name_keys)::int AS "keys",
      (SELECT count(*) FROM designations)::int AS "designations"`,
  );
  const listedNames = sdnPrimaryNames(fs.readFileSync(path.join(sdn, 'sdn.csv'), 'utf8'));
  const negatives = (
    parse(fs.readFileSync(path.join(SANCTIONS, 'matching/yente_negatives_global_1k.csv')), { columns: true }) as Record<string, string>[]
  ).map((row) => row.full_name!);
  const listedFor = (i: number) => listedNames[(i * 7919) % listedNames.length]!;
  const names = Array.from({ length: BATCH }, (_, i) => (i % 2 === 0 ? negatives[i % negatives.length]! : respelled(listedFor(i), i)));

  // The owner's view: every designation is a candidate, the heaviest case.
  const viewer: Viewer = { caller: { agencyId: 'us-ofac', userId: 'bench', roles: ['analyst'] }, access: decideAccess('us-ofac', [], new Date()) };
  // As the hub builds it: batches spread over 4 connections on PostgreSQL, in slices on PGlite.
  const service = new ScreeningService(db, new AgencyService(db), database.driver === 'postgres' ? { connections: 4 } : { sliceMs: DEFAULT_CONCURRENCY_LIMITS.screeningSliceMs });
  for (const name of names.slice(0, 20)) await service.screen(viewer, [{ name }]); // warm-up

  const latencies: number[] = [];
  for (let i = 0; i < SINGLE_SCREENS; i++) {
    const started = performance.now();
    await service.screen(viewer, [{ name: names[(i * 37) % names.length]! }]);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);

  const started = performance.now();
  const results = await service.screen(viewer, names.map((name) => ({ name })));
  const batchSeconds = (performance.now() - started) / 1000;
  return {
    designations: shape!.designations,
    names: shape!.names,
    distinctKeys: shape!.keys,
    seededPerSecond: seeded.designations > 1_000 ? seeded.designations / seedingSeconds : null,
    singleP50: quantile(latencies, 0.5),
    singleP95: quantile(latencies, 0.95),
    singleP99: quantile(latencies, 0.99),
    batchSeconds,
    partiesPerSecond: BATCH / batchSeconds,
    matchesInBatch: results.reduce((sum, r) => sum + r.matches.length, 0),
    // Of the respelled listed names, how many found the entry they were made from.
    respelledFound: results.filter((r, i) => i % 2 === 1 && r.matches.some((m) => m.designation.primaryName === listedFor(i))).length / (BATCH / 2),
  };
}

export function describeScreening(figures: ScreeningFigures | string): string[] {
  if (typeof figures === 'string') return [`| ${figures} | | | | | |`];
  const perKey = `${figures.names.toLocaleString('en')} / ${figures.distinctKeys.toLocaleString('en')} (${(figures.names / figures.distinctKeys).toFixed(2)} per key)`;
  const seeding = figures.seededPerSecond === null ? '' : `; seeded at ${Math.round(figures.seededPerSecond)} designations/s`;
  return [
    `| ${figures.designations.toLocaleString('en')} | ${perKey}${seeding} | ${figures.singleP50.toFixed(1)} | ${figures.singleP95.toFixed(1)} | ${figures.singleP99.toFixed(1)} | ${figures.batchSeconds.toFixed(2)} s → ${Math.round(figures.partiesPerSecond)} parties/s (${figures.matchesInBatch} matches; ${(figures.respelledFound * 100).toFixed(1)}% of respelled listed names found) |`,
  ];
}
