import { invalidInput } from '../../lib/errors.ts';

/**
 * The fixed periods a transparency report covers: a calendar month (`2026-11`) or quarter
 * (`2026-Q4`). Arbitrary ranges are refused on purpose: two overlapping ranges could be
 * differenced to isolate a single day. A month is always reported together with its quarter
 * (suppression works on the quarter and its three months as one system), so the quarter can
 * never be differenced against its months either.
 */
export interface ReportPeriod {
  readonly label: string;
  readonly kind: 'MONTH' | 'QUARTER';
  /** First instant of the period (UTC). */
  readonly start: Date;
  /** First instant after the period (UTC). */
  readonly end: Date;
}

export interface QuarterFrame {
  readonly quarter: ReportPeriod;
  readonly months: readonly [ReportPeriod, ReportPeriod, ReportPeriod];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function parseReportPeriod(text: string): ReportPeriod {
  const trimmed = text.trim().toUpperCase();
  const month = MONTH.exec(trimmed);
  if (month) return monthPeriod(Number(month[1]), Number(month[2]));
  const quarter = QUARTER.exec(trimmed);
  if (quarter) return quarterPeriod(Number(quarter[1]), Number(quarter[2]));
  throw invalidInput('period', `${JSON.stringify(text.slice(0, 40))} is not a calendar month (2026-11) or quarter (2026-Q4)`);
}

export function monthPeriod(year: number, month: number): ReportPeriod {
  return {
    label: `${year}-${String(month).padStart(2, '0')}`,
    kind: 'MONTH',
    start: new Date(Date.UTC(year, month - 1, 1)),
    end: new Date(Date.UTC(year, month, 1)),
  };
}

export function quarterPeriod(year: number, quarter: number): ReportPeriod {
  return {
    label: `${year}-Q${quarter}`,
    kind: 'QUARTER',
    start: new Date(Date.UTC(year, (quarter - 1) * 3, 1)),
    end: new Date(Date.UTC(year, quarter * 3, 1)),
  };
}

/** The quarter a period lies in, with its three months in order. */
export function quarterFrameOf(period: ReportPeriod): QuarterFrame {
  const year = period.start.getUTCFullYear();
  const quarter = Math.floor(period.start.getUTCMonth() / 3) + 1;
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    quarter: quarterPeriod(year, quarter),
    months: [monthPeriod(year, firstMonth), monthPeriod(year, firstMonth + 1), monthPeriod(year, firstMonth + 2)],
  };
}

/**
 * Only periods whose quarter has ended are reported. While a period is open its figures move
 * with every new record, and two reports of it taken a day apart would differ by exactly what
 * happened that day — the differencing the fixed periods are there to prevent.
 */
export function assertReportable(period: ReportPeriod, now: Date): void {
  const { quarter } = quarterFrameOf(period);
  if (quarter.end.getTime() > now.getTime()) {
    throw invalidInput('period', `${period.label} is not closed yet: reports cover quarters that have ended (${quarter.label} ends ${quarter.end.toISOString().slice(0, 10)})`);
  }
}

/** The most recent quarter that has ended, the page's default. */
export function latestClosedQuarter(now: Date): ReportPeriod {
  const currentQuarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const year = now.getUTCFullYear();
  return currentQuarter === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, currentQuarter - 1);
}

/** The period of the same kind `step` periods away (−1: the one before). */
export function shiftPeriod(period: ReportPeriod, step: number): ReportPeriod {
  const year = period.start.getUTCFullYear();
  if (period.kind === 'MONTH') {
    const index = year * 12 + period.start.getUTCMonth() + step;
    return monthPeriod(Math.floor(index / 12), (index % 12) + 1);
  }
  const index = year * 4 + Math.floor(period.start.getUTCMonth() / 3) + step;
  return quarterPeriod(Math.floor(index / 4), (index % 4) + 1);
}
