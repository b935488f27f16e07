import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from '../../src/server/concurrency-gate.ts';

describe('the per-agency gate for expensive operations', () => {
  it('admits up to the limit at once, queues the next in order, and refuses beyond the queue', async () => {
    const gate = new ConcurrencyGate({ running: 2, queued: 2, maxWaitMs: 10_000 });
    const first = await gate.enter('us-ofac');
    const second = await gate.enter('us-ofac');
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    const order: string[] = [];
    const third = gate.enter('us-ofac').then((a) => (order.push('third'), a));
    const fourth = gate.enter('us-ofac').then((a) => (order.push('fourth'), a));
    expect(await gate.enter('us-ofac')).toEqual({ admitted: false, reason: 'queue-full' });
    expect(gate.load('us-ofac')).toEqual({ running: 2, waiting: 2 });
    // Another agency is not held up by this one's queue.
    const other = await gate.enter('gb-ofsi');
    expect(other.admitted).toBe(true);

    if (first.admitted) first.release();
    if (first.admitted) first.release(); // a second release frees nothing more
    const admittedThird = await third;
    expect(admittedThird.admitted).toBe(true);
    expect(gate.load('us-ofac')).toEqual({ running: 2, waiting: 1 });
    if (second.admitted) second.release();
    expect((await fourth).admitted).toBe(true);
    expect(order).toEqual(['third', 'fourth']);
  });

  it('refuses an operation that waited longer than allowed, and forgets idle agencies', async () => {
    const gate = new ConcurrencyGate({ running: 1, queued: 5, maxWaitMs: 20 });
    const held = await gate.enter('us-ofac');
    expect(await gate.enter('us-ofac')).toEqual({ admitted: false, reason: 'waited-too-long' });
    expect(gate.load('us-ofac')).toEqual({ running: 1, waiting: 0 });
    if (held.admitted) held.release();
    expect(gate.load('us-ofac')).toEqual({ running: 0, waiting: 0 });
    expect((await gate.enter('us-ofac')).admitted).toBe(true);
  });
});
