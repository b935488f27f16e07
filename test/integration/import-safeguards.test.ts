/**
 * What stops an import from destroying a list: the wrong file, an empty one, an older edition,
 * a mass delisting. Each is refused before anything is written, recorded as a run, and shown
 * to the owning agency (and only to it) by `importRuns`. Real files from ../shared/data/sanctions.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designations } from '../../src/db/schema/index.ts';
import { IMPORT_FORMATS } from '../../src/modules/imports/formats/index.ts';
import { ImportError } from '../../src/modules/imports/import.errors.ts';
import { importList, type ImportOptions } from '../../src/modules/imports/import.service.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { haveSanctionsData, sanctionsFile, SKIPPED_WITHOUT_DATA } from '../support/sanctions-data.ts';

/** One real file (or folder) of each format. */
const FILES: Record<string, string> = {
  'ofac-csv': sanctionsFile('ofac/cons_nonsdn_csv_2025'),
  'ofac-xml': sanctionsFile('ofac/cons_nonsdn_xml_2025-03-28/consolidated.xml'),
  'un-xml': sanctionsFile('un/consolidated_2025-11-20.xml'),
  'uk-ofsi-csv': sanctionsFile('uk/ofsi_conlist_2025-04-10.derived.csv.gz'),
  'ca-sema-xml': sanctionsFile('ca/sema-lmes_2025-03.xml'),
  'eu-fsf-xml': sanctionsFile('eu/eu_fsf_excerpt_2026-08-05.xml'),
};
const UN_OLD = sanctionsFile('un/consolidated_2025-11-20.xml');
const UN_NEW = sanctionsFile('un/consolidated_2026-02-27.xml');
const OFAC_2021 = sanctionsFile('ofac/sdn_csv_fullset_2021-07');
const OFAC_2024 = sanctionsFile('ofac/sdn_csv_2024-05-03');

const PAIRS = Object.keys(FILES).flatMap((reader) => Object.keys(FILES).filter((kind) => kind !== reader).map((kind) => [reader, kind] as const));

const RUNS = `query($list: String, $first: Int, $after: String) {
  importRuns(list: $list, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { list format fileName edition editionBasis status position entries errorCode error counts { added updated delisted unchanged } warnings { field entries } } }
  }
}`;
type Run = { list: string; format: string; edition: string | null; editionBasis: string | null; status: string; entries: number | null; errorCode: string | null; error: string | null; counts: Record<string, number> };
type Runs = { importRuns: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Run }[] } };

describe.skipIf(!haveSanctionsData)(`import safeguards${SKIPPED_WITHOUT_DATA}`, () => {
  let hub: TestHub;
  let scratch: string;
  const run = (format: string, file: string, owner: string, extra: Partial<ImportOptions> = {}) =>
    importList(hub.db, IMPORT_FORMATS[format]!.open(file), file, { owner, marking: 'GREEN', format, ...extra });
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as ImportError);
  const countOf = async (owner: string, status?: 'DELISTED' | 'ACTIVE') =>
    (
      await hub.db
        .select({ n: count() })
        .from(designations)
        .where(and(eq(designations.ownerAgencyId, owner), status ? eq(designations.status, status) : undefined))
    )[0]!.n;
  const runsOf = async (agency: string, list?: string) =>
    (await hub.graphql<Runs>(RUNS, { list, first: 100 }, { agency })).data!.importRuns.edges.map((e) => e.node);

  beforeAll(async () => {
    hub = await startTestHub();
    scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'interlock-safeguards-'));
  });
  afterAll(async () => {
    await hub?.stop();
    await fsp.rm(scratch, { recursive: true, force: true });
  });

  it.each(PAIRS)('%s refuses a %s file before writing, naming what it expected and what it found', async (reader, kind) => {
    const error = await refusal(run(reader, FILES[kind]!, 'jp-meti'));
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'WRONG_FORMAT' });
    expect(error!.message).toMatch(new RegExp(`is not a ${reader} file: expected .+, found .+`));
    expect(await countOf('jp-meti')).toBe(0);
  });

  it('records each refused file as a REFUSED run, shown only to the agency that ran it', async () => {
    const runs = await runsOf('jp-meti');
    expect(runs).toHaveLength(PAIRS.length);
    expect(new Set(runs.map((r) => `${r.status} ${r.errorCode}`))).toEqual(new Set(['REFUSED WRONG_FORMAT']));
    expect(runs.find((r) => r.format === 'un-xml' && r.error!.includes('sema'))?.error).toMatch(
      /expected <CONSOLIDATED_LIST> without a namespace .*found an XML document with root <data-set> .*ca-sema-xml/,
    );
    expect(await runsOf('de-bafa')).toEqual([]);
  });

  it('an empty file, and a well-formed file with no entries, never delist anything', async () => {
    expect(await run('un-xml', UN_OLD, 'gb-ofsi')).toMatchObject({ added: 1_000, edition: '2025-11-20', editionBasis: 'STATED' });
    const empty = path.join(scratch, 'empty.xml');
    await fsp.writeFile(empty, '');
    expect(await refusal(run('un-xml', empty, 'gb-ofsi'))).toMatchObject({ code: 'WRONG_FORMAT', message: expect.stringContaining('found an empty file') });
    const noEntries = path.join(scratch, 'no-entries.xml');
    await fsp.writeFile(noEntries, '<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2026-03-01T00:00:00Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>\n');
    expect(await refusal(run('un-xml', noEntries, 'gb-ofsi'))).toMatchObject({ code: 'EMPTY_LIST' });
    // Even when mass delisting is allowed.
    expect(await refusal(run('un-xml', noEntries, 'gb-ofsi', { allowMassDelisting: true }))).toMatchObject({ code: 'EMPTY_LIST' });
    expect(await countOf('gb-ofsi', 'DELISTED')).toBe(0);
  });

  it('refuses an older edition, and applies it with allowOlderEdition', async () => {
    expect(await run('un-xml', UN_NEW, 'gb-ofsi')).toMatchObject({ edition: '2026-02-27', entries: 1_003 });
    const delistedBefore = await countOf('gb-ofsi', 'DELISTED');
    const older = await refusal(run('un-xml', UN_OLD, 'gb-ofsi'));
    expect(older).toMatchObject({ code: 'OLDER_EDITION', details: { edition: '2025-11-20', applied: '2026-02-27' } });
    expect(await countOf('gb-ofsi', 'DELISTED')).toBe(delistedBefore);
    const applied = await run('un-xml', UN_OLD, 'gb-ofsi', { allowOlderEdition: true });
    expect(applied).toMatchObject({ edition: '2025-11-20', entries: 1_000 });
    expect(applied.delisted).toBeGreaterThan(0);
  });

  it('dates an OFAC CSV set by the newest date it states, or --edition, and refuses the 2021 set over the 2024 one', async () => {
    const newer = await run('ofac-csv', OFAC_2024, 'us-ofac');
    expect(newer).toMatchObject({ editionBasis: 'NEWEST_DATE_IN_FILE', entries: 14_965 });
    const older = await refusal(run('ofac-csv', OFAC_2021, 'us-ofac'));
    expect(older).toMatchObject({ code: 'OLDER_EDITION' });
    // Given its real date, the 2021 set is still older than the 2024 one.
    expect(await refusal(run('ofac-csv', OFAC_2021, 'us-ofac', { edition: '2021-07-07' }))).toMatchObject({ code: 'OLDER_EDITION' });
    expect(await countOf('us-ofac', 'DELISTED')).toBe(0);
    // A file that states its edition is not re-dated.
    expect(await refusal(run('un-xml', UN_NEW, 'us-ofac', { edition: '2026-03-01' }))).toMatchObject({ code: 'EDITION_MISMATCH' });
  });

  it('stops a mass delisting before writing, printing the counts, and applies it with allowMassDelisting', async () => {
    // The 2026-02-27 list without its entities: 273 of 1,003 designations (27%) would be delisted.
    const text = fs.readFileSync(UN_NEW, 'utf8');
    const individualsOnly = path.join(scratch, 'individuals-only.xml');
    await fsp.writeFile(individualsOnly, text.replace(/<ENTITIES>[\s\S]*<\/ENTITIES>/, '<ENTITIES/>'));
    await run('un-xml', UN_NEW, 'de-bafa');
    const dryRun = await run('un-xml', individualsOnly, 'de-bafa', { dryRun: true, allowMassDelisting: true });
    expect(dryRun).toMatchObject({ dryRun: true, entries: 730, delisted: 273, unchanged: 730, added: 0 });
    const stopped = await refusal(run('un-xml', individualsOnly, 'de-bafa'));
    expect(stopped).toMatchObject({ code: 'MASS_DELISTING', details: { delisted: 273, active: 1_003 } });
    expect(stopped!.message).toContain('would delist 273 of the 1003 active UN-SC designations (27%, more than the 10% allowed)');
    expect(await countOf('de-bafa', 'DELISTED')).toBe(0);
    // A higher threshold, or the flag, lets it through.
    expect(await refusal(run('un-xml', individualsOnly, 'de-bafa', { maxDelistingShare: 0.2 }))).toMatchObject({ code: 'MASS_DELISTING' });
    expect(await run('un-xml', individualsOnly, 'de-bafa', { allowMassDelisting: true })).toMatchObject({ delisted: 273 });
    expect(await countOf('de-bafa', 'DELISTED')).toBe(273);
  });

  it('a dry run writes nothing, not even a run', async () => {
    const before = (await runsOf('us-ofac')).length;
    expect(await run('ofac-xml', FILES['ofac-xml']!, 'us-ofac', { dryRun: true })).toMatchObject({ dryRun: true, added: 443, runId: null });
    expect(await countOf('us-ofac')).toBe(14_965);
    expect(await runsOf('us-ofac')).toHaveLength(before);
  });

  it('importRuns gives each agency its runs, newest first, with status, edition, counts and error, paged and filtered by list', async () => {
    const bafa = await runsOf('de-bafa', 'UN-SC');
    expect(bafa.map((r) => `${r.status} ${r.errorCode ?? ''}`.trim())).toEqual(['COMPLETED', 'REFUSED MASS_DELISTING', 'REFUSED MASS_DELISTING', 'COMPLETED']);
    expect(bafa[0]).toMatchObject({ list: 'UN-SC', format: 'un-xml', edition: '2026-02-27', entries: 730, counts: { added: 0, updated: 0, delisted: 273, unchanged: 730 } });
    const ofsi = await runsOf('gb-ofsi');
    expect(ofsi.map((r) => r.status)).toEqual(['COMPLETED', 'REFUSED', 'COMPLETED', 'REFUSED', 'REFUSED', 'REFUSED', 'COMPLETED']);
    expect(ofsi[1]).toMatchObject({ errorCode: 'OLDER_EDITION', edition: '2025-11-20' });
    const first = (await hub.graphql<Runs>(RUNS, { first: 2 }, { agency: 'gb-ofsi' })).data!.importRuns;
    expect(first).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true } });
    const next = (await hub.graphql<Runs>(RUNS, { first: 10, after: first.pageInfo.endCursor }, { agency: 'gb-ofsi' })).data!.importRuns;
    expect(next.edges.map((e) => e.node.status)).toEqual(ofsi.slice(2).map((r) => r.status));
    expect((await hub.graphql(RUNS, {}, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
