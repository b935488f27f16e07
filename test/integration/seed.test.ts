import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.ts';
import { DESIGNATION_TRIGRAM_INDEXES } from '../../src/db/trigram-bulk-load.ts';
import {
  agencies,
  controlListEntries,
  designationAddresses,
  designationAliases,
  designationBirthDates,
  designationIdentifiers,
  designations,
  threatEntries,
  threatEntryControlLinks,
} from '../../src/db/schema/index.ts';
import { decideAccess } from '../../src/policy/decision.ts';
import { DesignationRepository } from '../../src/modules/designations/designation.repository.ts';
import { DEMO_AGENCIES } from '../../src/modules/seed/demo-agencies.ts';
import { generateDemoData } from '../../src/modules/seed/demo-data.ts';
import { demoDesignation } from '../../src/modules/seed/designation-generator.ts';
import { seedDemoData } from '../../src/modules/seed/seed.service.ts';
import { givenAgencies } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const TABLES = {
  agencies,
  designations,
  aliases: designationAliases,
  identifiers: designationIdentifiers,
  addresses: designationAddresses,
  birthDates: designationBirthDates,
  controlListEntries,
  threatEntries,
  threatLinks: threatEntryControlLinks,
};

async function rowCounts(db: Database): Promise<Record<keyof typeof TABLES, number>> {
  const entries = await Promise.all(
    Object.entries(TABLES).map(async ([name, table]) => [name, (await db.select({ n: count() }).from(table))[0]!.n] as const),
  );
  return Object.fromEntries(entries) as Record<keyof typeof TABLES, number>;
}

/** Child rows the generator made for the first `n` designations of seed 1. */
function expectedChildren(n: number) {
  const records = [...generateDemoData({ designations: n }).designations];
  const sum = (pick: (r: (typeof records)[number]) => unknown[]) => records.reduce((total, r) => total + pick(r).length, 0);
  return {
    aliases: sum((r) => r.content.aliases),
    identifiers: sum((r) => r.content.identifiers),
    addresses: sum((r) => r.content.addresses),
    birthDates: sum((r) => r.content.birthDates),
  };
}

describe('seeding demo data', () => {
  let database: TestDatabase;
  let db: Database;
  const reference = generateDemoData({ designations: 0 });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
    // An agency that already exists must be kept, and not counted as seeded.
    await givenAgencies(db, [DEMO_AGENCIES[0]]);
  });
  afterAll(() => database?.dispose());

  it('writes agencies, control lists, the threat library and 300 designations with their children', async () => {
    const progress: [number, number][] = [];
    const result = await seedDemoData(db, { designations: 300, onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toEqual({
      agencies: DEMO_AGENCIES.length - 1,
      designations: 300,
      controlListEntries: reference.controlListEntries.length,
      threatEntries: reference.threatEntries.length,
    });
    expect(progress.at(-1)).toEqual([300, 300]);
    expect(await rowCounts(db)).toEqual({
      agencies: DEMO_AGENCIES.length,
      designations: 300,
      ...expectedChildren(300),
      controlListEntries: reference.controlListEntries.length,
      threatEntries: reference.threatEntries.length,
      threatLinks: reference.threatEntryControlLinks.length,
    });
  });

  it('stores a designation exactly as generated', async () => {
    const generated = demoDesignation(1, 42);
    const repository = new DesignationRepository(db);
    const row = await repository.findById(decideAccess(generated.ownerId, [], new Date()), generated.id);
    expect(row).toMatchObject({
      primaryName: generated.content.primaryName,
      status: generated.content.status,
      ownerAgencyId: generated.ownerId,
      sourceReference: 'DEMO-1-42',
    });
    const aliases = await repository.aliasesOf([generated.id]);
    expect(aliases.map(({ name, kind, strength, script }) => ({ name, kind, strength, script }))).toEqual(
      generated.content.aliases.map(({ name, kind, strength, script }) => ({ name, kind, strength, script })),
    );
  });

  it('inserts nothing when run again with the same options', async () => {
    const before = await rowCounts(db);
    const result = await seedDemoData(db, { designations: 300 });
    expect(result).toEqual({ agencies: 0, designations: 0, controlListEntries: 0, threatEntries: 0 });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('adds only the missing designations when the count grows', async () => {
    const result = await seedDemoData(db, { designations: 400 });
    expect(result).toEqual({ agencies: 0, designations: 100, controlListEntries: 0, threatEntries: 0 });
    const counts = await rowCounts(db);
    expect(counts).toMatchObject({ designations: 400, ...expectedChildren(400) });
  });

  it('lets another seed add its own designations beside the first', async () => {
    const result = await seedDemoData(db, { seed: 2, designations: 50 });
    expect(result.designations).toBe(50);
    const [row] = await db.select({ n: count() }).from(designations).where(eq(designations.sourceReference, 'DEMO-2-0'));
    expect(row!.n).toBe(1);
  });
});

describe('seeding in bulk', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.dispose());

  it('leaves every trigram index as defined, its pending list merged, and the key dictionaries complete', async () => {
    const { db } = database.handle;
    const result = await seedDemoData(db, { designations: 120, bulkLoadFrom: 1 });
    expect(result.designations).toBe(120);

    const indexes = await queryRows<{ name: string; options: string[] | null }>(
      db,
      sql`SELECT relname AS "name", reloptions AS "options" FROM pg_class WHERE relname IN (SELECT jsonb_array_elements_text(${JSON.stringify(DESIGNATION_TRIGRAM_INDEXES.map((i) => i.name))}::jsonb))`,
    );
    expect(Object.fromEntries(indexes.map((i) => [i.name, i.options ?? []]))).toEqual(
      Object.fromEntries(DESIGNATION_TRIGRAM_INDEXES.map((i) => [i.name, [`fastupdate=${i.fastupdate ? 'on' : 'off'}`]])),
    );
    // A merge that left entries behind would show in the pending list's page count.
    for (const { name } of DESIGNATION_TRIGRAM_INDEXES) {
      expect(await pendingPages(db, name), name).toBe(0);
    }
    // The dictionaries' triggers ran as for any write: every key of the seeded names has its entry and words.
    const [missing] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM (SELECT DISTINCT key FROM designation_screening_names) n
        WHERE NOT EXISTS (SELECT 1 FROM screening_name_keys k WHERE k.key = n.key)
           OR NOT EXISTS (SELECT 1 FROM screening_key_tokens p WHERE p.key = n.key)`,
    );
    expect(missing!.n).toBe(0);
  });
});

/** Pages a GIN index still held in its pending list: what merging it now moves (none once settled). */
async function pendingPages(db: Database, index: string): Promise<number> {
  const [row] = await queryRows<{ pages: number }>(db, sql`SELECT gin_clean_pending_list(${index}::regclass)::int AS pages`);
  return row!.pages;
}

describe('seeding beside existing control lists', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.dispose());

  it('skips a classification the agency already holds, and the threat links to it', async () => {
    const { db } = database.handle;
    const reference = generateDemoData({ designations: 0 });
    const held = reference.controlListEntries.find((e) => e.classificationCode === '3A090.a')!;
    await givenAgencies(db, DEMO_AGENCIES);
    await db.insert(controlListEntries).values({ ...held, id: undefined, title: 'Held before seeding' });

    const result = await seedDemoData(db, { designations: 0 });

    expect(result.controlListEntries).toBe(reference.controlListEntries.length - 1);
    const skippedLinks = reference.threatEntryControlLinks.filter((l) => l.controlListEntryId === held.id).length;
    expect(skippedLinks).toBeGreaterThan(0);
    const [links] = await db.select({ n: count() }).from(threatEntryControlLinks);
    expect(links!.n).toBe(reference.threatEntryControlLinks.length - skippedLinks);
  });
});
