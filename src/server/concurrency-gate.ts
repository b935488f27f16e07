/**
 * A few places per agency for expensive operations: the next ones wait their turn in a short
 * queue, and beyond it (or after waiting too long) are refused, so that one agency's burst of
 * 1,000-party screenings neither fills the database's queue nor the scoring threads ahead of
 * everyone else. Counted per process (a place is a share of this process's capacity).
 */
export interface GateLimits {
  /** Operations of one key running at once. */
  readonly running: number;
  /** Operations of one key waiting for a place. */
  readonly queued: number;
  readonly maxWaitMs: number;
}

/** A place held: call `release` once the operation has finished. */
export type Admission = { admitted: true; release: () => void } | { admitted: false; reason: 'queue-full' | 'waited-too-long' };

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

export class ConcurrencyGate {
  private readonly keys = new Map<string, { running: number; waiting: Waiter[] }>();

  constructor(private readonly limits: GateLimits) {}

  /** A place for `key` now, or in turn; refused when its queue is full or the wait exceeds the limit. */
  enter(key: string): Promise<Admission> {
    const state = this.keys.get(key) ?? { running: 0, waiting: [] };
    this.keys.set(key, state);
    if (state.running < this.limits.running) {
      state.running++;
      return Promise.resolve({ admitted: true, release: this.releaser(key) });
    }
    if (state.waiting.length >= this.limits.queued) return Promise.resolve({ admitted: false, reason: 'queue-full' });
    return new Promise((resolve) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve({ admitted: true, release: this.releaser(key) });
        },
        timer: setTimeout(() => {
          state.waiting.splice(state.waiting.indexOf(waiter), 1);
          this.forget(key);
          resolve({ admitted: false, reason: 'waited-too-long' });
        }, this.limits.maxWaitMs),
      };
      state.waiting.push(waiter);
    });
  }

  /** Operations of `key` running and waiting, for tests and logs. */
  load(key: string): { running: number; waiting: number } {
    const state = this.keys.get(key);
    return { running: state?.running ?? 0, waiting: state?.waiting.length ?? 0 };
  }

  /** Hands the place to the first waiter, or frees it; a second call does nothing. */
  private releaser(key: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const state = this.keys.get(key)!;
      const next = state.waiting.shift();
      if (next) next.admit();
      else {
        state.running--;
        this.forget(key);
      }
    };
  }

  private forget(key: string) {
    const state = this.keys.get(key);
    if (state && state.running === 0 && state.waiting.length === 0) this.keys.delete(key);
  }
}
