import { relations } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { timestamptz } from './columns.ts';
import { shareableColumns } from './shareable.ts';

export const SUBJECT_TYPES = ['ENTITY', 'INDIVIDUAL', 'VESSEL', 'AIRCRAFT', 'ITEM'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const subjectTypeEnum = pgEnum('subject_type', SUBJECT_TYPES);

export const DESIGNATION_STATUSES = ['PROVISIONAL', 'ACTIVE', 'SUSPENDED', 'DELISTED'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];
export const designationStatusEnum = pgEnum('designation_status', DESIGNATION_STATUSES);

export const ALIAS_STRENGTHS = ['STRONG', 'WEAK'] as const;
export type AliasStrength = (typeof ALIAS_STRENGTHS)[number];
export const aliasStrengthEnum = pgEnum('alias_strength', ALIAS_STRENGTHS);

/** a.k.a., formerly known as, now known as: the distinctions the published lists make. */
export const ALIAS_KINDS = ['AKA', 'FKA', 'NKA'] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];
export const aliasKindEnum = pgEnum('alias_kind', ALIAS_KINDS);

export const IDENTIFIER_TYPES = [
  'PASSPORT',
  'NATIONAL_ID',
  'TAX_ID',
  'COMPANY_REGISTRATION',
  'IMO_NUMBER',
  'MMSI',
  'AIRCRAFT_REGISTRATION',
  'AIRCRAFT_SERIAL',
  'SWIFT_BIC',
  'OTHER',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];
export const identifierTypeEnum = pgEnum('identifier_type', IDENTIFIER_TYPES);

export const designations = pgTable(
  'designations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: subjectTypeEnum('subject_type').notNull(),
    primaryName: text('primary_name').notNull(),
    /** `normalizeForSearch(primaryName)`, kept for trigram search. */
    primaryNameNormalized: text('primary_name_normalized').notNull(),
    /** Digests of the content in child rows, by releasing field (see content-digests.ts). */
    contentDigests: jsonb('content_digests').$type<Record<string, string>>().notNull().default({}),
    /** ISO 3166-1 alpha-2 codes. */
    nationalities: text('nationalities').array().notNull().default([]),
    placesOfBirth: text('places_of_birth').array().notNull().default([]),
    programs: text('programs').array().notNull().default([]),
    legalBasis: text('legal_basis'),
    rationale: text('rationale'),
    remarks: text('remarks'),
    status: designationStatusEnum('status').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }),
    /** A provisional listing lapses on this date unless confirmed. */
    sunsetDate: date('sunset_date', { mode: 'string' }),
    reviewDueDate: date('review_due_date', { mode: 'string' }),
    delistedAt: timestamptz('delisted_at'),
    delistingReason: text('delisting_reason'),
    /** Where an imported record came from (e.g. `OFAC-SDN`) and its id there, for idempotent re-imports. */
    sourceList: text('source_list'),
    sourceReference: text('source_reference'),
    /** SHA-256 of the imported entry as last applied: an unchanged entry is skipped on re-import. */
    sourceHash: text('source_hash'),
    ...shareableColumns(),
  },
  (t) => [
    index('designations_owner_idx').on(t.ownerAgencyId),
    index('designations_status_idx').on(t.status),
    index('designations_subject_type_idx').on(t.subjectType),
    index('designations_updated_at_idx').on(t.updatedAt),
    uniqueIndex('designations_change_seq_idx').on(t.changeSeq),
    index('designations_programs_idx').using('gin', t.programs),
    index('designations_name_trgm_idx').using('gin', t.primaryNameNormalized.op('gin_trgm_ops')),
    uniqueIndex('designations_source_ref_idx').on(t.ownerAgencyId, t.sourceList, t.sourceReference),
  ],
);

export const designationAliases = pgTable(
  'designation_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    designationId: uuid('designation_id')
      .notNull()
      .references(() => designations.id, { onDelete: 'cascade' }),
    /** Order of the alias within its designation, as given. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    nameNormalized: text('name_normalized').notNull(),
    kind: aliasKindEnum('kind').notNull().default('AKA'),
    strength: aliasStrengthEnum('strength').notNull().default('STRONG'),
    /** Dominant Unicode script of the name, e.g. `Cyrillic`. */
    script: text('script').notNull(),
  },
  (t) => [
    index('designation_aliases_designation_idx').on(t.designationId),
    index('designation_aliases_name_trgm_idx').using('gin', t.nameNormalized.op('gin_trgm_ops')),
  ],
);

export const designationIdentifiers = pgTable(
  'designation_identifiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    designationId: uuid('designation_id')
      .notNull()
      .references(() => designations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    type: identifierTypeEnum('type').notNull(),
    value: text('value').notNull(),
    /** Upper-case letters and digits only, so that `AB 123-45` and `ab12345` compare equal. */
    valueNormalized: text('value_normalized').notNull(),
    issuingCountry: char('issuing_country', { length: 2 }),
    note: text('note'),
  },
  (t) => [
    index('designation_identifiers_designation_idx').on(t.designationId),
    index('designation_identifiers_value_idx').on(t.valueNormalized),
  ],
);

export const designationAddresses = pgTable(
  'designation_addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    designationId: uuid('designation_id')
      .notNull()
      .references(() => designations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    street: text('street'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    country: char('country', { length: 2 }),
  },
  (t) => [index('designation_addresses_designation_idx').on(t.designationId)],
);

/**
 * A date of birth as the lists state it: exact, a month or year only, approximate, or a range.
 * `earliest`/`latest` bound it so that matching can compare any two forms.
 */
export const designationBirthDates = pgTable(
  'designation_birth_dates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    designationId: uuid('designation_id')
      .notNull()
      .references(() => designations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** Partial ISO 8601 as given: `1972`, `1972-05` or `1972-05-03`. */
    date: text('date').notNull(),
    /** End of a range, in the same partial form; null for a single date. */
    rangeEnd: text('range_end'),
    approximate: boolean('approximate').notNull().default(false),
    earliest: date('earliest', { mode: 'string' }).notNull(),
    latest: date('latest', { mode: 'string' }).notNull(),
  },
  (t) => [index('designation_birth_dates_designation_idx').on(t.designationId)],
);

export const designationsRelations = relations(designations, ({ many, one }) => ({
  aliases: many(designationAliases),
  identifiers: many(designationIdentifiers),
  addresses: many(designationAddresses),
  birthDates: many(designationBirthDates),
  owner: one(agencies, { fields: [designations.ownerAgencyId], references: [agencies.id] }),
}));
export const designationAliasesRelations = relations(designationAliases, ({ one }) => ({
  designation: one(designations, { fields: [designationAliases.designationId], references: [designations.id] }),
}));
export const designationIdentifiersRelations = relations(designationIdentifiers, ({ one }) => ({
  designation: one(designations, {
    fields: [designationIdentifiers.designationId],
    references: [designations.id],
  }),
}));
export const designationAddressesRelations = relations(designationAddresses, ({ one }) => ({
  designation: one(designations, { fields: [designationAddresses.designationId], references: [designations.id] }),
}));
export const designationBirthDatesRelations = relations(designationBirthDates, ({ one }) => ({
  designation: one(designations, { fields: [designationBirthDates.designationId], references: [designations.id] }),
}));

export type DesignationRow = typeof designations.$inferSelect;
export type DesignationAliasRow = typeof designationAliases.$inferSelect;
export type DesignationIdentifierRow = typeof designationIdentifiers.$inferSelect;
export type DesignationAddressRow = typeof designationAddresses.$inferSelect;
export type DesignationBirthDateRow = typeof designationBirthDates.$inferSelect;
