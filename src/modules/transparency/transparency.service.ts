import type { Database } from '../../db/client.ts';
import { withHubRights } from '../../db/row-security.ts';
import { DENIAL_REASONS } from '../../db/schema/license-enums.ts';
import { END_USE_CHECK_KINDS, END_USE_OUTCOMES } from '../../db/schema/end-use-checks.ts';
import { REVIEW_LANE_VALUES } from '../../db/schema/license-applications.ts';
import { assertReportable, parseReportPeriod, quarterFrameOf, type ReportPeriod } from './report-period.ts';
import { decisionTimes, quarterTables, type DecisionTimes, type ReportTable, type TableSpec } from './report-tables.ts';
import { TransparencyRepository, type MonthlyCount } from './transparency.repository.ts';

export interface TransparencyReportData {
  readonly period: ReportPeriod;
  /** Counts from 1 to threshold−1 are suppressed. */
  readonly threshold: number;
  readonly generatedAt: Date;
  readonly tables: readonly ReportTable[];
  readonly decisionTimes: readonly DecisionTimes[];
}

export interface TransparencyOptions {
  /** Smallest count shown (default 5). */
  readonly threshold: number;
  readonly now?: () => Date;
}

const REPORT_CACHE_MS = 60_000;

const LANES = [...REVIEW_LANE_VALUES, 'NONE'];

export const REPORT_TABLES = {
  designationsAdded: { key: 'designationsAdded', title: 'Designations added', rowHeading: 'Programme', columnHeading: 'Authority' },
  designationsDelisted: { key: 'designationsDelisted', title: 'Designations delisted', rowHeading: 'Programme', columnHeading: 'Authority' },
  designationsExpired: { key: 'designationsExpired', title: 'Provisional designations lapsed at their sunset date', rowHeading: 'Programme', columnHeading: 'Authority' },
  licenseDecisions: {
    key: 'licenseDecisions',
    title: 'Licence decisions',
    rowHeading: 'Outcome',
    columnHeading: 'Review lane',
    rowOrder: ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'PROVISIONALLY_APPROVED', 'DENIED'],
    columnOrder: LANES,
  },
  endUseOutcomes: { key: 'endUseOutcomes', title: 'End-use check outcomes', rowHeading: 'Outcome', columnHeading: 'Kind of check', rowOrder: END_USE_OUTCOMES, columnOrder: END_USE_CHECK_KINDS },
  denialsNotified: { key: 'denialsNotified', title: 'Denials notified to partners', rowHeading: 'Reason', columnHeading: 'Denying agency', rowOrder: DENIAL_REASONS },
} as const satisfies Record<string, TableSpec>;

/**
 * The public transparency report: aggregates only, per fixed calendar month or quarter, small
 * counts suppressed with their complements. Needs no caller: it counts only what the policy
 * lets a public report count (src/policy/public-statistics.ts).
 */
export class TransparencyService {
  constructor(
    private readonly db: Database,
    private readonly options: TransparencyOptions,
  ) {}

  get threshold(): number {
    return this.options.threshold;
  }

  /** Reports by period, for a minute: anyone may ask, and a report is a few hundred milliseconds of work. */
  private readonly recent = new Map<string, { until: number; report: Promise<TransparencyReportData> }>();

  report(periodText: string): Promise<TransparencyReportData> {
    const now = this.options.now?.() ?? new Date();
    const period = parseReportPeriod(periodText);
    assertReportable(period, now);
    const cached = this.recent.get(period.label);
    if (cached && cached.until > now.getTime()) return cached.report;
    const report = this.build(period, now);
    this.recent.set(period.label, { until: now.getTime() + REPORT_CACHE_MS, report });
    report.catch(() => this.recent.delete(period.label));
    if (this.recent.size > 64) this.recent.delete(this.recent.keys().next().value!);
    return report;
  }

  private async build(period: ReportPeriod, now: Date): Promise<TransparencyReportData> {
    const frame = quarterFrameOf(period);
    const range = frame.quarter;
    // One snapshot for every figure, so that the tables agree with each other. The report counts
    // across every owner (what it may count is public-statistics.ts's decision, made in its SQL),
    // so it reads with the hub's rights, not the anonymous caller's row-level security.
    const data = await this.db.transaction(
      async (tx) =>
        withHubRights(tx, async () => {
        const repo = new TransparencyRepository(tx);
        return {
          designationsAdded: await repo.designationsAdded(range),
          designationsDelisted: await repo.designationsEnded(range, false),
          designationsExpired: await repo.designationsEnded(range, true),
          licenseDecisions: await repo.licenseDecisions(range),
          endUseOutcomes: await repo.endUseOutcomes(range),
          denialsNotified: await repo.denialsNotified(range),
          durations: await repo.decisionDurations(range),
        };
        }),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const threshold = this.options.threshold;
    const table = (spec: TableSpec, counts: MonthlyCount[]) => quarterTables(spec, frame, counts, threshold).get(period.label)!;
    const inPeriod = period.kind === 'QUARTER' ? data.durations : data.durations.filter((d) => d.month === period.label);
    return {
      period,
      threshold,
      generatedAt: now,
      tables: [
        table(REPORT_TABLES.designationsAdded, data.designationsAdded),
        table(REPORT_TABLES.designationsDelisted, data.designationsDelisted),
        table(REPORT_TABLES.designationsExpired, data.designationsExpired),
        table(REPORT_TABLES.licenseDecisions, data.licenseDecisions),
        table(REPORT_TABLES.endUseOutcomes, data.endUseOutcomes),
        table(REPORT_TABLES.denialsNotified, data.denialsNotified),
      ],
      decisionTimes: decisionTimes(inPeriod, threshold, LANES),
    };
  }
}
