/**
 * Name-only screening against real lists, in memory: recall of the Putin variants (the Putin
 * entry scores at or above the threshold) and the false-positive rate of 3,254 people who are on
 * no list (any list name at or above the threshold). Candidates are blocked on shared `nameKeys`
 * tokens (spelling or phonetic), as the database does with trigrams. It reports; it chooses nothing.
 *
 *   node --import tsx bench/eval-name-lists.ts [threshold]
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { IMPORT_FORMATS } from '../src/modules/imports/formats/index.ts';
import { nameKeys } from '../src/modules/name-matching/name-normalization.ts';
import { NAME_MATCH_THRESHOLD, nameSimilarity } from '../src/modules/name-matching/name-similarity.ts';

const DATA = new URL('../../shared/data/sanctions/', import.meta.url);
const MATCHING = new URL('matching/', DATA);
const LISTS: { format: string; path: string }[] = [
  { format: 'ofac-csv', path: 'ofac/sdn_csv_2024-05-03' },
  { format: 'ofac-csv', path: 'ofac/sdn_csv_fullset_2021-07' },
  { format: 'un-xml', path: 'un/consolidated_2026-02-27.xml' },
  { format: 'uk-ofsi-csv', path: 'uk/ofsi_conlist_2025-04-10.derived.csv.gz' },
  { format: 'ca-sema-xml', path: 'ca/sema-lmes_2025-03.xml' },
];
const NEGATIVE_FILES = ['yente_negatives_global_1k.csv', 'yente_negatives_us_1k.csv', 'yente_positives_us_congress.csv'];
const PUTIN_LIST_NAME = 'PUTIN, Vladimir Vladimirovich';
/** Blocking tokens shared by more list names than this are too common to block on alone. */
const MAX_POSTINGS = 1000;

interface ListName {
  entry: string;
  name: string;
}

async function loadListNames(): Promise<ListName[]> {
  const names: ListName[] = [];
  for (const { format, path } of LISTS) {
    const file = fileURLToPath(new URL(path, DATA));
    if (!fs.existsSync(file)) continue;
    try {
      const source = IMPORT_FORMATS[format]!.open(file);
      for await (const entry of source.entries()) {
        const id = `${source.list}:${entry.sourceReference}`;
        names.push({ entry: id, name: entry.primaryName });
        for (const alias of entry.aliases) names.push({ entry: id, name: alias.name });
      }
    } catch (error) {
      console.log(`skipped ${path}: ${(error as Error).message}`);
    }
  }
  return names;
}

function blockingTokens(name: string): string[] {
  const { key, phonetic } = nameKeys(name);
  return [...key.split(' ').map((token) => `k:${token}`), ...phonetic.split(' ').map((token) => `p:${token}`)];
}

/** pg_trgm's trigrams: each word lower-cased, padded with two spaces before and one after. */
function trigrams(text: string): Set<string> {
  const result = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
    const padded = `  ${word} `;
    for (let index = 0; index + 3 <= padded.length; index += 1) result.add(padded.slice(index, index + 3));
  }
  return result;
}

/** pg_trgm `word_similarity(a, b)` approximated as the share of a's trigrams found in b. */
function trigramShare(a: string, b: string): number {
  const mine = trigrams(a);
  const theirs = trigrams(b);
  if (mine.size === 0) return 0;
  let shared = 0;
  for (const trigram of mine) if (theirs.has(trigram)) shared += 1;
  return shared / mine.size;
}

/** Retrieval as the database runs it, at the lax end of the thresholds (0.3) on either key. */
const RETRIEVAL_THRESHOLD = 0.3;
function keysRetrieve(query: string, listName: string): boolean {
  const q = nameKeys(query);
  const l = nameKeys(listName);
  return trigramShare(q.key, l.key) >= RETRIEVAL_THRESHOLD || trigramShare(q.phonetic, l.phonetic) >= RETRIEVAL_THRESHOLD;
}

function buildIndex(names: ListName[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  names.forEach(({ name }, position) => {
    for (const token of new Set(blockingTokens(name))) {
      const postings = index.get(token) ?? [];
      postings.push(position);
      index.set(token, postings);
    }
  });
  return index;
}

function bestMatch(query: string, names: ListName[], index: Map<string, number[]>) {
  const candidates = new Set<number>();
  for (const token of blockingTokens(query)) {
    const postings = index.get(token);
    if (!postings || postings.length > MAX_POSTINGS) continue;
    for (const position of postings) candidates.add(position);
  }
  let best = { score: 0, name: '', entry: '' };
  for (const position of candidates) {
    const { entry, name } = names[position]!;
    const { score } = nameSimilarity(query, name);
    if (score > best.score) best = { score, name, entry };
  }
  return { ...best, candidates: candidates.size };
}

const threshold = process.argv[2] === undefined ? NAME_MATCH_THRESHOLD : Number(process.argv[2]);
if (!fs.existsSync(MATCHING)) {
  console.log('skipped: the shared sanctions data is not mounted');
  process.exit(0);
}

const started = performance.now();
const names = await loadListNames();
const index = buildIndex(names);
console.log(`# name-only screening at threshold ${threshold}: ${names.length} list names, indexed in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

// Recall is the score's: each variant against every name of the Putin entries, unblocked. Retrieval
// is checked apart, as the database runs it: pg_trgm similarity of the keys.
const putinEntries = new Set(names.filter(({ name }) => name === PUTIN_LIST_NAME).map(({ entry }) => entry));
const putinNames = names.filter(({ entry }) => putinEntries.has(entry)).map(({ name }) => name);
const variants = fs.readFileSync(new URL('putin_name_variants.txt', MATCHING), 'utf8').split('\n').filter((line) => line.trim());
const variantResults = variants.map((variant) => ({
  variant,
  score: Math.max(...putinNames.map((name) => nameSimilarity(variant, name).score)),
  retrieved: putinNames.some((name) => keysRetrieve(variant, name)),
}));
const missed = variantResults.filter(({ score }) => score < threshold);
console.log(`Putin variants (${putinNames.length} names of ${putinEntries.size} entries): recall ${((variants.length - missed.length) / variants.length).toFixed(3)} (${variants.length - missed.length}/${variants.length}); retrieved by trigram keys ${variantResults.filter(({ retrieved }) => retrieved).length}/${variants.length}`);
for (const { variant, score, retrieved } of variantResults) {
  if (score < threshold || !retrieved) console.log(`  ${score < threshold ? 'missed' : 'scored'} ${score.toFixed(3)}${retrieved ? '' : ' (not retrieved)'} ${variant}`);
}

const crossScript = parse(fs.readFileSync(new URL('watchman_cross_script_pairs.csv', MATCHING)), { comment: '#', skip_empty_lines: true, relax_column_count: true }) as string[][];
const crossMissed = crossScript.filter(([query, expected]) => nameSimilarity(query!, expected!).score < threshold);
console.log(`\nCross-script pairs: recall ${((crossScript.length - crossMissed.length) / crossScript.length).toFixed(3)} (${crossScript.length - crossMissed.length}/${crossScript.length}); retrieved by trigram keys ${crossScript.filter(([query, expected]) => keysRetrieve(query!, expected!)).length}/${crossScript.length}`);
for (const [query, expected] of crossMissed) console.log(`  missed ${nameSimilarity(query!, expected!).score.toFixed(3)} ${query} ~ ${expected}`);

const negatives = NEGATIVE_FILES.flatMap((file) =>
  (parse(fs.readFileSync(new URL(file, MATCHING)), { columns: true }) as Record<string, string>[]).map((row) => row.full_name ?? ''),
);
const screeningStarted = performance.now();
let candidatesScored = 0;
const hits = negatives
  .map((query) => {
    const best = bestMatch(query, names, index);
    candidatesScored += best.candidates;
    return { query, ...best };
  })
  .filter(({ score }) => score >= threshold);
const seconds = (performance.now() - screeningStarted) / 1000;
console.log(`\nNegatives: FPR ${(hits.length / negatives.length).toFixed(4)} (${hits.length}/${negatives.length}); ${candidatesScored} pairs scored in ${seconds.toFixed(1)} s (${((seconds * 1e6) / candidatesScored).toFixed(1)} µs per pair)`);
for (const { query, score, name } of hits.sort((x, y) => y.score - x.score)) console.log(`  ${score.toFixed(3)} ${query}  ~  ${name}`);
