import { describe, expect, it } from 'vitest';
import {
  compareCountry,
  compareDatesOfBirth,
  compareSubjectType,
  rankMatches,
  scoreCandidate,
  type CandidateDesignation,
  type ScreenedParty,
} from '../../src/modules/screening/match-scoring.ts';
import { DEFAULT_SCREENING_CONFIG, DEFAULT_SCREENING_RULES } from '../../src/modules/screening/screening-config.ts';
import { partyFingerprint, screeningConfig, validateParties } from '../../src/modules/screening/screening.validation.ts';

const weights = DEFAULT_SCREENING_CONFIG.weights;
const party = (extra: Partial<ScreenedParty> = {}): ScreenedParty => ({
  name: 'Vladimir Putin',
  type: null,
  country: null,
  dateOfBirth: null,
  identifiers: [],
  ...extra,
});
const putin: CandidateDesignation = {
  id: 'd-putin',
  subjectType: 'INDIVIDUAL',
  names: [
    { name: 'PUTIN, Vladimir Vladimirovich', strength: 'STRONG' },
    { name: 'Vova', strength: 'WEAK' },
  ],
  identifiers: [{ type: 'PASSPORT', valueNormalized: 'AB123456' }],
  birthDates: [{ earliest: '1952-10-07', latest: '1952-10-07' }],
  countries: ['RU'],
};

describe('scoreCandidate', () => {
  it('scores on the best name and reports it', () => {
    const match = scoreCandidate(party(), putin, weights)!;
    expect(match.matchedName).toBe('PUTIN, Vladimir Vladimirovich');
    expect(match.score).toBe(match.explanation.nameSimilarity);
    expect(match.explanation).toMatchObject({ dateOfBirth: 'UNKNOWN', country: 'UNKNOWN', subjectType: 'UNKNOWN', identifierMatched: null, adjustments: [] });
  });

  it('adds for agreeing date of birth and country, and subtracts for disagreeing ones', () => {
    const base = scoreCandidate(party(), putin, weights)!.score;
    const agreeing = scoreCandidate(party({ dateOfBirth: '1952', country: 'RU', type: 'INDIVIDUAL' }), putin, weights)!;
    expect(agreeing.explanation).toMatchObject({ dateOfBirth: 'AGREES', country: 'AGREES', subjectType: 'AGREES' });
    // The name is near-identical (0.985), so the agreements lift it up to the cap, stated in the explanation.
    expect(agreeing.evidence).toBeCloseTo(base + weights.dateOfBirthAgrees + weights.countryAgrees, 4);
    expect(agreeing.score).toBeLessThan(1);
    expect(agreeing.explanation.adjustments.at(-1)).toMatchObject({ feature: 'SCORE_CAP' });
    const disagreeing = scoreCandidate(party({ dateOfBirth: '1980-01-01', country: 'DE', type: 'ENTITY' }), putin, weights)!;
    expect(disagreeing.explanation).toMatchObject({ dateOfBirth: 'DISAGREES', country: 'DISAGREES', subjectType: 'DISAGREES' });
    expect(disagreeing.score).toBeCloseTo(base - weights.dateOfBirthDisagrees - weights.countryDisagrees - weights.subjectTypeDiffers, 4);
    expect(disagreeing.explanation.adjustments.map((a) => a.feature)).toEqual(['DATE_OF_BIRTH', 'COUNTRY', 'SUBJECT_TYPE']);
  });

  it('lets an equal identifier decide whatever the names say, of a compatible type', () => {
    const byPassport = scoreCandidate(party({ name: 'Ivan Petrov', identifiers: [{ type: 'PASSPORT', value: 'ab-123 456' }] }), putin, weights)!;
    expect(byPassport.score).toBe(weights.identifierMatch);
    expect(byPassport.explanation.identifierMatched).toBe('ab-123 456');
    const untyped = scoreCandidate(party({ name: 'Ivan Petrov', identifiers: [{ type: null, value: 'AB123456' }] }), putin, weights)!;
    expect(untyped.score).toBe(weights.identifierMatch);
    const otherType = scoreCandidate(party({ name: 'Ivan Petrov', identifiers: [{ type: 'TAX_ID', value: 'AB123456' }] }), putin, weights);
    expect(otherType?.explanation.identifierMatched ?? null).toBeNull();
    expect(otherType?.score ?? 0).toBeLessThan(weights.identifierMatch);
  });

  it('weighs a weak alias less, and clamps scores to 0–1', () => {
    const weak = scoreCandidate(party({ name: 'Vova' }), putin, weights)!;
    expect(weak.matchedName).toBe('Vova');
    expect(weak.explanation.matchedNameStrength).toBe('WEAK');
    expect(weak.score).toBeCloseTo(1 - weights.weakAlias, 4);
    const boosted = scoreCandidate(party({ name: 'PUTIN, Vladimir Vladimirovich', dateOfBirth: '1952-10-07', country: 'RU' }), putin, weights)!;
    expect(boosted.score).toBe(1);
  });

  it('keeps legal-form words in a person\'s name: "Sá" is a surname, not S.A.', () => {
    const lubanga: CandidateDesignation = { ...putin, id: 'd-lubanga', names: [{ name: 'LUBANGA, Thomas', strength: 'STRONG' }], identifiers: [], birthDates: [], countries: [] };
    const person = scoreCandidate(party({ name: 'Thomas Sá', type: 'INDIVIDUAL' }), lubanga, weights)!;
    expect(person.score).toBeLessThan(DEFAULT_SCREENING_CONFIG.threshold);
    // Party type unknown: the listed subject is a person, so the same.
    expect(scoreCandidate(party({ name: 'Thomas Sá' }), lubanga, weights)!.score).toBeLessThan(DEFAULT_SCREENING_CONFIG.threshold);
    const vitol: CandidateDesignation = { ...lubanga, id: 'd-vitol', subjectType: 'ENTITY', names: [{ name: 'VITOL HOLDING', strength: 'STRONG' }] };
    expect(scoreCandidate(party({ name: 'Vitol Holding S.A.', type: 'ENTITY' }), vitol, weights)!.score).toBe(1);
  });

  it('lets a disagreeing country sink an inexact name but not an exact one', () => {
    const { threshold } = DEFAULT_SCREENING_CONFIG;
    const exact = scoreCandidate(party({ country: 'DE' }), putin, weights)!;
    expect(exact.explanation.country).toBe('DISAGREES');
    expect(exact.score).toBeGreaterThanOrEqual(threshold);
    const inexact = scoreCandidate(party({ name: 'Volodymyr Putin', country: 'DE' }), putin, weights)!;
    expect(inexact.explanation.nameSimilarity).toBeGreaterThanOrEqual(threshold);
    expect(inexact.score).toBeLessThan(threshold);
  });

  it('ignores what the caller may not see: no names and no identifiers means no score', () => {
    expect(scoreCandidate(party(), { ...putin, names: [], identifiers: [] }, weights)).toBeNull();
  });
});

describe('precision rules (issue 15)', () => {
  const company = (name: string, id = 'd-co'): CandidateDesignation => ({
    id,
    subjectType: 'ENTITY',
    names: [{ name, strength: 'STRONG' }],
    identifiers: [],
    birthDates: [],
    countries: [],
  });
  const person = (name: string, id = 'd-person'): CandidateDesignation => ({ ...company(name, id), subjectType: 'INDIVIDUAL' });

  it('never matches an individual (by type or by date of birth) to an entity, vessel or aircraft', () => {
    const malberg = company('PETROPARS LIMITED');
    expect(scoreCandidate(party({ name: 'Petro Pars', type: 'INDIVIDUAL' }), malberg, weights)).toBeNull();
    expect(scoreCandidate(party({ name: 'Petro Pars', dateOfBirth: '1952-11-14' }), malberg, weights)).toBeNull();
    for (const subjectType of ['VESSEL', 'AIRCRAFT'] as const) {
      expect(scoreCandidate(party({ name: 'Petro Pars', type: 'INDIVIDUAL' }), { ...malberg, subjectType }, weights)).toBeNull();
    }
    // An equal identifier still decides.
    const listed = { ...malberg, identifiers: [{ type: 'OTHER' as const, valueNormalized: 'X123' }] };
    expect(scoreCandidate(party({ name: 'Petro Pars', type: 'INDIVIDUAL', identifiers: [{ type: null, value: 'X123' }] }), listed, weights)!.score).toBe(weights.identifierMatch);
    // Without the rule (the evaluation's ablation) the old penalty applies.
    const ungated = scoreCandidate(party({ name: 'Petro Pars', type: 'INDIVIDUAL' }), malberg, weights, { ...DEFAULT_SCREENING_RULES, subjectTypeGate: false })!;
    expect(ungated.explanation.subjectType).toBe('DISAGREES');
  });

  it('penalises, visibly, a party of unknown type whose name reads as a person\'s against an organisation, and the reverse', () => {
    const hit = scoreCandidate(party({ name: 'Petro Pars' }), company('PETROPARS LIMITED'), weights)!;
    expect(hit.explanation.subjectType).toBe('DISAGREES');
    expect(hit.explanation.adjustments).toEqual([
      expect.objectContaining({ feature: 'SUBJECT_TYPE', points: -weights.subjectTypeDiffers, reason: expect.stringMatching(/unknown type.*person's.*ENTITY/) }),
    ]);
    expect(hit.score).toBeCloseTo(hit.explanation.nameSimilarity - weights.subjectTypeDiffers, 4);
    const reverse = scoreCandidate(party({ name: 'Taylor Trading LLC' }), person('TAYLOR, Mark'), weights);
    expect(reverse?.explanation.adjustments.map((a) => a.feature) ?? ['SUBJECT_TYPE']).toContain('SUBJECT_TYPE');
    // Names that read alike say nothing about the type: "Al Qaida" is screened against AL QA'IDA as it is.
    const qaida = scoreCandidate(party({ name: 'Al Qaida' }), company("AL QA'IDA"), weights)!;
    expect(qaida.explanation.adjustments).toEqual([]);
  });

  it('reads a company name with a respelt or reordered legal form as a company\'s, not a person\'s', () => {
    const petropars = company('PETROPARS UK LIMITED');
    const hit = scoreCandidate(party({ name: 'LIMMITED UK PETROPARS' }), petropars, weights)!;
    expect(hit.explanation.adjustments).toEqual([]);
    expect(hit.score).toBe(1);
    const exactOnly = { ...DEFAULT_SCREENING_RULES, respeltLegalForms: false };
    const before = scoreCandidate(party({ name: 'LIMMITED UK PETROPARS' }), petropars, weights, exactOnly)!;
    expect(before.explanation.subjectType).toBe('DISAGREES');
    expect(before.score).toBeLessThan(DEFAULT_SCREENING_CONFIG.threshold);
    const kaleidoskop = company('LIMITED LIABILITY COMPANY KALEIDOSKOP');
    expect(scoreCandidate(party({ name: 'KALEIDOSKOP COMPANY LIABILITY LIMITED' }), kaleidoskop, weights)!.score).toBe(1);
  });

  it('keeps scores ordered: an identical name beats a near-identical one however much else agrees, and the cap is explained', () => {
    const details = { country: 'RU', dateOfBirth: '1952-10-07', type: 'INDIVIDUAL' as const };
    const identical = scoreCandidate(party({ name: 'PUTIN, Vladimir Vladimirovich', ...details }), putin, weights)!;
    const near = scoreCandidate(party({ name: 'Vladimir Vladimirovich Putn', ...details }), putin, weights)!;
    expect(identical.score).toBe(1);
    expect(near.explanation.nameSimilarity).toBeLessThan(1);
    expect(near.score).toBeLessThan(1);
    expect(near.score).toBeGreaterThan(near.explanation.nameSimilarity);
    expect(near.explanation.adjustments.find((a) => a.feature === 'SCORE_CAP')?.reason).toMatch(/capped at 0\.99\d*: only an identical name/);
    const closer = scoreCandidate(party({ name: 'Vladimir Vladimirovich Putin', ...details }), { ...putin, id: 'd-2' }, weights)!;
    expect(rankMatches([near, closer, identical]).map((m) => m.score)).toEqual([...[near, closer, identical].map((m) => m.score)].sort((a, b) => b - a));
  });
});

describe('feature comparisons', () => {
  it('treats partial dates as periods that agree when they overlap', () => {
    const listed = [{ earliest: '1952-10-01', latest: '1952-10-31' }];
    expect(compareDatesOfBirth('1952', listed)).toBe('AGREES');
    expect(compareDatesOfBirth('1952-10-07', listed)).toBe('AGREES');
    expect(compareDatesOfBirth('1952-11', listed)).toBe('DISAGREES');
    expect(compareDatesOfBirth(null, listed)).toBe('UNKNOWN');
    expect(compareDatesOfBirth('1952', [])).toBe('UNKNOWN');
  });

  it('compares countries and subject types only when both sides state them', () => {
    expect(compareCountry('RU', ['BY', 'RU'])).toBe('AGREES');
    expect(compareCountry('DE', ['RU'])).toBe('DISAGREES');
    expect(compareCountry('DE', [])).toBe('UNKNOWN');
    expect(compareSubjectType('VESSEL', 'VESSEL')).toBe('AGREES');
    expect(compareSubjectType('VESSEL', 'ENTITY')).toBe('DISAGREES');
    expect(compareSubjectType(null, 'ENTITY')).toBe('UNKNOWN');
  });

  it('ranks by score, ties in a stable order', () => {
    const m = (id: string, score: number) => ({ designationId: id, score, evidence: score, matchedName: id, explanation: {} as never });
    expect(rankMatches([m('b', 0.9), m('a', 0.9), m('c', 0.95)]).map((x) => x.designationId)).toEqual(['c', 'a', 'b']);
  });
});

describe('screening input', () => {
  it('names every field at fault and enforces the batch limit', () => {
    expect(() => validateParties([])).toThrow(/at least one party/);
    expect(() => validateParties(Array.from({ length: 1001 }, () => ({ name: 'x' })))).toThrow(/at most 1000/);
    try {
      validateParties([{ name: '' }, { name: 'ok', dateOfBirth: '19-1-1' }, { name: 'ok', identifiers: [{ value: ' ' }] }]);
      expect.unreachable();
    } catch (error) {
      expect((error as { details: Record<string, unknown> }).details.fields).toBe('input[0].name,input[1].dateOfBirth,input[2].identifiers[0].value');
    }
  });

  it('bounds the threshold and weights a request may set', () => {
    expect(screeningConfig(0.9, { countryAgrees: 0.1 })).toMatchObject({ threshold: 0.9, weights: { countryAgrees: 0.1 } });
    expect(screeningConfig(null, null)).toEqual(DEFAULT_SCREENING_CONFIG);
    expect(() => screeningConfig(0.2, null)).toThrow(/threshold/);
    expect(() => screeningConfig(null, { dateOfBirthDisagrees: -1 })).toThrow(/weights.dateOfBirthDisagrees/);
    expect(() => screeningConfig(null, { identifierMatch: 0.3 })).toThrow(/weights.identifierMatch/);
  });

  it('fingerprints a party by its normalised name, date of birth and country', () => {
    const a = partyFingerprint({ name: 'Vladimir PUTIN', dateOfBirth: '1985', country: 'DE' });
    expect(partyFingerprint({ name: 'PUTIN, Vladimir', dateOfBirth: '1985', country: 'DE' })).toBe(a);
    expect(partyFingerprint({ name: 'Vladimir Putin', dateOfBirth: '1986', country: 'DE' })).not.toBe(a);
    expect(partyFingerprint({ name: 'Vladimir Putin', dateOfBirth: '1985', country: null })).not.toBe(a);
  });
});

describe('documentation', () => {
  it('docs/screening.md states the default weights the code uses', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../docs/screening.md', import.meta.url), 'utf8');
    const documented = Object.fromEntries([...text.matchAll(/^\| `(\w+)` \| ([\d.]+) \|/gm)].map((m) => [m[1], Number(m[2])]));
    expect(documented).toEqual({ ...DEFAULT_SCREENING_CONFIG.weights });
  });
});
