import { DENIAL_REASONS, type LicenseState } from '../../db/schema/license-enums.ts';

/**
 * The life of a license application, as a pure state machine. The service persists the state,
 * checks the actor's role with `actorOf` and the action's details with `validateActionDetails`,
 * then asks `transition` where the application goes.
 *
 *   DRAFT ─submit→ SUBMITTED ─startScreening→ SCREENING ─routeTo…→ FAST_TRACK | STANDARD_REVIEW | ESCALATED
 *   FAST_TRACK ─referToStandardReview→ STANDARD_REVIEW;  FAST_TRACK | STANDARD_REVIEW ─escalate→ ESCALATED
 *   review lane ─approve | approveWithConditions | approveProvisionally* | deny→ decision state
 *   DENIED ─appeal→ APPEALED ─upholdDenial→ APPEAL_UPHELD (final) | ─overturnDenial→ APPEAL_OVERTURNED (approved)
 *   approved state ─suspend→ SUSPENDED ─reinstate→ the approved state it was suspended from
 *   approved state | SUSPENDED ─revoke→ REVOKED, ─expire→ EXPIRED
 *   DRAFT … ESCALATED ─withdraw→ WITHDRAWN
 *
 * (*) not from FAST_TRACK: see `TRANSITIONS`.
 */



export const LICENSE_ACTIONS = [
  'submit',
  'startScreening',
  'routeToFastTrack',
  'routeToStandardReview',
  'routeToEscalated',
  'referToStandardReview',
  'escalate',
  'approve',
  'approveWithConditions',
  'approveProvisionally',
  'deny',
  'appeal',
  'upholdDenial',
  'overturnDenial',
  'suspend',
  'reinstate',
  'revoke',
  'expire',
  'withdraw',
] as const;
export type LicenseAction = (typeof LICENSE_ACTIONS)[number];

/** The review lanes screening routes an application to; `license-risk.ts` picks one. */
export const REVIEW_LANES = ['FAST_TRACK', 'STANDARD_REVIEW', 'ESCALATED'] as const satisfies readonly LicenseState[];
export type ReviewLane = (typeof REVIEW_LANES)[number];

/** States in which the license may be used. APPEAL_OVERTURNED counts: the denial no longer stands. */
export const APPROVED_STATES = [
  'APPROVED',
  'APPROVED_WITH_CONDITIONS',
  'PROVISIONALLY_APPROVED',
  'APPEAL_OVERTURNED',
] as const satisfies readonly LicenseState[];
export type ApprovedState = (typeof APPROVED_STATES)[number];

/** Submitted and awaiting an officer's decision, at first instance or on appeal. */
export const PENDING_DECISION_STATES = [
  'SUBMITTED',
  'SCREENING',
  'FAST_TRACK',
  'STANDARD_REVIEW',
  'ESCALATED',
  'APPEALED',
] as const satisfies readonly LicenseState[];

/** Applicants act on their own application; every other action is a licensing officer's. */
export const APPLICANT_ACTIONS = ['submit', 'withdraw', 'appeal'] as const satisfies readonly LicenseAction[];
export const OFFICER_ACTIONS = LICENSE_ACTIONS.filter(
  (action): action is Exclude<LicenseAction, (typeof APPLICANT_ACTIONS)[number]> =>
    !(APPLICANT_ACTIONS as readonly LicenseAction[]).includes(action),
);
export type LicenseActor = 'APPLICANT' | 'LICENSING_OFFICER';

/** Actions that decide the application, first instance or on appeal. */
export const DECISION_ACTIONS = [
  'approve',
  'approveWithConditions',
  'approveProvisionally',
  'deny',
  'upholdDenial',
  'overturnDenial',
] as const satisfies readonly LicenseAction[];

const SAME_STATE = Symbol('same state');
const STATE_BEFORE_SUSPENSION = Symbol('state before suspension');
type Target = LicenseState | typeof SAME_STATE | typeof STATE_BEFORE_SUSPENSION;

const DECIDE_IN_REVIEW = {
  approve: 'APPROVED',
  approveWithConditions: 'APPROVED_WITH_CONDITIONS',
  approveProvisionally: 'PROVISIONALLY_APPROVED',
  deny: 'DENIED',
} as const;

/**
 * A new designation match, denial consultation or unfavourable verification on a license
 * already granted (or suspended) escalates without moving it: the state stays and the service
 * raises an escalation event, because whether to suspend or revoke is the officer's call.
 * On a case already ESCALATED it likewise only records the new reason.
 */
const ESCALATE_IN_PLACE = { escalate: SAME_STATE } as const;

const WHILE_GRANTED = {
  suspend: 'SUSPENDED',
  revoke: 'REVOKED',
  expire: 'EXPIRED',
  ...ESCALATE_IN_PLACE,
} as const;

/** Every legal move; anything absent is refused. The diagram in the header is this table. */
const TRANSITIONS: { readonly [S in LicenseState]: Readonly<Partial<Record<LicenseAction, Target>>> } = {
  DRAFT: { submit: 'SUBMITTED', withdraw: 'WITHDRAWN' },
  SUBMITTED: { startScreening: 'SCREENING', withdraw: 'WITHDRAWN' },
  SCREENING: {
    routeToFastTrack: 'FAST_TRACK',
    routeToStandardReview: 'STANDARD_REVIEW',
    routeToEscalated: 'ESCALATED',
    withdraw: 'WITHDRAWN',
  },
  // No provisional approval on the fast track: provisional approval exists for cases with a
  // doubt left to resolve under oversight, and a fast-track case has, by definition, nothing
  // flagged. An officer with a doubt refers the case to standard review (or escalates) first.
  FAST_TRACK: {
    approve: 'APPROVED',
    approveWithConditions: 'APPROVED_WITH_CONDITIONS',
    deny: 'DENIED',
    referToStandardReview: 'STANDARD_REVIEW',
    escalate: 'ESCALATED',
    withdraw: 'WITHDRAWN',
  },
  STANDARD_REVIEW: { ...DECIDE_IN_REVIEW, escalate: 'ESCALATED', withdraw: 'WITHDRAWN' },
  ESCALATED: { ...DECIDE_IN_REVIEW, ...ESCALATE_IN_PLACE, withdraw: 'WITHDRAWN' },
  APPROVED: WHILE_GRANTED,
  APPROVED_WITH_CONDITIONS: WHILE_GRANTED,
  PROVISIONALLY_APPROVED: WHILE_GRANTED,
  APPEAL_OVERTURNED: WHILE_GRANTED,
  // The appeal window is the service's concern: a denial nobody appeals simply stays DENIED.
  DENIED: { appeal: 'APPEALED' },
  // An appeal cannot be withdrawn back to DENIED: the officer upholds the denial instead, so
  // the record shows the appeal was heard (or dropped) and decided.
  APPEALED: { upholdDenial: 'APPEAL_UPHELD', overturnDenial: 'APPEAL_OVERTURNED' },
  APPEAL_UPHELD: {},
  SUSPENDED: { reinstate: STATE_BEFORE_SUSPENSION, revoke: 'REVOKED', expire: 'EXPIRED', ...ESCALATE_IN_PLACE },
  REVOKED: {},
  EXPIRED: {},
  WITHDRAWN: {},
};

/** Words for refusals: "a license in state DENIED cannot <phrase>". */
const ACTION_PHRASES: Record<LicenseAction, string> = {
  submit: 'be submitted',
  startScreening: 'enter screening',
  routeToFastTrack: 'be routed to FAST_TRACK',
  routeToStandardReview: 'be routed to STANDARD_REVIEW',
  routeToEscalated: 'be routed to ESCALATED',
  referToStandardReview: 'be referred to standard review',
  escalate: 'be escalated',
  approve: 'be approved',
  approveWithConditions: 'be approved with conditions',
  approveProvisionally: 'be approved provisionally',
  deny: 'be denied',
  appeal: 'be appealed',
  upholdDenial: 'have its denial upheld',
  overturnDenial: 'have its denial overturned',
  suspend: 'be suspended',
  reinstate: 'be reinstated',
  revoke: 'be revoked',
  expire: 'expire',
  withdraw: 'be withdrawn',
};

export type TransitionResult = { ok: true; to: LicenseState } | { ok: false; reason: string };

export interface TransitionContext {
  /**
   * For `reinstate`: the approved state the license was in when suspended. The machine keeps
   * no history, and reinstating to plain APPROVED would silently drop a license's conditions
   * or its provisional oversight, so the caller must say.
   */
  suspendedFrom?: LicenseState | null;
}

/** Where `action` takes an application in `state`, or why it cannot be taken. */
export function transition(state: LicenseState, action: LicenseAction, context: TransitionContext = {}): TransitionResult {
  const target = TRANSITIONS[state][action];
  if (target === undefined) return { ok: false, reason: refusal(state, action) };
  if (target === SAME_STATE) return { ok: true, to: state };
  if (target === STATE_BEFORE_SUSPENSION) {
    const { suspendedFrom } = context;
    if (suspendedFrom == null) {
      return { ok: false, reason: `a license in state ${state} can be reinstated only to the state it was suspended from, and none was given` };
    }
    if (!isApproved(suspendedFrom)) {
      return { ok: false, reason: `a license in state ${state} cannot be reinstated to ${suspendedFrom}, which is not an approved state` };
    }
    return { ok: true, to: suspendedFrom };
  }
  return { ok: true, to: target };
}

/** The actions `transition` accepts in `state`, in the order of LICENSE_ACTIONS. */
export function allowedActions(state: LicenseState): LicenseAction[] {
  return LICENSE_ACTIONS.filter((action) => TRANSITIONS[state][action] !== undefined);
}

/** Nothing more can happen: APPEAL_UPHELD, REVOKED, EXPIRED, WITHDRAWN. DENIED is not final: it may be appealed. */
export function isTerminal(state: LicenseState): boolean {
  return allowedActions(state).length === 0;
}

export function isPendingDecision(state: LicenseState): boolean {
  return (PENDING_DECISION_STATES as readonly LicenseState[]).includes(state);
}

export function isApproved(state: LicenseState): state is ApprovedState {
  return (APPROVED_STATES as readonly LicenseState[]).includes(state);
}

export function actorOf(action: LicenseAction): LicenseActor {
  return (APPLICANT_ACTIONS as readonly LicenseAction[]).includes(action) ? 'APPLICANT' : 'LICENSING_OFFICER';
}

export function isDecision(action: LicenseAction): boolean {
  return (DECISION_ACTIONS as readonly LicenseAction[]).includes(action);
}

/** The action that moves a screened application into the lane risk scoring chose. */
export function routingAction(lane: ReviewLane): LicenseAction {
  const byLane = { FAST_TRACK: 'routeToFastTrack', STANDARD_REVIEW: 'routeToStandardReview', ESCALATED: 'routeToEscalated' } as const;
  return byLane[lane];
}

function refusal(state: LicenseState, action: LicenseAction): string {
  const allowed = allowedActions(state);
  const hint = allowed.length === 0 ? `${state} is final` : `it allows ${allowed.join(', ')}`;
  return `a license in state ${state} cannot ${ACTION_PHRASES[action]} (${hint})`;
}

// ── What an action must carry ─────────────────────────────────────────────────────────────



/** What accompanies an action; fields that do not apply to the action must be left out. */
export interface ActionDetails {
  /** When the action is taken; the dates below are checked against it. */
  decidedAt: Date;
  rationale?: string | null;
  /** Licence conditions the exporter must meet (e.g. no re-export without consent). */
  conditions?: readonly string[] | null;
  /** For a provisional approval: what the agency will watch (end-use checks, reporting). */
  oversightConditions?: readonly string[] | null;
  /** For a provisional approval: when the agency reviews it again. */
  reviewDate?: Date | null;
  /** For an approval: when the license lapses; none means the regime's default validity. */
  expiresAt?: Date | null;
  denialReason?: string | null;
}

/** One thing wrong with an action's details; `field` is a path like `input.conditions[1]`. */
export interface ActionProblem {
  field: string;
  reason: string;
}

export const DETAIL_LIMITS = { rationale: 20_000, condition: 2_000, conditions: 100 } as const;

/**
 * Decisions, and officer actions on a granted license, owe the applicant reasons (and an
 * appeal or a court needs them), so each carries a rationale.
 */
const RATIONALE_REQUIRED: readonly LicenseAction[] = [...DECISION_ACTIONS, 'suspend', 'reinstate', 'revoke'];
const APPROVALS: readonly LicenseAction[] = ['approve', 'approveWithConditions', 'approveProvisionally', 'overturnDenial'];
const CONDITIONS_ALLOWED: readonly LicenseAction[] = ['approveWithConditions', 'approveProvisionally', 'overturnDenial'];

/**
 * Every problem with the details of `action`, or none. Checks content only: whether the
 * action is legal in the current state is `transition`'s answer.
 */
export function validateActionDetails(action: LicenseAction, details: ActionDetails): ActionProblem[] {
  const problems: ActionProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
  const decidedAt = validDate(details.decidedAt);
  if (!decidedAt) add('decidedAt', 'must be a valid date');

  checkRationale(action, details.rationale, add);
  checkConditions(action, 'conditions', details.conditions, CONDITIONS_ALLOWED, 'approveWithConditions', add);
  checkConditions(action, 'oversightConditions', details.oversightConditions, ['approveProvisionally'], 'approveProvisionally', add);
  checkDenialReason(action, details.denialReason, add);

  checkDateAfterDecision(action, 'expiresAt', details.expiresAt, { appliesTo: APPROVALS, required: false }, decidedAt, add);
  checkDateAfterDecision(action, 'reviewDate', details.reviewDate, { appliesTo: ['approveProvisionally'], required: true }, decidedAt, add);
  // Only once both dates are otherwise sound, so that one bad date yields one problem.
  const review = validDate(details.reviewDate), expiry = validDate(details.expiresAt);
  if (decidedAt && review && expiry && review > decidedAt && expiry > decidedAt && review >= expiry) {
    add('reviewDate', 'must be before input.expiresAt: a license cannot be reviewed after it lapses');
  }
  return problems;
}

type AddProblem = (field: string, reason: string) => void;

function checkRationale(action: LicenseAction, rationale: string | null | undefined, add: AddProblem): void {
  const text = rationale?.trim() ?? '';
  if (RATIONALE_REQUIRED.includes(action) && text.length === 0) add('rationale', `is required to ${action}`);
  if (text.length > DETAIL_LIMITS.rationale) add('rationale', `must be at most ${DETAIL_LIMITS.rationale} characters`);
}

function checkConditions(
  action: LicenseAction,
  field: 'conditions' | 'oversightConditions',
  conditions: readonly string[] | null | undefined,
  allowedFor: readonly LicenseAction[],
  requiredFor: LicenseAction,
  add: AddProblem,
): void {
  const list = conditions ?? [];
  if (list.length > 0 && !allowedFor.includes(action)) {
    add(field, `do not apply to ${action}${action === 'approve' ? '; use approveWithConditions' : ''}`);
    return;
  }
  if (action === requiredFor && list.length === 0) add(field, `${action} needs at least one`);
  if (list.length > DETAIL_LIMITS.conditions) add(field, `must have at most ${DETAIL_LIMITS.conditions} items`);
  list.forEach((condition, i) => {
    const text = condition.trim();
    if (text.length === 0) add(`${field}[${i}]`, 'must not be empty');
    else if (text.length > DETAIL_LIMITS.condition) add(`${field}[${i}]`, `must be at most ${DETAIL_LIMITS.condition} characters`);
  });
}

function checkDenialReason(action: LicenseAction, reason: string | null | undefined, add: AddProblem): void {
  if (action !== 'deny') {
    if (reason != null) add('denialReason', `applies only to deny, not ${action}`);
  } else if (reason == null) {
    add('denialReason', `is required to deny (one of ${DENIAL_REASONS.join(', ')})`);
  } else if (!(DENIAL_REASONS as readonly string[]).includes(reason)) {
    add('denialReason', `must be one of ${DENIAL_REASONS.join(', ')}`);
  }
}

function checkDateAfterDecision(
  action: LicenseAction,
  field: 'expiresAt' | 'reviewDate',
  value: Date | null | undefined,
  rule: { appliesTo: readonly LicenseAction[]; required: boolean },
  decidedAt: Date | null,
  add: AddProblem,
): void {
  const applies = rule.appliesTo.includes(action);
  if (value == null) {
    if (applies && rule.required) add(field, `is required to ${action}`);
    return;
  }
  if (!applies) return add(field, `does not apply to ${action}`);
  const date = validDate(value);
  if (!date) add(field, 'must be a valid date');
  else if (decidedAt && date <= decidedAt) add(field, 'must be after input.decidedAt');
}

function validDate(value: Date | null | undefined): Date | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;
}
