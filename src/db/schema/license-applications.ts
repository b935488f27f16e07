import { relations, sql } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DENIAL_REASONS, LICENSE_STATES, type DenialReason, type LicenseState } from './license-enums.ts';
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
    /** What an escalation on a granted license recommends the officer do (SUSPEND or REVIEW); null when nothing is open. */
    recommendedAction: text('recommended_action'),
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
    /** For a move the hub made by itself (actor `interlock:…`): the officer whose action set it off, if one did. */
    triggeredByAgencyId: text('triggered_by_agency_id'),
    triggeredByUserId: text('triggered_by_user_id'),
    reason: text('reason'),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('license_transitions_application_idx').on(t.applicationId, t.id)],
);

/** One list a screening looked at: its owner, source list and edition, and how many of its designations were candidates. */
export interface ScreenedListCoverage {
  owner: string;
  /** Null for designations entered directly rather than imported from a published list. */
  sourceList: string | null;
  /** The edition of the list's last completed import, if it was imported. */
  edition: string | null;
  candidates: number;
}

/** What each screening of an application was screened against: written with the screening, in its transaction. */
export const licenseScreenings = pgTable(
  'license_screenings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => licenseApplications.id, { onDelete: 'cascade' }),
    /** What set it off: submission, or a re-score after an escalation. */
    occasion: text('occasion').notNull(),
    listVersion: text('list_version').notNull(),
    lists: jsonb('lists').$type<ScreenedListCoverage[]>().notNull(),
    candidateDesignations: integer('candidate_designations').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('license_screenings_application_idx').on(t.applicationId, t.id)],
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
    /** On a granted license: what the re-scoring recommends (SUSPEND or REVIEW). */
    recommendedAction: text('recommended_action'),
    /** Closed by an officer: how (resolution), why, who and when. Open while null. */
    acknowledgedAt: timestamptz('acknowledged_at'),
    acknowledgedByAgencyId: text('acknowledged_by_agency_id'),
    acknowledgedByUserId: text('acknowledged_by_user_id'),
    resolution: text('resolution'),
    acknowledgementReason: text('acknowledgement_reason'),
  },
  (t) => [
    index('license_escalations_application_idx').on(t.applicationId),
    index('license_escalations_open_idx').on(t.applicationId).where(sql`acknowledged_at IS NULL`),
    uniqueIndex('license_escalations_dedupe_idx').on(t.applicationId, t.dedupeKey),
  ],
);

export const licenseApplicationsRelations = relations(licenseApplications, ({ many }) => ({
  items: many(licenseItems),
  parties: many(licenseParties),
  transitions: many(licenseTransitions),
  escalations: many(licenseEscalations),
  screenings: many(licenseScreenings),
}));

export type LicenseApplicationRow = typeof licenseApplications.$inferSelect;
export type LicenseItemRow = typeof licenseItems.$inferSelect;
export type LicensePartyRow = typeof licenseParties.$inferSelect;
export type LicenseTransitionRow = typeof licenseTransitions.$inferSelect;
export type LicenseEscalationRow = typeof licenseEscalations.$inferSelect;
export type LicenseScreeningRow = typeof licenseScreenings.$inferSelect;
export type { LicenseState };
