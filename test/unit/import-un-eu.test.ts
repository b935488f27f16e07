import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { euFsfXmlSource } from '../../src/modules/imports/formats/eu-fsf-xml.ts';
import { unXmlSource } from '../../src/modules/imports/formats/un-xml.ts';
import { MalformedInputError, type ImportedEntry, type ImportSource } from '../../src/modules/imports/imported-entry.ts';
import { partialDateBounds } from '../../src/lib/partial-dates.ts';
import { SANCTIONS_DATA } from '../support/sanctions-data.ts';

const dataDir = SANCTIONS_DATA;
const exists = existsSync(dataDir);
const UN_2026 = path.join(dataDir, 'un/consolidated_2026-02-27.xml');
const UN_2025 = path.join(dataDir, 'un/consolidated_2025-11-20.xml');
const EU_EXCERPT = path.join(dataDir, 'eu/eu_fsf_excerpt_2026-08-05.xml');

async function collect(source: ImportSource): Promise<ImportedEntry[]> {
  const entries: ImportedEntry[] = [];
  for await (const entry of source.entries()) entries.push(entry);
  return entries;
}

const byReference = (entries: readonly ImportedEntry[], reference: string): ImportedEntry => {
  const entry = entries.find((candidate) => candidate.sourceReference === reference);
  if (!entry) throw new Error(`no entry ${reference}`);
  return entry;
};

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

let tmp = '';
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-un-eu-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!exists)(`UN Security Council XML${exists ? '' : ' (skipped: ../shared/data/sanctions/ not found next to the repository)'}`, () => {
  let entries: ImportedEntry[] = [];
  beforeAll(async () => {
    entries = await collect(unXmlSource(UN_2026));
  });

  it('reads the list name and the snapshot date from dateGenerated', () => {
    const source = unXmlSource(UN_2026);
    expect(source.list).toBe('UN-SC');
    expect(source.snapshot).toBe('2026-02-27');
  });

  it('yields the 730 individuals and 273 entities of 2026-02-27 in file order, each under its own DATAID', () => {
    expect(tally(entries.map((entry) => entry.subjectType))).toEqual({ INDIVIDUAL: 730, ENTITY: 273 });
    expect(new Set(entries.map((entry) => entry.sourceReference)).size).toBe(1003);
    expect(entries.map((entry) => entry.position)).toEqual(entries.map((_, index) => index + 1));
    expect(entries[0]).toMatchObject({ sourceReference: '6907993', primaryName: 'ERIC BADEGE', position: 1 });
  });

  it('maps alias QUALITY Good to strong and Low to weak, skips the 169 empty aliases, and adds NAME_ORIGINAL_SCRIPT as a strong alias', () => {
    const text = readFileSync(UN_2026, 'utf8');
    const [individualsXml = '', entitiesXml = ''] = text.split('<ENTITIES>');
    const originalScripts = (xml: string) => (xml.match(/<NAME_ORIGINAL_SCRIPT>[^<]*\S[^<]*</g) ?? []).length;
    const aliases = (type: string) =>
      tally(entries.filter((entry) => entry.subjectType === type).flatMap((entry) => entry.aliases.map((alias) => `${alias.kind} ${alias.strength}`)));
    // README: 2,308 INDIVIDUAL_ALIAS = Good 1,524 + Low 615 + empty 169 (all of which have no ALIAS_NAME).
    expect(aliases('INDIVIDUAL')).toEqual({ 'AKA STRONG': 1524 + originalScripts(individualsXml), 'AKA WEAK': 615 });
    // 735 ENTITY_ALIAS: QUALITY is a.k.a. (594) or f.k.a. (19), and 122 are empty.
    expect(aliases('ENTITY')).toEqual({ 'AKA STRONG': 594 + originalScripts(entitiesXml), 'FKA STRONG': 19 });
  });

  it('takes programs from UN_LIST_TYPE with the README counts', () => {
    expect(tally(entries.flatMap((entry) => entry.programs))).toEqual({
      'Al-Qaida': 341,
      DPRK: 155,
      Taliban: 140,
      Iran: 121,
      Iraq: 75,
      DRC: 53,
      Libya: 30,
      Somalia: 24,
      CAR: 15,
      Haiti: 11,
      Yemen: 11,
      GB: 10,
      Sudan: 9,
      SouthSudan: 8,
    });
  });

  it('gives only well-formed partial dates, alpha-2 countries and listing dates', () => {
    for (const entry of entries) {
      expect(entry.listedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const dob of entry.datesOfBirth) {
        expect(partialDateBounds(dob.date), `${entry.sourceReference} ${dob.date}`).not.toBeNull();
        if (dob.rangeEnd) expect(partialDateBounds(dob.rangeEnd)).not.toBeNull();
      }
      for (const code of [...entry.nationalities, ...entry.addresses.map((a) => a.country), ...entry.identifiers.map((i) => i.issuingCountry)]) {
        if (code !== null) expect(code).toMatch(/^[A-Z]{2}$/);
      }
      for (const identifier of entry.identifiers) expect(identifier.value.trim()).toBe(identifier.value);
    }
  });

  it('reads SIRAJUDDIN HAQQANI (2785696): a BETWEEN date of birth marked approximately, a Low alias, four places of birth', () => {
    const entry = byReference(entries, '2785696');
    expect(entry).toMatchObject({
      subjectType: 'INDIVIDUAL',
      primaryName: 'SIRAJUDDIN JALLALOUDINE HAQQANI',
      programs: ['Taliban'],
      listedOn: '2007-09-13',
      nationalities: ['AF'],
      datesOfBirth: [{ date: '1977', rangeEnd: '1978', approximate: true }],
      // The published UN reference, which other lists quote, next to the DATAID the entry is matched by.
      identifiers: [{ type: 'OTHER', value: 'TAi.144', issuingCountry: null, note: 'UN Security Council reference number' }],
    });
    expect(entry.aliases).toEqual([
      { name: 'سراج الدين جلال الدين حقانى', kind: 'AKA', strength: 'STRONG' },
      { name: 'Siraj Haqqani', kind: 'AKA', strength: 'STRONG' },
      { name: 'Serajuddin Haqani', kind: 'AKA', strength: 'STRONG' },
      { name: 'Siraj Haqani', kind: 'AKA', strength: 'STRONG' },
      { name: 'Saraj Haqani', kind: 'AKA', strength: 'STRONG' },
      { name: 'Khalifa', kind: 'AKA', strength: 'WEAK' },
    ]);
    expect(entry.placesOfBirth).toEqual([
      'Danda, Miramshah, North Waziristan, Pakistan',
      'Khost province, Afghanistan',
      'Neka district, Paktika province, Afghanistan',
      'Srana village, Garda Saray district, Paktia province, Afghanistan',
    ]);
    expect(entry.addresses).toHaveLength(3);
    expect(entry.addresses[1]).toEqual({ street: null, city: "Manba'ul uloom Madrasa, Miramshah", region: 'North Waziristan', postalCode: null, country: 'PK' });
    expect(entry.remarks).toMatch(/^Heading the Haqqani Network \(TAe\.012\) as of late 2012\. Son of Jalaluddin Haqqani \(TAi\.040\)\./);
    expect(entry.remarks).toContain("\nDesignation: Na'ib Amir (Deputy Commander)");
  });

  it('reads PACIFIQUE NTAWUNGUKA (6908015): an EXACT and an APPROXIMATELY date of birth, two DESIGNATION values', () => {
    const entry = byReference(entries, '6908015');
    expect(entry).toMatchObject({
      primaryName: 'PACIFIQUE NTAWUNGUKA',
      programs: ['DRC'],
      listedOn: '2009-03-03',
      nationalities: ['RW'],
      placesOfBirth: ['Gaseke, Gisenyi Province, Rwanda'],
      addresses: [{ street: null, city: 'Rutshuru Territory', region: 'North Kivu', postalCode: null, country: 'CD' }],
    });
    expect(entry.datesOfBirth).toEqual([
      { date: '1964-01-01', rangeEnd: null, approximate: false },
      { date: '1964', rangeEnd: null, approximate: true },
    ]);
    expect(entry.aliases.map((alias) => `${alias.name}/${alias.strength}`)).toEqual(['Colonel Omega/WEAK', 'Nzeri/WEAK', 'Israel/WEAK', 'Pacifique Ntawungula/STRONG']);
    expect(entry.remarks?.split('\n').slice(1)).toEqual(['Designation: FDLR-FOCA “SONOKI” Sector Commander', 'Designation: FDLR-FOCA Brigadier General']);
  });

  it('reads AKHTAR MOHAMMAD MANSOUR (111090): four name parts, the Arabic original script, a passport with its issue details', () => {
    const entry = byReference(entries, '111090');
    expect(entry.primaryName).toBe('AKHTAR MOHAMMAD MANSOUR SHAH MOHAMMED');
    expect(entry.aliases[0]).toEqual({ name: 'اختر محمد منصور شاه محمد', kind: 'AKA', strength: 'STRONG' });
    expect(entry.aliases.slice(1).map((alias) => `${alias.name}/${alias.strength}`)).toEqual([
      'Akhtar Mohammad Mansour Khan Muhammad/STRONG',
      'Akhtar Muhammad Mansoor/STRONG',
      'Akhtar Mohammad Mansoor/STRONG',
      'Naib Imam/WEAK',
    ]);
    expect(entry.identifiers).toEqual([
      { type: 'PASSPORT', value: 'SE-011697', issuingCountry: 'AF', note: 'Passport; issued 1988-01-25 in Kabul; expired on 23 Feb. 2000' },
      { type: 'OTHER', value: 'TAi.011', issuingCountry: null, note: 'UN Security Council reference number' },
    ]);
    expect(entry.datesOfBirth).toEqual([
      { date: '1960', rangeEnd: null, approximate: true },
      { date: '1966', rangeEnd: null, approximate: false },
    ]);
    expect(entry.addresses).toEqual([]);
    expect(entry.remarks?.split('\n').slice(1)).toEqual([
      'Designation: Minister of Civil Aviation and Transportation under the Taliban regime',
      'Title: Maulavi',
      'Title: Mullah',
    ]);
  });

  it('types documents by TYPE_OF_DOCUMENT2 when it names a type, keeping the label in the note', () => {
    const identifiers = entries.flatMap((entry) => entry.identifiers);
    expect(identifiers.find((id) => id.value === '1-78-09-44621-80')).toEqual({
      type: 'OTHER',
      value: '1-78-09-44621-80',
      issuingCountry: null,
      note: 'National Identification Number (FARDC ID)',
    });
    expect(tally(identifiers.map((id) => id.type))).toMatchObject({ PASSPORT: expect.any(Number), NATIONAL_ID: expect.any(Number) });
  });

  it('reads the 2025-11-20 snapshot: 727 individuals and 273 entities', async () => {
    const source = unXmlSource(UN_2025);
    expect(source.snapshot).toBe('2025-11-20');
    const previous = await collect(source);
    expect(tally(previous.map((entry) => entry.subjectType))).toEqual({ INDIVIDUAL: 727, ENTITY: 273 });
    expect(tally(previous.flatMap((entry) => entry.programs))).toMatchObject({ Sudan: 5, Iraq: 76 });
  });

  it('reads a gzip copy the same way, snapshot included', async () => {
    const file = path.join(tmp, 'un.xml.gz');
    await fs.writeFile(file, gzipSync(readFileSync(UN_2026)));
    const source = unXmlSource(file);
    expect(source.snapshot).toBe('2026-02-27');
    expect((await collect(source)).length).toBe(1003);
  });

  it('stops with MalformedInputError naming the last line when the file is cut mid-element', async () => {
    const text = readFileSync(UN_2026, 'utf8');
    const cut = text.slice(0, text.indexOf('<QUALITY>', 300_000) + 4);
    const file = path.join(tmp, 'un-truncated.xml');
    await fs.writeFile(file, cut);
    const read: ImportedEntry[] = [];
    const failure = await (async () => {
      try {
        for await (const entry of unXmlSource(file).entries()) read.push(entry);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(failure).toBeInstanceOf(MalformedInputError);
    expect(failure).toMatchObject({ file, where: `line ${cut.split('\n').length}` });
    expect((failure as MalformedInputError).reason).toMatch(/ends too early/);
    // The entries before the cut were complete and came through first.
    expect(read.length).toBeGreaterThan(100);
  });

  it('stops with MalformedInputError naming the line of a mismatched closing tag', async () => {
    const file = path.join(tmp, 'un-mismatched.xml');
    await fs.writeFile(
      file,
      ['<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">', '<INDIVIDUALS>', '<INDIVIDUAL>', '<DATAID>1</DATAID>', '<FIRST_NAME>A</FIRST_NAM>', '</INDIVIDUAL>', '</INDIVIDUALS>', '</CONSOLIDATED_LIST>'].join('\n'),
    );
    await expect(collect(unXmlSource(file))).rejects.toMatchObject({ name: 'MalformedInputError', file, where: 'line 5' });
  });

  it('refuses an entry without a DATAID, naming its line', async () => {
    const file = path.join(tmp, 'un-no-id.xml');
    await fs.writeFile(file, '<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n<FIRST_NAME>A</FIRST_NAME>\n</INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n');
    const source = unXmlSource(file);
    expect(source.snapshot).toBeNull();
    await expect(collect(source)).rejects.toMatchObject({ name: 'MalformedInputError', where: 'line 3', reason: 'INDIVIDUAL without a DATAID' });
  });
});

describe.skipIf(!exists)(`EU Financial Sanctions Files XML${exists ? '' : ' (skipped: ../shared/data/sanctions/ not found next to the repository)'}`, () => {
  let entries: ImportedEntry[] = [];
  beforeAll(async () => {
    entries = await collect(euFsfXmlSource(EU_EXCERPT));
  });

  it('reads the list name, the snapshot date from generationDate, and the five entries by euReferenceNumber', () => {
    const source = euFsfXmlSource(EU_EXCERPT);
    expect(source.list).toBe('EU-FSF');
    expect(source.snapshot).toBe('2026-08-05');
    expect(entries.map((entry) => `${entry.sourceReference} ${entry.subjectType} ${entry.programs.join()}`)).toEqual([
      'EU.3579.2 INDIVIDUAL TERR',
      'EU.502.12 INDIVIDUAL AFG',
      'EU.3953.70 ENTITY IRN',
      'EU.3886.3 INDIVIDUAL LBY',
      'EU.3092.36 INDIVIDUAL TAQA',
    ]);
  });

  it('keeps all 45 nameAlias: one primary name per entry, the rest aliases', () => {
    expect(entries.reduce((names, entry) => names + 1 + entry.aliases.length, 0)).toBe(45);
    expect(entries.map((entry) => entry.primaryName)).toEqual([
      'Khalid Sheikh MOHAMMED',
      'Ahmed Jan Akhundzada Wazir',
      'Parchin Chemical Industries (PCI)',
      'Abu Zayd Umar DORDA',
      'Ibrahim Hassan Tali Al-Asiri',
    ]);
  });

  it('reads Parchin Chemical Industries: multilingual aliases, six addresses, a registration number', () => {
    const entry = byReference(entries, 'EU.3953.70');
    expect(entry).toMatchObject({ subjectType: 'ENTITY', listedOn: '2008-06-23', programs: ['IRN'], datesOfBirth: [], nationalities: [] });
    expect(entry.aliases.map((alias) => alias.name)).toEqual([
      'Tionscail Ceimiceán Parchin',
      'Parcsini Vegyipari Vállalat',
      'Industrias Químicas Parchin',
      'Parchin-Militärbasis',
      'Parchin Chemical Ind (PCF)',
      'Para Chemical Industries',
      'PCF',
      'صنایع شیمیایی پارچین',
      'PCF Chemical Industries Group',
      'Parchin Chemical Factories Chemical Industries Group',
      'PCI',
      'PCI Group',
      'Parchin Chemical Industry Group',
      'Parchin Chemical Factories',
      'Parchin Military Base',
    ]);
    expect(entry.aliases.every((alias) => alias.kind === 'AKA' && alias.strength === 'STRONG')).toBe(true);
    expect(entry.addresses).toHaveLength(6);
    expect(entry.addresses[0]).toEqual({ street: 'Pasdaran Square, P.O. Box 16765/358', city: 'Tehran', region: null, postalCode: null, country: 'IR' });
    expect(entry.addresses[1]?.street).toBe('Khavaran Road Km 30-35, Parchin Special Road');
    expect(entry.addresses[5]).toEqual({ street: 'Nobonyad Square', city: 'Tehran', region: null, postalCode: '15765-358', country: 'IR' });
    expect(entry.identifiers).toEqual([
      { type: 'COMPANY_REGISTRATION', value: '892', issuingCountry: null, note: 'Registration Number; Registration no.: Cooperative Company Registration No 892' },
    ]);
    expect(entry.remarks).toContain('Designation details: UN designation:24/03/2007 (no longer valid)');
    expect(entry.remarks).toContain('Associated entities:\nMinistry of Defense and Armed Forces Logistics (MODAFL);\n');
    expect(entry.remarks).toContain('PCF: Parchin Chemical Factories');
  });

  it('reads Ibrahim al-Asiri: low-quality aliases (typo "aliias" included) are weak, the Hijri birthdate keeps only its Gregorian date', () => {
    const entry = byReference(entries, 'EU.3092.36');
    expect(entry.aliases.filter((alias) => alias.strength === 'WEAK').map((alias) => alias.name)).toEqual(['Abu-Salaah', 'Abosslah', 'Abu Saleh']);
    expect(entry.aliases).toHaveLength(14);
    expect(entry.aliases.map((alias) => alias.name)).toContain('Ibrahim Hasan Tali al-’Asiri');
    expect(entry.aliases.slice(0, 2).map((alias) => alias.name)).toEqual(['إبراهيم حسن طالع عسيري', 'إبراهيم حسن طالع العسيري']);
    expect(entry.datesOfBirth).toEqual([
      { date: '1982-04-18', rangeEnd: null, approximate: false },
      { date: '1982-04-19', rangeEnd: null, approximate: false },
      { date: '1982-04-19', rangeEnd: null, approximate: false },
    ]);
    expect(entry).toMatchObject({ listedOn: '2011-03-24', nationalities: ['SA'], placesOfBirth: ['Riyadh, Saudi Arabia'], programs: ['TAQA'] });
    expect(entry.addresses).toEqual([{ street: null, city: null, region: null, postalCode: null, country: 'YE' }]);
    expect(entry.identifiers).toEqual([
      { type: 'NATIONAL_ID', value: '1028745097', issuingCountry: 'SA', note: 'National identification card; (national civil identification number)' },
      {
        type: 'PASSPORT',
        value: 'F654645',
        issuingCountry: 'SA',
        note: 'National passport; issued 2005-04-30; valid to 2010-03-07; known expired; Saudi Arabian passport number, issued on 30.4.2005, expired on 7.3.2010, issue date in Hijri Calendar 24.06.1426, expiry date in Hijri Calendar 21.03.1431',
      },
    ]);
    expect(entry.remarks).toMatch(/^Function: Operative and principal bomb maker of Al-Qaida in the Arabian Peninsula \(AQAP\)\nIbrahim Hassan Tali Al-Asiri: Believed to be hiding in Yemen/);
  });

  it('collapses double spaces in names and reads circa year ranges, places of birth and an absent designationDate', () => {
    const dorda = byReference(entries, 'EU.3886.3');
    expect(dorda.aliases.map((alias) => alias.name)).toContain('Abu Zayd Umar Hmeid Dorda');
    expect(dorda.identifiers[0]).toMatchObject({ type: 'PASSPORT', value: 'FK117RK0', issuingCountry: 'LY' });
    expect(dorda.remarks).toContain('UN reference: LYi.006');
    const akhundzada = byReference(entries, 'EU.502.12');
    expect(akhundzada.datesOfBirth[0]).toEqual({ date: '1953', rangeEnd: '1958', approximate: true });
    expect(akhundzada.placesOfBirth).toEqual(['Tirin Kot District, Uruzgan Province, Afghanistan', 'Kandahar province, Afghanistan']);
    const mohammed = byReference(entries, 'EU.3579.2');
    expect(mohammed).toMatchObject({ listedOn: null, placesOfBirth: ['Pakistan'], identifiers: [{ type: 'PASSPORT', value: '488555', issuingCountry: null }] });
  });

  it('stops with MalformedInputError on malformed XML and on a cut-off file', async () => {
    const text = readFileSync(EU_EXCERPT, 'utf8');
    const broken = path.join(tmp, 'eu-broken.xml');
    await fs.writeFile(broken, text.replace('<subjectType code="enterprise" classificationCode="E" />', '<subjectType code="enterprise" classificationCode=E />'));
    const brokenLine = text.slice(0, text.indexOf('classificationCode="E"')).split('\n').length;
    await expect(collect(euFsfXmlSource(broken))).rejects.toMatchObject({ name: 'MalformedInputError', where: `line ${brokenLine}` });

    const cut = path.join(tmp, 'eu-cut.xml');
    await fs.writeFile(cut, text.slice(0, text.indexOf('<sanctionEntity', 1000) + 20));
    await expect(collect(euFsfXmlSource(cut))).rejects.toBeInstanceOf(MalformedInputError);
  });
});
