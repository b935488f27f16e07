import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { CsvError, parse, type Info } from 'csv-parse';
import type { AliasKind, AliasStrength, IdentifierType, SubjectType } from '../../../db/schema/index.ts';
import { isValidImoNumber, normalizeIdentifier } from '../../../lib/identifiers.ts';
import { partialDateBounds } from '../../../lib/partial-dates.ts';
import {
  emptyEntry,
  MalformedInputError,
  type ImportedAddress,
  type ImportedAlias,
  type ImportedDateOfBirth,
  type ImportedEntry,
  type ImportedIdentifier,
  type ImportSource,
  type UnknownField,
} from '../imported-entry.ts';
import { ImportErrors } from '../import.errors.ts';
import { describeFound, readHeadText, requireSource } from './recognise.ts';
import { countryCode, openSourceFile } from './source-files.ts';

/**
 * The OFSI Consolidated List in its ConList CSV layout: row 1 `Last Updated,dd/mm/yyyy`,
 * row 2 the header, then one row per name variant (and, for people with several dates of
 * birth, per name × date). The rows of a designation share a `Group ID` but are not
 * contiguous: the file is sorted by name, so a group's rows are spread over the file. To
 * stream anyway, a first pass counts the rows of each group, and the second emits a group
 * as soon as its last row has been read (at most 718 groups are open at once in the
 * 2025-04-10 file). Entries therefore come in the order their groups complete, which is the
 * same on every read of the same file. The first pass also finds every structural fault (a
 * row of the wrong width, broken quoting, damaged gzip) before any entry is emitted.
 */
export function ukOfsiCsvSource(file: string): ImportSource {
  const snapshot = readSnapshot(file);
  return { list: 'UK-OFSI', snapshot, check: () => checkOfsiHead(file), entries: () => ofsiEntries(file, snapshot) };
}

const COLUMNS = [
  'Name 6', 'Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Title', 'Name Non-Latin Script',
  'DOB', 'Town of Birth', 'Country of Birth', 'Nationality', 'Passport Number', 'Passport Details',
  'National Identification Number', 'National Identification Details', 'Position',
  'Address 1', 'Address 2', 'Address 3', 'Address 4', 'Address 5', 'Address 6', 'Post/Zip Code', 'Country',
  'Other Information', 'Group Type', 'Alias Type', 'Alias Quality', 'Regime', 'Listed On', 'Group ID',
] as const;
type Column = (typeof COLUMNS)[number];
/** Columns of the ConList layout that the entries do not need (the language of a non-Latin name, OFSI's own dates). */
const UNUSED_COLUMNS = new Set(['Non-Latin Script Type', 'Non-Latin Script Language', 'UK Sanctions List Date Designated', 'Last Updated']);
/** Without these a row cannot be placed in a designation at all: a file lacking them is not a ConList. */
const DEFINING_COLUMNS: readonly Column[] = ['Name 6', 'Group Type', 'Alias Type', 'Regime', 'Group ID'];

const GROUP_TYPES: Readonly<Record<string, SubjectType>> = { Individual: 'INDIVIDUAL', Entity: 'ENTITY', Ship: 'VESSEL' };
/** The rank of each name row in the choice of the primary name (lowest wins), and its alias kind. */
const ALIAS_TYPES: Readonly<Record<string, { rank: number; kind: AliasKind }>> = {
  'Primary name': { rank: 0, kind: 'AKA' },
  'Primary name variation': { rank: 1, kind: 'AKA' },
  AKA: { rank: 2, kind: 'AKA' },
  FKA: { rank: 3, kind: 'FKA' },
};
const ALIAS_QUALITIES: Readonly<Record<string, AliasStrength>> = {
  '': 'STRONG',
  Good: 'STRONG',
  'Good quality': 'STRONG',
  Low: 'WEAK',
  'Low quality': 'WEAK',
};
const LAST_UPDATED = /^\uFEFF?"?Last Updated"?,"?(\d{2}\/\d{2}\/\d{4})"?,*\s*$/;

async function* ofsiEntries(file: string, snapshot: string | null): AsyncGenerator<ImportedEntry> {
  const name = path.basename(file);
  if (!snapshot) throw new MalformedInputError(name, 'line 1', 'expected "Last Updated,dd/mm/yyyy"');
  const rowsPerGroup = new Map<string, number>();
  for await (const row of ofsiRows(file)) {
    const id = row.get('Group ID');
    rowsPerGroup.set(id, (rowsPerGroup.get(id) ?? 0) + 1);
  }
  const open = new Map<string, OfsiGroup>();
  for await (const row of ofsiRows(file)) {
    const id = row.get('Group ID');
    const group = open.get(id) ?? new OfsiGroup(name, row);
    open.set(id, group);
    group.add(row);
    const expected = rowsPerGroup.get(id) ?? 0;
    if (group.rows > expected) throw new MalformedInputError(name, `line ${row.line}`, 'the file changed while it was read');
    if (group.rows === expected) {
      open.delete(id);
      yield group.build();
    }
  }
  const [unfinished] = open.values();
  if (unfinished) throw new MalformedInputError(name, `line ${unfinished.firstLine}`, 'the file changed while it was read');
}

/** One designation's rows, folded as they arrive: names, dates and addresses de-duplicated. */
class OfsiGroup {
  rows = 0;
  readonly firstLine: number;
  private readonly id: string;
  private readonly subjectType: SubjectType;
  private primary: { name: string; rank: number } | null = null;
  private readonly names = new Map<string, ImportedAlias>();
  private readonly nonLatinNames = new Set<string>();
  private readonly datesOfBirth = new Map<string, ImportedDateOfBirth>();
  private readonly addresses = new Map<string, ImportedAddress>();
  private readonly placesOfBirth = new Set<string>();
  private readonly nationalities = new Set<string>();
  private readonly identifiers = new Map<string, ImportedIdentifier>();
  private readonly programs = new Set<string>();
  private readonly remarks = new Set<string>();
  private readonly unknown = new Map<string, UnknownField>();
  private listedOn: string | null = null;

  constructor(
    private readonly file: string,
    first: OfsiRow,
  ) {
    this.id = first.get('Group ID');
    this.firstLine = first.line;
    this.subjectType = this.groupType(first);
  }

  add(row: OfsiRow): void {
    this.rows++;
    if (this.groupType(row) !== this.subjectType) this.fail(row, `Group ${this.id} mixes group types`);
    this.addName(row);
    this.addDateOfBirth(row);
    this.addAddress(row);
    for (const place of placesOfBirth(row.get('Town of Birth'), row.get('Country of Birth'))) this.placesOfBirth.add(place);
    for (const code of nationalityCodes(row.get('Nationality'))) this.nationalities.add(code);
    this.addIdentifiers(row);
    if (row.get('Regime')) this.programs.add(row.get('Regime'));
    this.addListingDate(row);
    this.addRemarks(row);
    for (const field of row.unknownFields()) this.unknown.set(`${field.name}\u0000${field.value}`, field);
  }

  build(): ImportedEntry {
    const primaryName = this.primary?.name ?? '';
    const entry = emptyEntry(this.id, this.subjectType, primaryName, this.firstLine);
    const nonLatin = [...this.nonLatinNames].map((name): ImportedAlias => ({ name, kind: 'AKA', strength: 'STRONG' }));
    entry.aliases = [...this.names.values(), ...nonLatin].filter((alias) => alias.name !== primaryName);
    entry.identifiers = [...this.identifiers.values()];
    entry.addresses = [...this.addresses.values()];
    entry.datesOfBirth = [...this.datesOfBirth.values()];
    entry.placesOfBirth = [...this.placesOfBirth];
    entry.nationalities = [...this.nationalities];
    entry.programs = [...this.programs];
    entry.listedOn = this.listedOn;
    entry.unknownFields = [...this.unknown.values()];
    entry.remarks = this.remarks.size > 0 ? [...this.remarks].join('\n') : null;
    return entry;
  }

  private addName(row: OfsiRow): void {
    const aliasType = ALIAS_TYPES[row.get('Alias Type')];
    const strength = ALIAS_QUALITIES[row.get('Alias Quality')];
    if (!aliasType) this.fail(row, `unknown Alias Type "${row.get('Alias Type')}"`);
    if (!strength) this.fail(row, `unknown Alias Quality "${row.get('Alias Quality')}"`);
    const name = this.nameOf(row);
    if (!name) this.fail(row, 'the row has no name');
    if (!this.primary || aliasType.rank < this.primary.rank) this.primary = { name, rank: aliasType.rank };
    const key = `${name}|${aliasType.kind}`;
    // The same name can come as a good and a low quality alias: the stronger claim stands.
    if (this.names.get(key)?.strength !== 'STRONG') this.names.set(key, { name, kind: aliasType.kind, strength });
    if (row.get('Name Non-Latin Script')) this.nonLatinNames.add(row.get('Name Non-Latin Script'));
  }

  /** People as `SURNAME, Given Names` (as OFAC writes them); entities and ships by Name 6. */
  private nameOf(row: OfsiRow): string {
    const surname = row.get('Name 6');
    if (this.subjectType !== 'INDIVIDUAL') return surname;
    const given = (['Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5'] as const).map((c) => row.get(c)).filter(Boolean).join(' ');
    return surname && given ? `${surname}, ${given}` : surname || given;
  }

  private addDateOfBirth(row: OfsiRow): void {
    const text = row.get('DOB');
    if (!text) return;
    const date = ofsiDate(text);
    if (date) this.datesOfBirth.set(date, { date, rangeEnd: null, approximate: false });
    else this.remarks.add(`DOB (as listed): ${text}`);
  }

  private addAddress(row: OfsiRow): void {
    const lines = (['Address 1', 'Address 2', 'Address 3', 'Address 4', 'Address 5'] as const).map((c) => row.get(c)).filter(Boolean);
    const countryName = row.get('Country');
    const country = countryCode(countryName);
    // A country no ISO code names (e.g. a region) stays in the text rather than being lost.
    if (countryName && !country) lines.push(countryName);
    const address: ImportedAddress = {
      street: lines.join(', ') || null,
      city: row.get('Address 6') || null,
      region: null,
      postalCode: row.get('Post/Zip Code') || null,
      country,
    };
    if (Object.values(address).some(Boolean)) this.addresses.set(JSON.stringify(address), address);
  }

  private addIdentifiers(row: OfsiRow): void {
    const other = row.get('Other Information');
    const found = [
      ...documents('PASSPORT', row.get('Passport Number'), row.get('Passport Details')),
      ...documents('NATIONAL_ID', row.get('National Identification Number'), row.get('National Identification Details')),
      ...listReferences(other),
      ...(this.subjectType === 'VESSEL' ? imoNumbers(other) : []),
    ];
    for (const identifier of found) this.identifiers.set(`${identifier.type}|${normalizeIdentifier(identifier.value)}`, identifier);
  }

  private addListingDate(row: OfsiRow): void {
    const text = row.get('Listed On');
    if (!text) return;
    const date = ofsiDate(text);
    if (!date || date.length !== 10) this.fail(row, `Listed On "${text}" is not a dd/mm/yyyy date`);
    if (!this.listedOn || date < this.listedOn) this.listedOn = date;
  }

  private addRemarks(row: OfsiRow): void {
    if (row.get('Other Information')) this.remarks.add(row.get('Other Information'));
    if (row.get('Position')) this.remarks.add(`Position: ${row.get('Position')}`);
    if (row.get('Title')) this.remarks.add(`Title: ${row.get('Title')}`);
  }

  private groupType(row: OfsiRow): SubjectType {
    const type = GROUP_TYPES[row.get('Group Type')];
    if (!type) this.fail(row, `unknown Group Type "${row.get('Group Type')}"`);
    return type;
  }

  private fail(row: OfsiRow, reason: string): never {
    throw new MalformedInputError(this.file, `line ${row.line}`, reason);
  }
}

/**
 * `dd/mm/yyyy`, `mm/yyyy` or `yyyy`, where `00` (or `dd`/`mm`) marks an unknown day or month:
 * `00/00/1972` is the year 1972, `00/05/1972` May 1972. Null when it is none of these.
 */
export function ofsiDate(text: string): string | null {
  const match = /^(?:(\d{2}|dd)\/)??(?:(\d{2}|mm)\/)?(\d{4})$/i.exec(text.trim());
  if (!match) return null;
  const [, day, month, year] = match;
  const known = (part: string | undefined): part is string => part !== undefined && /^\d+$/.test(part) && Number(part) > 0;
  const value = !known(month) ? year! : known(day) ? `${year}-${month}-${day}` : `${year}-${month}`;
  return partialDateBounds(value) ? value : null;
}

/** `(1) Cyprus (2) Russia` → `Cyprus`, `Russia`. A `-` (unknown) part is kept as null so parts stay paired. */
function numberedParts(text: string): (string | null)[] {
  if (!text) return [];
  if (!text.startsWith('(1)')) return [text];
  return text
    .split(/\(\d+\)/)
    .slice(1)
    .map((part) => part.trim().replace(/[.,;]+$/, '').trim())
    .map((part) => (part === '' || part === '-' ? null : part));
}

/** Town and country of birth, paired by their numbering; a lone value goes with each of the other's. */
function placesOfBirth(town: string, country: string): string[] {
  const towns = numberedParts(town);
  const countries = numberedParts(country);
  const at = (parts: (string | null)[], i: number) => (parts.length === 1 ? parts[0] : parts[i]) ?? null;
  return Array.from({ length: Math.max(towns.length, countries.length) }, (_, i) =>
    [at(towns, i), at(countries, i)].filter(Boolean).join(', '),
  ).filter(Boolean);
}

/** `(1) Russia. (2) Ukraine`, `Estonia, Russia` or one name; names no ISO code covers are dropped. */
function nationalityCodes(text: string): string[] {
  return numberedParts(text).flatMap((part) => {
    if (!part) return [];
    const code = countryCode(part);
    if (code) return [code];
    return part.split(/[,.]/).flatMap((piece) => countryCode(piece) ?? []);
  });
}

/** Document numbers with their details, paired by numbering when both are numbered alike. */
function documents(type: IdentifierType, numbers: string, details: string): ImportedIdentifier[] {
  const values = numberedParts(numbers);
  const notes = numberedParts(details);
  const paired = notes.length === values.length;
  return values.flatMap((value, i) => {
    if (!value) return [];
    const note = (paired ? notes[i] : details) || null;
    return [{ type, value, issuingCountry: countryCode(note), note }];
  });
}

function listReferences(otherInformation: string): ImportedIdentifier[] {
  const reference = /\(UK Sanctions List Ref\):\s*([A-Za-z]+\.?\d+)/.exec(otherInformation)?.[1];
  return reference ? [{ type: 'OTHER', value: reference, issuingCountry: null, note: 'UK Sanctions List Ref' }] : [];
}

/** `(IMO number):7408873` in a ship's Other Information; an invalid one stays only in the remarks. */
function imoNumbers(otherInformation: string): ImportedIdentifier[] {
  return [...otherInformation.matchAll(/\bIMO(?: number)?\)?\s*:\s*(\d{7})\b/gi)]
    .map((match) => match[1]!)
    .filter(isValidImoNumber)
    .map((value) => ({ type: 'IMO_NUMBER', value, issuingCountry: null, note: null }));
}

interface OfsiHeader {
  index: Readonly<Record<Column, number>>;
  /** Columns the reader does not know, with their positions: kept as unknown fields. */
  unknown: readonly { title: string; at: number }[];
}

class OfsiRow {
  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly header: OfsiHeader,
  ) {}

  get(column: Column): string {
    return this.fields[this.header.index[column]]?.trim() ?? '';
  }

  unknownFields(): UnknownField[] {
    return this.header.unknown.flatMap(({ title, at }) => {
      const value = this.fields[at]?.trim();
      return value ? [{ name: title, value }] : [];
    });
  }
}

/** The data rows, after checking the header and each row's width (line 1 is checked by `readSnapshot`). */
async function* ofsiRows(file: string): AsyncGenerator<OfsiRow> {
  const name = path.basename(file);
  let index: OfsiHeader | null = null;
  let width = 0;
  for await (const { line, fields } of csvRows(file)) {
    if (!index) {
      index = headerIndex(name, line, fields);
      width = fields.length;
    } else if (fields.length !== width) {
      throw new MalformedInputError(name, `line ${line}`, `expected ${width} fields, found ${fields.length}`);
    } else {
      const row = new OfsiRow(line, fields, index);
      if (!row.get('Group ID')) throw new MalformedInputError(name, `line ${line}`, 'the row has no Group ID');
      yield row;
    }
  }
  if (!index) throw new MalformedInputError(name, 'line 2', 'the file has no header row');
}

function headerIndex(name: string, line: number, header: readonly string[]): OfsiHeader {
  const positions = new Map(header.map((title, i) => [title.trim(), i]));
  const missing = COLUMNS.filter((column) => !positions.has(column));
  if (missing.length > 0) throw new MalformedInputError(name, `line ${line}`, `the header lacks ${missing.join(', ')}`);
  const known = new Set<string>([...COLUMNS, ...UNUSED_COLUMNS]);
  return {
    index: Object.fromEntries(COLUMNS.map((column) => [column, positions.get(column)])) as Record<Column, number>,
    unknown: header.map((title, at) => ({ title: title.trim(), at })).filter(({ title }) => title && !known.has(title)),
  };
}

/** The file must open with `Last Updated,dd/mm/yyyy` and a header naming the ConList's defining columns. */
function checkOfsiHead(file: string): void {
  requireSource(file);
  const expected = `a "Last Updated,dd/mm/yyyy" line, then a header with ${DEFINING_COLUMNS.join(', ')} (the OFSI ConList CSV)`;
  const refuse = () => ImportErrors.wrongFormat(path.basename(file), 'uk-ofsi-csv', expected, describeFound(file));
  if (statSync(file).isDirectory()) throw refuse();
  const [first = '', second = ''] = readHeadText(file).replace(/^\uFEFF/, '').split(/\r?\n/, 2);
  const titles = new Set(second.split(',').map((title) => title.replace(/^\s*"|"\s*$/g, '').trim()));
  if (!LAST_UPDATED.test(first) || !DEFINING_COLUMNS.every((column) => titles.has(column))) throw refuse();
}

/**
 * Raw CSV records from line 2 on, with the line each begins on (a quoted field may span
 * lines); blank lines skipped. Line 1 is left out because csv-parse measures every record
 * against the first: with the 2-field `Last Updated` line first, it would build an error
 * object for each of the 18,000 rows, which took most of the parse time.
 */
async function* csvRows(file: string): AsyncGenerator<{ line: number; fields: string[] }> {
  const parser = parse({ relax_column_count: true, info: true, from_line: 2 });
  // pipeline, unlike pipe, hands a decompression error on to the parser and so to this loop.
  pipeline(openSourceFile(file), parser, () => {});
  let lastLine = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const line = lastLine + 1;
      lastLine = info.lines;
      if (record.length === 1 && record[0] === '') continue;
      yield { line, fields: record };
    }
  } catch (error) {
    throw asMalformedInput(error, path.basename(file), lastLine + 1);
  }
}

function asMalformedInput(error: unknown, name: string, line: number): unknown {
  if (error instanceof CsvError) {
    const reason = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'the file ends inside a quoted field (cut short?)' : error.message;
    return new MalformedInputError(name, `line ${line}`, reason);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new MalformedInputError(name, `line ${line}`, `the compressed file is damaged or cut short (${(error as Error).message})`);
  }
  return error;
}

/**
 * `ImportSource.snapshot` is read before any entry, so the `Last Updated` date is peeked
 * from the first line here; the full check of that line happens when the rows are read.
 */
function readSnapshot(file: string): string | null {
  let line: string;
  try {
    line = firstLine(file);
  } catch {
    return null; // no readable file: check() says so
  }
  const date = LAST_UPDATED.exec(line)?.[1];
  const snapshot = date ? ofsiDate(date) : null;
  return snapshot?.length === 10 ? snapshot : null;
}

function firstLine(file: string): string {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const head = buffer.subarray(0, readSync(descriptor, buffer, 0, buffer.length, 0));
    // Z_SYNC_FLUSH: decompress what the first block holds without demanding the rest of the stream.
    const text = file.endsWith('.gz') ? inflatedHead(head) : head.toString('utf8');
    return text.split(/\r?\n/, 1)[0] ?? '';
  } finally {
    closeSync(descriptor);
  }
}

function inflatedHead(head: Buffer): string {
  try {
    return gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
  } catch {
    return ''; // not gzip: reading the rows reports it with a line number
  }
}
