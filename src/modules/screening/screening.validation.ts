/** Checks a screening request and turns it into the parties and configuration scoring takes. */
import type { IdentifierType, SubjectType } from '../../db/schema/index.ts';
import { InputProblems, optionalText, requiredText } from '../../lib/input-errors.ts';
import { partialDateBounds } from '../../lib/partial-dates.ts';
import type { ScreenedParty } from './match-scoring.ts';
import { normalizeName } from '../name-matching/name-normalization.ts';
import {
  DEFAULT_SCREENING_CONFIG,
  MAX_PARTIES_PER_SCREEN,
  SCREENING_BOUNDS,
  type ScreeningConfig,
  type ScreeningWeights,
  type WeightOverrides,
} from './screening-config.ts';

export interface PartySubmission {
  name: string;
  type?: SubjectType | null;
  country?: string | null;
  dateOfBirth?: string | null;
  identifiers?: readonly { type?: IdentifierType | null; value: string }[] | null;
}

const MAX_NAME_LENGTH = 300;
const MAX_IDENTIFIERS = 20;
const MAX_IDENTIFIER_LENGTH = 100;

export function validateParty(problems: InputProblems, field: string, submitted: PartySubmission): ScreenedParty {
  const name = requiredText(problems, `${field}.name`, submitted.name, MAX_NAME_LENGTH);
  if (name.length > 0 && normalizeName(name).tokens.length === 0) {
    problems.add(`${field}.name`, 'must contain a letter or digit');
  }
  const dateOfBirth = optionalText(problems, `${field}.dateOfBirth`, submitted.dateOfBirth, 10);
  if (dateOfBirth && !partialDateBounds(dateOfBirth)) {
    problems.add(`${field}.dateOfBirth`, 'must be a date in partial ISO 8601 form: 1972, 1972-05 or 1972-05-03');
  }
  const identifiers = submitted.identifiers ?? [];
  if (identifiers.length > MAX_IDENTIFIERS) problems.add(`${field}.identifiers`, `must have at most ${MAX_IDENTIFIERS} items`);
  return {
    name,
    type: submitted.type ?? null,
    country: submitted.country ?? null,
    dateOfBirth,
    identifiers: identifiers.slice(0, MAX_IDENTIFIERS).map((identifier, i) => ({
      type: identifier.type ?? null,
      value: requiredText(problems, `${field}.identifiers[${i}].value`, identifier.value, MAX_IDENTIFIER_LENGTH),
    })),
  };
}

export function validateParties(submitted: readonly PartySubmission[]): ScreenedParty[] {
  const problems = new InputProblems();
  if (submitted.length === 0) problems.add('input', 'must name at least one party');
  if (submitted.length > MAX_PARTIES_PER_SCREEN) {
    problems.add('input', `must have at most ${MAX_PARTIES_PER_SCREEN} parties per call (got ${submitted.length}); split the batch`);
    problems.throwIfAny();
  }
  const parties = submitted.map((party, i) => validateParty(problems, `input[${i}]`, party));
  problems.throwIfAny();
  return parties;
}

/** The default configuration with the request's threshold and weights, each checked against its bounds. */
export function screeningConfig(threshold: number | null | undefined, weights: WeightOverrides | null | undefined): ScreeningConfig {
  const problems = new InputProblems();
  const chosen: ScreeningConfig = {
    threshold: threshold ?? DEFAULT_SCREENING_CONFIG.threshold,
    weights: { ...DEFAULT_SCREENING_CONFIG.weights },
    rules: DEFAULT_SCREENING_CONFIG.rules,
  };
  checkBounds(problems, 'threshold', chosen.threshold, SCREENING_BOUNDS.threshold);
  for (const [name, value] of Object.entries(weights ?? {}) as [keyof ScreeningWeights, number | null | undefined][]) {
    if (value === null || value === undefined) continue;
    checkBounds(problems, `weights.${name}`, value, name === 'identifierMatch' ? SCREENING_BOUNDS.identifierMatch : SCREENING_BOUNDS.weight);
    chosen.weights[name] = value;
  }
  problems.throwIfAny();
  return chosen;
}

function checkBounds(problems: InputProblems, field: string, value: number, bounds: { min: number; max: number }) {
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    problems.add(field, `must be between ${bounds.min} and ${bounds.max}`);
  }
}

/**
 * Identifies "the same party" across screenings, for adjudications: its name with word order,
 * case, script and punctuation normalised away, plus its date of birth and country when
 * given. A party screened with a different date of birth is a different party, and a hit
 * adjudicated for one is reported again for the other.
 */
export function partyFingerprint(party: Pick<ScreenedParty, 'name' | 'dateOfBirth' | 'country'>): string {
  const tokens = [...normalizeName(party.name).tokens].sort();
  return [tokens.join(' '), party.dateOfBirth ?? '', party.country ?? ''].join('|');
}
