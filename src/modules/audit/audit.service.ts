import type { HubSigningKey } from '../../auth/hub-keys.ts';
import type { Database } from '../../db/client.ts';
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
import { accessLogCount, accessLogRows, type AccessLogRow, type AccessLogScope } from './access-log.ts';


export interface AccessLogQuery {
  recordId?: string | null;
  since?: Date | null;
  agency?: string | null;
  first?: number | null;
  after?: string | null;
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
    const scope = this.accessLogScope(viewer, query);
    const [rows, total] = await Promise.all([accessLogRows(this.db, scope, page.afterId, page.limit + 1), accessLogCount(this.db, scope)]);
    return toConnection(ACCESS_LOG, rows, page, total);
  }

  /** The same rows as CSV, up to 10,000 from `after` on. */
  async accessLogCsv(viewer: Viewer, query: AccessLogQuery): Promise<string> {
    const limit = query.first ?? MAX_CSV_ROWS;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_CSV_ROWS) throw invalidInput('first', `must be between 0 and ${MAX_CSV_ROWS}`);
    const page = toPageRequest(ACCESS_LOG, 0, query.after, isSerial);
    return accessLogCsv(await accessLogRows(this.db, this.accessLogScope(viewer, query), page.afterId, limit));
  }

  private accessLogScope(viewer: Viewer, query: AccessLogQuery): AccessLogScope {
    if (query.since != null && Number.isNaN(query.since.getTime())) throw invalidInput('since', 'not a date-time');
    return { agency: viewer.caller.agencyId, recordId: query.recordId, since: query.since, requester: query.agency };
  }
}
