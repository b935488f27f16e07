import type { EndUseOutcome, Marking } from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import { InputProblems, optionalText, releasability, requiredText } from '../../lib/input-errors.ts';
import type { EndUseCheckKindValue, RecordEndUseOutcomeInput, RequestEndUseCheckInput } from './end-use-check.types.ts';

export const END_USE_CHECK_STATUSES = ['REQUESTED', 'COMPLETED'] as const;
export type EndUseCheckStatusValue = (typeof END_USE_CHECK_STATUSES)[number];

/** Outcomes that put the party on the requesting agency's unverified list and flag the license. */
export const ADVERSE_OUTCOMES = ['UNFAVORABLE', 'UNVERIFIABLE'] as const satisfies readonly EndUseOutcome[];
export type AdverseOutcome = (typeof ADVERSE_OUTCOMES)[number];
export const isAdverse = (outcome: EndUseOutcome): outcome is AdverseOutcome =>
  (ADVERSE_OUTCOMES as readonly string[]).includes(outcome);

/** A check is completed exactly when its outcome is recorded: the status is never stored apart from it. */
export const statusOf = (check: { outcome: EndUseOutcome | null }): EndUseCheckStatusValue =>
  check.outcome === null ? 'REQUESTED' : 'COMPLETED';

export const LIMITS = {
  instructions: 10_000,
  findings: 20_000,
  agencyId: 64,
  /** Applications list a handful of parties; this only keeps the number sane for SQL. */
  partyPosition: 10_000,
} as const;

/** A validated request, before the party is looked up on the application. */
export interface EndUseCheckRequest {
  applicationId: string;
  partyPosition: number;
  kind: EndUseCheckKindValue;
  performingAgencyId: string;
  instructions: string | null;
  marking: Marking;
  releasableTo: string[] | null;
}

/**
 * `requesterId`: the caller's agency, which cannot ask itself. Whether the performing agency
 * exists, and the application and its party, are checked against the database afterwards.
 */
export function validateRequest(input: RequestEndUseCheckInput, requesterId: string): EndUseCheckRequest {
  const problems = new InputProblems();
  const applicationId = input.applicationId.trim().toLowerCase();
  if (!isUuid(applicationId)) problems.add('input.applicationId', 'is not a license application id');
  if (!Number.isInteger(input.partyPosition) || input.partyPosition < 0 || input.partyPosition > LIMITS.partyPosition) {
    problems.add('input.partyPosition', `must be a party position between 0 and ${LIMITS.partyPosition}`);
  }
  const performingAgencyId = requiredText(problems, 'input.performingAgencyId', input.performingAgencyId, LIMITS.agencyId);
  if (performingAgencyId === requesterId) {
    problems.add('input.performingAgencyId', 'must be another agency than yours: a check is asked of a partner');
  }
  const request: EndUseCheckRequest = {
    applicationId,
    partyPosition: input.partyPosition,
    kind: input.kind,
    performingAgencyId,
    instructions: optionalText(problems, 'input.instructions', input.instructions, LIMITS.instructions),
    marking: input.marking,
    releasableTo: releasability(problems, input.releasableTo),
  };
  problems.throwIfAny();
  return request;
}

/** A validated outcome, ready to store. */
export interface EndUseOutcomeRecord {
  outcome: EndUseOutcome;
  outcomeDate: string;
  findings: string | null;
}

/**
 * `now`: the time of the request. An adverse outcome must say what was found: it lists the
 * party and escalates the license, and the requesting officer has to know why.
 */
export function validateOutcome(input: RecordEndUseOutcomeInput, now: Date): EndUseOutcomeRecord {
  const problems = new InputProblems();
  if (input.outcomeDate > latestDateAnywhere(now)) problems.add('input.outcomeDate', 'must not be in the future');
  const findings = optionalText(problems, 'input.findings', input.findings, LIMITS.findings);
  if (isAdverse(input.outcome) && findings === null) problems.add('input.findings', `are required for an ${input.outcome} outcome`);
  problems.throwIfAny();
  return { outcome: input.outcome, outcomeDate: input.outcomeDate, findings };
}

/**
 * Today's date where it is latest (UTC+14, Line Islands): the performing officers may be
 * anywhere, and a check done "today" east of UTC is already tomorrow in UTC.
 */
export function latestDateAnywhere(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}
