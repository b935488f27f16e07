import { describe, expect, it } from 'vitest';
import { assertReportable, latestClosedQuarter, parseReportPeriod, quarterFrameOf, shiftPeriod } from '../../src/modules/transparency/report-period.ts';
import { AppError } from '../../src/lib/errors.ts';

describe('report periods', () => {
  it('reads calendar months and quarters only', () => {
    expect(parseReportPeriod('2026-11')).toMatchObject({ label: '2026-11', kind: 'MONTH', start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') });
    expect(parseReportPeriod('2026-q4')).toMatchObject({ label: '2026-Q4', kind: 'QUARTER', start: new Date('2026-10-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    for (const bad of ['2026-13', '2026-11-01', '2026-Q5', 'last month', '2026-01..2026-03', '']) {
      expect(() => parseReportPeriod(bad)).toThrow(AppError);
    }
  });

  it('puts a month in its quarter and steps across years', () => {
    expect(quarterFrameOf(parseReportPeriod('2026-05')).quarter.label).toBe('2026-Q2');
    expect(quarterFrameOf(parseReportPeriod('2026-Q2')).months.map((m) => m.label)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(shiftPeriod(parseReportPeriod('2026-01'), -1).label).toBe('2025-12');
    expect(shiftPeriod(parseReportPeriod('2026-Q4'), 1).label).toBe('2027-Q1');
  });

  it('reports only periods whose quarter has ended', () => {
    const now = new Date('2026-12-04T10:00:00Z');
    expect(latestClosedQuarter(now).label).toBe('2026-Q3');
    expect(latestClosedQuarter(new Date('2027-02-01T00:00:00Z')).label).toBe('2026-Q4');
    expect(() => assertReportable(parseReportPeriod('2026-Q3'), now)).not.toThrow();
    // October is over, but its quarter is not: reporting it would let Q4 be differenced later.
    expect(() => assertReportable(parseReportPeriod('2026-10'), now)).toThrow(/not closed yet/);
  });
});
