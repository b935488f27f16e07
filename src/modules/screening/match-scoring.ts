/**
 * Scores one screened party against one candidate designation: pure, so that every rule is
 * tested without a database. The candidate holds only what the caller may see of the
 * designation, so the score and its explanation never rest on a withheld field.
 */
import type { AliasStrength, IdentifierType, SubjectType } from '../../db/schema/index.ts';
import { normalizePartyIdentifier } from '../../lib/identifiers.ts';
import { partialDateBounds, type DateBounds } from '../../lib/partial-dates.ts';
import { nameShape } from '../name-matching/name-normalization.ts';
import { formVariants, nameSimilarity } from '../name-matching/name-similarity.ts';
import { DEFAULT_SCREENING_RULES, type ScreeningRules, type ScreeningWeights } from './screening-config.ts';

export interface ScreenedParty {
  name: string;
  type: SubjectType | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  /** Partial ISO 8601, as validated. */
  dateOfBirth: string | null;
  identifiers: readonly { type: IdentifierType | null; value: string }[];
}

export interface CandidateName {
  name: string;
  strength: AliasStrength;
}

/** A designation as the caller may see it; withheld fields are empty (or null). */
export interface CandidateDesignation {
  id: string;
  subjectType: SubjectType | null;
  names: readonly CandidateName[];
  identifiers: readonly { type: IdentifierType; valueNormalized: string }[];
  birthDates: readonly DateBounds[];
  /** Nationalities and address countries. */
  countries: readonly string[];
}

/** Whether a feature the party and the designation both state agrees; UNKNOWN when either is silent. */
export type FeatureAgreement = 'AGREES' | 'DISAGREES' | 'UNKNOWN';

export type ScoreFeature = 'WEAK_ALIAS' | 'DATE_OF_BIRTH' | 'COUNTRY' | 'SUBJECT_TYPE' | 'IDENTIFIER' | 'SCORE_CAP';

export interface ScoreAdjustment {
  feature: ScoreFeature;
  /** What it added to (or, negative, took from) the score. */
  points: number;
  reason: string;
}

export interface MatchExplanation {
  nameSimilarity: number;
  tokenOverlap: number;
  matchedNameStrength: AliasStrength;
  /** The party identifier found on the designation, as given by the party. */
  identifierMatched: string | null;
  dateOfBirth: FeatureAgreement;
  country: FeatureAgreement;
  subjectType: FeatureAgreement;
  adjustments: ScoreAdjustment[];
}

export interface ScoredMatch {
  designationId: string;
  matchedName: string;
  score: number;
  /** The score before any cap: what ranks two matches whose capped scores are equal. */
  evidence: number;
  explanation: MatchExplanation;
}

/**
 * Adjustments may lift an inexact name at most this share of the way from its name similarity
 * to 1: only an identical name (or an equal identifier) scores 1, and a closer name stays above
 * a less close one however much else agrees ("Oleg Deripaska" at 0.985 with an agreeing country
 * is capped at 0.9985, not 1.000). A cap is an adjustment of its own in the explanation.
 */
const CAP_HEADROOM_SHARE = 0.9;
const HIGHEST_INEXACT_SCORE = 0.9999;

/** Listed subjects that are not people: an individual is never one of them. */
const NOT_A_PERSON: ReadonlySet<SubjectType> = new Set(['ENTITY', 'VESSEL', 'AIRCRAFT']);

/** Scores the party against the candidate; null when the candidate has no name or identifier to compare. */
export function scoreCandidate(
  party: ScreenedParty,
  candidate: CandidateDesignation,
  weights: ScreeningWeights,
  rules: Readonly<ScreeningRules> = DEFAULT_SCREENING_RULES,
): ScoredMatch | null {
  // A date of birth makes the party a person (with the subject-type rule).
  const partyType = party.type ?? (rules.subjectTypeGate && party.dateOfBirth !== null ? 'INDIVIDUAL' : null);
  const identifier = matchingIdentifier(party, candidate);
  // A person is not an entity, vessel or aircraft: no name match there, only an equal identifier.
  const gated = rules.subjectTypeGate && partyType === 'INDIVIDUAL' && candidate.subjectType !== null && NOT_A_PERSON.has(candidate.subjectType);
  if (gated && !identifier) return null;
  // Legal forms are words of a person's name ("Thomas Sá"): kept when the party is a person or,
  // its type unknown, the listed subject is.
  const person = partyType === 'INDIVIDUAL' || (partyType === null && candidate.subjectType === 'INDIVIDUAL');
  const best = gated ? null : bestName(party.name, candidate.names, weights, person, rules);
  if (!best && !identifier) return null;

  const adjustments: ScoreAdjustment[] = [];
  const name = best ?? { candidate: { name: candidate.names[0]?.name ?? '', strength: 'STRONG' as const }, similarity: 0, overlap: 0 };
  let score = name.similarity;
  if (best && best.candidate.strength === 'WEAK' && weights.weakAlias > 0) {
    adjustments.push({ feature: 'WEAK_ALIAS', points: -weights.weakAlias, reason: 'matched a weak ("low quality") alias' });
  }
  const dateOfBirth = compareDatesOfBirth(party.dateOfBirth, candidate.birthDates);
  if (dateOfBirth === 'AGREES') {
    adjustments.push({ feature: 'DATE_OF_BIRTH', points: weights.dateOfBirthAgrees, reason: `date of birth ${party.dateOfBirth} agrees` });
  } else if (dateOfBirth === 'DISAGREES') {
    adjustments.push({ feature: 'DATE_OF_BIRTH', points: -weights.dateOfBirthDisagrees, reason: `date of birth ${party.dateOfBirth} is none of the listed ones` });
  }
  const country = compareCountry(party.country, candidate.countries);
  if (country === 'AGREES') {
    adjustments.push({ feature: 'COUNTRY', points: weights.countryAgrees, reason: `country ${party.country} is one of the listed ones` });
  } else if (country === 'DISAGREES') {
    adjustments.push({ feature: 'COUNTRY', points: -weights.countryDisagrees, reason: `country ${party.country} is none of the listed ones` });
  }
  let subjectType = compareSubjectType(partyType, candidate.subjectType);
  if (subjectType === 'DISAGREES') {
    const stated = party.type ? `a ${party.type}` : `a party with a date of birth (an INDIVIDUAL)`;
    adjustments.push({ feature: 'SUBJECT_TYPE', points: -weights.subjectTypeDiffers, reason: `${stated} screened against a ${candidate.subjectType}` });
  } else if (rules.subjectTypeGate && best && partyType === null && candidate.subjectType !== null) {
    const across = typeReadAcross(party.name, best.candidate.name, candidate.subjectType, rules);
    if (across) {
      subjectType = 'DISAGREES';
      adjustments.push({ feature: 'SUBJECT_TYPE', points: -weights.subjectTypeDiffers, reason: across });
    }
  }
  score += adjustments.reduce((sum, adjustment) => sum + adjustment.points, 0);
  if (identifier && score < weights.identifierMatch) {
    adjustments.push({ feature: 'IDENTIFIER', points: weights.identifierMatch - score, reason: `identifier ${identifier} is listed` });
    score = weights.identifierMatch;
  } else if (identifier) {
    adjustments.push({ feature: 'IDENTIFIER', points: 0, reason: `identifier ${identifier} is listed` });
  }
  const evidence = score;
  const ceiling = identifier || name.similarity >= 1 ? 1 : Math.min(HIGHEST_INEXACT_SCORE, name.similarity + (1 - name.similarity) * CAP_HEADROOM_SHARE);
  if (score > ceiling) {
    const capped = Math.floor(ceiling * 10_000) / 10_000;
    adjustments.push({
      feature: 'SCORE_CAP',
      points: capped - score,
      reason: ceiling === 1 ? 'capped at 1' : `capped at ${capped}: only an identical name or an equal identifier scores 1`,
    });
    score = capped;
  }

  return {
    designationId: candidate.id,
    matchedName: name.candidate.name,
    score: roundScore(Math.max(0, score)),
    evidence,
    explanation: {
      nameSimilarity: roundScore(name.similarity),
      tokenOverlap: roundScore(name.overlap),
      matchedNameStrength: name.candidate.strength,
      identifierMatched: identifier,
      dateOfBirth,
      country,
      subjectType,
      adjustments: adjustments.map((a) => ({ ...a, points: roundScore(a.points) })),
    },
  };
}

/** Four decimals: enough to rank, and stable to compare across runs. */
const roundScore = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * For a party of unknown type: its name reads as a person's and the matched name as an
 * organisation's (or the reverse), and the listed subject is of the kind the matched name reads
 * as. Both names read the same way ("Al Qaida" / "AL QA'IDA"), nothing is inferred.
 */
function typeReadAcross(partyName: string, matchedName: string, listed: SubjectType, rules: Readonly<ScreeningRules>): string | null {
  const variants = formVariants(rules);
  const party = nameShape(partyName, variants);
  const matched = nameShape(matchedName, variants);
  if (party === 'PERSON' && matched === 'ORGANISATION' && NOT_A_PERSON.has(listed)) {
    return `a party of unknown type whose name reads as a person's, screened against a ${listed}`;
  }
  if (party === 'ORGANISATION' && matched !== 'ORGANISATION' && listed === 'INDIVIDUAL') {
    return `a party of unknown type whose name reads as an organisation's, screened against an INDIVIDUAL`;
  }
  return null;
}

function bestName(query: string, names: readonly CandidateName[], weights: ScreeningWeights, person: boolean, rules: Readonly<ScreeningRules>) {
  let best: { candidate: CandidateName; similarity: number; overlap: number; effective: number } | null = null;
  for (const candidate of names) {
    const { score, tokenOverlap } = nameSimilarity(query, candidate.name, { person, rules });
    if (score <= 0) continue;
    // A weak alias must beat a strong name by more than its penalty to be the one reported.
    const effective = candidate.strength === 'WEAK' ? score - weights.weakAlias : score;
    if (!best || effective > best.effective) best = { candidate, similarity: score, overlap: tokenOverlap, effective };
  }
  return best;
}

/**
 * The first party identifier whose normalised value the designation lists. Types must agree
 * when both are known; a party identifier without a type matches any (callers often do not
 * know whether a number is a passport or a national id).
 */
function matchingIdentifier(party: ScreenedParty, candidate: CandidateDesignation): string | null {
  for (const identifier of party.identifiers) {
    const value = normalizePartyIdentifier(identifier.type, identifier.value);
    if (value.length === 0) continue;
    const found = candidate.identifiers.some(
      (listed) => listed.valueNormalized === value && (identifier.type === null || identifier.type === listed.type || listed.type === 'OTHER'),
    );
    if (found) return identifier.value;
  }
  return null;
}

/** A partial date stands for a period; two dates agree when their periods overlap. */
export function compareDatesOfBirth(dateOfBirth: string | null, listed: readonly DateBounds[]): FeatureAgreement {
  if (!dateOfBirth || listed.length === 0) return 'UNKNOWN';
  const bounds = partialDateBounds(dateOfBirth);
  if (!bounds) return 'UNKNOWN';
  return listed.some((range) => range.earliest <= bounds.latest && bounds.earliest <= range.latest) ? 'AGREES' : 'DISAGREES';
}

export function compareCountry(country: string | null, listed: readonly string[]): FeatureAgreement {
  if (!country || listed.length === 0) return 'UNKNOWN';
  return listed.includes(country) ? 'AGREES' : 'DISAGREES';
}

export function compareSubjectType(type: SubjectType | null, listed: SubjectType | null): FeatureAgreement {
  if (!type || !listed) return 'UNKNOWN';
  return type === listed ? 'AGREES' : 'DISAGREES';
}

/**
 * One batch of scoring work as plain data, so that it can be scored on another thread: the
 * parties, the candidates they retrieved (as the caller may see them), and for each party the
 * candidates it is compared with.
 */
export interface ScoringTask {
  parties: readonly ScreenedParty[];
  candidates: readonly CandidateDesignation[];
  /** Per party, indexes into `candidates`. */
  candidatesOf: readonly (readonly number[])[];
  weights: ScreeningWeights;
  /** The precision rules in force (all of them, except when the eval switches one off). */
  rules?: Readonly<ScreeningRules>;
  threshold: number;
}

/** For each party of the task, all its matches at or above the threshold, ranked. */
export function scoreTask({ parties, candidates, candidatesOf, weights, rules, threshold }: ScoringTask): ScoredMatch[][] {
  return parties.map((party, ord) => {
    const matches: ScoredMatch[] = [];
    for (const index of candidatesOf[ord] ?? []) {
      const scored = scoreCandidate(party, candidates[index]!, weights, rules);
      if (scored && scored.score >= threshold) matches.push(scored);
    }
    return rankMatches(matches);
  });
}

/** Scores tasks: on a pool of threads in the hub (scoring-pool.ts), on the calling thread elsewhere. */
export interface MatchScorer {
  score(task: ScoringTask): Promise<ScoredMatch[][]>;
}

export const scoreOnThisThread: MatchScorer = { score: async (task) => scoreTask(task) };

/** Highest score first; equal scores in a stable order (by designation id) so results reproduce. */
export function rankMatches<T extends ScoredMatch>(matches: T[]): T[] {
  return matches.sort(
    (a, b) => b.score - a.score || b.evidence - a.evidence || (a.designationId < b.designationId ? -1 : a.designationId > b.designationId ? 1 : 0),
  );
}
