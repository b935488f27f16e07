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

/** Runs `request` `count` times with `concurrency` in flight; returns per-request latencies. */
export async function measure(count: number, concurrency: number, request: () => Promise<void>): Promise<Sample> {
  const durationsMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const t0 = performance.now();
      await request();
      durationsMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { durationsMs, elapsedMs: performance.now() - started };
}

export interface Variant {
  readonly name: string;
  readonly request: () => Promise<void>;
}

export interface VariantResult {
  readonly name: string;
  /** Median over rounds of requests per second. */
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Alternates the variants round by round (so that machine noise hits them alike) and
 * reports the median throughput over rounds and latency percentiles over all requests.
 */
export async function compare(variants: readonly Variant[], options: { rounds: number; requests: number; concurrency: number; warmup: number }) {
  for (const v of variants) await measure(options.warmup, options.concurrency, v.request);
  const throughputs = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const latencies = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
      const sample = await measure(options.requests, options.concurrency, v.request);
      throughputs.get(v.name)!.push((options.requests / sample.elapsedMs) * 1000);
      latencies.get(v.name)!.push(...sample.durationsMs);
    }
  }
  return variants.map(
    (v): VariantResult => ({
      name: v.name,
      throughput: median(throughputs.get(v.name)!),
      p50Ms: percentile(latencies.get(v.name)!, 50),
      p99Ms: percentile(latencies.get(v.name)!, 99),
    }),
  );
}

export const fixed = (n: number, digits = 1) => n.toFixed(digits);
