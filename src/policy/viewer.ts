import type { Caller, Role } from '../auth/caller.ts';
import { AppError } from '../lib/errors.ts';
import type { RecordType } from './catalogue.ts';
import type { AccessDecision } from './decision.ts';

/** The caller and what it may see, settled once per request. */
export interface Viewer {
  readonly caller: Caller;
  readonly access: AccessDecision;
}

/** Roles that may write each record type (always only the owner's own records). */
export const WRITER_ROLES: Readonly<Record<RecordType, readonly Role[]>> = {
  Designation: ['analyst', 'agency_admin'],
  ThreatEntry: ['analyst', 'agency_admin'],
  ControlListEntry: ['licensing_officer', 'agency_admin'],
  // Adjudicating a hit is reviewing it: the screening analysts and the officers who act on it.
  ScreeningAdjudication: ['analyst', 'licensing_officer', 'agency_admin'],
  LicenseApplication: ['licensing_officer', 'agency_admin'],
  DenialNotification: ['licensing_officer', 'agency_admin'],
  // Requested by licensing officers; the performing agency's verification officers record outcomes.
  EndUseCheck: ['licensing_officer', 'verification_officer', 'agency_admin'],
  UnverifiedParty: ['licensing_officer', 'verification_officer', 'agency_admin'],
};

/**
 * Only the owner agency writes its records, and only with a writer role. A partner that can
 * read a record under an agreement gets FORBIDDEN, not NOT_FOUND: it knows the record exists.
 * A record received from another hub (`receivedFromHub`) is written by no one here, not even its
 * owner's users: its origin hub signs its versions, and a local change could never be proven.
 */
export function requireWriter(viewer: Viewer, type: RecordType, ownerAgencyId: string, receivedFromHub: string | null = null): void {
  if (receivedFromHub !== null) {
    throw new AppError('FORBIDDEN', `This ${type} was received from another hub; it changes only at its origin hub.`);
  }
  if (ownerAgencyId !== viewer.caller.agencyId) {
    throw new AppError('FORBIDDEN', `Only the owning agency can change this ${type}.`);
  }
  if (!viewer.caller.roles.some((role) => WRITER_ROLES[type].includes(role))) {
    throw new AppError('FORBIDDEN', `Changing a ${type} needs one of the roles ${WRITER_ROLES[type].join(', ')}.`);
  }
}

/** The agency new records belong to: the caller's own. */
export function owningAgency(viewer: Viewer): string {
  return viewer.caller.agencyId;
}
