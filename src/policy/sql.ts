import { and, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { MARKINGS, type Marking } from '../db/schema/columns.ts';
import { markingRank } from './agreement.ts';
import { ALWAYS_RELEASED, CATALOGUE, type RecordType } from './catalogue.ts';
import type { AccessDecision, CallerGrant } from './decision.ts';

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
  return releasingRows(decision, type, columns, () => true);
}

/**
 * The SQL form of `AccessDecision.isFieldReleased(type, row, field)`: true where `field` of the
 * row is released to the caller (its own or participant rows, or a grant naming the field
 * covers the row). Every filter, search term, match and sort key reading an attribute of a
 * shareable record ANDs this for that attribute, so that a withheld attribute behaves as if it
 * had no value: a filter on it selects nothing, a search does not look at it. Otherwise a filter
 * is an oracle for what the field mask withholds.
 */
export function releasedField(decision: AccessDecision, type: RecordType, columns: AccessColumns, field: string): SQL {
  if ((ALWAYS_RELEASED as readonly string[]).includes(field)) return visibleRecords(decision, type, columns);
  if (!CATALOGUE[type].fields.includes(field)) throw new Error(`${type} has no field ${field}`);
  return releasingRows(decision, type, columns, (grant) => grant.fields.has(field));
}

/** `condition` on a row whose `field` is released to the caller; false where it is withheld. */
export function whereReleased(decision: AccessDecision, type: RecordType, columns: AccessColumns, field: string, condition: SQL): SQL {
  if ((ALWAYS_RELEASED as readonly string[]).includes(field)) return condition;
  return and(releasedField(decision, type, columns, field), condition)!;
}

/** Rows released to the caller by its own or participant rights, or by a grant `counts` admits. */
function releasingRows(decision: AccessDecision, type: RecordType, columns: AccessColumns, counts: (grant: CallerGrant) => boolean): SQL {
  if (decision.isUnrestricted()) return sql`true`;
  const own = columns.participants
    ? or(eq(columns.owner, decision.agencyId), sql`${decision.agencyId} = ANY(${columns.participants})`)!
    : eq(columns.owner, decision.agencyId);
  const shared = decision
    .grantsFor(type)
    .filter(counts)
    .map((grant) => grantCovers(decision, grant, columns));
  return shared.length === 0 ? own : or(own, ...shared)!;
}

/**
 * The SQL form of `isConsultationParty` (participation.ts): records that name `agencyId` in one
 * of `partyColumns`, for records that exist only for the agencies they name.
 */
export function namedPartyRecords(agencyId: string, partyColumns: readonly PgColumn[]): SQL {
  return or(...partyColumns.map((column) => eq(column, agencyId))) ?? sql`false`;
}

/** Rows of the grantor within the grant's ceiling, not RED, releasable to the caller, meeting its conditions. */
/** The highest marking a grant releases: its ceiling, and never RED whatever the grant says. */
const releasedCeiling = (ceiling: Marking): Marking => (markingRank(ceiling) < markingRank('RED') ? ceiling : MARKINGS[markingRank('RED') - 1]!);

function grantCovers(decision: AccessDecision, grant: CallerGrant, columns: AccessColumns): SQL {
  const conditions = Object.entries(grant.conditions).map(([attribute, values]) => {
    const test = columns.conditions[attribute];
    // The agreement schema only admits catalogued attributes; an unmapped one releases nothing.
    return test ? test(values) : sql`false`;
  });
  return and(
    eq(columns.owner, grant.grantor),
    // One comparison says both "within the ceiling" and "never RED": a separate `<> 'RED'`, repeated
    // by the row-level security policy, made PostgreSQL estimate one visible row and sort them all
    // for a page (test/integration/page-plans.test.ts).
    sql`${columns.marking} <= ${releasedCeiling(grant.ceiling)}::marking`,
    or(isNull(columns.releasableTo), sql`${decision.agencyId} = ANY(${columns.releasableTo})`),
    ...conditions,
  )!;
}
