/**
 * Keyset cursors of the consultation list. Consultations are not shareable records and carry no
 * change sequence, so a page is positioned by (requestedAt, id): unique, and stable while paging.
 */
import { isUuid } from '../../lib/ids.ts';
import { invalidInput } from '../../lib/errors.ts';
import { toPageRequest } from '../../kernel/cursor.ts';

const KIND = 'denial-consultation';

export interface ConsultationPosition {
  readonly requestedAt: Date;
  readonly id: string;
}

export interface ConsultationPage {
  readonly limit: number;
  /** Return consultations strictly after this position; null for the first page. */
  readonly after: ConsultationPosition | null;
}

export function encodeConsultationCursor({ requestedAt, id }: ConsultationPosition): string {
  return Buffer.from(`${KIND}:${requestedAt.toISOString()}/${id}`, 'utf8').toString('base64url');
}

export function consultationPage(first: number | null | undefined, after: string | null | undefined): ConsultationPage {
  const { limit } = toPageRequest(KIND, first, null);
  return { limit, after: after == null ? null : decodeConsultationCursor(after) };
}

function decodeConsultationCursor(cursor: string): ConsultationPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^denial-consultation:([^/]+)\/(.+)$/.exec(text);
  const requestedAt = match ? new Date(match[1]!) : null;
  if (!match || !requestedAt || Number.isNaN(requestedAt.getTime()) || !isUuid(match[2]!)) {
    throw invalidInput('after', `not a cursor of this ${KIND} list; pass the endCursor of a previous page`);
  }
  return { requestedAt, id: match[2]! };
}
