import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { RecordType } from './catalogue.ts';
import type { AccessDecision } from './decision.ts';

/** How a table stores what the decision reads: owner, marking, releasability, condition attributes. */
export interface AccessColumns {
  readonly owner: PgColumn;
  readonly marking: PgColumn;
  readonly releasableTo: PgColumn;
  /** Agencies named on the record that see it whole, like its owner (see `AccessDecision.releasedFields`). */
  readonly participants?: PgColumn;
  /** Condition attribute → SQL testing that the record has one of `values`. */
  readonly conditions: Readonly<Record<string, (values: readonly string[]) => SQL>>;
}

/** `column` holds one of `values`. */
export const oneOf = (column: PgColumn) => (values: readonly string[]) => inArray(column, [...values]);
/** The array `column` shares an element with `values`. */
export const overlaps = (column: PgColumn) => (values: readonly string[]) =>
  sql`${column} && ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/**
 * The SQL form of `AccessDecision.releasedFields(...) !== null`: the caller's own records, or
 * records another owner granted it within the ceiling, releasable to it, matching the
 * grant's conditions. Rows outside it never leave the database, so lists, counts, lookups
 * and searches agree on what exists.
 */
export function visibleRecords(decision: AccessDecision, type: RecordType, columns: AccessColumns): SQL {
  if (decision.isUnrestricted()) return sql`true`;
  const own = columns.participants
    ? or(eq(columns.owner, decision.agencyId), sql`${decision.agencyId} = ANY(${columns.participants})`)!
    : eq(columns.owner, decision.agencyId);
  const shared = decision.grantsFor(type).map((grant) => {
    const conditions = Object.entries(grant.conditions).map(([attribute, values]) => {
      const test = columns.conditions[attribute];
      // The agreement schema only admits catalogued attributes; an unmapped one releases nothing.
      return test ? test(values) : sql`false`;
    });
    return and(
      eq(columns.owner, grant.grantor),
      sql`${columns.marking} <= ${grant.ceiling}::marking`,
      sql`${columns.marking} <> 'RED'::marking`,
      or(isNull(columns.releasableTo), sql`${decision.agencyId} = ANY(${columns.releasableTo})`),
      ...conditions,
    )!;
  });
  return shared.length === 0 ? own : or(own, ...shared)!;
}

/**
 * The SQL form of `isConsultationParty` (participation.ts): records that name `agencyId` in one
 * of `partyColumns`, for records that exist only for the agencies they name.
 */
export function namedPartyRecords(agencyId: string, partyColumns: readonly PgColumn[]): SQL {
  return or(...partyColumns.map((column) => eq(column, agencyId))) ?? sql`false`;
}
