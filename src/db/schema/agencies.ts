import { index, pgEnum, pgTable, text, char } from 'drizzle-orm/pg-core';
import { auditColumns } from './columns.ts';

export const AGENCY_KINDS = [
  'LICENSING_AUTHORITY',
  'CUSTOMS',
  'INTELLIGENCE',
  'FINANCIAL_INTELLIGENCE',
  'SANCTIONS_AUTHORITY',
  'ALLIED_HUB',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const agencyKindEnum = pgEnum('agency_kind', AGENCY_KINDS);

export const agencies = pgTable(
  'agencies',
  {
    /** Short stable slug such as `us-bis`; it appears in tokens, agreements and records. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: char('country', { length: 2 }).notNull(),
    kind: agencyKindEnum('kind').notNull(),
    ...auditColumns(),
  },
  (t) => [index('agencies_country_idx').on(t.country)],
);

export type AgencyRow = typeof agencies.$inferSelect;
