import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { insertJsonRows, updateJsonRows } from '../../db/bulk-insert.ts';
import { provenanceOf, receivedFromHub, type RecordProvenance } from '../../kernel/received-records.ts';
import { queryRows, type Executor } from '../../db/client.ts';
import {
  designationAddresses,
  designationAliases,
  designationBirthDates,
  designationScreeningNames,
  designationIdentifiers,
  designations,
  type DesignationAddressRow,
  type DesignationAliasRow,
  type DesignationBirthDateRow,
  type DesignationIdentifierRow,
  type DesignationRow,
  type DesignationStatus,
  type SubjectType,
} from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, overlaps, type AccessColumns } from '../../policy/sql.ts';
import { reviewOverdue, ShareableRecordRepository } from '../../kernel/shareable-record-repository.ts';
import type { PageRequest } from '../../kernel/cursor.ts';
import { normalizeForSearch } from '../../lib/names.ts';
import { screeningNameRows } from '../name-matching/screening-names.ts';
import { contentDigests } from './content-digests.ts';
import type { DesignationContent } from './designation.validation.ts';

export interface DesignationQuery {
  status?: readonly DesignationStatus[] | null;
  subjectType?: readonly SubjectType[] | null;
  program?: string | null;
  owner?: readonly string[] | null;
  /** Already normalised with `normalizeForSearch`. */
  text?: string | null;
  updatedSince?: Date | null;
  reviewOverdue?: boolean | null;
}

export interface NewDesignation {
  /** A chosen id (deterministic seeds); generated when omitted. */
  id?: string;
  ownerId: string;
  content: DesignationContent;
  source?: SourceKey;
}

export interface SourceKey {
  sourceList: string;
  sourceReference: string;
  /** Hash of the imported entry, to skip unchanged entries on re-import. */
  sourceHash?: string;
}

/** A designation received from another hub: its content, and the listing facts its origin recorded. */
export interface ReceivedDesignationContent extends DesignationContent {
  delistedAt: Date | null;
  delistingReason: string | null;
  sourceList: string | null;
  sourceReference: string | null;
}


/** What an import needs to know of a designation it made earlier. */
export interface ImportedDesignationState {
  id: string;
  sourceReference: string;
  sourceHash: string | null;
  status: DesignationStatus;
}

/** The nested lists of a designation a page can carry, each fetched only when the query selects it. */
export interface DesignationPageContents {
  aliases: boolean;
  identifiers: boolean;
  addresses: boolean;
  birthDates: boolean;
  provenance: boolean;
  /** The number of matching records across all pages (`totalCount`). */
  total: boolean;
}

/**
 * A designation of a page as the database built it (JSON): the columns GraphQL and the field
 * mask read, and the nested lists the query selected, already in their GraphQL shape.
 * Timestamps are RFC 3339 strings, which the DateTime scalar reads as they are.
 */
export type DesignationPageRow = Omit<DesignationRow, 'primaryNameNormalized' | 'contentDigests' | 'sourceHash' | 'changeSeq' | 'delistedAt' | 'createdAt' | 'updatedAt'> & {
  delistedAt: string | null;
  createdAt: string;
  updatedAt: string;
  aliases?: Pick<DesignationAliasRow, 'name' | 'kind' | 'strength' | 'script'>[];
  identifiers?: Pick<DesignationIdentifierRow, 'type' | 'value' | 'issuingCountry' | 'note'>[];
  addresses?: Pick<DesignationAddressRow, 'street' | 'city' | 'region' | 'postalCode' | 'country'>[];
  birthDates?: Pick<DesignationBirthDateRow, 'date' | 'rangeEnd' | 'approximate' | 'earliest' | 'latest'>[];
  provenance?: Omit<RecordProvenance, 'recordId'> | null;
};

/** Columns of `page` (a page of designations) as JSON members, by the names the row type uses. */
const PAGE_COLUMNS = sql.raw(
  [
    ['id', 'id'],
    ['ownerAgencyId', 'owner_agency_id'],
    ['subjectType', 'subject_type'],
    ['primaryName', 'primary_name'],
    ['nationalities', 'nationalities'],
    ['placesOfBirth', 'places_of_birth'],
    ['programs', 'programs'],
    ['legalBasis', 'legal_basis'],
    ['rationale', 'rationale'],
    ['remarks', 'remarks'],
    ['status', 'status'],
    ['effectiveFrom', 'effective_from'],
    ['sunsetDate', 'sunset_date'],
    ['reviewDueDate', 'review_due_date'],
    ['delistedAt', 'delisted_at'],
    ['delistingReason', 'delisting_reason'],
    ['sourceList', 'source_list'],
    ['sourceReference', 'source_reference'],
    ['marking', 'marking'],
    ['releasableTo', 'releasable_to'],
    ['version', 'version'],
    ['createdAt', 'created_at'],
    ['updatedAt', 'updated_at'],
  ]
    .map(([member, column]) => `'${member}', page.${column}`)
    .join(', '),
);

/**
 * Each nested list of the page's rows as JSON arrays in their stored order: the child rows of
 * the whole page aggregated per designation in one pass (a hash join), which measured about
 * twice as fast as a correlated subquery per row and list. Named by the member it fills.
 */
const childList = (member: string, table: string, element: string) => ({
  member: sql.raw(`'${member}', coalesce(${member}.list, '[]')`),
  join: sql.raw(`LEFT JOIN (SELECT c.designation_id, json_agg(${element} ORDER BY c.position) AS list FROM ${table} c
      WHERE c.designation_id IN (SELECT id FROM page) GROUP BY c.designation_id) ${member} ON ${member}.designation_id = page.id`),
});
const NESTED_LISTS = {
  aliases: childList('aliases', 'designation_aliases', "json_build_object('name', c.name, 'kind', c.kind, 'strength', c.strength, 'script', c.script)"),
  identifiers: childList('identifiers', 'designation_identifiers', "json_build_object('type', c.type, 'value', c.value, 'issuingCountry', c.issuing_country, 'note', c.note)"),
  addresses: childList('addresses', 'designation_addresses', "json_build_object('street', c.street, 'city', c.city, 'region', c.region, 'postalCode', c.postal_code, 'country', c.country)"),
  birthDates: childList('birthDates', 'designation_birth_dates', "json_build_object('date', c.date, 'rangeEnd', c.range_end, 'approximate', c.approximate, 'earliest', c.earliest, 'latest', c.latest)"),
  // At most one live row per record, and rarely any: a lookup per row.
  provenance: {
    member: sql.raw(`'provenance', (SELECT json_build_object('hub', c.received_from_hub, 'origin', c.origin_hub, 'receivedAt', c.received_at, 'bundle', c.bundle_hash, 'hops', c.hops)
      FROM sync_received_records c WHERE c.record_type = 'Designation' AND c.record_id = page.id AND c.withdrawn_at IS NULL LIMIT 1)`),
    join: sql``,
  },
} as const;

/** Where designations keep what the access decision reads. */
export const DESIGNATION_ACCESS_COLUMNS: AccessColumns = {
  owner: designations.ownerAgencyId,
  marking: designations.marking,
  releasableTo: designations.releasableTo,
  conditions: {
    status: oneOf(designations.status),
    subjectType: oneOf(designations.subjectType),
    program: overlaps(designations.programs),
  },
};

const nextVersion = () => ({
  version: sql`${designations.version} + 1`,
  changeSeq: sql`nextval('interlock_change_seq')`,
  updatedAt: sql`now()`,
});

export class DesignationRepository extends ShareableRecordRepository<typeof designations, DesignationQuery> {
  constructor(db: Executor) {
    super(db, designations, 'Designation', DESIGNATION_ACCESS_COLUMNS);
  }

  /** Each filter reads one catalogue field and selects only rows where that field is released. */
  protected filters(access: AccessDecision, query: DesignationQuery): SQL[] {
    const when = (field: string, condition: SQL) => this.whereReleased(access, field, condition);
    const conditions: SQL[] = [];
    if (query.status?.length) conditions.push(when('status', inArray(designations.status, [...query.status])));
    if (query.subjectType?.length) conditions.push(when('subjectType', inArray(designations.subjectType, [...query.subjectType])));
    if (query.owner?.length) conditions.push(inArray(designations.ownerAgencyId, [...query.owner]));
    if (query.program) conditions.push(when('programs', sql`${designations.programs} @> ARRAY[${query.program}]::text[]`));
    if (query.updatedSince) conditions.push(when('updatedAt', gte(designations.updatedAt, query.updatedSince)));
    if (query.reviewOverdue != null) conditions.push(when('reviewDueDate', reviewOverdue(designations.reviewDueDate, query.reviewOverdue)));
    if (query.text) conditions.push(this.nameContains(access, query.text));
    return conditions;
  }

  /**
   * Primary name or any alias contains the words, each looked at only where it is released.
   * The normalised text holds only letters, digits and single spaces, so it needs no LIKE
   * escaping; the trigram GIN indexes serve it.
   */
  private nameContains(access: AccessDecision, normalizedText: string): SQL {
    const pattern = `%${normalizedText}%`;
    const byPrimaryName = this.whereReleased(access, 'primaryName', sql`${designations.primaryNameNormalized} LIKE ${pattern}`);
    const byAlias = this.whereReleased(
      access,
      'aliases',
      sql`${designations.id} IN (
        SELECT ${designationAliases.designationId} FROM ${designationAliases}
        WHERE ${designationAliases.nameNormalized} LIKE ${pattern})`,
    );
    return sql`(${byPrimaryName} OR ${byAlias})`;
  }

  /**
   * One page of the designations `access` may see, with the nested lists `contents` names and,
   * when asked, the total, in one statement: the page and its lists come back as one JSON
   * value built by the database, so no row is mapped in JavaScript. The page is chosen first
   * (row filter, filters, keyset, limit) and only its rows get their lists.
   */
  async findPageWithContents(
    access: AccessDecision,
    query: DesignationQuery,
    page: PageRequest,
    contents: DesignationPageContents,
  ): Promise<{ rows: DesignationPageRow[]; total: number | null }> {
    const [result] = await queryRows<{ rows: DesignationPageRow[] | string; total: number | null }>(
      this.db,
      this.pageStatement(access, query, page, contents),
    );
    const rows = typeof result!.rows === 'string' ? (JSON.parse(result!.rows) as DesignationPageRow[]) : result!.rows;
    return { rows, total: result!.total };
  }

  /** The one statement of `findPageWithContents` (its plan is tested: it walks the key, never sorts every visible row). */
  pageStatement(access: AccessDecision, query: DesignationQuery, page: PageRequest, contents: DesignationPageContents): SQL {
    const matching = and(this.visibleTo(access), ...this.filters(access, query));
    const onPage = page.afterId === null ? matching : and(matching, gt(designations.id, page.afterId));
    const lists = (['aliases', 'identifiers', 'addresses', 'birthDates', 'provenance'] as const).filter((list) => contents[list]).map((list) => NESTED_LISTS[list]);
    const members = [PAGE_COLUMNS, ...lists.map((list) => list.member)];
    const total = contents.total ? sql`(SELECT count(*) FROM ${designations} WHERE ${matching})::int` : sql`NULL::int`;
    return sql`WITH page AS (SELECT * FROM ${designations} WHERE ${onPage} ORDER BY ${designations.id} LIMIT ${page.limit + 1})
        SELECT coalesce(json_agg(json_build_object(${sql.join(members, sql`, `)}) ORDER BY page.id), '[]') AS rows, ${total} AS total
        FROM page ${sql.join(
          lists.map((list) => list.join),
          sql` `,
        )}`;
  }

  aliasesOf(ids: readonly string[]): Promise<DesignationAliasRow[]> {
    return this.db
      .select()
      .from(designationAliases)
      .where(inArray(designationAliases.designationId, [...ids]))
      .orderBy(asc(designationAliases.designationId), asc(designationAliases.position));
  }

  identifiersOf(ids: readonly string[]): Promise<DesignationIdentifierRow[]> {
    return this.db
      .select()
      .from(designationIdentifiers)
      .where(inArray(designationIdentifiers.designationId, [...ids]))
      .orderBy(asc(designationIdentifiers.designationId), asc(designationIdentifiers.position));
  }

  addressesOf(ids: readonly string[]): Promise<DesignationAddressRow[]> {
    return this.db
      .select()
      .from(designationAddresses)
      .where(inArray(designationAddresses.designationId, [...ids]))
      .orderBy(asc(designationAddresses.designationId), asc(designationAddresses.position));
  }

  birthDatesOf(ids: readonly string[]): Promise<DesignationBirthDateRow[]> {
    return this.db
      .select()
      .from(designationBirthDates)
      .where(inArray(designationBirthDates.designationId, [...ids]))
      .orderBy(asc(designationBirthDates.designationId), asc(designationBirthDates.position));
  }

  async insert(ownerId: string, content: DesignationContent, source?: SourceKey): Promise<DesignationRow> {
    const [row] = await this.db
      .insert(designations)
      .values({ ...mainColumns(content), ownerAgencyId: ownerId, ...source })
      .returning();
    if (!row) throw new Error('insert into designations returned no row');
    await this.insertChildren([{ id: row.id, content }]);
    return row;
  }

  /**
   * Inserts many designations with their children in a few statements (seeding, imports).
   * Records whose id already exists are skipped, so re-running a deterministic seed is harmless.
   */
  async insertMany(records: readonly NewDesignation[]): Promise<number> {
    let inserted = 0;
    for (const chunk of chunks(records)) {
      const withIds = chunk.map((r) => ({ ...r, id: r.id ?? randomUUID() }));
      const rows = await insertJsonRows(
        this.db,
        designations,
        withIds.map((r) => ({ ...mainColumns(r.content), ownerAgencyId: r.ownerId, ...r.source, id: r.id })),
        { skipConflictsOn: 'id', returning: 'id' },
      );
      const insertedIds = new Set(rows.map((r) => r.id as string));
      await this.insertChildren(withIds.filter((r) => insertedIds.has(r.id)));
      inserted += rows.length;
    }
    return inserted;
  }

  /** Writes the new content if the row is still at `expectedVersion`; undefined otherwise. */
  async updateIfVersion(id: string, expectedVersion: number, content: DesignationContent): Promise<DesignationRow | undefined> {
    const [row] = await this.db
      .update(designations)
      .set({ ...mainColumns(content), ...nextVersion() })
      .where(and(eq(designations.id, id), eq(designations.version, expectedVersion)))
      .returning();
    if (row) await this.replaceChildren([{ id, content }]);
    return row;
  }

  async delistIfVersion(id: string, expectedVersion: number, reason: string): Promise<DesignationRow | undefined> {
    const [row] = await this.db
      .update(designations)
      .set({ status: 'DELISTED', delistedAt: sql`now()`, delistingReason: reason, ...nextVersion() })
      .where(and(eq(designations.id, id), eq(designations.version, expectedVersion)))
      .returning();
    return row;
  }

  /**
   * Stores a designation received from another hub at its origin's version (sync): inserted, or
   * its content replaced, with every child row and screening key written as for local writes.
   */
  async saveReceived(id: string, ownerId: string, version: number, content: ReceivedDesignationContent): Promise<void> {
    const { delistedAt, delistingReason, sourceList, sourceReference } = content;
    const columns = { ...mainColumns(content), version, delistedAt, delistingReason, sourceList, sourceReference };
    const [held] = await this.db.select({ id: designations.id }).from(designations).where(eq(designations.id, id)).for('update');
    if (held) {
      await this.db
        .update(designations)
        .set({ ...columns, changeSeq: sql`nextval('interlock_change_seq')`, updatedAt: sql`now()` })
        .where(eq(designations.id, id));
      await this.replaceChildren([{ id, content }]);
    } else {
      await this.db.insert(designations).values({ ...columns, id, ownerAgencyId: ownerId });
      await this.insertChildren([{ id, content }]);
    }
  }

  /**
   * `saveReceived` for a whole bundle: new designations in one statement per table (the path
   * imports take), held ones updated in one statement with their children replaced together.
   */
  async saveReceivedMany(items: readonly { id: string; ownerId: string; version: number; content: ReceivedDesignationContent }[]): Promise<void> {
    if (items.length === 0) return;
    const held = new Set(
      (await this.db.select({ id: designations.id }).from(designations).where(inArray(designations.id, items.map((item) => item.id))).for('update')).map((row) => row.id),
    );
    const row = ({ id, ownerId, version, content }: (typeof items)[number]) => ({
      ...mainColumns(content),
      id,
      ownerAgencyId: ownerId,
      version,
      delistedAt: content.delistedAt?.toISOString() ?? null,
      delistingReason: content.delistingReason,
      sourceList: content.sourceList,
      sourceReference: content.sourceReference,
    });
    const fresh = items.filter((item) => !held.has(item.id));
    for (const chunk of chunks(fresh)) {
      await insertJsonRows(this.db, designations, chunk.map(row));
      await this.insertChildren(chunk);
    }
    const changed = items.filter((item) => held.has(item.id));
    // The owner column is left as it is: a received copy keeps the owner it was stored with.
    for (const chunk of chunks(changed)) {
      await updateJsonRows(
        this.db,
        designations,
        'id',
        chunk.map((item) => ({ ...row(item), ownerAgencyId: undefined })),
        { changeSeq: sql`nextval('interlock_change_seq')`, updatedAt: sql`now()` },
      );
    }
    if (changed.length > 0) await this.replaceChildren(changed);
  }

  /** Removes the local copy of a received designation (withdrawn, or no longer storable). */
  async deleteReceived(id: string): Promise<void> {
    await this.db.delete(designations).where(eq(designations.id, id));
  }

  /** Which of `ids` have a designation row, whoever owns it: sync must never overwrite a local record. */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.select({ id: designations.id }).from(designations).where(inArray(designations.id, [...ids]));
    return new Set(rows.map((row) => row.id));
  }

  /** Whether a designation row exists, whoever owns it: sync must never overwrite a local record. */
  async exists(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: designations.id }).from(designations).where(eq(designations.id, id));
    return row !== undefined;
  }

  /** The hub a held designation was received from, or null for this hub's own records. */
  receivedFromHub(id: string): Promise<string | null> {
    return receivedFromHub(this.db, 'Designation', id);
  }

  provenanceOf(ids: readonly string[]): Promise<RecordProvenance[]> {
    return provenanceOf(this.db, 'Designation', ids);
  }

  /** The designations an agency imported from a list, by source reference. */
  async importedFrom(ownerId: string, sourceList: string): Promise<ImportedDesignationState[]> {
    const rows = await this.db
      .select({
        id: designations.id,
        sourceReference: designations.sourceReference,
        sourceHash: designations.sourceHash,
        status: designations.status,
      })
      .from(designations)
      .where(and(eq(designations.ownerAgencyId, ownerId), eq(designations.sourceList, sourceList)));
    return rows.filter((r): r is ImportedDesignationState => r.sourceReference !== null);
  }

  /** Replaces an imported designation's content with a newer edition's (relisting it if it was delisted). */
  async replaceImported(id: string, content: DesignationContent, sourceHash: string): Promise<void> {
    await this.db
      .update(designations)
      .set({ ...mainColumns(content), sourceHash, delistedAt: null, delistingReason: null, ...nextVersion() })
      .where(eq(designations.id, id));
    await this.replaceChildren([{ id, content }]);
  }

  /** Delists designations that a newer edition of their list no longer carries. */
  async delistImported(ids: readonly string[], reason: string): Promise<void> {
    for (const chunk of chunks(ids)) {
      await this.db
        .update(designations)
        .set({ status: 'DELISTED', delistedAt: sql`now()`, delistingReason: reason, ...nextVersion() })
        .where(inArray(designations.id, chunk));
    }
  }

  async replaceChildren(records: readonly { id: string; content: DesignationContent }[]): Promise<void> {
    const ids = records.map((r) => r.id);
    if (ids.length === 0) return;
    await this.db.delete(designationAliases).where(inArray(designationAliases.designationId, ids));
    await this.db.delete(designationIdentifiers).where(inArray(designationIdentifiers.designationId, ids));
    await this.db.delete(designationAddresses).where(inArray(designationAddresses.designationId, ids));
    await this.db.delete(designationBirthDates).where(inArray(designationBirthDates.designationId, ids));
    await this.db.delete(designationScreeningNames).where(inArray(designationScreeningNames.designationId, ids));
    await this.insertChildren(records);
  }

  /**
   * Refreshes the planner's statistics after a bulk change. The embedded database has no
   * autovacuum: without this, the planner of a freshly imported list guesses row counts and
   * scans every name instead of using the trigram indexes.
   */
  /**
   * What autovacuum's analyze would do after `changed` rows were written, for a database that has
   * none (PGlite) and before it comes round (PostgreSQL): fresh statistics once the change exceeds
   * 50 rows and a tenth of the designations the planner knows of (its default thresholds).
   */
  async refreshStatisticsAfter(changed: number): Promise<void> {
    if (changed < 50) return; // below the threshold whatever the table holds: no catalogue read
    const [known] = await queryRows<{ reltuples: number | string }>(this.db, sql`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'designations'::regclass`);
    if (changed >= 50 + 0.1 * Math.max(0, Number(known?.reltuples ?? 0))) await this.refreshStatistics();
  }

  async refreshStatistics(): Promise<void> {
    await this.db.execute(
      sql`ANALYZE designations, designation_aliases, designation_identifiers, designation_addresses, designation_birth_dates, designation_screening_names, screening_name_keys, screening_phonetic_keys, screening_key_tokens, screening_name_tokens`,
    );
  }

  /** Inserts the child rows of many designations with one statement per table. */
  async insertChildren(records: readonly { id: string; content: DesignationContent }[]): Promise<void> {
    const withPosition = <T>(id: string, items: readonly T[]) =>
      items.map((item, position) => ({ ...item, designationId: id, position }));
    const aliases = records.flatMap((r) => withPosition(r.id, r.content.aliases));
    const identifiers = records.flatMap((r) => withPosition(r.id, r.content.identifiers));
    const addresses = records.flatMap((r) => withPosition(r.id, r.content.addresses));
    const birthDates = records.flatMap((r) => withPosition(r.id, r.content.birthDates));
    const screeningNames = records.flatMap((r) => screeningNameRows(r.id, r.content.primaryName, r.content.aliases));
    for (const chunk of chunks(aliases)) await insertJsonRows(this.db, designationAliases, chunk);
    for (const chunk of chunks(identifiers)) await insertJsonRows(this.db, designationIdentifiers, chunk);
    for (const chunk of chunks(addresses)) await insertJsonRows(this.db, designationAddresses, chunk);
    for (const chunk of chunks(birthDates)) await insertJsonRows(this.db, designationBirthDates, chunk);
    for (const chunk of chunks(screeningNames)) await insertJsonRows(this.db, designationScreeningNames, chunk);
  }
}

/** Postgres takes at most 65,535 bound parameters per statement; stay well below. */
const ROWS_PER_STATEMENT = 2_000;
function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) yield rows.slice(i, i + ROWS_PER_STATEMENT);
}

export function mainColumns(content: DesignationContent) {
  return {
    subjectType: content.subjectType,
    primaryName: content.primaryName,
    primaryNameNormalized: normalizeForSearch(content.primaryName),
    contentDigests: { ...contentDigests(content) },
    status: content.status,
    marking: content.marking,
    releasableTo: content.releasableTo,
    nationalities: content.nationalities,
    placesOfBirth: content.placesOfBirth,
    programs: content.programs,
    legalBasis: content.legalBasis,
    rationale: content.rationale,
    remarks: content.remarks,
    effectiveFrom: content.effectiveFrom,
    sunsetDate: content.sunsetDate,
    reviewDueDate: content.reviewDueDate,
  };
}
