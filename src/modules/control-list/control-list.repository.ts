import { and, eq, gte, ilike, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { controlListEntries, type ControlEntryStatus, type ControlListEntryRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, type AccessColumns } from '../../policy/sql.ts';
import { reviewOverdue, ShareableRecordRepository } from '../../kernel/shareable-record-repository.ts';
import { receivedFromHub } from '../../kernel/received-records.ts';
import type { ControlListEntryContent, ControlListSearch } from './control-list.validation.ts';

export interface ControlListQuery {
  status?: readonly ControlEntryStatus[] | null;
  owner?: readonly string[] | null;
  search?: ControlListSearch | null;
  provisional?: boolean | null;
  updatedSince?: Date | null;
  reviewOverdue?: boolean | null;
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

const nextVersion = () => ({
  version: sql`${controlListEntries.version} + 1`,
  changeSeq: sql`nextval('interlock_change_seq')`,
  updatedAt: sql`now()`,
});

export class ControlListRepository extends ShareableRecordRepository<typeof controlListEntries, ControlListQuery> {
  constructor(db: Executor) {
    super(db, controlListEntries, 'ControlListEntry', CONTROL_LIST_ACCESS_COLUMNS);
  }

  /** Each filter reads one catalogue field and selects only rows where that field is released. */
  protected filters(access: AccessDecision, query: ControlListQuery): SQL[] {
    const when = (field: string, condition: SQL) => this.whereReleased(access, field, condition);
    const conditions: SQL[] = [];
    if (query.status?.length) conditions.push(when('status', inArray(controlListEntries.status, [...query.status])));
    if (query.owner?.length) conditions.push(inArray(controlListEntries.ownerAgencyId, [...query.owner]));
    if (query.provisional != null) conditions.push(when('provisional', eq(controlListEntries.provisional, query.provisional)));
    if (query.updatedSince) conditions.push(when('updatedAt', gte(controlListEntries.updatedAt, query.updatedSince)));
    if (query.reviewOverdue != null) conditions.push(when('reviewDate', reviewOverdue(controlListEntries.reviewDate, query.reviewOverdue)));
    if (query.search) conditions.push(this.codeOrTitleMatches(access, query.search));
    return conditions;
  }

  /**
   * Code starts with the prefix, or the title holds every word, each looked at only where it
   * is released. Neither needs LIKE escaping: a prefix holds only [0-9A-Z.-] and normalised
   * words only letters and digits. ILIKE on the raw title is served by its trigram index; the
   * price is that accents in titles must match accents in the search.
   */
  private codeOrTitleMatches(access: AccessDecision, { codePrefix, titleWords }: ControlListSearch): SQL {
    const alternatives: SQL[] = [];
    if (codePrefix) {
      alternatives.push(this.whereReleased(access, 'classificationCode', like(controlListEntries.classificationCode, `${codePrefix}%`)));
    }
    if (titleWords.length > 0) {
      alternatives.push(this.whereReleased(access, 'title', and(...titleWords.map((word) => ilike(controlListEntries.title, `%${word}%`)))!));
    }
    return or(...alternatives) ?? sql`false`;
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

  /** Stores an entry received from another hub at its origin's version (sync): inserted, or its content replaced. */
  async saveReceived(id: string, ownerId: string, version: number, content: ControlListEntryContent): Promise<void> {
    const [held] = await this.db.select({ id: controlListEntries.id }).from(controlListEntries).where(eq(controlListEntries.id, id)).for('update');
    if (held) {
      await this.db
        .update(controlListEntries)
        .set({ ...content, version, changeSeq: sql`nextval('interlock_change_seq')`, updatedAt: sql`now()` })
        .where(eq(controlListEntries.id, id));
    } else {
      await this.db.insert(controlListEntries).values({ ...content, id, version, ownerAgencyId: ownerId });
    }
  }

  /** Removes the local copy of a received entry (withdrawn, or no longer storable). */
  async deleteReceived(id: string): Promise<void> {
    await this.db.delete(controlListEntries).where(eq(controlListEntries.id, id));
  }

  /** Whether an entry exists, whoever owns it: sync must never overwrite a local record. */
  async exists(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: controlListEntries.id }).from(controlListEntries).where(eq(controlListEntries.id, id));
    return row !== undefined;
  }

  /** The hub a held entry was received from, or null for this hub's own entries. */
  receivedFromHub(id: string): Promise<string | null> {
    return receivedFromHub(this.db, 'ControlListEntry', id);
  }
}

/** The stored content of a row, the starting point of an update. */
export function contentOf(row: ControlListEntryRow): ControlListEntryContent {
  const { classificationCode, title, description, controlReasons, status, provisional } = row;
  const { sunsetDate, reviewDate, marking, releasableTo } = row;
  return { classificationCode, title, description, controlReasons, status, provisional, sunsetDate, reviewDate, marking, releasableTo };
}
