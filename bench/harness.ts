import { Worker } from 'node:worker_threads';

/** Small helpers for side-by-side benchmarks: alternating rounds, medians, percentiles. */
export interface Sample {
  readonly durationsMs: number[];
  readonly elapsedMs: number;
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
export const median = (values: readonly number[]) => percentile(values, 50);

/** Sends POST requests from a worker thread (see http-client.worker.mjs). */
export class HttpLoadGenerator {
  private readonly worker = new Worker(new URL('./http-client.worker.mjs', import.meta.url));

  /** A request function for `compare`: each call runs a whole batch in the worker. */
  batch(url: string, headers: Record<string, string>, body: string, check: { rows: number; errors: boolean }) {
    return (count: number, concurrency: number) =>
      new Promise<Sample>((resolve, reject) => {
        this.worker.once('message', (result: Sample & { failure: string | null }) =>
          result.failure ? reject(new Error(result.failure)) : resolve(result),
        );
        this.worker.postMessage({ url, headers, body, count, concurrency, check });
      });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface Variant {
  readonly name: string;
  /** Runs `count` requests with `concurrency` in flight and returns their latencies. */
  readonly run: (count: number, concurrency: number) => Promise<Sample>;
}

export interface VariantResult {
  readonly name: string;
  /** Median over rounds of requests per second. */
  readonly throughput: number;
  /** Requests per second in each round, in round order (for ratios paired round by round). */
  readonly rounds: readonly number[];
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Alternates the variants round by round (so that machine noise hits them alike) and
 * reports the median throughput over rounds and latency percentiles over all requests.
 */
export async function compare(variants: readonly Variant[], options: { rounds: number; requests: number; concurrency: number; warmup: number }) {
  for (const v of variants) await v.run(options.warmup, options.concurrency);
  const throughputs = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const latencies = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
      const sample = await v.run(options.requests, options.concurrency);
      throughputs.get(v.name)!.push((options.requests / sample.elapsedMs) * 1000);
      latencies.get(v.name)!.push(...sample.durationsMs);
    }
  }
  return variants.map(
    (v): VariantResult => ({
      name: v.name,
      throughput: median(throughputs.get(v.name)!),
      rounds: throughputs.get(v.name)!,
      p50Ms: percentile(latencies.get(v.name)!, 50),
      p99Ms: percentile(latencies.get(v.name)!, 99),
    }),
  );
}

/**
 * `a`'s throughput as a multiple of `b`'s: the median over rounds of the two variants' ratio in
 * the same round. Each round runs them back to back, so a slow minute of the machine cancels
 * out, where a ratio of two medians would carry it.
 */
export function pairedRatio(a: VariantResult, b: VariantResult): number {
  return median(a.rounds.map((throughput, round) => throughput / b.rounds[round]!));
}

export const fixed = (n: number, digits = 1) => n.toFixed(digits);
