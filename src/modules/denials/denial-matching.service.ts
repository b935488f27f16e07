/**
 * "No undercut" for license decisions at other capabilities: which partners' denials a license
 * essentially matches, and recording the consultations and escalations they call for.
 */
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import type { DenialNotificationRow, DenialReasonCategory } from '../../db/schema/index.ts';
import { normalizePartyIdentifier } from '../../lib/identifiers.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { raiseEscalation } from '../licenses/license-escalations.ts';
import type { TriggeringOfficer } from '../licenses/system-actors.ts';
import { nameKeys } from '../name-matching/name-normalization.ts';
import { DenialCandidateRepository, type CandidatePair } from './denial-candidate.repository.ts';
import { DenialConsultationRepository } from './denial-consultation.repository.ts';
import { denialInForce, essentialMatch, releasedDenial, type CheckedParty } from './denial-matching.ts';

export type { CheckedParty } from './denial-matching.ts';

/** A partner's denial that a party of the license essentially matches. */
export interface DenialUndercut {
  denialId: string;
  denyingAgencyId: string;
  /** The `index` of the matching party, as the caller gave it. */
  partyIndex: number;
  score: number;
  /** The license's codes that overlap the denied ones. */
  overlappingCodes: string[];
  /** Null when the caller's agreements do not release the reason of this denial. */
  reasonCategory: DenialReasonCategory | null;
}

/**
 * The denials, notified by other agencies and visible to `access`, in force on `today`
 * (YYYY-MM-DD), that a party essentially matches on overlapping classifications; best first.
 * The trigram thresholds are set for the caller's transaction, or for one of its own.
 */
export async function findDenialMatches(
  db: Executor,
  access: AccessDecision,
  parties: readonly CheckedParty[],
  controlListCodes: readonly string[],
  today: string,
): Promise<DenialUndercut[]> {
  if (parties.length === 0 || controlListCodes.length === 0) return [];
  const retrieve = async (tx: Executor) => {
    const repository = new DenialCandidateRepository(tx);
    const found = [
      ...(await repository.byName(access, nameKeysOf(parties), today)),
      ...(await repository.byIdentifier(access, identifierKeysOf(parties), today)),
    ];
    return { pairs: found, rows: await repository.rowsByIds([...new Set(found.map((p) => p.id))]) };
  };
  const { pairs, rows } = db instanceof PgTransaction ? await retrieve(db) : await db.transaction(retrieve);
  return decideMatches(access, parties, controlListCodes, today, pairs, rows);
}

/** What a consultation carries of the consulting application: what the denying agency needs to answer, nothing more. */
export interface ConsultingApplication {
  endUse: string;
  controlListCodes: readonly string[];
  /** By party index, as the matches name them. */
  parties: readonly { name: string; country: string | null }[];
}

/**
 * Opens a consultation with each denying agency (one per application and denial), carrying the
 * matching party, the classifications and the end use, and raises a DENIAL_UNDERCUT escalation
 * per match, in the caller's transaction.
 */
export async function recordUndercutConsultations(
  tx: Executor,
  applicationId: string,
  consultingAgencyId: string,
  matches: DenialUndercut[],
  consulting: ConsultingApplication,
  triggeredBy: TriggeringOfficer | null = null,
): Promise<void> {
  const bestPerDenial = new Map<string, DenialUndercut>();
  for (const match of matches) {
    const known = bestPerDenial.get(match.denialId);
    if (!known || match.score > known.score) bestPerDenial.set(match.denialId, match);
  }
  await new DenialConsultationRepository(tx).insertMissing(
    [...bestPerDenial.values()].map((match) => ({
      applicationId,
      denialNotificationId: match.denialId,
      consultingAgencyId,
      denyingAgencyId: match.denyingAgencyId,
      matchScore: match.score,
      partyName: consulting.parties[match.partyIndex]?.name ?? null,
      partyCountry: consulting.parties[match.partyIndex]?.country ?? null,
      controlListCodes: [...consulting.controlListCodes],
      endUse: consulting.endUse,
    })),
  );
  for (const match of matches) {
    await raiseEscalation(tx, {
      applicationId,
      kind: 'DENIAL_UNDERCUT',
      partyPosition: match.partyIndex,
      denialNotificationId: match.denialId,
      score: match.score,
      detail: undercutDetail(match),
      dedupeKey: `denial:${match.denialId}`,
      triggeredBy,
    });
  }
}

/** For the consulting agency's officer: what matched, never the denied party's details. */
export function undercutDetail(match: DenialUndercut): string {
  const reason = match.reasonCategory ? `, denied for ${match.reasonCategory}` : '';
  return (
    `Party ${match.partyIndex} essentially matches denial notification ${match.denialId} of ${match.denyingAgencyId}` +
    ` (score ${match.score}${reason}; overlapping classifications ${match.overlappingCodes.join(', ')}):` +
    ' consult the denying agency before deciding.'
  );
}

function decideMatches(
  access: AccessDecision,
  parties: readonly CheckedParty[],
  controlListCodes: readonly string[],
  today: string,
  pairs: readonly CandidatePair[],
  rows: readonly DenialNotificationRow[],
): DenialUndercut[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const seen = new Set<string>();
  const matches: DenialUndercut[] = [];
  for (const { ord, id } of pairs) {
    const pairKey = `${ord}/${id}`;
    const party = parties[ord];
    const row = byId.get(id);
    // Only what the denying agency released is compared: withheld codes overlap nothing.
    const released = row ? access.releasedFields('DenialNotification', row) : null;
    if (seen.has(pairKey) || !party || !row || !released) continue;
    const denial = releasedDenial(row, released);
    if (!denialInForce(denial, access.agencyId, today)) continue;
    seen.add(pairKey);
    const match = essentialMatch(party, controlListCodes, denial);
    if (!match) continue;
    matches.push({
      denialId: row.id,
      denyingAgencyId: row.ownerAgencyId,
      partyIndex: party.index,
      score: match.score,
      overlappingCodes: match.overlappingCodes,
      reasonCategory: released.has('reasonCategory') ? row.reasonCategory : null,
    });
  }
  return matches.sort((a, b) => b.score - a.score || a.partyIndex - b.partyIndex);
}

/** `ord` is the party's place in the list, so that indexes the caller chose never collide. */
function nameKeysOf(parties: readonly CheckedParty[]) {
  return parties.map((party, ord) => ({ ord, key: nameKeys(party.name).key })).filter((p) => p.key !== '');
}

function identifierKeysOf(parties: readonly CheckedParty[]) {
  return parties.flatMap((party, ord) =>
    party.identifiers.map((id) => ({ ord, value: normalizePartyIdentifier(id.type, id.value) })).filter((id) => id.value !== ''),
  );
}
