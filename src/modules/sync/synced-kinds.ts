/**
 * The record types that travel between hubs, and what sync needs of each (docs/sync.md §3–4):
 * on the serving side the values its origin signs, on the receiving side how the released values
 * are checked and stored through the type's own repository (so its change feed, screening keys
 * and so on follow as for local writes). Everything else — proofs, digests, hop chains, versions,
 * tombstones — is the same for every type.
 */
import type { Executor } from '../../db/client.ts';
import type { ControlListEntryRow, DesignationRow, ThreatEntryRow } from '../../db/schema/index.ts';
import type { RecordType } from '../../policy/catalogue.ts';
import type { ShareableRow } from '../changes/change.ts';
import { ControlListRepository } from '../control-list/control-list.repository.ts';
import { DesignationRepository } from '../designations/designation.repository.ts';
import { ThreatEntryRepository } from '../threat-library/threat-entry.repository.ts';
import { designationChildren, designationValues } from './designation-values.ts';
import { controlListEntryValues, receivedControlListEntry, receivedThreatEntry, threatEntryValues } from './library-records.ts';
import { receivedDesignation } from './received-designation.ts';

/** Released values read back: content to store, too little to keep a copy by, or what is wrong. */
export type Received<Content> = { readonly storable: true; readonly content: Content } | { readonly storable: false } | { readonly problem: string };

export interface SyncedKind {
  /** Serving: the values the origin signs, for a page of this hub's own rows of the type. */
  values(db: Executor, rows: readonly ShareableRow[]): Promise<Map<string, Record<string, unknown>>>;
  /** Serving: the version is a tombstone (a delisting at the origin). */
  deleted(row: ShareableRow): boolean;
  /** Applying: the released values, checked. */
  parse(values: Readonly<Record<string, unknown>>): Received<unknown>;
  /** Applying: which of `ids` have a row here, whoever owns it. */
  existing(db: Executor, ids: readonly string[]): Promise<Set<string>>;
  /** Applying: stores versions (a tombstone keeps what was released, as the type marks a delisting). */
  saveMany(db: Executor, items: readonly Stored[]): Promise<void>;
  /** Applying: drops the local copy (withdrawn, or no longer storable). */
  remove(db: Executor, id: string): Promise<void>;
}

/** One received version to store. */
export interface Stored {
  readonly id: string;
  readonly owner: string;
  readonly version: number;
  readonly content: unknown;
  /** A tombstone (deleted at its origin), received in a bundle signed at `at`. */
  readonly tombstone: { readonly deleted: boolean; readonly at: Date };
}

/** One by one, for types that travel in small numbers. */
const existingOneByOne = (exists: (db: Executor, id: string) => Promise<boolean>) => async (db: Executor, ids: readonly string[]) => {
  const found = new Set<string>();
  for (const id of ids) if (await exists(db, id)) found.add(id);
  return found;
};

const byId = <Row extends ShareableRow>(rows: readonly ShareableRow[], valuesOf: (row: Row) => Record<string, unknown>) =>
  new Map(rows.map((row) => [row.id, valuesOf(row as Row)]));

type DesignationContent = Extract<ReturnType<typeof receivedDesignation>, { storable: true }>['content'];

const designation: SyncedKind = {
  async values(db, rows) {
    const children = await designationChildren(db, rows.map((row) => row.id));
    return byId<DesignationRow>(rows, (row) => designationValues(row, children.get(row.id)));
  },
  deleted: (row) => (row as DesignationRow).status === 'DELISTED',
  parse: receivedDesignation,
  existing: (db, ids) => new DesignationRepository(db).existingIds(ids),
  async saveMany(db, items) {
    await new DesignationRepository(db).saveReceivedMany(
      items.map(({ id, owner, version, content, tombstone }) => {
        const received = content as DesignationContent;
        const stored = tombstone.deleted ? { ...received, status: 'DELISTED' as const, delistedAt: received.delistedAt ?? tombstone.at } : received;
        return { id, ownerId: owner, version, content: stored };
      }),
    );
  },
  remove: (db, id) => new DesignationRepository(db).deleteReceived(id),
};

const threatEntry: SyncedKind = {
  values: async (_db, rows) => byId<ThreatEntryRow>(rows, threatEntryValues),
  // Threat entries are retired, never deleted: every version is live.
  deleted: () => false,
  parse: receivedThreatEntry,
  existing: existingOneByOne((db, id) => new ThreatEntryRepository(db).exists(id)),
  async saveMany(db, items) {
    for (const { id, owner, version, content } of items) {
      await new ThreatEntryRepository(db).saveReceived(id, owner, version, content as Parameters<ThreatEntryRepository['saveReceived']>[3]);
    }
  },
  remove: (db, id) => new ThreatEntryRepository(db).deleteReceived(id),
};

const controlListEntry: SyncedKind = {
  values: async (_db, rows) => byId<ControlListEntryRow>(rows, controlListEntryValues),
  // Control-list entries are revoked or superseded, never deleted: every version is live.
  deleted: () => false,
  parse: receivedControlListEntry,
  existing: existingOneByOne((db, id) => new ControlListRepository(db).exists(id)),
  async saveMany(db, items) {
    for (const { id, owner, version, content } of items) {
      await new ControlListRepository(db).saveReceived(id, owner, version, content as Parameters<ControlListRepository['saveReceived']>[3]);
    }
  },
  remove: (db, id) => new ControlListRepository(db).deleteReceived(id),
};

/** What a hub serves and receives; any other type in a bundle is `unsupported_type`. */
export const SYNCED_KINDS: Readonly<Partial<Record<RecordType, SyncedKind>>> = {
  Designation: designation,
  ThreatEntry: threatEntry,
  ControlListEntry: controlListEntry,
};

export const SYNC_RECORD_TYPES = Object.keys(SYNCED_KINDS) as RecordType[];
