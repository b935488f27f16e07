/** Pure checks of license input: every problem named by its field, all reported at once. */
import type { Marking, PartyIdentifierValue, PartyRoleValue } from '../../db/schema/index.ts';
import { checkListSize, InputProblems, optionalText, releasability, requiredText } from '../../lib/input-errors.ts';
import { validateActionDetails, type LicenseAction } from './license-workflow.ts';
import type { CreateLicenseApplicationInput, LicenseActionInput } from './license.types.ts';
import { isApproval, isLicenseEvent, type LicenseEvent } from './license-events.ts';

/** Where each recorded event is made: never through actOnLicenseApplication. */
const EVENT_MUTATIONS: Record<LicenseEvent, string> = {
  overrideConsultation: 'an approval with consultationOverrideReason',
  answerConsultation: "the denying agency's answerDenialConsultation",
  acknowledgeEscalation: 'acknowledgeEscalation',
};

export interface LicenseDraft {
  applicantName: string;
  applicantCountry: string | null;
  destinationCountry: string;
  endUse: string;
  marking: Marking;
  releasableTo: string[] | null;
  items: { controlListCode: string; description: string; quantity: string; unit: string | null; value: string | null; currency: string | null }[];
  parties: { role: PartyRoleValue; name: string; country: string; address: string | null; identifiers: PartyIdentifierValue[] }[];
}

const LIMITS = { name: 300, text: 4_000, code: 40, items: 200, parties: 50, identifiers: 20, identifier: 100 } as const;

export function validateCreate(input: CreateLicenseApplicationInput): LicenseDraft {
  const problems = new InputProblems();
  const draft: LicenseDraft = {
    applicantName: requiredText(problems, 'input.applicantName', input.applicantName, LIMITS.name),
    applicantCountry: input.applicantCountry ?? null,
    destinationCountry: input.destinationCountry,
    endUse: requiredText(problems, 'input.endUse', input.endUse, LIMITS.text),
    marking: input.marking,
    releasableTo: releasability(problems, input.releasableTo),
    items: [],
    parties: [],
  };
  if (input.items.length === 0) problems.add('input.items', 'must list at least one item');
  checkListSize(problems, 'input.items', input.items, LIMITS.items);
  draft.items = input.items.slice(0, LIMITS.items).map((item, i) => {
    const field = `input.items[${i}]`;
    if (!Number.isFinite(item.quantity) || item.quantity <= 0) problems.add(`${field}.quantity`, 'must be a positive number');
    if (item.value != null && (!Number.isFinite(item.value) || item.value < 0)) problems.add(`${field}.value`, 'must not be negative');
    const currency = optionalText(problems, `${field}.currency`, item.currency, 3);
    if (currency && !/^[A-Z]{3}$/.test(currency)) problems.add(`${field}.currency`, 'must be an ISO 4217 code such as EUR');
    return {
      controlListCode: requiredText(problems, `${field}.controlListCode`, item.controlListCode, LIMITS.code),
      description: requiredText(problems, `${field}.description`, item.description, LIMITS.text),
      quantity: String(item.quantity),
      unit: optionalText(problems, `${field}.unit`, item.unit, LIMITS.code),
      value: item.value == null ? null : String(item.value),
      currency,
    };
  });
  if (!input.parties.some((party) => party.role === 'END_USER')) problems.add('input.parties', 'must name the END_USER');
  checkListSize(problems, 'input.parties', input.parties, LIMITS.parties);
  draft.parties = input.parties.slice(0, LIMITS.parties).map((party, i) => {
    const field = `input.parties[${i}]`;
    const identifiers = party.identifiers ?? [];
    checkListSize(problems, `${field}.identifiers`, identifiers, LIMITS.identifiers);
    return {
      role: party.role,
      name: requiredText(problems, `${field}.name`, party.name, LIMITS.name),
      country: party.country,
      address: optionalText(problems, `${field}.address`, party.address, LIMITS.text),
      identifiers: identifiers.slice(0, LIMITS.identifiers).map((identifier, j) => ({
        type: identifier.type ?? null,
        value: requiredText(problems, `${field}.identifiers[${j}].value`, identifier.value, LIMITS.identifier),
      })),
    };
  });
  problems.throwIfAny();
  return draft;
}

/** Actions the workflow takes by itself on submission, never requested directly. */
const AUTOMATIC_ACTIONS: readonly LicenseAction[] = ['submit', 'startScreening', 'routeToFastTrack', 'routeToStandardReview', 'routeToEscalated'];

/** Checks an action's details against what that action takes (see `validateActionDetails`). */
export function validateAction(input: LicenseActionInput, now: Date): void {
  const problems = new InputProblems();
  if (AUTOMATIC_ACTIONS.includes(input.action as LicenseAction)) {
    problems.add('input.action', `${input.action} is done by submitLicenseApplication, which screens and routes the application`);
    problems.throwIfAny();
  }
  if (isLicenseEvent(input.action)) {
    problems.add('input.action', `${input.action} is recorded by ${EVENT_MUTATIONS[input.action]}, not by a workflow move`);
    problems.throwIfAny();
  }
  const action = input.action as LicenseAction;
  const override = input.consultationOverrideReason?.trim() ?? '';
  if (override.length > 0 && !isApproval(action)) problems.add('input.consultationOverrideReason', `applies only to an approval, not ${action}`);
  if (override.length > LIMITS.text) problems.add('input.consultationOverrideReason', `must be at most ${LIMITS.text} characters`);
  const details = {
    decidedAt: now,
    rationale: input.rationale,
    conditions: input.conditions,
    oversightConditions: input.oversightConditions,
    reviewDate: input.reviewDate ? new Date(`${input.reviewDate}T00:00:00Z`) : null,
    expiresAt: input.expiresOn ? new Date(`${input.expiresOn}T23:59:59Z`) : null,
    denialReason: input.denialReason,
  };
  for (const { field, reason } of validateActionDetails(action, details)) {
    problems.add(field === 'input.expiresAt' ? 'input.expiresOn' : field, reason.replace('input.expiresAt', 'input.expiresOn'));
  }
  const grounds = input.appealGrounds?.trim() ?? '';
  if (input.action === 'appeal' && grounds.length === 0) problems.add('input.appealGrounds', 'are required to appeal');
  if (input.action !== 'appeal' && grounds.length > 0) problems.add('input.appealGrounds', `apply only to appeal, not ${input.action}`);
  if (grounds.length > LIMITS.text) problems.add('input.appealGrounds', `must be at most ${LIMITS.text} characters`);
  problems.throwIfAny();
}
