/**
 * Hub-to-hub sync speed (docs/sync.md): two hubs on this machine, each on its own database, over
 * real HTTP. Hub A holds `count` designations with aliases, identifiers and addresses, all released
 * to gb-ofsi; hub B, gb-ofsi's hub, pulls them all (the initial pull), then the 1,000 changes A
 * makes next (the catch-up pull). Side by side: A's own bulk write of the same designations (the
 * batched path imports and seeding use), in the same run on the same machine.
 */
import type { AgreementFile } from '../src/policy/agreement-files.ts';
import { sql } from 'drizzle-orm';
import { DesignationRepository } from '../src/modules/designations/designation.repository.ts';
import { demoDesignation } from '../src/modules/seed/designation-generator.ts';
import { startTestHub } from '../test/support/hub.ts';
import { connectPeers, pull } from '../test/support/sync/peering.ts';

const AGREEMENT: AgreementFile = {
  id: 'bench-sync',
  title: 'identity and listing of every designation',
  grantor: 'us-ofac',
  grantees: ['gb-ofsi'],
  purposes: ['sanctions-screening', 'hub-sync'],
  validFrom: '2026-01-01T00:00:00Z',
  ceiling: 'AMBER',
  grants: [{ type: 'Designation', fields: ['identity', 'listing'] }],
};
const WRITE_BATCH = 1_000;
const CATCH_UP = 1_000;

export interface SyncFigures {
  readonly count: number;
  readonly bundleLimit: number;
  readonly localWriteSeconds: number;
  readonly initialPullSeconds: number;
  readonly initialApplied: number;
  readonly catchUpChanges: number;
  readonly catchUpSeconds: number;
  readonly catchUpApplied: number;
}

export interface SyncBenchOptions {
  readonly count: number;
  readonly bundleLimit: number;
  /** Around the initial pull only (bench/profile-sync.ts starts and stops the CPU profiler here). */
  readonly aroundInitialPull?: (pull: () => Promise<void>) => Promise<void>;
}

export async function benchmarkSync(options: SyncBenchOptions): Promise<SyncFigures> {
  const b = await startTestHub({ sync: { issuer: 'http://bench-hub-b.test/' }, agreements: [AGREEMENT] });
  // A trusts gb-ofsi's tokens as B's keys sign them (B pulls with one).
  const a = await startTestHub({ sync: { issuer: 'http://bench-hub-a.test/' }, agreements: [AGREEMENT], trustAgencyKeysOf: { keysDir: b.keysDir, agencies: ['gb-ofsi'] } });
  try {
    await connectPeers(a, [{ id: 'hub-b', hub: b, originFor: ['gb-ofsi'] }]);
    await connectPeers(b, [{ id: 'hub-a', hub: a, originFor: ['us-ofac'], pullAs: 'gb-ofsi' }]);

    const localWriteSeconds = await timed(async () => {
      for (let from = 0; from < options.count; from += WRITE_BATCH) {
        const records: Parameters<DesignationRepository['insertMany']>[0][number][] = [];
        for (let i = from; i < Math.min(options.count, from + WRITE_BATCH); i++) {
          const d = demoDesignation(7, i);
          records.push({ ...d, ownerId: 'us-ofac', content: { ...d.content, status: 'ACTIVE' as const, marking: 'GREEN' as const, releasableTo: null } });
        }
        await a.db.transaction((tx) => new DesignationRepository(tx).insertMany(records).then(() => undefined));
      }
    });

    let initial!: Awaited<ReturnType<typeof pull>>;
    const initialPull = async () => {
      initial = await pull(b, 'hub-a', { limit: options.bundleLimit, retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 1_000 } });
    };
    const initialPullSeconds = await timed(() => (options.aroundInitialPull ? options.aroundInitialPull(initialPull) : initialPull()));
    if (!initial.ok) throw new Error(`initial pull failed: ${JSON.stringify(initial.error)}`);

    const catchUpChanges = Math.min(CATCH_UP, options.count);
    await a.db.execute(
      sql`UPDATE designations SET remarks = 'amended', version = version + 1, updated_at = now()
          WHERE id IN (SELECT id FROM designations ORDER BY id LIMIT ${catchUpChanges})`,
    );
    let catchUp!: Awaited<ReturnType<typeof pull>>;
    const catchUpSeconds = await timed(async () => {
      catchUp = await pull(b, 'hub-a', { limit: options.bundleLimit });
    });
    if (!catchUp.ok) throw new Error(`catch-up pull failed: ${JSON.stringify(catchUp.error)}`);
    return {
      count: options.count,
      bundleLimit: options.bundleLimit,
      localWriteSeconds,
      initialPullSeconds,
      initialApplied: initial.counts.applied,
      catchUpChanges,
      catchUpSeconds,
      catchUpApplied: catchUp.counts.applied,
    };
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export function describeSync(f: SyncFigures): string[] {
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
  return [
    `| A's own bulk write (batches of ${WRITE_BATCH}) | ${f.count.toLocaleString('en')} | ${f.localWriteSeconds.toFixed(1)} | ${rate(f.count, f.localWriteSeconds)} |`,
    `| initial pull A → B (bundles of ${f.bundleLimit}) | ${f.initialApplied.toLocaleString('en')} | ${f.initialPullSeconds.toFixed(1)} | ${rate(f.initialApplied, f.initialPullSeconds)} |`,
    `| catch-up pull of ${f.catchUpChanges.toLocaleString('en')} changes | ${f.catchUpApplied.toLocaleString('en')} | ${f.catchUpSeconds.toFixed(1)} | ${rate(f.catchUpApplied, f.catchUpSeconds)} |`,
  ];
}
