import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { NO_WRITER_IN_FLIGHT } from '../../db/change-feed.ts';
import { queryRows, type Executor } from '../../db/client.ts';
import {
  designationIdentifiers,
  designations,
  screeningAdjudications,
  type AliasStrength,
  type DesignationRow,
  type IdentifierType,
  type ScreeningAdjudicationRow,
  type ScreenedListCoverage,
} from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, releasedField, visibleRecords, whereReleased, type AccessColumns } from '../../policy/sql.ts';
import { DESIGNATION_ACCESS_COLUMNS } from '../designations/designation.repository.ts';
import { CANDIDATE_RETRIEVAL } from './screening-config.ts';

/** One party's retrieval keys; `ord` ties the rows found back to the party. */
export interface RetrievalKeys {
  ord: number;
  key: string;
  phonetic: string;
}

export interface CandidateRow {
  ord: number;
  designationId: string;
}

/** A candidate designation and what scoring compares of it. */
export interface CandidateDetails {
  row: DesignationRow;
  screeningNames: { position: number; name: string; strength: AliasStrength }[];
  identifierValues: { type: IdentifierType; valueNormalized: string }[];
  birthDateBounds: { earliest: string; latest: string }[];
  addressCountries: string[];
}

export const ADJUDICATION_ACCESS_COLUMNS: AccessColumns = {
  owner: screeningAdjudications.ownerAgencyId,
  marking: screeningAdjudications.marking,
  releasableTo: screeningAdjudications.releasableTo,
  conditions: { disposition: oneOf(screeningAdjudications.disposition) },
};

const adjudicationReleased = (access: AccessDecision, field: string, condition: SQL): SQL =>
  whereReleased(access, 'ScreeningAdjudication', ADJUDICATION_ACCESS_COLUMNS, field, condition);

/**
 * Adjudications of one of these parties. The fingerprint is made of the party's name, country
 * and date of birth, so it is compared only where all three are released to the caller.
 */
export function ofParty(access: AccessDecision, fingerprints: string | readonly string[]): SQL {
  const list = typeof fingerprints === 'string' ? [fingerprints] : fingerprints;
  return and(
    adjudicationReleased(access, 'partyName', sql`true`),
    adjudicationReleased(access, 'partyCountry', sql`true`),
    adjudicationReleased(access, 'partyDateOfBirth', sql`true`),
    sql`${screeningAdjudications.partyFingerprint} IN (SELECT jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))`,
  )!;
}

/**
 * Adjudications of this designation, if the caller may see it: the `designation` field shows
 * only a designation the caller may see, and the filter reads no more than it shows.
 */
export function ofDesignation(access: AccessDecision, designationId: string): SQL {
  return and(
    eq(screeningAdjudications.designationId, designationId),
    sql`EXISTS (SELECT 1 FROM ${designations} WHERE ${designations.id} = ${designationId}
      AND ${visibleRecords(access, 'Designation', DESIGNATION_ACCESS_COLUMNS)})`,
  )!;
}

/**
 * Designations screening considers: those the caller may see, still in force (not delisted or
 * suspended, and a provisional listing not past its sunset date).
 */
const released = (access: AccessDecision, field: string) => releasedField(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, field);

/**
 * The designations a caller screens against: those it may see whose status, as released to it,
 * is in force. A status withheld from the caller counts as unknown, so the record is not screened
 * against (a match would tell that it is in force); a withheld sunset date counts as none.
 */
const inForceAndVisible = (access: AccessDecision): SQL =>
  and(
    visibleRecords(access, 'Designation', DESIGNATION_ACCESS_COLUMNS),
    whereReleased(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, 'status', inArray(designations.status, ['ACTIVE', 'PROVISIONAL'])),
    sql`(${designations.sunsetDate} IS NULL OR ${designations.status} <> 'PROVISIONAL' OR NOT ${released(access, 'sunsetDate')} OR ${designations.sunsetDate} >= current_date)`,
  )!;

/**
 * What screening compares of a designation, each as released to the caller (a withheld field
 * reads empty): the content a list version summarises.
 */
const screenedContent = (access: AccessDecision): SQL => {
  const part = (field: string, value: SQL) => sql`CASE WHEN ${released(access, field)} THEN ${value} ELSE '' END`;
  return sql`md5(concat_ws('|', ${designations.id}::text,
    ${part('subjectType', sql`${designations.subjectType}::text`)},
    ${part('status', sql`${designations.status}::text`)},
    ${part('primaryName', sql`${designations.primaryName}`)},
    ${part('nationalities', sql`array_to_string(${designations.nationalities}, ',')`)},
    ${part('aliases', sql`${designations.contentDigests}->>'aliases'`)},
    ${part('identifiers', sql`${designations.contentDigests}->>'identifiers'`)},
    ${part('datesOfBirth', sql`${designations.contentDigests}->>'datesOfBirth'`)}))`;
};

/**
 * The dictionary keys most like a party's key, found through their words (token postings,
 * `screening_key_tokens`): each word of the party finds the dictionary words spelt like it
 * (itself, and the most trigram-similar among the distinct words, a dictionary far smaller than
 * the keys), and a key scores, per party word, how alike and how rare (IDF) the word it carries
 * is. A word on more than `commonWordKeys` keys (al, mohammed, company) is read only when the
 * party has no rarer word, and then only its two rarest: its postings are long and it decides
 * little. Keys scoring alike are ordered by whole-key spelling similarity, and ties by key, so
 * that a screening repeated on the same list version considers the same candidates.
 *
 * A whole-key trigram search (`%`, `%>` over `screening_name_keys`) costs in proportion to the
 * keys sharing the party's trigrams: at 264k keys of names shaped like the published lists it
 * took 550 ms a party (p50) where this takes 16 ms, and found as many respelled listed names
 * (docs/benchmarks.md).
 */
export function keysByWords(partyKey: SQL, spelling: (key: SQL) => SQL): SQL {
  const { hitsPerParty, commonWordKeys, similarWordsPerWord, minFuzzyWordLetters } = CANDIDATE_RETRIEVAL;
  const weight = (sim: SQL, df: SQL) => sql`${sim} * ln(1.0 + ${commonWordKeys}::float8 / ${df})`;
  return sql`WITH party_words AS (
        SELECT DISTINCT w AS word FROM regexp_split_to_table(${partyKey}, ' ') AS w WHERE w <> ''),
      found AS (
        SELECT pw.word, d.token, d.sim,
               (SELECT count(*) FROM (SELECT 1 FROM screening_key_tokens p WHERE p.token = d.token LIMIT ${commonWordKeys + 1}) c)::float8 AS df
        FROM party_words pw CROSS JOIN LATERAL (
          SELECT t.token, 1.0::float8 AS sim FROM screening_name_tokens t WHERE t.token = pw.word
          UNION
          SELECT f.token, f.sim FROM (
            SELECT t.token, similarity(t.token, pw.word)::float8 AS sim FROM screening_name_tokens t
            WHERE length(pw.word) >= ${minFuzzyWordLetters} AND t.token % pw.word
            ORDER BY 2 DESC, t.token LIMIT ${similarWordsPerWord}) f
        ) d),
      rare AS (SELECT * FROM found WHERE df BETWEEN 1 AND ${commonWordKeys}),
      common AS (SELECT * FROM found WHERE df > ${commonWordKeys} AND sim = 1 AND NOT EXISTS (SELECT 1 FROM rare) ORDER BY df, token LIMIT 2),
      per_word AS (
        SELECT p.key, r.word, max(${weight(sql`r.sim`, sql`r.df`)}) AS w FROM rare r JOIN screening_key_tokens p ON p.token = r.token GROUP BY p.key, r.word
        UNION ALL
        SELECT DISTINCT p.key, c.word, ${weight(sql`c.sim`, sql`c.df`)} AS w FROM common c JOIN screening_key_tokens p ON p.token = c.token),
      scored AS (SELECT key, sum(w) AS weight FROM per_word GROUP BY key)
    SELECT s.key FROM scored s ORDER BY s.weight * (0.5 + ${spelling(sql`s.key`)}) DESC, s.key LIMIT ${hitsPerParty}`;
}

export class ScreeningRepository {
  constructor(private readonly db: Executor) {}

  /**
   * A digest of what the caller screens against: the released screened content of every
   * designation it may see in force. Two screenings with the same digest compared the same
   * names, identifiers and dates. It moves only when that content changes, a record joins or
   * leaves the set, never when a record the caller cannot see, or a field withheld from it,
   * changes: it says nothing about others' activity.
   */
  async screenedListDigest(access: AccessDecision): Promise<string> {
    const [row] = await queryRows<{ digest: string }>(
      this.db,
      sql`SELECT md5(coalesce(string_agg(${screenedContent(access)}, ',' ORDER BY ${designations.id}), '')) AS "digest"
        FROM ${designations} WHERE ${inForceAndVisible(access)}`,
    );
    return row!.digest;
  }

  /**
   * Which lists the caller screens against, as it may see them: per owner and source list
   * (null where none, or where the source list is withheld from the caller), how many
   * designations were candidates, and the edition of the list's last completed import. The
   * same set of designations as the digest, so coverage and list version always agree.
   */
  async screenedListCoverage(access: AccessDecision): Promise<ScreenedListCoverage[]> {
    return queryRows<ScreenedListCoverage>(
      this.db,
      sql`WITH lists AS (
            SELECT ${designations.ownerAgencyId} AS owner,
                   CASE WHEN ${released(access, 'sourceList')} THEN ${designations.sourceList} END AS "sourceList",
                   count(*)::int AS candidates
            FROM ${designations} WHERE ${inForceAndVisible(access)}
            GROUP BY 1, 2)
          SELECT l.owner, l."sourceList", l.candidates,
                 (SELECT r.edition FROM import_runs r
                  WHERE r.owner_agency_id = l.owner AND r.list = l."sourceList" AND r.status = 'COMPLETED'
                  ORDER BY r.id DESC LIMIT 1) AS edition
          FROM lists l ORDER BY l.owner, l."sourceList" NULLS FIRST`,
    );
  }

  /**
   * Where the hub-wide designation change feed stands in this snapshot, what the digest can be
   * cached under: the digest cannot differ between two snapshots at the same position and date
   * unless a writer that took an earlier position was still in flight, so `settled` says whether
   * none was (in this database: other databases of the server cannot write designations here). Server-side only: the position moves with changes the caller cannot see.
   */
  async changePosition(): Promise<{ key: string; settled: boolean }> {
    const [row] = await queryRows<{ position: string | null; today: string; settled: boolean }>(
      this.db,
      sql`SELECT max(${designations.changeSeq})::text AS "position", current_date::text AS "today",
          ${NO_WRITER_IN_FLIGHT} AS "settled"
        FROM ${designations}`,
    );
    return { key: `${row!.position ?? 0}@${row!.today}`, settled: row!.settled };
  }

  /**
   * For each party, the designations with the names most similar to it, among those the caller
   * may see. One statement for the whole batch. Per party, two arms find dictionary keys: by
   * words (`keysByWords`: token postings with IDF weights) and, for names across scripts, by
   * the party's phonetic skeleton found word for word in a list name's (`%>>` over the skeleton
   * dictionary); the best keys of each arm are looked up among the names by equality. Searching
   * distinct keys, not every name carrying one, is what keeps parties with common name words
   * cheap where lists repeat names.
   * Names are ranked by spelling similarity plus, across scripts, sound similarity, so that the
   * many names sharing a short skeleton do not crowd out the one also spelt alike; only the
   * best are joined to the designations the caller may see, a primary-key lookup each. Hits are
   * over-fetched before the visibility filter so that designations the caller cannot see rarely
   * crowd out ones it can.
   *
   * Ties are broken by key and id, so that a screening repeated on the same list version
   * considers the same candidates (the cuts fall in the same place).
   *
   * Written so the planner cannot take the wrong turn: it expects hundreds of keys per arm where
   * there are tens, so the keys are an array it probes the names' index with, never a join it
   * would hash over every name.
   */
  async candidatesByName(access: AccessDecision, parties: readonly RetrievalKeys[]): Promise<CandidateRow[]> {
    if (parties.length === 0) return [];
    await prepareTrigramRetrieval(this.db);
    const { hitsPerParty } = CANDIDATE_RETRIEVAL;
    const spelling = (key: SQL) => sql`greatest(similarity(${key}, q.key), word_similarity(q.key, ${key}))`;
    // A designation ranks by its names released to the caller: a withheld alias finds nothing.
    const releasedRank = sql`greatest(
      CASE WHEN ${releasedField(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, 'primaryName')} THEN h.primary_rank END,
      CASE WHEN ${releasedField(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, 'aliases')} THEN h.alias_rank END)`;
    return queryRows<CandidateRow>(
      this.db,
      sql`SELECT ord AS "ord", designation_id AS "designationId" FROM (
          SELECT h.ord, h.designation_id
          FROM (
            SELECT q.ord, hit.designation_id, hit.primary_rank, hit.alias_rank
            FROM jsonb_to_recordset(${JSON.stringify(parties)}::jsonb) AS q(ord int, key text, phonetic text)
            CROSS JOIN LATERAL (
              SELECT m.designation_id, max(m.rank) AS rank,
                     max(m.rank) FILTER (WHERE m.position = 0) AS primary_rank,
                     max(m.rank) FILTER (WHERE m.position > 0) AS alias_rank
              FROM (SELECT n.designation_id, n.position,
                           ${spelling(sql`n.key`)} + CASE WHEN q.phonetic <> '' THEN strict_word_similarity(q.phonetic, n.phonetic) ELSE 0 END AS rank
              FROM (
                SELECT n.designation_id, n.position, n.key, n.phonetic
                  FROM designation_screening_names n
                  WHERE n.key = ANY(ARRAY(${keysByWords(sql`q.key`, spelling)}))
                UNION
                SELECT n.designation_id, n.position, n.key, n.phonetic
                  FROM designation_screening_names n
                  WHERE q.phonetic <> ''
                    AND n.phonetic = ANY(ARRAY(
                      SELECT p.phonetic FROM (SELECT DISTINCT phonetic FROM screening_phonetic_keys WHERE q.phonetic <> '' AND phonetic %>> q.phonetic) p
                      ORDER BY strict_word_similarity(q.phonetic, p.phonetic) DESC, p.phonetic LIMIT ${hitsPerParty}))
              ) n) m
              GROUP BY m.designation_id
              ORDER BY rank DESC, m.designation_id
              LIMIT ${hitsPerParty}
            ) hit
          ) h
          JOIN ${designations} ON ${designations.id} = h.designation_id
          WHERE ${inForceAndVisible(access)} AND ${releasedRank} IS NOT NULL
        ) visible`,
    );
  }

  /** Designations listing one of the parties' identifiers (normalised), among those the caller may see with their identifiers. */
  async candidatesByIdentifier(access: AccessDecision, identifiers: readonly { ord: number; value: string }[]): Promise<CandidateRow[]> {
    if (identifiers.length === 0) return [];
    return queryRows<CandidateRow>(
      this.db,
      sql`SELECT DISTINCT q.ord AS "ord", ${designationIdentifiers.designationId} AS "designationId"
        FROM jsonb_to_recordset(${JSON.stringify(identifiers)}::jsonb) AS q(ord int, value text)
        JOIN ${designationIdentifiers} ON ${designationIdentifiers.valueNormalized} = q.value
        JOIN ${designations} ON ${designations.id} = ${designationIdentifiers.designationId}
        WHERE ${inForceAndVisible(access)} AND ${releasedField(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, 'identifiers')}`,
    );
  }

  /**
   * Everything scoring reads of the candidates, in one round trip: each designation row with
   * its names, identifiers, birth dates and address countries aggregated alongside.
   */
  async candidateDetails(ids: readonly string[]): Promise<CandidateDetails[]> {
    if (ids.length === 0) return [];
    // `= ANY(ARRAY(…))` rather than `IN (…)`: the planner then probes the primary key per id.
    const idList = sql`ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid))`;
    // Written out qualified: drizzle renders a column inside a selected expression unqualified,
    // and a bare "id" would bind to the subquery's own table.
    const designationId = sql.raw('"designations"."id"');
    const rows = await this.db
      .select({
        ...getTableColumns(designations),
        screeningNames: sql<CandidateDetails['screeningNames']>`(SELECT coalesce(json_agg(json_build_object('position', n.position, 'name', n.name, 'strength', n.strength) ORDER BY n.position), '[]')
          FROM designation_screening_names n WHERE n.designation_id = ${designationId})`,
        identifierValues: sql<CandidateDetails['identifierValues']>`(SELECT coalesce(json_agg(json_build_object('type', i.type, 'valueNormalized', i.value_normalized)), '[]')
          FROM designation_identifiers i WHERE i.designation_id = ${designationId})`,
        birthDateBounds: sql<CandidateDetails['birthDateBounds']>`(SELECT coalesce(json_agg(json_build_object('earliest', b.earliest, 'latest', b.latest)), '[]')
          FROM designation_birth_dates b WHERE b.designation_id = ${designationId})`,
        addressCountries: sql<string[]>`(SELECT coalesce(array_agg(DISTINCT a.country::text), '{}')
          FROM designation_addresses a WHERE a.designation_id = ${designationId} AND a.country IS NOT NULL)`,
      })
      .from(designations)
      .where(sql`${designations.id} = ${idList}`);
    return rows.map(({ screeningNames, identifierValues, birthDateBounds, addressCountries, ...row }) => ({
      row,
      screeningNames,
      identifierValues,
      birthDateBounds,
      addressCountries,
    }));
  }

  /** The primary name and aliases of a designation the caller sees, each only where that field is released to it. */
  async releasedNames(access: AccessDecision, designation: DesignationRow): Promise<string[]> {
    const released = access.releasedFields('Designation', designation);
    if (!released) return [];
    const rows = await queryRows<{ position: number; name: string }>(
      this.db,
      sql`SELECT position, name FROM designation_screening_names WHERE designation_id = ${designation.id}`,
    );
    return rows.filter((row) => released.has(row.position === 0 ? 'primaryName' : 'aliases')).map((row) => row.name);
  }

  /** Adjudications in force for these parties that the caller may see: its own and those shared with it. */
  activeAdjudications(access: AccessDecision, fingerprints: readonly string[]): Promise<ScreeningAdjudicationRow[]> {
    if (fingerprints.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(screeningAdjudications)
      .where(
        and(
          ofParty(access, [...new Set(fingerprints)]),
          adjudicationReleased(access, 'active', eq(screeningAdjudications.active, true)),
          // The hit suppressed is on a designation the caller sees; the adjudication must name it openly.
          adjudicationReleased(access, 'designation', sql`true`),
        ),
      );
  }

}

/**
 * Settings for the caller's transaction only, before any trigram retrieval (screening, denial
 * matching, unverified parties, the license watch): pg_trgm reads its thresholds from settings;
 * and JIT compilation is off, because the planner cannot see how few parties a batch parameter
 * holds, prices the statement high, and then spends ~0.5 s compiling a plan that runs in
 * milliseconds.
 */
export async function prepareTrigramRetrieval(db: Executor): Promise<void> {
  await db.execute(
    sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(CANDIDATE_RETRIEVAL.similarityThreshold)}, true),
               set_config('pg_trgm.word_similarity_threshold', ${String(CANDIDATE_RETRIEVAL.wordSimilarityThreshold)}, true),
               set_config('pg_trgm.strict_word_similarity_threshold', ${String(CANDIDATE_RETRIEVAL.phoneticWordSimilarityThreshold)}, true),
               set_config('jit', 'off', true)`,
  );
}
