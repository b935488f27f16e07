/**
 * Name normalisation for screening. Unlike `normalizeForSearch` (src/lib/names.ts), it
 * transliterates every script to Latin, because screening compares a name against list
 * entries written in any script.
 */
import { levenshtein } from './name-edit-distance.ts';
import { phoneticSkeleton } from './name-phonetics.ts';
import { transliterate } from './name-transliteration.ts';
import {
  isPatronymic,
  LEGAL_FORM_KINDS,
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
  /** With `surnameFirst`, the tokens of the surname (before the comma); empty otherwise. */
  surname: string[];
  /** Whether the name reads as an organisation's (`nameShape`). */
  organisation: boolean;
  /** Whether the name reads as a person's (`nameShape`). */
  readsAsPerson: boolean;
  /** The kinds of company its legal forms make (LEGAL_FORM_KINDS): none for a person's name or a form of no specific kind. */
  legalFormKinds: string[];
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
  /** How far a legal form or sector word may be written otherwise and still be recognised (`FormVariants`). */
  formVariants?: FormVariants;
  /**
   * Keep title words ("General Motors", "Captain Morgan Shipping"): in an organisation's name
   * they are words of the name, not a person's rank. Scoring asks for it; retrieval keys drop them.
   */
  keepTitles?: boolean;
}

/**
 * Legal forms, group and sector words written otherwise than the vocabulary writes them, each
 * recognised under its own precision rule (NameRules) so the evaluation can weigh it:
 * - `respelt`: one typo — a letter typed twice ("LTDD", "GROUUP", "STOCKK"), or, in a word long
 *   enough that one edit leaves it unmistakable, any one edit after the first letter
 *   ("LIMIED", "COMANY"). A name word one letter from a short vocabulary word is left alone:
 *   "Patty" is no party, "Marie" no marine, "Do" no d.o.o.
 * - `reordered`: the words of a form of several words in another order ("COMPANY LIABILITY
 *   LIMITED", "EXPORT AND IMPORT"): names are compared regardless of word order, so their legal
 *   forms must be recognised regardless of it too.
 */
export interface FormVariants {
  respelt: boolean;
  reordered: boolean;
}

const EXACT_FORMS: FormVariants = Object.freeze({ respelt: false, reordered: false });
/** What screening recognises (all its rules on). Retrieval keys stay exact: the stored keys need no rewrite. */
export const ALL_FORM_VARIANTS: FormVariants = Object.freeze({ respelt: true, reordered: true });

/** Phrases dropped from a name, longest first, with the first word of each for a quick look-up. */
interface DroppedPhrases {
  phrases: readonly Phrase[];
  firstWords: ReadonlySet<string>;
  /** Per written token, the variable phrases with a word it is or respells, longest first (filled as tokens come). */
  variableByToken: Map<string, readonly Phrase[]>;
}

interface Phrase {
  words: readonly string[];
  /** Whether a respelt or reordered writing counts (legal forms, group, sector and organisation words; not titles). */
  variable: boolean;
}

function droppedPhrases(list: readonly string[], variable: readonly string[] = []): DroppedPhrases {
  const variableSet = new Set(variable);
  const phrases = [...new Set(list)]
    .map((phrase) => ({ words: phrase.split(' '), variable: variableSet.has(phrase) }))
    // Longest first, so "open joint stock company" goes before "company" can take its last word.
    .sort((a, b) => b.words.length - a.words.length);
  return { phrases, firstWords: new Set(phrases.map(({ words }) => words[0]!)), variableByToken: new Map() };
}

/** Bounds each phrase set's look-up of written tokens (names repeat their words; the cache is cleared when full). */
const VARIABLE_LOOKUP_CACHE_SIZE = 20_000;

function variablePhrasesFor(token: string, dropped: DroppedPhrases): readonly Phrase[] {
  let found = dropped.variableByToken.get(token);
  if (found === undefined) {
    found = dropped.phrases.filter(({ words, variable }) => variable && words.some((word) => word === token || isRespelling(token, word, words.length)));
    if (dropped.variableByToken.size >= VARIABLE_LOOKUP_CACHE_SIZE) dropped.variableByToken.clear();
    dropped.variableByToken.set(token, found);
  }
  return found;
}

const COMPANY_WORDS = [...LEGAL_FORMS, ...GROUP_WORDS];

const DROPPED = {
  any: droppedPhrases([...LEGAL_FORMS, ...GROUP_WORDS, ...TITLES, ...LOSSY_SCRIPT_TITLES, ...STOPWORDS], COMPANY_WORDS),
  anyWithSectorWords: droppedPhrases([...LEGAL_FORMS, ...TITLES, ...LOSSY_SCRIPT_TITLES, ...STOPWORDS], LEGAL_FORMS),
  organisation: droppedPhrases([...LEGAL_FORMS, ...GROUP_WORDS, ...STOPWORDS], COMPANY_WORDS),
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
  const dropped = lossy
    ? DROPPED.lossy
    : options.person
      ? DROPPED.person
      : options.keepSectorWords
        ? DROPPED.anyWithSectorWords
        : options.keepTitles
          ? DROPPED.organisation
          : DROPPED.any;
  const variants = options.formVariants ?? EXACT_FORMS;
  const sectorWritten = dropped === DROPPED.any || dropped === DROPPED.organisation ? canonicalSectorWords(tokens, variants) : tokens;
  const droppedForms: Phrase[] = [];
  const kept = dropPhrases(sectorWritten, dropped, variants, droppedForms);
  // A name that is nothing but a legal form or a title ("General Company") keeps its words.
  const result = joinNumberWords((kept.length > 0 ? kept : sectorWritten).map(canonicalParticle));
  const surnameFirst = /^[^,]*\p{L}[^,]*,[^,]*\p{L}[^,]*$/u.test(name);
  const surname = surnameFirst ? analyzeName(name.slice(0, name.indexOf(',')), options).tokens : [];
  const shape = nameShape(name, variants);
  const organisation = shape === 'ORGANISATION';
  const legalFormKinds = [...new Set(droppedForms.flatMap(({ words }) => LEGAL_FORM_KINDS.get(words.join(' ')) ?? []))];
  return { text: result.join(' '), tokens: result, lossy, syllabic: SYLLABIC_SCRIPT_LETTER.test(name), surnameFirst, surname, organisation, readsAsPerson: shape === 'PERSON', legalFormKinds };
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
/** A syllable as typed, its final consonant perhaps typed twice ("joonng" for "jong"): still one syllable of a given name. */
const TYPED_SYLLABLE = '[bcdfghjklmnpqrstvwxz]{0,3}[aeiouy]{1,3}(?:nn?g|nn?|mm?|ll?|kk?|pp?|tt?|rr?)?';
const HYPHENATED_SYLLABLES = new RegExp(`\\b(${TYPED_SYLLABLE})-(${TYPED_SYLLABLE})\\b`, 'g');

/** "young-cheol" → "youngcheol"; a particle stays a word of its own ("al-qaida", "bin-laden"). */
function joinSyllables(whole: string, first: string, second: string): string {
  return PARTICLES.has(first) || PARTICLES.has(second) ? whole : first + second;
}

/** How a name reads on its own: an organisation's, a person's, or either. */
export type NameShape = 'ORGANISATION' | 'PERSON' | 'UNKNOWN';

const ORGANISATION_MARKER_WORDS = [...LEGAL_FORMS, ...SECTOR_WORDS.keys(), ...GROUP_WORDS, ...ORGANISATION_WORDS];
const ORGANISATION_MARKERS = droppedPhrases(ORGANISATION_MARKER_WORDS, ORGANISATION_MARKER_WORDS);
const SECTOR_PHRASES = droppedPhrases([...SECTOR_WORDS.keys()], [...SECTOR_WORDS.keys()]);

/** "air lines", "airways" → "air"; "general trading" → "trading" (SECTOR_WORDS). */
function canonicalSectorWords(tokens: string[], variants: FormVariants): string[] {
  const result: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const phrase = phraseAt(tokens, index, SECTOR_PHRASES, variants);
    if (phrase) {
      result.push(SECTOR_WORDS.get(phrase.words.join(' '))!);
      index += phrase.words.length;
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
export function nameShape(name: string, variants: FormVariants = ALL_FORM_VARIANTS): NameShape {
  const tokens = tokenize(name);
  if (tokens.length === 0) return 'UNKNOWN';
  const marked = dropPhrases(tokens, ORGANISATION_MARKERS, variants).length < tokens.length;
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

/** The tokens left once `dropped` phrases are taken out; those taken are added to `found`, if given. */
function dropPhrases(tokens: string[], dropped: DroppedPhrases, variants: FormVariants = EXACT_FORMS, found?: Phrase[]): string[] {
  const kept: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const phrase = phraseAt(tokens, index, dropped, variants);
    if (phrase) {
      found?.push(phrase);
      index += phrase.words.length;
    } else {
      kept.push(tokens[index]!);
      index += 1;
    }
  }
  return kept;
}

/** The longest phrase written at `index`, as it is or, for a variable phrase, as `variants` allow. */
function phraseAt(tokens: readonly string[], index: number, dropped: DroppedPhrases, variants: FormVariants): Phrase | undefined {
  const exact = (words: readonly string[]) => words.every((word, offset) => tokens[index + offset] === word);
  const asWritten = dropped.firstWords.has(tokens[index]!) ? dropped.phrases.find(({ words }) => exact(words)) : undefined;
  if (!variants.respelt && !variants.reordered) return asWritten;
  // A variable phrase written otherwise starts with one of its words, or a respelling of one.
  const otherwise = variablePhrasesFor(tokens[index]!, dropped).find(({ words }) => {
    if (index + words.length > tokens.length || (asWritten && words.length <= asWritten.words.length)) return false;
    const written = tokens.slice(index, index + words.length);
    return (variants.respelt && respeltInOrder(written, words)) || (variants.reordered && words.length >= 2 && reordered(written, words, variants.respelt));
  });
  return otherwise ?? asWritten;
}

/**
 * A one-word form is respelt by an edit only from this many letters ("limited", "company",
 * "holding"): shorter ones are a letter from common names ("party" / Patty, "marine" / Marie).
 * Inside a form of several words, the other words vouch for it, so four letters do ("joint stockk company").
 */
const MIN_RESPELT_WORD = 7;
const MIN_RESPELT_WORD_IN_PHRASE = 4;

/** The phrase's words in order, one of them respelt. */
function respeltInOrder(written: readonly string[], words: readonly string[]): boolean {
  const differing = words.flatMap((word, offset) => (written[offset] === word ? [] : [offset]));
  return differing.length === 1 && isRespelling(written[differing[0]!]!, words[differing[0]!]!, words.length);
}

/** The phrase's words in another order, each written as it is or (`respelt`) one of them respelt. */
function reordered(written: readonly string[], words: readonly string[], respelt: boolean): boolean {
  const left = [...words];
  const unmatched: string[] = [];
  for (const token of written) {
    const at = left.indexOf(token);
    if (at >= 0) left.splice(at, 1);
    else unmatched.push(token);
  }
  return unmatched.length === 0 || (respelt && unmatched.length === 1 && isRespelling(unmatched[0]!, left[0]!, words.length));
}

/** A letter typed twice, or one edit after the first letter of a word long enough to stay unmistakable. */
function isRespelling(token: string, word: string, phraseLength: number): boolean {
  if (token[0] !== word[0] || Math.abs(token.length - word.length) > 1) return false;
  if (token.length === word.length + 1 && doubledLetter(token, word)) return true;
  const minLetters = phraseLength >= 2 ? MIN_RESPELT_WORD_IN_PHRASE : MIN_RESPELT_WORD;
  return word.length >= minLetters && levenshtein(token, word) === 1;
}

/** "ltdd" / "ltd", "grouup" / "group": `token` is `word` with one of its letters typed twice. */
function doubledLetter(token: string, word: string): boolean {
  for (let at = 0; at < word.length; at += 1) {
    if (token[at] !== word[at]) return at > 0 && token[at] === word[at - 1] && token.slice(at + 1) === word.slice(at);
  }
  return token[word.length] === word[word.length - 1];
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
