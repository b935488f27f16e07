import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackerBounds, propagate, suppressSmallCounts, type Bounds, type CountSystem, type Disclosure } from '../../src/modules/transparency/cell-suppression.ts';
import { quarterTables, decisionTimes, median, nearestRank } from '../../src/modules/transparency/report-tables.ts';
import { monthPeriod, quarterFrameOf } from '../../src/modules/transparency/report-period.ts';

/**
 * A complete attacker for small systems: is there any assignment of the hidden counts, consistent
 * with every published figure, every equation and the rule ("<t" is 0..t−1, "x" at least t, a
 * withheld figure anything up to the largest count), in which `target` differs from its true
 * value? If not, the report gives the count away.
 */
function recoverable(system: CountSystem, disclosure: readonly Disclosure[], threshold: number, target: number): boolean {
  const cap = Math.max(...system.values);
  const start: Bounds[] = disclosure.map((d, i) =>
    d === 'PUBLISHED'
      ? { lo: system.values[i]!, hi: system.values[i]! }
      : d === 'PRIMARY'
        ? { lo: 0, hi: threshold - 1 }
        : d === 'WITHHELD'
          ? { lo: 0, hi: cap }
          : { lo: threshold, hi: cap },
  );
  const truth = system.values[target]!;
  const others = [
    { lo: start[target]!.lo, hi: truth - 1 },
    { lo: truth + 1, hi: start[target]!.hi },
  ];
  return !others.some((range) => {
    if (range.lo > range.hi) return false;
    const bounds = start.map((b) => ({ ...b }));
    bounds[target] = range;
    return solvable(system, bounds);
  });
}

function solvable(system: CountSystem, start: Bounds[]): boolean {
  const bounds = propagate(system.equations, start);
  if (bounds === undefined) return false;
  let pick = -1;
  for (let i = 0; i < bounds.length; i++) if (bounds[i]!.lo !== bounds[i]!.hi && (pick < 0 || bounds[i]!.hi - bounds[i]!.lo < bounds[pick]!.hi - bounds[pick]!.lo)) pick = i;
  if (pick < 0) return system.equations.every((e) => bounds[e.total]!.lo === e.parts.reduce((s, p) => s + bounds[p]!.lo, 0));
  for (let v = bounds[pick]!.lo; v <= bounds[pick]!.hi; v++) {
    const next = bounds.map((b) => ({ ...b }));
    next[pick] = { lo: v, hi: v };
    if (solvable(system, next)) return true;
  }
  return false;
}

/** What to print of each count, where every small count can be protected. */
function printed(system: CountSystem): Disclosure[] {
  const plan = suppressSmallCounts(system, 5);
  if (!('disclosure' in plan)) throw new Error(`counts ${plan.unprotectable.join(', ')} cannot be protected`);
  return plan.disclosure;
}

/** A row with a total: the textbook case that primary suppression alone loses. */
const rowWithTotal = (cells: number[]): CountSystem => ({
  values: [...cells, cells.reduce((a, b) => a + b, 0)],
  equations: [{ total: cells.length, parts: cells.map((_, i) => i) }],
});

describe('small-cell suppression', () => {
  it('hides counts from 1 to threshold−1 and keeps zeros and larger counts', () => {
    const disclosure = printed({ values: [0, 1, 4, 5, 90], equations: [] });
    expect(disclosure).toEqual(['PUBLISHED', 'PRIMARY', 'PRIMARY', 'PUBLISHED', 'PUBLISHED']);
  });

  it('hides a second cell when a row total would give the first one away', () => {
    const system = rowWithTotal([3, 12, 40]);
    // Without the complement: 55 − 12 − 40 = 3.
    expect(attackerBounds(system, ['PRIMARY', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED'], 5)[0]).toEqual({ lo: 3, hi: 3 });
    const disclosure = printed(system);
    expect(disclosure).toEqual(['PRIMARY', 'COMPLEMENTARY', 'PUBLISHED', 'PUBLISHED']);
    expect(attackerBounds(system, disclosure, 5).slice(0, 2)).toEqual([
      { lo: 0, hi: 4 },
      { lo: 11, hi: 15 },
    ]);
    expect(recoverable(system, disclosure, 5, 0)).toBe(false);
    expect(recoverable(system, disclosure, 5, 1)).toBe(false);
  });

  it('hides a zero rather than a larger count where one will do', () => {
    const system = rowWithTotal([3, 0, 40]);
    expect(printed(system)).toEqual(['PRIMARY', 'PRIMARY', 'PUBLISHED', 'PUBLISHED']);
  });

  it('knows that an "x" is at least the threshold and a "<5" at most 4', () => {
    // Hidden 4 and 5 in a row of total 9 with a published 0: 4 ≤ 4 and 5 ≥ 5 pin both, so more must go.
    const system = { values: [4, 5, 7, 16, 2, 5, 3, 10, 6, 10, 10, 26], equations: [
      { total: 3, parts: [0, 1, 2] }, { total: 7, parts: [4, 5, 6] }, { total: 11, parts: [3, 7] },
      { total: 8, parts: [0, 4] }, { total: 9, parts: [1, 5] }, { total: 10, parts: [2, 6] }, { total: 11, parts: [8, 9, 10] },
    ] };
    const disclosure = printed(system);
    for (let i = 0; i < system.values.length; i++) if (disclosure[i] !== 'PUBLISHED') expect(recoverable(system, disclosure, 5, i)).toBe(false);
  });

  it('refuses a threshold that cannot protect anything', () => {
    expect(() => suppressSmallCounts(rowWithTotal([1, 9]), 2)).toThrow(/at least 3/);
  });

  // SUPPRESSION_RUNS=3000 for a long run; the complete attacker takes up to ~50 ms a case on a busy machine.
  const runs = Number(process.env.SUPPRESSION_RUNS ?? 40);
  it('no hidden count of a quarter report can be recovered from totals or from the other periods (complete attacker)', { timeout: Math.max(60_000, runs * 100) }, () => {
    fc.assert(quarterReportProtected, { numRuns: runs });
  });

  it('protects a month that is the whole quarter, where hiding zeros of the empty months and "x" at the threshold pinned every count (recorded counterexample)', () => {
    // Property run seed -1419803334, path 23:7:2:8:10:13:13:1:5:11: April is the quarter, its 5s
    // sit at the threshold, and the greedy choice of zeros from May and June hid every count of the
    // system and still gave them away, then gave up ("cannot be protected").
    fc.assert(quarterReportProtected, { seed: -1419803334, path: '23:7:2:8:10:13:13:1:5:11', endOnFailure: true });
    expectProtected([
      { month: '2026-04', row: 'A', column: 'x2', count: 4 },
      { month: '2026-04', row: 'A', column: 'x1', count: 3 },
      { month: '2026-04', row: 'A', column: 'x2', count: 1 },
      { month: '2026-04', row: 'C', column: 'x1', count: 2 },
    ]);
  });

  it('withholds the tables no suppression can protect, and the quarter that would difference them back, instead of failing the report (recorded counterexample)', () => {
    // Property run seed 1795929922, path 663:2:5:9:11:12: one row, so every cell is its column's
    // total; June's 1 and 4 make 5 and the quarter's largest count 6 pins them even with every
    // figure of the quarter hidden, so no pattern protects them ("cannot be protected").
    fc.assert(quarterReportProtected, { seed: 1795929922, path: '663:2:5:9:11:12', endOnFailure: true });
    const rows = [
      { month: '2026-04', row: 'A', column: 'x2', count: 1 },
      { month: '2026-06', row: 'A', column: 'x2', count: 4 },
      { month: '2026-06', row: 'A', column: 'x1', count: 1 },
    ];
    expectProtected(rows);
    const tables = quarterTables({ key: 't', title: 'T', rowHeading: 'r', columnHeading: 'c' }, QUARTER, rows, 5);
    expect(tables.get('2026-06')!.withheld).toMatch(/count under 5/);
    expect(tables.get('2026-Q2')!.withheld).not.toBeNull();
    // April and May are printed: with June and the quarter unknown, April's 1 is only "<5".
    expect(tables.get('2026-04')!.rows[0]!.cells.map((c) => c.display)).toEqual(['0', '<5']);
    expect(tables.get('2026-05')!.withheld).toBeNull();
  });

  it('ends its narrowing where a trial value is impossible only because an "x" is unbounded (recorded counterexample)', () => {
    // fc.sample seed 42, case 534: probing a hidden count raised the lower bounds of a cycle of
    // totals one step at a time for ever (the queue grew until the process ran out of memory);
    // the attacker knows the largest count, which bounds every "x".
    expectProtected([
      { month: '2026-05', row: 'A', column: 'x2', count: 4 },
      { month: '2026-05', row: 'C', column: 'x2', count: 6 },
      { month: '2026-04', row: 'C', column: 'x1', count: 2 },
      { month: '2026-05', row: 'C', column: 'x2', count: 6 },
      { month: '2026-06', row: 'C', column: 'x1', count: 4 },
      { month: '2026-05', row: 'C', column: 'x1', count: 1 },
      { month: '2026-04', row: 'A', column: 'x2', count: 2 },
      { month: '2026-05', row: 'A', column: 'x1', count: 2 },
    ]);
  });

  it('publishes the same figures the tables print, and the quarter as the sum of its months', () => {
    const frame = quarterFrameOf(monthPeriod(2026, 7));
    const rows = [
      { month: '2026-07', row: 'IRAN', column: 'us-ofac', count: 40 },
      { month: '2026-08', row: 'IRAN', column: 'us-ofac', count: 22 },
      { month: '2026-09', row: 'IRAN', column: 'gb-ofsi', count: 2 },
      { month: '2026-09', row: 'RUSSIA', column: 'gb-ofsi', count: 60 },
      { month: '2026-09', row: 'RUSSIA', column: 'us-ofac', count: 31 },
    ];
    const tables = quarterTables({ key: 't', title: 'T', rowHeading: 'Programme', columnHeading: 'Authority' }, frame, rows, 5);
    const quarter = tables.get('2026-Q3')!;
    expect(quarter.columns).toEqual(['gb-ofsi', 'us-ofac']);
    expect(quarter.rows.map((r) => r.label)).toEqual(['IRAN', 'RUSSIA']);
    expect(quarter.rows[0]!.cells[0]!.display).toBe('<5');
    for (const table of tables.values()) {
      for (const cell of table.rows.flatMap((r) => [...r.cells, r.total]).concat(table.columnTotals, [table.total])) {
        if (cell.value !== null) expect(cell.value === 0 || cell.value >= 5).toBe(true);
        else expect(cell.display).toBe(cell.disclosure === 'PRIMARY' ? '<5' : 'x');
      }
    }
    const september = tables.get('2026-09')!;
    expect(september.rows[0]!.cells[0]!.display).toBe('<5');
    // Every table is consistent with what it shows: published rows add up where nothing is hidden.
    for (const table of tables.values()) {
      for (const row of table.rows) {
        if ([...row.cells, row.total].every((c) => c.value !== null)) expect(row.cells.reduce((s, c) => s + c.value!, 0)).toBe(row.total.value);
      }
    }
  });
});

const QUARTER = quarterFrameOf(monthPeriod(2026, 4));

/** Small quarters of generated counts: three rows, two columns, counts around the threshold. */
const quarterCounts = fc.array(
  fc.record({ month: fc.constantFrom(...QUARTER.months.map((m) => m.label)), row: fc.constantFrom('A', 'B', 'C'), column: fc.constantFrom('x1', 'x2'), count: fc.integer({ min: 1, max: 7 }) }),
  { minLength: 1, maxLength: 10 },
);

type QuarterRow = { month: string; row: string; column: string; count: number };

/**
 * The quarter's four tables as the hub prints them, checked against the complete attacker: every
 * count 1..4 is "<5" or in a withheld table, a table is printed whole or withheld whole (with a
 * reason), and no figure the reports do not print — suppressed or withheld — can be pinned.
 */
function expectProtected(rows: QuarterRow[]): void {
  const built = buildSystem(QUARTER, rows);
  const tables = quarterTables({ key: 't', title: 'T', rowHeading: 'r', columnHeading: 'c' }, QUARTER, rows, 5);
  const disclosure = printedDisclosure(QUARTER, rows, tables);
  built.values.forEach((v, i) => {
    if (v > 0 && v < 5) expect(['PRIMARY', 'WITHHELD']).toContain(disclosure[i]);
    if (disclosure[i] !== 'PUBLISHED') expect(recoverable(built, disclosure, 5, i), `count ${i} = ${v} recovered`).toBe(false);
  });
  for (const table of tables.values()) {
    if (table.withheld === null) continue;
    expect(table.withheld).toMatch(/\S/);
    expect([table.rows, table.columns, table.columnTotals]).toEqual([[], [], []]);
    expect(table.total).toMatchObject({ value: null, disclosure: 'WITHHELD' });
  }
}

/** What the printed tables say of each figure, in buildSystem's layout: a withheld table's figures all WITHHELD. */
function printedDisclosure(frame: ReturnType<typeof quarterFrameOf>, rows: QuarterRow[], tables: ReturnType<typeof quarterTables>): Disclosure[] {
  const R = [...new Set(rows.map((r) => r.row))].sort();
  const C = [...new Set(rows.map((r) => r.column))].sort();
  return [...frame.months.map((m) => m.label), frame.quarter.label].flatMap((p) => {
    const table = tables.get(p)!;
    const perPeriod = R.length * C.length + R.length + C.length + 1;
    if (table.withheld !== null) return Array.from({ length: perPeriod }, (): Disclosure => 'WITHHELD');
    expect([table.rows.map((r) => r.label), table.columns]).toEqual([R, C]);
    return [...table.rows.flatMap((r) => r.cells), ...table.rows.map((r) => r.total), ...table.columnTotals, table.total].map((c) => c.disclosure);
  });
}

const quarterReportProtected = fc.property(quarterCounts, expectProtected);


/** The system quarterTables builds, rebuilt through its output to keep the test independent of its layout. */
function buildSystem(frame: ReturnType<typeof quarterFrameOf>, rows: { month: string; row: string; column: string; count: number }[]): CountSystem {
  const periods = [...frame.months.map((m) => m.label), frame.quarter.label];
  const R = [...new Set(rows.map((r) => r.row))].sort();
  const C = [...new Set(rows.map((r) => r.column))].sort();
  const values: number[] = [];
  const equations: CountSystem['equations'][number][] = [];
  const index = new Map<string, number>();
  const at = (key: string, value: number) => {
    index.set(key, values.length);
    values.push(value);
  };
  const count = (p: string, r: string, c: string) =>
    rows.filter((x) => (p === frame.quarter.label || x.month === p) && x.row === r && x.column === c).reduce((s, x) => s + x.count, 0);
  for (const p of periods) {
    for (const r of R) for (const c of C) at(`${p}/${r}/${c}`, count(p, r, c));
    for (const r of R) at(`${p}/${r}/*`, C.reduce((s, c) => s + count(p, r, c), 0));
    for (const c of C) at(`${p}/*/${c}`, R.reduce((s, r) => s + count(p, r, c), 0));
    at(`${p}/*/*`, R.reduce((s, r) => s + C.reduce((t, c) => t + count(p, r, c), 0), 0));
    for (const r of R) equations.push({ total: index.get(`${p}/${r}/*`)!, parts: C.map((c) => index.get(`${p}/${r}/${c}`)!) });
    for (const c of C) equations.push({ total: index.get(`${p}/*/${c}`)!, parts: R.map((r) => index.get(`${p}/${r}/${c}`)!) });
    equations.push({ total: index.get(`${p}/*/*`)!, parts: R.map((r) => index.get(`${p}/${r}/*`)!) });
    equations.push({ total: index.get(`${p}/*/*`)!, parts: C.map((c) => index.get(`${p}/*/${c}`)!) });
  }
  for (const key of [...index.keys()].filter((k) => k.startsWith(`${frame.quarter.label}/`))) {
    const rest = key.slice(frame.quarter.label.length);
    equations.push({ total: index.get(key)!, parts: frame.months.map((m) => index.get(`${m.label}${rest}`)!) });
  }
  return { values, equations };
}

describe('time to decision', () => {
  it('gives median and nearest-rank 90th percentile, and nothing for lanes under the threshold', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    const durations = [...[1, 2, 3, 4, 5, 6].map((days) => ({ lane: 'FAST_TRACK', days })), { lane: 'ESCALATED', days: 40 }];
    const times = decisionTimes(durations, 5, ['FAST_TRACK', 'STANDARD_REVIEW', 'ESCALATED']);
    expect(times).toEqual([
      { lane: 'FAST_TRACK', medianDays: 3.5, percentile90Days: 6, note: null },
      { lane: 'ESCALATED', medianDays: null, percentile90Days: null, note: 'fewer than 5 decisions' },
      { lane: 'ALL', medianDays: 4, percentile90Days: 40, note: null },
    ]);
  });
});
