/**
 * The change feed's promise, as a property: whatever the owner does (creates, updates,
 * delistings, marking and releasability changes) and however the agreements change (new
 * terms, expiry, revocation), interleaved with followers reading pages of any size, a follower
 * that applies the feed from any cursor it was given converges to exactly what the same
 * caller gets by querying every record now, field for field.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { Follower, queriedDesignations } from '../support/change-follower.ts';
import { startTestHub, type As, type TestHub } from '../support/hub.ts';

const OFAC: As = { agency: 'us-ofac', roles: ['analyst'] };
const FOLLOWERS: Record<string, As> = { 'gb-ofsi': { agency: 'gb-ofsi', roles: ['analyst'] }, 'de-bafa': { agency: 'de-bafa', roles: ['analyst'] } };
const EXPIRY = '2031-01-01T00:00:00Z';
const AFTER_EXPIRY = new Date('2031-02-01T00:00:00Z');

const base = { grantor: 'us-ofac', purposes: ['sanctions-screening'] as AgreementFile['purposes'], validFrom: '2026-01-01T00:00:00Z' };
/** Agreement sets the owner switches between: different fields, ceilings, conditions, an expiry, a revocation, none. */
const AGREEMENT_SETS: AgreementFile[][] = [
  [
    { ...base, id: 'watchlist', title: 'watchlist', grantees: ['gb-ofsi'], ceiling: 'AMBER', grants: [{ type: 'Designation', fields: ['identity', 'listing'], where: { status: ['ACTIVE', 'PROVISIONAL'] } }] },
    { ...base, id: 'iran-names', title: 'iran names', grantees: ['de-bafa'], ceiling: 'GREEN', grants: [{ type: 'Designation', fields: ['identity'], where: { program: ['IRAN'] } }] },
  ],
  [{ ...base, id: 'watchlist', title: 'everything green', grantees: ['gb-ofsi', 'de-bafa'], ceiling: 'GREEN', grants: [{ type: 'Designation', fields: ['all'] }] }],
  [
    { ...base, id: 'watchlist', title: 'names until 2031', grantees: ['gb-ofsi'], ceiling: 'AMBER', validUntil: EXPIRY, grants: [{ type: 'Designation', fields: ['identity', 'handling'] }] },
    { ...base, id: 'iran-names', title: 'iran listing', grantees: ['de-bafa'], ceiling: 'AMBER', grants: [{ type: 'Designation', fields: ['listing', 'rationale'], where: { program: ['IRAN'], status: ['ACTIVE'] } }] },
  ],
  [{ ...base, id: 'watchlist', title: 'revoked', grantees: ['gb-ofsi', 'de-bafa'], ceiling: 'AMBER', revokedAt: '2026-02-01T00:00:00Z', grants: [{ type: 'Designation', fields: ['all'] }] }],
  [],
];

const marking = fc.constantFrom<string>('GREEN', 'AMBER', 'RED');
const status = fc.constantFrom<string>('ACTIVE', 'PROVISIONAL', 'SUSPENDED');
const releasableTo = fc.constantFrom<string[] | null>(null, ['gb-ofsi'], ['de-bafa'], ['gb-ofsi', 'de-bafa']);
const programs = fc.constantFrom<string[]>(['IRAN'], ['SDGT'], ['IRAN', 'SDGT']);

type Step =
  | { kind: 'create'; marking: string; status: string; releasableTo: string[] | null; programs: string[] }
  | { kind: 'update'; pick: number; marking?: string; status?: string; releasableTo?: string[] | null; programs?: string[] }
  | { kind: 'delist'; pick: number }
  | { kind: 'agreements'; set: number }
  | { kind: 'clock'; expired: boolean }
  | { kind: 'poll'; follower: string; first: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), marking, status, releasableTo, programs }) },
  {
    weight: 3,
    arbitrary: fc.record(
      { kind: fc.constant('update' as const), pick: fc.nat(), marking, status, releasableTo, programs },
      { requiredKeys: ['kind', 'pick'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delist' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('agreements' as const), set: fc.nat({ max: AGREEMENT_SETS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), expired: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('poll' as const), follower: fc.constantFrom(...Object.keys(FOLLOWERS)), first: fc.integer({ min: 0, max: 4 }) }) },
);

describe('the change feed converges', () => {
  let hub: TestHub;
  let now: Date | null = null;
  const records: { id: string; version: number; delisted: boolean }[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENT_SETS[0], clock: () => now ?? new Date() });
  });
  afterAll(() => hub?.stop());

  const mutate = async (query: string, input: Record<string, unknown>) => {
    const r = await hub.graphql<Record<string, { id: string; version: number }>>(query, { input }, OFAC);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return Object.values(r.data!)[0]!;
  };

  const run = async (initial: number, steps: Step[], resumeAt: Record<string, number>, drainPage: number) => {
    // Each run starts under terms that share something, and shares its records with the earlier runs'.
    now = null;
    await hub.applyAgreements(AGREEMENT_SETS[initial]!);
    const followers = Object.fromEntries(Object.keys(FOLLOWERS).map((agency) => [agency, new Follower()]));
    const snapshots: Record<string, Follower[]> = Object.fromEntries(Object.keys(FOLLOWERS).map((agency) => [agency, [new Follower()]]));
    for (const s of steps) {
      const live = records.filter((r) => !r.delisted);
      const target = 'pick' in s && live.length > 0 ? live[s.pick % live.length]! : undefined;
      if (s.kind === 'create') {
        const created = await mutate(`mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id version } }`, {
          subjectType: 'ENTITY',
          primaryName: `Probe ${records.length}`,
          rationale: `reason ${records.length}`,
          sunsetDate: '2032-01-01',
          ...s,
          kind: undefined,
        });
        records.push({ ...created, delisted: false });
      } else if (s.kind === 'update' && target) {
        const { kind: _kind, pick: _pick, ...changes } = s;
        const updated = await mutate(`mutation($input: UpdateDesignationInput!) { updateDesignation(input: $input) { id version } }`, {
          id: target.id,
          expectedVersion: target.version,
          sunsetDate: '2032-01-01',
          primaryName: `Probe renamed ${target.version}`,
          ...changes,
        });
        target.version = updated.version;
      } else if (s.kind === 'delist' && target) {
        await mutate(`mutation($input: DelistDesignationInput!) { delistDesignation(input: $input) { id version } }`, {
          id: target.id,
          expectedVersion: target.version,
          reason: 'delisted',
        });
        target.delisted = true;
      } else if (s.kind === 'agreements') {
        await hub.applyAgreements(AGREEMENT_SETS[s.set]!);
      } else if (s.kind === 'clock') {
        now = s.expired ? AFTER_EXPIRY : null;
      } else if (s.kind === 'poll') {
        await followers[s.follower]!.poll(hub, FOLLOWERS[s.follower]!, s.first);
        snapshots[s.follower]!.push(followers[s.follower]!.clone());
      }
    }
    for (const [agency, as] of Object.entries(FOLLOWERS)) {
      const truth = await queriedDesignations(hub, as);
      const follower = followers[agency]!;
      await follower.drain(hub, as, drainPage);
      expect(follower.held, `${agency} following throughout`).toEqual(truth);
      const earlier = snapshots[agency]!;
      const resumed = earlier[resumeAt[agency]! % earlier.length]!.clone();
      await resumed.drain(hub, as, drainPage);
      expect(resumed.held, `${agency} resuming from an earlier cursor`).toEqual(truth);
    }
  };

  it('brings a follower from any cursor to exactly what the caller may query now, through random interleavings', { timeout: 900_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 2 }),
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.record({ 'gb-ofsi': fc.nat(), 'de-bafa': fc.nat() }),
        fc.integer({ min: 1, max: 6 }),
        async (initial, steps, resumeAt, drainPage) => run(initial, steps, resumeAt, drainPage),
      ),
      { numRuns: Number(process.env.CHANGES_PROPERTY_RUNS ?? 40), endOnFailure: true },
    );
  });
});
