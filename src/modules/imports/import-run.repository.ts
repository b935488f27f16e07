import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { importRuns, type ImportRunRow } from '../../db/schema/index.ts';

export interface ImportCounts {
  added: number;
  updated: number;
  delisted: number;
  unchanged: number;
}

export class ImportRunRepository {
  constructor(private readonly db: Executor) {}

  /** An unfinished run of the same file for the same owner and list, to resume. */
  async unfinished(ownerId: string, list: string, fileHash: string): Promise<ImportRunRow | undefined> {
    const [run] = await this.db
      .select()
      .from(importRuns)
      .where(
        and(
          eq(importRuns.ownerAgencyId, ownerId),
          eq(importRuns.list, list),
          eq(importRuns.fileHash, fileHash),
          inArray(importRuns.status, ['RUNNING', 'FAILED']),
        ),
      )
      .orderBy(desc(importRuns.id))
      .limit(1);
    return run;
  }

  async start(values: { ownerId: string; list: string; snapshot: string | null; fileHash: string; fileName: string }): Promise<ImportRunRow> {
    const [run] = await this.db
      .insert(importRuns)
      .values({ ownerAgencyId: values.ownerId, list: values.list, snapshot: values.snapshot, fileHash: values.fileHash, fileName: values.fileName, counts: zeroCounts() })
      .returning();
    return run!;
  }

  async advance(id: number, position: number, counts: ImportCounts): Promise<void> {
    await this.db.update(importRuns).set({ position, counts, status: 'RUNNING', error: null }).where(eq(importRuns.id, id));
  }

  async finish(id: number, position: number, counts: ImportCounts): Promise<void> {
    await this.db.update(importRuns).set({ position, counts, status: 'COMPLETED', finishedAt: new Date() }).where(eq(importRuns.id, id));
  }

  async fail(id: number, error: string): Promise<void> {
    await this.db.update(importRuns).set({ status: 'FAILED', error }).where(eq(importRuns.id, id));
  }
}

const zeroCounts = (): ImportCounts => ({ added: 0, updated: 0, delisted: 0, unchanged: 0 });
