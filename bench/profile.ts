/**
 * `node --max-semi-space-size=64 --import tsx bench/profile.ts [page|small] [requests] [out.cpuprofile]`
 * (the flag the hub runs with, see bin/interlock.js): the hub under
 * one of the speed bench's loads, profiled (main thread, after setup and a warm-up) to show
 * where its time goes; summarise with `node bench/profile-summary.mjs out.cpuprofile`.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { graphqlPost, PAGE, PAGE_QUERY, startBenchHubs } from './authorization.bench.ts';
import { openBenchDatabase } from './authorization.bench.ts';
import { HttpLoadGenerator } from './harness.ts';
import { SMALL_QUERY } from './speed.bench.ts';

const load = process.argv[2] === 'small' ? 'small' : 'page';
const requests = Number(process.argv[3] ?? (load === 'page' ? 60 : 4_000));
const database = await openBenchDatabase();
const hubs = await startBenchHubs(database.handle);
const client = new HttpLoadGenerator();
try {
  const run =
    load === 'page'
      ? graphqlPost(client, hubs.enforced.url, hubs.ownerToken, PAGE_QUERY, { rows: PAGE, errors: false })
      : graphqlPost(client, hubs.enforced.url, hubs.partnerToken, SMALL_QUERY, { rows: 10, errors: false });
  const concurrency = load === 'page' ? 2 : 20;
  await run(Math.ceil(requests / 5), concurrency);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const sample = await run(requests, concurrency);
  const { profile } = await session.post('Profiler.stop');
  await fs.writeFile(process.argv[4] ?? `${load}.cpuprofile`, JSON.stringify(profile));
  console.log(`${load}: ${requests} requests in ${(sample.elapsedMs / 1000).toFixed(1)} s`);
} finally {
  await client.close();
  await hubs.stop();
  await database.dispose();
}
