import type { FeedEntry, FeedPosition } from '../../db/change-feed.ts';
import { RECORD_TYPES, type RecordType } from '../../policy/catalogue.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import type { Viewer } from '../../policy/viewer.ts';
import { upsertOf, withdrawalOf, type Change, type ShareableRow } from './change.ts';
import { diffOutcome } from './change-outcome.ts';
import type { RecordKey } from './changes-cursor.ts';
import { releasedAtEntry } from './feed-access.ts';

export interface DiffReader {
  /** Records of `type` after `afterId` whose version as of `position` one of `decisions` releases, by id. */
  visibleAsOf(type: RecordType, position: FeedPosition, decisions: readonly AccessDecision[], afterId: string | null, limit: number): Promise<FeedEntry[]>;
  currentVisible(type: RecordType, ids: readonly string[]): Promise<Map<string, ShareableRow>>;
}

export interface DiffResult {
  readonly changes: Change[];
  /** The last record done. */
  readonly after: RecordKey | null;
  /** Every record has been brought to the decision now. */
  readonly done: boolean;
}

const BATCH = 500;

/**
 * Brings a follower at `position` from the decisions its records were released under (`held`)
 * to the viewer's decision now, record by record in key order, after `after`: withdrawals for
 * records visible as of `position` then and not now, upserts for those visible now whose
 * released fields differ. Only types whose grants differ are walked; only records one of the
 * decisions lets the caller see are read. Stops before the change after `limit`.
 */
export async function walkDiff(
  reader: DiffReader,
  viewer: Viewer,
  held: readonly AccessDecision[],
  position: FeedPosition,
  types: readonly RecordType[],
  after: RecordKey | null,
  limit: number,
): Promise<DiffResult> {
  const now = viewer.access;
  const changes: Change[] = [];
  let last = after;
  const ordered = RECORD_TYPES.filter((t) => types.includes(t) && (!after || RECORD_TYPES.indexOf(t) >= RECORD_TYPES.indexOf(after.type)));
  for (const type of ordered) {
    let afterId = after && after.type === type ? after.id : null;
    for (;;) {
      const batch = await reader.visibleAsOf(type, position, [...held, now], afterId, BATCH);
      const visibleNow = batch.filter((entry) => releasedAtEntry(now, entry) !== null).map((entry) => entry.recordId);
      const rows = visibleNow.length > 0 ? await reader.currentVisible(type, visibleNow) : new Map<string, ShareableRow>();
      for (const entry of batch) {
        const outcome = diffOutcome(
          held.map((decision) => releasedAtEntry(decision, entry)),
          releasedAtEntry(now, entry),
          rows.has(entry.recordId),
        );
        if (outcome !== 'skip') {
          if (changes.length === limit) return { changes, after: last, done: false };
          changes.push(outcome === 'upsert' ? upsertOf(viewer, type, rows.get(entry.recordId)!) : withdrawalOf(type, entry.recordId, entry.ownerAgencyId, entry.version));
        }
        last = { type, id: entry.recordId };
      }
      if (batch.length < BATCH) break;
      afterId = batch.at(-1)!.recordId;
    }
  }
  return { changes, after: last, done: true };
}
