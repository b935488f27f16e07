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
 * The files carry no date, so the snapshot comes from a `YYYY-MM-DD` in the folder name.
 */
export function ofacCsvSource(path: string): ImportSource {
  const files = locateFiles(path);
  return {
    list: files.list,
    snapshot: snapshotFromFolder(dirname(files.primary)),
    entries: () => readEntries(files),
  };
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

function snapshotFromFolder(folder: string): string | null {
  const date = /(\d{4}-\d{2}-\d{2})/.exec(basename(folder))?.[1];
  return date && partialDateBounds(date) ? date : null;
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
  return entry;
}

const SUBJECT_TYPES_BY_SDN_TYPE: Readonly<Record<string, SubjectType>> = {
  individual: 'INDIVIDUAL',
  vessel: 'VESSEL',
  aircraft: 'AIRCRAFT',
};

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
