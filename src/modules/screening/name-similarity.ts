/**
 * Pure name scoring for screening: Jaro–Winkler on tokens, an order-insensitive best pairing
 * of tokens, and a concatenation check for names written glued or split.
 */
import { normalizeName } from './name-normalization.ts';

/** Winkler's prefix scale and longest rewarded prefix (Winkler 1990). */
const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
/** Winkler applies the prefix bonus only to strings already this similar. */
const BOOST_THRESHOLD = 0.7;

/** Jaro–Winkler similarity in [0, 1]; 1 for equal strings, 0 when nothing matches. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const jaro = jaroSimilarity(a, b);
  if (jaro < BOOST_THRESHOLD) return jaro;
  let prefix = 0;
  while (prefix < Math.min(MAX_PREFIX, a.length, b.length) && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

function jaroSimilarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const end = Math.min(i + window + 1, b.length);
    for (let j = Math.max(0, i - window); j < end; j += 1) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let j = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j += 1;
    if (a[i] !== b[j]) halfTranspositions += 1;
    j += 1;
  }
  const transpositions = halfTranspositions / 2;
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}

/** A one-letter token against a token it abbreviates ("J" / "Joachim"): a match, but a weaker one. */
const INITIAL_SIMILARITY = 0.8;
/**
 * Token pairs less similar than this count as unmatched: Jaro–Winkler gives 0.4–0.6 to
 * unrelated names, which would otherwise add up to a respectable score.
 */
const MIN_TOKEN_SIMILARITY = 0.75;

function tokenSimilarity(a: string, b: string): number {
  if (a.length === 1 || b.length === 1) {
    if (a === b) return 1;
    return a[0] === b[0] ? INITIAL_SIMILARITY : 0;
  }
  const similarity = jaroWinkler(a, b);
  return similarity >= MIN_TOKEN_SIMILARITY ? similarity : 0;
}

/**
 * Order-insensitive similarity of two token lists in [0, 1]. Tokens are paired greedily, best
 * pair first (near enough to the optimal assignment for names of a few tokens). Each token
 * weighs its length, so a matched surname counts for more than a matched initial, and an
 * unmatched token still weighs its length in the denominator: that is the penalty.
 */
export function tokenSetSimilarity(a: string[], b: string[]): number {
  const totalWeight = sumLengths(a) + sumLengths(b);
  if (totalWeight === 0) return 0;
  const pairs: { i: number; j: number; similarity: number }[] = [];
  a.forEach((tokenA, i) =>
    b.forEach((tokenB, j) => {
      const similarity = tokenSimilarity(tokenA, tokenB);
      if (similarity > 0) pairs.push({ i, j, similarity });
    }),
  );
  pairs.sort((x, y) => y.similarity - x.similarity);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matchedWeight = 0;
  for (const { i, j, similarity } of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    matchedWeight += similarity * (a[i]!.length + b[j]!.length);
  }
  return matchedWeight / totalWeight;
}

function sumLengths(tokens: string[]): number {
  return tokens.reduce((sum, token) => sum + token.length, 0);
}

export interface NameSimilarity {
  /** In [0, 1]; see `nameSimilarity` for how it is made. */
  score: number;
  normalizedQuery: string;
  normalizedCandidate: string;
  /** Share of tokens found exactly on both sides: shared tokens / tokens of the longer name. */
  tokenOverlap: number;
}

/**
 * Score of a candidate list name for a query name, in [0, 1]. The score is the larger of:
 * - the token-set similarity (weight 1): order-insensitive, handles typos, initials and
 *   missing or extra tokens;
 * - the Jaro–Winkler similarity of the two names with their spaces removed, in written
 *   order (weight 1), but only when the token counts differ: that is the cheap check for
 *   glued or split tokens ("AbdulRahman" / "Abdul Rahman", "Xi Jin Ping" / "Xi Jinping").
 *   With equal counts it would only reward shared prefixes of different names.
 */
export function nameSimilarity(query: string, candidate: string): NameSimilarity {
  const normalizedQuery = normalizeName(query);
  const normalizedCandidate = normalizeName(candidate);
  const a = normalizedQuery.tokens;
  const b = normalizedCandidate.tokens;
  let score = tokenSetSimilarity(a, b);
  if (a.length !== b.length) score = Math.max(score, jaroWinkler(a.join(''), b.join('')));
  return {
    score,
    normalizedQuery: normalizedQuery.text,
    normalizedCandidate: normalizedCandidate.text,
    tokenOverlap: tokenOverlap(a, b),
  };
}

function tokenOverlap(a: string[], b: string[]): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 0;
  const remaining = [...b];
  let shared = 0;
  for (const token of a) {
    const index = remaining.indexOf(token);
    if (index < 0) continue;
    remaining.splice(index, 1);
    shared += 1;
  }
  return shared / longer;
}
