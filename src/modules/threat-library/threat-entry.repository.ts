import { and, asc, count, eq, gt, gte, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  controlListEntries,
  threatEntries,
  threatEntryControlLinks,
  type ControlListEntryRow,
  type ThreatEntryKind,
  type ThreatEntryRow,
  type ThreatEntryStatus,
} from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, visibleRecords, type AccessColumns } from '../../policy/sql.ts';
import type { PageRequest } from '../../kernel/cursor.ts';
import { CONTROL_LIST_ACCESS_COLUMNS } from '../control-list/control-list.repository.ts';
import type { ThreatEntryContent } from './threat-entry.validation.ts';

export interface ThreatEntryQuery {
  kind?: readonly ThreatEntryKind[] | null;
  status?: readonly ThreatEntryStatus[] | null;
  owner?: readonly string[] | null;
  /** Normalised with `normalizeForSearch`, split into words. */
  words?: readonly string[] | null;
  /** A UUID, checked by the caller. */
  controlListEntryId?: string | null;
  updatedSince?: Date | null;
}

/** A linked control-list entry with the threat entry that links it. */
export interface LinkedControlListEntry {
  threatEntryId: string;
  entry: ControlListEntryRow;
}

/** Where threat entries keep what the access decision reads. */
export const THREAT_ENTRY_ACCESS_COLUMNS: AccessColumns = {
  owner: threatEntries.ownerAgencyId,
  marking: threatEntries.marking,
  releasableTo: threatEntries.releasableTo,
  conditions: {
    status: oneOf(threatEntries.status),
    kind: oneOf(threatEntries.kind),
  },
};
const visibleTo = (access: AccessDecision) => visibleRecords(access, 'ThreatEntry', THREAT_ENTRY_ACCESS_COLUMNS);
/** Linked control-list entries are records of their own, released by their own owners' agreements. */
const controlListEntryVisibleTo = (access: AccessDecision) =>
  visibleRecords(access, 'ControlListEntry', CONTROL_LIST_ACCESS_COLUMNS);

const nextVersion = () => ({
  version: sql`${threatEntries.version} + 1`,
  changeSeq: sql`nextval('interlock_change_seq')`,
  updatedAt: sql`now()`,
});

export class ThreatEntryRepository {
  constructor(private readonly db: Executor) {}

  /** One page of the entries `access` may see; invisible ones never leave the database. */
  findPage(access: AccessDecision, query: ThreatEntryQuery, page: PageRequest): Promise<ThreatEntryRow[]> {
    const conditions = [visibleTo(access), ...filterConditions(query)];
    if (page.afterPosition !== null) conditions.push(gt(threatEntries.changeSeq, page.afterPosition));
    return this.db
      .select()
      .from(threatEntries)
      .where(and(...conditions))
      .orderBy(asc(threatEntries.changeSeq))
      .limit(page.limit + 1);
  }

  async count(access: AccessDecision, query: ThreatEntryQuery): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(threatEntries)
      .where(and(visibleTo(access), ...filterConditions(query)));
    return row?.total ?? 0;
  }

  /** The entry if `access` may see it: an unknown id and a withheld one look the same. */
  /** The records among `ids` that `access` may see (unknown or withheld ids are left out). */
  findByIds(access: AccessDecision, ids: readonly string[]): Promise<ThreatEntryRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.select().from(threatEntries).where(and(inArray(threatEntries.id, [...ids]), visibleTo(access)));
  }

  async findById(access: AccessDecision, id: string): Promise<ThreatEntryRow | undefined> {
    const [row] = await this.db.select().from(threatEntries).where(and(eq(threatEntries.id, id), visibleTo(access)));
    return row;
  }

  /** Like findById, and locks the row for the rest of the transaction so a concurrent writer waits. */
  async findByIdForUpdate(access: AccessDecision, id: string): Promise<ThreatEntryRow | undefined> {
    const [row] = await this.db
      .select()
      .from(threatEntries)
      .where(and(eq(threatEntries.id, id), visibleTo(access)))
      .for('update');
    return row;
  }

  /**
   * The control-list entries linked to each threat entry that `access` may see, in link
   * order, with one query; links to withheld entries never leave the database.
   */
  /**
   * Active entries the caller may see with the classification codes they are linked to (through
   * control-list entries it may also see): what license screening matches items against.
   */
  activeEntriesByClassification(access: AccessDecision): Promise<{ id: string; title: string; kind: ThreatEntryKind; classificationCode: string }[]> {
    return this.db
      .select({ id: threatEntries.id, title: threatEntries.title, kind: threatEntries.kind, classificationCode: controlListEntries.classificationCode })
      .from(threatEntries)
      .innerJoin(threatEntryControlLinks, eq(threatEntryControlLinks.threatEntryId, threatEntries.id))
      .innerJoin(controlListEntries, eq(controlListEntries.id, threatEntryControlLinks.controlListEntryId))
      .where(and(eq(threatEntries.status, 'ACTIVE'), visibleTo(access), controlListEntryVisibleTo(access)));
  }

  linkedControlListEntriesOf(access: AccessDecision, threatEntryIds: readonly string[]): Promise<LinkedControlListEntry[]> {
    return this.db
      .select({ threatEntryId: threatEntryControlLinks.threatEntryId, entry: controlListEntries })
      .from(threatEntryControlLinks)
      .innerJoin(controlListEntries, eq(controlListEntries.id, threatEntryControlLinks.controlListEntryId))
      .where(and(inArray(threatEntryControlLinks.threatEntryId, [...threatEntryIds]), controlListEntryVisibleTo(access)))
      .orderBy(asc(threatEntryControlLinks.threatEntryId), asc(threatEntryControlLinks.position));
  }

  async linkedIdsOf(threatEntryId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: threatEntryControlLinks.controlListEntryId })
      .from(threatEntryControlLinks)
      .where(eq(threatEntryControlLinks.threatEntryId, threatEntryId))
      .orderBy(asc(threatEntryControlLinks.position));
    return rows.map((r) => r.id);
  }

  /**
   * Ids among `ids` (UUIDs) that name no control-list entry `access` may see: an unknown
   * entry and a withheld one look the same.
   */
  async unknownControlListEntryIds(access: AccessDecision, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = await this.db
      .select({ id: controlListEntries.id })
      .from(controlListEntries)
      .where(and(inArray(controlListEntries.id, [...ids]), controlListEntryVisibleTo(access)));
    const known = new Set(found.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  async insert(ownerId: string, content: ThreatEntryContent): Promise<ThreatEntryRow> {
    const [row] = await this.db
      .insert(threatEntries)
      .values({ ...mainColumns(content), ownerAgencyId: ownerId })
      .returning();
    if (!row) throw new Error('insert into threat_entries returned no row');
    await this.insertLinks(row.id, content.controlListEntryIds);
    return row;
  }

  /** Writes the new content if the row is still at `expectedVersion`; undefined otherwise. */
  async updateIfVersion(
    id: string,
    expectedVersion: number,
    content: ThreatEntryContent,
    { replaceLinks }: { replaceLinks: boolean },
  ): Promise<ThreatEntryRow | undefined> {
    const [row] = await this.db
      .update(threatEntries)
      .set({ ...mainColumns(content), ...nextVersion() })
      .where(and(eq(threatEntries.id, id), eq(threatEntries.version, expectedVersion)))
      .returning();
    if (row && replaceLinks) {
      await this.db.delete(threatEntryControlLinks).where(eq(threatEntryControlLinks.threatEntryId, id));
      await this.insertLinks(id, content.controlListEntryIds);
    }
    return row;
  }

  private async insertLinks(threatEntryId: string, controlListEntryIds: readonly string[]): Promise<void> {
    if (controlListEntryIds.length === 0) return;
    await this.db
      .insert(threatEntryControlLinks)
      .values(controlListEntryIds.map((controlListEntryId, position) => ({ threatEntryId, controlListEntryId, position })));
  }
}

function mainColumns({ controlListEntryIds: _links, ...columns }: ThreatEntryContent) {
  return columns;
}

/** The stored content of a row and its links, the starting point of an update. */
export function contentOf(row: ThreatEntryRow, controlListEntryIds: string[]): ThreatEntryContent {
  const { kind, title, description, indicators, status, marking, releasableTo } = row;
  return { kind, title, description, indicators, status, marking, releasableTo, controlListEntryIds };
}

function filterConditions(query: ThreatEntryQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.kind?.length) conditions.push(inArray(threatEntries.kind, [...query.kind]));
  if (query.status?.length) conditions.push(inArray(threatEntries.status, [...query.status]));
  if (query.owner?.length) conditions.push(inArray(threatEntries.ownerAgencyId, [...query.owner]));
  if (query.updatedSince) conditions.push(gte(threatEntries.updatedAt, query.updatedSince));
  if (query.controlListEntryId) conditions.push(linkedTo(query.controlListEntryId));
  for (const word of query.words ?? []) conditions.push(wordFound(word));
  return conditions;
}

/**
 * The word in the title or the description. Normalised words hold only letters and digits,
 * so they need no LIKE escaping; accents in the text must match accents in the search.
 */
function wordFound(word: string): SQL {
  const pattern = `%${word}%`;
  return or(ilike(threatEntries.title, pattern), ilike(threatEntries.description, pattern)) ?? sql`false`;
}

function linkedTo(controlListEntryId: string): SQL {
  return sql`${threatEntries.id} IN (
    SELECT ${threatEntryControlLinks.threatEntryId} FROM ${threatEntryControlLinks}
    WHERE ${threatEntryControlLinks.controlListEntryId} = ${controlListEntryId})`;
}
