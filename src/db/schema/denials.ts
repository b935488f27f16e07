import { date, index, jsonb, numeric, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { timestamptz } from './columns.ts';
import { denialReasonEnum, licenseApplications, type PartyIdentifierValue } from './license-applications.ts';
import { shareableColumns } from './shareable.ts';

/**
 * A denial notified to partners: the party, the item classifications, the reason category and
 * date. Shareable under agreements; it drives "no undercut" checks at other agencies.
 */
export const denialNotifications = pgTable(
  'denial_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'restrict' }),
    partyName: text('party_name').notNull(),
    partyCountry: text('party_country'),
    partyIdentifiers: jsonb('party_identifiers').$type<PartyIdentifierValue[]>().notNull().default([]),
    partyKey: text('party_key').notNull(),
    partyPhonetic: text('party_phonetic').notNull(),
    controlListCodes: text('control_list_codes').array().notNull(),
    reasonCategory: denialReasonEnum('reason_category').notNull(),
    deniedOn: date('denied_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    revokedAt: timestamptz('revoked_at'),
    ...shareableColumns(),
  },
  (t) => [
    uniqueIndex('denial_notifications_change_seq_idx').on(t.changeSeq),
    uniqueIndex('denial_notifications_application_idx').on(t.applicationId),
    index('denial_notifications_key_trgm_idx').using('gin', t.partyKey.op('gin_trgm_ops')).with({ fastupdate: false }),
  ],
);

export const CONSULTATION_STATUSES = ['REQUESTED', 'ANSWERED'] as const;
export const consultationStatusEnum = pgEnum('consultation_status', CONSULTATION_STATUSES);

/** "No undercut": an application essentially matching a partner's denial is consulted on with the denying agency. */
export const denialConsultations = pgTable(
  'denial_consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'cascade' }),
    denialNotificationId: uuid('denial_notification_id')
      .notNull()
      .references(() => denialNotifications.id, { onDelete: 'restrict' }),
    consultingAgencyId: text('consulting_agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    denyingAgencyId: text('denying_agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    status: consultationStatusEnum('status').notNull().default('REQUESTED'),
    matchScore: numeric('match_score', { mode: 'number' }).notNull(),
    response: text('response'),
    /** The denying agency's position: UPHELD (it objects) or NO_OBJECTION. */
    answer: text('answer'),
    answeredBy: text('answered_by'),
    requestedAt: timestamptz('requested_at').notNull().defaultNow(),
    answeredAt: timestamptz('answered_at'),
    /**
     * What the denying agency needs to answer, copied from the consulting application when the
     * consultation is opened and released to it by the consultation (it names both agencies),
     * so that nothing else of the application travels: the matching party, the classifications
     * and the declared end use.
     */
    partyName: text('party_name'),
    partyCountry: text('party_country'),
    controlListCodes: text('control_list_codes').array(),
    endUse: text('end_use'),
    /** An approval despite this consultation: the officer's reason, recorded and shown to the denying agency. */
    overriddenAt: timestamptz('overridden_at'),
    overriddenBy: text('overridden_by'),
    overrideReason: text('override_reason'),
  },
  (t) => [uniqueIndex('denial_consultations_pair_idx').on(t.applicationId, t.denialNotificationId)],
);

export type DenialNotificationRow = typeof denialNotifications.$inferSelect;
export type DenialConsultationRow = typeof denialConsultations.$inferSelect;
