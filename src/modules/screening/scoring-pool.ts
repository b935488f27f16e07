import os from 'node:os';
import { Piscina } from 'piscina';
import type { MatchScorer, ScoredMatch, ScoringTask } from './match-scoring.ts';

/**
 * Threads for name scoring, so that one agency's 1,000-party batch does not hold the hub's
 * event loop (and with it every other agency's requests) while it compares names. One thread
 * is left for the event loop and, on the embedded database, one for the database.
 */
export function defaultScoringThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 2));
}

/** A pool of scoring threads (piscina); tasks queue in the order asked, so slices of batches interleave. */
export class ScoringPool implements MatchScorer {
  private readonly pool: Piscina<ScoringTask, ScoredMatch[][]>;
  private closed = false;

  constructor(threads = defaultScoringThreads()) {
    this.pool = new Piscina({
      filename: new URL('./scoring.worker.mjs', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // Unbounded here: how many expensive operations run at once is capped per agency (src/server).
      maxQueue: Infinity,
    });
  }

  score(task: ScoringTask): Promise<ScoredMatch[][]> {
    // piscina would start new threads for a task after destroy(): a stopped hub scores nothing.
    if (this.closed) return Promise.reject(new Error('the scoring threads are stopped'));
    return this.pool.run(task);
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  /** Ends the threads; tasks still queued are refused. */
  close(): Promise<void> {
    this.closed = true;
    return this.pool.destroy();
  }
}
