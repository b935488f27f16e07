import { and, isNull, sql, type SQL } from 'drizzle-orm';
import type { AccessExpression } from './sql.ts';
import type { Marking } from '../db/schema/columns.ts';

/**
 * Which records the public transparency report may count. The report needs no token, so no
 * agreement releases anything to its reader: it may only state how many records of a kind
 * there were, never which. A record is counted when its owner has not restricted the very
 * fact of its existence: TLP AMBER or below (RED is for named recipients only, AMBER+STRICT for
 * the owner's organisation only) and no releasability list (a record meant only for named
 * agencies is not counted either). Counts from 1 to the threshold are then suppressed
 * (src/modules/transparency/cell-suppression.ts), so no single record shows through.
 */
export const PUBLICLY_COUNTABLE_MARKINGS: readonly Marking[] = ['CLEAR', 'GREEN', 'AMBER'];

export interface CountableColumns {
  readonly marking: AccessExpression;
  readonly releasableTo: AccessExpression;
}

/** The SQL form: rows the public report may count. */
export function publiclyCountable(columns: CountableColumns): SQL {
  return and(
    sql`${columns.marking} in (${sql.join(
      PUBLICLY_COUNTABLE_MARKINGS.map((m) => sql`${m}::marking`),
      sql`, `,
    )})`,
    isNull(columns.releasableTo),
  )!;
}

/** The same rule for one record, kept equal to the SQL by the policy tests. */
export function isPubliclyCountable(record: { marking: Marking; releasableTo: readonly string[] | null }): boolean {
  return PUBLICLY_COUNTABLE_MARKINGS.includes(record.marking) && record.releasableTo === null;
}
