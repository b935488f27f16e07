import { MalformedInputError, type ImportedAddress, type ImportedAlias } from '../imported-entry.ts';
import { ofacAddress, splitCityCell } from './ofac-address.ts';
import { ofacCsvRows, type OfacCsvRow } from './ofac-csv-records.ts';
import { ALIAS_KINDS_BY_ABBREVIATION } from './ofac-remarks.ts';

/**
 * The small files that go with the primary file, indexed by ent_num. They hold a few MB at
 * most, so reading them whole before streaming the primary file is cheap and lets each entry
 * be completed as it is read.
 */
export interface OfacCompanions {
  aliases: Map<string, ImportedAlias[]>;
  addresses: Map<string, ImportedAddress[]>;
  /** The continuation of Remarks cut off at 1,000 characters; it starts mid-word. */
  comments: Map<string, string>;
}

export interface OfacCompanionFiles {
  alt: string | null;
  add: string | null;
  comments: string | null;
}

export async function loadOfacCompanions(files: OfacCompanionFiles): Promise<OfacCompanions> {
  const [aliases, addresses, comments] = await Promise.all([
    files.alt ? indexRows(files.alt, 5, (row) => aliasFromRow(files.alt!, row)) : new Map(),
    files.add ? indexRows(files.add, 6, addressFromRow) : new Map(),
    files.comments ? indexRows(files.comments, 2, (row) => row.cells[1] ?? null) : new Map(),
  ]);
  const joined = new Map([...comments].map(([entNum, parts]: [string, string[]]) => [entNum, parts.join('')]));
  return { aliases, addresses, comments: joined };
}

async function indexRows<T>(file: string, columns: number, read: (row: OfacCsvRow) => T | null): Promise<Map<string, T[]>> {
  const index = new Map<string, T[]>();
  for await (const row of ofacCsvRows(file, columns)) {
    const value = read(row);
    if (value === null) continue;
    const entNum = row.cells[0]!;
    const list = index.get(entNum);
    if (list) list.push(value);
    else index.set(entNum, [value]);
  }
  return index;
}

/** alt.csv: ent_num, alt_num, alt_type, alt_name, alt_remarks. Only strong aliases are listed. */
function aliasFromRow(file: string, { cells, line }: OfacCsvRow): ImportedAlias | null {
  const [, , type, name] = cells;
  if (!name?.trim()) return null;
  const kind = ALIAS_KINDS_BY_ABBREVIATION[(type ?? 'aka').trim().toLowerCase()];
  if (!kind) throw new MalformedInputError(file, `line ${line}`, `unknown alt_type "${type}"`);
  return { name: name.trim(), kind, strength: 'STRONG' };
}

/** add.csv: ent_num, add_num, address, city/state/postal, country, add_remarks. */
function addressFromRow({ cells }: OfacCsvRow): ImportedAddress | null {
  const [, , street, cityCell, country] = cells;
  return ofacAddress({ street: street?.trim() || null, ...splitCityCell(cityCell?.trim() || null), country: country?.trim() || null });
}
