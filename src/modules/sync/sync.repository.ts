import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { insertJsonRows } from '../../db/bulk-insert.ts';
import type { Executor } from '../../db/client.ts';
import { agencies, syncPeerState, syncReceivedRecords, type SyncPeerStateRow, type SyncReceivedRecordRow } from '../../db/schema/index.ts';
import type { RecordType } from '../../policy/catalogue.ts';

export type ReceivedRecordWrite = Omit<SyncReceivedRecordRow, 'withdrawnAt'>;

/** Sync's own tables: peer cursors and the received records' proofs and provenance. */
export class SyncRepository {
  constructor(private readonly db: Executor) {}

  /** The peer's state, locked for the rest of the transaction: one bundle of a peer at a time. */
  async lockPeer(peerId: string): Promise<SyncPeerStateRow> {
    await this.db.insert(syncPeerState).values({ peerId }).onConflictDoNothing();
    const [row] = await this.db.select().from(syncPeerState).where(eq(syncPeerState.peerId, peerId)).for('update');
    if (!row) throw new Error(`sync_peer_state row for ${peerId} vanished`);
    return row;
  }

  async peerState(peerId: string): Promise<SyncPeerStateRow | undefined> {
    const [row] = await this.db.select().from(syncPeerState).where(eq(syncPeerState.peerId, peerId));
    return row;
  }

  async advancePeer(peerId: string, bundle: { cursor: string; hash: string; issuedAt: Date; hasMore: boolean }): Promise<void> {
    await this.db
      .update(syncPeerState)
      .set({
        cursor: bundle.cursor,
        lastBundleHash: bundle.hash,
        lastBundleIssuedAt: bundle.issuedAt,
        hasMore: bundle.hasMore,
        bundlesApplied: sql`${syncPeerState.bundlesApplied} + 1`,
        lastSuccessAt: sql`now()`,
        consecutiveFailures: 0,
        updatedAt: sql`now()`,
      })
      .where(eq(syncPeerState.peerId, peerId));
  }

  /** A failed pull or a rejected bundle: recorded outside the bundle's transaction, cursor untouched. */
  async recordFailure(peerId: string, reason: string): Promise<void> {
    await this.db.insert(syncPeerState).values({ peerId }).onConflictDoNothing();
    await this.db
      .update(syncPeerState)
      .set({
        lastError: reason,
        lastErrorAt: sql`now()`,
        consecutiveFailures: sql`${syncPeerState.consecutiveFailures} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(syncPeerState.peerId, peerId));
  }

  async lockReceived(type: RecordType, id: string): Promise<SyncReceivedRecordRow | undefined> {
    const [row] = await this.db
      .select()
      .from(syncReceivedRecords)
      .where(and(eq(syncReceivedRecords.recordType, type), eq(syncReceivedRecords.recordId, id)))
      .for('update');
    return row;
  }

  /** The received records among `ids`, withdrawn ones too, locked for the rest of the transaction. */
  async lockReceivedMany(type: RecordType, ids: readonly string[]): Promise<Map<string, SyncReceivedRecordRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(syncReceivedRecords)
      .where(and(eq(syncReceivedRecords.recordType, type), inArray(syncReceivedRecords.recordId, [...ids])))
      .for('update');
    return new Map(rows.map((row) => [row.recordId, row]));
  }

  /** Writes many received records' rows: one statement to clear the held ones, one to insert. */
  async saveReceivedMany(rows: readonly ReceivedRecordWrite[]): Promise<void> {
    for (const type of new Set(rows.map((row) => row.recordType))) {
      const ofType = rows.filter((row) => row.recordType === type);
      await this.db
        .delete(syncReceivedRecords)
        .where(and(eq(syncReceivedRecords.recordType, type), inArray(syncReceivedRecords.recordId, ofType.map((row) => row.recordId))));
    }
    for (let i = 0; i < rows.length; i += 1_000) {
      await insertJsonRows(
        this.db,
        syncReceivedRecords,
        rows.slice(i, i + 1_000).map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString(), withdrawnAt: null })),
      );
    }
  }

  /** Which of `ids` are agencies of this hub. */
  async existingAgencies(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, [...ids]));
    return new Set(rows.map((row) => row.id));
  }

  /** The received records among `ids` still held (not withdrawn), by id. */
  async receivedMany(type: RecordType, ids: readonly string[]): Promise<Map<string, SyncReceivedRecordRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(syncReceivedRecords)
      .where(and(eq(syncReceivedRecords.recordType, type), inArray(syncReceivedRecords.recordId, [...ids]), isNull(syncReceivedRecords.withdrawnAt)));
    return new Map(rows.map((row) => [row.recordId, row]));
  }

  async allPeerStates(): Promise<SyncPeerStateRow[]> {
    return this.db.select().from(syncPeerState);
  }

  async saveReceived(row: ReceivedRecordWrite): Promise<void> {
    await this.db
      .insert(syncReceivedRecords)
      .values({ ...row, withdrawnAt: null })
      .onConflictDoUpdate({
        target: [syncReceivedRecords.recordType, syncReceivedRecords.recordId],
        set: { ...row, withdrawnAt: null },
      });
  }

  async markWithdrawn(type: RecordType, id: string): Promise<void> {
    await this.db
      .update(syncReceivedRecords)
      .set({ withdrawnAt: sql`now()` })
      .where(and(eq(syncReceivedRecords.recordType, type), eq(syncReceivedRecords.recordId, id)));
  }

  async agencyExists(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id));
    return row !== undefined;
  }
}
