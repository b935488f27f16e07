import { relations } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { aliasStrengthEnum, designations } from './designations.ts';
import { shareableColumns } from './shareable.ts';

/**
 * Every name of a designation (its primary name at position 0, then its aliases) in the form
 * screening compares: transliterated, normalised (`key`) and as a phonetic skeleton
 * (`phonetic`). Written with the designation's other child rows, so it is never out of step
 * with them. Retrieval finds keys in the dictionaries below and joins back here by key.
 */
export const designationScreeningNames = pgTable(
  'designation_screening_names',
  {
    designationId: uuid('designation_id')
      .notNull()
      .references(() => designations.id, { onDelete: 'cascade' }),
    /** 0 for the primary name; alias n at position n + 1. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    key: text('key').notNull(),
    phonetic: text('phonetic').notNull(),
    strength: aliasStrengthEnum('strength').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.designationId, t.position] }),
    index('designation_screening_names_key_idx').on(t.key),
    index('designation_screening_names_phonetic_idx').on(t.phonetic),
  ],
);

/**
 * The distinct screening keys and phonetic skeletons of all designation names, each with a
 * trigram index: a term dictionary in front of `designation_screening_names`. Lists repeat
 * names (the same entity on several lists, aliases shared by a network, namesakes), and a
 * trigram lookup costs in proportion to the rows sharing the query's trigrams, so searching
 * each distinct key once and joining its names by equality is cheaper than searching the names.
 *
 * Database triggers (migration 0007) add the keys of every name written, whichever code path
 * writes it. Keys whose names are gone stay until `compactScreeningKeyDictionaries`: they cost
 * a little index space and find nothing. Not unique, so that concurrent writers never wait on
 * each other's new keys; a rare duplicate from such a race is harmless and compacted too.
 */
export const screeningNameKeys = pgTable(
  'screening_name_keys',
  { key: text('key').notNull() },
  (t) => [
    index('screening_name_keys_key_idx').on(t.key),
    // Without a pending list: entries go straight into the index, so a lookup never scans a
    // list of recent inserts (which made lookups 10× slower after an import until a vacuum,
    // and the embedded database has no autovacuum).
    index('screening_name_keys_trgm_idx').using('gin', t.key.op('gin_trgm_ops')).with({ fastupdate: false }),
  ],
);

export const screeningPhoneticKeys = pgTable(
  'screening_phonetic_keys',
  { phonetic: text('phonetic').notNull() },
  (t) => [
    index('screening_phonetic_keys_phonetic_idx').on(t.phonetic),
    index('screening_phonetic_keys_trgm_idx').using('gin', t.phonetic.op('gin_trgm_ops')).with({ fastupdate: false }),
  ],
);

/**
 * The words of every dictionary key (`key_tokens`: one row per key and word) and the distinct
 * words (`name_tokens`, trigram-indexed): token postings for retrieval at scale. A trigram search
 * over whole keys costs in proportion to the keys sharing the party's trigrams, which grows with
 * the list (half a second a party at 260k keys); a search over the far smaller dictionary of
 * words, then postings of the words found, weighted by how rare each word is, does not.
 * Kept by triggers on `screening_name_keys` (migration 0019): a new key adds its words, a key
 * removed by compaction takes its postings (and words no key has any more) along.
 */
export const screeningKeyTokens = pgTable(
  'screening_key_tokens',
  { token: text('token').notNull(), key: text('key').notNull() },
  (t) => [index('screening_key_tokens_token_key_idx').on(t.token, t.key), index('screening_key_tokens_key_idx').on(t.key)],
);

export const screeningNameTokens = pgTable(
  'screening_name_tokens',
  { token: text('token').notNull() },
  (t) => [
    index('screening_name_tokens_token_idx').on(t.token),
    index('screening_name_tokens_trgm_idx').using('gin', t.token.op('gin_trgm_ops')).with({ fastupdate: false }),
  ],
);

export const ADJUDICATION_DISPOSITIONS = ['FALSE_POSITIVE'] as const;
export type AdjudicationDisposition = (typeof ADJUDICATION_DISPOSITIONS)[number];
export const adjudicationDispositionEnum = pgEnum('adjudication_disposition', ADJUDICATION_DISPOSITIONS);

/**
 * An analyst's reviewed decision that a screening hit is not the party screened. Shareable
 * like any record, so a partner that screens the same party need not review the hit again.
 */
export const screeningAdjudications = pgTable(
  'screening_adjudications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Identifies the party across screenings: see `partyFingerprint`. */
    partyFingerprint: text('party_fingerprint').notNull(),
    partyName: text('party_name').notNull(),
    partyCountry: text('party_country'),
    partyDateOfBirth: text('party_date_of_birth'),
    designationId: uuid('designation_id')
      .notNull()
      .references(() => designations.id, { onDelete: 'cascade' }),
    matchedName: text('matched_name').notNull(),
    disposition: adjudicationDispositionEnum('disposition').notNull(),
    reason: text('reason').notNull(),
    /** The analyst's subject (token `sub`), for the audit trail. */
    reviewedBy: text('reviewed_by').notNull(),
    /** False once withdrawn: the hit is then reported again. */
    active: boolean('active').notNull().default(true),
    withdrawnAt: timestamptz('withdrawn_at'),
    ...shareableColumns(),
  },
  (t) => [
    uniqueIndex('screening_adjudications_one_per_hit_idx').on(t.ownerAgencyId, t.partyFingerprint, t.designationId),
    index('screening_adjudications_party_idx').on(t.partyFingerprint),
    index('screening_adjudications_designation_idx').on(t.designationId),
    uniqueIndex('screening_adjudications_change_seq_idx').on(t.changeSeq),
  ],
);

export const designationScreeningNamesRelations = relations(designationScreeningNames, ({ one }) => ({
  designation: one(designations, { fields: [designationScreeningNames.designationId], references: [designations.id] }),
}));

export type DesignationScreeningNameRow = typeof designationScreeningNames.$inferSelect;
export type ScreeningAdjudicationRow = typeof screeningAdjudications.$inferSelect;

/**
 * Which version of the code computed stored derived data (for now: the screening keys). When
 * normalisation changes, the stored keys no longer match what queries compute, so start-up
 * recomputes them once and records the new version here.
 */
export const derivedDataVersions = pgTable('derived_data_versions', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});
