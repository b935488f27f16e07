/**
 * Similarity of two name tokens: equal, a typo away, an inflection of the other, or sounding
 * alike once romanised. Kept strict on purpose: "Ortiz" / "Ortega" and "Castillo" / "Castro"
 * are different surnames, however many letters they share.
 */
import { jaroWinkler, levenshtein } from './name-edit-distance.ts';
import { phoneticSkeleton } from './name-phonetics.ts';
import { isPatronymic, PARTICLES, patronymicStem, ROMAN_NUMERAL } from './name-vocabulary.ts';

export type TokenKind = 'word' | 'patronymic' | 'initial' | 'particle' | 'number';

export interface ComparedToken {
  text: string;
  kind: TokenKind;
  /** Consonant skeleton (name-phonetics), with l = r when the name came from a lossy script. */
  skeleton: string;
  /**
   * Whether the name came from a script that romanises lossily (no short vowels, no l/r or p/b
   * distinction, syllables): sound then counts as much as spelling.
   */
  lossy: boolean;
  /**
   * Whether the name came from Han characters or kana, romanised syllable by syllable with their
   * vowels (pinyin): "cheng" / "chang", "feng" / "pong" are then other syllables, not other
   * spellings, so a shared skeleton is weak evidence.
   */
  syllabic: boolean;
}

const PARTICLE_FORMS = new Set(PARTICLES.values());

/** Tokens recur across names ("mohammed", "bin", "ltd"), so their classification is kept. */
const TOKEN_CACHE_SIZE = 100_000;
const tokenCache = new Map<string, ComparedToken>();

export function classifyToken(text: string, lossy: boolean, syllabic = false): ComparedToken {
  const cacheKey = `${lossy ? '+' : '-'}${syllabic ? '+' : '-'}${text}`;
  let token = tokenCache.get(cacheKey);
  if (token === undefined) {
    if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
    token = { text, kind: tokenKind(text), skeleton: phoneticSkeleton(text, { mergeLiquids: lossy }), lossy, syllabic };
    tokenCache.set(cacheKey, token);
  }
  return token;
}

function tokenKind(text: string): TokenKind {
  if (/^\d+$/.test(text) || ROMAN_NUMERAL.test(text)) return 'number';
  if (PARTICLE_FORMS.has(text)) return 'particle';
  if (text.length === 1) return 'initial';
  return isPatronymic(text) ? 'patronymic' : 'word';
}

/** A one-letter token against a token it abbreviates ("J" / "Joachim"): a match, but a weaker one. */
const INITIAL_SIMILARITY = 0.8;
/**
 * Two edits in a token of four letters or more, or one in a token of three or fewer: in the
 * labelled cases most such pairs are one name misspelt ("Starmer" / "Starkey" aside), so the pair
 * counts, but weakly enough that a second doubt about the same name sinks it.
 */
const DISTANT_SPELLING_SIMILARITY = 0.78;
const SHORT_TYPO_SIMILARITY = 0.75;
/** "Putinas", "Lavrovs", "Alexandros": Baltic languages and Greek give names case endings. */
const INFLECTED_SIMILARITY = 0.9;
const CASE_ENDING = /(?:as|is|us|ys|os|s)$/;
/**
 * Same consonant skeleton: a transliteration variant ("Muhammad" / "Mohamed", "bwtyn" / "putin"),
 * worth as much as the skeleton says. Four consonants in order rarely coincide; one or two do
 * all the time ("liu" / "ilya" share R, "bwdwwd" / "badi" share BT), so a short skeleton is a
 * weaker pair, too weak to carry a name on its own (indexed by skeleton length, 4 and up last).
 */
const PHONETIC_SIMILARITY_BY_LENGTH = [0, 0.72, 0.8, 0.86, 0.88] as const;
const phoneticSimilarityOf = (skeleton: string) =>
  PHONETIC_SIMILARITY_BY_LENGTH[Math.min(skeleton.length, PHONETIC_SIMILARITY_BY_LENGTH.length - 1)]!;
/** Patronymics whose father's names are equal, spelt with another ending ("-owitsj" / "-ovich"). */
const PATRONYMIC_STEM_SIMILARITY = 0.95;
/** Skeletons one consonant apart, for names from a lossy script only ("bladimiya" / "vladimir"). */
const NEAR_PHONETIC_SIMILARITY = 0.8;
/**
 * Between Latin spellings, a shared skeleton counts only for tokens already alike: "Vita" and
 * "Fuad" share BT, "Muhammad" and "Mohamed" share more than that.
 */
const MIN_LATIN_SKELETON = 3;
const MIN_LATIN_PHONETIC_JARO_WINKLER = 0.7;
const MIN_NEAR_SKELETON = 4;
/**
 * Shorter skeletons from a lossy script must also start with the same letter ("ly" / "ali" for
 * علي): classes alone pair syllables like "li" and "ur".
 */
const MIN_LOSSY_SKELETON = 3;

function sameFirstConsonant(a: string, b: string): boolean {
  const first = (token: string) => token.replace(/^[aeiouy]+/, '')[0];
  return first(a) !== undefined && first(a) === first(b);
}

/**
 * `distinctEndings`: two words differing only in a final vowel are other names, not a typo
 * ("Antonia" / "Antonio", "Maria" / "Mario", "Aleksandra" / "Aleksandr"): a doubt at most.
 */
export function tokenSimilarity(a: ComparedToken, b: ComparedToken, distinctEndings = false, abjadVowels = false, transpositions = false): number {
  const similarity = anyTokenSimilarity(a, b, transpositions);
  if (similarity <= DISTANT_SPELLING_SIMILARITY) return similarity;
  if (distinctEndings && otherEnding(a, b)) return DISTANT_SPELLING_SIMILARITY;
  if (abjadVowels && a.lossy && (unreadLongVowel(a.text, b.text) || unreadLongVowel(b.text, a.text))) return DISTANT_SPELLING_SIMILARITY;
  if (abjadVowels && a.lossy && b.lossy && (extraLongVowel(a.text, b.text) || extraLongVowel(b.text, a.text))) return DISTANT_SPELLING_SIMILARITY;
  // With the same rule: skeletons a consonant apart must start alike, as spellings must
  // ("bhmny" / "lrhmn", Bahmani / al-Rahman, are two names).
  if (abjadVowels && (a.lossy || b.lossy) && similarity < SPELT_ALIKE && a.skeleton !== b.skeleton && a.skeleton[0] !== b.skeleton[0]) return 0;
  return similarity;
}

/** Below every spelling one typo apart (Jaro–Winkler of a one-letter typo is above 0.9): a sound-alike. */
const SPELT_ALIKE = 0.9;

/**
 * Both written in an abjad, which writes long vowels: one with a long vowel the other lacks is
 * another name ("hsyn" حسين Husayn / "hsn" حسن Hasan; "mhmdy" محمدی Mohammadi / "mhmd" Muhammad).
 */
function extraLongVowel(longer: string, shorter: string): boolean {
  if (/[aeiou]/.test(longer) || /[aeiou]/.test(shorter) || longer.length !== shorter.length + 1) return false;
  for (let at = 1; at < longer.length; at += 1) {
    if ((longer[at] === 'y' || longer[at] === 'w') && longer.slice(0, at) + longer.slice(at + 1) === shorter) return true;
  }
  return false;
}

/**
 * Arabic and Hebrew script write long vowels (ي as y, و as w, after the first letter) and no
 * short ones: a Latin name read from the same sounds has those vowels. "hsyn" (حسین, Husayn) is
 * not "Hassan" nor "Ehsan", "mhmdy" (محمدی, Mohammadi) not "Muhammad", though their consonants are the same;
 * "bwtyn" (بوتين) is "Putin". `abjad` is a romanised abjad token (no a, e, i, o, u).
 */
function unreadLongVowel(abjad: string, latin: string): boolean {
  if (/[aeiou]/.test(abjad) || !/[aeiou]/.test(latin)) return false;
  const longVowels = abjad.slice(1);
  // Read from the Latin name's first consonant on, as the abjad's long vowels follow its first letter:
  // the e of "Ehsan" is not the y of "hsyn".
  const read = latin.replace(/^[aeiou]*[^aeiou]/, '');
  return (longVowels.includes('y') && !/[iey]/.test(read)) || (longVowels.includes('w') && !/[ouw]/.test(read));
}

const FINAL_VOWEL = /[aeiou]$/;
const MIN_ENDING_NAME_LENGTH = 4;

/**
 * The same word but for its final vowel, changed: a typo adds or drops a letter anywhere, but
 * a changed final vowel is how names mark gender ("Antonio" / "Antonia").
 */
function otherEnding(a: ComparedToken, b: ComparedToken): boolean {
  if (a.kind !== 'word' || b.kind !== 'word' || a.lossy || b.lossy) return false;
  const [x, y] = [a.text, b.text];
  if (x === y || x.length !== y.length || x.length < MIN_ENDING_NAME_LENGTH) return false;
  return x.slice(0, -1) === y.slice(0, -1) && FINAL_VOWEL.test(x) && FINAL_VOWEL.test(y);
}

function anyTokenSimilarity(a: ComparedToken, b: ComparedToken, transpositions: boolean): number {
  if (a.text === b.text) return 1;
  if (a.kind === 'number' || b.kind === 'number' || a.kind === 'particle' || b.kind === 'particle') return 0;
  if (a.kind === 'initial' || b.kind === 'initial') return initialSimilarity(a.text, b.text);
  if (a.kind === 'patronymic' && b.kind === 'patronymic') return patronymicSimilarity(a, b, transpositions);
  return wordSimilarity(a, b, transpositions);
}

function wordSimilarity(a: ComparedToken, b: ComparedToken, transpositions = false): number {
  // A short token from a lossy script is a syllable of a closed set ("cheng", "chen"): one
  // letter apart is another syllable, so only the sound decides.
  const syllable = (a.lossy || b.lossy) && Math.max(a.text.length, b.text.length) <= MAX_SYLLABLE_LENGTH;
  const spelling = syllable ? 0 : spellingSimilarity(a.text, b.text, transpositions);
  // Neither of the other opinions can beat a one-letter typo.
  if (spelling >= INFLECTED_SIMILARITY) return spelling;
  return Math.max(spelling, inflectionSimilarity(a.text, b.text), phoneticSimilarity(a, b));
}

const MAX_SYLLABLE_LENGTH = 5;

/**
 * Two patronymics are the father's name and an ending each language spells its own way
 * ("wladimirowitsj", "uladzimiravich", "vladimirovich"): compared as they are, or by the names
 * inside them, whichever is closer.
 */
function patronymicSimilarity(a: ComparedToken, b: ComparedToken, transpositions: boolean): number {
  const whole = wordSimilarity(a, b, transpositions);
  const stemA = patronymicStem(a.text);
  const stemB = patronymicStem(b.text);
  if (stemA === stemB) return Math.max(whole, PATRONYMIC_STEM_SIMILARITY);
  const stems = wordSimilarity(classifyToken(stemA, a.lossy, a.syllabic), classifyToken(stemB, b.lossy, b.syllabic), transpositions);
  return Math.max(whole, stems);
}

function spellingSimilarity(a: string, b: string, transpositions = false): number {
  // x and ks are one sound that romanisations split both ways ("Alexandros" / "Aleksandr").
  if (a.includes('x') !== b.includes('x')) return spellingSimilarity(a.replaceAll('x', 'ks'), b.replaceAll('x', 'ks'), transpositions);
  // NameRules.transposedLetters: a swap is one slip of the fingers (Damerau), where Levenshtein counts two.
  const distance = transpositions && swappedLetters(a, b) ? 1 : levenshtein(a, b);
  const longest = Math.max(a.length, b.length);
  // Typos rarely hit the first letter: "Anna" / "Banna" are two names.
  const sameStart = a[0] === b[0];
  if (distance === 1 && longest <= 3) return SHORT_TYPO_SIMILARITY;
  if (distance === 1) return sameStart ? jaroWinkler(a, b) : DISTANT_SPELLING_SIMILARITY;
  if (distance === 2 && longest >= 9) return jaroWinkler(a, b);
  if (distance === 2 && longest >= MIN_DISTANT_LENGTH) return Math.min(jaroWinkler(a, b), DISTANT_SPELLING_SIMILARITY);
  return 0;
}

/** Below this length two edits leave too little of the name ("Ali" / "Yafi"). */
const MIN_DISTANT_LENGTH = 5;

function initialSimilarity(a: string, b: string): number {
  if (a.length === 1 && b.length === 1) return 0;
  return a[0] === b[0] ? INITIAL_SIMILARITY : 0;
}

/** "putinas" / "putin", "sergejs" / "sergey": the stem, once the ending is off, is the name or a typo of it. */
function inflectionSimilarity(a: string, b: string): number {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const ending = CASE_ENDING.exec(longer);
  if (!ending || shorter.length < 4) return 0;
  const stem = longer.slice(0, ending.index);
  return stem === shorter || spellingSimilarity(stem, shorter) > DISTANT_SPELLING_SIMILARITY ? INFLECTED_SIMILARITY : 0;
}

function phoneticSimilarity(a: ComparedToken, b: ComparedToken): number {
  const similarity = skeletonSimilarity(a, b);
  return a.syllabic || b.syllabic ? Math.min(similarity, SYLLABIC_PHONETIC_SIMILARITY) : similarity;
}

/** A sound-alike of a pinyin syllable is another syllable: a doubt, never a pair on its own. */
const SYLLABIC_PHONETIC_SIMILARITY = 0.75;

function skeletonSimilarity(a: ComparedToken, b: ComparedToken): number {
  const lossy = a.lossy || b.lossy;
  if (a.skeleton === b.skeleton) {
    const similarity = phoneticSimilarityOf(a.skeleton);
    if (lossy) return a.skeleton.length >= MIN_LOSSY_SKELETON || sameFirstConsonant(a.text, b.text) ? similarity : 0;
    const alike = a.skeleton.length >= MIN_LATIN_SKELETON && jaroWinkler(a.text, b.text) >= MIN_LATIN_PHONETIC_JARO_WINKLER;
    return alike ? similarity : 0;
  }
  const longest = Math.max(a.skeleton.length, b.skeleton.length);
  if (lossy && longest >= MIN_NEAR_SKELETON && levenshtein(a.skeleton, b.skeleton) === 1) {
    return NEAR_PHONETIC_SIMILARITY;
  }
  return 0;
}

/** `b` is `a` with two adjacent letters swapped, once ("appel" / "apple"). */
function swappedLetters(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let at = 0;
  while (at < a.length && a[at] === b[at]) at += 1;
  return at < a.length - 1 && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}
