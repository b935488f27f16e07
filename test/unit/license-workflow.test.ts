import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorOf, allowedActions, APPROVED_STATES, DECISION_ACTIONS, isApproved, isDecision, isPendingDecision, isTerminal, LICENSE_ACTIONS, REVIEW_LANES, routingAction, transition, validateActionDetails, type ActionDetails, type LicenseAction } from '../../src/modules/licenses/license-workflow.ts';
import { DENIAL_REASONS, LICENSE_STATES, type LicenseState } from '../../src/db/schema/license-enums.ts';

/**
 * The state diagram, written out independently of the implementation's table. `reinstate` is
 * listed with the target it reaches from a license suspended while APPROVED_WITH_CONDITIONS;
 * its other targets are tested separately.
 */
const GRANTED = { suspend: 'SUSPENDED', revoke: 'REVOKED', expire: 'EXPIRED' } as const;
const EXPECTED: Record<LicenseState, Partial<Record<LicenseAction, LicenseState>>> = {
  DRAFT: { submit: 'SUBMITTED', withdraw: 'WITHDRAWN' },
  SUBMITTED: { startScreening: 'SCREENING', withdraw: 'WITHDRAWN' },
  SCREENING: {
    routeToFastTrack: 'FAST_TRACK',
    routeToStandardReview: 'STANDARD_REVIEW',
    routeToEscalated: 'ESCALATED',
    withdraw: 'WITHDRAWN',
  },
  FAST_TRACK: {
    approve: 'APPROVED',
    approveWithConditions: 'APPROVED_WITH_CONDITIONS',
    deny: 'DENIED',
    referToStandardReview: 'STANDARD_REVIEW',
    escalate: 'ESCALATED',
    withdraw: 'WITHDRAWN',
  },
  STANDARD_REVIEW: {
    approve: 'APPROVED',
    approveWithConditions: 'APPROVED_WITH_CONDITIONS',
    approveProvisionally: 'PROVISIONALLY_APPROVED',
    deny: 'DENIED',
    escalate: 'ESCALATED',
    withdraw: 'WITHDRAWN',
  },
  ESCALATED: {
    approve: 'APPROVED',
    approveWithConditions: 'APPROVED_WITH_CONDITIONS',
    approveProvisionally: 'PROVISIONALLY_APPROVED',
    deny: 'DENIED',
    escalate: 'ESCALATED',
    withdraw: 'WITHDRAWN',
  },
  APPROVED: { ...GRANTED, escalate: 'APPROVED' },
  APPROVED_WITH_CONDITIONS: { ...GRANTED, escalate: 'APPROVED_WITH_CONDITIONS' },
  PROVISIONALLY_APPROVED: { ...GRANTED, escalate: 'PROVISIONALLY_APPROVED' },
  APPEAL_OVERTURNED: { ...GRANTED, escalate: 'APPEAL_OVERTURNED' },
  DENIED: { appeal: 'APPEALED' },
  APPEALED: { upholdDenial: 'APPEAL_UPHELD', overturnDenial: 'APPEAL_OVERTURNED' },
  APPEAL_UPHELD: {},
  SUSPENDED: { reinstate: 'APPROVED_WITH_CONDITIONS', revoke: 'REVOKED', expire: 'EXPIRED', escalate: 'SUSPENDED' },
  REVOKED: {},
  EXPIRED: {},
  WITHDRAWN: {},
};

const ALL_PAIRS = LICENSE_STATES.flatMap((state) => LICENSE_ACTIONS.map((action) => [state, action] as const));
const LEGAL_PAIRS = ALL_PAIRS.filter(([state, action]) => EXPECTED[state][action] !== undefined);
const ILLEGAL_PAIRS = ALL_PAIRS.filter(([state, action]) => EXPECTED[state][action] === undefined);

function reachableFromDraft(): Set<LicenseState> {
  const seen = new Set<LicenseState>(['DRAFT']);
  const queue: LicenseState[] = ['DRAFT'];
  for (let state = queue.shift(); state; state = queue.shift()) {
    for (const to of Object.values(EXPECTED[state])) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

describe('license workflow transitions', () => {
  it('covers all 17 states and 19 actions: 323 pairs, each tested below', () => {
    expect(LICENSE_STATES).toHaveLength(17);
    expect(LICENSE_ACTIONS).toHaveLength(19);
    expect(ALL_PAIRS).toHaveLength(323);
    expect(LEGAL_PAIRS.length + ILLEGAL_PAIRS.length).toBe(323);
  });

  it.each(LEGAL_PAIRS)('%s --%s--> the expected state', (state, action) => {
    expect(transition(state, action, { suspendedFrom: 'APPROVED_WITH_CONDITIONS' })).toEqual({ ok: true, to: EXPECTED[state][action] });
  });

  it.each(ILLEGAL_PAIRS)('%s refuses %s, naming the state', (state, action) => {
    const result = transition(state, action, { suspendedFrom: 'APPROVED' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(new RegExp(`^a license in state ${state} cannot `));
  });

  it('says what a refused state allows, or that it is final', () => {
    expect(transition('DENIED', 'approve')).toEqual({ ok: false, reason: 'a license in state DENIED cannot be approved (it allows appeal)' });
    expect(transition('REVOKED', 'reinstate')).toEqual({ ok: false, reason: 'a license in state REVOKED cannot be reinstated (REVOKED is final)' });
  });

  it('allowedActions lists exactly the legal actions of each state', () => {
    for (const state of LICENSE_STATES) expect(allowedActions(state).sort()).toEqual(Object.keys(EXPECTED[state]).sort());
  });

  it.each(APPROVED_STATES)('reinstates a license suspended from %s to that same state', (suspendedFrom) => {
    expect(transition('SUSPENDED', 'reinstate', { suspendedFrom })).toEqual({ ok: true, to: suspendedFrom });
  });

  it('refuses to reinstate without knowing, or to a state that is not approved', () => {
    expect(transition('SUSPENDED', 'reinstate')).toEqual({
      ok: false,
      reason: 'a license in state SUSPENDED can be reinstated only to the state it was suspended from, and none was given',
    });
    for (const suspendedFrom of LICENSE_STATES.filter((s) => !isApproved(s))) {
      const result = transition('SUSPENDED', 'reinstate', { suspendedFrom });
      expect(result).toEqual({ ok: false, reason: `a license in state SUSPENDED cannot be reinstated to ${suspendedFrom}, which is not an approved state` });
    }
  });

  it('keeps a granted or suspended license in place when escalated (the event is raised elsewhere)', () => {
    for (const state of [...APPROVED_STATES, 'SUSPENDED', 'ESCALATED'] as const) expect(transition(state, 'escalate')).toEqual({ ok: true, to: state });
  });

  it('does not approve provisionally on the fast track: a doubt goes to standard review first', () => {
    expect(transition('FAST_TRACK', 'approveProvisionally').ok).toBe(false);
    expect(transition('FAST_TRACK', 'referToStandardReview')).toEqual({ ok: true, to: 'STANDARD_REVIEW' });
  });

  it.each(REVIEW_LANES)('routes a screened application to %s with routingAction', (lane) => {
    expect(transition('SCREENING', routingAction(lane))).toEqual({ ok: true, to: lane });
  });

  it('reaches every state from DRAFT', () => {
    expect([...reachableFromDraft()].sort()).toEqual([...LICENSE_STATES].sort());
  });
});

describe('license state classification', () => {
  const TERMINAL: LicenseState[] = ['APPEAL_UPHELD', 'REVOKED', 'EXPIRED', 'WITHDRAWN'];
  const PENDING: LicenseState[] = ['SUBMITTED', 'SCREENING', 'FAST_TRACK', 'STANDARD_REVIEW', 'ESCALATED', 'APPEALED'];
  const APPROVED: LicenseState[] = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'PROVISIONALLY_APPROVED', 'APPEAL_OVERTURNED'];

  it.each(LICENSE_STATES)('classifies %s', (state) => {
    expect(isTerminal(state)).toBe(TERMINAL.includes(state));
    expect(isPendingDecision(state)).toBe(PENDING.includes(state));
    expect(isApproved(state)).toBe(APPROVED.includes(state));
  });

  it('treats DENIED as neither final nor pending: it waits for the applicant to appeal', () => {
    expect([isTerminal('DENIED'), isPendingDecision('DENIED'), isApproved('DENIED')]).toEqual([false, false, false]);
  });

  it('leaves submit, withdraw and appeal to the applicant and everything else to a licensing officer', () => {
    for (const action of LICENSE_ACTIONS) {
      expect(actorOf(action)).toBe(['submit', 'withdraw', 'appeal'].includes(action) ? 'APPLICANT' : 'LICENSING_OFFICER');
    }
  });

  it('names the decisions', () => {
    expect(LICENSE_ACTIONS.filter(isDecision).sort()).toEqual(
      ['approve', 'approveWithConditions', 'approveProvisionally', 'deny', 'upholdDenial', 'overturnDenial'].sort(),
    );
  });
});

describe('license workflow properties', () => {
  const REACHABLE = reachableFromDraft();
  const REVIEW: readonly LicenseState[] = REVIEW_LANES;

  /**
   * A step is any action, or (a number) the n-th action the current state allows: uniform
   * random actions are mostly refused, and walks made only of them rarely get past screening.
   */
  const step = fc.oneof({ arbitrary: fc.constantFrom(...LICENSE_ACTIONS), weight: 1 }, { arbitrary: fc.nat(), weight: 3 });

  /** Replays steps the way the service would: remembering the state a suspension came from. */
  function replay(steps: readonly (LicenseAction | number)[], check: (step: { from: LicenseState; action: LicenseAction; ok: boolean; to: LicenseState; history: LicenseState[] }) => void) {
    let state: LicenseState = 'DRAFT';
    let suspendedFrom: LicenseState | null = null;
    const history: LicenseState[] = [state];
    for (const chosen of steps) {
      const allowed = allowedActions(state);
      if (typeof chosen === 'number' && allowed.length === 0) continue;
      const action: LicenseAction = typeof chosen === 'number' ? allowed[chosen % allowed.length]! : chosen;
      const result = transition(state, action, { suspendedFrom });
      const to: LicenseState = result.ok ? result.to : state;
      if (result.ok && to === 'SUSPENDED' && state !== 'SUSPENDED') suspendedFrom = state;
      check({ from: state, action, ok: result.ok, to, history });
      state = to;
      history.push(state);
    }
  }

  it('from DRAFT, random actions only visit reachable states; terminal states accept nothing', () => {
    const visited = new Set<LicenseState>();
    fc.assert(
      // size 'max': fast-check's default size keeps arrays near 10 steps, too short to reach an appeal.
      fc.property(fc.array(step, { maxLength: 80, size: 'max' }), (steps) => {
        replay(steps, ({ from, action, ok, to, history }) => {
          visited.add(to);
          expect(REACHABLE.has(to)).toBe(true);
          expect(ok).toBe(allowedActions(from).includes(action));
          if (isTerminal(from)) expect(ok).toBe(false);
          // Nothing is granted without a review lane (or an appeal) on the way.
          if (ok && isApproved(to) && !isApproved(from) && from !== 'SUSPENDED') {
            expect(REVIEW.includes(from) || from === 'APPEALED').toBe(true);
          }
          if (ok && action === 'reinstate') expect(to).toBe(history.findLast((s) => s !== 'SUSPENDED'));
        });
      }),
      { numRuns: 2_000 },
    );
    // Guards the property itself: random walks that never got far would prove little.
    expect([...visited].sort()).toEqual([...LICENSE_STATES].sort());
  });

  it('every allowed action succeeds, on walks that always pick an allowed one', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
        let state: LicenseState = 'DRAFT';
        let suspendedFrom: LicenseState | null = null;
        for (const choice of choices) {
          const allowed = allowedActions(state);
          if (allowed.length === 0) {
            expect(isTerminal(state)).toBe(true);
            break;
          }
          const action = allowed[choice % allowed.length]!;
          const result = transition(state, action, { suspendedFrom });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          if (result.to === 'SUSPENDED' && state !== 'SUSPENDED') suspendedFrom = state;
          state = result.to;
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('action details', () => {
  const decidedAt = new Date('2026-05-01T10:00:00Z');
  const later = new Date('2026-11-01T00:00:00Z');
  const earlier = new Date('2026-01-01T00:00:00Z');
  const VALID: Record<(typeof DECISION_ACTIONS)[number], ActionDetails> = {
    approve: { decidedAt, rationale: 'Civil end use confirmed.' },
    approveWithConditions: { decidedAt, rationale: 'Acceptable with assurances.', conditions: ['No re-export without prior consent'] },
    approveProvisionally: {
      decidedAt,
      rationale: 'Pending a post-shipment verification.',
      oversightConditions: ['Post-shipment verification within 90 days'],
      reviewDate: later,
    },
    deny: { decidedAt, rationale: 'End user linked to a procurement network.', denialReason: 'END_USER_CONCERN' },
    upholdDenial: { decidedAt, rationale: 'No new information.' },
    overturnDenial: { decidedAt, rationale: 'The end user was misidentified.' },
  };
  const fields = (action: LicenseAction, details: ActionDetails) => validateActionDetails(action, details).map((p) => p.field);

  it.each(DECISION_ACTIONS)('accepts complete details for %s', (action) => {
    expect(validateActionDetails(action, VALID[action])).toEqual([]);
  });

  it.each(DECISION_ACTIONS)('requires a rationale for %s', (action) => {
    expect(validateActionDetails(action, { ...VALID[action], rationale: '   ' })).toEqual([
      { field: 'input.rationale', reason: `is required to ${action}` },
    ]);
    expect(fields(action, { ...VALID[action], rationale: undefined })).toEqual(['input.rationale']);
  });

  it.each(['suspend', 'reinstate', 'revoke'] as const)('requires a rationale to %s a granted license', (action) => {
    expect(fields(action, { decidedAt })).toEqual(['input.rationale']);
    expect(fields(action, { decidedAt, rationale: 'Designation match on the end user.' })).toEqual([]);
  });

  it('asks nothing of actions that carry no decision', () => {
    for (const action of ['submit', 'startScreening', 'routeToFastTrack', 'escalate', 'appeal', 'expire', 'withdraw'] as const) {
      expect(validateActionDetails(action, { decidedAt })).toEqual([]);
    }
  });

  it('needs at least one condition to approve with conditions, each not blank', () => {
    expect(fields('approveWithConditions', { ...VALID.approveWithConditions, conditions: [] })).toEqual(['input.conditions']);
    expect(fields('approveWithConditions', { ...VALID.approveWithConditions, conditions: ['ok', ' '] })).toEqual(['input.conditions[1]']);
  });

  it('needs oversight conditions and a review date after the decision to approve provisionally', () => {
    const base = VALID.approveProvisionally;
    expect(fields('approveProvisionally', { ...base, oversightConditions: null })).toEqual(['input.oversightConditions']);
    expect(fields('approveProvisionally', { ...base, reviewDate: null })).toEqual(['input.reviewDate']);
    expect(validateActionDetails('approveProvisionally', { ...base, reviewDate: earlier })).toEqual([
      { field: 'input.reviewDate', reason: 'must be after input.decidedAt' },
    ]);
    expect(fields('approveProvisionally', { ...base, reviewDate: decidedAt })).toEqual(['input.reviewDate']);
  });

  it('does not review a provisional license after it lapses', () => {
    const base = VALID.approveProvisionally;
    expect(fields('approveProvisionally', { ...base, expiresAt: new Date('2026-08-01') })).toEqual(['input.reviewDate']);
    expect(fields('approveProvisionally', { ...base, expiresAt: new Date('2027-05-01') })).toEqual([]);
  });

  it('needs a denial reason from the list to deny', () => {
    expect(fields('deny', { ...VALID.deny, denialReason: null })).toEqual(['input.denialReason']);
    expect(validateActionDetails('deny', { ...VALID.deny, denialReason: 'DISLIKE' })[0]?.reason).toMatch(/^must be one of END_USER_CONCERN, /);
    for (const denialReason of DENIAL_REASONS) expect(fields('deny', { ...VALID.deny, denialReason })).toEqual([]);
  });

  it.each(['approve', 'approveWithConditions', 'approveProvisionally', 'overturnDenial'] as const)(
    'takes an optional expiry after the decision date for %s',
    (action) => {
      expect(fields(action, { ...VALID[action], expiresAt: new Date('2028-05-01') })).toEqual([]);
      expect(fields(action, { ...VALID[action], expiresAt: earlier })).toEqual(['input.expiresAt']);
      expect(fields(action, { ...VALID[action], expiresAt: decidedAt })).toEqual(['input.expiresAt']);
    },
  );

  it('refuses details that do not belong to the action', () => {
    expect(validateActionDetails('approve', { ...VALID.approve, conditions: ['x'] })).toEqual([
      { field: 'input.conditions', reason: 'do not apply to approve; use approveWithConditions' },
    ]);
    expect(fields('approve', { ...VALID.approve, denialReason: 'OTHER' })).toEqual(['input.denialReason']);
    expect(fields('deny', { ...VALID.deny, expiresAt: later })).toEqual(['input.expiresAt']);
    expect(fields('approveWithConditions', { ...VALID.approveWithConditions, reviewDate: later })).toEqual(['input.reviewDate']);
    expect(fields('approveWithConditions', { ...VALID.approveWithConditions, oversightConditions: ['x'] })).toEqual(['input.oversightConditions']);
  });

  it('reports every problem at once, and an invalid decision date', () => {
    expect(fields('approveProvisionally', { decidedAt: new Date('nonsense') })).toEqual([
      'input.decidedAt',
      'input.rationale',
      'input.oversightConditions',
      'input.reviewDate',
    ]);
  });
});
