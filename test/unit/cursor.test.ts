import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPageRequest } from '../../src/kernel/cursor.ts';
import { AppError } from '../../src/lib/errors.ts';

const ID = '3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f809a1b';

describe('cursors', () => {
  it('round-trips any record id for its own kind', () => {
    fc.assert(
      fc.property(fc.constantFrom('designation', 'threat-entry'), fc.uuid(), (kind, id) => {
        expect(decodeCursor(kind, encodeCursor(kind, id))).toBe(id.toLowerCase());
      }),
    );
  });

  it('is opaque: it is not the raw id', () => {
    expect(encodeCursor('designation', ID)).not.toContain(ID);
  });

  it("rejects another list's cursor, a change position and garbage as BAD_USER_INPUT naming `after`", () => {
    const positionCursor = Buffer.from('designation:42', 'utf8').toString('base64url');
    for (const cursor of [encodeCursor('threat-entry', ID), positionCursor, 'garbage', '', encodeCursor('designation', 'x')]) {
      const attempt = () => decodeCursor('designation', cursor);
      expect(attempt).toThrow(AppError);
      try {
        attempt();
      } catch (error) {
        expect((error as AppError).code).toBe('BAD_USER_INPUT');
        expect((error as AppError).details.field).toBe('after');
      }
    }
  });

  it('defaults page size to 50 and caps it at 500', () => {
    expect(toPageRequest('designation', undefined, undefined)).toEqual({ limit: 50, afterId: null });
    expect(toPageRequest('designation', 500, null).limit).toBe(500);
    expect(() => toPageRequest('designation', 501, null)).toThrow(/first: must be between 0 and 500/);
    expect(() => toPageRequest('designation', -1, null)).toThrow(AppError);
  });
});
