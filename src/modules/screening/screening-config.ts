/**
 * Every threshold and weight screening uses, in one place. docs/screening.md explains how they
 * were chosen; `npm run eval:screening` measures them on the labelled cases.
 *
 * A match score starts from the name similarity of the best-matching released name (0–1) and
 * is then adjusted by what else the party and the designation say about each other: a
 * disagreeing date of birth is strong evidence of a different person, an agreeing country weak
 * evidence of the same one. An equal identifier (passport, IMO number…) settles it whatever
 * the names say.
 */
import { DEFAULT_NAME_RULES, NAME_MATCH_THRESHOLD, type NameRules } from '../name-matching/name-similarity.ts';

export interface ScreeningWeights {
  /** Subtracted when the matched name is a weak ("low quality") alias. */
  weakAlias: number;
  /** Added when a date of birth of the party falls in a stated birth date of the designation. */
  dateOfBirthAgrees: number;
  /** Subtracted when the designation states birth dates and none can be the party's. */
  dateOfBirthDisagrees: number;
  /** Added when the party's country is one of the designation's (nationality or address). */
  countryAgrees: number;
  /** Subtracted when the designation states countries and the party's is none of them. */
  countryDisagrees: number;
  /** Subtracted when the party's type (person, entity, vessel…) is not the designation's. */
  subjectTypeDiffers: number;
  /** The score an equal identifier guarantees at least. */
  identifierMatch: number;
}

/** A request's overrides: any weight, null or absent for the default. */
export type WeightOverrides = { [K in keyof ScreeningWeights]?: number | null };

/**
 * The precision rules, each switchable only so that `npm run eval:screening` can report every
 * figure with and without it (an ablation); requests always run with all of them.
 */
export interface ScreeningRules extends NameRules {
  /**
   * A party that is an individual (its type, or a date of birth, says so) is not matched against
   * an entity, vessel or aircraft; a party of unknown type whose name reads as a person's is
   * penalised against a designation whose matched name reads as an organisation's, and the
   * reverse (`subjectTypeDiffers`, stated in the explanation).
   */
  subjectTypeGate: boolean;
}

export const DEFAULT_SCREENING_RULES: Readonly<ScreeningRules> = Object.freeze({ ...DEFAULT_NAME_RULES, subjectTypeGate: true });

export interface ScreeningConfig {
  /** Matches scoring below this are not reported. */
  threshold: number;
  weights: ScreeningWeights;
  rules: Readonly<ScreeningRules>;
}

export const DEFAULT_SCREENING_CONFIG: Readonly<ScreeningConfig> = Object.freeze({
  /** Where name similarity alone is best calibrated (`npm run eval:names`). */
  threshold: NAME_MATCH_THRESHOLD,
  weights: Object.freeze({
    weakAlias: 0.05,
    dateOfBirthAgrees: 0.05,
    dateOfBirthDisagrees: 0.2,
    countryAgrees: 0.03,
    // A nationality or country the designation does not state is nearly as strong a sign of
    // another person as a date of birth (0.2): with 0.15, only a name scoring 0.95 or more
    // (the same name, or one typo) is still reported against a disagreeing country. At 0.05,
    // namesakes from elsewhere ("Al Green" / "AL-GREIN", "Chris Pappas" / "PAPI CRIS") were a
    // third of the false positives on the yente and US Congress negatives (eval:screening).
    countryDisagrees: 0.15,
    subjectTypeDiffers: 0.15,
    identifierMatch: 0.98,
  }),
  rules: DEFAULT_SCREENING_RULES,
});

/** What a request may set. Outside these, screening would stop meaning "possible match". */
export const SCREENING_BOUNDS = Object.freeze({
  threshold: { min: 0.5, max: 1 },
  weight: { min: 0, max: 0.5 },
  identifierMatch: { min: 0.5, max: 1 },
});

/** Candidate retrieval in the database: trigram thresholds and how many names to score per party. */
export const CANDIDATE_RETRIEVAL = Object.freeze({
  /**
   * pg_trgm `%`: whole-name trigram similarity. 0.3 (pg_trgm's default) makes the index return
   * thousands of keys to recheck for common name words and long company names: even over the
   * key dictionary it put the single-party p95 at 36 ms on 115k designations (20 ms at 0.4).
   * 0.4 keeps respellings and reorderings (a name found within a longer one is the `%>` arm's)
   * and loses only distant cross-language renderings such as Уладзімір Пуцін → Putin, Vladimir
   * (similarity 0.33; Putin variants found 95.1% at 0.4, 97.5% at 0.3): see docs/benchmarks.md.
   */
  similarityThreshold: 0.4,
  /** pg_trgm `<%`: the query's trigrams found in a stretch of a longer list name. */
  wordSimilarityThreshold: 0.6,
  /**
   * pg_trgm `<<%` on phonetic skeletons (non-Latin queries only): whole skeleton words found in
   * a list name's skeleton. Skeletons are short and share common trigrams, so a looser test
   * (`%` at 0.3) returned thousands of names per query and cost 60 ms where this costs ~7.
   */
  phoneticWordSimilarityThreshold: 0.6,
  /**
   * A phonetic key shorter than this (letters, spaces not counted) is not used for retrieval:
   * one or two short skeletons ("jnk") share trigrams with a large part of any list and cost
   * ~50 ms to look up while deciding nothing; the spelling arms still apply.
   */
  minPhoneticLetters: 6,
  /**
   * A name word on more keys than this is common (al, mohammed, trading): word retrieval reads
   * its postings only for a party with no rarer word. 1,000 keeps a party's postings short at a
   * million designations, where 99% of words are on fewer than 100 keys.
   */
  commonWordKeys: 1000,
  /** Dictionary words taken per party word by trigram similarity (respellings), the most similar first… */
  similarWordsPerWord: 8,
  /** …for party words of at least this many letters: shorter ones share too few trigrams to be respelt. */
  minFuzzyWordLetters: 4,
  /**
   * Designations fetched per party before the visibility filter (and the keys each retrieval arm
   * joins to their names, the most similar first). Every one of them the caller may see is
   * scored: a cut by trigram rank before scoring dropped better hits as an agency saw more lists.
   */
  hitsPerParty: 100,
});

/**
 * At most this many matches are reported per party, the best first; a result cut there says so
 * (`truncated`, with how many more matched).
 */
export const MAX_MATCHES_PER_PARTY = 50;

/** At most this many parties per `screen` call: one request must stay one bounded unit of work. */
export const MAX_PARTIES_PER_SCREEN = 1000;
