import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/**
 * Where this hub stands with each peer it pulls from (policies/peers.yaml): the cursor after the
 * last bundle applied, written in the transaction that applied it, and the health of the pulls.
 */
export const syncPeerState = pgTable('sync_peer_state', {
  /** The peer's id in policies/peers.yaml. */
  peerId: text('peer_id').primaryKey(),
  /** The peer's opaque cursor after the last applied bundle; null before the first. */
  cursor: text('cursor'),
  /** SHA-256 (base64url) of the last applied bundle's JWS. */
  lastBundleHash: text('last_bundle_hash'),
  /** When the peer signed the last applied bundle: with `hasMore`, how far behind this hub is. */
  lastBundleIssuedAt: timestamptz('last_bundle_issued_at'),
  /** The peer had more pages ready when it sent the last bundle. */
  hasMore: boolean('has_more').notNull().default(false),
  bundlesApplied: integer('bundles_applied').notNull().default(0),
  lastSuccessAt: timestamptz('last_success_at'),
  lastErrorAt: timestamptz('last_error_at'),
  /** A rejection reason code or a transport failure; never a value from a record. */
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/**
 * Every record this hub holds from another hub, at the newest version it received: the origin's
 * proof with the released values and their salts (so that it can forward the record with the
 * origin's proof unchanged), its hop chain, and its provenance. The row outlives a withdrawal or
 * a delisting, so that an older version arriving later, by any path, changes nothing.
 */
export const syncReceivedRecords = pgTable(
  'sync_received_records',
  {
    /** The policy record type (`Designation`, …). */
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    ownerAgencyId: text('owner_agency_id').notNull(),
    /** Issuer of the owner's home hub, which signed the version. */
    originHub: text('origin_hub').notNull(),
    /** The highest version received from any peer. */
    version: integer('version').notNull(),
    /** The version is an origin tombstone: only a newer origin-signed version brings the record back. */
    deleted: boolean('deleted').notNull().default(false),
    /** The delivering peer withdrew it: no local copy until a peer releases it again. */
    withdrawnAt: timestamptz('withdrawn_at'),
    /** The origin's compact JWS over the version's salted field digests. */
    originProof: text('origin_proof').notNull(),
    releasedValues: jsonb('released_values').notNull(),
    salts: jsonb('salts').notNull(),
    /** The hop links (compact JWS), origin's grant first, the last one for this hub. */
    hopChain: jsonb('hop_chain').notNull(),
    /** How many more hubs this hub may hand the version to. */
    hopsLeft: integer('hops_left').notNull(),
    /** Provenance: the peer that delivered the version, when, in which bundle, after how many hops. */
    receivedFromPeer: text('received_from_peer').notNull(),
    receivedFromHub: text('received_from_hub').notNull(),
    receivedAt: timestamptz('received_at').notNull(),
    bundleHash: text('bundle_hash').notNull(),
    hops: integer('hops').notNull(),
  },
  (t) => [
    primaryKey({ name: 'sync_received_records_pkey', columns: [t.recordType, t.recordId] }),
    index('sync_received_records_peer_idx').on(t.receivedFromPeer),
  ],
);

export type SyncPeerStateRow = typeof syncPeerState.$inferSelect;
export type SyncReceivedRecordRow = typeof syncReceivedRecords.$inferSelect;
