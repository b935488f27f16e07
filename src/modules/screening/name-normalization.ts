/**
 * Name normalisation for screening. Unlike `normalizeForSearch` (src/lib/names.ts), it
 * transliterates every script to Latin, because screening compares a name against list
 * entries written in any script.
 */
import { phoneticSkeleton } from './name-phonetics.ts';
import { transliterate } from './name-transliteration.ts';
import { LEGAL_FORMS, NUMBER_WORDS, PARTICLES, STOPWORDS, TENS_WORDS, TITLES } from './name-vocabulary.ts';

export interface NormalizedName {
  /** Lower-case ASCII tokens joined by one space, in the order they were written. */
  text: string;
  /** The same tokens. Comparison ignores their order; `text` keeps it for display. */
  tokens: string[];
}

export interface AnalyzedName extends NormalizedName {
  /**
   * Whether the name was written in a script whose romanisation is a guess: abjads without
   * short vowels (Arabic, Hebrew), syllabaries and Han, Indic and South-East Asian scripts.
   * Cyrillic, Greek, Armenian and Georgian romanise letter for letter, so they are not.
   */
  lossy: boolean;
}

const DROPPED_PHRASES: readonly (readonly string[])[] = [...LEGAL_FORMS, ...TITLES, ...STOPWORDS]
  .map((phrase) => phrase.split(' '))
  // Longest first, so "open joint stock company" goes before "company" can take its last word.
  .sort((a, b) => b.length - a.length);

/** First word of each dropped phrase, so most tokens are passed over with one set look-up. */
const DROPPED_FIRST_WORDS = new Set(DROPPED_PHRASES.map((words) => words[0]!));

const LOSSY_SCRIPT_LETTER = /(?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Georgian}])\p{L}/u;

export function normalizeName(name: string): NormalizedName {
  const { text, tokens } = analyzeName(name);
  return { text, tokens };
}

export function analyzeName(name: string): AnalyzedName {
  const tokens = tokenize(name);
  const kept = dropPhrases(tokens);
  // A name that is nothing but a legal form or a title ("General Company") keeps its words.
  const result = joinNumberWords((kept.length > 0 ? kept : tokens).map(canonicalParticle));
  return { text: result.join(' '), tokens: result, lossy: LOSSY_SCRIPT_LETTER.test(name) };
}

export interface NameKeys {
  /** `normalizeName(name).text`: the trigram key for spelling variants. */
  key: string;
  /**
   * Consonant skeleton of each token (see name-phonetics), space-joined: the trigram key for
   * romanisations that differ ("fladymyr bwtyn" / "vladimir putin" → "bltmr btn").
   */
  phonetic: string;
}

/**
 * Blocking keys stored per list name and compared with pg_trgm. Names written syllable by
 * syllable (Chinese, Korean: "xi jin ping", "beul la di mi reu pu tin") also get the skeleton
 * of all their tokens glued, which is what a Latin spelling of the same name shares with them.
 */
export function nameKeys(name: string): NameKeys {
  const { text, tokens } = analyzeName(name);
  const skeletons = tokens.map((token) => phoneticSkeleton(token, { mergeLiquids: true }).toLowerCase());
  const syllabic = tokens.filter((token) => token.length <= 3).length * 2 >= tokens.length && tokens.length > 2;
  if (syllabic) skeletons.push(phoneticSkeleton(tokens.join(''), { mergeLiquids: true }).toLowerCase());
  return { key: text, phonetic: skeletons.filter((skeleton) => skeleton.length > 0).join(' ') };
}

function tokenize(name: string): string[] {
  const latin = transliterate(splitCamelCase(name));
  return (
    latin
      .toLowerCase()
      .replace(/&/g, ' and ')
      // Apostrophes (and the ` and ' any-ascii writes for Arabic ayn and hamza) sit inside a
      // word: "Mu'tassim" is one token, "Bank's" becomes "banks".
      .replace(/['`’‘]/g, '')
      // Dots and slashes between single letters are abbreviations: L.L.C. → llc, A/S → as.
      .replace(/(?<=\b[a-z])[./](?=[a-z]\b)/g, '')
      .split(/[^a-z0-9]+/)
      .filter((token) => token.length > 0)
  );
}

/**
 * "AbdulRahman" → "Abdul Rahman", "SiemensAG" → "Siemens AG". Done on the written name only:
 * after transliteration an all-capital "ЩУКИН" reads "ShchUKIN" and would split.
 */
function splitCamelCase(text: string): string {
  return text.normalize('NFKC').replace(/(?<=\p{Ll})(?=\p{Lu})/gu, ' ');
}

function dropPhrases(tokens: string[]): string[] {
  const kept: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const phrase = DROPPED_FIRST_WORDS.has(tokens[index]!)
      ? DROPPED_PHRASES.find((words) => words.every((word, offset) => tokens[index + offset] === word))
      : undefined;
    if (phrase) {
      index += phrase.length;
    } else {
      kept.push(tokens[index]!);
      index += 1;
    }
  }
  return kept;
}

/** "ibn" / "bin" / "ben", "el" / "al": written forms of one particle. A name's first token is no particle. */
function canonicalParticle(token: string, index: number): string {
  return index === 0 ? token : (PARTICLES.get(token) ?? token);
}

/** "forty four" → "44", "first" → "1", "1st" → "1": numbers compare as digits. */
function joinNumberWords(tokens: string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const tens = TENS_WORDS.get(token);
    const next = tokens[index + 1] ?? '';
    const units = /^[1-9]$/.test(next) ? Number(next) : NUMBER_WORDS.get(next);
    if (tens !== undefined && units !== undefined && units < 10) {
      result.push(String(tens + units));
      index += 1;
    } else {
      const value = tens ?? NUMBER_WORDS.get(token);
      result.push(value === undefined ? token.replace(/^(\d+)(?:st|nd|rd|th)$/, '$1') : String(value));
    }
  }
  return result;
}
