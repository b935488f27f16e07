/**
 * Importing the real published lists from ../shared/data/sanctions (never copied into the
 * project): idempotent re-imports, newer snapshots, malformed input and resumption.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies as agenciesTable, designations, designationAliases } from '../../src/db/schema/index.ts';
import { IMPORT_FORMATS } from '../../src/modules/imports/formats/index.ts';
import { ImportInterrupted, importList } from '../../src/modules/imports/import.service.ts';
import { MalformedInputError } from '../../src/modules/imports/imported-entry.ts';
import { givenAgencies } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { SANCTIONS_DATA } from '../support/sanctions-data.ts';

const SHARED = SANCTIONS_DATA;
const haveData = fs.existsSync(SHARED);
if (!haveData) console.warn(`skipping import tests: ${SHARED} (the shared sanctions data) is not there`);

const OFAC_OLD = path.join(SHARED, 'ofac/sdn_csv_2024-04-26/sdn.csv.gz');
const OFAC_NEW = path.join(SHARED, 'ofac/sdn_csv_2024-05-03');
const UN_OLD = path.join(SHARED, 'un/consolidated_2025-11-20.xml');
const UN_NEW = path.join(SHARED, 'un/consolidated_2026-02-27.xml');

const run = (db: TestDatabase, format: string, file: string, owner: string, extra: { batchSize?: number; interruptAfterBatches?: number } = {}) =>
  importList(db.handle.db, IMPORT_FORMATS[format]!.open(file), file, { owner, marking: 'GREEN', ...extra });

/** DATAIDs of a UN list, read straight from the file text. */
const unIds = (file: string) => new Set([...fs.readFileSync(file, 'utf8').matchAll(/<DATAID>(\d+)<\/DATAID>/g)].map((m) => m[1]!));

describe.skipIf(!haveData)('importing published lists', () => {
  let db: TestDatabase;
  const countOf = async (owner: string, status?: 'DELISTED') =>
    (
      await db.handle.db
        .select({ n: count() })
        .from(designations)
        .where(status ? and(eq(designations.ownerAgencyId, owner), eq(designations.status, status)) : eq(designations.ownerAgencyId, owner))
    )[0]!.n;

  beforeAll(async () => {
    db = await createTestDatabase();
    await givenAgencies(db.handle.db);
  });
  afterAll(() => db?.dispose());

  it('imports OFAC SDN 2024-04-26, then 2024-05-03 gives exactly its adds and delistings, and a re-import changes nothing', async () => {
    const first = await run(db, 'ofac-csv', OFAC_OLD, 'us-ofac');
    expect(first).toMatchObject({ list: 'OFAC-SDN', entries: 14_668, added: 14_668, updated: 0, delisted: 0, unchanged: 0 });
    // The two snapshots differ by 305 new rows and 8 removed ones, and no row changed (checked against the raw files).
    const second = await run(db, 'ofac-csv', OFAC_NEW, 'us-ofac');
    expect(second).toMatchObject({ entries: 14_965, added: 305, updated: 0, delisted: 8, unchanged: 14_660 });
    const again = await run(db, 'ofac-csv', OFAC_NEW, 'us-ofac');
    expect(again).toMatchObject({ added: 0, updated: 0, delisted: 0, unchanged: 14_965 });
    expect(await countOf('us-ofac')).toBe(14_668 + 305);
    expect(await countOf('us-ofac', 'DELISTED')).toBe(8);
  });

  it('stores an entry field by field as the file states it', async () => {
    const [row] = await db.handle.db
      .select()
      .from(designations)
      .where(and(eq(designations.ownerAgencyId, 'us-ofac'), eq(designations.sourceReference, '7156')));
    // 7156 in sdn.csv: an individual with DOB, POB, nationality and weak a.k.a.s in its remarks.
    const line = fs.readFileSync(path.join(OFAC_NEW, 'sdn.csv'), 'utf8').split('\n').find((l) => l.startsWith('7156,'))!;
    expect(line).toBeDefined();
    expect(row).toBeDefined();
    expect(line).toContain(row!.primaryName);
    expect(row!.status).toBe('ACTIVE');
    const aliases = await db.handle.db.select().from(designationAliases).where(eq(designationAliases.designationId, row!.id));
    for (const alias of aliases) expect(line.toUpperCase()).toContain(alias.name.toUpperCase());
  });

  it('imports the UN list and then its newer edition with the adds, updates and delistings the files imply', async () => {
    const oldIds = unIds(UN_OLD);
    const newIds = unIds(UN_NEW);
    const first = await run(db, 'un-xml', UN_OLD, 'gb-ofsi');
    expect(first).toMatchObject({ list: 'UN-SC', snapshot: '2025-11-20', entries: 1_000, added: 1_000 });
    const second = await run(db, 'un-xml', UN_NEW, 'gb-ofsi');
    const added = [...newIds].filter((id) => !oldIds.has(id)).length;
    const removed = [...oldIds].filter((id) => !newIds.has(id)).length;
    expect(second).toMatchObject({ entries: 1_003, added, delisted: removed });
    expect(second.updated + second.unchanged).toBe(1_003 - added);
    expect(second.updated).toBeGreaterThan(0);
    expect(await run(db, 'un-xml', UN_NEW, 'gb-ofsi')).toMatchObject({ added: 0, updated: 0, delisted: 0, unchanged: 1_003 });
  });

  it('stops at a truncated file naming where, and leaves the database as it was before that batch', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'interlock-import-'));
    const truncated = path.join(dir, 'sdn.csv');
    const text = fs.readFileSync(path.join(OFAC_NEW, 'sdn.csv'), 'utf8');
    // Cut inside a quoted cell about two thirds through the file.
    const cut = text.indexOf('"', Math.floor(text.length * 0.66)) + 5;
    await fsp.writeFile(truncated, text.slice(0, cut));
    const before = await countOf('de-bafa');
    const error = await run(db, 'ofac-csv', truncated, 'de-bafa', { batchSize: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect((error as Error).message).toMatch(/sdn\.csv, line \d+/);
    // Whole batches before the fault were committed; the batch in which it was found was not.
    const after = await countOf('de-bafa');
    expect((after - before) % 1_000).toBe(0);
    expect(after - before).toBeLessThan(14_965);
  });

  it('stops at a malformed entry with a clear message', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'interlock-import-'));
    const broken = path.join(dir, 'broken.xml');
    const text = fs.readFileSync(UN_NEW, 'utf8');
    const at = text.indexOf('<INDIVIDUAL>', text.length / 2);
    await fsp.writeFile(broken, `${text.slice(0, at)}<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>X</FIRST_NAME></WRONG>${text.slice(at)}`);
    const error = await run(db, 'un-xml', broken, 'jp-meti').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedInputError);
    expect((error as Error).message).toMatch(/broken\.xml, line \d+: /);
  });

  it.each([
    ['ofac-xml', 'ofac/cons_nonsdn_xml_2025-03-28/consolidated.xml', 'OFAC-CONS', 443],
    ['ofac-csv', 'ofac/cons_nonsdn_csv_2025', 'OFAC-CONS', 442],
    ['uk-ofsi-csv', 'uk/ofsi_conlist_2025-04-10.derived.csv.gz', 'UK-OFSI', 4_686],
    ['ca-sema-xml', 'ca/sema-lmes_2025-03.xml', 'CA-SEMA', 4_759],
    ['eu-fsf-xml', 'eu/eu_fsf_excerpt_2026-08-05.xml', 'EU-FSF', 5],
  ])('imports %s (%s) whole, and a re-import changes nothing', async (format, file, list, entries) => {
    // Each into its own owner, so that lists from one publisher in two formats do not meet.
    const owner = `imp-${format}-${list}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
    await db.handle.db.insert(agenciesTable).values({ id: owner, name: owner, country: 'US', kind: 'SANCTIONS_AUTHORITY' }).onConflictDoNothing();
    const target = path.join(SHARED, file);
    expect(await run(db, format, target, owner)).toMatchObject({ list, entries, added: entries, delisted: 0 });
    expect(await run(db, format, target, owner)).toMatchObject({ added: 0, updated: 0, delisted: 0, unchanged: entries });
    expect(await countOf(owner)).toBe(entries);
  });

  it('resumes an interrupted import after its last committed batch and ends with the same result', async () => {
    const interrupted = await run(db, 'ofac-csv', OFAC_OLD, 'jp-meti', { batchSize: 2_000, interruptAfterBatches: 3 }).catch((e: unknown) => e);
    expect(interrupted).toBeInstanceOf(ImportInterrupted);
    expect(await countOf('jp-meti')).toBe(6_000);
    const resumed = await run(db, 'ofac-csv', OFAC_OLD, 'jp-meti', { batchSize: 2_000 });
    expect(resumed).toMatchObject({ resumedFrom: 6_000, entries: 14_668, added: 14_668, updated: 0, delisted: 0 });
    expect(await countOf('jp-meti')).toBe(14_668);
  });
});
