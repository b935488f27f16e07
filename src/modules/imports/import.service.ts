import path from 'node:path';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import type { Marking } from '../../db/schema/index.ts';
import { AgencyRepository } from '../agencies/agency.repository.ts';
import { DesignationRepository, type ImportedDesignationState, type NewDesignation } from '../designations/designation.repository.ts';
import type { MappedEntry } from './entry-content.ts';
import { hashSource } from './file-hash.ts';
import { editionOf, planImport, refusalOf } from './import-plan.ts';
import { ImportRunRepository, zeroCounts, type EditionBasis, type ImportCounts, type NewImportRun } from './import-run.repository.ts';
import { mapEntry, scanEntries } from './import-scan.ts';
import { ImportError, ImportErrors } from './import.errors.ts';
import { MalformedInputError, type ImportSource } from './imported-entry.ts';

export interface ImportOptions {
  owner: string;
  marking: Marking;
  /** The format name the file is read as, for the record. */
  format?: string;
  /** The edition of a file that states none (OFAC CSV, Canada SEMA), `YYYY-MM-DD`. */
  edition?: string | null;
  allowOlderEdition?: boolean;
  allowMassDelisting?: boolean;
  /** Share of the active list one import may delist (0–1); 0.1 when omitted. */
  maxDelistingShare?: number;
  /** Read and check the file and report what it would do, writing nothing. */
  dryRun?: boolean;
  /**
   * Stops the import after the batch in flight. Aborted with the reason `'shutdown'` when the
   * hub is stopping (the run is INTERRUPTED), otherwise it is the user's cancellation.
   */
  signal?: AbortSignal;
  log?: Logger;
  /** Entries per transaction. */
  batchSize?: number;
  onProgress?: (done: number, label: string) => void;
  /** Tests only: stop as if the process died after this many committed batches. */
  interruptAfterBatches?: number;
}

export interface ImportResult extends ImportCounts {
  runId: number | null;
  list: string;
  format: string | null;
  file: string;
  fileHash: string;
  snapshot: string | null;
  edition: string | null;
  editionBasis: EditionBasis | null;
  entries: number;
  resumedFrom: number;
  warnings: Record<string, number>;
  dryRun: boolean;
  durationMs: number;
}

export class ImportInterrupted extends Error {}

export class UnknownImportOwnerError extends Error {
  readonly code = 'UNKNOWN_OWNER';
  constructor(agency: string) {
    super(`No agency ${JSON.stringify(agency)}: list it in policies/agencies.yaml and run interlock policies apply.`);
    this.name = 'UnknownImportOwnerError';
  }
}

/** The abort reason of a hub shutting down (HUB_SHUTDOWN in control-channel.ts, which knows no capability). */
export const SHUTDOWN = 'shutdown';

/**
 * Applies a published list to the designations an agency imported from it: new entries are
 * added, changed ones updated, unchanged ones left alone, and entries the file no longer
 * carries delisted. The file is read through once first, so that the wrong file, an empty
 * one, an older edition or a mass delisting is refused before anything is written. Then each
 * batch is one transaction that also records the run's position, so a failed, cancelled or
 * interrupted import of the same file resumes after its last committed batch.
 */
export async function importList(db: Database, source: ImportSource, target: string, options: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  const [unknownOwner] = await new AgencyRepository(db).unknownIds([options.owner]);
  if (unknownOwner) throw new UnknownImportOwnerError(unknownOwner);
  const file = path.basename(target);
  const runs = new ImportRunRepository(db);
  const record: NewImportRun = {
    ownerId: options.owner,
    list: source.list,
    format: options.format ?? source.list,
    snapshot: source.snapshot,
    edition: null,
    editionBasis: null,
    fileHash: '',
    fileName: file,
  };
  const log = options.log?.child({ import: { format: record.format, file: target, owner: options.owner, list: source.list } });
  const refuse = async (error: ImportError, counts: ImportCounts = zeroCounts()) => {
    if (!options.dryRun) await runs.refused(record, error.code, error.message, counts);
    log?.warn({ fileHash: record.fileHash, edition: record.edition, outcome: 'REFUSED', code: error.code, durationMs: Date.now() - started }, error.message);
    return error;
  };

  try {
    source.check();
  } catch (error) {
    if (error instanceof ImportError && error.code === 'WRONG_FORMAT') {
      record.fileHash = await hashSource(target);
      throw await refuse(error);
    }
    throw error;
  }
  record.fileHash = await hashSource(target);
  log?.info({ fileHash: record.fileHash, stated: source.snapshot, dryRun: Boolean(options.dryRun) }, 'import started: reading the file');

  const known = new Map((await new DesignationRepository(db).importedFrom(options.owner, source.list)).map((d) => [d.sourceReference, d]));
  const scanned = await scanEntries(source, target, options.marking, (n) => {
    if (n % 1_000 === 0) {
      options.onProgress?.(n, `${source.list} (reading)`);
      if (options.signal?.aborted) throw stopped(options.signal, 0);
    }
  }).catch(async (error: unknown) => {
    // Nothing has been written: the run is recorded as failed, with where the file is broken.
    if (error instanceof MalformedInputError && !options.dryRun) await runs.failedUnread(record, error.code, error.message);
    if (error instanceof MalformedInputError) log?.warn({ fileHash: record.fileHash, outcome: 'FAILED', code: error.code }, error.message);
    throw error;
  });
  record.entries = scanned.hashes.size;
  record.warnings = scanned.warnings;
  let edition;
  try {
    edition = editionOf(file, source.snapshot, options.edition, scanned.newestDate);
  } catch (error) {
    throw error instanceof ImportError ? await refuse(error) : error;
  }
  record.edition = edition.edition;
  record.editionBasis = edition.basis;
  const plan = planImport(known.values(), scanned.hashes);
  const applied = await runs.lastAppliedEdition(options.owner, source.list);
  const refusal = refusalOf(plan, { file, list: source.list, edition: edition.edition, applied, ...options });
  if (refusal) throw await refuse(refusal);

  const summary = {
    runId: null as number | null,
    list: source.list,
    format: record.format,
    file: target,
    fileHash: record.fileHash,
    snapshot: source.snapshot,
    edition: edition.edition,
    editionBasis: edition.basis,
    entries: plan.entries,
    resumedFrom: 0,
    warnings: scanned.warnings,
  };
  if (options.dryRun) {
    const { added, updated, unchanged, delisted } = plan;
    log?.info({ ...summary, counts: { added, updated, unchanged, delisted }, outcome: 'DRY_RUN' }, 'import checked (dry run): nothing written');
    return { ...summary, added, updated, unchanged, delisted, dryRun: true, durationMs: Date.now() - started };
  }

  const resumable = await runs.unfinished(options.owner, source.list, record.fileHash);
  if (resumable) await runs.resume(resumable.id, record);
  const run = resumable ?? (await runs.start(record));
  summary.runId = run.id;
  summary.resumedFrom = run.position;
  const counts: ImportCounts = { ...zeroCounts(), ...(run.counts as Partial<ImportCounts>) };
  let position = run.position;
  try {
    position = await applyEntries(db, source, target, known, run, counts, options);
    const removed = [...known.values()].filter((d) => !scanned.hashes.has(d.sourceReference) && d.status !== 'DELISTED');
    if (options.signal?.aborted) throw stopped(options.signal, position);
    await db.transaction(async (tx) => {
      const reason = `No longer on ${source.list}${edition.edition ? ` as of its edition of ${edition.edition}` : ''}.`;
      await new DesignationRepository(tx).delistImported(removed.map((d) => d.id), reason);
      counts.delisted += removed.length;
      await new ImportRunRepository(tx).finish(run.id, position, counts);
    });
    if (counts.added + counts.updated + counts.delisted > 0) await new DesignationRepository(db).refreshStatistics();
  } catch (error) {
    if (error instanceof ImportInterrupted) throw error;
    const code = errorCode(error);
    const status = code === 'CANCELLED' ? 'CANCELLED' : code === 'HUB_STOPPED' ? 'INTERRUPTED' : 'FAILED';
    const message = error instanceof Error ? error.message : String(error);
    await runs.stop(run.id, status, code, message);
    log?.warn({ ...summary, position, counts, outcome: status, code, durationMs: Date.now() - started }, `import ${status.toLowerCase()}: ${message}`);
    throw error;
  }
  const result = { ...summary, ...counts, dryRun: false, durationMs: Date.now() - started };
  log?.info({ ...summary, counts, outcome: 'COMPLETED', durationMs: result.durationMs }, 'import completed');
  return result;
}

const errorCode = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'INTERNAL';
};

/** The error an aborted import stops with: the user's cancellation, or the hub's shutdown. */
function stopped(signal: AbortSignal, position: number): ImportError {
  return signal.reason === SHUTDOWN ? ImportErrors.hubStopped(position) : ImportErrors.cancelled(position);
}

/** Writes the entries after the run's position, batch by batch; returns the position reached. */
async function applyEntries(
  db: Database,
  source: ImportSource,
  target: string,
  known: Map<string, ImportedDesignationState>,
  run: { id: number; position: number },
  counts: ImportCounts,
  options: ImportOptions,
): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
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
    // Checked between batches: the batch in flight is committed whole, then the import stops.
    if (options.signal?.aborted) throw stopped(options.signal, position);
  };

  for await (const entry of source.entries()) {
    if (seen.has(entry.sourceReference)) continue;
    seen.add(entry.sourceReference);
    position++;
    if (position <= run.position) continue;
    batch.push({ reference: entry.sourceReference, mapped: mapEntry(entry, options.marking, target) });
    if (batch.length >= batchSize) await commit();
  }
  if (batch.length > 0) await commit();
  return position;
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
