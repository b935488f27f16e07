import { and, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { denialNotifications, designations, endUseChecks, licenseApplications, licenseTransitions } from '../../db/schema/index.ts';
import { publiclyCountable } from '../../policy/public-statistics.ts';
import type { ReportPeriod } from './report-period.ts';

/** One group of a count: the month it falls in, its row and column keys, how many. */
export interface MonthlyCount {
  month: string;
  row: string;
  column: string;
  count: number;
}

/** A decision and how long it took from submission, for the time-to-decision figures. */
export interface DecisionDuration {
  month: string;
  lane: string;
  days: number;
}

/** First-instance decisions, by the state they led to. */
export const DECISION_ACTIONS = ['approve', 'approveWithConditions', 'approveProvisionally', 'deny'] as const;

const monthOf = (instant: PgColumn | SQL) => sql<string>`to_char(${instant} at time zone 'UTC', 'YYYY-MM')`;
const count = sql<number>`count(*)::int`;
/** A designation counts once under each of its programmes; one without any under "(none)". */
const programOf = sql<string>`unnest(case when cardinality(${designations.programs}) = 0 then array['(none)'] else ${designations.programs} end)`;

const designationCountable = publiclyCountable({ marking: designations.marking, releasableTo: designations.releasableTo });
/** Lapsed at its sunset date (a provisional listing not confirmed), rather than delisted by decision. */
const lapsedAtSunset = sql`${designations.sunsetDate} is not null and (${designations.delistedAt} at time zone 'UTC')::date >= ${designations.sunsetDate}`;

/**
 * The aggregates behind the transparency report, over the publicly countable records only
 * (src/policy/public-statistics.ts). Each figure is dated by when the hub recorded it, never
 * by a date a user typed, so that a closed period's figures do not move afterwards (an
 * end-use check's outcome date is the exception: the check is counted in the month of the
 * outcome it reports).
 */
export class TransparencyRepository {
  constructor(private readonly db: Executor) {}

  /** Designations recorded on the hub in the range, by programme and listing authority. */
  designationsAdded(range: ReportPeriod): Promise<MonthlyCount[]> {
    return this.db
      .select({ month: monthOf(designations.createdAt), row: programOf, column: designations.ownerAgencyId, count })
      .from(designations)
      .where(and(gte(designations.createdAt, range.start), lt(designations.createdAt, range.end), designationCountable))
      .groupBy(sql`1, 2, 3`);
  }

  /** Designations delisted in the range by decision (`lapsed: false`) or lapsed at their sunset (`lapsed: true`). */
  designationsEnded(range: ReportPeriod, lapsed: boolean): Promise<MonthlyCount[]> {
    return this.db
      .select({ month: monthOf(designations.delistedAt), row: programOf, column: designations.ownerAgencyId, count })
      .from(designations)
      .where(
        and(
          eq(designations.status, 'DELISTED'),
          isNotNull(designations.delistedAt),
          gte(designations.delistedAt, range.start),
          lt(designations.delistedAt, range.end),
          lapsed ? lapsedAtSunset : sql`not coalesce(${lapsedAtSunset}, false)`,
          designationCountable,
        ),
      )
      .groupBy(sql`1, 2, 3`);
  }

  /** First-instance licence decisions in the range, by outcome and review lane. */
  licenseDecisions(range: ReportPeriod): Promise<MonthlyCount[]> {
    return this.db
      .select({
        month: monthOf(licenseTransitions.at),
        row: sql<string>`${licenseTransitions.toState}::text`,
        column: sql<string>`coalesce(${licenseApplications.lane}::text, 'NONE')`,
        count,
      })
      .from(licenseTransitions)
      .innerJoin(licenseApplications, eq(licenseApplications.id, licenseTransitions.applicationId))
      .where(
        and(
          inArray(licenseTransitions.action, [...DECISION_ACTIONS]),
          gte(licenseTransitions.at, range.start),
          lt(licenseTransitions.at, range.end),
          publiclyCountable({ marking: licenseApplications.marking, releasableTo: licenseApplications.releasableTo }),
        ),
      )
      .groupBy(sql`1, 2, 3`);
  }

  /** Days from submission to each first-instance decision in the range. */
  decisionDurations(range: ReportPeriod): Promise<DecisionDuration[]> {
    const submitted = sql`(select min(s.at) from license_transitions s where s.application_id = ${licenseTransitions.applicationId} and s.action = 'submit')`;
    return this.db
      .select({
        month: monthOf(licenseTransitions.at),
        lane: sql<string>`coalesce(${licenseApplications.lane}::text, 'NONE')`,
        days: sql<number>`(extract(epoch from ${licenseTransitions.at} - ${submitted}) / 86400)::float8`,
      })
      .from(licenseTransitions)
      .innerJoin(licenseApplications, eq(licenseApplications.id, licenseTransitions.applicationId))
      .where(
        and(
          inArray(licenseTransitions.action, [...DECISION_ACTIONS]),
          gte(licenseTransitions.at, range.start),
          lt(licenseTransitions.at, range.end),
          sql`${submitted} is not null`,
          publiclyCountable({ marking: licenseApplications.marking, releasableTo: licenseApplications.releasableTo }),
        ),
      );
  }

  /** End-use checks completed in the range, by outcome and kind. */
  endUseOutcomes(range: ReportPeriod): Promise<MonthlyCount[]> {
    const outcomeMonth = sql<string>`to_char(${endUseChecks.outcomeDate}::date, 'YYYY-MM')`;
    return this.db
      .select({ month: outcomeMonth, row: sql<string>`${endUseChecks.outcome}::text`, column: sql<string>`${endUseChecks.kind}::text`, count })
      .from(endUseChecks)
      .where(
        and(
          isNotNull(endUseChecks.outcome),
          gte(endUseChecks.outcomeDate, isoDay(range.start)),
          lt(endUseChecks.outcomeDate, isoDay(range.end)),
          publiclyCountable({ marking: endUseChecks.marking, releasableTo: endUseChecks.releasableTo }),
        ),
      )
      .groupBy(sql`1, 2, 3`);
  }

  /** Denials notified to partners in the range, by reason and denying agency. */
  denialsNotified(range: ReportPeriod): Promise<MonthlyCount[]> {
    return this.db
      .select({
        month: monthOf(denialNotifications.createdAt),
        row: sql<string>`${denialNotifications.reasonCategory}::text`,
        column: denialNotifications.ownerAgencyId,
        count,
      })
      .from(denialNotifications)
      .where(
        and(
          gte(denialNotifications.createdAt, range.start),
          lt(denialNotifications.createdAt, range.end),
          publiclyCountable({ marking: denialNotifications.marking, releasableTo: denialNotifications.releasableTo }),
        ),
      )
      .groupBy(sql`1, 2, 3`);
  }
}

const isoDay = (instant: Date) => instant.toISOString().slice(0, 10);
