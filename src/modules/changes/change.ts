import type { RecordType } from '../../policy/catalogue.ts';
import type { ShareableRecord } from '../../policy/decision.ts';
import type { Viewer } from '../../policy/viewer.ts';

/** A row of one of the shareable record tables, as its repository returns it. */
export interface ShareableRow extends ShareableRecord {
  readonly id: string;
  readonly version: number;
}

/** The rows among `ids` of one record type the viewer may see now: each capability's `visibleByIds`. */
export type RecordSources = Readonly<Record<RecordType, (viewer: Viewer, ids: readonly string[]) => Promise<readonly ShareableRow[]>>>;

/** One entry of a caller's change feed. */
export interface Change {
  readonly kind: 'UPSERT' | 'WITHDRAWAL';
  readonly type: RecordType;
  readonly id: string;
  readonly owner: string;
  /** UPSERT: the record's version now. WITHDRAWAL: the last version the caller could have held. */
  readonly version: number;
  /** UPSERT: the row as it is now (release it field by field with `releasedFields`); WITHDRAWAL: null. */
  readonly record: ShareableRow | null;
  /** UPSERT: the fields of `record` released to the caller, exactly as a query of it would release them. */
  readonly releasedFields: ReadonlySet<string> | null;
}

export interface ChangesPage {
  readonly changes: readonly Change[];
  /** Opaque; pass it as `after` for the next page. */
  readonly cursor: string;
  /** Whether another page is ready now. */
  readonly hasMore: boolean;
}

export function upsertOf(viewer: Viewer, type: RecordType, row: ShareableRow): Change {
  return {
    kind: 'UPSERT',
    type,
    id: row.id,
    owner: row.ownerAgencyId,
    version: row.version,
    record: row,
    releasedFields: viewer.access.releasedFields(type, row),
  };
}

export function withdrawalOf(type: RecordType, id: string, owner: string, version: number): Change {
  return { kind: 'WITHDRAWAL', type, id, owner, version, record: null, releasedFields: null };
}
