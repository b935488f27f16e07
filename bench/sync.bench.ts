/**
 * Hub-to-hub sync speed (docs/sync.md): two hubs on this machine, each on its own database and,
 * by default, in its own process, over real HTTP. Hub A holds `count` designations with aliases,
 * identifiers and addresses, all released to gb-ofsi; hub B, gb-ofsi's hub, pulls them all (the
 * initial pull), then the 1,000 changes A makes next (the catch-up pull). Side by side: A's own
 * bulk write of the same designations (the batched path imports and seeding use), in the same run
 * on the same machine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestHub } from '../test/support/hub.ts';
import { connectPeers, pull } from '../test/support/sync/peering.ts';
import { startOriginHub, SYNC_AGREEMENT, WRITE_BATCH, type OriginHub, type OriginHubAddress, type OriginHubRequest } from './sync-origin-hub.ts';

const CATCH_UP = 1_000;

export interface SyncFigures {
  readonly count: number;
  readonly bundleLimit: number;
  readonly processes: 'one' | 'two';
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
  /**
   * `two` (default): hub A runs in a child process, as an allied hub does on its own machine or at
   * least in its own process; `one`: both hubs share this process's event loop (to profile both).
   */
  readonly processes?: 'one' | 'two';
  /** Around the initial pull only (bench/profile-sync.ts starts and stops the CPU profiler here). */
  readonly aroundInitialPull?: (pull: () => Promise<void>) => Promise<void>;
}

export async function benchmarkSync(options: SyncBenchOptions): Promise<SyncFigures> {
  const processes = options.processes ?? 'two';
  const b = await startTestHub({ sync: { issuer: 'http://bench-hub-b.test/' }, agreements: [SYNC_AGREEMENT] });
  let a: OriginHub | undefined;
  try {
    const request: OriginHubRequest = { receiverKeysDir: b.keysDir, receiver: { issuer: b.issuer!, hubJwks: b.hubJwks } };
    a = processes === 'two' ? await originHubInChildProcess(request) : await startOriginHub(request);
    await connectPeers(b, [{ id: 'hub-a', hub: a, originFor: ['us-ofac'], pullAs: 'gb-ofsi' }]);

    const localWriteSeconds = await a.write(options.count);

    let initial!: Awaited<ReturnType<typeof pull>>;
    const initialPull = async () => {
      initial = await pull(b, 'hub-a', { limit: options.bundleLimit, retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 1_000 } });
    };
    const initialPullSeconds = await timed(() => (options.aroundInitialPull ? options.aroundInitialPull(initialPull) : initialPull()));
    if (!initial.ok) throw new Error(`initial pull failed: ${JSON.stringify(initial.error)}`);

    const catchUpChanges = Math.min(CATCH_UP, options.count);
    await a.amend(catchUpChanges);
    let catchUp!: Awaited<ReturnType<typeof pull>>;
    const catchUpSeconds = await timed(async () => {
      catchUp = await pull(b, 'hub-a', { limit: options.bundleLimit });
    });
    if (!catchUp.ok) throw new Error(`catch-up pull failed: ${JSON.stringify(catchUp.error)}`);
    return {
      count: options.count,
      bundleLimit: options.bundleLimit,
      processes,
      localWriteSeconds,
      initialPullSeconds,
      initialApplied: initial.counts.applied,
      catchUpChanges,
      catchUpSeconds,
      catchUpApplied: catchUp.counts.applied,
    };
  } finally {
    await Promise.all([a?.stop(), b.stop()]);
  }
}

/** Hub A in a child process of its own (bench/sync-origin-hub.ts), with this process's Node options. */
async function originHubInChildProcess(request: OriginHubRequest): Promise<OriginHub> {
  const child = fork(fileURLToPath(new URL('./sync-origin-hub.ts', import.meta.url)), ['--child'], {
    execArgv: ['--import', 'tsx', '--max-semi-space-size=64'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`hub A's process exited (${code})`))));
  exited.catch(() => undefined);
  const call = <T>(command: object): Promise<T> => Promise.race([answerOf<T>(child, command), exited]);
  const address = await call<OriginHubAddress>({ call: 'start', request });
  return {
    ...address,
    write: (count) => call<number>({ call: 'write', count }),
    amend: (count) => call<void>({ call: 'amend', count }),
    async stop() {
      await call({ call: 'stop' }).catch(() => undefined);
      if (child.exitCode === null) child.kill();
    },
  };
}

function answerOf<T>(child: ChildProcess, command: object): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (answer: { ok: boolean; value?: T; error?: string }) => (answer.ok ? resolve(answer.value as T) : reject(new Error(`hub A: ${answer.error}`))));
    child.send(command);
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export function describeSync(f: SyncFigures): string[] {
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
  const where = f.processes === 'two' ? 'hubs in two processes' : 'hubs in one process';
  return [
    `| A's own bulk write (batches of ${WRITE_BATCH}) | ${f.count.toLocaleString('en')} | ${f.localWriteSeconds.toFixed(1)} | ${rate(f.count, f.localWriteSeconds)} |`,
    `| initial pull A → B (bundles of ${f.bundleLimit}, ${where}) | ${f.initialApplied.toLocaleString('en')} | ${f.initialPullSeconds.toFixed(1)} | ${rate(f.initialApplied, f.initialPullSeconds)} |`,
    `| catch-up pull of ${f.catchUpChanges.toLocaleString('en')} changes | ${f.catchUpApplied.toLocaleString('en')} | ${f.catchUpSeconds.toFixed(1)} | ${rate(f.catchUpApplied, f.catchUpSeconds)} |`,
  ];
}
