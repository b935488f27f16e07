/**
 * Consonant skeletons of romanised name tokens: what survives when a name passes through a
 * script that writes no short vowels (Arabic, Hebrew, Persian), has no p or v (Arabic), or no
 * l/r distinction (Korean, Japanese). "fldymyr bwtyn" (فلاديمير بوتين) and "vladimir putin"
 * both become "bltmr btn".
 *
 * Classes, after Soundex but finer, since a skeleton also serves as a similarity opinion:
 * b p f v (and a consonantal w) → B; c k q g (kh, gh, ck, hard c) → K; d t (th, dh) → T;
 * s z (ts, tz, soft c) → S; sh ch sch cz tch → X; j (zh, dj, dzh) → J; x → KS; h, l, r, m, n
 * stay. Vowels and y are dropped, then repeated classes collapse.
 */

export interface SkeletonOptions {
  /**
   * Write l as r. Korean and Japanese have one liquid, so their romanisations mix l and r
   * freely; within Latin script the two are distinct letters (Castro, Castillo).
   */
  mergeLiquids?: boolean;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Multi-letter spellings of one sound, longest first so that "tsch" is read before "ts". */
const DIGRAPHS: readonly (readonly [string, string])[] = [
  ['tsch', 'X'], ['sch', 'X'], ['tch', 'X'], ['dzh', 'J'],
  ['sh', 'X'], ['ch', 'X'], ['cz', 'X'], ['zh', 'J'], ['dj', 'J'], ['kh', 'K'], ['gh', 'K'],
  ['ph', 'B'], ['th', 'T'], ['dh', 'T'], ['ts', 'S'], ['tz', 'S'], ['ck', 'K'],
];

const DIGRAPH_STARTS = new Set(DIGRAPHS.map(([spelling]) => spelling[0]!));

const LETTER_CLASSES: Readonly<Record<string, string>> = {
  b: 'B', p: 'B', f: 'B', v: 'B',
  k: 'K', q: 'K', g: 'K',
  d: 'T', t: 'T',
  s: 'S', z: 'S',
  j: 'J', x: 'KS',
  h: 'H', l: 'L', r: 'R', m: 'M', n: 'N',
};

export function phoneticSkeleton(token: string, options: SkeletonOptions = {}): string {
  const classes = soundClasses(token);
  let skeleton = '';
  for (const cls of classes) {
    const letter = options.mergeLiquids && cls === 'L' ? 'R' : cls;
    if (letter !== '' && !skeleton.endsWith(letter)) skeleton += letter;
  }
  return skeleton;
}

/** The class of each sound of the token, '' for a vowel. */
function soundClasses(token: string): string[] {
  const classes: string[] = [];
  let index = 0;
  while (index < token.length) {
    // "ng" + "h" is two syllables ("donghyeon", "janghun"), not the gh of "Ghazi".
    const syllableBreak = token[index] === 'g' && token[index - 1] === 'n';
    const digraph = DIGRAPH_STARTS.has(token[index]!) && !syllableBreak
      ? DIGRAPHS.find(([spelling]) => token.startsWith(spelling, index))
      : undefined;
    if (digraph) {
      classes.push(digraph[1]);
      index += digraph[0].length;
      continue;
    }
    classes.push(letterClass(token, index));
    index += 1;
  }
  // A final h is silent in every romanisation ("Allah" / "llh", "Shah").
  if (token.endsWith('h') && classes.at(-1) === 'H') classes.pop();
  return classes;
}

function letterClass(token: string, index: number): string {
  const letter = token[index]!;
  const next = token[index + 1] ?? '';
  if (VOWELS.has(letter)) return '';
  // Arabic and Persian romanisations write the long vowels u/o as w ("bwtyn" for Putin), but
  // a w that starts a word or a syllable is a consonant ("Wladimir", "wldymyr").
  if (letter === 'w') return index === 0 || (VOWELS.has(token[index - 1] ?? '') && VOWELS.has(next)) ? 'B' : '';
  if (letter === 'c') return next === 'e' || next === 'i' || next === 'y' ? 'S' : 'K';
  return LETTER_CLASSES[letter] ?? letter;
}
