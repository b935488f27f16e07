import type { IdentifierType, PartyIdentifierValue } from '../../db/schema/index.ts';
import type { ScreenedParty } from '../screening/match-scoring.ts';

/**
 * A license party as screening takes it. Its type is unknown (an end user may be a person or a
 * company) and it has no date of birth; identifiers keep the type given, if any.
 */
export function screenedParty(party: { name: string; country: string | null; identifiers: readonly PartyIdentifierValue[] }): ScreenedParty {
  return {
    name: party.name,
    type: null,
    country: party.country,
    dateOfBirth: null,
    identifiers: party.identifiers.map((identifier) => ({ type: (identifier.type as IdentifierType | null) ?? null, value: identifier.value })),
  };
}
