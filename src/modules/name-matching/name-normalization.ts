/**
 * Name normalisation for screening. Unlike `normalizeForSearch` (src/lib/names.ts), it
 * transliterates every script to Latin, because screening compares a name against list
 * entries written in any script.
 */
import { phoneticSkeleton } from './name-phonetics.ts';
import { transliterate } from './name-transliteration.ts';
import { isPatronymic, LEGAL_FORMS, LOSSY_SCRIPT_TITLES, NUMBER_WORDS, PARTICLES, STOPWORDS, TENS_WORDS, TITLES } from './name-vocabulary.ts';

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
  /** Whether it was written in Han characters or kana, which romanise syllable by syllable with their vowels. */
  syllabic: boolean;
}

export interface NameOptions {
  /**
   * The name is a person's (the screened party or the listed subject is an individual): legal
   * forms are then words of the name, not of a company ("Thomas Sá", "PAO, Yu Liang"). Titles
   * are dropped either way. Unknown (undefined) drops legal forms, as for any name.
   */
  person?: boolean;
}

/** Phrases dropped from a name, longest first, with the first word of each for a quick look-up. */
interface DroppedPhrases {
  phrases: readonly (readonly string[])[];
  firstWords: ReadonlySet<string>;
}

function droppedPhrases(list: readonly string[]): DroppedPhrases {
  const phrases = list
    .map((phrase) => phrase.split(' '))
    // Longest first, so "open joint stock company" goes before "company" can take its last word.
    .sort((a, b) => b.length - a.length);
  return { phrases, firstWords: new Set(phrases.map((words) => words[0]!)) };
}

const DROPPED = {
  any: droppedPhrases([...LEGAL_FORMS, ...TITLES, ...LOSSY_SCRIPT_TITLES, ...STOPWORDS]),
  person: droppedPhrases([...TITLES, ...LOSSY_SCRIPT_TITLES, ...STOPWORDS]),
  // A name in a lossy script drops only the titles of those scripts (see LOSSY_SCRIPT_TITLES).
  lossy: droppedPhrases(LOSSY_SCRIPT_TITLES),
};

const SYLLABIC_SCRIPT_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const LOSSY_SCRIPT_LETTER = /(?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Georgian}])\p{L}/u;

export function normalizeName(name: string): NormalizedName {
  const { text, tokens } = analyzeName(name);
  return { text, tokens };
}

export function analyzeName(name: string, options: NameOptions = {}): AnalyzedName {
  const lossy = LOSSY_SCRIPT_LETTER.test(name);
  const tokens = tokenize(name);
  const kept = dropPhrases(tokens, lossy ? DROPPED.lossy : options.person ? DROPPED.person : DROPPED.any);
  // A name that is nothing but a legal form or a title ("General Company") keeps its words.
  const result = joinNumberWords((kept.length > 0 ? kept : tokens).map(canonicalParticle));
  return { text: result.join(' '), tokens: result, lossy, syllabic: SYLLABIC_SCRIPT_LETTER.test(name) };
}

export interface NameKeys {
  /**
   * The trigram key for spelling variants: the tokens of `normalizeName(name)` without their
   * patronymics, folded by `retrievalSpelling`. Lists and queries drop patronymics freely, and a
   * common one ("uladzimiravich", "volodymyrovych") would otherwise rank a crowd of namesakes'
   * children above the person sought.
   */
  key: string;
  /**
   * Consonant skeleton of each token but the patronymics (see name-phonetics), space-joined: the
   * trigram key for romanisations that differ ("fladymyr bwtyn" / "vladimir putin" → "bltmr btn").
   */
  phonetic: string;
}

/**
 * Blocking keys stored per list name and compared with pg_trgm. Names written syllable by
 * syllable (Chinese, Korean: "xi jin ping", "beul la di mi reu pu tin") also get the skeleton
 * of all their tokens glued, which is what a Latin spelling of the same name shares with them.
 */
export function nameKeys(name: string): NameKeys {
  const { tokens: all } = analyzeName(name);
  const named = all.filter((token) => !isPatronymic(token));
  const tokens = named.length > 0 ? named : all;
  const key = tokens.map(retrievalSpelling).join(' ');
  const skeletons = tokens.map((token) => phoneticSkeleton(token, { mergeLiquids: true }).toLowerCase());
  const syllabic = tokens.filter((token) => token.length <= 3).length * 2 >= tokens.length && tokens.length > 2;
  if (syllabic) skeletons.push(phoneticSkeleton(tokens.join(''), { mergeLiquids: true }).toLowerCase());
  return { key, phonetic: skeletons.filter((skeleton) => skeleton.length > 0).join(' ') };
}

/**
 * A token spelt for retrieval only: y as i, w as v, doubled letters single. Romanisations
 * alternate these endlessly ("Volodymyr" / "Volodimir", "Putyin" / "Putin", "Wladimir" /
 * "Vladimir", "Mohammed" / "Mohamed") and each costs a name a third of its trigrams. Scoring
 * still sees the spelling as written.
 */
export function retrievalSpelling(token: string): string {
  return token.replace(/y/g, 'i').replace(/w/g, 'v').replace(/(.)\1+/g, '$1');
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

function dropPhrases(tokens: string[], dropped: DroppedPhrases): string[] {
  const kept: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const phrase = dropped.firstWords.has(tokens[index]!)
      ? dropped.phrases.find((words) => words.every((word, offset) => tokens[index + offset] === word))
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
