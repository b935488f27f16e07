/**
 * What a verified bundle may change, decided from what this hub already holds (docs/sync.md §4):
 * a version never goes backwards, a tombstone beats every older version and the same one, and a
 * record delisted at its origin comes back only with a newer version its origin signed. Pure, so
 * that every case is tested without a database.
 */
import { canonicalJson } from '../../lib/canonical-json.ts';

/** What this hub holds of a received record. */
export interface HeldVersion {
  readonly version: number;
  readonly deleted: boolean;
  readonly withdrawn: boolean;
  readonly receivedFromPeer: string;
  readonly releasedValues: unknown;
}

export interface IncomingVersion {
  readonly version: number;
  readonly deleted: boolean;
  readonly values: Readonly<Record<string, unknown>>;
}

export type RecordDecision =
  /** Store it: new, newer, a tombstone of the same version, or the same version released again or differently. */
  | 'apply'
  /** The same version with the same released values, already held. */
  | 'unchanged'
  /** Older than what is held: a replay, a reordering or a stale relay. */
  | 'older'
  /** The same version as an origin tombstone already held: no resurrection. */
  | 'deleted';

export function decideRecord(held: HeldVersion | undefined, incoming: IncomingVersion): RecordDecision {
  if (!held || incoming.version > held.version) return 'apply';
  if (incoming.version < held.version) return 'older';
  if (held.deleted && !incoming.deleted) return 'deleted';
  if (held.deleted !== incoming.deleted || held.withdrawn) return 'apply';
  return sameValues(held, incoming) ? 'unchanged' : 'apply';
}

export type WithdrawalDecision = 'withdraw' | 'not_held' | 'not_from_peer' | 'older';

/**
 * A peer takes back only what it gave: a withdrawal by one peer never removes a copy another
 * peer delivered, nor a version newer than the one withdrawn.
 */
export function decideWithdrawal(held: HeldVersion | undefined, peerId: string, version: number): WithdrawalDecision {
  if (!held || held.withdrawn) return 'not_held';
  if (held.receivedFromPeer !== peerId) return 'not_from_peer';
  if (version < held.version) return 'older';
  return 'withdraw';
}

/** A bundle is applied only where the last one ended: a replayed or reordered page changes nothing. */
export const followsCursor = (heldCursor: string | null, bundleFrom: string | null) => heldCursor === bundleFrom;

function sameValues(held: HeldVersion, incoming: IncomingVersion): boolean {
  return canonicalJson(held.releasedValues) === canonicalJson(incoming.values);
}
