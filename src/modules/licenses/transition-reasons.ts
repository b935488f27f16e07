/**
 * Why a license moved, as data: every transition carries a reason code, released with the
 * history; the words of the reason quote other fields (the risk score, the escalations, the
 * expiry date, the officer's rationale or the appeal grounds), so they are released only with
 * the fields they quote (`QUOTED_FIELDS` in src/policy/catalogue.ts).
 */
import { QUOTED_FIELDS } from '../../policy/catalogue.ts';
import { SYSTEM_ACTORS } from './system-actors.ts';

export type TransitionReasonCode = keyof typeof QUOTED_FIELDS.LicenseApplication.transitionReason;
export const TRANSITION_REASON_CODES = Object.keys(QUOTED_FIELDS.LicenseApplication.transitionReason) as TransitionReasonCode[];

const ROUTING_ACTIONS: readonly string[] = ['routeToFastTrack', 'routeToStandardReview', 'routeToEscalated'];

/** The kind of reason a recorded move has; null for moves that record none (submit, start screening). */
export function reasonCodeOf(transition: { action: string; actorUserId: string; reason: string | null }): TransitionReasonCode | null {
  if (ROUTING_ACTIONS.includes(transition.action)) return 'RISK_ASSESSMENT';
  if (transition.action === 'escalate' && transition.actorUserId === SYSTEM_ACTORS.escalation) return 'ESCALATION';
  if (transition.action === 'expire' && transition.actorUserId === SYSTEM_ACTORS.expiry) return 'EXPIRY';
  if (transition.action === 'overrideConsultation' || transition.action === 'answerConsultation') return 'CONSULTATION';
  if (transition.action === 'acknowledgeEscalation') return 'ACKNOWLEDGEMENT';
  if (transition.reason === null) return null;
  return transition.action === 'appeal' ? 'APPEAL_GROUNDS' : 'OFFICER_RATIONALE';
}

/** The fields of the application the reason of this kind quotes. */
export const quotedBy = (code: TransitionReasonCode): readonly string[] => QUOTED_FIELDS.LicenseApplication.transitionReason[code];
