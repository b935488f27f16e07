import type { CountEquation, Disclosure } from './cell-suppression.ts';
import { withholdUnprotectableTables, type WithholdingReason } from './table-withholding.ts';
import type { QuarterFrame, ReportPeriod } from './report-period.ts';

/** What a table counts: its rows by one key, its columns by another. */
export interface TableSpec {
  readonly key: string;
  readonly title: string;
  readonly rowHeading: string;
  readonly columnHeading: string;
  /** Known keys in their natural order (an enum's); others follow alphabetically. */
  readonly rowOrder?: readonly string[];
  readonly columnOrder?: readonly string[];
}

export interface ReportCell {
  /** The count, or null where it is suppressed or withheld. */
  readonly value: number | null;
  /** As printed: the count, "<5" (primary suppression), "x" (complementary) or "withheld". */
  readonly display: string;
  readonly disclosure: Disclosure;
}

export interface ReportRow {
  readonly label: string;
  readonly cells: readonly ReportCell[];
  readonly total: ReportCell;
}

export interface ReportTable extends TableSpec {
  /** Why the table is withheld (then it has no rows, columns or figures, and its total says so), or null. */
  readonly withheld: string | null;
  readonly columns: readonly string[];
  readonly rows: readonly ReportRow[];
  readonly columnTotals: readonly ReportCell[];
  readonly total: ReportCell;
}

export interface MonthlyCountLike {
  readonly month: string;
  readonly row: string;
  readonly column: string;
  readonly count: number;
}

export const COMPLEMENTARY_MARK = 'x';
export const WITHHELD_MARK = 'withheld';

/**
 * One table for each period of a quarter (its three months and the quarter itself), suppressed
 * together: every row and column total, and every quarter figure as the sum of its months, is
 * an equation the attacker may use, so all four are protected as one system. Rows and columns
 * are those with any count in the quarter, the same in every month. A period whose small counts
 * no suppression protects is withheld whole, and with a month the quarter (the quarter minus the
 * other two months would give it back).
 */
export function quarterTables(spec: TableSpec, frame: QuarterFrame, counts: readonly MonthlyCountLike[], threshold: number): Map<string, ReportTable> {
  const rows = ordered(new Set(counts.filter((c) => c.count > 0).map((c) => c.row)), spec.rowOrder);
  const columns = ordered(new Set(counts.filter((c) => c.count > 0).map((c) => c.column)), spec.columnOrder);
  const R = rows.length;
  const C = columns.length;
  const months = frame.months.map((m) => m.label);
  const periods: ReportPeriod[] = [...frame.months, frame.quarter];

  // Layout of the counts of one period: cells row-major, then row totals, column totals, grand total.
  const perPeriod = R * C + R + C + 1;
  const cell = (p: number, r: number, c: number) => p * perPeriod + r * C + c;
  const rowTotal = (p: number, r: number) => p * perPeriod + R * C + r;
  const columnTotal = (p: number, c: number) => p * perPeriod + R * C + R + c;
  const grand = (p: number) => p * perPeriod + R * C + R + C;

  const values = new Array<number>(perPeriod * periods.length).fill(0);
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const columnIndex = new Map(columns.map((c, i) => [c, i]));
  for (const { month, row, column, count } of counts) {
    const p = months.indexOf(month);
    const r = rowIndex.get(row);
    const c = columnIndex.get(column);
    if (p < 0 || r === undefined || c === undefined) continue;
    values[cell(p, r, c)]! += count;
  }
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) values[cell(3, r, c)] = values[cell(0, r, c)]! + values[cell(1, r, c)]! + values[cell(2, r, c)]!;

  const equations: CountEquation[] = [];
  for (let p = 0; p < periods.length; p++) {
    for (let r = 0; r < R; r++) {
      const parts = columns.map((_, c) => cell(p, r, c));
      values[rowTotal(p, r)] = sum(parts.map((i) => values[i]!));
      equations.push({ total: rowTotal(p, r), parts });
    }
    for (let c = 0; c < C; c++) {
      const parts = rows.map((_, r) => cell(p, r, c));
      values[columnTotal(p, c)] = sum(parts.map((i) => values[i]!));
      equations.push({ total: columnTotal(p, c), parts });
    }
    values[grand(p)] = sum(rows.map((_, r) => values[rowTotal(p, r)]!));
    equations.push({ total: grand(p), parts: rows.map((_, r) => rowTotal(p, r)) });
    equations.push({ total: grand(p), parts: columns.map((_, c) => columnTotal(p, c)) });
  }
  // The quarter is the sum of its months, figure by figure.
  for (let k = 0; k < perPeriod; k++) equations.push({ total: 3 * perPeriod + k, parts: [k, perPeriod + k, 2 * perPeriod + k] });

  const quarterIndex = periods.length - 1;
  const plan = withholdUnprotectableTables({ values, equations, tableOf: values.map((_, i) => Math.floor(i / perPeriod)) }, threshold, (p) =>
    p === quarterIndex ? [] : [quarterIndex],
  );
  const shown = (i: number): ReportCell => {
    const d = plan.disclosure[i]!;
    if (d === 'PUBLISHED') return { value: values[i]!, display: String(values[i]), disclosure: d };
    return { value: null, display: d === 'PRIMARY' ? `<${threshold}` : COMPLEMENTARY_MARK, disclosure: d };
  };

  const tables = new Map<string, ReportTable>();
  periods.forEach((period, p) => {
    const reason = plan.withheld.get(p);
    if (reason !== undefined) {
      const withheld = withholdingText(reason, threshold, periods);
      tables.set(period.label, { ...spec, withheld, columns: [], rows: [], columnTotals: [], total: { value: null, display: WITHHELD_MARK, disclosure: 'WITHHELD' } });
      return;
    }
    tables.set(period.label, {
      ...spec,
      withheld: null,
      columns,
      rows: rows.map((label, r) => ({ label, cells: columns.map((_, c) => shown(cell(p, r, c))), total: shown(rowTotal(p, r)) })),
      columnTotals: columns.map((_, c) => shown(columnTotal(p, c))),
      total: shown(grand(p)),
    });
  });
  return tables;
}

function withholdingText(reason: WithholdingReason, threshold: number, periods: readonly ReportPeriod[]): string {
  if (reason.kind === 'UNPROTECTABLE') {
    return `A count under ${threshold} in this table could be worked out from the other figures of the quarter whatever else was suppressed.`;
  }
  return `Withheld with ${periods[reason.table]!.label}: that table could be worked out from this one.`;
}

function ordered(keys: Set<string>, natural: readonly string[] = []): string[] {
  const known = natural.filter((k) => keys.has(k));
  const rest = [...keys].filter((k) => !natural.includes(k)).sort();
  return [...known, ...rest];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Median and 90th percentile of days to decision, for one lane or all. */
export interface DecisionTimes {
  readonly lane: string;
  readonly medianDays: number | null;
  readonly percentile90Days: number | null;
  /** Why the figures are missing, when they are. */
  readonly note: string | null;
}

/**
 * Time from submission to decision per lane and overall. A lane with fewer decisions than the
 * threshold gets no figures (a median of three decisions is one applicant's case); the count of
 * decisions itself is never repeated here, the decisions table carries it with its suppression.
 */
export function decisionTimes(durations: readonly { lane: string; days: number }[], threshold: number, laneOrder: readonly string[] = []): DecisionTimes[] {
  const byLane = new Map<string, number[]>();
  for (const { lane, days } of durations) byLane.set(lane, [...(byLane.get(lane) ?? []), days]);
  const lanes = ordered(new Set(byLane.keys()), laneOrder);
  const figures = (lane: string, days: number[]): DecisionTimes =>
    days.length < threshold
      ? { lane, medianDays: null, percentile90Days: null, note: `fewer than ${threshold} decisions` }
      : { lane, medianDays: round1(median(days)), percentile90Days: round1(nearestRank(days, 0.9)), note: null };
  return [...lanes.map((lane) => figures(lane, byLane.get(lane)!)), figures('ALL', durations.map((d) => d.days))];
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile: a value that occurred, never an interpolation. */
export function nearestRank(xs: readonly number[], fraction: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
