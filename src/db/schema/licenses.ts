import { relations } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DENIAL_REASONS, LICENSE_STATES, type DenialReason, type LicenseState } from './license-enums.ts';
import { agencies } from './agencies.ts';
import { timestamptz } from './columns.ts';
import { designations } from './designations.ts';
import { shareableColumns } from './shareable.ts';

export const licenseStateEnum = pgEnum('license_state', LICENSE_STATES);
export const REVIEW_LANE_VALUES = ['FAST_TRACK', 'STANDARD_REVIEW', 'ESCALATED'] as const;
export const reviewLaneEnum = pgEnum('review_lane', REVIEW_LANE_VALUES);
export const PARTY_ROLE_VALUES = ['END_USER', 'CONSIGNEE', 'INTERMEDIARY', 'PURCHASER'] as const;
export type PartyRoleValue = (typeof PARTY_ROLE_VALUES)[number];
export const partyRoleEnum = pgEnum('license_party_role', PARTY_ROLE_VALUES);
/** The workflow's denial reasons: the categories denial notifications are shared under. */
export const DENIAL_REASON_CATEGORIES = DENIAL_REASONS;
export type DenialReasonCategory = DenialReason;
export const denialReasonEnum = pgEnum('denial_reason_category', DENIAL_REASON_CATEGORIES);

/** A party's identifiers as given on an application or notice: `{ type, value }`. */
export interface PartyIdentifierValue {
  type: string | null;
  value: string;
}

/** One contributing factor of a risk score, as `license-risk.ts` computes it. */
export type StoredRiskFactor = Record<string, unknown>;

/**
 * A license application, owned by the licensing agency that receives it. `state` only ever
 * changes through the workflow (`license-workflow.ts`), each change recorded in
 * `license_transitions` in the same transaction.
 */
export const licenseApplications = pgTable(
  'license_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicantName: text('applicant_name').notNull(),
    applicantCountry: text('applicant_country'),
    destinationCountry: text('destination_country').notNull(),
    endUse: text('end_use').notNull(),
    state: licenseStateEnum('state').notNull().default('DRAFT'),
    lane: reviewLaneEnum('lane'),
    riskScore: integer('risk_score'),
    riskFactors: jsonb('risk_factors').$type<StoredRiskFactor[]>(),
    /** The designation change-feed position the last screening read at. */
    screenedAt: text('screened_list_version'),
    decisionRationale: text('decision_rationale'),
    conditions: text('conditions').array().notNull().default([]),
    /** For a provisional approval: what the agency watches until its review date. */
    oversightConditions: text('oversight_conditions').array().notNull().default([]),
    denialReason: denialReasonEnum('denial_reason'),
    reviewDate: date('review_date', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    decidedAt: timestamptz('decided_at'),
    appealGrounds: text('appeal_grounds'),
    /** The state an approved license was suspended from, so that reinstating restores it. */
    suspendedFrom: licenseStateEnum('suspended_from'),
    ...shareableColumns(),
  },
  (t) => [
    index('license_applications_owner_idx').on(t.ownerAgencyId),
    index('license_applications_state_idx').on(t.state),
    uniqueIndex('license_applications_change_seq_idx').on(t.changeSeq),
  ],
);

export const licenseItems = pgTable(
  'license_items',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    controlListCode: text('control_list_code').notNull(),
    description: text('description').notNull(),
    quantity: numeric('quantity').notNull(),
    unit: text('unit'),
    value: numeric('value'),
    currency: text('currency'),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.position] })],
);

/** End users, consignees, intermediaries: keyed for screening both ways (party → lists, new listing → parties). */
export const licenseParties = pgTable(
  'license_parties',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    role: partyRoleEnum('role').notNull(),
    name: text('name').notNull(),
    country: text('country'),
    address: text('address'),
    identifiers: jsonb('identifiers').$type<PartyIdentifierValue[]>().notNull().default([]),
    key: text('key').notNull(),
    phonetic: text('phonetic').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.position] }),
    index('license_parties_key_trgm_idx').using('gin', t.key.op('gin_trgm_ops')).with({ fastupdate: false }),
    index('license_parties_phonetic_trgm_idx').using('gin', t.phonetic.op('gin_trgm_ops')).with({ fastupdate: false }),
  ],
);

/** Who moved an application, when, why: written with the move, in its transaction. */
export const licenseTransitions = pgTable(
  'license_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromState: licenseStateEnum('from_state'),
    toState: licenseStateEnum('to_state').notNull(),
    actorAgencyId: text('actor_agency_id').notNull(),
    actorUserId: text('actor_user_id').notNull(),
    reason: text('reason'),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('license_transitions_application_idx').on(t.applicationId, t.id)],
);

export const ESCALATION_KINDS = ['DESIGNATION_MATCH', 'DENIAL_UNDERCUT', 'UNFAVORABLE_VERIFICATION'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];
export const escalationKindEnum = pgEnum('escalation_kind', ESCALATION_KINDS);

/** Something found after submission that an officer must look at: a new listing, a partner's denial, a failed check. */
export const licenseEscalations = pgTable(
  'license_escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'cascade' }),
    kind: escalationKindEnum('kind').notNull(),
    partyPosition: integer('party_position'),
    designationId: uuid('designation_id').references(() => designations.id, { onDelete: 'set null' }),
    denialNotificationId: uuid('denial_notification_id'),
    endUseCheckId: uuid('end_use_check_id'),
    score: numeric('score', { mode: 'number' }),
    detail: text('detail').notNull(),
    /** What raised it, so the same finding is not raised twice: e.g. `designation:<id>@<version>:party:<n>`. */
    dedupeKey: text('dedupe_key').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [
    index('license_escalations_application_idx').on(t.applicationId),
    uniqueIndex('license_escalations_dedupe_idx').on(t.applicationId, t.dedupeKey),
  ],
);

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
      .references(() => agencies.id),
    denyingAgencyId: text('denying_agency_id')
      .notNull()
      .references(() => agencies.id),
    status: consultationStatusEnum('status').notNull().default('REQUESTED'),
    matchScore: numeric('match_score', { mode: 'number' }).notNull(),
    response: text('response'),
    requestedAt: timestamptz('requested_at').notNull().defaultNow(),
    answeredAt: timestamptz('answered_at'),
  },
  (t) => [uniqueIndex('denial_consultations_pair_idx').on(t.applicationId, t.denialNotificationId)],
);

export const END_USE_CHECK_KINDS = ['PRE_LICENSE_CHECK', 'POST_SHIPMENT_VERIFICATION'] as const;
export const endUseCheckKindEnum = pgEnum('end_use_check_kind', END_USE_CHECK_KINDS);
export const END_USE_OUTCOMES = ['FAVORABLE', 'UNFAVORABLE', 'UNVERIFIABLE'] as const;
export type EndUseOutcome = (typeof END_USE_OUTCOMES)[number];
export const endUseOutcomeEnum = pgEnum('end_use_outcome', END_USE_OUTCOMES);

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
      .references(() => agencies.id),
    /** Who may see the check whole beyond its owner: the performing agency. */
    participants: text('participants').array().notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'restrict' }),
    partyPosition: integer('party_position').notNull(),
    partyName: text('party_name').notNull(),
    partyCountry: text('party_country'),
    partyAddress: text('party_address'),
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

export const licenseApplicationsRelations = relations(licenseApplications, ({ many }) => ({
  items: many(licenseItems),
  parties: many(licenseParties),
  transitions: many(licenseTransitions),
  escalations: many(licenseEscalations),
}));

export type LicenseApplicationRow = typeof licenseApplications.$inferSelect;
export type LicenseItemRow = typeof licenseItems.$inferSelect;
export type LicensePartyRow = typeof licenseParties.$inferSelect;
export type LicenseTransitionRow = typeof licenseTransitions.$inferSelect;
export type LicenseEscalationRow = typeof licenseEscalations.$inferSelect;
export type DenialNotificationRow = typeof denialNotifications.$inferSelect;
export type DenialConsultationRow = typeof denialConsultations.$inferSelect;
export type EndUseCheckRow = typeof endUseChecks.$inferSelect;
export type UnverifiedPartyRow = typeof unverifiedParties.$inferSelect;
export type { LicenseState };

/**
 * How far a background watcher has read a change feed, so that after a restart it resumes
 * where it stopped instead of missing changes or reading everything again.
 */
export const watchCursors = pgTable('watch_cursors', {
  name: text('name').primaryKey(),
  /** A change-feed position as `formatFeedPosition` (src/db/change-feed.ts) writes it. */
  feedPosition: text('feed_position').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});
