/** String distances for name tokens: Jaro–Winkler (Winkler 1990) and Levenshtein. */

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

/** Levenshtein distance: insertions, deletions and substitutions, each costing 1. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
