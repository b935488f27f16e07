import path from 'node:path';
import { SaxesParser } from 'saxes';
import { isValidImoNumber } from '../../../lib/identifiers.ts';
import { partialDateBounds } from '../../../lib/partial-dates.ts';
import {
  emptyEntry,
  MalformedInputError,
  type ImportedAlias,
  type ImportedDateOfBirth,
  type ImportedEntry,
  type ImportSource,
  type UnknownField,
} from '../imported-entry.ts';
import { requireXmlRoot } from './recognise.ts';
import { openSourceFile } from './source-files.ts';

/**
 * The Consolidated Canadian Autonomous Sanctions List (SEMA and JVCFOA regulations) as XML:
 * a `data-set` of flat `record` elements. The file carries no publication date, so unless
 * `--edition` gives one, the newest DateOfListing dates it (the import service takes the
 * newest `newestDate` of the entries).
 *
 * Two schemas are read: the current one, and the one used until about 2021, whose records
 * name `Entity`, `DateOfBirth` and `Title` where the current one has `EntityOrShip`,
 * `DateOfBirthOrShipBuildDate` and `TitleOrShip`, and have no DateOfListing or IMO number.
 */
export function caSemaXmlSource(file: string): ImportSource {
  return {
    list: 'CA-SEMA',
    snapshot: null,
    check: () => void requireXmlRoot(file, 'ca-sema-xml', { name: 'data-set', namespaces: [null], describe: 'the Canadian SEMA consolidated list' }),
    entries: () => semaEntries(file),
  };
}

const FIELDS = [
  'Country', 'LastName', 'GivenName', 'EntityOrShip', 'TitleOrShip', 'ShipIMONumber', 'Aliases',
  'DateOfBirthOrShipBuildDate', 'Schedule', 'Item', 'DateOfListing',
] as const;
type Field = (typeof FIELDS)[number];
/** The earlier schema's names for the same fields. */
const EARLIER_NAMES: Readonly<Record<string, Field>> = { Entity: 'EntityOrShip', DateOfBirth: 'DateOfBirthOrShipBuildDate', Title: 'TitleOrShip' };
const fieldNamed = (name: string): Field | null =>
  (FIELDS as readonly string[]).includes(name) ? (name as Field) : (EARLIER_NAMES[name] ?? null);

interface SemaRecord {
  line: number;
  values: Partial<Record<Field, string>>;
  unknown: UnknownField[];
}

async function* semaEntries(file: string): AsyncGenerator<ImportedEntry> {
  const name = path.basename(file);
  const seen = new Map<string, number>();
  for await (const record of semaRecords(file)) {
    const entry = semaEntry(name, record);
    const earlier = seen.get(entry.sourceReference);
    if (earlier !== undefined) {
      throw new MalformedInputError(name, `line ${record.line}`, `${entry.sourceReference} (Country, Schedule, Item) repeats the record at line ${earlier}`);
    }
    seen.set(entry.sourceReference, record.line);
    yield entry;
  }
}

/**
 * The list gives no id: the regulation's country, schedule and item number name a listing
 * (`Belarus/1, Part 1/8`; `Venezuela/12` where there is no schedule). They are unique in the
 * file, and stay put while the regulation is amended elsewhere.
 */
function semaEntry(file: string, record: SemaRecord): ImportedEntry {
  const value = (field: Field) => record.values[field]?.replace(/\s+/g, ' ').trim() ?? '';
  const fail = (reason: string): never => {
    throw new MalformedInputError(file, `line ${record.line}`, reason);
  };
  if (!value('Country') || !value('Item')) fail('a record needs a Country and an Item');
  const program = regimeName(value('Country'));
  const reference = [program, value('Schedule').replace(/\s*,\s*/g, ', '), value('Item')].filter(Boolean).join('/');
  const isPerson = Boolean(value('LastName') || value('GivenName'));
  const isShip = !isPerson && Boolean(value('ShipIMONumber') || value('TitleOrShip'));
  const primaryName = isPerson ? [value('LastName'), value('GivenName')].filter(Boolean).join(', ') : value('EntityOrShip');
  if (!primaryName) fail('the record has no name');

  const entry = emptyEntry(reference, isPerson ? 'INDIVIDUAL' : isShip ? 'VESSEL' : 'ENTITY', primaryName, record.line);
  entry.programs = [program];
  entry.listedOn = listingDate(value('DateOfListing'));
  entry.newestDate = entry.listedOn;
  entry.unknownFields = record.unknown;
  entry.aliases = aliasNames(record.values.Aliases ?? '')
    .filter((alias) => alias !== primaryName)
    .map((alias): ImportedAlias => ({ name: alias, kind: 'AKA', strength: 'STRONG' }));
  const remarks: string[] = [];
  if (value('DateOfListing') && !entry.listedOn) remarks.push(`Date of listing (as listed): ${value('DateOfListing')}`);
  if (isShip) describeShip(entry, value, remarks);
  else describePerson(entry, value, remarks);
  entry.remarks = remarks.length > 0 ? remarks.join('\n') : null;
  return entry;
}

function describeShip(entry: ImportedEntry, value: (field: Field) => string, remarks: string[]): void {
  const imo = value('ShipIMONumber');
  if (imo && isValidImoNumber(imo)) entry.identifiers.push({ type: 'IMO_NUMBER', value: imo, issuingCountry: null, note: null });
  else if (imo) remarks.push(`IMO number (check digit fails): ${imo}`);
  if (value('TitleOrShip')) remarks.push(`Ship type: ${value('TitleOrShip')}`);
  // A ship's date is when it was built, not born.
  if (value('DateOfBirthOrShipBuildDate')) remarks.push(`Built: ${value('DateOfBirthOrShipBuildDate')}`);
}

function describePerson(entry: ImportedEntry, value: (field: Field) => string, remarks: string[]): void {
  if (value('TitleOrShip')) remarks.push(`Title: ${value('TitleOrShip')}`);
  const dob = value('DateOfBirthOrShipBuildDate');
  if (!dob) return;
  const dates = birthDates(dob);
  if (dates) entry.datesOfBirth = dates;
  else remarks.push(`Date of birth (as listed): ${dob}`);
}

/**
 * The English half of the bilingual `Country` (`Belarus / Bélarus` → `Belarus`): the regime,
 * not a nationality. A regulation named in full goes by its abbreviation (`… (JVCFOR)` →
 * `JVCFOR`) so that program names stay short.
 */
function regimeName(country: string): string {
  const english = country.split(' / ')[0]!.trim();
  return /\(([A-Z]{3,})\)$/.exec(english)?.[1] ?? english;
}

function listingDate(text: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && partialDateBounds(text) ? text : null;
}

/** `1972-05-03`, `1972-05`, `1972`, `1963-1964` (a range) or several joined by `or`; null otherwise. */
function birthDates(text: string): ImportedDateOfBirth[] | null {
  const dates = text.split(/\s+or\s+/i).map((part): ImportedDateOfBirth | null => {
    const range = /^(\d{4})-(\d{4})$/.exec(part);
    if (range) return range[2]! > range[1]! ? { date: range[1]!, rangeEnd: range[2]!, approximate: false } : null;
    return partialDateBounds(part) ? { date: part, rangeEnd: null, approximate: false } : null;
  });
  return dates.every((date) => date !== null) ? dates : null;
}

/** Abbreviated legal forms that follow a name after a comma (`Евро-Полис, ООО`): part of it, not an alias. */
const LEGAL_FORMS = new Set(['ООО', 'АО', 'ОАО', 'ЗАО', 'ПАО', 'ТОВ', 'ФГУП', 'FSUE', 'LLC', 'JSC', 'OJSC', 'CJSC', 'PJSC', 'LTD', 'INC']);

/**
 * Aliases are free text: names separated by `;`, `,`, ` / ` or ` or `, some labelled with
 * their language (`Russian: …`), some wrapped over lines. The split is deliberately simple:
 * a comma inside a name other than before a legal form splits it too, and `Ilia Vasilyevich
 * or Vasilievich` gives `Vasilievich` on its own.
 */
export function aliasNames(text: string): string[] {
  const flat = text.replace(/\s*\n\s*(?=[A-Za-z]+\s*:)/g, '; ').replace(/\s+/g, ' ');
  const names: string[] = [];
  for (const piece of flat.split(/\s*[;,]\s*|\s+\/\s+|\s+or\s+/i)) {
    const name = piece.replace(/^\(?[A-Za-z]+\s*:\s*/, '').trim();
    if (!/[\p{L}\p{N}]/u.test(name)) continue;
    if (LEGAL_FORMS.has(name.replace(/\./g, '').toUpperCase()) && names.length > 0) names[names.length - 1] += `, ${name}`;
    else if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Records in file order, streamed; malformed XML or a file that ends early names its line. */
async function* semaRecords(file: string): AsyncGenerator<SemaRecord> {
  const name = path.basename(file);
  const parser = new SaxesParser({ position: true });
  const fail = (reason: string): never => {
    throw new MalformedInputError(name, `line ${parser.line}`, reason);
  };
  const done: SemaRecord[] = [];
  let depth = 0;
  let record: SemaRecord | null = null;
  /** The element being read inside a record: a known field, or one kept as unknown. */
  let field: { name: string; known: Field | null } | null = null;
  let text = '';

  parser.on('error', (error) => fail(error.message.replace(/^\d+:\d+: /, '')));
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1 && tag.name !== 'data-set') fail(`the root element is <${tag.name}>, expected <data-set>`);
    if (depth === 2 && tag.name !== 'record') fail(`unexpected <${tag.name}> in <data-set>`);
    if (depth === 2) record = { line: parser.line, values: {}, unknown: [] };
    if (depth === 3) [field, text] = [{ name: tag.name, known: fieldNamed(tag.name) }, ''];
    // An element nested in a field is not in either schema: its text stays with the field.
    if (depth > 3 && field) field = { name: `${field.name}/${tag.name}`, known: null };
  });
  const addText = (chunk: string) => {
    if (field) text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (depth === 3 && record && field) {
      if (field.known) {
        if (record.values[field.known] !== undefined) fail(`<${field.name}> appears twice in one record`);
        record.values[field.known] = text;
      } else {
        record.unknown.push({ name: field.name, value: text.replace(/\s+/g, ' ').trim() });
      }
      field = null;
    } else if (depth === 2 && record) {
      done.push(record);
      record = null;
    }
    depth--;
  });

  const input = openSourceFile(file).setEncoding('utf8');
  try {
    for await (const chunk of input) {
      parser.write(chunk as string);
      yield* done.splice(0);
    }
    parser.close();
    yield* done.splice(0);
  } finally {
    input.destroy();
  }
}
