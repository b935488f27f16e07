import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SubjectType } from '../../../db/schema/index.ts';
import { partialDateBounds } from '../../../lib/partial-dates.ts';
import {
  emptyEntry,
  type ImportedEntry,
  type ImportedIdentifier,
  type ImportSource,
  MalformedInputError,
} from '../imported-entry.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import { ImportErrors } from '../import.errors.ts';
import { describeFound, readHeadText, requireSource } from './recognise.ts';
import { loadOfacCompanions, type OfacCompanionFiles, type OfacCompanions } from './ofac-csv-companions.ts';
import { ofacCsvRows, type OfacCsvRow } from './ofac-csv-records.ts';
import { parseOfacRemarks } from './ofac-remarks.ts';

/** The legacy OFAC CSV sets: the SDN list and the consolidated non-SDN list, four files each. */
const FILE_SETS = {
  'OFAC-SDN': { primary: 'sdn.csv', alt: 'alt.csv', add: 'add.csv', comments: 'sdn_comments.csv' },
  'OFAC-CONS': { primary: 'cons_prim.csv', alt: 'cons_alt.csv', add: 'cons_add.csv', comments: 'cons_comments.csv' },
} as const;
type OfacList = keyof typeof FILE_SETS;

interface OfacCsvFiles extends OfacCompanionFiles {
  list: OfacList;
  primary: string;
}

/** sdn.csv / cons_prim.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, … Remarks. */
const PRIMARY_COLUMNS = 12;

/**
 * The OFAC SDN or consolidated list in the legacy CSV format. `path` is the folder holding
 * `sdn.csv` (or `cons_prim.csv`) and its optional companions, or the primary file itself.
 * The files state no date: unless `--edition` gives one, the newest date the entries state
 * (see `newestPastDate`) dates the file.
 */
export function ofacCsvSource(path: string): ImportSource {
  const files = locateFiles(path);
  return {
    list: files.list,
    snapshot: null,
    check: () => checkOfacCsv(path, files),
    entries: () => readEntries(files),
  };
}

const EXPECTED = `a folder with sdn.csv or cons_prim.csv (or that file itself): rows of ${PRIMARY_COLUMNS} columns, no header, starting with a numeric ent_num`;

function checkOfacCsv(path: string, files: OfacCsvFiles): void {
  requireSource(path);
  const refuse = (found: string) => ImportErrors.wrongFormat(basename(path), 'ofac-csv', EXPECTED, found);
  if (!existsSync(files.primary)) throw refuse(describeFound(path));
  const head = readHeadText(files.primary, 16 * 1024);
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  let cells: string[] = [];
  try {
    cells = (parseCsv(firstLine, { relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    throw refuse(describeFound(files.primary));
  }
  if (cells.length !== PRIMARY_COLUMNS || !/^\d+$/.test(cells[0]?.trim() ?? '')) {
    const found = describeFound(files.primary);
    throw refuse(cells.length > 1 ? `${found} (${cells.length} columns)` : found);
  }
}

function locateFiles(path: string): OfacCsvFiles {
  const isFolder = existsSync(path) && statSync(path).isDirectory();
  const folder = isFolder ? path : dirname(path);
  const list: OfacList = isFolder
    ? findFile(folder, FILE_SETS['OFAC-CONS'].primary) && !findFile(folder, FILE_SETS['OFAC-SDN'].primary) ? 'OFAC-CONS' : 'OFAC-SDN'
    : basename(path).startsWith('cons_') ? 'OFAC-CONS' : 'OFAC-SDN';
  const names = FILE_SETS[list];
  return {
    list,
    // A missing primary file is reported when the entries are read, like any unreadable file.
    primary: isFolder ? (findFile(folder, names.primary) ?? join(folder, names.primary)) : path,
    alt: findFile(folder, names.alt),
    add: findFile(folder, names.add),
    comments: findFile(folder, names.comments),
  };
}

function findFile(folder: string, name: string): string | null {
  return [name, `${name}.gz`].map((candidate) => join(folder, candidate)).find((file) => existsSync(file)) ?? null;
}

async function* readEntries(files: OfacCsvFiles): AsyncGenerator<ImportedEntry> {
  const companions = await loadOfacCompanions(files);
  for await (const row of ofacCsvRows(files.primary, PRIMARY_COLUMNS)) {
    yield entryFromRow(files.primary, row, companions);
  }
}

function entryFromRow(file: string, row: OfacCsvRow, companions: OfacCompanions): ImportedEntry {
  const [entNum, name, type, programs, title] = row.cells as [string, ...(string | null)[]];
  if (!name?.trim()) throw new MalformedInputError(file, `line ${row.line}`, `ent_num ${entNum} has no name`);
  const entry = emptyEntry(entNum, subjectType(file, row, type ?? null), name.trim(), row.line);
  const text = remarksText(row.cells[11] ?? null, companions.comments.get(entNum));
  const facts = parseOfacRemarks(text);
  entry.programs = splitPrograms(programs ?? null);
  entry.aliases = [...(companions.aliases.get(entNum) ?? []), ...facts.aliases];
  entry.identifiers = [...facts.identifiers, ...callSign(row.cells[5] ?? null)];
  entry.addresses = companions.addresses.get(entNum) ?? [];
  entry.datesOfBirth = facts.datesOfBirth;
  entry.placesOfBirth = facts.placesOfBirth;
  entry.nationalities = facts.nationalities;
  entry.remarks = [text, ...detailLines(title ?? null, row.cells)].filter(Boolean).join('\n') || null;
  entry.newestDate = newestPastDate(text);
  return entry;
}

const SUBJECT_TYPES_BY_SDN_TYPE: Readonly<Record<string, SubjectType>> = {
  individual: 'INDIVIDUAL',
  vessel: 'VESSEL',
  aircraft: 'AIRCRAFT',
};

const MONTHS: Readonly<Record<string, string>> = {
  Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12',
};

/**
 * The newest `dd Mon yyyy` date in the remarks that is not an expiry date and not in the
 * future: dates of birth, incorporation, listing, effect, issue. OFAC's CSV states no
 * publication date, and this is the nearest the file comes to one: a newer edition states
 * newer dates, an older one never does.
 */
export function newestPastDate(text: string | null, today = new Date().toISOString().slice(0, 10)): string | null {
  let newest: string | null = null;
  for (const match of (text ?? '').matchAll(/\b(\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b/g)) {
    const date = `${match[3]}-${MONTHS[match[2]!]}-${match[1]}`;
    if (/expir/i.test(text!.slice(Math.max(0, match.index - 12), match.index)) || date > today || !partialDateBounds(date)) continue;
    if (!newest || date > newest) newest = date;
  }
  return newest;
}

/** SDN_Type is null (`-0-`) for entities. */
function subjectType(file: string, row: OfacCsvRow, type: string | null): SubjectType {
  if (type === null) return 'ENTITY';
  const subject = SUBJECT_TYPES_BY_SDN_TYPE[type.trim().toLowerCase()];
  if (!subject) throw new MalformedInputError(file, `line ${row.line}`, `unknown SDN_Type "${type}"`);
  return subject;
}

/** `SDGT] [NS-PLC`: OFAC writes `[A] [B]` and the CSV keeps only the inner brackets. */
export function splitPrograms(cell: string | null): string[] {
  if (!cell) return [];
  return cell
    .split(/\]\s*\[/)
    .map((program) => program.replace(/^\s*\[|\]\s*$/g, '').trim())
    .filter((program) => program.length > 0);
}

/** Remarks cut at 1,000 characters go on in the comments file, mid-word: join without a space. */
function remarksText(remarks: string | null, continuation: string | undefined): string | null {
  return `${remarks ?? ''}${continuation ?? ''}`.trim() || null;
}

function callSign(cell: string | null): ImportedIdentifier[] {
  const value = cell?.trim();
  return value ? [{ type: 'OTHER', value, issuingCountry: null, note: 'Call Sign' }] : [];
}

/**
 * Title and vessel details have no field of their own. The flag in particular is not a
 * nationality (flags of convenience), so it is kept as text.
 */
function detailLines(title: string | null, cells: (string | null)[]): string[] {
  const [, , , , , , vesselType, tonnage, grossTonnage, flag, owner] = cells;
  const details: [string, string | null | undefined][] = [
    ['Title', title],
    ['Vessel type', vesselType],
    ['Tonnage', tonnage],
    ['Gross registered tonnage', grossTonnage],
    ['Vessel flag', flag],
    ['Vessel owner', owner],
  ];
  return details.filter(([, value]) => value?.trim()).map(([label, value]) => `${label}: ${value!.trim()}`);
}
