/**
 * `npm run bench [speed|authorization|audit|import|names|screening|retrieval|no-stall|sync] [-- --count N] [--one-process]`:
 * runs the benchmarks and prints Markdown rows for docs/benchmarks.md. `--count` sizes the sync benchmark (default
 * 100,000); `--one-process` runs its two hubs in one process instead of two.
 */
import 'reflect-metadata';
import os from 'node:os';
import { benchmarkAuthorization, describeAuthorization, openBenchDatabase } from './authorization.bench.ts';
import { benchmarkImport } from './import.bench.ts';
import { benchmarkSpeed, describeSpeed } from './speed.bench.ts';
import { benchmarkNoStall, describeNoStall } from './no-stall.bench.ts';
import { benchmarkScreening, describeScreening, SEEDED } from './screening.bench.ts';
import { benchmarkRetrieval } from './retrieval.bench.ts';
import { benchmarkNameShape, describeNameShape, NAME_SHAPE_HEADER } from './name-shape.bench.ts';
import { benchmarkAudit, describeAudit } from './audit.bench.ts';
import { benchmarkSync, describeSync } from './sync.bench.ts';
import { MAX_PEER_HUB_PAGE } from '../src/modules/changes/changes-cursor.ts';

const args = process.argv.slice(2);
const countAt = args.indexOf('--count');
const syncCount = countAt >= 0 ? Number(args[countAt + 1]) : 100_000;
if (!Number.isSafeInteger(syncCount) || syncCount < 1) throw new Error('--count must be a whole number of designations');
const syncProcesses = args.includes('--one-process') ? 'one' : 'two';
const only = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--count');
const wanted = (name: string) => !only || only === name;
const database = await openBenchDatabase();
try {
  console.log(`# ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${database.label}`);
  if (wanted('speed')) {
    console.log('\n## Speed: the hub against a bare Apollo Server 5 serving its answers from memory, over HTTP\n');
    console.log('| request | hub requests/s (median of rounds) | measured against | ratio (median of per-round ratios) |');
    console.log('|---|---|---|---|');
    for (const row of describeSpeed(await benchmarkSpeed(database.handle))) console.log(row);
  }
  if (wanted('authorization')) {
    console.log('\n## Authorization: a page of 500 designations, every field, over HTTP\n');
    console.log('| variant | requests/s (median of rounds) | vs off (per-round ratio) | p50 ms | p99 ms | p99 vs off |');
    console.log('|---|---|---|---|---|---|');
    for (const row of describeAuthorization(await benchmarkAuthorization(database.handle))) console.log(row);
  }
  if (wanted('audit')) {
    console.log('\n## Audit log: the partner\'s page of 500 designations, with and without audit entries, over HTTP\n');
    console.log('| variant | requests/s (median of rounds) | vs audit off (per-round ratio) | p50 ms | p99 ms | p99 vs off |');
    console.log('|---|---|---|---|---|---|');
    const audit = await benchmarkAudit(database.handle);
    for (const row of describeAudit(audit)) console.log(row);
    console.log(`\n${audit.entries} audit entries holding ${audit.releases} released records were appended.`);
  }
  if (wanted('import')) {
    console.log('\n## Import: OFAC SDN 2024-05-03 (legacy CSV)\n');
    console.log('| run | entries | seconds | entries/s |');
    console.log('|---|---|---|---|');
    for (const row of await benchmarkImport(database.handle)) console.log(row);
  }
  if (wanted('names') || wanted('screening')) {
    console.log('\n## Names: published lists and seeded designations, at equal sizes\n');
    for (const row of [...NAME_SHAPE_HEADER, ...describeNameShape(await benchmarkNameShape())]) console.log(row);
  }
  if (wanted('screening')) {
    console.log(`\n## Screening: OFAC SDN + ${SEEDED.toLocaleString('en')} seeded designations\n`);
    console.log('| designations | names / distinct keys | single-party p50 ms | p95 ms | p99 ms | batch of 1,000 |');
    console.log('|---|---|---|---|---|---|');
    for (const row of describeScreening(await benchmarkScreening(database.handle))) console.log(row);
  }
  if (wanted('no-stall')) {
    console.log("\n## No request stalls the others: another agency's small query while one screens 1,000 parties (OFAC SDN), over HTTP\n");
    console.log('| small query | p50 ms | p95 ms | |');
    console.log('|---|---|---|---|');
    for (const row of describeNoStall(await benchmarkNoStall(database.handle))) console.log(row);
  }
  if (wanted('retrieval')) {
    console.log('\n## Name retrieval side by side: the keys a party finds\n');
    console.log('| retrieval | dictionary keys | per party p50 / p95 / p99 ms | respelled listed names whose key is found |');
    console.log('|---|---|---|---|');
    for (const row of await benchmarkRetrieval(database.handle)) console.log(row);
  }
  if (wanted('sync')) {
    console.log(`\n## Sync: ${syncCount.toLocaleString('en')} designations (aliases, identifiers, addresses) from hub A to hub B, separate databases, HTTP\n`);
    console.log('| run | designations | seconds | designations/s |');
    console.log('|---|---|---|---|');
    for (const row of describeSync(await benchmarkSync({ count: syncCount, bundleLimit: MAX_PEER_HUB_PAGE, processes: syncProcesses }))) console.log(row);
  }
} finally {
  await database.dispose();
}
