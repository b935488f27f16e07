/**
 * Pure name scoring for screening. Tokens are compared one by one (spelling, then sound), paired
 * regardless of order, and the score is the quality of the pairs less a cost for every token
 * left without a partner. The score is query-centric: a list name may carry patronymics and
 * middle names the query lacks, but query tokens the list name lacks are evidence against it.
 */
import { analyzeName, SYLLABLE, type AnalyzedName, type FormVariants, type NameOptions } from './name-normalization.ts';
import { classifyToken, tokenSimilarity, type ComparedToken } from './name-token-similarity.ts';
import { COUNTRY_WORDS } from './name-countries.ts';
import { levenshtein } from './name-edit-distance.ts';
import { transliterate } from './name-transliteration.ts';
import { COMMON_NAME_WORDS, ORGANISATION_WORDS, PARTICLES, SECTOR_WORDS } from './name-vocabulary.ts';

export { jaroWinkler, levenshtein } from './name-edit-distance.ts';
export { tokenSimilarity } from './name-token-similarity.ts';

/**
 * What a token left without a partner costs, as a factor on the score. Query tokens cost more
 * than candidate tokens (screening is query-centric); patronymics, particles and initials cost
 * little, because lists and queries drop them freely; a number costs a lot, because "Fund VIII"
 * and "Fund IX" are different funds. A list word the query lacks costs 0.93: lists write people
 * with two surnames and two given names ("GIL GARCIA, Jose Alejandro"), and a two-word query
 * found in such a name is as often someone else ("Joe Garcia"); 0.93 is also where the labelled
 * name pairs score best (F1 0.904 against 0.902 at 0.95).
 */
const EXTRA_TOKEN_FACTOR = {
  query: { word: 0.9, patronymic: 0.97, initial: 0.96, particle: 0.99, number: 0.6 },
  candidate: { word: 0.93, patronymic: 0.985, initial: 0.98, particle: 0.995, number: 0.6 },
} as const;

/**
 * An unpaired token on each side is not an omission but a contradiction: "Daniel Ortiz" is not
 * "Daniel Ortega", and "Sergey Viktorovich Lavrov" is not "Sergey Borisovich Lavrov".
 */
const CONTRADICTION_FACTOR = 0.7;
/** Two different series numbers ("Fund III" / "Fund IV") are siblings of one family: a weak doubt. */
const NUMBER_CONTRADICTION_FACTOR = 0.85;

/**
 * A query of several identifying tokens of which only one is found ("John Brown" / "JOHN",
 * "Kathryn Smith" / "BARR, Kathryn Ann") matched a given name or a surname, not a person.
 */
const SINGLE_TOKEN_FACTOR = 0.7;

/**
 * Across a lossy script (see AnalyzedName.lossy) a query word without a partner costs more than
 * within one script: the pairs made rest on sound, so every query word must find one for the
 * match to be about this person ("현우 현정 장" is not "HYON U, Jang": 현정 is nowhere in it).
 */
const LOSSY_EXTRA_QUERY_WORD_FACTOR = 0.8;

/** Particles weigh this share of their length in the pair quality: "bin" identifies nobody. */
const PARTICLE_WEIGHT = 0.3;

/** Glued tokens are looked for up to this many tokens long ("beul la di mi reu" = Vladimir). */
const MAX_GLUED_TOKENS = 6;

/**
 * The score from which a list name is a screening hit, chosen on the labelled pairs of
 * nomenklatura's name bench (best F1 region) and the Putin and cross-script recall sets.
 */
export const NAME_MATCH_THRESHOLD = 0.8;

/**
 * The rules that keep a match from resting on too little, each switchable so that
 * `npm run eval:screening` can report every figure with and without it. All on by default.
 */
export interface NameRules {
  /**
   * Names that plainly disagree cost more: where a name rests on one well-matched token, each
   * other pair that is only a doubt (two edits apart, "Maria" / "Mark"; another ending,
   * "Antonia" / "Antonio") costs DOUBTFUL_PAIR_FACTOR.
   */
  disagreeingNames: boolean;
  /** A match must rest on more than one short (3 letters or fewer) or very common token. */
  commonTokens: boolean;
  /**
   * Sound alone must not lift unrelated names: across scripts, a match without a distinctive
   * token spelt alike, on short skeletons, costs SOUND_ONLY_FACTOR; Latin words glued by sound
   * need a long skeleton.
   */
  soundOnly: boolean;
  /** Hyphenated syllables are one given name ("Young-Cheol"): half of it is another name. */
  compoundNames: boolean;
  /**
   * A legal form, group or sector word respelt by one typo ("LIMMITED", "STOCKK", "LTDD") is
   * still one: left as a word of the name, it costs the name its score and makes a company's
   * name read as a person's (see FormVariants).
   */
  respeltLegalForms: boolean;
  /** A legal form of several words written in another order ("COMPANY LIABILITY LIMITED") is still one. */
  reorderedLegalForms: boolean;
  /**
   * Words glued into one token of the other name must spell it within one typo, or share its
   * skeleton: "Nathan Deal" glued is two edits from "Nathaniel", "مهدیس عقیلی" from "مهدیقلی".
   */
  gluedWords: boolean;
  /**
   * Where the list writes a person "SURNAME, Given Names", a query of several words must find
   * the surname: "John James" is not ASHFIELD, Jeffrey John James, whose given names it shares.
   */
  surnameFound: boolean;
  /**
   * In an organisation's name, a country name on one side only is a national subsidiary, another
   * company ("Banco Santander" / "Banco Santander Chile"): it costs as a contradiction.
   */
  nationalSubsidiaries: boolean;
  /** "X bin Y" is not "Y bin X": the son is not the father (see `swappedNasab`). */
  nasabOrder: boolean;
  /**
   * In Han characters or Hangul every character is a syllable of the name: two names of as many
   * characters, one of them read otherwise, are two names (习近朋 / 习近平, 김종은 / 김정은), each
   * such character a contradiction; one written otherwise but read alike (習 / 习) is the same.
   */
  distinctSyllables: boolean;
  /**
   * In an organisation's name, a one-letter Roman numeral (I, V, X) against a series number on
   * the other side is a series number too ("Partners IV" / "Partners V": siblings of one family,
   * NUMBER_CONTRADICTION_FACTOR), not an initial contradicting a number.
   */
  seriesNumbers: boolean;
  /**
   * Two organisation names stating legal forms of different kinds (LEGAL_FORM_KINDS: "AG" /
   * "GmbH", "ANO" / "LLC") name two companies: a contradiction. One form left out, or the same
   * kind written otherwise ("AG" / "Aktiengesellschaft" / "S.A."), costs nothing.
   */
  distinctLegalForms: boolean;
  /** Two adjacent letters swapped are one typo, not two ("Appel" / "Apple", "Marcon" / "Macron"). */
  transposedLetters: boolean;
  /**
   * Where neither name reads as a person's and one is an organisation's, a word of one name that
   * is the initials of words of the other stands for them ("U.S." / "United States", "PLA" /
   * "People's Liberation Army"). Scoring only: retrieval does not expand acronyms.
   */
  acronyms: boolean;
  /**
   * Title words ("General", "Captain") are words of an organisation's name ("General Motors"),
   * not a rank to drop: kept on both sides where either name is an organisation's.
   */
  organisationTitles: boolean;
  /**
   * In an organisation's name a country's name says where, not which: like a common word
   * (`commonTokens`), it cannot carry a match alone ("L & H Sweden" / "L & H Mendez Sweden").
   */
  countryWords: boolean;
}

export const DEFAULT_NAME_RULES: Readonly<NameRules> = Object.freeze({
  disagreeingNames: true,
  commonTokens: true,
  soundOnly: true,
  compoundNames: true,
  respeltLegalForms: true,
  reorderedLegalForms: true,
  gluedWords: true,
  surnameFound: true,
  nationalSubsidiaries: true,
  nasabOrder: true,
  distinctSyllables: true,
  seriesNumbers: true,
  distinctLegalForms: true,
  transposedLetters: true,
  acronyms: true,
  organisationTitles: true,
  countryWords: true,
});

/** How far the rules let a legal form be written otherwise (name-normalization `FormVariants`). */
export function formVariants(rules: Readonly<NameRules>): FormVariants {
  return { respelt: rules.respeltLegalForms, reordered: rules.reorderedLegalForms };
}

/** The rules switched off one at a time, as the evaluation's ablation reports them. */
export const NAME_RULE_NAMES = Object.keys(DEFAULT_NAME_RULES) as (keyof NameRules)[];

export interface NameSimilarityOptions extends Omit<NameOptions, 'compounds' | 'keepSectorWords' | 'formVariants'> {
  rules?: Readonly<NameRules>;
}

interface TokenPair {
  query: number;
  candidate: number;
  similarity: number;
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
 * Score of a candidate list name for a query name, in [0, 1]:
 * 1. both names are normalised (script, case, titles, legal forms, particles, numbers);
 * 2. runs of tokens that one side writes glued ("AbdulRahman", "Xi Jinping") are glued on the
 *    other side too;
 * 3. tokens are paired regardless of order, best pair first;
 * 4. the score is the length-weighted mean similarity of the pairs, times a factor for each
 *    unpaired token (see EXTRA_TOKEN_FACTOR and CONTRADICTION_FACTOR), for a query found only
 *    in part (coverageFactor) and for a cross-script match on short skeletons (soundOnlyFactor).
 * `options.person` says the names are a person's, so legal-form words are kept (NameOptions).
 */
export function nameSimilarity(query: string, candidate: string, options: NameSimilarityOptions = {}): NameSimilarity {
  const rules = options.rules ?? DEFAULT_NAME_RULES;
  const [analyzedQuery, analyzedCandidate] = analyzedPair(query, candidate, options.person, rules);
  const organisation = options.person !== true && (analyzedQuery.organisation || analyzedCandidate.organisation);
  const script: TokenScript = {
    lossy: analyzedQuery.lossy || analyzedCandidate.lossy,
    syllabic: analyzedQuery.syllabic || analyzedCandidate.syllabic,
    rules,
    acronyms: rules.acronyms && organisation && !analyzedQuery.readsAsPerson && !analyzedCandidate.readsAsPerson,
  };
  const [queryTokens, candidateTokens] = glueTokens(analyzedQuery.tokens, analyzedCandidate.tokens, script);
  const series = rules.seriesNumbers && organisation;
  const classifiedQuery = queryTokens.map((token, index) => positionedToken(classify(token.text, script), index));
  const classifiedCandidate = candidateTokens.map((token, index) => positionedToken(classify(token.text, script), index));
  const a = series ? asSeriesNumbers(classifiedQuery, classifiedCandidate) : classifiedQuery;
  const b = series ? asSeriesNumbers(classifiedCandidate, classifiedQuery) : classifiedCandidate;
  // Only a person's name as lists write it says which words are names a doubt may not stand for.
  const listedPerson = options.person === true && analyzedCandidate.surnameFirst;
  const surname = new Set(listedPerson ? analyzedCandidate.surname : []);
  // With NameRules.countryWords, an organisation's country name is as weak as a common word.
  const placeIsWeak = rules.countryWords && organisation;
  const isWeak = (token: GluedToken) => isWeakRun(token) || (placeIsWeak && isCountryWord(token));
  const weak = {
    query: queryTokens.map(isWeak),
    candidate: candidateTokens.map(isWeak),
    surname: candidateTokens.map((token) => token.parts.some((part) => surname.has(part))),
    national: { query: queryTokens.map(isCountryWord), candidate: candidateTokens.map(isCountryWord) },
  };
  const personRules = listedPerson
    ? { ...rules, nationalSubsidiaries: false }
    : { ...rules, disagreeingNames: false, surnameFound: false, nationalSubsidiaries: rules.nationalSubsidiaries && organisation };
  const syllables = rules.distinctSyllables ? CONTRADICTION_FACTOR ** syllablesReadOtherwise(query, candidate) : 1;
  const forms = rules.distinctLegalForms && organisation && distinctKinds(analyzedQuery.legalFormKinds, analyzedCandidate.legalFormKinds) ? CONTRADICTION_FACTOR : 1;
  return {
    score: scoreTokens(a, b, personRules, weak) * syllables * forms,
    normalizedQuery: analyzedQuery.text,
    normalizedCandidate: analyzedCandidate.text,
    tokenOverlap: tokenOverlap(analyzedQuery.tokens, analyzedCandidate.tokens),
  };
}

/**
 * Both names analysed as scoring reads them: where either is an organisation's and
 * NameRules.organisationTitles holds, again with their title words kept (NameOptions.keepTitles).
 */
function analyzedPair(query: string, candidate: string, person: boolean | undefined, rules: Readonly<NameRules>): [AnalyzedName, AnalyzedName] {
  const analysis: NameOptions = { person, compounds: rules.compoundNames, formVariants: formVariants(rules) };
  const pair: [AnalyzedName, AnalyzedName] = [cachedAnalysis(query, analysis), cachedAnalysis(candidate, analysis)];
  if (!rules.organisationTitles || person === true || !(pair[0].organisation || pair[1].organisation)) return pair;
  const withTitles = { ...analysis, keepTitles: true };
  return [cachedAnalysis(query, withTitles), cachedAnalysis(candidate, withTitles)];
}

/** Both names state a specific legal form, and no kind of company is stated by both. */
function distinctKinds(query: readonly string[], candidate: readonly string[]): boolean {
  return query.length > 0 && candidate.length > 0 && !query.some((kind) => candidate.includes(kind));
}

/** A one-letter Roman numeral: as a token of its own, an initial unless a series number stands against it. */
const ONE_LETTER_NUMERAL = /^[ivx]$/;

/** `tokens` with their one-letter Roman numerals read as numbers, where `others` has a number (NameRules.seriesNumbers). */
function asSeriesNumbers(tokens: ComparedToken[], others: readonly ComparedToken[]): ComparedToken[] {
  if (!others.some((token) => token.kind === 'number')) return tokens;
  return tokens.map((token) => (token.kind === 'initial' && ONE_LETTER_NUMERAL.test(token.text) ? { ...token, kind: 'number' } : token));
}

const SYLLABLE_CHARACTERS = /^[\p{Script=Han}\p{Script=Hangul}]+$/u;
const SYLLABLE_CHARACTER = /[\p{Script=Han}\p{Script=Hangul}]/u;

/** Characters at the same place of two names written in Han or Hangul, of equal length, that are read otherwise. */
function syllablesReadOtherwise(query: string, candidate: string): number {
  // Nearly every name has no such character: one test spares the rest.
  if (!SYLLABLE_CHARACTER.test(query) || !SYLLABLE_CHARACTER.test(candidate)) return 0;
  const a = [...query.replace(/[\s\p{P}]/gu, '')];
  const b = [...candidate.replace(/[\s\p{P}]/gu, '')];
  if (a.length !== b.length || a.length === 0 || !SYLLABLE_CHARACTERS.test(a.join('')) || !SYLLABLE_CHARACTERS.test(b.join(''))) return 0;
  return a.filter((character, index) => character !== b[index] && transliterate(character).toLowerCase() !== transliterate(b[index]!).toLowerCase()).length;
}

/**
 * A batch screen scores each list name against many queries, and normalising (transliteration
 * above all) costs more than comparing: normalised names are kept, up to a bound.
 */
const ANALYSIS_CACHE_SIZE = 50_000;
const analysisCache = new Map<string, AnalyzedName>();

function cachedAnalysis(name: string, options: NameOptions): AnalyzedName {
  const variants = options.formVariants;
  const key = `${options.person ? 'p' : '-'}${options.compounds ? 'c' : '-'}${variants?.respelt ? 'r' : '-'}${variants?.reordered ? 'o' : '-'}${options.keepTitles ? 't' : '-'}${name}`;
  let analyzed = analysisCache.get(key);
  if (analyzed === undefined) {
    if (analysisCache.size >= ANALYSIS_CACHE_SIZE) analysisCache.clear();
    analyzed = analyzeName(name, options);
    analysisCache.set(key, analyzed);
  }
  return analyzed;
}

/** How the two names were written, which decides how far sound may stand in for spelling. */
interface TokenScript {
  lossy: boolean;
  syllabic: boolean;
  rules: Readonly<NameRules>;
  /** Whether a run of words may be glued into their initials (NameRules.acronyms). */
  acronyms?: boolean;
}

/**
 * A token (or a run of tokens glued into one) that says little about who someone is: three
 * letters or fewer, or one of the commonest name words (COMMON_NAME_WORDS), each part of it.
 */
interface GluedToken {
  text: string;
  parts: readonly string[];
}

/** Short: a syllable ("jin", "sok") or two letters; three consonants read from an abjad ("llh", "dvd") are a whole name. */
const isWeakText = (text: string) =>
  text.length <= 2 || (text.length === 3 && /[aeiouy]/.test(text)) || COMMON_NAME_WORDS.has(text) || GENERIC_ORGANISATION_WORDS.has(text);
/** Words that say what kind of organisation, not which ("management", "construction", "bank"): common words of company names. */
const GENERIC_ORGANISATION_WORDS: ReadonlySet<string> = new Set([...ORGANISATION_WORDS, ...SECTOR_WORDS.values()]);
const isWeakRun = (token: GluedToken) => token.parts.every(isWeakText);

const classify = (token: string, script: Pick<TokenScript, 'lossy' | 'syllabic'>) => classifyToken(token, script.lossy, script.syllabic);

/**
 * A particle joins two parts of a name, so a name cannot start with one: a leading "Ben",
 * "Al" or "Van" is a given name ("Ben Sasse", "Al Green", "Van Taylor") and counts in full.
 */
function positionedToken(token: ComparedToken, index: number): ComparedToken {
  return index === 0 && token.kind === 'particle' ? { ...token, kind: 'word' } : token;
}

/** Which tokens of each side are weak (see GluedToken); none when unknown. */
interface WeakTokens {
  query: readonly boolean[];
  candidate: readonly boolean[];
  /** Which candidate tokens are (or hold) words of its surname, where the list says which words those are. */
  surname: readonly boolean[];
  /** Which tokens of each side are a country's name (`NameRules.nationalSubsidiaries`). */
  national: { query: readonly boolean[]; candidate: readonly boolean[] };
}

const NO_WEAK_TOKENS: WeakTokens = { query: [], candidate: [], surname: [], national: { query: [], candidate: [] } };

const isCountryWord = (token: GluedToken) => token.parts.length === 1 && COUNTRY_WORDS.has(token.text);

function scoreTokens(a: ComparedToken[], b: ComparedToken[], rules: Readonly<NameRules> = DEFAULT_NAME_RULES, weak: WeakTokens = NO_WEAK_TOKENS): number {
  if (a.length === 0 || b.length === 0) return 0;
  const pairs = pairTokens(a, b, rules);
  if (pairs.length === 0) return 0;
  return (
    pairQuality(pairs, a, b) *
    unpairedFactor(pairs, a, b) *
    subsidiaryFactor(pairs, rules, weak) *
    coverageFactor(pairs, a, b) *
    soundOnlyFactor(pairs, a, b, rules, weak) *
    evidenceFactor(pairs, a, b, rules, weak)
  );
}

const isWeakPair = (pair: TokenPair, weak: WeakTokens) => weak.query[pair.query] === true || weak.candidate[pair.candidate] === true;

/** A pair at least this close is evidence of its own: a typo, an inflection, a long sound-alike. */
const STRONG_PAIR_SIMILARITY = 0.85;
/** What each doubtful pair costs where the match rests on one strong pair (NameRules.disagreeingNames). */
const DOUBTFUL_PAIR_FACTOR = 0.85;

/**
 * What the pairs rest on. A query of two identifying tokens or more must be found by more than
 * one strong pair: where only one pair is strong, each doubtful pair costs DOUBTFUL_PAIR_FACTOR
 * ("Maria Taylor" / "TAYLOR, Mark John", "Benjamin Borges" / "TORRES SOSA, Benjamin"); and where
 * the one strong pair is a short or very common token ("Kim", "Muhammad"), the match is a
 * given name or a surname shared by thousands, SINGLE_TOKEN_FACTOR.
 */
function evidenceFactor(pairs: TokenPair[], a: ComparedToken[], b: ComparedToken[], rules: Readonly<NameRules>, weak: WeakTokens): number {
  const identifying = (token: ComparedToken) => token.kind === 'word' || token.kind === 'patronymic';
  const paired = pairs.filter((pair) => identifying(a[pair.query]!) && identifying(b[pair.candidate]!));
  const strong = paired.filter((pair) => pair.similarity >= STRONG_PAIR_SIMILARITY);
  let factor = 1;
  if (rules.commonTokens && strong.length >= 1 && strong.every((pair) => isWeakPair(pair, weak)) && hasUnpairedWord(pairs, b)) {
    // Only common words found, and the list name has a word of its own the query lacks: "Young
    // Kim" is a namesake of KIM YOUNG BOK, "Management Company" is not WESTMINSTER MANAGEMENT.
    factor *= SINGLE_TOKEN_FACTOR;
  }
  if (rules.nasabOrder && swappedNasab(pairs, a, b)) factor *= CONTRADICTION_FACTOR;
  if (a.filter(identifying).length < 2) return factor;
  if (rules.disagreeingNames && strong.length === 1) {
    factor *= DOUBTFUL_PAIR_FACTOR ** (paired.length - strong.length);
  }
  if (rules.commonTokens && strong.length === 1 && isWeakPair(strong[0]!, weak)) {
    // One common token carries the name: alone it is a namesake of thousands, and every other
    // pair that does not even sound alike ("Jim" / "Jin", "mhdy" / "mhmd") is a doubt.
    const doubts = paired.filter((pair) => pair.similarity < STRONG_PAIR_SIMILARITY && a[pair.query]!.skeleton !== b[pair.candidate]!.skeleton);
    factor *= paired.length < 2 ? SINGLE_TOKEN_FACTOR : DOUBTFUL_PAIR_FACTOR ** doubts.length;
  }
  if (rules.surnameFound && weak.surname.some(Boolean) && !pairs.some((pair) => weak.surname[pair.candidate])) {
    factor *= SINGLE_TOKEN_FACTOR;
  }
  return factor;
}

/**
 * "X bin Y" is X, son of Y: "Y bin X" is his father or his son, not him, though the words are
 * the same ("SALMAN BIN MUHAMMAD" / "MUHAMMAD BIN SALMAN").
 */
function swappedNasab(pairs: TokenPair[], a: ComparedToken[], b: ComparedToken[]): boolean {
  const partnerOf = new Map(pairs.map((pair) => [pair.query, pair.candidate]));
  const around = (tokens: ComparedToken[]) =>
    tokens.flatMap((token, index) => {
      if (token.kind !== 'particle' || (token.text !== 'bin' && token.text !== 'bint')) return [];
      const before = nearestName(tokens, index, -1);
      const after = nearestName(tokens, index, 1);
      return before >= 0 && after >= 0 ? [{ before, after }] : [];
    });
  const inB = around(b);
  return around(a).some(({ before, after }) => inB.some((other) => partnerOf.get(before) === other.after && partnerOf.get(after) === other.before));
}

/** The nearest token that is not a particle, from `index` in direction `step`; -1 if none. */
function nearestName(tokens: ComparedToken[], index: number, step: 1 | -1): number {
  for (let at = index + step; at >= 0 && at < tokens.length; at += step) if (tokens[at]!.kind !== 'particle') return at;
  return -1;
}

function hasUnpairedWord(pairs: TokenPair[], b: ComparedToken[]): boolean {
  const paired = new Set(pairs.map((pair) => pair.candidate));
  return b.some((token, index) => token.kind === 'word' && !paired.has(index));
}

/**
 * Across a lossy script, a match where no token is spelt alike rests on consonant skeletons
 * alone, and short ones coincide: "สมชาย" / "Somchai" and "محمد علي" / "Mohamed Ali" are fine,
 * but so read "수빈 이" / "Allaw, Sufian" and "हर्श कुमार" / "KAMALIAN, Behrouz". Below
 * SOUND_ONLY_MIN_CONSONANTS consonants of skeleton in all, such a match is discounted.
 */
function soundOnlyFactor(pairs: TokenPair[], a: ComparedToken[], b: ComparedToken[], rules: Readonly<NameRules>, weak: WeakTokens): number {
  if (!a.some((token) => token.lossy)) return 1;
  // With NameRules.soundOnly, a short or very common token spelt alike ("kim", "hsn") proves
  // nothing: "동현 김" / "KIM, Tong-Un" rests on sound alone.
  const counts = (pair: TokenPair) => !rules.soundOnly || !isWeakPair(pair, weak);
  if (pairs.some((pair) => pair.similarity >= SPELT_ALIKE_SIMILARITY && counts(pair))) return 1;
  const consonants = pairs.reduce((sum, pair) => sum + Math.min(a[pair.query]!.skeleton.length, b[pair.candidate]!.skeleton.length), 0);
  if (consonants >= SOUND_ONLY_MIN_CONSONANTS) return 1;
  // One word, or names that agree sound for sound in every word on both sides ("محمد علي" /
  // "Mohamed Ali"), keep the milder discount; a word left over or a near skeleton does not.
  const wholeAgreement =
    pairs.length === a.length && pairs.length === b.length && pairs.every((pair) => a[pair.query]!.skeleton === b[pair.candidate]!.skeleton);
  return rules.soundOnly && a.length >= 2 && !wholeAgreement ? STRICT_SOUND_ONLY_FACTOR : SOUND_ONLY_FACTOR;
}

/** Above every sound-alike (PHONETIC_SIMILARITY_BY_LENGTH tops at 0.88): a token spelt alike. */
const SPELT_ALIKE_SIMILARITY = 0.9;
const SOUND_ONLY_MIN_CONSONANTS = 7;
const SOUND_ONLY_FACTOR = 0.97;
/**
 * With NameRules.soundOnly: enough to take a sound-alike of 0.9 below the threshold, so that a
 * short skeleton never reports a name by itself (the Putin renderings in Korean, Khmer or Arabic
 * have 7 consonants or more, or "putin" spelt alike).
 */
const STRICT_SOUND_ONLY_FACTOR = 0.85;


/**
 * A query of several identifying tokens of which only one found a partner of its own standing
 * ("Joseph J. Heck" / "Joseph, Jeantel": an initial that happens to fit "Jeantel" finds nobody)
 * matched a given name or a surname, not a person.
 */
function coverageFactor(pairs: TokenPair[], a: ComparedToken[], b: ComparedToken[]): number {
  const identifying = (token: ComparedToken) => token.kind === 'word' || token.kind === 'patronymic';
  const found = pairs.filter((pair) => identifying(a[pair.query]!) && identifying(b[pair.candidate]!)).length;
  return a.filter(identifying).length >= 2 && found <= 1 ? SINGLE_TOKEN_FACTOR : 1;
}

/** Greedy best-first pairing: near enough to the optimal assignment for names of a few tokens. */
function pairTokens(a: ComparedToken[], b: ComparedToken[], rules: Readonly<NameRules>): TokenPair[] {
  const candidates: TokenPair[] = [];
  a.forEach((tokenA, query) =>
    b.forEach((tokenB, candidate) => {
      const similarity = tokenSimilarity(tokenA, tokenB, rules.disagreeingNames, rules.soundOnly, rules.transposedLetters);
      if (similarity > 0) candidates.push({ query, candidate, similarity });
    }),
  );
  candidates.sort((x, y) => y.similarity - x.similarity);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: TokenPair[] = [];
  for (const pair of candidates) {
    if (usedA.has(pair.query) || usedB.has(pair.candidate)) continue;
    usedA.add(pair.query);
    usedB.add(pair.candidate);
    pairs.push(pair);
  }
  return pairs;
}

function tokenWeight(token: ComparedToken): number {
  return token.kind === 'particle' ? token.text.length * PARTICLE_WEIGHT : token.text.length;
}

function pairQuality(pairs: TokenPair[], a: ComparedToken[], b: ComparedToken[]): number {
  let weighted = 0;
  let total = 0;
  for (const { query, candidate, similarity } of pairs) {
    const weight = tokenWeight(a[query]!) + tokenWeight(b[candidate]!);
    weighted += similarity * weight;
    total += weight;
  }
  return weighted / total;
}

function unpairedFactor(pairs: TokenPair[], a: ComparedToken[], b: ComparedToken[]): number {
  const pairedA = new Set(pairs.map((pair) => pair.query));
  const pairedB = new Set(pairs.map((pair) => pair.candidate));
  const extraA = a.filter((_, index) => !pairedA.has(index));
  const extraB = b.filter((_, index) => !pairedB.has(index));
  // Unpaired tokens that say who someone is (not particles) contradict each other pairwise;
  // the cheapest ones (patronymics, initials) are left over as plain omissions.
  const contradictingA = extraA.filter(isIdentifying).sort(byExtraCost('query'));
  const contradictingB = extraB.filter(isIdentifying).sort(byExtraCost('candidate'));
  const contradictions = Math.min(contradictingA.length, contradictingB.length);
  const leftA = [...extraA.filter((token) => !isIdentifying(token)), ...contradictingA.slice(contradictions)];
  const leftB = [...extraB.filter((token) => !isIdentifying(token)), ...contradictingB.slice(contradictions)];
  let factor = 1;
  for (let index = 0; index < contradictions; index += 1) {
    const numbers = contradictingA[index]!.kind === 'number' && contradictingB[index]!.kind === 'number';
    factor *= numbers ? NUMBER_CONTRADICTION_FACTOR : CONTRADICTION_FACTOR;
  }
  for (const token of leftA) {
    factor *= token.lossy && token.kind === 'word' ? LOSSY_EXTRA_QUERY_WORD_FACTOR : EXTRA_TOKEN_FACTOR.query[token.kind];
  }
  for (const token of leftB) factor *= EXTRA_TOKEN_FACTOR.candidate[token.kind];
  return factor;
}

/** A country's name left unpaired in an organisation's name: beyond what it costs as an extra word, a contradiction. */
function subsidiaryFactor(pairs: TokenPair[], rules: Readonly<NameRules>, weak: WeakTokens): number {
  if (!rules.nationalSubsidiaries) return 1;
  const unpaired = (flags: readonly boolean[], paired: Set<number>) => flags.filter((flag, index) => flag && !paired.has(index)).length;
  const left =
    unpaired(weak.national.query, new Set(pairs.map((pair) => pair.query))) +
    unpaired(weak.national.candidate, new Set(pairs.map((pair) => pair.candidate)));
  return CONTRADICTION_FACTOR ** left;
}

function isIdentifying(token: ComparedToken): boolean {
  return token.kind !== 'particle';
}

/** Most expensive first, so the contradictions take the real words and leave the patronymics. */
function byExtraCost(side: 'query' | 'candidate') {
  return (x: ComparedToken, y: ComparedToken) => EXTRA_TOKEN_FACTOR[side][x.kind] - EXTRA_TOKEN_FACTOR[side][y.kind];
}

/**
 * Where a run of tokens on one side, written together, matches a single token on the other
 * ("abdul rahman" / "abdulrahman", "jin ping" / "jinping", "beul la di mi reu" / "vladimir"),
 * that run becomes one token. Each side is glued against the other as written.
 */
function glueTokens(a: string[], b: string[], script: TokenScript): [GluedToken[], GluedToken[]] {
  const gluedA = glueRuns(a, b, script);
  return [gluedA, glueRuns(b, gluedA.map((token) => token.text), script)];
}

const unglued = (token: string): GluedToken => ({ text: token, parts: [token] });

function glueRuns(tokens: string[], others: string[], script: TokenScript): GluedToken[] {
  if (tokens.length < 2) return tokens.map(unglued);
  const otherTexts = new Set(others);
  // Nothing to glue when every token is found as it is, the commonest case by far.
  if (tokens.every((token) => otherTexts.has(token))) return tokens.map(unglued);
  const otherTokens = others.map((token) => classify(token, script));
  const result: GluedToken[] = [];
  let index = 0;
  while (index < tokens.length) {
    const acronym = script.acronyms ? acronymRun(tokens, index, otherTexts) : 0;
    if (acronym > 0) {
      const parts = tokens.slice(index, index + acronym);
      result.push({ text: parts.map((part) => part[0]).join(''), parts });
      index += acronym;
      continue;
    }
    const length = longestGluedRun(tokens, index, otherTokens, script);
    const parts = tokens.slice(index, index + length);
    result.push({ text: parts.join(''), parts });
    index += length;
  }
  return result;
}

/**
 * Length of the longest run of words from `start` whose initials are a token of the other side;
 * 0 if none. Particles are no such words ("del ecuador" is no "de"), and a run with a word the
 * other side has as it is ("NAFTIRAN TRADING SERVICES (NTS)") is better paired word by word.
 */
function acronymRun(tokens: string[], start: number, others: ReadonlySet<string>): number {
  const word = (token: string) => token.length >= 2 && !/\d/.test(token) && !PARTICLE_FORMS.has(token) && !others.has(token);
  for (let length = Math.min(MAX_GLUED_TOKENS, tokens.length - start); length >= 2; length -= 1) {
    const run = tokens.slice(start, start + length);
    const initials = run.map((token) => token[0]).join('');
    if (run.every(word) && others.has(initials) && !PARTICLE_FORMS.has(initials)) return length;
  }
  return 0;
}

/** Length of the longest run from `start` that matches a token of the other side glued; 1 if none. */
function longestGluedRun(tokens: string[], start: number, others: ComparedToken[], script: TokenScript): number {
  const longest = Math.min(MAX_GLUED_TOKENS, tokens.length - start);
  for (let length = longest; length >= 2; length -= 1) {
    const run = tokens.slice(start, start + length);
    const text = run.join('');
    // Cheap length check first: a glued run is compared only with tokens about as long.
    const alike = others.filter((other) => Math.abs(other.text.length - text.length) <= MAX_GLUED_LENGTH_GAP);
    if (alike.length === 0) continue;
    if (alike.some((other) => other.text === text)) return length;
    // A run with a token the other side has as it is ("hans o" / "hans"), or with a number,
    // is better paired token by token: only an exact glue may take it.
    if (run.some((token) => /\d/.test(token) || others.some((other) => other.text === token))) continue;
    const glued = classify(text, script);
    const similarity = Math.max(...alike.map((other) => tokenSimilarity(glued, other, false, false, script.rules.transposedLetters)));
    // With NameRules.gluedWords, within one typo of the other token, or sharing its skeleton.
    const spelt = !script.rules.gluedWords || alike.some((other) => levenshtein(other.text, text) <= 1);
    const sounded = !script.rules.gluedWords || alike.some((other) => other.skeleton === glued.skeleton);
    if (similarity >= GLUED_SPELLING_SIMILARITY && spelt) return length;
    // Glued by sound alone: syllables written apart ("jong un" / "jeongeun", "bd llh" /
    // "abdullah"), or Latin words on a long skeleton ("andrang heta" / "ndrangheta"). Whole
    // words of a lossy script, a particle or an initial glued into a sound-alike are a
    // coincidence ("nwr lkhrfy" / "nurgaliev", "nwf al ly" / "enver", "valerie p foushee" /
    // "valeryevich").
    // With NameRules.soundOnly, each must be one romanised syllable: "gadet yak" is two words, not "khdka".
    const syllables = run.every(
      (token) => token.length <= MAX_GLUED_SYLLABLE && !PARTICLE_FORMS.has(token) && (!script.rules.soundOnly || ROMANISED_SYLLABLE.test(token)),
    );
    const latinWords =
      !script.lossy &&
      run.every((token) => token.length > 1) &&
      similarity >= GLUED_LATIN_SOUND_SIMILARITY &&
      sounded &&
      (!script.rules.soundOnly || glued.skeleton.length >= GLUED_LATIN_MIN_SKELETON);
    if (similarity >= GLUED_MIN_SIMILARITY && (syllables || latinWords)) return length;
  }
  return 1;
}

/** One romanised syllable, or an abjad's consonants (see `SYLLABLE` in name-normalization). */
const ROMANISED_SYLLABLE = new RegExp(`^(?:${SYLLABLE}|[^aeiou]{1,3})$`);

/** Particles as compared (see name-vocabulary): "al", "bin", "abu"… */
const PARTICLE_FORMS = new Set(PARTICLES.values());

/** Romanisations of one name differ in length by a few letters at most ("beulladimileu" / "vladimir"). */
const MAX_GLUED_LENGTH_GAP = 5;

/**
 * A glued run must match nearly exactly: gluing is a guess, and two guesses make a false match.
 * A spelling this close is enough; a sound-alike must glue syllables (at most five letters), or
 * Latin words sharing a skeleton of four consonants or more (see PHONETIC_SIMILARITY_BY_LENGTH).
 */
const GLUED_SPELLING_SIMILARITY = 0.9;
const GLUED_MIN_SIMILARITY = 0.85;
const GLUED_LATIN_SOUND_SIMILARITY = 0.88;
/**
 * With NameRules.soundOnly, Latin words glued by sound share five consonants or more
 * ("andrang heta" / "ndrangheta"): four are a coincidence of two names ("patty murray" / "patemuro").
 */
const GLUED_LATIN_MIN_SKELETON = 5;
const MAX_GLUED_SYLLABLE = 5;

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

/**
 * Order-insensitive similarity of two token lists in [0, 1], symmetric: the mean similarity of
 * the best pairs, less the cost of unpaired tokens as if both sides were candidates.
 */
export function tokenSetSimilarity(a: string[], b: string[]): number {
  const tokensA = a.map((token) => classifyToken(token, false));
  const tokensB = b.map((token) => classifyToken(token, false));
  return Math.min(scoreTokens(tokensA, tokensB), scoreTokens(tokensB, tokensA));
}
