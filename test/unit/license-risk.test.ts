import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessLicenseRisk,
  destinationTierOf,
  itemSensitivityOf,
  laneRank,
  PARTY_ROLES,
  type ApplicationItem,
  type ApplicationParty,
  type DenialMatch,
  type RedFlag,
  type RiskFindings,
  type RiskInput,
  type ScreeningHit,
  type UnverifiedPartyHit,
} from '../../src/modules/licensing/license-risk.ts';
import { ITEM_SENSITIVITIES, loadRiskPolicy, RED_FLAG_SEVERITIES, validateRiskPolicy, type RiskPolicyFile } from '../../src/modules/licensing/risk-policy.ts';

/** A small policy with round numbers, independent of the shipped file. */
const POLICY_DOCUMENT: RiskPolicyFile = {
  destinations: {
    defaultTier: 'ELEVATED',
    tiers: { LOW: ['DE', 'FR', 'US', 'JP'], ELEVATED: ['AE'], HIGH: ['RU'], EMBARGOED: ['IR', 'KP'] },
  },
  items: {
    defaultSensitivity: 'MEDIUM',
    rules: [
      { prefix: 'EAR99', sensitivity: 'LOW' },
      { prefix: '5A002', sensitivity: 'LOW', note: 'information security' },
      { pattern: '^ML8(\\.|$)', sensitivity: 'VERY_HIGH' },
      { prefix: 'ML', sensitivity: 'HIGH' },
    ],
  },
  points: {
    destinationTier: { LOW: 0, ELEVATED: 10, HIGH: 30, EMBARGOED: 60 },
    partyCountryTier: { LOW: 0, ELEVATED: 5, HIGH: 15, EMBARGOED: 40 },
    itemSensitivity: { LOW: 0, MEDIUM: 5, HIGH: 15, VERY_HIGH: 25 },
    sanctionsMatch: { atFullScore: 40, exactOrIdentifierMatch: 20 },
    redFlag: { LOW: 3, MEDIUM: 8, HIGH: 15, CRITICAL: 30 },
    unverifiedParty: 35,
    denialUndercut: 40,
  },
  escalation: { sanctionsMatchScore: 0.85, totalScore: 50 },
};
const POLICY = validateRiskPolicy(POLICY_DOCUMENT, 'test-policy.yaml');

const NO_FINDINGS: RiskFindings = { screeningHits: [], redFlags: [], unverifiedParties: [], denialMatches: [] };
const item = (controlListCode: string, overrides: Partial<ApplicationItem> = {}): ApplicationItem => ({
  controlListCode,
  quantity: 10,
  value: 25_000,
  ...overrides,
});
const CLEAN: RiskInput = {
  screenedLists: 2,
  destinationCountry: 'DE',
  items: [item('EAR99'), item('5A002.a.1')],
  parties: [
    { role: 'END_USER', name: 'Müller Präzision GmbH', country: 'DE' },
    { role: 'CONSIGNEE', name: 'Fret Rhénan SA', country: 'FR' },
  ],
  findings: NO_FINDINGS,
};
const hit = (overrides: Partial<ScreeningHit> = {}): ScreeningHit => ({
  partyIndex: 0,
  designationId: 'des-1',
  matchedName: 'MULLER PRAZISION',
  score: 0.5,
  exactOrIdentifierMatch: false,
  ...overrides,
});
const redFlag = (severity: RedFlag['severity'], threatEntryId = `threat-${severity}`): RedFlag => ({ threatEntryId, title: `${severity} indicator`, severity });
const unverified = (partyIndex = 0, unverifiedEntryId = 'uv-1'): UnverifiedPartyHit => ({ partyIndex, unverifiedEntryId, outcome: 'UNFAVORABLE' });
const denial = (denialId = 'den-1'): DenialMatch => ({ denialId, notifyingAgency: 'gb-ecju' });

type Change = Partial<Omit<RiskInput, 'findings'>> & { findings?: Partial<RiskFindings> };
const assess = (change: Change = {}) =>
  assessLicenseRisk({ ...CLEAN, ...change, findings: { ...NO_FINDINGS, ...change.findings } }, POLICY);
const pointsSum = (change: Change) => assess(change).factors.reduce((sum, f) => sum + f.points, 0);

describe('license risk lanes', () => {
  it('fast-tracks an application with nothing flagged, low items and low-tier countries only', () => {
    expect(assess()).toEqual({ score: 0, factors: [], lane: 'FAST_TRACK', laneReasons: [] });
  });

  it.each<[string, Change, number]>([
    ['an ELEVATED destination', { destinationCountry: 'AE' }, 10],
    ['an unlisted destination (default tier)', { destinationCountry: 'BR' }, 10],
    ['a HIGH destination', { destinationCountry: 'RU' }, 30],
    ['a party in an ELEVATED country', { parties: [...CLEAN.parties, { role: 'INTERMEDIARY', name: 'Gulf Trading FZE', country: 'AE' }] }, 5],
    ['a MEDIUM item (policy default)', { items: [item('3A001.b.4')] }, 5],
    ['a HIGH item', { items: [item('ML10')] }, 15],
    ['an item the application rates MEDIUM', { items: [item('EAR99', { sensitivityOverride: 'MEDIUM' })] }, 5],
    ['a weak screening hit', { findings: { screeningHits: [hit({ score: 0.5 })] } }, 20],
    ['a screening hit just under the escalation score', { findings: { screeningHits: [hit({ score: 0.84 })] } }, 34],
    ['a screening hit worth no points', { findings: { screeningHits: [hit({ score: 0.01 })] } }, 0],
    ['a LOW red flag', { findings: { redFlags: [redFlag('LOW')] } }, 3],
    ['a HIGH red flag', { findings: { redFlags: [redFlag('HIGH')] } }, 15],
    ['a HIGH destination and a HIGH item, just under the total', { destinationCountry: 'RU', items: [item('ML10')] }, 45],
  ])('sends %s to STANDARD_REVIEW', (_, change, score) => {
    const assessment = assess(change);
    expect(assessment.lane).toBe('STANDARD_REVIEW');
    expect(assessment.score).toBe(score);
    expect(assessment.laneReasons.length).toBeGreaterThan(0);
  });

  it.each<[string, Change, RegExp]>([
    ['a screening hit at the escalation score', { findings: { screeningHits: [hit({ score: 0.85 })] } }, /score 0\.85 \(escalates at 0\.85\)/],
    ['a strong screening hit on any party', { findings: { screeningHits: [hit({ partyIndex: 1, score: 0.97 })] } }, /^consignee "Fret Rhénan SA" matches/],
    ['an identifier match, even with a weak name score', { findings: { screeningHits: [hit({ score: 0.3, exactOrIdentifierMatch: true })] } }, /exactly or by identifier/],
    ['an unverified party', { findings: { unverifiedParties: [unverified()] } }, /is on the unverified list/],
    ['a denial match', { findings: { denialMatches: [denial()] } }, /matches denial den-1 notified by gb-ecju/],
    ['a CRITICAL red flag', { findings: { redFlags: [redFlag('CRITICAL')] } }, /CRITICAL red flag/],
    ['an embargoed destination', { destinationCountry: 'IR' }, /destination IR is EMBARGOED/],
    ['a party in an embargoed country', { parties: [...CLEAN.parties, { role: 'PURCHASER', name: 'Korea Ryonbong', country: 'KP' }] }, /KP, which is EMBARGOED/],
    ['a total over the threshold', { destinationCountry: 'RU', items: [item('ML10')], findings: { redFlags: [redFlag('MEDIUM')] } }, /score 53 is at or above the escalation threshold 50/],
    [
      'a total exactly at the threshold',
      { destinationCountry: 'RU', items: [item('ML10')], parties: [...CLEAN.parties, { role: 'INTERMEDIARY', name: 'X', country: 'AE' }] },
      /score 50 is at or above/,
    ],
  ])('escalates %s', (_, change, reason) => {
    const assessment = assess(change);
    expect(assessment.lane).toBe('ESCALATED');
    expect(assessment.laneReasons).toContainEqual(expect.stringMatching(reason));
  });

  it('lets an officer override an item rated sensitive by pattern', () => {
    expect(assess({ items: [item('ML8', { sensitivityOverride: 'LOW' })] }).lane).toBe('FAST_TRACK');
    expect(assess({ items: [item('ML8')] }).factors[0]).toMatchObject({ code: 'ITEM_SENSITIVITY', points: 25 });
  });

  it('does not count a party in the destination country twice', () => {
    const assessment = assess({ destinationCountry: 'RU', parties: [{ role: 'END_USER', name: 'A', country: 'RU' }] });
    expect(assessment.factors.map((f) => f.code)).toEqual(['DESTINATION_TIER']);
  });
});

describe('license risk factors', () => {
  it('describe the destination, and each other party country once with its parties', () => {
    const parties: ApplicationParty[] = [
      { role: 'END_USER', name: 'Steppe Instruments', country: 'RU' },
      { role: 'CONSIGNEE', name: 'Gulf Trading FZE', country: 'AE' },
      { role: 'INTERMEDIARY', name: 'Dubai Freight LLC', country: 'ae' },
      { role: 'PURCHASER', name: 'Berlin Handel', country: 'DE' },
    ];
    expect(assess({ destinationCountry: 'ru', parties }).factors).toMatchObject([
      { code: 'DESTINATION_TIER', points: 30, description: 'destination RU is in tier HIGH', subject: { kind: 'DESTINATION', country: 'RU' }, reference: null },
      {
        code: 'PARTY_COUNTRY_TIER',
        points: 5,
        description: 'consignee "Gulf Trading FZE", intermediary "Dubai Freight LLC" in AE, tier ELEVATED',
        subject: { kind: 'PARTY_COUNTRY', country: 'AE', partyIndexes: [1, 2] },
        reference: null,
      },
    ]);
  });

  it('count the most sensitive item and list the other sensitive ones at 0', () => {
    const factors = assess({ items: [item('EAR99'), item('3A001'), item('ML10'), item('ML22.a')] }).factors;
    expect(factors.map((f) => [f.subject, f.points])).toEqual([
      [{ kind: 'ITEM', itemIndex: 1, controlListCode: '3A001' }, 0],
      [{ kind: 'ITEM', itemIndex: 2, controlListCode: 'ML10' }, 15],
      [{ kind: 'ITEM', itemIndex: 3, controlListCode: 'ML22.A' }, 0],
    ]);
    expect(factors[1]!.description).toBe('item ML10 is HIGH sensitivity (policy rule prefix ML)');
    expect(factors[0]!.description).toBe('item 3A001 is MEDIUM sensitivity (policy default); not counted: the most sensitive item sets the item score');
  });

  it('count the strongest screening hit per party and list the others at 0', () => {
    const screeningHits = [
      hit({ designationId: 'un-1', score: 0.5 }),
      hit({ designationId: 'eu-1', score: 0.7 }),
      hit({ partyIndex: 1, designationId: 'ofac-1', score: 0.6, matchedName: 'FRET RHENAN' }),
    ];
    const { factors, score } = assess({ findings: { screeningHits } });
    expect(factors.map((f) => [f.reference, f.points])).toEqual([
      ['un-1', 0],
      ['eu-1', 28],
      ['ofac-1', 24],
    ]);
    expect(score).toBe(52);
    expect(factors[2]).toMatchObject({
      code: 'SANCTIONS_MATCH',
      points: 24,
      description: 'consignee "Fret Rhénan SA" matches designation ofac-1 as "FRET RHENAN" (score 0.60)',
      subject: { kind: 'PARTY', partyIndex: 1, role: 'CONSIGNEE', name: 'Fret Rhénan SA' },
      reference: 'ofac-1',
    });
  });

  it('add the exact-or-identifier bonus to a hit', () => {
    expect(assess({ findings: { screeningHits: [hit({ score: 0.25, exactOrIdentifierMatch: true })] } }).score).toBe(30);
  });

  it('list every finding once, with its record, counting repeats on the same party or threat entry once', () => {
    const findings: Partial<RiskFindings> = {
      unverifiedParties: [unverified(0, 'uv-1'), unverified(0, 'uv-2'), unverified(1, 'uv-3')],
      denialMatches: [denial('den-1'), denial('den-2')],
      redFlags: [redFlag('LOW', 't-1'), redFlag('LOW', 't-1'), redFlag('HIGH', 't-2')],
    };
    const { factors } = assess({ findings });
    expect(factors.map((f) => [f.code, f.reference, f.points])).toEqual([
      ['UNVERIFIED_PARTY', 'uv-1', 35],
      ['UNVERIFIED_PARTY', 'uv-2', 0],
      ['UNVERIFIED_PARTY', 'uv-3', 35],
      ['DENIAL_UNDERCUT', 'den-1', 40],
      ['DENIAL_UNDERCUT', 'den-2', 40],
      ['RED_FLAG', 't-1', 3],
      ['RED_FLAG', 't-1', 0],
      ['RED_FLAG', 't-2', 15],
    ]);
    expect(factors.filter((f) => f.code === 'DENIAL_UNDERCUT' || f.code === 'RED_FLAG').every((f) => f.subject.kind === 'APPLICATION')).toBe(true);
  });

  it('clamp the score to 100 while listing every point', () => {
    const change: Change = { destinationCountry: 'IR', findings: { denialMatches: [denial()], unverifiedParties: [unverified()] } };
    expect(pointsSum(change)).toBe(135);
    expect(assess(change).score).toBe(100);
  });

  it('list a lowest-tier destination when the policy gives it points, without leaving the fast track', () => {
    const generous = validateRiskPolicy(
      { ...POLICY_DOCUMENT, points: { ...POLICY_DOCUMENT.points, destinationTier: { LOW: 2, ELEVATED: 10, HIGH: 30, EMBARGOED: 60 } } },
      'generous.yaml',
    );
    const assessment = assessLicenseRisk(CLEAN, generous);
    expect([assessment.score, assessment.lane, assessment.factors.map((f) => f.code)]).toEqual([2, 'FAST_TRACK', ['DESTINATION_TIER']]);
  });

  it('refuse findings that name a party the application does not have, or a score outside 0..1', () => {
    expect(() => assess({ findings: { screeningHits: [hit({ partyIndex: 2 })] } })).toThrow(RangeError);
    expect(() => assess({ findings: { unverifiedParties: [unverified(-1)] } })).toThrow(/names party -1, but the application has 2 parties/);
    expect(() => assess({ findings: { screeningHits: [hit({ score: 1.2 })] } })).toThrow(/outside 0\.\.1/);
    expect(() => assess({ findings: { screeningHits: [hit({ score: Number.NaN })] } })).toThrow(RangeError);
  });
});

describe('policy lookups', () => {
  it('find the tier of a country, whatever its case, with the default for unlisted ones', () => {
    expect([destinationTierOf(POLICY, 'de'), destinationTierOf(POLICY, ' KP '), destinationTierOf(POLICY, 'BR')]).toEqual(['LOW', 'EMBARGOED', 'ELEVATED']);
  });

  it('rate an item by the first matching rule and say which', () => {
    expect(itemSensitivityOf(POLICY, 'ml8.a')).toEqual({ sensitivity: 'VERY_HIGH', decidedBy: 'policy rule pattern ^ML8(\\.|$)' });
    expect(itemSensitivityOf(POLICY, 'ML80')).toEqual({ sensitivity: 'HIGH', decidedBy: 'policy rule prefix ML' });
    expect(itemSensitivityOf(POLICY, '5A002.a')).toEqual({ sensitivity: 'LOW', decidedBy: 'policy rule prefix 5A002 (information security)' });
    expect(itemSensitivityOf(POLICY, '6A003')).toEqual({ sensitivity: 'MEDIUM', decidedBy: 'policy default' });
  });

  it('with the shipped policy: a German end user buying EAR99 goods is fast-tracked, a Syrian one escalated', async () => {
    const shipped = await loadRiskPolicy(path.resolve(import.meta.dirname, '../../policies/license-risk.yaml'));
    expect(assessLicenseRisk(CLEAN, shipped).lane).toBe('FAST_TRACK');
    expect(assessLicenseRisk({ ...CLEAN, destinationCountry: 'SY' }, shipped).lane).toBe('ESCALATED');
    expect(assessLicenseRisk({ ...CLEAN, destinationCountry: 'BR', items: [item('3A001')] }, shipped).lane).toBe('STANDARD_REVIEW');
  });
});

describe('license risk properties', () => {
  const COUNTRIES = ['DE', 'FR', 'JP', 'AE', 'BR', 'RU', 'IR', 'KP'];
  const CODES = ['EAR99', '5A002.a', '3A001', 'ML10', 'ML8.a', '0A001'];

  const itemArb = fc.record({
    controlListCode: fc.constantFrom(...CODES),
    sensitivityOverride: fc.option(fc.constantFrom(...ITEM_SENSITIVITIES), { nil: undefined }),
    quantity: fc.nat(),
    value: fc.nat(),
  });
  const partyArb = fc.record({ role: fc.constantFrom(...PARTY_ROLES), name: fc.string({ minLength: 1, maxLength: 20 }), country: fc.constantFrom(...COUNTRIES) });
  const hitArb = (partyCount: number) =>
    fc.record({
      partyIndex: fc.nat({ max: partyCount - 1 }),
      designationId: fc.constantFrom('d1', 'd2', 'd3'),
      matchedName: fc.string({ maxLength: 20 }),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      exactOrIdentifierMatch: fc.boolean(),
    });
  const redFlagArb = fc.record({ threatEntryId: fc.constantFrom('t1', 't2', 't3'), title: fc.string({ maxLength: 20 }), severity: fc.constantFrom(...RED_FLAG_SEVERITIES) });
  const unverifiedArb = (partyCount: number) =>
    fc.record({ partyIndex: fc.nat({ max: partyCount - 1 }), unverifiedEntryId: fc.constantFrom('u1', 'u2'), outcome: fc.constantFrom('UNFAVORABLE' as const, 'UNVERIFIABLE' as const) });
  const denialArb = fc.record({ denialId: fc.constantFrom('n1', 'n2'), notifyingAgency: fc.constantFrom('gb-ecju', 'de-bafa') });

  /** An application and one more finding of any kind that could be added to it. */
  const scenario = fc.array(partyArb, { minLength: 1, maxLength: 4 }).chain((parties) =>
    fc.record({
      input: fc.record({
        screenedLists: fc.nat({ max: 3 }),
        destinationCountry: fc.constantFrom(...COUNTRIES),
        items: fc.array(itemArb, { maxLength: 4 }),
        parties: fc.constant(parties),
        findings: fc.record({
          screeningHits: fc.array(hitArb(parties.length), { maxLength: 3 }),
          redFlags: fc.array(redFlagArb, { maxLength: 3 }),
          unverifiedParties: fc.array(unverifiedArb(parties.length), { maxLength: 2 }),
          denialMatches: fc.array(denialArb, { maxLength: 2 }),
        }),
      }),
      extra: fc.oneof(
        hitArb(parties.length).map((h) => ({ screeningHits: [h] })),
        redFlagArb.map((f) => ({ redFlags: [f] })),
        unverifiedArb(parties.length).map((u) => ({ unverifiedParties: [u] })),
        denialArb.map((d) => ({ denialMatches: [d] })),
      ),
    }),
  );
  const withExtra = (input: RiskInput, extra: Partial<RiskFindings>): RiskInput => ({
    ...input,
    findings: {
      screeningHits: [...input.findings.screeningHits, ...(extra.screeningHits ?? [])],
      redFlags: [...input.findings.redFlags, ...(extra.redFlags ?? [])],
      unverifiedParties: [...input.findings.unverifiedParties, ...(extra.unverifiedParties ?? [])],
      denialMatches: [...input.findings.denialMatches, ...(extra.denialMatches ?? [])],
    },
  });

  it('adding a finding never lowers the score nor moves the lane toward FAST_TRACK', () => {
    fc.assert(
      fc.property(scenario, ({ input, extra }) => {
        const before = assessLicenseRisk(input, POLICY);
        const after = assessLicenseRisk(withExtra(input, extra), POLICY);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(laneRank(after.lane)).toBeGreaterThanOrEqual(laneRank(before.lane));
        expect(after.lane).not.toBe('FAST_TRACK');
      }),
      { numRuns: 2_000 },
    );
  });

  it('scores are whole numbers in 0..100 equal to the clamped sum of the listed points, one factor per finding', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const { score, factors, lane, laneReasons } = assessLicenseRisk(input, POLICY);
        const sum = factors.reduce((total, f) => total + f.points, 0);
        expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
        expect(score).toBe(Math.min(100, sum));
        expect(factors.every((f) => f.points >= 0 && f.description.length > 0)).toBe(true);
        const count = (code: string) => factors.filter((f) => f.code === code).length;
        const { findings } = input;
        expect([count('SANCTIONS_MATCH'), count('RED_FLAG'), count('UNVERIFIED_PARTY'), count('DENIAL_UNDERCUT')]).toEqual([
          findings.screeningHits.length,
          findings.redFlags.length,
          findings.unverifiedParties.length,
          findings.denialMatches.length,
        ]);
        expect(lane === 'FAST_TRACK').toBe(laneReasons.length === 0);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('screening coverage', () => {
  it('never fast-tracks an application screened against no sanctions list, and says why at no points', () => {
    expect(assess({}).lane).toBe('FAST_TRACK');
    const unscreened = assess({ screenedLists: 0 });
    expect(unscreened.lane).toBe('STANDARD_REVIEW');
    expect(unscreened.score).toBe(assess({}).score);
    expect(unscreened.factors).toEqual([expect.objectContaining({ code: 'NO_SANCTIONS_LIST', points: 0, subject: { kind: 'APPLICATION' } })]);
    expect(unscreened.factors[0]!.description).toContain('no sanctions list');
    expect(unscreened.laneReasons).toEqual(['no sanctions list was in view: the parties were screened against nothing']);
  });

  it('never fast-tracks an unscreened application, whatever else it is', () => {
    fc.assert(
      fc.property(fc.constantFrom('DE', 'FR', 'JP', 'AE', 'RU', 'IR', 'KP'), (destinationCountry) => {
        expect(assess({ screenedLists: 0, destinationCountry }).lane).not.toBe('FAST_TRACK');
      }),
    );
  });
});
