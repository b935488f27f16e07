import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalDateResolver } from 'graphql-scalars';
import { isCalendarDate, LocalDate } from '../../src/kernel/scalars.ts';

const outcome = (serialize: (value: unknown) => unknown, value: unknown) => {
  try {
    return { value: serialize(value) };
  } catch {
    return { refused: true };
  }
};

describe('LocalDate output', () => {
  it('accepts real calendar dates and refuses the rest', () => {
    for (const date of ['2024-02-29', '2000-02-29', '1969-07-16', '0001-01-01', '9999-12-31']) expect(isCalendarDate(date)).toBe(true);
    for (const date of ['2023-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-16', '2026-01-16T00:00:00Z', '２０２６-01-16', 20260116, null]) {
      expect(isCalendarDate(date)).toBe(false);
    }
  });

  it("answers every value exactly as graphql-scalars' LocalDate does", () => {
    const library = (value: unknown) => LocalDateResolver.serialize(value);
    const ours = (value: unknown) => LocalDate.serialize(value);
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const dateLike = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string(), fc.integer(), fc.constant(null)), (value) => {
        expect(outcome(ours, value)).toEqual(outcome(library, value));
      }),
      { numRuns: 5_000 },
    );
  });
});
