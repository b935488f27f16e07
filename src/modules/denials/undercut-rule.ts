/**
 * "No undercut", enforced: an agency does not approve what a partner denied while that partner
 * has not been heard. The regimes' rule (e.g. the NSG guidelines' consultation before approving
 * an essentially identical transaction) is that approval waits for the consultation; an agency
 * may still decide otherwise, but only on the record, with a reason the denying agency is told.
 * Pure: the service reads the consultations and applies the verdict.
 */

export const CONSULTATION_ANSWERS = ['UPHELD', 'NO_OBJECTION'] as const;
export type ConsultationAnswer = (typeof CONSULTATION_ANSWERS)[number];

export interface ConsultationStanding {
  id: string;
  denyingAgencyId: string;
  status: 'REQUESTED' | 'ANSWERED';
  /** Null until answered (and for answers recorded before answers had a kind). */
  answer: string | null;
  overriddenAt: Date | null;
}

export type ApprovalVerdict =
  | { ok: true; overrides: ConsultationStanding[] }
  | { ok: false; code: 'CONSULTATION_OPEN'; blocking: ConsultationStanding[]; reason: string }
  | { ok: false; code: 'NOTHING_TO_OVERRIDE'; reason: string };

/**
 * The consultations that stand in the way of an approval: those still awaiting the denying
 * agency's answer, and those it answered by upholding its denial (an objection), unless an
 * officer already approved over them on the record.
 */
export function blockingConsultations(consultations: readonly ConsultationStanding[]): ConsultationStanding[] {
  return consultations.filter((c) => c.overriddenAt === null && (c.status === 'REQUESTED' || c.answer === 'UPHELD'));
}

/**
 * Whether an approval may go ahead: yes when nothing blocks it; with an override reason, yes,
 * overriding every blocking consultation; otherwise no, naming each one. An override reason
 * with nothing to override is refused, so that the record never claims an override that was not.
 */
export function approvalVerdict(consultations: readonly ConsultationStanding[], overrideReason: string | null | undefined): ApprovalVerdict {
  const blocking = blockingConsultations(consultations);
  const reason = overrideReason?.trim() ?? '';
  if (blocking.length === 0) {
    return reason === '' ? { ok: true, overrides: [] } : { ok: false, code: 'NOTHING_TO_OVERRIDE', reason: 'no open or upheld consultation stands in the way of this approval' };
  }
  if (reason !== '') return { ok: true, overrides: blocking };
  const named = blocking.map((c) => `${c.id} with ${c.denyingAgencyId} (${c.status === 'REQUESTED' ? 'awaiting its answer' : 'denial upheld'})`).join(', ');
  return {
    ok: false,
    code: 'CONSULTATION_OPEN',
    blocking,
    reason: `cannot approve while consultation ${named} stands: wait for the answer, or approve with consultationOverrideReason (the denying agency is told)`,
  };
}
