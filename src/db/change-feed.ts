import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from './client.ts';

/**
 * A place in the change feed (see the `change_feed` table): the writing transaction's id and
 * the entry's sequence number within the hub. Hub-wide, so it never leaves the server: callers
 * see positions of their own (cursors over what they may see), not these.
 */
export interface FeedPosition {
  /** xid8 as decimal text: it may exceed 2^53. */
  readonly transactionId: string;
  readonly sequence: number;
}

export interface FeedEntry extends FeedPosition {
  readonly recordType: string;
  readonly recordId: string;
  readonly ownerAgencyId: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly changedAt: Date;
  /**
   * What the access decision reads of that version, by column name (marking, releasable_to,
   * condition attributes; see migration 0012); null only for entries of records deleted before
   * the feed kept attributes.
   */
  readonly attributes: Readonly<Record<string, unknown>> | null;
}

export const FEED_START: FeedPosition = Object.freeze({ transactionId: '0', sequence: 0 });

export interface FeedRead {
  readonly limit: number;
  /** Only these record types; all when omitted. */
  readonly recordTypes?: readonly string[];
  /** A further condition on the entries' columns (record_type, owner_agency_id, attributes, …). */
  readonly where?: SQL;
}

/**
 * The feed horizon: entries below it are final. It is the oldest transaction still in flight that
 * could write this database's feed, else the end of the snapshot. Transaction ids are shared by
 * every database of a server, and `pg_snapshot_xmin` would wait for a long transaction in another
 * database (another hub on the same server, another test's database): one still running there
 * (its `backend_xid` listed in pg_stat_activity under another database, read after the snapshot
 * was taken) is passed over. Anything else in flight bounds the horizon, including a transaction
 * that ended between the snapshot and that read and one whose activity the role may not see, so
 * without the right to read pg_stat_activity the horizon is simply the snapshot's xmin.
 */
/** Transactions in flight that could write this database (see `FEED_HORIZON`). */
const WRITERS_IN_FLIGHT = sql`
  SELECT x FROM pg_snapshot_xip(pg_current_snapshot()) AS x
  WHERE NOT EXISTS (
    SELECT 1 FROM pg_stat_activity a
    WHERE a.backend_xid IS NOT NULL AND a.datname IS DISTINCT FROM current_database()
      -- xip lists 64-bit ids; pg_stat_activity the 32-bit ones they end in.
      AND a.backend_xid::text = (x::text::numeric % 4294967296)::text)`;

const FEED_HORIZON = sql`(SELECT coalesce(min(w.x), pg_snapshot_xmax(pg_current_snapshot())) FROM (${WRITERS_IN_FLIGHT}) AS w)`;

/**
 * True when no transaction that could write this database is in flight in the current snapshot:
 * every change it will ever see up to its positions is already visible, so a result computed in
 * it may be cached under those positions.
 */
export const NO_WRITER_IN_FLIGHT = sql`NOT EXISTS (${WRITERS_IN_FLIGHT})`;

/**
 * The committed changes after `after`, oldest first, up to the oldest transaction still in
 * flight that could write them (`FEED_HORIZON`). Entries are ordered by transaction id, and every
 * transaction that could still write the feed (or starts later) has an id at or above that
 * horizon, so whatever commits after this read
 * sorts after everything it returned: a reader that resumes from the last entry it got never
 * skips a change and never sees one twice. A long transaction holds the feed back until it
 * ends, which is the price of that guarantee.
 */
export async function readFeed(db: Executor, after: FeedPosition, { limit, recordTypes, where }: FeedRead): Promise<FeedEntry[]> {
  const types = recordTypes ? sql`AND record_type = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(recordTypes)}::jsonb)))` : sql``;
  const rows = await queryRows<FeedEntry>(
    db,
    sql`SELECT transaction_id::text AS "transactionId", sequence::float8 AS "sequence", record_type AS "recordType",
               record_id AS "recordId", owner_agency_id AS "ownerAgencyId", version, deleted, changed_at AS "changedAt", attributes
        FROM change_feed
        WHERE (transaction_id, sequence) > (${after.transactionId}::xid8, ${after.sequence}::bigint)
          AND transaction_id < ${FEED_HORIZON}
          ${types}
          ${where ? sql`AND (${where})` : sql``}
        ORDER BY transaction_id, sequence
        LIMIT ${limit}`,
  );
  // The two drivers return timestamps and float8 differently from raw SQL: one shape here.
  return rows.map((row) => ({ ...row, sequence: Number(row.sequence), changedAt: new Date(row.changedAt) }));
}

/** The position after every change committed so far: where a reader that starts now begins. */
export async function feedHead(db: Executor): Promise<FeedPosition> {
  const [row] = await queryRows<{ transactionId: string; sequence: number }>(
    db,
    sql`SELECT transaction_id::text AS "transactionId", sequence::float8 AS "sequence" FROM change_feed
        WHERE transaction_id < ${FEED_HORIZON}
        ORDER BY transaction_id DESC, sequence DESC LIMIT 1`,
  );
  return row ? { transactionId: row.transactionId, sequence: Number(row.sequence) } : FEED_START;
}

/** The stored form of a position (`watch_cursors`, sync cursors): `<transaction id>:<sequence>`. */
export function formatFeedPosition(position: FeedPosition): string {
  return `${position.transactionId}:${position.sequence}`;
}

export function parseFeedPosition(text: string): FeedPosition | null {
  const match = /^(\d{1,20}):(\d{1,18})$/.exec(text);
  if (!match) return null;
  const sequence = Number(match[2]);
  return Number.isSafeInteger(sequence) ? { transactionId: match[1]!, sequence } : null;
}
