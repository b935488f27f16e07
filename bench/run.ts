/**
 * `npm run bench [authorization|import|screening|sync] [-- --count N]`: runs the benchmarks and prints Markdown rows
 * for docs/benchmarks.md. `--count` sizes the sync benchmark (default 100,000) for a quick check.
 */
import 'reflect-metadata';
import os from 'node:os';
import { benchmarkAuthorization, describeAuthorization, openBenchDatabase } from './authorization.bench.ts';
import { benchmarkImport } from './import.bench.ts';
import { benchmarkScreening, describeScreening } from './screening.bench.ts';
import { benchmarkSync, describeSync } from './sync.bench.ts';

const args = process.argv.slice(2);
const countAt = args.indexOf('--count');
const syncCount = countAt >= 0 ? Number(args[countAt + 1]) : 100_000;
if (!Number.isSafeInteger(syncCount) || syncCount < 1) throw new Error('--count must be a whole number of designations');
const only = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--count');
const wanted = (name: string) => !only || only === name;
const database = await openBenchDatabase();
try {
  console.log(`# ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${database.label}`);
  if (wanted('authorization')) {
    console.log('\n## Authorization: a page of 500 designations, every field, over HTTP\n');
    console.log('| variant | requests/s (median of rounds) | vs off | p50 ms | p99 ms | p99 vs off |');
    console.log('|---|---|---|---|---|---|');
    for (const row of describeAuthorization(await benchmarkAuthorization(database.handle))) console.log(row);
  }
  if (wanted('import')) {
    console.log('\n## Import: OFAC SDN 2024-05-03 (legacy CSV)\n');
    console.log('| run | entries | seconds | entries/s |');
    console.log('|---|---|---|---|');
    for (const row of await benchmarkImport(database.handle)) console.log(row);
  }
  if (wanted('screening')) {
    console.log('\n## Screening: OFAC SDN + 100,000 seeded designations\n');
    console.log('| designations | single-party p50 ms | p95 ms | p99 ms | batch of 1,000 |');
    console.log('|---|---|---|---|---|');
    for (const row of describeScreening(await benchmarkScreening(database.handle))) console.log(row);
  }
  if (wanted('sync')) {
    console.log(`\n## Sync: ${syncCount.toLocaleString('en')} designations (aliases, identifiers, addresses) from hub A to hub B, separate databases, HTTP\n`);
    console.log('| run | designations | seconds | designations/s |');
    console.log('|---|---|---|---|');
    for (const row of describeSync(await benchmarkSync({ count: syncCount, bundleLimit: 500 }))) console.log(row);
  }
} finally {
  await database.dispose();
}
