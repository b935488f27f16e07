import { and, or, sql, type SQL } from 'drizzle-orm';
import { readFeed, type FeedEntry, type FeedPosition } from '../../db/change-feed.ts';
import { queryRows, type Executor } from '../../db/client.ts';
import type { RecordType } from '../../policy/catalogue.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { visibleRecords } from '../../policy/sql.ts';
import { feedAccessColumns } from './feed-access.ts';

export const recordKey = (type: string, id: string) => `${type}:${id}`;

interface FeedRow {
  transactionId: string;
  sequence: number;
  recordType: string;
  recordId: string;
  ownerAgencyId: string;
  version: number;
  deleted: boolean;
  changedAt: Date;
  attributes: Record<string, unknown> | null;
}

const ENTRY_COLUMNS = sql`transaction_id::text AS "transactionId", sequence::float8 AS "sequence", record_type AS "recordType",
  record_id AS "recordId", owner_agency_id AS "ownerAgencyId", version, deleted, changed_at AS "changedAt", attributes`;
const atOrBefore = (position: FeedPosition) =>
  sql`(transaction_id, sequence) <= (${position.transactionId}::xid8, ${position.sequence}::bigint)`;
const entry = (row: FeedRow): FeedEntry => ({ ...row, sequence: Number(row.sequence), changedAt: new Date(row.changedAt) });

/** The hub feed as the change feed reads it: entries with their access attributes, and record histories. */
export class ChangesRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Committed entries after `after` (see readFeed) of `types` whose record the caller could
   * ever see under `decision`: its own, a participant's, or those of owners granting it the
   * type. Entries of anyone else are not even read.
   */
  entriesAfter(after: FeedPosition, decision: AccessDecision, types: readonly RecordType[], limit: number): Promise<FeedEntry[]> {
    const byType = types.map((type) => {
      const owners = [decision.agencyId, ...new Set(decision.grantsFor(type).map((g) => g.grantor))];
      return sql`(record_type = ${type} AND (owner_agency_id IN (${sql.join(
        owners.map((o) => sql`${o}`),
        sql`, `,
      )}) OR jsonb_exists(attributes, 'participants')))`;
    });
    return readFeed(this.db, after, { limit, recordTypes: types, where: or(...byType) });
  }

  /** For each of `keys` (type and id) its latest entry at or before `position`, if any. */
  async latestAtOrBefore(position: FeedPosition, keys: readonly { type: string; id: string }[]): Promise<Map<string, FeedEntry>> {
    if (keys.length === 0) return new Map();
    const wanted = JSON.stringify(keys.map((k) => [k.type, k.id]));
    const rows = await queryRows<FeedRow>(
      this.db,
      sql`SELECT DISTINCT ON (record_type, record_id) ${ENTRY_COLUMNS}
          FROM change_feed
          WHERE (record_type, record_id) IN (SELECT k ->> 0, (k ->> 1)::uuid FROM jsonb_array_elements(${wanted}::jsonb) AS k)
            AND ${atOrBefore(position)}
          ORDER BY record_type, record_id, transaction_id DESC, sequence DESC`,
    );
    return new Map(rows.map((row) => [recordKey(row.recordType, row.recordId), entry(row)]));
  }

  /**
   * Records of `type` after `afterId` whose version as of `position` (their latest entry at or
   * before it, not a deletion) one of `decisions` lets the caller see, in id order: where an
   * agreement change can make a difference to the caller.
   */
  async visibleAsOf(type: RecordType, position: FeedPosition, decisions: readonly AccessDecision[], afterId: string | null, limit: number): Promise<FeedEntry[]> {
    const columns = feedAccessColumns(type, 'latest');
    const visible = or(...decisions.map((decision) => visibleRecords(decision, type, columns))) as SQL;
    const rows = await queryRows<FeedRow>(
      this.db,
      sql`SELECT ${ENTRY_COLUMNS} FROM (
            SELECT DISTINCT ON (record_id) * FROM change_feed
            WHERE record_type = ${type} AND ${atOrBefore(position)} ${afterId ? sql`AND record_id > ${afterId}::uuid` : sql``}
            ORDER BY record_id, transaction_id DESC, sequence DESC
          ) AS latest
          WHERE ${and(sql`NOT latest.deleted`, visible)}
          ORDER BY latest.record_id
          LIMIT ${limit}`,
    );
    return rows.map(entry);
  }
}
