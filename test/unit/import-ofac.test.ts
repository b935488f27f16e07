import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportedEntry, type ImportSource, MalformedInputError } from '../../src/modules/imports/imported-entry.ts';
import { splitCityCell } from '../../src/modules/imports/formats/ofac-address.ts';
import { ofacCsvSource, splitPrograms } from '../../src/modules/imports/formats/ofac-csv.ts';
import { ofacCsvRows } from '../../src/modules/imports/formats/ofac-csv-records.ts';
import { ofacDateOfBirth } from '../../src/modules/imports/formats/ofac-dates.ts';
import { parseOfacRemarks } from '../../src/modules/imports/formats/ofac-remarks.ts';
import { ofacXmlSource } from '../../src/modules/imports/formats/ofac-xml.ts';
import { SANCTIONS_DATA } from '../support/sanctions-data.ts';

const SANCTIONS = SANCTIONS_DATA;
const OFAC = path.join(SANCTIONS, 'ofac');
const haveFiles = existsSync(OFAC);
const SDN_2024_05_03 = path.join(OFAC, 'sdn_csv_2024-05-03');
const SDN_2024_04_26_GZ = path.join(OFAC, 'sdn_csv_2024-04-26', 'sdn.csv.gz');
const FULLSET = path.join(OFAC, 'sdn_csv_fullset_2021-07');
const CONS_CSV = path.join(OFAC, 'cons_nonsdn_csv_2025');
const CONS_XML = path.join(OFAC, 'cons_nonsdn_xml_2025-03-28', 'consolidated.xml');

interface Tally {
  count: number;
  bySubjectType: Record<string, number>;
  picked: Map<string, ImportedEntry>;
}

/** Streams a source, counting entries by type and keeping only the entries asked for. */
async function tally(source: ImportSource, pick: string[] = [], visit?: (entry: ImportedEntry) => void): Promise<Tally> {
  const result: Tally = { count: 0, bySubjectType: {}, picked: new Map() };
  for await (const entry of source.entries()) {
    result.count++;
    result.bySubjectType[entry.subjectType] = (result.bySubjectType[entry.subjectType] ?? 0) + 1;
    if (pick.includes(entry.sourceReference)) result.picked.set(entry.sourceReference, entry);
    visit?.(entry);
  }
  return result;
}

async function failure(source: ImportSource): Promise<MalformedInputError> {
  try {
    for await (const _entry of source.entries()) {
      // read to the end
    }
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedInputError);
    return error as MalformedInputError;
  }
  throw new Error('expected a MalformedInputError');
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.open(file);
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Byte offset where line `line` (from 1) starts. */
function lineStart(buffer: Buffer, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = buffer.indexOf(0x0a, offset) + 1;
  return offset;
}

interface FullsetPass extends Tally {
  strongKinds: Record<string, number>;
  entriesWithStrongAliases: number;
  addressesByEntry: Map<string, number>;
}

let fullsetPass: Promise<FullsetPass> | undefined;

/** One pass over the 2021-07 four-file set, shared by the tests that look at it. */
function readFullset(): Promise<FullsetPass> {
  fullsetPass ??= (async () => {
    const pass = { strongKinds: {} as Record<string, number>, entriesWithStrongAliases: 0, addressesByEntry: new Map<string, number>() };
    const result = await tally(ofacCsvSource(FULLSET), ['7828', '306', '15046', '28263'], (entry) => {
      const strong = entry.aliases.filter((alias) => alias.strength === 'STRONG');
      if (strong.length > 0) pass.entriesWithStrongAliases++;
      for (const alias of strong) pass.strongKinds[alias.kind] = (pass.strongKinds[alias.kind] ?? 0) + 1;
      pass.addressesByEntry.set(entry.sourceReference, entry.addresses.length);
    });
    return { ...result, ...pass };
  })();
  return fullsetPass;
}

const strength = (entry: ImportedEntry, which: 'STRONG' | 'WEAK') =>
  entry.aliases.filter((alias) => alias.strength === which).map((alias) => alias.name);

describe.skipIf(!haveFiles)(
  `OFAC formats on the real published files${haveFiles ? '' : ' (SKIPPED: ../shared/data/sanctions/ofac/ not found next to the repository)'}`,
  () => {
    describe('sdn.csv (legacy CSV)', () => {
      it('reads every entry of the 2024-05-03 SDN list with the README counts; the file states no edition', async () => {
        const source = ofacCsvSource(SDN_2024_05_03);
        expect(source.list).toBe('OFAC-SDN');
        // A folder's name is not the file's word: the import dates it by --edition or the newest date it states.
        expect(source.snapshot).toBeNull();
        let maxEntNum = 0;
        let lastPosition = 0;
        const result = await tally(source, [], (entry) => {
          maxEntNum = Math.max(maxEntNum, Number(entry.sourceReference));
          expect(entry.position).toBe(lastPosition + 1);
          lastPosition = entry.position;
        });
        expect(result.count).toBe(14_965);
        expect(result.bySubjectType).toEqual({ INDIVIDUAL: 6_854, ENTITY: 6_884, VESSEL: 851, AIRCRAFT: 376 });
        expect(maxEntNum).toBe(48_907);
      });

      it('reads a gzipped primary file given by path, a week earlier', async () => {
        const source = ofacCsvSource(SDN_2024_04_26_GZ);
        expect(source.snapshot).toBeNull();
        const result = await tally(source);
        expect(result.count).toBe(14_668);
        expect(result.bySubjectType).toEqual({ INDIVIDUAL: 6_820, ENTITY: 6_630, VESSEL: 835, AIRCRAFT: 383 });
      });

      it('joins alt.csv (strong aliases) and add.csv (addresses) of the 2021-07 four-file set by ent_num', async () => {
        expect(ofacCsvSource(FULLSET).snapshot).toBeNull();
        const result = await readFullset();
        const { strongKinds, entriesWithStrongAliases, addressesByEntry } = result;
        expect(result.count).toBe(8_976);
        expect(result.bySubjectType).toEqual({ INDIVIDUAL: 4_620, ENTITY: 3_673, VESSEL: 406, AIRCRAFT: 277 });
        expect(strongKinds).toEqual({ AKA: 11_523, FKA: 369, NKA: 18 });
        expect(entriesWithStrongAliases).toBe(4_139);

        // add.csv covers every entry, but some rows are all `-0-`: those give no address.
        const rowsByEntry = new Map<string, number>();
        let rows = 0;
        for await (const row of ofacCsvRows(path.join(FULLSET, 'add.csv'), 6)) {
          rows++;
          const empty = row.cells.slice(2, 5).every((cell) => cell === null);
          rowsByEntry.set(row.cells[0]!, (rowsByEntry.get(row.cells[0]!) ?? 0) + (empty ? 0 : 1));
        }
        expect(rows).toBe(13_837);
        expect(rowsByEntry.size).toBe(8_976);
        expect([...addressesByEntry.keys()].every((entNum) => rowsByEntry.has(entNum))).toBe(true);
        expect(addressesByEntry).toEqual(rowsByEntry);
      });

      it('reads an individual field by field: DOBs, POBs, passports, nationality, strong and weak aliases', async () => {
        // 7828,"AMDOUNI, Mehrez","individual","SDGT",… "DOB 18 Dec 1969; alt. DOB 25 May 1968; alt. DOB 18 Dec 1968;
        // alt. DOB 14 Jul 1969; POB Tunis, Tunisia; alt. POB Naples, Italy; alt. POB Algeria; nationality Tunisia;
        // Passport G737411 (Tunisia) issued 24 Oct 1990 expires 20 Sep 1997; alt. Passport 0801888 (Bosnia and
        // Herzegovina); a.k.a. 'ABU THALE'."  — alt.csv has six aka rows, add.csv one all-null row.
        const { picked } = await readFullset();
        const entry = picked.get('7828')!;
        expect(entry).toMatchObject({ subjectType: 'INDIVIDUAL', primaryName: 'AMDOUNI, Mehrez', programs: ['SDGT'], position: 769, listedOn: null });
        expect(entry.datesOfBirth).toEqual([
          { date: '1969-12-18', rangeEnd: null, approximate: false },
          { date: '1968-05-25', rangeEnd: null, approximate: false },
          { date: '1968-12-18', rangeEnd: null, approximate: false },
          { date: '1969-07-14', rangeEnd: null, approximate: false },
        ]);
        expect(entry.placesOfBirth).toEqual(['Tunis, Tunisia', 'Naples, Italy', 'Algeria']);
        expect(entry.nationalities).toEqual(['TN']);
        expect(entry.identifiers).toEqual([
          { type: 'PASSPORT', value: 'G737411', issuingCountry: 'TN', note: 'Passport; issued 24 Oct 1990 expires 20 Sep 1997' },
          { type: 'PASSPORT', value: '0801888', issuingCountry: 'BA', note: 'Passport' },
        ]);
        expect(strength(entry, 'STRONG')).toEqual([
          'FUSCO, Fabio',
          'HASSAN, Mohamed',
          'AL-AMDOUNI, Mehrez Ben Mahmoud Ben Sassi',
          'HAMDOUNI, Meherez',
          'AMDOUNI, Mehrez ben Tah',
          'AMDOUNI, Meherez ben Ahdoud ben',
        ]);
        expect(entry.aliases.at(-1)).toEqual({ name: 'ABU THALE', kind: 'AKA', strength: 'WEAK' });
        expect(entry.addresses).toEqual([]);
        expect(entry.remarks).toMatch(/^DOB 18 Dec 1969; .* a\.k\.a\. 'ABU THALE'\.$/);
      });

      it('reads an entity with its addresses split into street, city, postal code and ISO country', async () => {
        // 306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",…,"a.k.a. 'BNC'."  alt.csv: 306,220,"aka","NATIONAL BANK OF CUBA"
        // add.csv: 306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland" … 306,202,"Federico Boyd Avenue & 51 Street","Panama City","Panama"
        const { picked } = await readFullset();
        const entry = picked.get('306')!;
        expect(entry).toMatchObject({ subjectType: 'ENTITY', primaryName: 'BANCO NACIONAL DE CUBA', programs: ['CUBA'], position: 3 });
        expect(entry.aliases).toEqual([
          { name: 'NATIONAL BANK OF CUBA', kind: 'AKA', strength: 'STRONG' },
          { name: 'BNC', kind: 'AKA', strength: 'WEAK' },
        ]);
        expect(entry.addresses).toEqual([
          { street: 'Zweierstrasse 35', city: 'Zurich', region: null, postalCode: 'CH-8022', country: 'CH' },
          { street: 'Avenida de Concha Espina 8', city: 'Madrid', region: null, postalCode: 'E-28036', country: 'ES' },
          { street: 'Dai-Ichi Bldg. 6th Floor, 10-2 Nihombashi, 2-chome, Chuo-ku', city: 'Tokyo', region: null, postalCode: '103', country: 'JP' },
          { street: 'Federico Boyd Avenue & 51 Street', city: 'Panama City', region: null, postalCode: null, country: 'PA' },
        ]);
        expect(entry.identifiers).toEqual([]);
      });

      it('reads a vessel: IMO and MMSI from Remarks, call sign as identifier, flag only as text', async () => {
        // 15046,"DOVER","vessel","IRAN",-0- ,"9HEU9","Crude Oil Tanker","299,500","160,576","Panama",-0- ,"Former Vessel Flag
        // Malta; …; Vessel Registration Identification IMO 9218466; MMSI 256872000; Linked To: NATIONAL IRANIAN TANKER COMPANY."
        const { picked } = await readFullset();
        const entry = picked.get('15046')!;
        expect(entry).toMatchObject({ subjectType: 'VESSEL', primaryName: 'DOVER', programs: ['IRAN'], position: 3126, nationalities: [] });
        expect(entry.identifiers).toEqual([
          { type: 'IMO_NUMBER', value: '9218466', issuingCountry: null, note: 'Vessel Registration Identification' },
          { type: 'MMSI', value: '256872000', issuingCountry: null, note: 'MMSI' },
          { type: 'OTHER', value: '9HEU9', issuingCountry: null, note: 'Call Sign' },
        ]);
        expect(entry.aliases).toEqual([{ name: 'DAYLAM', kind: 'FKA', strength: 'STRONG' }]);
        expect(entry.remarks?.split('\n').slice(1)).toEqual([
          'Vessel type: Crude Oil Tanker',
          'Tonnage: 299,500',
          'Gross registered tonnage: 160,576',
          'Vessel flag: Panama',
        ]);
      });

      it('continues Remarks cut at 1,000 characters from sdn_comments.csv, mid-word, before parsing them', async () => {
        // sdn.csv Remarks of 28263 end "…; a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjo"; sdn_comments.csv: 28263,"hn'; Linked To: LAZARUS GROUP."
        const { picked } = await readFullset();
        const entry = picked.get('28263')!;
        expect(entry).toMatchObject({ primaryName: 'TIAN, Yinyin', programs: ['DPRK3', 'CYBER2'], position: 7925, nationalities: ['CN'] });
        expect(entry.remarks).toHaveLength(1_000 + "hn'; Linked To: LAZARUS GROUP.".length);
        expect(entry.remarks).toMatch(/a\.k\.a\. 'snowsjohn'; Linked To: LAZARUS GROUP\.$/);
        expect(entry.aliases).toEqual([
          { name: 'tianyinyin0404', kind: 'AKA', strength: 'WEAK' },
          { name: 'snowsjohn', kind: 'AKA', strength: 'WEAK' },
        ]);
        // E-mail, phone and digital currency addresses are no identifiers: they stay in the remarks.
        expect(entry.identifiers).toEqual([
          { type: 'OTHER', value: '321284198607120616', issuingCountry: 'CN', note: 'Identification Number' },
        ]);
        expect(entry.datesOfBirth).toEqual([{ date: '1986-07-12', rangeEnd: null, approximate: false }]);
        expect(entry.addresses).toEqual([{ street: null, city: 'Nanjing', region: 'Jiangsu', postalCode: null, country: 'CN' }]);
      });
    });

    describe('cons_prim.csv (non-SDN consolidated list, CSV)', () => {
      it('reads 442 entries as OFAC-CONS, with 1,073 strong aliases and the weak ones from Remarks', async () => {
        const source = ofacCsvSource(CONS_CSV);
        expect(source.list).toBe('OFAC-CONS');
        expect(source.snapshot).toBeNull();
        const kinds: Record<string, number> = {};
        const result = await tally(source, ['9647'], (entry) => {
          for (const alias of entry.aliases) if (alias.strength === 'STRONG') kinds[alias.kind] = (kinds[alias.kind] ?? 0) + 1;
        });
        expect(result.count).toBe(442);
        expect(result.bySubjectType).toEqual({ INDIVIDUAL: 79, ENTITY: 363 });
        expect(kinds).toEqual({ AKA: 932, FKA: 141 });
        const zahar = result.picked.get('9647')!;
        expect(zahar.primaryName).toBe('ZAHHAR, Mahmoud Khaled');
        expect(zahar.programs).toEqual(['SDGT', 'NS-PLC']);
        expect(strength(zahar, 'STRONG')).toEqual(['AL ZAHAR, Mahmoud Khaled']);
        expect(strength(zahar, 'WEAK')).toEqual(['ZAHAR, Mahmoud', 'AL-ZAHAR, Mahmoud']);
        expect(zahar.nationalities).toEqual(['PS']);
        expect(zahar.placesOfBirth).toEqual(['Gaza Strip']);
      });
    });

    describe('consolidated.xml (sdn.xml schema)', () => {
      it('reads 443 entries and 1,136 aliases by kind and strength, dated by Publish_Date', async () => {
        const source = ofacXmlSource(CONS_XML);
        expect(source.list).toBe('OFAC-CONS');
        expect(source.snapshot).toBe('2025-03-28');
        const aliases: Record<string, number> = {};
        const result = await tally(source, [], (entry) => {
          for (const alias of entry.aliases) aliases[`${alias.kind} ${alias.strength}`] = (aliases[`${alias.kind} ${alias.strength}`] ?? 0) + 1;
        });
        expect(result.count).toBe(443);
        expect(result.bySubjectType).toEqual({ ENTITY: 363, INDIVIDUAL: 80 });
        expect(aliases).toEqual({ 'AKA STRONG': 925, 'FKA STRONG': 141, 'AKA WEAK': 67, 'FKA WEAK': 3 });
      });

      it('reads uid 9647 field by field, weak aliases included, and agrees with the CSV', async () => {
        const [xml, csv] = await Promise.all([tally(ofacXmlSource(CONS_XML), ['9647']), tally(ofacCsvSource(CONS_CSV), ['9647'])]);
        const entry = xml.picked.get('9647')!;
        expect(entry).toEqual({
          sourceReference: '9647',
          subjectType: 'INDIVIDUAL',
          primaryName: 'ZAHHAR, Mahmoud Khaled',
          aliases: [
            { name: 'AL ZAHAR, Mahmoud Khaled', kind: 'AKA', strength: 'STRONG' },
            { name: 'ZAHAR, Mahmoud', kind: 'AKA', strength: 'WEAK' },
            { name: 'AL-ZAHAR, Mahmoud', kind: 'AKA', strength: 'WEAK' },
          ],
          // idList holds only `Secondary sanctions risk:` and `Gender`: remarks, not identifiers.
          identifiers: [],
          // <country>Region: Gaza</country>
          addresses: [{ street: null, city: null, region: null, postalCode: null, country: 'PS' }],
          datesOfBirth: [{ date: '1945', rangeEnd: null, approximate: false }],
          placesOfBirth: ['Gaza Strip'],
          nationalities: ['PS'],
          programs: ['NS-PLC', 'SDGT'],
          listedOn: null,
          unknownFields: [],
          remarks:
            '(Linked To: HAMAS)\nSecondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886\nGender Male',
          position: 275,
        });
        const fromCsv = csv.picked.get('9647')!;
        expect(fromCsv.aliases).toEqual(entry.aliases);
        expect(fromCsv.addresses).toEqual(entry.addresses);
        expect(fromCsv.datesOfBirth).toEqual(entry.datesOfBirth);
      });

      it('keeps real identifiers from idList and routes Website and sanction notes to the remarks (uid 17013)', async () => {
        const { picked } = await tally(ofacXmlSource(CONS_XML), ['17013']);
        const entry = picked.get('17013')!;
        expect(entry).toMatchObject({ subjectType: 'ENTITY', primaryName: 'VTB BANK PUBLIC JOINT STOCK COMPANY', position: 2423 });
        expect(entry.programs).toEqual(['UKRAINE-EO13662', 'RUSSIA-EO14024']);
        expect(entry.identifiers).toEqual([
          { type: 'COMPANY_REGISTRATION', value: '1027739609391', issuingCountry: 'RU', note: 'Registration ID' },
          { type: 'COMPANY_REGISTRATION', value: '00032520', issuingCountry: 'RU', note: 'Government Gazette Number' },
          { type: 'TAX_ID', value: '7702070139', issuingCountry: 'RU', note: 'Tax ID No.' },
          { type: 'OTHER', value: '1000', issuingCountry: 'RU', note: 'License' },
          { type: 'COMPANY_REGISTRATION', value: '253400V1H6ART1UQ0N98', issuingCountry: null, note: 'Legal Entity Number' },
          { type: 'OTHER', value: '044030707', issuingCountry: null, note: 'BIK (RU)' },
          { type: 'OTHER', value: '044525187', issuingCountry: null, note: 'BIK (RU)' },
          { type: 'SWIFT_BIC', value: 'VTBRRUMM', issuingCountry: null, note: 'SWIFT/BIC' },
        ]);
        expect(entry.remarks?.split('\n')).toEqual([
          'For more information on directives, please visit the following link: http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives.',
          'Website www.vtb.com',
          'Website www.vtb.ru',
          'Executive Order 13662 Directive Determination - Subject to Directive 1',
          'Organization Established Date 17 Oct 1990',
          'Target Type Financial Institution',
          'Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209',
          'Secondary sanctions risk: See Section 11 of Executive Order 14024.',
        ]);
        expect(entry.aliases).toHaveLength(28);
        expect(entry.aliases.filter((alias) => alias.kind === 'FKA')).toHaveLength(21);
        expect(strength(entry, 'WEAK')).toEqual(['JSC VTB BANK NEW DELHI BRANCH']);
        expect(entry.addresses).toHaveLength(12);
        expect(entry.addresses[0]).toEqual({ street: '29, Bolshaya Morskaya str.', city: 'St. Petersburg', region: null, postalCode: '190000', country: 'RU' });
        expect(entry.addresses[9]).toEqual({
          street: 'The Taj Mahal Hotel, Lobby Mezzanine Floor 1, Mansingh Road',
          city: 'New Delhi',
          region: null,
          postalCode: '110001',
          country: 'IN',
        });
      });
    });

    describe('malformed and cut-off files', () => {
      let scratch: string;
      beforeAll(async () => {
        scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-ofac-'));
      });
      afterAll(async () => {
        await fs.rm(scratch, { recursive: true, force: true });
      });

      /** Writes `content` as `name` in a fresh folder under the scratch folder. */
      async function scratchFile(folder: string, name: string, content: Buffer | string): Promise<string> {
        const dir = path.join(scratch, folder);
        await fs.mkdir(dir, { recursive: true });
        await fs.writeFile(path.join(dir, name), content);
        return path.join(dir, name);
      }

      it('refuses a CSV cut inside a quoted cell, naming the line', async () => {
        const head = await readHead(path.join(FULLSET, 'sdn.csv'), 64 * 1024);
        const start = lineStart(head, 100);
        const cut = head.indexOf('"', start) + 3;
        const file = await scratchFile('cut-in-quote', 'sdn.csv', head.subarray(0, cut));
        const error = await failure(ofacCsvSource(file));
        expect(error.file).toBe(file);
        expect(error.where).toBe('line 100');
        expect(error.reason).toMatch(/quote/i);
      });

      it('refuses a CSV cut inside the null marker that ends a row', async () => {
        const head = await readHead(path.join(FULLSET, 'sdn.csv'), 64 * 1024);
        // Line 50 onwards: the first row ending in `-0- ` (no Remarks); cut after `-0`.
        let line = 50;
        while (!head.subarray(lineStart(head, line), lineStart(head, line + 1)).toString().endsWith('-0- \r\n')) line++;
        const file = await scratchFile('cut-in-null', 'sdn.csv', head.subarray(0, lineStart(head, line + 1) - 4));
        const error = await failure(ofacCsvSource(file));
        expect(error.where).toBe(`line ${line}`);
        expect(error.reason).toMatch(/cut-off/);
      });

      it('refuses a cut-off gzip file', async () => {
        const head = await readHead(SDN_2024_04_26_GZ, 100_000);
        const file = await scratchFile('cut-gz', 'sdn.csv.gz', head);
        const error = await failure(ofacCsvSource(file));
        expect(error.where).toMatch(/^line \d+$/);
      });

      it('refuses a row with the wrong number of columns or a non-numeric ent_num', async () => {
        const good = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';
        const short = await scratchFile('short-row', 'sdn.csv', `${good}${good}173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA"\r\n${good}`);
        const shortError = await failure(ofacCsvSource(path.dirname(short)));
        expect(shortError).toMatchObject({ file: short, where: 'line 3' });
        expect(shortError.reason).toMatch(/expected 12 columns, found 4/);

        const notNumber = await scratchFile('ent-num', 'sdn.csv', `${good}${good.replace('36,', 'X36,')}`);
        const numberError = await failure(ofacCsvSource(notNumber));
        expect(numberError.where).toBe('line 2');
        expect(numberError.reason).toMatch(/ent_num "X36" is not a number/);
      });

      it('refuses an XML file cut inside an element, naming the last line', async () => {
        const head = await readHead(CONS_XML, 200_000);
        const file = await scratchFile('cut-xml', 'consolidated.xml', head);
        const lines = head.toString('utf8').split('\n').length;
        const error = await failure(ofacXmlSource(file));
        expect(error.where).toBe(`line ${lines}`);
        expect(error.reason).toMatch(/ends early/);
      });

      it('refuses malformed XML with the line saxes reports', async () => {
        const xml = '<?xml version="1.0"?>\n<sdnList>\n<sdnEntry><uid>1</uid><sdnType>Entity</sdnType>\n<lastName>A</lastNam></sdnEntry></sdnList>\n';
        const file = await scratchFile('bad-xml', 'sdn.xml', xml);
        const error = await failure(ofacXmlSource(file));
        expect(error.where).toBe('line 4');
        expect(error.reason).toMatch(/close tag/);
      });
    });
  },
);

describe('OFAC text conventions', () => {
  it('reads dates of birth: exact, month, year, circa, ranges', () => {
    expect(ofacDateOfBirth('12 Jan 1970')).toEqual({ date: '1970-01-12', rangeEnd: null, approximate: false });
    expect(ofacDateOfBirth('Sep 1938')).toEqual({ date: '1938-09', rangeEnd: null, approximate: false });
    expect(ofacDateOfBirth('1970')).toEqual({ date: '1970', rangeEnd: null, approximate: false });
    expect(ofacDateOfBirth('circa 1968')).toEqual({ date: '1968', rangeEnd: null, approximate: true });
    expect(ofacDateOfBirth('circa 07 Jul 1966')).toEqual({ date: '1966-07-07', rangeEnd: null, approximate: true });
    expect(ofacDateOfBirth('1965 to 1967')).toEqual({ date: '1965', rangeEnd: '1967', approximate: false });
    expect(ofacDateOfBirth('01 Jan 1961 to 31 Dec 1962')).toEqual({ date: '1961-01-01', rangeEnd: '1962-12-31', approximate: false });
    expect(ofacDateOfBirth('Mar 1962 to Feb 1963')).toEqual({ date: '1962-03', rangeEnd: '1963-02', approximate: false });
    expect(ofacDateOfBirth('circa 1979-1982')).toEqual({ date: '1979', rangeEnd: '1982', approximate: true });
    expect(ofacDateOfBirth('31 Feb 1970')).toBeNull();
    expect(ofacDateOfBirth('1967 to 1965')).toBeNull();
  });

  it('splits programs written as `A] [B`', () => {
    expect(splitPrograms('SDGT] [NS-PLC')).toEqual(['SDGT', 'NS-PLC']);
    expect(splitPrograms('[IRAN]')).toEqual(['IRAN']);
    expect(splitPrograms(null)).toEqual([]);
  });

  it('splits the city/state/postal cell best effort', () => {
    expect(splitCityCell('London EC3N 1DY')).toEqual({ city: 'London', region: null, postalCode: 'EC3N 1DY' });
    expect(splitCityCell('Mexico, D.F. 11570')).toEqual({ city: 'Mexico', region: 'D.F.', postalCode: '11570' });
    expect(splitCityCell('Tijuana, Baja California CP 22320')).toEqual({ city: 'Tijuana', region: 'Baja California', postalCode: 'CP 22320' });
    expect(splitCityCell('0578 Oslo')).toEqual({ city: 'Oslo', region: null, postalCode: '0578' });
    expect(splitCityCell('La Union, Valle')).toEqual({ city: 'La Union', region: 'Valle', postalCode: null });
  });

  it('maps identifier labels in Remarks, unknown ones to OTHER with the label kept', () => {
    const facts = parseOfacRemarks(
      "Cedula No. 6068015 (Colombia); RUC # 20108363101 (Peru); Aircraft Manufacturer's Serial Number (MSN) 1023409321; " +
        'Aircraft Tail Number EP-MNE; Identification Number IMO 5342883; Pilot License Number PL00825 (Barbados); ' +
        "Registration Number HRA 738077 (Stuttgart) (Germany); Phone Number 982188526300; Website www.x.ir; citizen Iran; f.k.a. 'OLD NAME'.",
    );
    expect(facts.identifiers).toEqual([
      { type: 'NATIONAL_ID', value: '6068015', issuingCountry: 'CO', note: 'Cedula No.' },
      { type: 'TAX_ID', value: '20108363101', issuingCountry: 'PE', note: 'RUC #' },
      { type: 'AIRCRAFT_SERIAL', value: '1023409321', issuingCountry: null, note: "Aircraft Manufacturer's Serial Number (MSN)" },
      { type: 'AIRCRAFT_REGISTRATION', value: 'EP-MNE', issuingCountry: null, note: 'Aircraft Tail Number' },
      { type: 'IMO_NUMBER', value: '5342883', issuingCountry: null, note: 'Identification Number' },
      { type: 'OTHER', value: 'PL00825', issuingCountry: 'BB', note: 'Pilot License Number' },
      { type: 'COMPANY_REGISTRATION', value: 'HRA 738077 (Stuttgart)', issuingCountry: 'DE', note: 'Registration Number' },
    ]);
    expect(facts.nationalities).toEqual(['IR']);
    expect(facts.aliases).toEqual([{ name: 'OLD NAME', kind: 'FKA', strength: 'WEAK' }]);
  });
});
