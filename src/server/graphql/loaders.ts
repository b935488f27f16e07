import DataLoader from 'dataloader';

/**
 * A loader of child rows grouped by parent id: one query for all the parents a page
 * resolves, each parent getting its own (possibly empty) list, in the rows' order.
 */
export function childrenLoader<Row>(
  fetch: (parentIds: readonly string[]) => Promise<Row[]>,
  parentIdOf: (row: Row) => string,
): DataLoader<string, Row[]> {
  return new DataLoader(async (parentIds) => {
    const byParent = new Map<string, Row[]>(parentIds.map((id) => [id, []]));
    for (const row of await fetch(parentIds)) byParent.get(parentIdOf(row))?.push(row);
    return parentIds.map((id) => byParent.get(id) ?? []);
  });
}
