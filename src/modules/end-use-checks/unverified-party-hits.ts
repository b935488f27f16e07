/**
 * License screening against unverified lists: a party of an application that an end-use check
 * (the caller's own, or a partner's shared with it) could not verify or found unfavourable.
 */
import type { Executor } from '../../db/client.ts';
import type { UnverifiedPartyRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { nameKeys } from '../name-matching/name-normalization.ts';
import { nameSimilarity } from '../name-matching/name-similarity.ts';
import { DEFAULT_SCREENING_CONFIG } from '../screening/screening-config.ts';
import type { AdverseOutcome } from './end-use-check.validation.ts';
import { UnverifiedPartyRepository } from './unverified-party.repository.ts';

export interface ScreenedParty {
  index: number;
  name: string;
  country: string | null;
}

export interface UnverifiedPartyHit {
  partyIndex: number;
  unverifiedEntryId: string;
  outcome: AdverseOutcome;
  score: number;
}

/**
 * The unverified-list entries each party matches, best first per party, in party order. Only
 * entries the caller may see are candidates, and only what is released of them counts: an
 * entry whose name is withheld cannot match, and a withheld country says nothing. A country
 * both sides state and that differs rules the entry out. Meant to run inside the caller's
 * transaction, which the trigram thresholds are set for; no savepoint of its own, so that it
 * can run beside the caller's other reads (outside a transaction pg_trgm's defaults, the same
 * values, apply).
 */
export async function findUnverifiedPartyHits(
  db: Executor,
  access: AccessDecision,
  parties: readonly ScreenedParty[],
): Promise<UnverifiedPartyHit[]> {
  if (parties.length === 0) return [];
  const keys = parties.map((party, ord) => ({ ord, key: nameKeys(party.name).key }));
  const candidates = await new UnverifiedPartyRepository(db).candidatesByName(access, keys);
  const hits: UnverifiedPartyHit[] = [];
  for (const { ord, entry } of candidates) {
    const party = parties[ord]!;
    const score = scoreEntry(access, party, entry);
    if (score === null) continue;
    hits.push({ partyIndex: party.index, unverifiedEntryId: entry.id, outcome: entry.outcome as AdverseOutcome, score });
  }
  return hits.sort((a, b) => a.partyIndex - b.partyIndex || b.score - a.score);
}

/** The name similarity of a released entry at or above the screening threshold; null for no hit. */
function scoreEntry(access: AccessDecision, party: ScreenedParty, entry: UnverifiedPartyRow): number | null {
  const released = access.releasedFields('UnverifiedParty', entry);
  if (!released?.has('name')) return null;
  const entryCountry = released.has('country') ? entry.country : null;
  if (party.country && entryCountry && party.country.toUpperCase() !== entryCountry.toUpperCase()) return null;
  const { score } = nameSimilarity(party.name, entry.name);
  return score >= DEFAULT_SCREENING_CONFIG.threshold ? score : null;
}
