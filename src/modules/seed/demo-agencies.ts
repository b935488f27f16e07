import type { AgencyKind } from '../../db/schema/index.ts';

export interface DemoAgency {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly kind: AgencyKind;
}

/** Real agencies' names and roles, so that demo data reads like the real exchange. */
export const DEMO_AGENCIES = [
  { id: 'us-ofac', name: 'Office of Foreign Assets Control', country: 'US', kind: 'SANCTIONS_AUTHORITY' },
  { id: 'us-bis', name: 'Bureau of Industry and Security', country: 'US', kind: 'LICENSING_AUTHORITY' },
  { id: 'gb-ofsi', name: 'Office of Financial Sanctions Implementation', country: 'GB', kind: 'SANCTIONS_AUTHORITY' },
  { id: 'gb-ecju', name: 'Export Control Joint Unit', country: 'GB', kind: 'LICENSING_AUTHORITY' },
  { id: 'de-bafa', name: 'Bundesamt für Wirtschaft und Ausfuhrkontrolle', country: 'DE', kind: 'LICENSING_AUTHORITY' },
  { id: 'jp-meti', name: 'Ministry of Economy, Trade and Industry', country: 'JP', kind: 'LICENSING_AUTHORITY' },
  {
    id: 'fr-dgddi',
    name: 'Direction générale des douanes et droits indirects',
    country: 'FR',
    kind: 'CUSTOMS',
  },
  { id: 'nl-fiu', name: 'Financial Intelligence Unit – Netherlands', country: 'NL', kind: 'FINANCIAL_INTELLIGENCE' },
] as const satisfies readonly DemoAgency[];

export type DemoAgencyId = (typeof DEMO_AGENCIES)[number]['id'];

export const DEMO_AGENCY_IDS: readonly DemoAgencyId[] = DEMO_AGENCIES.map((agency) => agency.id);

/** Agencies that keep a control list of their own (licensing authorities). */
export const LICENSING_AGENCY_IDS: readonly DemoAgencyId[] = DEMO_AGENCIES.filter(
  (agency) => agency.kind === 'LICENSING_AUTHORITY',
).map((agency) => agency.id);
