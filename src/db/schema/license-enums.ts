/**
 * The values license tables store as PostgreSQL enums. They live with the schema so that the
 * database, the policy catalogue and the workflow (src/modules/licenses/license-workflow.ts)
 * share one list without the schema importing a capability.
 */

/** Every state of a license application; the transitions between them are the workflow's. */
export const LICENSE_STATES = [
  'DRAFT',
  'SUBMITTED',
  'SCREENING',
  'FAST_TRACK',
  'STANDARD_REVIEW',
  'ESCALATED',
  'APPROVED',
  'APPROVED_WITH_CONDITIONS',
  'PROVISIONALLY_APPROVED',
  'DENIED',
  'APPEALED',
  'APPEAL_UPHELD',
  'APPEAL_OVERTURNED',
  'SUSPENDED',
  'REVOKED',
  'EXPIRED',
  'WITHDRAWN',
] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

/** Grounds for a denial, as reported in denial notifications between regimes. */
export const DENIAL_REASONS = [
  'END_USER_CONCERN',
  'DIVERSION_RISK',
  'DESTINATION_EMBARGO',
  'WMD_END_USE',
  'MILITARY_END_USE',
  'INSUFFICIENT_INFORMATION',
  'OTHER',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];
