import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../src/policy/catalogue.ts';
import { openCursor, sealCursor, type ChangesCursorState } from '../../src/modules/changes/changes-cursor.ts';
import { diffOutcome, feedOutcome } from '../../src/modules/changes/change-outcome.ts';

const KEY = randomBytes(32);
const OFSI = { agencyId: 'gb-ofsi', types: [...RECORD_TYPES] };

const basis = fc.record({ agreementsSeq: fc.nat({ max: 2 ** 40 }), at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }) });
const state: fc.Arbitrary<ChangesCursorState> = fc.record({
  position: fc.record({ transactionId: fc.bigInt({ min: 0n, max: 2n ** 63n }).map(String), sequence: fc.nat({ max: Number.MAX_SAFE_INTEGER }) }),
  held: fc.array(basis, { minLength: 1, maxLength: 4 }),
  diff: fc.option(fc.record({ target: basis, after: fc.option(fc.record({ type: fc.constantFrom(...RECORD_TYPES), id: fc.uuid() })) })),
});

describe('change feed cursors', () => {
  it('open to the state they sealed, for the same agency and types only', () => {
    fc.assert(
      fc.property(state, (s) => {
        const cursor = sealCursor(KEY, OFSI, s);
        expect(openCursor(KEY, OFSI, cursor)).toEqual(s);
        expect(openCursor(KEY, { ...OFSI, agencyId: 'de-bafa' }, cursor)).toBeNull();
        expect(openCursor(KEY, { ...OFSI, types: ['Designation'] }, cursor)).toBeNull();
        expect(openCursor(randomBytes(32), OFSI, cursor)).toBeNull();
      }),
    );
  });

  it('differ on every seal of the same state, with a length that depends on the state’s shape only', () => {
    const s: ChangesCursorState = { position: { transactionId: '1', sequence: 1 }, held: [{ agreementsSeq: 1, at: new Date() }], diff: null };
    const far: ChangesCursorState = { ...s, position: { transactionId: '98765432101234', sequence: 9_000_000_000 } };
    const cursors = new Set(Array.from({ length: 50 }, () => sealCursor(KEY, OFSI, s)));
    expect(cursors.size).toBe(50);
    expect(sealCursor(KEY, OFSI, far).length).toBe(sealCursor(KEY, OFSI, s).length);
  });

  it('refuse any altered byte', () => {
    const cursor = Buffer.from(sealCursor(KEY, OFSI, { position: { transactionId: '7', sequence: 3 }, held: [{ agreementsSeq: 2, at: new Date() }], diff: null }), 'base64url');
    for (let i = 0; i < cursor.length; i++) {
      const altered = Buffer.from(cursor);
      altered[i]! ^= 0x01;
      expect(openCursor(KEY, OFSI, altered.toString('base64url'))).toBeNull();
    }
    expect(openCursor(KEY, OFSI, 'not a cursor')).toBeNull();
    expect(openCursor(KEY, OFSI, '')).toBeNull();
  });
});

describe('change outcomes', () => {
  it('never name a record the caller could see neither before nor after', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.nat({ max: 3 }), fc.option(fc.nat({ max: 3 })), (lastVisible, lastDeleted, lastVersion, current) => {
        const outcome = feedOutcome({ visibleBefore: false, lastVisible, lastDeleted, lastVersion, currentVisibleVersion: current });
        expect(outcome).not.toBe('withdrawal');
        if (outcome === 'upsert') expect(current).toBe(lastVersion);
      }),
    );
    const none = null;
    expect(diffOutcome([none], none, false)).toBe('skip');
    expect(diffOutcome([new Set(['id'])], none, false)).toBe('withdrawal');
    expect(diffOutcome([none], new Set(['id']), true)).toBe('upsert');
    expect(diffOutcome([new Set(['id'])], new Set(['id']), true)).toBe('skip');
  });
});
