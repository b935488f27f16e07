import { date, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { licenseApplications } from './license-applications.ts';
import { shareableColumns } from './shareable.ts';

export const END_USE_CHECK_KINDS = ['PRE_LICENSE_CHECK', 'POST_SHIPMENT_VERIFICATION'] as const;
export const endUseCheckKindEnum = pgEnum('end_use_check_kind', END_USE_CHECK_KINDS);
export const END_USE_OUTCOMES = ['FAVORABLE', 'UNFAVORABLE', 'UNVERIFIABLE'] as const;
export type EndUseOutcome = (typeof END_USE_OUTCOMES)[number];
export const endUseOutcomeEnum = pgEnum('end_use_outcome', END_USE_OUTCOMES);

/** An item of the license as an end-use check carries it: what to look for on site. */
export interface CheckedItem {
  controlListCode: string;
  description: string;
  quantity: number;
  unit: string | null;
}

/**
 * A check one agency asks another to perform on a party of a license. Owned by the requesting
 * agency; the performing agency is a participant and sees and writes it whole.
 */
export const endUseChecks = pgTable(
  'end_use_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: endUseCheckKindEnum('kind').notNull(),
    performingAgencyId: text('performing_agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    /** Who may see the check whole beyond its owner: the performing agency. */
    participants: text('participants').array().notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'restrict' }),
    partyPosition: integer('party_position').notNull(),
    partyName: text('party_name').notNull(),
    partyCountry: text('party_country'),
    partyAddress: text('party_address'),
    /** The licensed goods and where they go, copied from the application for the performing agency, which may not see it. */
    destinationCountry: text('destination_country'),
    items: jsonb('items').$type<CheckedItem[]>().notNull().default([]),
    instructions: text('instructions'),
    outcome: endUseOutcomeEnum('outcome'),
    outcomeDate: date('outcome_date', { mode: 'string' }),
    findings: text('findings'),
    completedBy: text('completed_by'),
    ...shareableColumns(),
  },
  (t) => [
    uniqueIndex('end_use_checks_change_seq_idx').on(t.changeSeq),
    index('end_use_checks_application_idx').on(t.applicationId),
    index('end_use_checks_performer_idx').on(t.performingAgencyId),
  ],
);

/** Parties an agency could not verify or found unfavourable: red flags in its license screening. */
export const unverifiedParties = pgTable(
  'unverified_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    country: text('country'),
    key: text('key').notNull(),
    phonetic: text('phonetic').notNull(),
    outcome: endUseOutcomeEnum('outcome').notNull(),
    endUseCheckId: uuid('end_use_check_id')
      .notNull()
      .references(() => endUseChecks.id, { onDelete: 'restrict' }),
    ...shareableColumns(),
  },
  (t) => [
    uniqueIndex('unverified_parties_change_seq_idx').on(t.changeSeq),
    uniqueIndex('unverified_parties_check_idx').on(t.endUseCheckId),
    index('unverified_parties_key_trgm_idx').using('gin', t.key.op('gin_trgm_ops')).with({ fastupdate: false }),
  ],
);

export type EndUseCheckRow = typeof endUseChecks.$inferSelect;
export type UnverifiedPartyRow = typeof unverifiedParties.$inferSelect;
