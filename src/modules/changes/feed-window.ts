import type { FeedEntry, FeedPosition } from '../../db/change-feed.ts';
import type { RecordType } from '../../policy/catalogue.ts';
import type { Viewer } from '../../policy/viewer.ts';
import { upsertOf, withdrawalOf, type Change, type ShareableRow } from './change.ts';
import { feedOutcome, type Outcome } from './change-outcome.ts';
import { recordKey } from './changes.repository.ts';
import { releasedAtEntry } from './feed-access.ts';

/** What walking the feed needs: entries the caller could ever see, record histories, rows visible now. */
export interface FeedReader {
  read(after: FeedPosition, limit: number): Promise<FeedEntry[]>;
  latestAtOrBefore(position: FeedPosition, keys: readonly { type: string; id: string }[]): Promise<Map<string, FeedEntry>>;
  currentVisible(type: RecordType, ids: readonly string[]): Promise<Map<string, ShareableRow>>;
}

export interface FeedStretchResult {
  readonly changes: Change[];
  /** The position the follower is brought to: the last entry taken. */
  readonly end: FeedPosition;
  /** A page: stopped before an entry that would have made it longer than its limit. */
  readonly full: boolean;
  /** A look ahead: a change is ready after the start. */
  readonly ready: boolean;
}

const BATCH = 500;

interface Touched {
  readonly last: FeedEntry;
  readonly outcome: Outcome;
  readonly order: number;
}

/**
 * Walks the feed after `start`, collapsing each record's entries into one outcome (change-outcome.ts)
 * decided on the record's version as of `start`, its last entry taken and its row now. As a
 * page (`limit`), it takes entries until one more would make more than `limit` changes; as a
 * look ahead, until a change that no later entry can undo (a record as it is now), or to the
 * end of what has committed. Skipped entries cost reading, nothing else: the follower never
 * hears of them.
 */
export async function walkFeed(reader: FeedReader, viewer: Viewer, start: FeedPosition, mode: { limit: number } | 'look-ahead'): Promise<FeedStretchResult> {
  const decision = viewer.access;
  const before = new Map<string, FeedEntry | null>();
  const current = new Map<string, ShareableRow | null>();
  const touched = new Map<string, Touched>();
  let position = start;
  let end = start;
  let count = 0;
  let order = 0;

  const result = (full: boolean, ready: boolean): FeedStretchResult => ({ changes: changesOf(viewer, touched, before, current), end, full, ready });

  for (;;) {
    const batch = await reader.read(position, BATCH);
    if (batch.length === 0) break;
    await remember(reader, start, batch, before, current);
    for (const entry of batch) {
      const key = recordKey(entry.recordType, entry.recordId);
      const earlier = before.get(key) ?? null;
      const row = current.get(key) ?? null;
      const outcome = feedOutcome({
        visibleBefore: earlier !== null && releasedAtEntry(decision, earlier) !== null,
        lastVersion: entry.version,
        lastDeleted: entry.deleted,
        lastVisible: releasedAtEntry(decision, entry) !== null,
        currentVisibleVersion: row?.version ?? null,
      });
      const previous = touched.get(key);
      const next = count + (outcome === 'skip' ? 0 : 1) - (previous && previous.outcome !== 'skip' ? 1 : 0);
      if (mode !== 'look-ahead' && next > mode.limit) return result(true, false);
      touched.set(key, { last: entry, outcome, order: order++ });
      count = next;
      end = entry;
      if (mode === 'look-ahead' && outcome === 'upsert') return result(false, true);
    }
    position = batch.at(-1)!;
    if (batch.length < BATCH) break;
  }
  return result(false, count > 0);
}

/** Loads, for the records of `batch` not seen yet, their latest entry as of `start` and their row if visible now. */
async function remember(
  reader: FeedReader,
  start: FeedPosition,
  batch: readonly FeedEntry[],
  before: Map<string, FeedEntry | null>,
  current: Map<string, ShareableRow | null>,
): Promise<void> {
  const fresh = new Map<string, { type: RecordType; id: string }>();
  for (const entry of batch) {
    const key = recordKey(entry.recordType, entry.recordId);
    if (!before.has(key)) fresh.set(key, { type: entry.recordType as RecordType, id: entry.recordId });
  }
  const keys = [...fresh.values()];
  const earlier = await reader.latestAtOrBefore(start, keys);
  const byType = new Map<RecordType, string[]>();
  for (const { type, id } of keys) byType.set(type, [...(byType.get(type) ?? []), id]);
  const rows = new Map<string, ShareableRow>();
  for (const [type, ids] of byType) for (const [id, row] of await reader.currentVisible(type, ids)) rows.set(recordKey(type, id), row);
  for (const key of fresh.keys()) {
    before.set(key, earlier.get(key) ?? null);
    current.set(key, rows.get(key) ?? null);
  }
}

function changesOf(
  viewer: Viewer,
  touched: ReadonlyMap<string, Touched>,
  before: ReadonlyMap<string, FeedEntry | null>,
  current: ReadonlyMap<string, ShareableRow | null>,
): Change[] {
  return [...touched.entries()]
    .filter(([, t]) => t.outcome !== 'skip')
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([key, { last, outcome }]) => {
      const type = last.recordType as RecordType;
      if (outcome === 'upsert') return upsertOf(viewer, type, current.get(key)!);
      return withdrawalOf(type, last.recordId, last.ownerAgencyId, before.get(key)!.version);
    });
}
