/**
 * The shape of names the screening bench searches: how often names repeat per retrieval key and
 * how name words are distributed, for the published lists in ../shared and for the seeded demo
 * data at the same sizes (a vocabulary grows with the list, so sets are compared at equal
 * counts). Retrieval cost follows these figures, so a seeded set that repeats names more than
 * real lists flatters it. In memory, no database.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IMPORT_FORMATS } from '../src/modules/imports/formats/index.ts';
import { demoDesignations } from '../src/modules/seed/designation-generator.ts';
import { nameStatistics, type NameStatistics } from '../src/modules/seed/name-statistics.ts';

const DATA = new URL('../../shared/data/sanctions/', import.meta.url);
const LISTS: { format: string; path: string }[] = [
  { format: 'ofac-csv', path: 'ofac/sdn_csv_2024-05-03' },
  { format: 'ofac-csv', path: 'ofac/cons_nonsdn_csv_2025' },
  { format: 'un-xml', path: 'un/consolidated_2026-02-27.xml' },
  { format: 'uk-ofsi-csv', path: 'uk/ofsi_conlist_2025-04-10.derived.csv.gz' },
  { format: 'ca-sema-xml', path: 'ca/sema-lmes_2025-03.xml' },
];

export interface NameShapeRow {
  set: string;
  statistics: NameStatistics;
}

async function listNames(format: string, file: string): Promise<string[][]> {
  const source = IMPORT_FORMATS[format]!.open(file);
  const designations: string[][] = [];
  for await (const entry of source.entries()) designations.push([entry.primaryName, ...entry.aliases.map((alias) => alias.name)]);
  return designations;
}

const seededNames = (count: number, seed = 1) => [...demoDesignations(seed, count)].map((d) => [d.content.primaryName, ...d.content.aliases.map((a) => a.name)]);

export async function benchmarkNameShape(): Promise<NameShapeRow[] | string> {
  const rows: NameShapeRow[] = [];
  const all: string[][] = [];
  for (const { format, path } of LISTS) {
    const file = fileURLToPath(new URL(path, DATA));
    if (!fs.existsSync(file)) continue;
    const designations = await listNames(format, file);
    rows.push({ set: path, statistics: nameStatistics(designations) });
    all.push(...designations);
  }
  if (rows.length === 0) return `skipped: no lists under ${fileURLToPath(DATA)}`;
  rows.push({ set: 'the published lists together', statistics: nameStatistics(all) });
  const sdn = rows.find((r) => r.set.startsWith('ofac/sdn'))?.statistics.designations;
  if (sdn) rows.push({ set: `seeded, as many as the SDN (${sdn.toLocaleString('en')})`, statistics: nameStatistics(seededNames(sdn)) });
  rows.push({ set: `seeded, as many as the lists together (${all.length.toLocaleString('en')})`, statistics: nameStatistics(seededNames(all.length)) });
  return rows;
}

export const NAME_SHAPE_HEADER = [
  '| set | designations | names | names per key | designations per primary key | distinct words / words | top-10 words share | top-100 words share | words seen once | commonest word (share of names) |',
  '|---|---|---|---|---|---|---|---|---|---|',
];

export function describeNameShape(rows: NameShapeRow[] | string): string[] {
  if (typeof rows === 'string') return [`| ${rows} | | | | | | | | | |`];
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  return rows.map(({ set, statistics: s }) =>
    [
      set,
      s.designations.toLocaleString('en'),
      s.names.toLocaleString('en'),
      s.namesPerKey.toFixed(2),
      s.designationsPerPrimaryKey.toFixed(2),
      `${s.distinctTokens.toLocaleString('en')} / ${s.tokens.toLocaleString('en')} (${pct(s.distinctTokens / s.tokens)})`,
      pct(s.top10Share),
      pct(s.top100Share),
      pct(s.hapaxShare),
      `${s.commonestToken} (${pct(s.commonestTokenShare)})`,
    ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
  );
}
