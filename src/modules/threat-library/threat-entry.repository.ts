import { and, asc, eq, gte, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
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
import { oneOf, releasedField, visibleRecords, type AccessColumns } from '../../policy/sql.ts';
import { ShareableRecordRepository } from '../../kernel/shareable-record-repository.ts';
import { receivedFromHub } from '../../kernel/received-records.ts';
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
/** Linked control-list entries are records of their own, released by their own owners' agreements. */
const controlListEntryVisibleTo = (access: AccessDecision) =>
  visibleRecords(access, 'ControlListEntry', CONTROL_LIST_ACCESS_COLUMNS);

const nextVersion = () => ({
  version: sql`${threatEntries.version} + 1`,
  changeSeq: sql`nextval('interlock_change_seq')`,
  updatedAt: sql`now()`,
});

export class ThreatEntryRepository extends ShareableRecordRepository<typeof threatEntries, ThreatEntryQuery> {
  constructor(db: Executor) {
    super(db, threatEntries, 'ThreatEntry', THREAT_ENTRY_ACCESS_COLUMNS);
  }

  /** Each filter reads one catalogue field and selects only rows where that field is released. */
  protected filters(access: AccessDecision, query: ThreatEntryQuery): SQL[] {
    const when = (field: string, condition: SQL) => this.whereReleased(access, field, condition);
    const conditions: SQL[] = [];
    if (query.kind?.length) conditions.push(when('kind', inArray(threatEntries.kind, [...query.kind])));
    if (query.status?.length) conditions.push(when('status', inArray(threatEntries.status, [...query.status])));
    if (query.owner?.length) conditions.push(inArray(threatEntries.ownerAgencyId, [...query.owner]));
    if (query.updatedSince) conditions.push(when('updatedAt', gte(threatEntries.updatedAt, query.updatedSince)));
    if (query.controlListEntryId) conditions.push(when('controlListEntries', linkedTo(access, query.controlListEntryId)));
    for (const word of query.words ?? []) conditions.push(this.wordFound(access, word));
    return conditions;
  }

  /**
   * The word in the title or the description, each looked at only where it is released.
   * Normalised words hold only letters and digits, so they need no LIKE escaping; accents in
   * the text must match accents in the search.
   */
  private wordFound(access: AccessDecision, word: string): SQL {
    const pattern = `%${word}%`;
    return or(
      this.whereReleased(access, 'title', ilike(threatEntries.title, pattern)),
      this.whereReleased(access, 'description', ilike(threatEntries.description, pattern)),
    )!;
  }

  /**
   * Active entries the caller may see, each with every control-list entry it links that the
   * caller may also see: what license screening matches items against. Whole rows, so that the
   * caller can decide which of their fields (the links, the codes) are released to it.
   */
  activeEntriesWithLinks(access: AccessDecision): Promise<{ entry: ThreatEntryRow; control: ControlListEntryRow }[]> {
    return this.db
      .select({ entry: threatEntries, control: controlListEntries })
      .from(threatEntries)
      .innerJoin(threatEntryControlLinks, eq(threatEntryControlLinks.threatEntryId, threatEntries.id))
      .innerJoin(controlListEntries, eq(controlListEntries.id, threatEntryControlLinks.controlListEntryId))
      .where(
        and(
          this.whereReleased(access, 'status', eq(threatEntries.status, 'ACTIVE')),
          this.released(access, 'controlListEntries'),
          releasedField(access, 'ControlListEntry', CONTROL_LIST_ACCESS_COLUMNS, 'classificationCode'),
        ),
      );
  }

  /**
   * The control-list entries linked to each threat entry that `access` may see, in link
   * order, with one query; links to withheld entries never leave the database.
   */
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

  /**
   * Stores an entry received from another hub at its origin's version (sync): inserted, or its
   * content replaced. Links to control-list entries do not travel (docs/sync.md §4).
   */
  async saveReceived(id: string, ownerId: string, version: number, content: ReceivedThreatEntryContent): Promise<void> {
    const [held] = await this.db.select({ id: threatEntries.id }).from(threatEntries).where(eq(threatEntries.id, id)).for('update');
    if (held) {
      await this.db
        .update(threatEntries)
        .set({ ...content, version, changeSeq: sql`nextval('interlock_change_seq')`, updatedAt: sql`now()` })
        .where(eq(threatEntries.id, id));
    } else {
      await this.db.insert(threatEntries).values({ ...content, id, version, ownerAgencyId: ownerId });
    }
  }

  /** Removes the local copy of a received entry (withdrawn, or no longer storable). */
  async deleteReceived(id: string): Promise<void> {
    await this.db.delete(threatEntries).where(eq(threatEntries.id, id));
  }

  /** Whether an entry exists, whoever owns it: sync must never overwrite a local record. */
  async exists(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: threatEntries.id }).from(threatEntries).where(eq(threatEntries.id, id));
    return row !== undefined;
  }

  /** The hub a held entry was received from, or null for this hub's own entries. */
  receivedFromHub(id: string): Promise<string | null> {
    return receivedFromHub(this.db, 'ThreatEntry', id);
  }

  private async insertLinks(threatEntryId: string, controlListEntryIds: readonly string[]): Promise<void> {
    if (controlListEntryIds.length === 0) return;
    await this.db
      .insert(threatEntryControlLinks)
      .values(controlListEntryIds.map((controlListEntryId, position) => ({ threatEntryId, controlListEntryId, position })));
  }
}

/** A threat entry as received from another hub: its content without links. */
export type ReceivedThreatEntryContent = Omit<ThreatEntryContent, 'controlListEntryIds'>;

function mainColumns({ controlListEntryIds: _links, ...columns }: ThreatEntryContent) {
  return columns;
}

/** The stored content of a row and its links, the starting point of an update. */
export function contentOf(row: ThreatEntryRow, controlListEntryIds: string[]): ThreatEntryContent {
  const { kind, title, description, indicators, status, marking, releasableTo } = row;
  return { kind, title, description, indicators, status, marking, releasableTo, controlListEntryIds };
}

/**
 * Linked to the control-list entry, if the caller may see that entry: the `controlListEntries`
 * field lists only linked entries the caller may see, and the filter reads no more than it shows.
 */
function linkedTo(access: AccessDecision, controlListEntryId: string): SQL {
  return sql`${threatEntries.id} IN (
    SELECT ${threatEntryControlLinks.threatEntryId} FROM ${threatEntryControlLinks}
    JOIN ${controlListEntries} ON ${controlListEntries.id} = ${threatEntryControlLinks.controlListEntryId}
    WHERE ${threatEntryControlLinks.controlListEntryId} = ${controlListEntryId} AND ${controlListEntryVisibleTo(access)})`;
}
