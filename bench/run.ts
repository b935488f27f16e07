/** `npm run bench [authorization|audit|import|screening]`: runs the benchmarks and prints Markdown rows for docs/benchmarks.md. */
import 'reflect-metadata';
import os from 'node:os';
import { benchmarkAuthorization, describeAuthorization, openBenchDatabase } from './authorization.bench.ts';
import { benchmarkImport } from './import.bench.ts';
import { benchmarkAudit, describeAudit } from './audit.bench.ts';
import { benchmarkScreening, describeScreening } from './screening.bench.ts';

const only = process.argv[2];
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
  if (wanted('audit')) {
    console.log('\n## Audit log: the partner\'s page of 500 designations, with and without audit entries, over HTTP\n');
    console.log('| variant | requests/s (median of rounds) | vs audit off | p50 ms | p99 ms | p99 vs off |');
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
  if (wanted('screening')) {
    console.log('\n## Screening: OFAC SDN + 100,000 seeded designations\n');
    console.log('| designations | single-party p50 ms | p95 ms | p99 ms | batch of 1,000 |');
    console.log('|---|---|---|---|---|');
    for (const row of describeScreening(await benchmarkScreening(database.handle))) console.log(row);
  }
} finally {
  await database.dispose();
}
