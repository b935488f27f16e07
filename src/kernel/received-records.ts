/**
 * Records this hub holds from other hubs (sync, docs/sync.md §4), as every capability needs to
 * know them: which hub delivered a record (such a record is written by no one here) and its
 * provenance for GraphQL. The rows are sync's (`sync_received_records`); a withdrawn one no
 * longer counts.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { syncReceivedRecords } from '../db/schema/index.ts';
import type { RecordType } from '../policy/catalogue.ts';

/** Where a received record came from, as GraphQL's `provenance` shows it. */
export interface RecordProvenance {
  recordId: string;
  origin: string;
  hub: string;
  receivedAt: Date;
  bundle: string;
  hops: number;
}

const held = (type: RecordType) => and(eq(syncReceivedRecords.recordType, type), isNull(syncReceivedRecords.withdrawnAt));

/** The hub a held record was received from, or null for this hub's own records. */
export async function receivedFromHub(db: Executor, type: RecordType, id: string): Promise<string | null> {
  const [row] = await db
    .select({ hub: syncReceivedRecords.receivedFromHub })
    .from(syncReceivedRecords)
    .where(and(held(type), eq(syncReceivedRecords.recordId, id)));
  return row?.hub ?? null;
}

export function provenanceOf(db: Executor, type: RecordType, ids: readonly string[]): Promise<RecordProvenance[]> {
  return db
    .select({
      recordId: syncReceivedRecords.recordId,
      origin: syncReceivedRecords.originHub,
      hub: syncReceivedRecords.receivedFromHub,
      receivedAt: syncReceivedRecords.receivedAt,
      bundle: syncReceivedRecords.bundleHash,
      hops: syncReceivedRecords.hops,
    })
    .from(syncReceivedRecords)
    .where(and(held(type), inArray(syncReceivedRecords.recordId, [...ids])));
}
