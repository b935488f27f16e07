import { describe, expect, it } from 'vitest';
import { approvalVerdict, blockingConsultations, type ConsultationStanding } from '../../src/modules/denials/undercut-rule.ts';
import { APPROVAL_ACTIONS, HISTORY_ACTIONS, isApproval, isLicenseEvent, LICENSE_EVENTS } from '../../src/modules/licenses/license-events.ts';
import { LICENSE_ACTIONS } from '../../src/modules/licenses/license-workflow.ts';

const consultation = (overrides: Partial<ConsultationStanding>): ConsultationStanding => ({
  id: 'c-1',
  denyingAgencyId: 'de-bafa',
  status: 'REQUESTED',
  answer: null,
  overriddenAt: null,
  ...overrides,
});

describe('no undercut: approval and consultations', () => {
  it('blocks on a consultation awaiting an answer and on an upheld denial, not on no objection nor on one already overridden', () => {
    const open = consultation({ id: 'open' });
    const upheld = consultation({ id: 'upheld', status: 'ANSWERED', answer: 'UPHELD' });
    const noObjection = consultation({ id: 'fine', status: 'ANSWERED', answer: 'NO_OBJECTION' });
    const overridden = consultation({ id: 'over', overriddenAt: new Date() });
    expect(blockingConsultations([open, upheld, noObjection, overridden]).map((c) => c.id)).toEqual(['open', 'upheld']);
  });

  it('refuses an approval naming every blocking consultation and its agency', () => {
    const verdict = approvalVerdict([consultation({ id: 'c-7', denyingAgencyId: 'jp-meti' })], null);
    expect(verdict).toMatchObject({ ok: false, code: 'CONSULTATION_OPEN' });
    expect(verdict.ok === false && verdict.reason).toContain('c-7 with jp-meti (awaiting its answer)');
    expect(approvalVerdict([consultation({})], '   ')).toMatchObject({ ok: false, code: 'CONSULTATION_OPEN' });
  });

  it('lets an approval override with a reason, overriding each blocking consultation', () => {
    const verdict = approvalVerdict([consultation({ id: 'a' }), consultation({ id: 'b', status: 'ANSWERED', answer: 'NO_OBJECTION' })], 'Different end use, verified on site.');
    expect(verdict.ok && verdict.overrides.map((c) => c.id)).toEqual(['a']);
  });

  it('approves with nothing in the way, and refuses an override reason with nothing to override', () => {
    expect(approvalVerdict([], null)).toEqual({ ok: true, overrides: [] });
    expect(approvalVerdict([consultation({ status: 'ANSWERED', answer: 'NO_OBJECTION' })], 'because')).toMatchObject({ ok: false, code: 'NOTHING_TO_OVERRIDE' });
  });

  it('keeps recorded events apart from workflow actions, and names the approvals', () => {
    expect(HISTORY_ACTIONS).toEqual([...LICENSE_ACTIONS, ...LICENSE_EVENTS]);
    expect(LICENSE_ACTIONS.filter((a) => isLicenseEvent(a))).toEqual([]);
    expect(LICENSE_ACTIONS.filter(isApproval)).toEqual([...APPROVAL_ACTIONS]);
  });
});
