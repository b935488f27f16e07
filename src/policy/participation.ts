/**
 * Access that comes from being named on a record rather than from an agreement: the agency
 * asked to perform an end-use check, the two agencies of a denial consultation. Decided here,
 * with the agreements' rules, so that no capability decides access on its own.
 */
import type { Role } from '../auth/caller.ts';
import type { Viewer } from './viewer.ts';

/** Who at the performing agency records an end-use check's outcome: its verification officers, or its administrator. */
export const OUTCOME_ROLES = ['verification_officer', 'agency_admin'] as const satisfies readonly Role[];

export const hasOneOfRoles = (viewer: Viewer, roles: readonly Role[]): boolean => viewer.caller.roles.some((role) => roles.includes(role));

/** Whether the record belongs to the viewer's agency. */
export const ownsRecord = (viewer: Viewer, record: { readonly ownerAgencyId: string }): boolean => record.ownerAgencyId === viewer.caller.agencyId;

/** Whether the record names the viewer's agency as a participant (see `AccessDecision.releasedFields`). */
export const isParticipant = (viewer: Viewer, record: { readonly participants: readonly string[] }): boolean =>
  record.participants.includes(viewer.caller.agencyId);

/**
 * Why the viewer may not record the outcome of an end-use check, or null when it may: only the
 * performing agency (the check's participant), with an outcome role.
 */
export function outcomeRefusal(viewer: Viewer, check: { readonly participants: readonly string[] }): 'NOT_PERFORMING_AGENCY' | 'ROLE_MISSING' | null {
  if (!isParticipant(viewer, check)) return 'NOT_PERFORMING_AGENCY';
  if (!hasOneOfRoles(viewer, OUTCOME_ROLES)) return 'ROLE_MISSING';
  return null;
}

/** The two agencies a denial consultation names: it exists for them and nobody else. */
export interface ConsultationParties {
  readonly consultingAgencyId: string;
  readonly denyingAgencyId: string;
}

export const isConsultationParty = (agencyId: string, consultation: ConsultationParties): boolean =>
  consultation.consultingAgencyId === agencyId || consultation.denyingAgencyId === agencyId;

/** Only the denying agency answers a consultation. */
export const answersConsultation = (viewer: Viewer, consultation: ConsultationParties): boolean =>
  consultation.denyingAgencyId === viewer.caller.agencyId;
