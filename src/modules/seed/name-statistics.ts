/**
 * How names repeat in a set of designations, the figures that decide what name retrieval costs:
 * how many names share one retrieval key (a trigram search pays per distinct key, then per name
 * carrying it) and how the name words are distributed (a party with a common word meets every
 * name carrying it). Used to hold the seeded demo data to the shape of the published lists.
 * Pure: names in, figures out.
 */
import { nameKeys, normalizeName } from '../name-matching/name-normalization.ts';

export interface NameStatistics {
  designations: number;
  /** Primary names and aliases. */
  names: number;
  /** Names per distinct retrieval key (`nameKeys(...).key`). */
  namesPerKey: number;
  /** Designations per distinct primary-name key. */
  designationsPerPrimaryKey: number;
  /** Word occurrences (normalised tokens) and distinct words. */
  tokens: number;
  distinctTokens: number;
  /** Share of word occurrences that are one of the 10 (100) most frequent words. */
  top10Share: number;
  top100Share: number;
  /** Share of distinct words that occur once. */
  hapaxShare: number;
  /** Share of names carrying the most frequent word, and that word. */
  commonestTokenShare: number;
  commonestToken: string;
}

/** The figures for designations given as their names, primary name first. */
export function nameStatistics(designations: Iterable<readonly string[]>): NameStatistics {
  const keys = new Map<string, number>();
  const primaryKeys = new Set<string>();
  const tokenCounts = new Map<string, number>();
  const namesWithToken = new Map<string, number>();
  let designationCount = 0;
  let names = 0;
  let tokens = 0;
  for (const designationNames of designations) {
    designationCount += 1;
    designationNames.forEach((name, position) => {
      names += 1;
      const key = nameKeys(name).key;
      keys.set(key, (keys.get(key) ?? 0) + 1);
      if (position === 0) primaryKeys.add(key);
      const words = normalizeName(name).tokens;
      tokens += words.length;
      for (const word of words) tokenCounts.set(word, (tokenCounts.get(word) ?? 0) + 1);
      for (const word of new Set(words)) namesWithToken.set(word, (namesWithToken.get(word) ?? 0) + 1);
    });
  }
  const counts = [...tokenCounts.values()].sort((a, b) => b - a);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  let commonestToken = '';
  let commonest = 0;
  for (const [word, n] of namesWithToken) {
    if (n > commonest || (n === commonest && word < commonestToken)) [commonestToken, commonest] = [word, n];
  }
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return {
    designations: designationCount,
    names,
    namesPerKey: share(names, keys.size),
    designationsPerPrimaryKey: share(designationCount, primaryKeys.size),
    tokens,
    distinctTokens: counts.length,
    top10Share: share(sum(counts.slice(0, 10)), tokens),
    top100Share: share(sum(counts.slice(0, 100)), tokens),
    hapaxShare: share(counts.filter((n) => n === 1).length, counts.length),
    commonestTokenShare: share(commonest, names),
    commonestToken,
  };
}
