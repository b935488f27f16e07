import { suppressSmallCounts, type CountSystem, type Disclosure } from './cell-suppression.ts';

/**
 * Tables printed whole or withheld whole, as statistical agencies do when no suppression pattern
 * protects a small count: a table with such a count is not published at all (never a part of it),
 * nor is any other table that would let it be worked out by differencing, and the report says why.
 * The report itself is always published.
 */

export interface TabledCountSystem extends CountSystem {
  /** The table each count is printed in (an index into the caller's list of tables). */
  readonly tableOf: readonly number[];
}

/** Why a table is withheld: a count in it no suppression protects, or it would give such a table away. */
export type WithholdingReason = { readonly kind: 'UNPROTECTABLE' } | { readonly kind: 'DIFFERENCES'; readonly table: number };

export interface WithholdingPlan {
  /** What to print of each count; every count of a withheld table is WITHHELD. */
  readonly disclosure: readonly Disclosure[];
  readonly withheld: ReadonlyMap<number, WithholdingReason>;
}

/**
 * Suppresses small counts; where some cannot be protected, withholds their tables and the tables
 * `differencedBy` names for each (e.g. a quarter, which minus two of its months gives the third),
 * and suppresses the rest again. A count that stays exposed in an already withheld table means
 * the published tables still give it away: then every table is withheld, which always protects
 * (with nothing printed, every figure could be 0).
 */
export function withholdUnprotectableTables(system: TabledCountSystem, threshold: number, differencedBy: (table: number) => readonly number[]): WithholdingPlan {
  const withheld = new Map<number, WithholdingReason>();
  const tables = [...new Set(system.tableOf)];
  for (;;) {
    const withheldCounts = new Set(system.tableOf.flatMap((table, i) => (withheld.has(table) ? [i] : [])));
    const plan = suppressSmallCounts(system, threshold, withheldCounts);
    if ('disclosure' in plan) return { disclosure: plan.disclosure, withheld };
    // Nothing is printed any more: nothing can be worked out from it.
    if (withheld.size === tables.length) return { disclosure: system.values.map(() => 'WITHHELD'), withheld };
    const exposedTables = [...new Set(plan.unprotectable.map((i) => system.tableOf[i]!))];
    const fresh = exposedTables.filter((table) => !withheld.has(table));
    for (const table of fresh) {
      withheld.set(table, { kind: 'UNPROTECTABLE' });
      for (const other of differencedBy(table)) if (!withheld.has(other)) withheld.set(other, { kind: 'DIFFERENCES', table });
    }
    if (fresh.length === 0) {
      const cause = [...withheld].find(([, reason]) => reason.kind === 'UNPROTECTABLE')?.[0] ?? exposedTables[0]!;
      for (const table of tables) if (!withheld.has(table)) withheld.set(table, { kind: 'DIFFERENCES', table: cause });
    }
  }
}
