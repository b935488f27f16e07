import { sql, type SQL } from 'drizzle-orm';
import type { FeedEntry } from '../../db/change-feed.ts';
import type { Marking } from '../../db/schema/columns.ts';
import { CATALOGUE, type RecordType } from '../../policy/catalogue.ts';
import { LIST_ATTRIBUTES, type AccessDecision, type ShareableRecord } from '../../policy/decision.ts';
import { oneOf, overlaps, type AccessColumns } from '../../policy/sql.ts';

/**
 * The record a feed entry describes, as the access decision reads it: owner, and the stored
 * attributes of that version (column names, see migration 0012) under the row's property
 * names, so that `AccessDecision.releasedFields` decides it exactly as it decides the row.
 */
export function entryRecord(entry: Pick<FeedEntry, 'ownerAgencyId' | 'attributes'>): ShareableRecord {
  const record: Record<string, unknown> = { ownerAgencyId: entry.ownerAgencyId, marking: 'RED', releasableTo: [] };
  for (const [column, value] of Object.entries(entry.attributes ?? {})) record[camelCase(column)] = value;
  return record as ShareableRecord & { marking: Marking };
}

/** The fields of the entry's version released under `decision`; null for a deletion or a version it may not see. */
export function releasedAtEntry(decision: AccessDecision, entry: FeedEntry): ReadonlySet<string> | null {
  // An entry without attributes (a record deleted before the feed kept them) is seen by no one but its owner.
  if (entry.deleted || entry.attributes === null) return null;
  return decision.releasedFields(entry.recordType as RecordType, entryRecord(entry));
}

/**
 * Where a feed row (`alias`) keeps what `visibleRecords` reads, as SQL of the columns' types:
 * the decision's SQL form applied to a version as of a feed position.
 */
export function feedAccessColumns(type: RecordType, alias: string): AccessColumns {
  const attribute = (column: string) => sql`${sql.raw(alias)}.attributes ->> ${column}`;
  const list = (column: string) =>
    sql`(CASE WHEN jsonb_typeof(${sql.raw(alias)}.attributes -> ${column}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(${sql.raw(alias)}.attributes -> ${column})) END)`;
  const conditions: Record<string, (values: readonly string[]) => SQL> = {};
  for (const name of Object.keys(CATALOGUE[type].conditions)) {
    const listed = LIST_ATTRIBUTES[type]?.[name];
    conditions[name] = listed ? overlaps(list(snakeCase(listed))) : oneOf(attribute(snakeCase(name)));
  }
  return {
    owner: sql`${sql.raw(alias)}.owner_agency_id`,
    // No stored marking (an entry of a record deleted before the feed kept attributes): RED, seen by its owner only.
    marking: sql`coalesce((${attribute('marking')})::marking, 'RED'::marking)`,
    releasableTo: list('releasable_to'),
    participants: sql`coalesce(${list('participants')}, ARRAY[]::text[])`,
    conditions,
  };
}

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const snakeCase = (property: string) => property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
