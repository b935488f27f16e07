/**
 * Name normalisation for screening. Unlike `normalizeForSearch` (src/lib/names.ts), it
 * transliterates every script to Latin, because screening compares a name against list
 * entries written in any script.
 */
import { phoneticSkeleton } from './name-phonetics.ts';
import { transliterate } from './name-transliteration.ts';
import {
  isPatronymic,
  LEGAL_FORMS,
  LOSSY_SCRIPT_TITLES,
  NUMBER_WORDS,
  GROUP_WORDS,
  ORGANISATION_WORDS,
  PARTICLES,
  SECTOR_WORDS,
  STOPWORDS,
  TENS_WORDS,
  TITLES,
} from './name-vocabulary.ts';

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
  /**
   * Whether it is written as lists write a person, "SURNAME, Given Names": its words are then
   * known to be a family name and given names, not a company's or a typo's.
   */
  surnameFirst: boolean;
}

export interface NameOptions {
  /**
   * The name is a person's (the screened party or the listed subject is an individual): legal
   * forms are then words of the name, not of a company ("Thomas Sá", "PAO, Yu Liang"). Titles
   * are dropped either way. Unknown (undefined) drops legal forms, as for any name.
   */
  person?: boolean;
  /**
   * Hyphenated syllables are one given name ("Young-Cheol", "Jong-Un", "Jean-Paul"): joined, so
   * that a name with only one of them ("Young Kim") is not read as the same name with a middle
   * name left out. Scoring asks for it; retrieval keys keep the syllables apart.
   */
  compounds?: boolean;
  /**
   * Keep sector words ("airlines", "shipping"): a party's fingerprint for adjudications was made
   * with them before they were dropped, and two parties written differently stay two parties.
   */
  keepSectorWords?: boolean;
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
  any: droppedPhrases([...LEGAL_FORMS, ...GROUP_WORDS, ...TITLES, ...LOSSY_SCRIPT_TITLES, ...STOPWORDS]),
  anyWithSectorWords: droppedPhrases([...LEGAL_FORMS, ...TITLES, ...LOSSY_SCRIPT_TITLES, ...STOPWORDS]),
  person: droppedPhrases([...TITLES, ...LOSSY_SCRIPT_TITLES, ...STOPWORDS]),
  // A name in a lossy script drops only the titles of those scripts (see LOSSY_SCRIPT_TITLES).
  lossy: droppedPhrases(LOSSY_SCRIPT_TITLES),
};

const SYLLABIC_SCRIPT_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const LOSSY_SCRIPT_LETTER = /(?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Georgian}])\p{L}/u;

/** The name as a party's fingerprint reads it (see `keepSectorWords`). */
export function normalizeName(name: string): NormalizedName {
  const { text, tokens } = analyzeName(name, { keepSectorWords: true });
  return { text, tokens };
}

export function analyzeName(name: string, options: NameOptions = {}): AnalyzedName {
  const lossy = LOSSY_SCRIPT_LETTER.test(name);
  const tokens = tokenize(name, options.compounds === true);
  const dropped = lossy ? DROPPED.lossy : options.person ? DROPPED.person : options.keepSectorWords ? DROPPED.anyWithSectorWords : DROPPED.any;
  const sectorWritten = dropped === DROPPED.any ? canonicalSectorWords(tokens) : tokens;
  const kept = dropPhrases(sectorWritten, dropped);
  // A name that is nothing but a legal form or a title ("General Company") keeps its words.
  const result = joinNumberWords((kept.length > 0 ? kept : sectorWritten).map(canonicalParticle));
  const surnameFirst = /^[^,]*\p{L}[^,]*,[^,]*\p{L}[^,]*$/u.test(name);
  return { text: result.join(' '), tokens: result, lossy, syllabic: SYLLABIC_SCRIPT_LETTER.test(name), surnameFirst };
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

function tokenize(name: string, compounds = false): string[] {
  const latin = transliterate(splitCamelCase(name)).toLowerCase();
  return (
    (compounds ? latin.replace(HYPHENATED_SYLLABLES, joinSyllables) : latin)
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
 * One romanised syllable: up to three consonants, a vowel group, and at most a final n, ng, m,
 * l, k, p, t or r ("young", "cheol", "jong", "un", "jean", "paul"; not "smith" or "jones").
 */
export const SYLLABLE = '[bcdfghjklmnpqrstvwxz]{0,3}[aeiouy]{1,3}(?:ng|n|m|l|k|p|t|r)?';
const HYPHENATED_SYLLABLES = new RegExp(`\\b(${SYLLABLE})-(${SYLLABLE})\\b`, 'g');

/** "young-cheol" → "youngcheol"; a particle stays a word of its own ("al-qaida", "bin-laden"). */
function joinSyllables(whole: string, first: string, second: string): string {
  return PARTICLES.has(first) || PARTICLES.has(second) ? whole : first + second;
}

/** How a name reads on its own: an organisation's, a person's, or either. */
export type NameShape = 'ORGANISATION' | 'PERSON' | 'UNKNOWN';

const ORGANISATION_MARKERS = droppedPhrases([...LEGAL_FORMS, ...SECTOR_WORDS.keys(), ...GROUP_WORDS, ...ORGANISATION_WORDS]);
const SECTOR_PHRASES = droppedPhrases([...SECTOR_WORDS.keys()]);

/** "air lines", "airways" → "air"; "general trading" → "trading" (SECTOR_WORDS). */
function canonicalSectorWords(tokens: string[]): string[] {
  const result: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const phrase = SECTOR_PHRASES.firstWords.has(tokens[index]!)
      ? SECTOR_PHRASES.phrases.find((words) => words.every((word, offset) => tokens[index + offset] === word))
      : undefined;
    if (phrase) {
      result.push(SECTOR_WORDS.get(phrase.join(' '))!);
      index += phrase.length;
    } else {
      result.push(tokens[index]!);
      index += 1;
    }
  }
  return result;
}

/**
 * An organisation's name carries a legal form, a sector word, an organisation noun (bank,
 * ministry, brigade…) or a number; a name of two to four words with none of those reads as a
 * person's. One word, or five and more, could be either.
 */
export function nameShape(name: string): NameShape {
  const tokens = tokenize(name);
  if (tokens.length === 0) return 'UNKNOWN';
  const marked = dropPhrases(tokens, ORGANISATION_MARKERS).length < tokens.length;
  if (marked || tokens.some((token) => /\d/.test(token))) return 'ORGANISATION';
  return tokens.length >= 2 && tokens.length <= 4 ? 'PERSON' : 'UNKNOWN';
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
