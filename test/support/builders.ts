import type { Database } from '../../src/db/client.ts';
import { agencies } from '../../src/db/schema/index.ts';
import type { AgencyKind } from '../../src/db/schema/agencies.ts';

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
