import type { Marking } from '../../db/schema/index.ts';
import { InputProblems, releasability, requiredText } from '../../lib/input-errors.ts';
import type { NotifyDenialInput } from './denial-notification.types.ts';

export const LIMITS = {
  /** Partners plan around a denial for years, not forever: it is re-notified if still wanted. */
  validityYears: 10,
  response: 10_000,
} as const;

/** What a notification takes from the request; the rest comes from the denied application. */
export interface NotifyDenialRequest {
  partyPosition: number | null;
  validUntil: string;
  marking: Marking;
  releasableTo: string[] | null;
}

/** `today` and every date here are YYYY-MM-DD (UTC): ISO dates compare as strings. */
export function validateNotify(input: NotifyDenialInput, today: string): NotifyDenialRequest {
  const problems = new InputProblems();
  if (input.partyPosition != null && (!Number.isInteger(input.partyPosition) || input.partyPosition < 0)) {
    problems.add('input.partyPosition', 'must be a party position (0 or more)');
  }
  const latest = addYears(today, LIMITS.validityYears);
  if (input.validUntil <= today) problems.add('input.validUntil', 'must be after today');
  else if (input.validUntil > latest) problems.add('input.validUntil', `must be at most ${LIMITS.validityYears} years ahead (${latest})`);
  const request: NotifyDenialRequest = {
    partyPosition: input.partyPosition ?? null,
    validUntil: input.validUntil,
    marking: input.marking,
    releasableTo: releasability(problems, input.releasableTo),
  };
  problems.throwIfAny();
  return request;
}

export function validateResponse(response: string): string {
  const problems = new InputProblems();
  const text = requiredText(problems, 'input.response', response, LIMITS.response);
  problems.throwIfAny();
  return text;
}

/** The UTC calendar date of an instant. */
export const utcDate = (at: Date): string => at.toISOString().slice(0, 10);

/** The same calendar day `years` later (29 February becomes 1 March). */
export function addYears(date: string, years: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return utcDate(at);
}
