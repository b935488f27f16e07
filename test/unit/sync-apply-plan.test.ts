import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRecord, decideWithdrawal, followsCursor, type HeldVersion } from '../../src/modules/sync/apply-plan.ts';

const held = (overrides: Partial<HeldVersion> = {}): HeldVersion => ({
  version: 3,
  deleted: false,
  withdrawn: false,
  receivedFromPeer: 'eu-hub',
  releasedValues: { primaryName: 'A' },
  ...overrides,
});
const incoming = (version: number, deleted = false, values: Record<string, unknown> = { primaryName: 'A' }) => ({ version, deleted, values });

describe('what a received version may change', () => {
  it('stores new and newer versions, never an older one', () => {
    expect(decideRecord(undefined, incoming(1))).toBe('apply');
    expect(decideRecord(held(), incoming(4))).toBe('apply');
    expect(decideRecord(held(), incoming(2))).toBe('older');
    expect(decideRecord(held(), incoming(2, true))).toBe('older');
  });

  it('the same version again changes nothing, unless released differently or again after a withdrawal', () => {
    expect(decideRecord(held(), incoming(3))).toBe('unchanged');
    expect(decideRecord(held(), incoming(3, false, { primaryName: 'A', programs: ['X'] }))).toBe('apply');
    expect(decideRecord(held({ withdrawn: true }), incoming(3))).toBe('apply');
  });

  it('a tombstone beats the same and older live versions; the same live version never resurrects it', () => {
    expect(decideRecord(held(), incoming(3, true))).toBe('apply');
    expect(decideRecord(held({ deleted: true }), incoming(3))).toBe('deleted');
    expect(decideRecord(held({ deleted: true, withdrawn: true }), incoming(3))).toBe('deleted');
    expect(decideRecord(held({ deleted: true }), incoming(3, true))).toBe('unchanged');
    expect(decideRecord(held({ deleted: true }), incoming(4))).toBe('apply');
  });

  it('whatever order versions arrive in, the highest one is kept and a tombstone of it is never undone', () => {
    const arrival = fc.array(fc.record({ version: fc.integer({ min: 1, max: 6 }), deleted: fc.boolean() }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(arrival, (versions) => {
        let state: HeldVersion | undefined;
        for (const v of versions) {
          if (decideRecord(state, incoming(v.version, v.deleted)) === 'apply') state = held({ version: v.version, deleted: v.deleted });
        }
        const top = Math.max(...versions.map((v) => v.version));
        expect(state!.version).toBe(top);
        expect(state!.deleted).toBe(versions.some((v) => v.version === top && v.deleted));
      }),
    );
  });

  it('a peer withdraws only what it delivered, and not a newer version than it withdrew', () => {
    expect(decideWithdrawal(undefined, 'eu-hub', 3)).toBe('not_held');
    expect(decideWithdrawal(held({ withdrawn: true }), 'eu-hub', 3)).toBe('not_held');
    expect(decideWithdrawal(held(), 'uk-hub', 3)).toBe('not_from_peer');
    expect(decideWithdrawal(held(), 'eu-hub', 2)).toBe('older');
    expect(decideWithdrawal(held(), 'eu-hub', 3)).toBe('withdraw');
  });

  it('a bundle applies only where the last one ended', () => {
    expect(followsCursor(null, null)).toBe(true);
    expect(followsCursor('c2', 'c2')).toBe(true);
    expect(followsCursor('c2', 'c1')).toBe(false);
    expect(followsCursor(null, 'c1')).toBe(false);
  });
});
