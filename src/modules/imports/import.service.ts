import path from 'node:path';
import type { Database } from '../../db/client.ts';
import type { Marking } from '../../db/schema/index.ts';
import { AgencyRepository } from '../agencies/agency.repository.ts';
import { DesignationRepository, type ImportedDesignationState, type NewDesignation } from '../designations/designation.repository.ts';
import { toDesignationContent, type MappedEntry } from './entry-content.ts';
import { hashSource } from './file-hash.ts';
import { ImportRunRepository, type ImportCounts } from './import-run.repository.ts';
import { MalformedInputError, type ImportedEntry, type ImportSource } from './imported-entry.ts';
import { AppError } from '../../lib/errors.ts';

export interface ImportOptions {
  owner: string;
  marking: Marking;
  /** Entries per transaction. */
  batchSize?: number;
  onProgress?: (done: number, label: string) => void;
  /** Tests only: stop as if the process died after this many committed batches. */
  interruptAfterBatches?: number;
}

export interface ImportResult extends ImportCounts {
  list: string;
  snapshot: string | null;
  entries: number;
  resumedFrom: number;
}

export class ImportInterrupted extends Error {}

export class UnknownImportOwnerError extends Error {
  constructor(agency: string) {
    super(`No agency ${JSON.stringify(agency)}: list it in policies/agencies.yaml and run interlock policies apply.`);
    this.name = 'UnknownImportOwnerError';
  }
}

/**
 * Applies a published list to the designations an agency imported from it: new entries are
 * added, changed ones updated, unchanged ones left alone, and entries the file no longer
 * carries delisted. Each batch is one transaction that also records the run's position, so
 * a failed or interrupted import of the same file resumes after its last committed batch,
 * and malformed input leaves the database as it was before the batch it was found in.
 */
export async function importList(db: Database, source: ImportSource, target: string, options: ImportOptions): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 1_000;
  const [unknownOwner] = await new AgencyRepository(db).unknownIds([options.owner]);
  if (unknownOwner) throw new UnknownImportOwnerError(unknownOwner);
  const fileHash = await hashSource(target);
  const runs = new ImportRunRepository(db);
  const run =
    (await runs.unfinished(options.owner, source.list, fileHash)) ??
    (await runs.start({ ownerId: options.owner, list: source.list, snapshot: source.snapshot, fileHash, fileName: path.basename(target) }));
  const counts: ImportCounts = { ...(run.counts as ImportCounts) };
  const known = new Map((await new DesignationRepository(db).importedFrom(options.owner, source.list)).map((d) => [d.sourceReference, d]));
  const seen = new Set<string>();
  let position = 0;
  let batch: { reference: string; mapped: MappedEntry }[] = [];
  let batches = 0;

  const commit = async () => {
    const pending = batch;
    batch = [];
    await db.transaction(async (tx) => {
      const delta = await applyBatch(new DesignationRepository(tx), pending, known, source.list, options.owner);
      counts.added += delta.added;
      counts.updated += delta.updated;
      counts.unchanged += delta.unchanged;
      await new ImportRunRepository(tx).advance(run.id, position, counts);
    });
    options.onProgress?.(position, source.list);
    if (options.interruptAfterBatches !== undefined && ++batches >= options.interruptAfterBatches) {
      throw new ImportInterrupted(`interrupted after ${position} entries`);
    }
  };

  try {
    for await (const entry of source.entries()) {
      if (seen.has(entry.sourceReference)) continue;
      seen.add(entry.sourceReference);
      position++;
      if (position <= run.position) continue;
      batch.push({ reference: entry.sourceReference, mapped: mapEntry(entry, options.marking, target) });
      if (batch.length >= batchSize) await commit();
    }
    if (batch.length > 0) await commit();
    const removed = [...known.values()].filter((d) => !seen.has(d.sourceReference) && d.status !== 'DELISTED');
    await db.transaction(async (tx) => {
      const reason = `No longer on ${source.list}${source.snapshot ? ` as published ${source.snapshot}` : ''}.`;
      await new DesignationRepository(tx).delistImported(removed.map((d) => d.id), reason);
      counts.delisted += removed.length;
      await new ImportRunRepository(tx).finish(run.id, position, counts);
    });
    if (counts.added + counts.updated + counts.delisted > 0) await new DesignationRepository(db).refreshStatistics();
  } catch (error) {
    if (!(error instanceof ImportInterrupted)) await runs.fail(run.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
  return { list: source.list, snapshot: source.snapshot, entries: position, resumedFrom: run.position, ...counts };
}

function mapEntry(entry: ImportedEntry, marking: Marking, target: string): MappedEntry {
  try {
    return toDesignationContent(entry, marking);
  } catch (error) {
    if (error instanceof AppError) {
      throw new MalformedInputError(path.basename(target), `entry ${entry.sourceReference} (at ${entry.position})`, error.message);
    }
    throw error;
  }
}

async function applyBatch(
  repository: DesignationRepository,
  batch: readonly { reference: string; mapped: MappedEntry }[],
  known: Map<string, ImportedDesignationState>,
  list: string,
  owner: string,
) {
  const delta = { added: 0, updated: 0, unchanged: 0 };
  const fresh: NewDesignation[] = [];
  for (const { reference, mapped } of batch) {
    const existing = known.get(reference);
    if (!existing) {
      fresh.push({ ownerId: owner, content: mapped.content, source: { sourceList: list, sourceReference: reference, sourceHash: mapped.hash } });
      delta.added++;
    } else if (existing.sourceHash === mapped.hash && existing.status !== 'DELISTED') {
      delta.unchanged++;
    } else {
      await repository.replaceImported(existing.id, mapped.content, mapped.hash);
      delta.updated++;
    }
  }
  await repository.insertMany(fresh);
  return delta;
}
