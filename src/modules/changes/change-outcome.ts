/**
 * What one record's entries in a stretch of the feed mean to a follower, as pure rules (see
 * docs/sync.md §2). The follower is kept to one invariant at its cursor position p:
 *  (a) a record without entries after p: the follower holds it exactly when the caller may see
 *      its version as of p, with the fields released of it;
 *  (b) a record with entries after p: the follower holds it only if the caller may see its
 *      version as of p (its content may be stale: a later entry will settle it).
 * Each rule below moves a follower from the invariant at one position (or decision) to the
 * invariant at the next, and never names a record the caller could not see at either end.
 */
export type Outcome = 'upsert' | 'withdrawal' | 'skip';

export interface FeedStretch {
  /** The caller could see the record's version as of the stretch's start (so the follower may hold it). */
  readonly visibleBefore: boolean;
  /** The record's last entry in the stretch: its version, whether it deletes, whether the caller may see it. */
  readonly lastVersion: number;
  readonly lastDeleted: boolean;
  readonly lastVisible: boolean;
  /** The version of the record as it is now, when the caller may see it now; null when it may not. */
  readonly currentVisibleVersion: number | null;
}

export function feedOutcome(stretch: FeedStretch): Outcome {
  // The last entry is the current version and the caller may see it: the record as it is now.
  if (stretch.currentVisibleVersion !== null && stretch.currentVisibleVersion === stretch.lastVersion && !stretch.lastDeleted) return 'upsert';
  // Visible as of the stretch's end but changed since: holding it (stale) keeps (b); its later entry brings it.
  if (stretch.lastVisible && !stretch.lastDeleted) return 'skip';
  // Not visible as of the end: withdrawn, but only if the follower may hold it; a record the
  // caller never saw is never named.
  return stretch.visibleBefore ? 'withdrawal' : 'skip';
}

/**
 * A record's version as of p under the decisions the follower's records were released under
 * (`held`) and under the decision now. The follower moves from one decision to the other.
 */
export function diffOutcome(held: readonly (ReadonlySet<string> | null)[], now: ReadonlySet<string> | null, currentVisible: boolean): Outcome {
  if (held.every((fields) => sameFields(fields, now))) return 'skip';
  if (now === null) return held.some((fields) => fields !== null) ? 'withdrawal' : 'skip';
  // Visible now with other fields than before. When the record has changed since p and the
  // caller may not see it as it is now, its later entry settles it; (b) holds either way.
  return currentVisible ? 'upsert' : 'skip';
}

export function sameFields(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.size !== b.size) return false;
  for (const field of a) if (!b.has(field)) return false;
  return true;
}
