import DataLoader from 'dataloader';
import type { Viewer } from '../policy/viewer.ts';
import { perRequest, requireViewer, type RequestContext } from './context.ts';

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

/**
 * A loader of linked records by id: one query for every link a page resolves, each id getting
 * its record, or null when it does not exist or the caller may not see it.
 */
export function linkedRecordLoader<Row extends { id: string }>(fetch: (ids: readonly string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const byId = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * The request's loader of linked records of one kind (an adjudication's designation, an end-use
 * check's application): one query for every link a page resolves; null for a record the caller
 * may not see.
 */
export function linkedRecords<Row extends { id: string }>(
  ctx: RequestContext,
  kind: string,
  fetch: (viewer: Viewer, ids: readonly string[]) => Promise<Row[]>,
): DataLoader<string, Row | null> {
  return perRequest(ctx, `linked:${kind}`, () => {
    const viewer = requireViewer(ctx);
    return linkedRecordLoader((ids) => fetch(viewer, ids));
  });
}
