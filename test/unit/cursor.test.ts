import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPageRequest } from '../../src/kernel/cursor.ts';
import { AppError } from '../../src/lib/errors.ts';

describe('cursors', () => {
  it('round-trips any position for its own kind', () => {
    fc.assert(
      fc.property(fc.constantFrom('designation', 'threat-entry'), fc.nat(), (kind, position) => {
        expect(decodeCursor(kind, encodeCursor(kind, position))).toBe(position);
      }),
    );
  });

  it('is opaque: it is not the raw position', () => {
    expect(encodeCursor('designation', 42)).not.toContain('42');
  });

  it("rejects another list's cursor and garbage as BAD_USER_INPUT naming `after`", () => {
    for (const cursor of [encodeCursor('threat-entry', 1), 'garbage', '', encodeCursor('designation', -1)]) {
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
    expect(toPageRequest('designation', undefined, undefined)).toEqual({ limit: 50, afterPosition: null });
    expect(toPageRequest('designation', 500, null).limit).toBe(500);
    expect(() => toPageRequest('designation', 501, null)).toThrow(/first: must be between 0 and 500/);
    expect(() => toPageRequest('designation', -1, null)).toThrow(AppError);
  });
});
