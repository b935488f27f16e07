/**
 * `node --import tsx bench/profile-sync.ts [count] [bundleLimit] [out.cpuprofile]`: the sync
 * benchmark's initial pull profiled (both hubs share this process, so serving and applying show
 * together); summarise with `node bench/profile-summary.mjs out.cpuprofile`.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { benchmarkSync, describeSync } from './sync.bench.ts';

const count = Number(process.argv[2] ?? 2_000);
const bundleLimit = Number(process.argv[3] ?? 500);
const out = process.argv[4] ?? 'sync.cpuprofile';
const session = new Session();
session.connect();
const figures = await benchmarkSync({
  count,
  // Both hubs in this process, so that serving and applying show in one profile.
  processes: 'one',
  bundleLimit,
  async aroundInitialPull(pull) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    await pull();
    const { profile } = await session.post('Profiler.stop');
    await fs.writeFile(out, JSON.stringify(profile));
  },
});
for (const row of describeSync(figures)) console.log(row);
