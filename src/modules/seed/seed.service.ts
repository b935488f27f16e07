import { inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { BULK_MERGE_WORK_MEM, deferTrigramIndexes, settleTrigramIndexes } from '../../db/trigram-bulk-load.ts';
import { controlListEntries, designations, threatEntries, threatEntryControlLinks } from '../../db/schema/index.ts';
import { AgencyRepository } from '../agencies/agency.repository.ts';
import { DesignationRepository } from '../designations/designation.repository.ts';
import { generateDemoData, type DemoData } from './demo-data.ts';
import { demoDesignation, demoDesignationId } from './designation-generator.ts';

export interface SeedOptions {
  seed?: number;
  designations?: number;
  /** Called after each committed batch of designations. */
  onProgress?: (done: number, total: number) => void;
  /**
   * From this many designations still to write, the trigram indexes take new entries in a
   * pending list merged in large sorted runs, and are settled when the load ends (bulk load).
   */
  bulkLoadFrom?: number;
}

/** What a run inserted; a repeated run with the same options inserts nothing. */
export interface SeedResult {
  agencies: number;
  designations: number;
  controlListEntries: number;
  threatEntries: number;
}

/**
 * One transaction per batch: a crash loses at most one batch, and a re-run skips the ids
 * already written. The repository splits each batch into statements below PostgreSQL's
 * 65,535 bound parameters.
 */
const DESIGNATIONS_PER_TRANSACTION = 1_000;

/**
 * Below this, entries written straight into the trigram indexes cost less than merging them:
 * a demo seed of thousands is over in seconds either way.
 */
const BULK_LOAD_FROM = 20_000;

export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const data = generateDemoData({ seed: options.seed, designations: options.designations });
  const { agencies, controlListEntries, threatEntries } = await db.transaction((tx) => seedReferenceData(tx, data));
  let inserted = 0;
  const bulkLoadFrom = options.bulkLoadFrom ?? BULK_LOAD_FROM;
  let bulk = false;
  try {
    for (let start = 0; start < data.designationCount; start += DESIGNATIONS_PER_TRANSACTION) {
      const end = Math.min(start + DESIGNATIONS_PER_TRANSACTION, data.designationCount);
      // Decided at the first batch with anything to write: a re-run that finds everything
      // written leaves the indexes alone.
      if (!bulk && data.designationCount - start >= bulkLoadFrom && (await missingIds(db, data.seed, start, end)).size > 0) {
        await deferTrigramIndexes(db);
        bulk = true;
      }
      inserted += await db.transaction(async (tx) => {
        if (bulk) await tx.execute(sql`SELECT set_config('work_mem', ${BULK_MERGE_WORK_MEM}, true)`);
        return seedDesignations(tx, data.seed, start, end);
      });
      options.onProgress?.(end, data.designationCount);
    }
  } finally {
    if (bulk) await settleTrigramIndexes(db);
  }
  if (inserted > 0) await new DesignationRepository(db).refreshStatistics();
  return { agencies, designations: inserted, controlListEntries, threatEntries };
}

/**
 * Generates only the records of [start, end) the database lacks: ids are known without
 * generating, so growing a seed from 100k to 110k or re-running it costs little.
 */
async function seedDesignations(tx: Executor, seed: number, start: number, end: number): Promise<number> {
  const ids = await missingIds(tx, seed, start, end);
  if (ids.size === 0) return 0;
  return new DesignationRepository(tx).insertMany([...ids.values()].map((index) => demoDesignation(seed, index)));
}

/** The ids of [start, end) the database lacks, with their indexes. */
async function missingIds(db: Executor, seed: number, start: number, end: number): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let index = start; index < end; index++) ids.set(demoDesignationId(seed, index), index);
  const existing = await db.select({ id: designations.id }).from(designations).where(inArray(designations.id, [...ids.keys()]));
  for (const { id } of existing) ids.delete(id);
  return ids;
}

/** Agencies, control lists and threat library: small, fixed, and needed before designations. */
async function seedReferenceData(tx: Executor, data: DemoData) {
  const agencyRepository = new AgencyRepository(tx);
  const missing = new Set(await agencyRepository.unknownIds(data.agencies.map((a) => a.id)));
  await agencyRepository.insertMissing(data.agencies.filter((a) => missing.has(a.id)));

  // No conflict target: an owner may already hold the code under another id (unique index).
  const insertedControls = await tx
    .insert(controlListEntries)
    .values([...data.controlListEntries])
    .onConflictDoNothing()
    .returning({ id: controlListEntries.id });
  const insertedThreats = await tx
    .insert(threatEntries)
    .values([...data.threatEntries])
    .onConflictDoNothing({ target: threatEntries.id })
    .returning({ id: threatEntries.id });
  await insertLinks(tx, data);
  return { agencies: missing.size, controlListEntries: insertedControls.length, threatEntries: insertedThreats.length };
}

/** Links only to control entries stored under the demo ids: an agency may hold a code already. */
async function insertLinks(tx: Executor, data: DemoData) {
  const linkedIds = [...new Set(data.threatEntryControlLinks.map((link) => link.controlListEntryId))];
  const stored = await tx
    .select({ id: controlListEntries.id })
    .from(controlListEntries)
    .where(inArray(controlListEntries.id, linkedIds));
  const storedIds = new Set(stored.map((row) => row.id));
  const links = data.threatEntryControlLinks.filter((link) => storedIds.has(link.controlListEntryId));
  if (links.length > 0) await tx.insert(threatEntryControlLinks).values(links).onConflictDoNothing();
}
