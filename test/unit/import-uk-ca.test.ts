import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { aliasNames, caSemaXmlSource } from '../../src/modules/imports/formats/ca-sema-xml.ts';
import { openSourceFile } from '../../src/modules/imports/formats/source-files.ts';
import { ofsiDate, ukOfsiCsvSource } from '../../src/modules/imports/formats/uk-ofsi-csv.ts';
import { MalformedInputError, type ImportedEntry, type ImportSource } from '../../src/modules/imports/imported-entry.ts';
import { SANCTIONS_DATA } from '../support/sanctions-data.ts';

const dataDir = SANCTIONS_DATA;
const haveData = existsSync(dataDir);
const UK_FILE = path.join(dataDir, 'uk/ofsi_conlist_2025-04-10.derived.csv.gz');
const CA_FILE = path.join(dataDir, 'ca/sema-lmes_2025-03.xml');
const scratch = mkdtempSync(path.join(tmpdir(), 'interlock-import-uk-ca-'));

async function readAll(source: ImportSource): Promise<ImportedEntry[]> {
  const entries: ImportedEntry[] = [];
  for await (const entry of source.entries()) entries.push(entry);
  return entries;
}

async function malformed(source: ImportSource): Promise<MalformedInputError> {
  const error = await readAll(source).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MalformedInputError);
  return error as MalformedInputError;
}

/** The text of one line of a (possibly gzipped) source file, to hold entries against. */
async function lineOf(file: string, number: number): Promise<string> {
  let at = 0;
  for await (const line of createInterface({ input: openSourceFile(file), crlfDelay: Infinity })) {
    if (++at === number) return line;
  }
  throw new Error(`${file} has no line ${number}`);
}

function scratchFile(name: string, content: string | Buffer): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

const count = <T>(items: readonly T[], predicate: (item: T) => boolean) => items.filter(predicate).length;

const OFSI_HEADER = [
  'Name 6', 'Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Title', 'Name Non-Latin Script', 'Non-Latin Script Type',
  'Non-Latin Script Language', 'DOB', 'Town of Birth', 'Country of Birth', 'Nationality', 'Passport Number', 'Passport Details',
  'National Identification Number', 'National Identification Details', 'Position', 'Address 1', 'Address 2', 'Address 3',
  'Address 4', 'Address 5', 'Address 6', 'Post/Zip Code', 'Country', 'Other Information', 'Group Type', 'Alias Type',
  'Alias Quality', 'Regime', 'Listed On', 'UK Sanctions List Date Designated', 'Last Updated', 'Group ID',
];

/** A ConList CSV in the published layout, from rows given by column name. */
function ofsiCsv(rows: Record<string, string>[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = rows.map((row) => OFSI_HEADER.map((column) => quote(row[column] ?? '')).join(','));
  return ['Last Updated,10/04/2025', OFSI_HEADER.join(','), ...lines].join('\n') + '\n';
}

const ofsiRow = (groupId: string, type: string, name6: string, extra: Record<string, string> = {}) => ({
  'Name 6': name6,
  'Group Type': type,
  'Alias Type': 'Primary name',
  Regime: 'Russia',
  'Listed On': '15/03/2022',
  'Group ID': groupId,
  ...extra,
});

describe('ofsiDate: OFSI dates with unknown parts', () => {
  it.each([
    ['05/02/1974', '1974-02-05'],
    ['00/00/1976', '1976'],
    ['dd/mm/1972', '1972'],
    ['00/08/1961', '1961-08'],
    ['dd/05/1972', '1972-05'],
    ['05/1973', '1973-05'],
    ['1972', '1972'],
    ['31/02/1970', null],
    ['about 1970', null],
  ])('%s → %s', (text, expected) => expect(ofsiDate(text)).toBe(expected));
});

describe('ukOfsiCsvSource on small files: grouping, positions and malformed input', () => {
  it('merges the scattered rows of a group and dates each entry from its first row', async () => {
    const file = scratchFile(
      'scattered.csv',
      ofsiCsv([
        ofsiRow('1', 'Individual', 'DOE', { 'Name 1': 'John', DOB: 'dd/mm/1972', 'Other Information': 'first line\nsecond line' }),
        ofsiRow('2', 'Entity', 'ACME LTD'),
        ofsiRow('1', 'Individual', 'DOE', { 'Name 1': 'Johnny', DOB: '00/05/1972', 'Alias Type': 'AKA', 'Alias Quality': 'Low quality', 'Other Information': 'first line\nsecond line' }),
        ofsiRow('1', 'Individual', 'DOE', { 'Name 1': 'Jon', DOB: 'dd/mm/1972', 'Alias Type': 'FKA', 'Other Information': 'first line\nsecond line' }),
      ]),
    );
    const entries = await readAll(ukOfsiCsvSource(file));
    // Group 2 completes first; group 1 starts on line 3, group 2 after its two-line row.
    expect(entries.map((e) => [e.sourceReference, e.position])).toEqual([['2', 5], ['1', 3]]);
    const doe = entries[1]!;
    expect(doe.primaryName).toBe('DOE, John');
    expect(doe.aliases).toEqual([
      { name: 'DOE, Johnny', kind: 'AKA', strength: 'WEAK' },
      { name: 'DOE, Jon', kind: 'FKA', strength: 'STRONG' },
    ]);
    expect(doe.datesOfBirth.map((d) => d.date)).toEqual(['1972', '1972-05']);
    expect(doe.remarks).toBe('first line\nsecond line');
  });

  it('names the line of a row with the wrong number of fields', async () => {
    const good = ofsiCsv([ofsiRow('1', 'Entity', 'ACME LTD'), ofsiRow('2', 'Entity', 'OTHER LTD')]);
    const file = scratchFile('short-row.csv', `${good}SHORT LTD,,,\n`);
    const error = await malformed(ukOfsiCsvSource(file));
    expect(error.where).toBe('line 5');
    expect(error.reason).toBe('expected 36 fields, found 4');
  });

  it('names the line of a row cut inside a quoted field', async () => {
    const good = ofsiCsv([ofsiRow('1', 'Entity', 'ACME LTD')]);
    const file = scratchFile('cut.csv', `${good}CUT LTD,,,,,,,,,,,,,,,,,,,,,,,,,,,"(UK Sanctions List Ref):RUS01`);
    const error = await malformed(ukOfsiCsvSource(file));
    expect(error.where).toBe('line 4');
    expect(error.reason).toMatch(/ends inside a quoted field/);
  });

  it('rejects a file whose first line is not "Last Updated"', async () => {
    const file = scratchFile('no-date.csv', ofsiCsv([ofsiRow('1', 'Entity', 'ACME LTD')]).replace(/^Last Updated,10\/04\/2025/, 'Updated'));
    const source = ukOfsiCsvSource(file);
    expect(source.snapshot).toBeNull();
    expect((await malformed(source)).where).toBe('line 1');
  });

  it('rejects an unknown Group Type and an unknown Alias Quality, naming the line', async () => {
    const file = scratchFile('odd-values.csv', ofsiCsv([ofsiRow('1', 'Entity', 'ACME LTD'), ofsiRow('2', 'Aircraft', 'PLANE')]));
    expect(await malformed(ukOfsiCsvSource(file))).toMatchObject({ where: 'line 4', reason: 'unknown Group Type "Aircraft"' });
    const quality = scratchFile('odd-quality.csv', ofsiCsv([ofsiRow('1', 'Entity', 'ACME LTD', { 'Alias Quality': 'Medium' })]));
    expect(await malformed(ukOfsiCsvSource(quality))).toMatchObject({ where: 'line 3', reason: 'unknown Alias Quality "Medium"' });
  });
});

describe.skipIf(!haveData)('ukOfsiCsvSource on the real OFSI ConList (needs ../shared/data/sanctions; skipped when absent)', () => {
  let entries: ImportedEntry[] = [];
  const byGroup = (id: string) => entries.find((e) => e.sourceReference === id)!;

  beforeAll(async () => {
    entries = await readAll(ukOfsiCsvSource(UK_FILE));
  });

  it('is list UK-OFSI, dated from its "Last Updated" line', () => {
    const source = ukOfsiCsvSource(UK_FILE);
    expect(source.list).toBe('UK-OFSI');
    expect(source.snapshot).toBe('2025-04-10');
  });

  it('gives one entry per Group ID, with the counts the README states', () => {
    expect(entries).toHaveLength(4_686);
    expect(new Set(entries.map((e) => e.sourceReference)).size).toBe(4_686);
    expect(count(entries, (e) => e.subjectType === 'INDIVIDUAL')).toBe(3_662);
    expect(count(entries, (e) => e.subjectType === 'ENTITY')).toBe(1_009);
    expect(count(entries, (e) => e.subjectType === 'VESSEL')).toBe(15);
    expect(count(entries, (e) => e.identifiers.some((id) => id.type === 'IMO_NUMBER'))).toBe(15);
    expect(count(entries, (e) => e.primaryName === '')).toBe(0);
  });

  it('reads an individual with a year-only and a full DOB and good and low quality aliases (group 11639)', async () => {
    const qadhafi = byGroup('11639');
    expect(await lineOf(UK_FILE, qadhafi.position)).toMatch(/^MOATASSAM,,,,,,,,,,00\/00\/1976,Tripoli,Libya,Libya,B\/001897,\(Libyan\),/);
    expect(qadhafi).toMatchObject({
      subjectType: 'INDIVIDUAL',
      primaryName: 'QADHAFI, MUTASSIM',
      datesOfBirth: [
        { date: '1976', rangeEnd: null, approximate: false },
        { date: '1974-02-05', rangeEnd: null, approximate: false },
      ],
      placesOfBirth: ['Tripoli, Libya'],
      nationalities: ['LY'],
      programs: ['Libya'],
      listedOn: '2011-02-27',
      addresses: [],
    });
    expect(qadhafi.aliases).toEqual([
      { name: 'MOATASSAM', kind: 'AKA', strength: 'WEAK' },
      { name: 'MUATASIMBLLAH', kind: 'AKA', strength: 'WEAK' },
      { name: 'MUATASMBLLA', kind: 'AKA', strength: 'WEAK' },
      { name: 'QADHAFI, Almuatesem Bellah Muammer', kind: 'AKA', strength: 'STRONG' },
      { name: 'QADHAFI, Mutassim Billah Abuminyar', kind: 'AKA', strength: 'STRONG' },
    ]);
    expect(qadhafi.identifiers).toEqual([
      { type: 'PASSPORT', value: 'B/001897', issuingCountry: null, note: '(Libyan)' },
      { type: 'OTHER', value: 'LIB0059', issuingCountry: null, note: 'UK Sanctions List Ref' },
    ]);
    expect(qadhafi.remarks).toMatch(/^\(UK Sanctions List Ref\):LIB0059\. \(UN Ref\):LYi\.014\. .*Sirte, Libya, on 20 October 2011\./);
    expect(qadhafi.remarks).toMatch(/\nPosition: National Security Adviser$/);
  });

  it('pairs numbered nationalities and passports with their details, and keeps the non-Latin name (group 7059)', () => {
    const bahaji = byGroup('7059');
    expect(bahaji.primaryName).toBe('BAHAJI, Said');
    expect(bahaji.aliases).toEqual([
      { name: 'ABBATTAY, Mohamed', kind: 'AKA', strength: 'WEAK' },
      { name: 'AL MAGHRIBI, Abderrahmane', kind: 'AKA', strength: 'WEAK' },
      { name: 'AL MAGHRIBI, Zouheir', kind: 'AKA', strength: 'STRONG' },
      { name: 'سعيد باهاجى', kind: 'AKA', strength: 'STRONG' },
    ]);
    expect(bahaji.nationalities).toEqual(['DE', 'MA']);
    expect(bahaji.datesOfBirth).toEqual([{ date: '1975-07-15', rangeEnd: null, approximate: false }]);
    expect(bahaji.placesOfBirth).toEqual(['Haselünne, Lower Saxony, Germany']);
    expect(bahaji.identifiers.slice(0, 3)).toEqual([
      { type: 'PASSPORT', value: '28642163', issuingCountry: null, note: 'German provisional. Issued by the city of Hamburg' },
      { type: 'PASSPORT', value: '954242', issuingCountry: null, note: 'Moroccan. Issued on 28 June 1995 in Meknas, Morocco. Expired' },
      { type: 'NATIONAL_ID', value: '1336597587', issuingCountry: null, note: 'Germany identity document ("Bundespersonalausweis")' },
    ]);
    expect(bahaji.addresses).toEqual([{ street: 'Bunatwiete 23', city: 'Hamburg', region: null, postalCode: '21073', country: 'DE' }]);
  });

  it('maps "Congo (Democratic Republic)" to CD, not to the Republic of the Congo (group 12838)', () => {
    expect(byGroup('12838')).toMatchObject({ primaryName: 'BADEGE, ERIC', nationalities: ['CD'], datesOfBirth: [{ date: '1971' }] });
    expect(byGroup('12838').addresses).toEqual([{ street: null, city: null, region: null, postalCode: null, country: 'RW' }]);
  });

  it('reads a ship with its IMO number from Other Information and its other names (group 13651)', async () => {
    const ship = byGroup('13651');
    expect(await lineOf(UK_FILE, ship.position)).toMatch(/^AKTIVA,/);
    expect(ship).toMatchObject({ subjectType: 'VESSEL', primaryName: 'SAM JONG 2', programs: ["Democratic People's Republic of Korea"], listedOn: '2018-04-03' });
    expect(ship.aliases.map((a) => a.name)).toEqual([
      'AKTIVA', 'BIMA', 'OCHRE POINT', 'PETROCHEM VALOUR', 'RAINBOW CHASER', 'SOLVENT DISCOVERER', 'TOM MIRA', 'YU_JONG_3',
    ]);
    expect(ship.aliases.every((a) => a.kind === 'AKA' && a.strength === 'STRONG')).toBe(true);
    expect(ship.identifiers).toEqual([
      { type: 'OTHER', value: 'DPR0100', issuingCountry: null, note: 'UK Sanctions List Ref' },
      { type: 'IMO_NUMBER', value: '7408873', issuingCountry: null, note: null },
    ]);
    expect(ship.remarks).toContain('(IMO number):7408873 (Current owners):Korea Samjong Shipping');
  });

  it('takes the first "Primary name variation" when a group has no "Primary name" row (group 16601)', () => {
    expect(byGroup('16601').primaryName).toBe('33RD SCIENTIFIC RESEARCH AND TESTING INSTITUTE');
    expect(byGroup('16601').aliases.map((a) => a.name)).toContain('33RD TSNIII');
  });

  it('reports a gzip file cut short as malformed input with a line', async () => {
    const cut = scratchFile('cut.csv.gz', readFileSync(UK_FILE).subarray(0, 300_000));
    const error = await malformed(ukOfsiCsvSource(cut));
    expect(error.where).toMatch(/^line \d+$/);
    expect(error.reason).toMatch(/damaged or cut short|ends inside a quoted field|expected 36 fields/);
  });
});

describe('aliasNames: splitting the free-text Aliases of the Canadian list', () => {
  it.each([
    ['Siyamak Rahpeyk,Siamak Rahpiek, Siyamak Rah-Peyk, سيامک ره‌پيک\n', ['Siyamak Rahpeyk', 'Siamak Rahpiek', 'Siyamak Rah-Peyk', 'سيامک ره‌پيک']],
    ['Belarusian: Юры Іванавіч ВАСІЛЕВІЧ, Russian: Юрий Иванович ВАСИЛЕВИЧ', ['Юры Іванавіч ВАСІЛЕВІЧ', 'Юрий Иванович ВАСИЛЕВИЧ']],
    ['Конкорд Менеджмент и консалтинг, ООО', ['Конкорд Менеджмент и консалтинг, ООО']],
    ['Ирина Васильевна ПОПОВА / Iрина Василiвна ПОПОВА', ['Ирина Васильевна ПОПОВА', 'Iрина Василiвна ПОПОВА']],
    ['АО КБ Вымпел or Судостроительный завод Вымпел', ['АО КБ Вымпел', 'Судостроительный завод Вымпел']],
    ['El Amir Massar Abdelrahman Aseel, Massar\nAbdelrahman Assil\nArabic: سار', ['El Amir Massar Abdelrahman Aseel', 'Massar Abdelrahman Assil', 'سار']],
  ])('%j', (text, names) => expect(aliasNames(text)).toEqual(names));
});

describe('caSemaXmlSource on small files: malformed input', () => {
  const record = (item: string) =>
    `  <record>\n    <Country>Iran</Country>\n    <EntityOrShip>Acme</EntityOrShip>\n    <Schedule>1, Part 1</Schedule>\n    <Item>${item}</Item>\n    <DateOfListing>2023-02-23</DateOfListing>\n  </record>\n`;

  it('names the line of a mismatched closing tag', async () => {
    const file = scratchFile('mismatched.xml', '<data-set>\n  <record>\n    <Country>Iran</Countr>\n  </record>\n</data-set>\n');
    const error = await malformed(caSemaXmlSource(file));
    expect(error.where).toBe('line 3');
  });

  it('names the last line when the file ends before the root closes', async () => {
    const file = scratchFile('open.xml', `<data-set>\n${record('1')}  <record>\n    <Country>Iran`);
    const error = await malformed(caSemaXmlSource(file));
    expect(error.where).toBe('line 10');
    expect(error.reason).toMatch(/unclosed/);
  });

  it('rejects a second record with the same Country, Schedule and Item', async () => {
    const file = scratchFile('twice.xml', `<data-set>\n${record('7')}${record('7')}</data-set>\n`);
    const error = await malformed(caSemaXmlSource(file));
    expect(error).toMatchObject({ where: 'line 9', reason: 'Iran/1, Part 1/7 (Country, Schedule, Item) repeats the record at line 2' });
  });

  it('keeps an element the format does not have as a named unknown field instead of failing the record', async () => {
    const withNationality = record('8').replace('<Item>', '<Nationality>Iran</Nationality>\n    <Item>');
    const file = scratchFile('odd.xml', `<data-set>\n${withNationality}</data-set>\n`);
    const [entry] = await readAll(caSemaXmlSource(file));
    expect(entry).toMatchObject({ sourceReference: 'Iran/1, Part 1/8', primaryName: 'Acme', unknownFields: [{ name: 'Nationality', value: 'Iran' }] });
  });

  it('reads a record of the earlier schema (until about 2021): Entity, DateOfBirth and Title, no DateOfListing or IMO number', async () => {
    const earlier =
      '<data-set>\n  <record>\n    <Country>Russia / Russie</Country>\n    <LastName>Ivanov</LastName>\n    <GivenName>Ivan</GivenName>\n' +
      '    <Title>Deputy Minister</Title>\n    <DateOfBirth>1961-03-02</DateOfBirth>\n    <Schedule>1, Part 1</Schedule>\n    <Item>12</Item>\n  </record>\n' +
      '  <record>\n    <Country>Russia / Russie</Country>\n    <Entity>Bank Rossiya</Entity>\n    <Aliases>Rossiya Bank</Aliases>\n' +
      '    <Schedule>1, Part 2</Schedule>\n    <Item>3</Item>\n  </record>\n</data-set>\n';
    const [person, bank] = await readAll(caSemaXmlSource(scratchFile('sema-2019.xml', earlier)));
    expect(person).toMatchObject({
      sourceReference: 'Russia/1, Part 1/12',
      subjectType: 'INDIVIDUAL',
      primaryName: 'Ivanov, Ivan',
      datesOfBirth: [{ date: '1961-03-02', rangeEnd: null, approximate: false }],
      listedOn: null,
      remarks: 'Title: Deputy Minister',
      unknownFields: [],
    });
    expect(bank).toMatchObject({
      sourceReference: 'Russia/1, Part 2/3',
      subjectType: 'ENTITY',
      primaryName: 'Bank Rossiya',
      aliases: [{ name: 'Rossiya Bank', kind: 'AKA', strength: 'STRONG' }],
      unknownFields: [],
    });
  });
});

describe.skipIf(!haveData)('caSemaXmlSource on the real Canadian list (needs ../shared/data/sanctions; skipped when absent)', () => {
  let entries: ImportedEntry[] = [];
  const at = (reference: string) => entries.find((e) => e.sourceReference === reference)!;

  beforeAll(async () => {
    entries = await readAll(caSemaXmlSource(CA_FILE));
  });

  it('is list CA-SEMA, with no snapshot date (the file states none)', () => {
    expect(caSemaXmlSource(CA_FILE)).toMatchObject({ list: 'CA-SEMA', snapshot: null });
  });

  it('reads every record, with the counts the README states and a unique derived reference', () => {
    expect(entries).toHaveLength(4_759);
    expect(new Set(entries.map((e) => e.sourceReference)).size).toBe(4_759);
    expect(count(entries, (e) => e.subjectType === 'INDIVIDUAL')).toBe(3_334);
    expect(count(entries, (e) => e.subjectType === 'VESSEL')).toBe(109);
    expect(count(entries, (e) => e.subjectType === 'ENTITY')).toBe(4_759 - 3_334 - 109);
    expect(count(entries, (e) => e.identifiers.some((id) => id.type === 'IMO_NUMBER'))).toBe(109);
    expect(count(entries, (e) => e.nationalities.length > 0)).toBe(0);
  });

  it('reads a person with labelled aliases (Belarus, schedule 1 part 1, item 99)', async () => {
    const person = at('Belarus/1, Part 1/99');
    expect(await lineOf(CA_FILE, person.position)).toBe('\t<record>');
    expect(await lineOf(CA_FILE, person.position + 2)).toBe('\t\t<LastName>MASHADZIYEU</LastName>');
    expect(person).toEqual({
      sourceReference: 'Belarus/1, Part 1/99',
      subjectType: 'INDIVIDUAL',
      primaryName: 'MASHADZIYEU, Ruslan Khikmetavich',
      aliases: [
        'Ruslan Khikmetavich MASHADZEOU',
        'Ruslan Chikmetovič MAŠADZEV',
        'Mashadiyev Ruslan Khikmetovich',
        'Ruslan Khikmetovich MASHADIYEV',
        'Руслан Хiкметовiч МАШАДЗЕЎ',
        'Руслан Хикметович МАШАДИЕВ',
      ].map((name) => ({ name, kind: 'AKA', strength: 'STRONG' })),
      identifiers: [],
      addresses: [],
      datesOfBirth: [],
      placesOfBirth: [],
      nationalities: [],
      programs: ['Belarus'],
      listedOn: '2024-04-12',
      newestDate: '2024-04-12',
      remarks: null,
      unknownFields: [],
      position: 849,
    });
  });

  it('reads dates of birth given as a range, as alternatives, or in no date form at all', () => {
    expect(at('Iran/1, Part 2.1/70').datesOfBirth).toEqual([{ date: '1963', rangeEnd: '1964', approximate: false }]);
    const rahpeik = at('Iran/1, Part 2.1/107');
    expect(rahpeik.primaryName).toBe('Rahpeik, Siamak');
    expect(rahpeik.datesOfBirth.map((d) => d.date)).toEqual(['1963', '1964']);
    expect(rahpeik.aliases.map((a) => a.name)).toEqual(['Siyamak Rahpeyk', 'Siamak Rahpiek', 'Siyamak Rah-Peyk', 'سيامک ره‌پيک']);
    const kirill = at('Russia/1, Part 1/1114');
    expect(kirill).toMatchObject({ primaryName: 'MORDASHOV, Kirill Alekseevich', datesOfBirth: [], remarks: 'Date of birth (as listed): Sep-99' });
  });

  it('reads a ship: IMO number, type and build date, never a date of birth (Russia, schedule 1.1, item 1)', async () => {
    const ship = at('Russia/1.1/1');
    expect(await lineOf(CA_FILE, ship.position + 2)).toBe('\t\t<EntityOrShip>Balitiyskiy III</EntityOrShip>');
    expect(ship).toMatchObject({
      subjectType: 'VESSEL',
      primaryName: 'Balitiyskiy III',
      identifiers: [{ type: 'IMO_NUMBER', value: '7612448', issuingCountry: null, note: null }],
      datesOfBirth: [],
      programs: ['Russia'],
      listedOn: '2025-02-21',
      remarks: 'Ship type: General Cargo / Multi Purpose\nBuilt: 1980',
      position: 31738,
    });
  });

  it('reads the regime, not a nationality, from Country, and shortens a regulation to its abbreviation', () => {
    const programs = new Set(entries.flatMap((e) => e.programs));
    expect(programs).toContain('Myanmar (Burma)');
    expect(programs).toContain('JVCFOR');
    expect([...programs].every((p) => !p.includes(' / ') && p.length <= 64)).toBe(true);
  });

  it('reports a file cut mid-record as malformed input on its last line', async () => {
    const head = readFileSync(CA_FILE, 'utf8').split('\n').slice(0, 40).join('\n');
    const error = await malformed(caSemaXmlSource(scratchFile('cut.xml', head)));
    expect(error.where).toBe('line 40');
    expect(error.reason).toMatch(/unclosed tag/);
  });
});
