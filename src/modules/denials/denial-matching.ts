/**
 * "No undercut" (Wassenaar Arrangement best practice, EU Regulation 2021/821 art. 9(2)): before
 * granting a license that is essentially identical to one a partner denied, an agency consults
 * the denying agency. Pure rules: whether two classification codes overlap, and whether one
 * party and item list essentially match a notified denial.
 */
import { overlappingCodes } from '../../lib/control-list-codes.ts';
import { normalizePartyIdentifier } from '../../lib/identifiers.ts';
import { nameSimilarity } from '../name-matching/name-similarity.ts';
import { DEFAULT_SCREENING_CONFIG } from '../screening/screening-config.ts';


export interface PartyIdentifier {
  readonly type: string | null;
  readonly value: string;
}

/** A party of the application being checked. */
export interface CheckedParty {
  readonly index: number;
  readonly name: string;
  readonly country: string | null;
  readonly identifiers: readonly PartyIdentifier[];
}

/**
 * What the match decision reads of a notified denial, as released to the checking agency: a
 * withheld attribute has no value (null, or an empty list), see `releasedDenial`.
 */
export interface DenialCandidate {
  readonly ownerAgencyId: string;
  readonly partyName: string | null;
  readonly partyCountry: string | null;
  readonly partyIdentifiers: readonly PartyIdentifier[];
  readonly controlListCodes: readonly string[];
  readonly deniedOn: string | null;
  readonly validUntil: string | null;
  readonly revokedAt: Date | null;
}

/** The denial with the values of its withheld fields removed; `released` is the decision's field set. */
export function releasedDenial(denial: DenialCandidate, released: ReadonlySet<string>): DenialCandidate {
  const value = <T>(field: string, present: T, absent: T): T => (released.has(field) ? present : absent);
  return {
    ownerAgencyId: denial.ownerAgencyId,
    partyName: value('partyName', denial.partyName, null),
    partyCountry: value('partyCountry', denial.partyCountry, null),
    partyIdentifiers: value('partyIdentifiers', denial.partyIdentifiers, []),
    controlListCodes: value('controlListCodes', denial.controlListCodes, []),
    deniedOn: value('deniedOn', denial.deniedOn, null),
    validUntil: value('validUntil', denial.validUntil, null),
    revokedAt: value('revokedAt', denial.revokedAt, null),
  };
}

export interface EssentialMatch {
  /** Name similarity, or at least the identifier-match score when an identifier is equal. */
  readonly score: number;
  readonly matchedBy: 'IDENTIFIER' | 'NAME';
  readonly overlappingCodes: string[];
}

/**
 * Whether a denial counts against `checkingAgencyId` on `today` (YYYY-MM-DD): another agency's,
 * not revoked, already denied and not past its validity. An agency does not consult itself.
 */
export function denialInForce(denial: DenialCandidate, checkingAgencyId: string, today: string): boolean {
  // Without its dates (withheld) a denial is not known to be in force, so it counts for nothing.
  if (denial.deniedOn === null || denial.validUntil === null) return false;
  return (
    denial.ownerAgencyId !== checkingAgencyId && denial.revokedAt === null && denial.deniedOn <= today && denial.validUntil >= today
  );
}

/**
 * Whether the party and the application's codes essentially match the denial: the same party
 * (an equal identifier, or a similar enough name where the stated countries do not differ)
 * and at least one overlapping classification. Null when they do not.
 */
export function essentialMatch(
  party: CheckedParty,
  applicationCodes: readonly string[],
  denial: DenialCandidate,
  threshold = DEFAULT_SCREENING_CONFIG.threshold,
): EssentialMatch | null {
  const codes = overlappingCodes(applicationCodes, denial.controlListCodes);
  if (codes.length === 0) return null;
  const nameScore = denial.partyName === null ? 0 : nameSimilarity(party.name, denial.partyName).score;
  if (identifiersMeet(party.identifiers, denial.partyIdentifiers)) {
    return { score: round(Math.max(nameScore, DEFAULT_SCREENING_CONFIG.weights.identifierMatch)), matchedBy: 'IDENTIFIER', overlappingCodes: codes };
  }
  // A name alone is not enough against a stated, different country: namesakes abound.
  if (countriesDiffer(party.country, denial.partyCountry)) return null;
  if (nameScore < threshold) return null;
  return { score: round(nameScore), matchedBy: 'NAME', overlappingCodes: codes };
}

function identifiersMeet(ours: readonly PartyIdentifier[], theirs: readonly PartyIdentifier[]): boolean {
  const denied = new Set(theirs.map((id) => normalizePartyIdentifier(id.type, id.value)).filter((value) => value !== ''));
  return ours.some((id) => denied.has(normalizePartyIdentifier(id.type, id.value)));
}

function countriesDiffer(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toUpperCase() !== b.trim().toUpperCase();
}

const round = (score: number) => Math.round(score * 1000) / 1000;
