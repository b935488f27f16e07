import { invalidInput } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';

/**
 * Opaque keyset cursors. A cursor names the kind of list it belongs to, so that a cursor
 * from one connection is rejected by another instead of silently skipping rows.
 * The position is the record's id: unique, stable while paging, and released with every
 * record, so a cursor tells the caller nothing it was not given. (The hub-wide change
 * sequence would: it moves when records the caller cannot see change.)
 */
export function encodeCursor(kind: string, id: string): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

/** Lists of records keyed by a uuid; lists keyed otherwise (import runs: a serial number) pass their own test. */
export type PositionTest = (position: string) => boolean;

export function decodeCursor(kind: string, cursor: string, field = 'after', isPosition: PositionTest = isUuid): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const separator = text.lastIndexOf(':');
  const id = text.slice(separator + 1);
  if (separator < 0 || text.slice(0, separator) !== kind || !isPosition(id)) {
    throw invalidInput(field, `not a cursor of this ${kind} list; pass the endCursor of a previous page`);
  }
  return id.toLowerCase();
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  readonly limit: number;
  /** Return records whose id sorts strictly after this one; null for the first page. */
  readonly afterId: string | null;
}

export function toPageRequest(
  kind: string,
  first: number | null | undefined,
  after: string | null | undefined,
  isPosition: PositionTest = isUuid,
): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw invalidInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return { limit, afterId: after == null ? null : decodeCursor(kind, after, 'after', isPosition) };
}
