import { sql, type SQL } from 'drizzle-orm';
import type { HubSigningKey } from '../../auth/hub-keys.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { toConnection, type ConnectionShape } from '../../kernel/connection.ts';
import { toPageRequest } from '../../kernel/cursor.ts';
import { invalidInput } from '../../lib/errors.ts';
import type { Viewer } from '../../policy/viewer.ts';
import {
  auditConsistencyProof,
  auditInclusionProof,
  AuditAppender,
  latestTreeHead,
  publishTreeHead,
  storedEntry,
  treeHeads,
  type TreeHead,
} from './audit-log.ts';
import { accessLogCsv } from './access-log-csv.ts';

export interface AccessLogQuery {
  recordId?: string | null;
  since?: Date | null;
  agency?: string | null;
  first?: number | null;
  after?: string | null;
}

export interface AccessLogRow {
  id: string;
  entry: number;
  at: Date;
  agency: string;
  user: string | null;
  operation: string | null;
  recordType: string;
  recordId: string;
  owner: string;
  fields: string[];
  agreements: string[];
}

const ACCESS_LOG = 'accessLog';
const isSerial = (position: string) => /^\d{1,18}$/.test(position);
/** A CSV export may be longer than a page. */
const MAX_CSV_ROWS = 10_000;

export class AuditService {
  /** One per hub: concurrent requests' entries are appended together. */
  readonly appender: AuditAppender;

  constructor(
    private readonly db: Database,
    private readonly hubKey?: () => HubSigningKey | undefined,
  ) {
    this.appender = new AuditAppender(db);
  }

  latestTreeHead(): Promise<TreeHead | undefined> {
    return latestTreeHead(this.db);
  }

  publishTreeHead(): Promise<TreeHead> {
    return publishTreeHead(this.db, this.hubKey?.());
  }

  async inclusionProof(viewer: Viewer, entry: number, treeSize?: number | null) {
    const proof = await auditInclusionProof(this.db, entry, treeSize);
    const [heads, stored] = await Promise.all([treeHeads(this.db), storedEntry(this.db, entry)]);
    return {
      entry,
      treeSize: proof.treeSize,
      leafHash: proof.leafHash,
      path: proof.path,
      treeHead: heads.findLast((head) => head.treeSize === proof.treeSize) ?? null,
      // The entry names every record its request was given, of every owner: only its requester reads it.
      entryText: stored && stored.agencyId === viewer.caller.agencyId ? stored.entry : null,
    };
  }

  consistencyProof(from: number, to: number) {
    return auditConsistencyProof(this.db, from, to);
  }

  /**
   * Accesses to the caller's records (as their owner, by any agency) and the caller's own
   * requests (as a partner, to any owner's records): nobody else's.
   */
  async accessLog(viewer: Viewer, query: AccessLogQuery): Promise<ConnectionShape<AccessLogRow>> {
    const page = toPageRequest(ACCESS_LOG, query.first, query.after, isSerial);
    const where = this.accessLogScope(viewer, query);
    const [rows, total] = await Promise.all([
      this.accessLogRows(sql`${where} ${page.afterId === null ? sql`` : sql`AND id > ${page.afterId}`}`, page.limit + 1),
      queryRows<{ count: string | number }>(this.db, sql`SELECT count(*) AS count FROM audit_releases WHERE ${where}`),
    ]);
    return toConnection(ACCESS_LOG, rows, page, Number(total[0]?.count ?? 0));
  }

  /** The same rows as CSV, up to 10,000 from `after` on. */
  async accessLogCsv(viewer: Viewer, query: AccessLogQuery): Promise<string> {
    const limit = query.first ?? MAX_CSV_ROWS;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_CSV_ROWS) throw invalidInput('first', `must be between 0 and ${MAX_CSV_ROWS}`);
    const page = toPageRequest(ACCESS_LOG, 0, query.after, isSerial);
    const where = this.accessLogScope(viewer, query);
    return accessLogCsv(await this.accessLogRows(sql`${where} ${page.afterId === null ? sql`` : sql`AND id > ${page.afterId}`}`, limit));
  }

  private accessLogScope(viewer: Viewer, query: AccessLogQuery): SQL {
    const me = viewer.caller.agencyId;
    const conditions = [sql`(owner_agency_id = ${me} OR requester_agency_id = ${me})`];
    if (query.recordId != null) conditions.push(sql`record_id = ${query.recordId}`);
    if (query.since != null) {
      if (Number.isNaN(query.since.getTime())) throw invalidInput('since', 'not a date-time');
      conditions.push(sql`recorded_at >= ${query.since.toISOString()}`);
    }
    if (query.agency != null) conditions.push(sql`requester_agency_id = ${query.agency}`);
    return sql.join(conditions, sql` AND `);
  }

  private async accessLogRows(where: SQL, limit: number): Promise<AccessLogRow[]> {
    const rows = await queryRows<{
      id: string | number;
      entry_index: string | number;
      recorded_at: Date | string;
      requester_agency_id: string;
      user_id: string | null;
      operation: string | null;
      record_type: string;
      record_id: string;
      owner_agency_id: string;
      fields: string[];
      agreements: string[];
    }>(
      this.db,
      sql`SELECT id, entry_index, recorded_at, requester_agency_id, user_id, operation, record_type, record_id, owner_agency_id, fields, agreements
          FROM audit_releases WHERE ${where} ORDER BY id LIMIT ${limit}`,
    );
    return rows.map((row) => ({
      id: String(row.id),
      entry: Number(row.entry_index),
      at: new Date(row.recorded_at),
      agency: row.requester_agency_id,
      user: row.user_id,
      operation: row.operation,
      recordType: row.record_type,
      recordId: row.record_id,
      owner: row.owner_agency_id,
      fields: row.fields,
      agreements: row.agreements,
    }));
  }
}
