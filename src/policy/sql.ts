import { and, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { RecordType } from './catalogue.ts';
import type { AccessDecision } from './decision.ts';

/**
 * How a table stores what the decision reads: owner, marking, releasability, condition
 * attributes. Columns, or SQL expressions of the same types (the change feed's stored
 * attributes: `marking` as the marking enum, `releasableTo` and `participants` as text[]).
 */
export interface AccessColumns {
  readonly owner: AccessExpression;
  readonly marking: AccessExpression;
  readonly releasableTo: AccessExpression;
  /** Agencies named on the record that see it whole, like its owner (see `AccessDecision.releasedFields`). */
  readonly participants?: AccessExpression;
  /** Condition attribute → SQL testing that the record has one of `values`. */
  readonly conditions: Readonly<Record<string, (values: readonly string[]) => SQL>>;
}

export type AccessExpression = SQLWrapper;

/** `column` holds one of `values`. */
export const oneOf = (column: AccessExpression) => (values: readonly string[]) => inArray(column, [...values]);
/** The array `column` shares an element with `values`. */
export const overlaps = (column: AccessExpression) => (values: readonly string[]) =>
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
