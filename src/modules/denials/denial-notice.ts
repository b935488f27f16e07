/**
 * Composing a denial notification from the denied application: pure, so that what a partner
 * is told about a denial is decided in one place.
 */
import type { LicenseApplicationRow, LicensePartyRow } from '../../db/schema/index.ts';
import { nameKeys } from '../name-matching/name-normalization.ts';
import { DenialErrors } from './denial.errors.ts';
import type { NewDenialNotification } from './denial-notification.repository.ts';
import { utcDate, type NotifyDenialRequest } from './denial.validation.ts';

/** The states in which an application stands denied: denied, or denied again on appeal. */
export const DENIED_STATES: readonly string[] = ['DENIED', 'APPEAL_UPHELD'];

export function composeNotice(
  application: LicenseApplicationRow,
  parties: readonly LicensePartyRow[],
  itemCodes: readonly string[],
  request: NotifyDenialRequest,
): NewDenialNotification {
  if (!DENIED_STATES.includes(application.state)) throw DenialErrors.notDenied(application.state);
  if (!application.denialReason || !application.decidedAt) throw DenialErrors.denialNotRecorded();
  const party = deniedParty(parties, request.partyPosition);
  const codes = [...new Set(itemCodes)];
  if (codes.length === 0) throw DenialErrors.noItems();
  const keys = nameKeys(party.name);
  return {
    applicationId: application.id,
    ownerAgencyId: application.ownerAgencyId,
    partyName: party.name,
    partyCountry: party.country,
    partyIdentifiers: party.identifiers,
    partyKey: keys.key,
    partyPhonetic: keys.phonetic,
    controlListCodes: codes,
    reasonCategory: application.denialReason,
    deniedOn: utcDate(application.decidedAt),
    validUntil: request.validUntil,
    marking: request.marking,
    releasableTo: request.releasableTo,
  };
}

/** The party at `position`, or by default the first end user. */
function deniedParty(parties: readonly LicensePartyRow[], position: number | null): LicensePartyRow {
  if (position !== null) {
    const party = parties.find((p) => p.position === position);
    if (!party) throw DenialErrors.noSuchParty(position);
    return party;
  }
  const endUser = parties.find((p) => p.role === 'END_USER');
  if (!endUser) throw DenialErrors.noEndUser();
  return endUser;
}
