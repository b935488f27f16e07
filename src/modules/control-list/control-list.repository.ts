import { and, asc, count, eq, gt, gte, ilike, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { controlListEntries, type ControlEntryStatus, type ControlListEntryRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, visibleRecords, type AccessColumns } from '../../policy/sql.ts';
import type { PageRequest } from '../../kernel/cursor.ts';
import type { ControlListEntryContent, ControlListSearch } from './control-list.validation.ts';

export interface ControlListQuery {
  status?: readonly ControlEntryStatus[] | null;
  owner?: readonly string[] | null;
  search?: ControlListSearch | null;
  provisional?: boolean | null;
  updatedSince?: Date | null;
}

/** Where control-list entries keep what the access decision reads. */
export const CONTROL_LIST_ACCESS_COLUMNS: AccessColumns = {
  owner: controlListEntries.ownerAgencyId,
  marking: controlListEntries.marking,
  releasableTo: controlListEntries.releasableTo,
  conditions: {
    status: oneOf(controlListEntries.status),
  },
};
const visibleTo = (access: AccessDecision) => visibleRecords(access, 'ControlListEntry', CONTROL_LIST_ACCESS_COLUMNS);

const nextVersion = () => ({
  version: sql`${controlListEntries.version} + 1`,
  changeSeq: sql`nextval('interlock_change_seq')`,
  updatedAt: sql`now()`,
});

export class ControlListRepository {
  constructor(private readonly db: Executor) {}

  /** One page of the entries `access` may see; invisible ones never leave the database. */
  findPage(access: AccessDecision, query: ControlListQuery, page: PageRequest): Promise<ControlListEntryRow[]> {
    const conditions = [visibleTo(access), ...filterConditions(query)];
    if (page.afterPosition !== null) conditions.push(gt(controlListEntries.changeSeq, page.afterPosition));
    return this.db
      .select()
      .from(controlListEntries)
      .where(and(...conditions))
      .orderBy(asc(controlListEntries.changeSeq))
      .limit(page.limit + 1);
  }

  async count(access: AccessDecision, query: ControlListQuery): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(controlListEntries)
      .where(and(visibleTo(access), ...filterConditions(query)));
    return row?.total ?? 0;
  }

  /** The entry if `access` may see it: an unknown id and a withheld one look the same. */
  /** The records among `ids` that `access` may see (unknown or withheld ids are left out). */
  findByIds(access: AccessDecision, ids: readonly string[]): Promise<ControlListEntryRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.select().from(controlListEntries).where(and(inArray(controlListEntries.id, [...ids]), visibleTo(access)));
  }

  async findById(access: AccessDecision, id: string): Promise<ControlListEntryRow | undefined> {
    const [row] = await this.db
      .select()
      .from(controlListEntries)
      .where(and(eq(controlListEntries.id, id), visibleTo(access)));
    return row;
  }

  /** Like findById, and locks the row for the rest of the transaction so a concurrent writer waits. */
  async findByIdForUpdate(access: AccessDecision, id: string): Promise<ControlListEntryRow | undefined> {
    const [row] = await this.db
      .select()
      .from(controlListEntries)
      .where(and(eq(controlListEntries.id, id), visibleTo(access)))
      .for('update');
    return row;
  }

  /** Whether the agency has another entry with this code (`exceptId`: the entry being changed). */
  async codeTaken(ownerId: string, classificationCode: string, exceptId?: string): Promise<boolean> {
    const conditions = [
      eq(controlListEntries.ownerAgencyId, ownerId),
      eq(controlListEntries.classificationCode, classificationCode),
    ];
    if (exceptId) conditions.push(ne(controlListEntries.id, exceptId));
    const [row] = await this.db
      .select({ id: controlListEntries.id })
      .from(controlListEntries)
      .where(and(...conditions))
      .limit(1);
    return row !== undefined;
  }

  async insert(ownerId: string, content: ControlListEntryContent): Promise<ControlListEntryRow> {
    const [row] = await this.db
      .insert(controlListEntries)
      .values({ ...content, ownerAgencyId: ownerId })
      .returning();
    if (!row) throw new Error('insert into control_list_entries returned no row');
    return row;
  }

  /** Writes the new content if the row is still at `expectedVersion`; undefined otherwise. */
  async updateIfVersion(
    id: string,
    expectedVersion: number,
    content: ControlListEntryContent,
  ): Promise<ControlListEntryRow | undefined> {
    const [row] = await this.db
      .update(controlListEntries)
      .set({ ...content, ...nextVersion() })
      .where(and(eq(controlListEntries.id, id), eq(controlListEntries.version, expectedVersion)))
      .returning();
    return row;
  }
}

/** The stored content of a row, the starting point of an update. */
export function contentOf(row: ControlListEntryRow): ControlListEntryContent {
  const { classificationCode, title, description, controlReasons, status, provisional } = row;
  const { sunsetDate, reviewDate, marking, releasableTo } = row;
  return { classificationCode, title, description, controlReasons, status, provisional, sunsetDate, reviewDate, marking, releasableTo };
}

function filterConditions(query: ControlListQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.status?.length) conditions.push(inArray(controlListEntries.status, [...query.status]));
  if (query.owner?.length) conditions.push(inArray(controlListEntries.ownerAgencyId, [...query.owner]));
  if (query.provisional != null) conditions.push(eq(controlListEntries.provisional, query.provisional));
  if (query.updatedSince) conditions.push(gte(controlListEntries.updatedAt, query.updatedSince));
  if (query.search) conditions.push(codeOrTitleMatches(query.search));
  return conditions;
}

/**
 * Code starts with the prefix, or the title holds every word. Neither needs LIKE escaping:
 * a prefix holds only [0-9A-Z.-] and normalised words only letters and digits. ILIKE on
 * the raw title is served by its trigram index; the price is that accents in titles must
 * match accents in the search.
 */
function codeOrTitleMatches({ codePrefix, titleWords }: ControlListSearch): SQL {
  const alternatives: (SQL | undefined)[] = [];
  if (codePrefix) alternatives.push(like(controlListEntries.classificationCode, `${codePrefix}%`));
  if (titleWords.length > 0) alternatives.push(and(...titleWords.map((word) => ilike(controlListEntries.title, `%${word}%`))));
  return or(...alternatives) ?? sql`false`;
}
