/**
 * Reading parties to screen from a file an analyst has at hand: a spreadsheet saved as CSV, or
 * JSON lines. Pure: the text in, each row either a party ready to screen or what is wrong with
 * it, by line number, so that one bad row is reported and the others are still screened.
 */
import { parse } from 'csv-parse/sync';
import { IDENTIFIER_TYPES, SUBJECT_TYPES, type IdentifierType, type SubjectType } from '../../db/schema/index.ts';
import { partialDateBounds } from '../../lib/partial-dates.ts';
import { normalizeName } from '../name-matching/name-normalization.ts';
import { countryCode } from '../imports/formats/source-files.ts';
import type { PartySubmission } from './screening.validation.ts';

/** What a column (or JSON key) can feed. `reference` is the caller's own id for the row, passed through. */
export const PARTY_FIELDS = ['name', 'type', 'country', 'dateOfBirth', 'identifiers', 'reference'] as const;
export type PartyField = (typeof PARTY_FIELDS)[number];

export type PartyFileFormat = 'csv' | 'jsonl';

/** A row that can be screened, with the line it starts on and the caller's reference, if any. */
export interface PartyRow {
  line: number;
  reference: string | null;
  party: PartySubmission & { identifiers: { type: IdentifierType | null; value: string }[] };
}

/** A row that cannot: each problem names the field and what is wrong. */
export interface RejectedRow {
  line: number;
  reference: string | null;
  name: string | null;
  problems: string[];
}

export interface PartyFile {
  rows: PartyRow[];
  rejected: RejectedRow[];
  /** Columns (or keys) read into each field. */
  columns: Partial<Record<PartyField, string>>;
  /** Columns nothing was read from. */
  ignored: string[];
}

/** A mistake in how the file or the mapping is given, not in a row: nothing can be screened. */
export class PartyFileError extends Error {
  readonly code = 'BAD_PARTY_FILE';
  constructor(message: string) {
    super(message);
    this.name = 'PartyFileError';
  }
}

/** Header spellings recognised without `--map`, compared lower-case without spaces, dashes or underscores. */
const HEADER_SYNONYMS: Readonly<Record<PartyField, readonly string[]>> = {
  name: ['name', 'fullname', 'partyname', 'party', 'entityname', 'companyname', 'individualname', 'customer', 'customername', 'client', 'clientname', 'counterparty'],
  type: ['type', 'subjecttype', 'partytype', 'entitytype', 'kind'],
  country: ['country', 'nationality', 'countrycode', 'citizenship', 'countryofregistration'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'born'],
  identifiers: ['identifiers', 'identifier', 'ids', 'idnumbers', 'documents'],
  reference: ['reference', 'ref', 'id', 'rowid', 'customerid', 'partyid'],
};

const headerKey = (header: string) => header.toLowerCase().replace(/[\s_\-.]/g, '');

/**
 * `--map col=field` options: the column (as in the header) read into the field. A field may be
 * named in any case (`dob` and `date_of_birth` are dateOfBirth).
 */
export function parseColumnMappings(mappings: readonly string[]): Map<string, PartyField> {
  const result = new Map<string, PartyField>();
  for (const mapping of mappings) {
    const at = mapping.lastIndexOf('=');
    const column = at > 0 ? mapping.slice(0, at).trim() : '';
    const fieldText = at > 0 ? mapping.slice(at + 1).trim() : '';
    if (!column || !fieldText) throw new PartyFileError(`--map ${mapping}: write it as column=field, e.g. --map "Full Name=name"`);
    const field = fieldFor(fieldText);
    if (!field) throw new PartyFileError(`--map ${mapping}: "${fieldText}" is not a field; the fields are ${PARTY_FIELDS.join(', ')}`);
    result.set(column, field);
  }
  return result;
}

function fieldFor(text: string): PartyField | undefined {
  const key = headerKey(text);
  return PARTY_FIELDS.find((field) => headerKey(field) === key) ?? PARTY_FIELDS.find((field) => HEADER_SYNONYMS[field].includes(key));
}

/**
 * Which column feeds which field: the `--map` choices first, then headers recognised by name.
 * Two columns for one field, a mapped column not in the header, or no name column are mistakes.
 */
export function mapColumns(headers: readonly string[], mappings: ReadonlyMap<string, PartyField> = new Map()): Pick<PartyFile, 'columns' | 'ignored'> {
  const columns: Partial<Record<PartyField, string>> = {};
  for (const [column, field] of mappings) {
    const header = headers.find((h) => h === column) ?? headers.find((h) => headerKey(h) === headerKey(column));
    if (header === undefined) throw new PartyFileError(`--map ${column}=${field}: the file has no column "${column}" (it has ${quoteList(headers)})`);
    if (columns[field] !== undefined) throw new PartyFileError(`--map: two columns are mapped to ${field} ("${columns[field]}" and "${header}")`);
    columns[field] = header;
  }
  const mapped = new Set(Object.values(columns));
  for (const header of headers) {
    if (mapped.has(header)) continue;
    const field = PARTY_FIELDS.find((f) => HEADER_SYNONYMS[f].includes(headerKey(header)));
    if (field && columns[field] === undefined) {
      columns[field] = header;
      mapped.add(header);
    }
  }
  if (columns.name === undefined) {
    throw new PartyFileError(`no column holds the party name (the columns are ${quoteList(headers)}); name it "name" or map one with --map "<column>=name"`);
  }
  return { columns, ignored: headers.filter((h) => !mapped.has(h)) };
}

const quoteList = (values: readonly string[]) => (values.length ? values.map((v) => `"${v}"`).join(', ') : 'none');

/** The format a file name suggests: `.jsonl`/`.ndjson`/`.json` are JSON lines, anything else CSV. */
export function partyFileFormatOf(fileName: string): PartyFileFormat {
  return /\.(jsonl|ndjson|json)$/i.test(fileName) ? 'jsonl' : 'csv';
}

/** Reads a whole file. CSV needs a header row; JSON lines have one object per line (blank lines skipped). */
export function parsePartyFile(text: string, format: PartyFileFormat, mappings: ReadonlyMap<string, PartyField> = new Map()): PartyFile {
  return format === 'csv' ? parseCsv(text, mappings) : parseJsonLines(text, mappings);
}

function parseCsv(text: string, mappings: ReadonlyMap<string, PartyField>): PartyFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, delimiter: sniffDelimiter(text) }) as unknown as typeof records;
  } catch (error) {
    throw new PartyFileError(`the file is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new PartyFileError('the file is empty: it needs a header row naming the columns, then one party per row');
  const headers = header.record.map((h) => h.trim());
  const { columns, ignored } = mapColumns(headers, mappings);
  const at = Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, headers.indexOf(column)])) as Partial<Record<PartyField, number>>;
  const file: PartyFile = { rows: [], rejected: [], columns, ignored };
  for (const { record, info } of body) {
    // csv-parse counts the line a record ends on; a quoted cell may span lines.
    const line = info.lines - (record.join('').match(/\n/g)?.length ?? 0);
    if (record.every((cell) => cell.trim() === '')) continue;
    const cell = (field: PartyField) => (at[field] === undefined ? undefined : record[at[field]!]);
    addRow(file, line, cell);
  }
  return file;
}

/** Spreadsheets saved in some locales separate cells with `;` (or a tab): the header row tells. */
function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const count = (c: string) => firstLine.split(c).length - 1;
  const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
  return count(best!) > 0 ? best! : ',';
}

function parseJsonLines(text: string, mappings: ReadonlyMap<string, PartyField>): PartyFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const objects: { line: number; value: unknown }[] = [];
  const file: PartyFile = { rows: [], rejected: [], columns: {}, ignored: [] };
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      objects.push({ line: i + 1, value: JSON.parse(raw) });
    } catch {
      file.rejected.push({ line: i + 1, reference: null, name: null, problems: ['is not a JSON object'] });
    }
  });
  const keys = [...new Set(objects.flatMap(({ value }) => (isObject(value) ? Object.keys(value) : [])))];
  if (objects.length === 0 && file.rejected.length === 0) throw new PartyFileError('the file is empty: it needs one JSON object per line, e.g. {"name": "…"}');
  if (keys.length === 0) throw new PartyFileError('no line is a JSON object with a name');
  const { columns, ignored } = mapColumns(keys, mappings);
  Object.assign(file, { columns, ignored });
  for (const { line, value } of objects) {
    if (!isObject(value)) {
      file.rejected.push({ line, reference: null, name: null, problems: ['is not a JSON object'] });
      continue;
    }
    addRow(file, line, (field) => (columns[field] === undefined ? undefined : value[columns[field]!]));
  }
  file.rejected.sort((a, b) => a.line - b.line);
  return file;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function addRow(file: PartyFile, line: number, cell: (field: PartyField) => unknown) {
  const problems: string[] = [];
  const reference = textOf(cell('reference'));
  const name = textOf(cell('name'));
  if (!name) problems.push('name: is empty');
  else if (name.length > 300) problems.push('name: is longer than 300 characters');
  else if (normalizeName(name).tokens.length === 0) problems.push(`name: "${name}" has no letter or digit`);
  const type = readSubjectType(textOf(cell('type')), problems);
  const country = readCountry(textOf(cell('country')), problems);
  const dateOfBirth = readDateOfBirth(textOf(cell('dateOfBirth')), problems);
  const identifiers = readIdentifiers(cell('identifiers'), problems);
  if (problems.length > 0 || !name) {
    file.rejected.push({ line, reference, name, problems });
    return;
  }
  file.rows.push({ line, reference, party: { name, type, country, dateOfBirth, identifiers } });
}

function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value)).trim();
  return text === '' ? null : text;
}

/** The hub's subject types, in any case, and the words a spreadsheet uses for them. */
const SUBJECT_TYPE_WORDS: Readonly<Record<string, SubjectType>> = {
  person: 'INDIVIDUAL',
  individual: 'INDIVIDUAL',
  natural_person: 'INDIVIDUAL',
  company: 'ENTITY',
  organisation: 'ENTITY',
  organization: 'ENTITY',
  legal_person: 'ENTITY',
  entity: 'ENTITY',
  ship: 'VESSEL',
  vessel: 'VESSEL',
  aircraft: 'AIRCRAFT',
  item: 'ITEM',
};

function readSubjectType(text: string | null, problems: string[]): SubjectType | null {
  if (!text) return null;
  const key = text.toLowerCase().replace(/[\s-]+/g, '_');
  const type = SUBJECT_TYPE_WORDS[key] ?? SUBJECT_TYPES.find((t) => t === text.toUpperCase());
  if (!type) problems.push(`type: "${text}" is not one of ${SUBJECT_TYPES.join(', ')} (or person, company, ship)`);
  return type ?? null;
}

function readCountry(text: string | null, problems: string[]): string | null {
  if (!text) return null;
  const code = countryCode(text);
  if (!code) problems.push(`country: "${text}" is not a country (give an ISO 3166 code such as IR, or its English name)`);
  return code;
}

/**
 * A date of birth as partial ISO 8601. Year-first dates with unpadded parts (`1969-7-16`,
 * `1969/07/16`) are what the ISO form means; a day-first or month-first date (`16/07/1969`) is
 * read only where the order is certain, when one part is above 12: `05/07/1969` is refused.
 */
export function readPartialDate(text: string): { date: string } | { problem: string } {
  const value = text.trim().replace(/T.*$/, '');
  const yearFirst = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(value);
  const yearLast = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  let parts: [string, string | undefined, string | undefined] | null = null;
  if (yearFirst) parts = [yearFirst[1]!, yearFirst[2], yearFirst[3]];
  else if (yearLast) {
    const [first, second] = [Number(yearLast[1]), Number(yearLast[2])];
    if (first > 12 && second <= 12) parts = [yearLast[3]!, yearLast[2], yearLast[1]];
    else if (second > 12 && first <= 12) parts = [yearLast[3]!, yearLast[1], yearLast[2]];
    else if (first === second) parts = [yearLast[3]!, yearLast[1], yearLast[2]];
    else return { problem: `"${text}" could be day-month or month-day; write it as YYYY-MM-DD` };
  }
  if (!parts) return { problem: `"${text}" is not a date; write it as YYYY-MM-DD, YYYY-MM or YYYY` };
  const iso = [parts[0], ...parts.slice(1).filter((p): p is string => p !== undefined).map((p) => p.padStart(2, '0'))].join('-');
  return partialDateBounds(iso) ? { date: iso } : { problem: `"${text}" is not a date in the calendar` };
}

function readDateOfBirth(text: string | null, problems: string[]): string | null {
  if (!text) return null;
  const read = readPartialDate(text);
  if ('problem' in read) {
    problems.push(`dateOfBirth: ${read.problem}`);
    return null;
  }
  return read.date;
}

/**
 * Identifiers: in CSV one cell, several separated by `;` or `|`, each `TYPE:value` or a bare
 * value (matched against a listed identifier of any type); in JSON also an array of such
 * strings or of `{ "type", "value" }` objects.
 */
function readIdentifiers(value: unknown, problems: string[]): { type: IdentifierType | null; value: string }[] {
  if (value === undefined || value === null || value === '') return [];
  const items: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[;|]/) : [value];
  const identifiers: { type: IdentifierType | null; value: string }[] = [];
  for (const item of items) {
    if (isObject(item)) {
      const type = textOf(item.type);
      identifiers.push(readIdentifier(type, textOf(item.value), problems));
    } else {
      const text = textOf(item);
      if (!text) continue;
      const typed = /^([A-Za-z_ ]+?)\s*:\s*(.+)$/.exec(text);
      identifiers.push(typed ? readIdentifier(typed[1]!, typed[2]!, problems) : { type: null, value: text });
    }
  }
  const kept = identifiers.filter((i) => i.value !== '');
  if (kept.length > 20) problems.push(`identifiers: ${kept.length} given, at most 20`);
  for (const identifier of kept) if (identifier.value.length > 100) problems.push('identifiers: a value is longer than 100 characters');
  return kept;
}

function readIdentifier(typeText: string | null, value: string | null, problems: string[]): { type: IdentifierType | null; value: string } {
  if (!value) {
    problems.push('identifiers: an identifier has no value');
    return { type: null, value: '' };
  }
  if (!typeText) return { type: null, value };
  const key = typeText.trim().toUpperCase().replace(/[\s-]+/g, '_');
  const type = IDENTIFIER_TYPES.find((t) => t === key) ?? (key === 'IMO' ? 'IMO_NUMBER' : undefined);
  if (!type) problems.push(`identifiers: "${typeText}" is not an identifier type (${IDENTIFIER_TYPES.join(', ')})`);
  return { type: type ?? null, value };
}
