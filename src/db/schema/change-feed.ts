import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/** PostgreSQL's 64-bit transaction id, read and written as its decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

export const changeFeedSequence = pgSequence('change_feed_seq');

/**
 * The change feed: one row per committed change of a shareable record, written by triggers in
 * the same transaction as the change, so that no write path can forget it. Rows are ordered by
 * (transaction id, sequence) and read only below the oldest transaction still in flight (see
 * src/db/change-feed.ts): a transaction that commits late always has a larger id than that
 * horizon, so a reader never moves past a change that becomes visible afterwards.
 */
export const changeFeed = pgTable(
  'change_feed',
  {
    transactionId: xid8('transaction_id').notNull().default(sql`pg_current_xact_id()`),
    sequence: bigint('sequence', { mode: 'number' }).notNull().default(sql`nextval('change_feed_seq')`),
    /** The policy record type (`Designation`, `ThreatEntry`, …). */
    recordType: text('record_type').notNull(),
    /** Not a foreign key: the feed outlives nothing it names, and a hard delete is an entry too. */
    recordId: uuid('record_id').notNull(),
    ownerAgencyId: text('owner_agency_id').notNull(),
    /** The version the change produced. */
    version: integer('version').notNull(),
    deleted: boolean('deleted').notNull().default(false),
    /**
     * What the access decision reads of the version the change produced, keyed by column name:
     * marking, releasable_to, participants where the table has them, and the attributes
     * agreements may condition on (CATALOGUE[type].conditions). Lets a reader decide whether a
     * caller could see the record as of any position, not only now (src/modules/changes).
     */
    attributes: jsonb('attributes').$type<Record<string, unknown>>(),
    changedAt: timestamptz('changed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'change_feed_pkey', columns: [t.transactionId, t.sequence] }),
    // A record's entries in feed order: its latest entry at or before a position is one index probe.
    index('change_feed_record_position_idx').on(t.recordType, t.recordId, t.transactionId, t.sequence),
  ],
);
