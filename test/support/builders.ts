import type { Database } from '../../src/db/client.ts';
import { agencies } from '../../src/db/schema/index.ts';
import type { AgencyKind } from '../../src/db/schema/agencies.ts';
import type { Agreement, Grant } from '../../src/policy/agreement.ts';
import type { ShareableRecord } from '../../src/policy/decision.ts';

/** Agencies most tests need: a few of different countries and kinds. */
export const TEST_AGENCIES = [
  { id: 'us-ofac', name: 'Office of Foreign Assets Control', country: 'US', kind: 'SANCTIONS_AUTHORITY' },
  { id: 'gb-ofsi', name: 'Office of Financial Sanctions Implementation', country: 'GB', kind: 'SANCTIONS_AUTHORITY' },
  { id: 'de-bafa', name: 'Bundesamt für Wirtschaft und Ausfuhrkontrolle', country: 'DE', kind: 'LICENSING_AUTHORITY' },
  { id: 'jp-meti', name: 'Ministry of Economy, Trade and Industry', country: 'JP', kind: 'LICENSING_AUTHORITY' },
] as const satisfies readonly { id: string; name: string; country: string; kind: AgencyKind }[];

export async function givenAgencies(db: Database, list: readonly (typeof agencies.$inferInsert)[] = TEST_AGENCIES) {
  await db.insert(agencies).values([...list]).onConflictDoNothing();
}

/** A GREEN, ACTIVE SDGT entity of US-OFAC as the decision rule sees it, with `overrides`. */
export const aDesignationRecord = (overrides: Partial<ShareableRecord> = {}): ShareableRecord => ({
  ownerAgencyId: 'us-ofac',
  marking: 'GREEN',
  releasableTo: null,
  status: 'ACTIVE',
  subjectType: 'ENTITY',
  programs: ['SDGT'],
  ...overrides,
});

/** An agreement in force from US-OFAC to GB-OFSI for sanctions screening, with `overrides`. */
export const anAgreement = (overrides: Partial<Agreement> & { grants: Grant[] }): Agreement => ({
  id: 'a',
  title: 't',
  grantor: 'us-ofac',
  grantees: ['gb-ofsi'],
  purposes: ['sanctions-screening'],
  validFrom: new Date('2026-01-01'),
  validUntil: null,
  revokedAt: null,
  reshareHops: 0,
  ...overrides,
});

/**
 * `n` CLEAR, ACTIVE entities of `owner` in one programme, added on the 10th of `month` (0-based) of
 * 2026: the transparency tests' data for a table no suppression protects.
 */
export const designationsAdded = (owner: string, month: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    subjectType: 'ENTITY' as const,
    primaryName: `Withheld Case ${owner} ${month} ${i}`,
    primaryNameNormalized: `withheld case ${owner} ${month} ${i}`,
    programs: ['WITHHELD-CASE'],
    status: 'ACTIVE' as const,
    ownerAgencyId: owner,
    marking: 'CLEAR' as const,
    createdAt: new Date(Date.UTC(2026, month, 10)),
  }));
