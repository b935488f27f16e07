import { and, count, desc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type EDITION_BASES, importRuns, type ImportRunRow, type ImportRunStatus } from '../../db/schema/index.ts';

export interface ImportCounts {
  added: number;
  updated: number;
  delisted: number;
  unchanged: number;
}

export type EditionBasis = (typeof EDITION_BASES)[number];

export interface NewImportRun {
  ownerId: string;
  list: string;
  format: string;
  snapshot: string | null;
  edition: string | null;
  editionBasis: EditionBasis | null;
  fileHash: string;
  fileName: string;
  entries?: number | null;
  warnings?: Record<string, number>;
}

/** Runs that stopped part-way: the same file resumes after their last committed batch. */
const RESUMABLE: ImportRunStatus[] = ['RUNNING', 'FAILED', 'CANCELLED', 'INTERRUPTED'];

export class ImportRunRepository {
  constructor(private readonly db: Executor) {}

  /** An unfinished run of the same file for the same owner and list, to resume. */
  async unfinished(ownerId: string, list: string, fileHash: string): Promise<ImportRunRow | undefined> {
    const [run] = await this.db
      .select()
      .from(importRuns)
      .where(and(eq(importRuns.ownerAgencyId, ownerId), eq(importRuns.list, list), eq(importRuns.fileHash, fileHash), inArray(importRuns.status, RESUMABLE)))
      .orderBy(desc(importRuns.id))
      .limit(1);
    return run;
  }

  /** The edition last applied to an owner's list: that of its latest completed run stating one. */
  async lastAppliedEdition(ownerId: string, list: string): Promise<string | null> {
    const [run] = await this.db
      .select({ edition: importRuns.edition })
      .from(importRuns)
      .where(and(eq(importRuns.ownerAgencyId, ownerId), eq(importRuns.list, list), eq(importRuns.status, 'COMPLETED'), isNotNull(importRuns.edition)))
      .orderBy(desc(importRuns.id))
      .limit(1);
    return run?.edition ?? null;
  }

  async start(values: NewImportRun): Promise<ImportRunRow> {
    const [run] = await this.db.insert(importRuns).values(toRow(values)).returning();
    return run!;
  }

  /** A resumed run takes the edition and warnings of the read that resumes it. */
  async resume(id: number, values: NewImportRun): Promise<void> {
    const { format, snapshot, edition, editionBasis, entries, warnings } = toRow(values);
    await this.db.update(importRuns).set({ format, snapshot, edition, editionBasis, entries, warnings, status: 'RUNNING', errorCode: null, error: null }).where(eq(importRuns.id, id));
  }

  /** A run turned down before anything was written, kept so that `importRuns` shows it. */
  async refused(values: NewImportRun, code: string, error: string, counts: ImportCounts): Promise<ImportRunRow> {
    const [run] = await this.db
      .insert(importRuns)
      .values({ ...toRow(values), counts, status: 'REFUSED', errorCode: code, error, finishedAt: new Date() })
      .returning();
    return run!;
  }

  /** A file that failed while it was read through, before anything was written. */
  async failedUnread(values: NewImportRun, code: string, error: string): Promise<void> {
    await this.db.insert(importRuns).values({ ...toRow(values), status: 'FAILED', errorCode: code, error, finishedAt: new Date() });
  }

  async advance(id: number, position: number, counts: ImportCounts): Promise<void> {
    await this.db.update(importRuns).set({ position, counts, status: 'RUNNING', error: null }).where(eq(importRuns.id, id));
  }

  async finish(id: number, position: number, counts: ImportCounts): Promise<void> {
    await this.db.update(importRuns).set({ position, counts, status: 'COMPLETED', finishedAt: new Date() }).where(eq(importRuns.id, id));
  }

  async stop(id: number, status: 'FAILED' | 'CANCELLED' | 'INTERRUPTED', code: string, error: string): Promise<void> {
    await this.db.update(importRuns).set({ status, errorCode: code, error, finishedAt: new Date() }).where(eq(importRuns.id, id));
  }

  /** One owner's runs, newest first, optionally of one list; `beforeId` pages on. */
  async page(ownerId: string, filter: { list?: string | null; beforeId?: number | null; limit: number }): Promise<ImportRunRow[]> {
    return this.db
      .select()
      .from(importRuns)
      .where(and(...ownerScope(ownerId, filter.list), filter.beforeId == null ? undefined : lt(importRuns.id, filter.beforeId)))
      .orderBy(desc(importRuns.id))
      .limit(filter.limit);
  }

  /** The latest runs, of every owner or one, for `interlock import status` (an operator's view). */
  async recent(filter: { ownerId: string | null; list: string | null; limit: number }): Promise<ImportRunRow[]> {
    return this.db
      .select()
      .from(importRuns)
      .where(and(filter.ownerId ? eq(importRuns.ownerAgencyId, filter.ownerId) : undefined, filter.list ? eq(importRuns.list, filter.list) : undefined))
      .orderBy(desc(importRuns.id))
      .limit(filter.limit);
  }

  async count(ownerId: string, list?: string | null): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(importRuns).where(and(...ownerScope(ownerId, list)));
    return row?.n ?? 0;
  }
}

const ownerScope = (ownerId: string, list?: string | null) => [eq(importRuns.ownerAgencyId, ownerId), list ? eq(importRuns.list, list) : undefined];

const toRow = (values: NewImportRun) => ({
  ownerAgencyId: values.ownerId,
  list: values.list,
  format: values.format,
  snapshot: values.snapshot,
  edition: values.edition,
  editionBasis: values.editionBasis,
  fileHash: values.fileHash,
  fileName: values.fileName,
  entries: values.entries ?? null,
  warnings: values.warnings ?? {},
  counts: zeroCounts(),
});

export const zeroCounts = (): ImportCounts => ({ added: 0, updated: 0, delisted: 0, unchanged: 0 });
