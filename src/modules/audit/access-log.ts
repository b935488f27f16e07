/**
 * The access log: who was given which records, with which fields, under which agreements. Stored
 * as one `audit_release_sets` row per group of records a request entry released (migration 0021)
 * — a page of 500 designations is one or two rows, written in the entry's own transaction — and
 * read one row per record, as `accessLog` has always shown it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.ts';
import type { AuditEntry } from './audit-entry.ts';

/**
 * An access-log row's id is its entry's index × this + its position among the entry's released
 * records: ids follow the log's order, and no request releases a million records (the query
 * cost limits keep a response far below it; an entry that did would be refused, not mislabelled).
 */
export const ACCESS_ROW_STRIDE = 1_000_000;

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

/** Which access-log rows a query reads; every condition is on the set, except the record's id. */
export interface AccessLogScope {
  /** The caller: rows where it is the owner or the requester. */
  readonly agency: string;
  readonly recordId?: string | null;
  readonly since?: Date | null;
  readonly requester?: string | null;
}

/** One row of `audit_release_sets`, in the short keys it travels to the database with. */
export interface ReleaseSetRow {
  /** entry index, set number, position of the set's first record among the entry's releases */
  e: number;
  g: number;
  p: number;
  /** when, requester agency, user, operation */
  at: string;
  a: string;
  u: string;
  o: string | null;
  /** record type, owner, fields, agreements, record ids */
  t: string;
  w: string;
  f: readonly string[];
  ag: readonly string[];
  ids: readonly string[];
}

/** The release sets of request entries (none for entries that released nothing). */
export function releaseSetsFrom(entries: readonly AuditEntry[]): ReleaseSetRow[] | undefined {
  const sets: ReleaseSetRow[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'request') continue;
    let position = 0;
    entry.released.forEach((group, g) => {
      sets.push({ e: entry.index, g, p: position, at: entry.at, a: entry.agency, u: entry.user, o: entry.operation.name, t: group.type, w: group.owner, f: group.fields, ag: group.agreements, ids: group.ids });
      position += group.ids.length;
    });
    if (position >= ACCESS_ROW_STRIDE) throw new Error(`audit entry ${entry.index} releases ${position} records, more than an access-log id can number`);
  }
  return sets.length === 0 ? undefined : sets;
}

/** Inserts the release sets (the ids travel as JSON arrays) where `when` holds; the append runs it in the entries' own statement. */
export function releaseSetsInsert(sets: readonly ReleaseSetRow[], when: SQL): SQL {
  return sql`
    INSERT INTO audit_release_sets (entry_index, set_number, first_position, recorded_at, requester_agency_id, user_id, operation, record_type, owner_agency_id, fields, agreements, record_ids)
    SELECT e, g, p, at, a, u, o, t, w, f, ag, ids
    FROM jsonb_to_recordset(${JSON.stringify(sets)}::jsonb)
      AS r(e bigint, g int, p int, at timestamptz, a text, u text, o text, t text, w text, f text[], ag text[], ids text[])
    WHERE ${when}`;
}

const ROW_ID = sql`(s.entry_index * ${sql.raw(String(ACCESS_ROW_STRIDE))} + s.first_position + r.n - 1)`;

function setConditions(scope: AccessLogScope): SQL[] {
  const conditions = [sql`(s.owner_agency_id = ${scope.agency} OR s.requester_agency_id = ${scope.agency})`];
  // The GIN index over the ids finds the sets holding the record; the unnested row is then matched.
  if (scope.recordId != null) conditions.push(sql`s.record_ids @> ARRAY[${scope.recordId}]::text[]`);
  if (scope.since != null) conditions.push(sql`s.recorded_at >= ${scope.since.toISOString()}`);
  if (scope.requester != null) conditions.push(sql`s.requester_agency_id = ${scope.requester}`);
  return conditions;
}

/** Rows in id order after `afterId`, at most `limit`. */
export async function accessLogRows(db: Executor, scope: AccessLogScope, afterId: string | null, limit: number): Promise<AccessLogRow[]> {
  const sets = setConditions(scope);
  // Ids pass as text: 18 digits are more than a double holds exactly.
  if (afterId !== null) sets.push(sql`s.entry_index >= ${String(BigInt(afterId) / BigInt(ACCESS_ROW_STRIDE))}::bigint`);
  const rowConditions = [
    ...(scope.recordId != null ? [sql`r.record_id = ${scope.recordId}`] : []),
    ...(afterId !== null ? [sql`${ROW_ID} > ${afterId}::bigint`] : []),
  ];
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
    db,
    sql`SELECT ${ROW_ID} AS id, s.entry_index, s.recorded_at, s.requester_agency_id, s.user_id, s.operation, s.record_type, r.record_id, s.owner_agency_id, s.fields, s.agreements
        FROM audit_release_sets s CROSS JOIN LATERAL unnest(s.record_ids) WITH ORDINALITY AS r(record_id, n)
        WHERE ${sql.join([...sets, ...rowConditions], sql` AND `)}
        ORDER BY s.entry_index, s.first_position, r.n LIMIT ${limit}`,
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

/** How many rows the scope holds (a set counts once per record it names, or per time it names the record asked). */
export async function accessLogCount(db: Executor, scope: AccessLogScope): Promise<number> {
  const where = sql.join(setConditions(scope), sql` AND `);
  const [row] = await queryRows<{ count: string | number | null }>(
    db,
    scope.recordId != null
      ? sql`SELECT count(*) AS count FROM audit_release_sets s CROSS JOIN LATERAL unnest(s.record_ids) AS r(record_id) WHERE ${where} AND r.record_id = ${scope.recordId}`
      : sql`SELECT coalesce(sum(cardinality(s.record_ids)), 0) AS count FROM audit_release_sets s WHERE ${where}`,
  );
  return Number(row?.count ?? 0);
}
