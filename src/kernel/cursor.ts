import { invalidInput } from '../lib/errors.ts';

/**
 * Opaque keyset cursors. A cursor names the kind of list it belongs to, so that a cursor
 * from one connection is rejected by another instead of silently skipping rows.
 * The position is the record's change sequence: unique and stable while paging.
 */
export function encodeCursor(kind: string, position: number): string {
  return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string, field = 'after'): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const separator = text.lastIndexOf(':');
  const position = Number(text.slice(separator + 1));
  if (separator < 0 || text.slice(0, separator) !== kind || !Number.isSafeInteger(position) || position < 0) {
    throw invalidInput(field, `not a cursor of this ${kind} list; pass the endCursor of a previous page`);
  }
  return position;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  readonly limit: number;
  /** Return records strictly after this position; null for the first page. */
  readonly afterPosition: number | null;
}

export function toPageRequest(kind: string, first: number | null | undefined, after: string | null | undefined): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw invalidInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return { limit, afterPosition: after == null ? null : decodeCursor(kind, after) };
}
