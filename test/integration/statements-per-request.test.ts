import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesignationRepository } from '../../src/modules/designations/designation.repository.ts';
import { demoDesignation } from '../../src/modules/seed/designation-generator.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestHub, type As, type TestHub } from '../support/hub.ts';

/**
 * What a list request costs the database: at most one statement per nesting level of lists
 * (a designation page carries its nested lists in its one statement), and none whose result
 * the query did not ask for (the total only when `totalCount` is selected, the agencies from
 * memory). Counted on the hub's own connection, after a first request has warmed the caches
 * every request shares (the agreements in force, the agency directory).
 */
const PARTNER: AgreementFile = {
  id: 'ofac-to-ofsi-identity',
  title: 'identity and listing',
  grantor: 'us-ofac',
  grantees: ['gb-ofsi'],
  purposes: ['sanctions-screening'],
  validFrom: '2026-01-01',
  ceiling: 'AMBER',
  grants: [{ type: 'Designation', fields: ['identity', 'listing'] }],
} as AgreementFile;

const EVERY_FIELD = `{ designations(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
  id subjectType primaryName nationalities placesOfBirth programs legalBasis rationale remarks status
  effectiveFrom sunsetDate reviewDueDate delistedAt delistingReason sourceList sourceReference marking
  releasableTo version createdAt updatedAt owner { id name country kind } provenance { hub hops }
  aliases { name kind strength script } identifiers { type value issuingCountry note }
  addresses { street city region postalCode country } datesOfBirth { date rangeEnd approximate earliest latest }
} } } }`;
const SMALL = '{ designations(first: 10) { edges { node { id primaryName } } } }';
const THROUGH_FRAGMENTS = `query { designations(first: 5) { ...Page } }
  fragment Page on DesignationConnection { totalCount edges { node { ... on Designation { id aliases { name } } } } }`;

describe('statements per list request', () => {
  let database: TestDatabase;
  let hub: TestHub;
  const statements: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ onStatement: (text) => statements.push(text) });
    // The license watch reads the change feed in the background; an hour apart, it sends nothing during a test.
    hub = await startTestHub({ database, agreements: [PARTNER], licenseWatchIntervalMs: 3_600_000 });
    const records = Array.from({ length: 30 }, (_, i) => {
      const d = demoDesignation(7, i);
      return { ...d, ownerId: 'us-ofac', content: { ...d.content, status: 'ACTIVE' as const, marking: 'GREEN' as const, releasableTo: null } };
    });
    await database.handle.db.transaction((tx) => new DesignationRepository(tx).insertMany(records).then(() => undefined));
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await database?.dispose();
  });

  /**
   * The statements one request sent, after the same request once to warm the shared caches.
   * Left out: the policy store's check for newly applied agreements, made once a second for
   * the whole hub (src/policy/policy-store.ts), whichever request comes first after that second.
   * The request's audit entry (issue 17) is counted apart: one append per request, one statement
   * however many records the answer releases (the appender knows where the log ends).
   */
  async function statementsOf(query: string, as: As) {
    await hub.graphql(query, {}, as);
    statements.length = 0;
    const answer = await hub.graphql<{ designations: { totalCount?: number; edges: { node: Record<string, unknown> }[] } }>(query, {}, as);
    const counted = statements.filter((text) => !/^select max\("applied_seq"\) from "sharing_agreements"$/.test(text));
    const isAudit = (text: string) => /\baudit_(log_state|entries|releases|release_sets)\b/.test(text);
    return { answer, sent: counted.filter((text) => !isAudit(text)), audit: counted.filter(isAudit) };
  }

  it.each([
    ['the owner', { agency: 'us-ofac' }],
    ['a partner with some fields withheld', { agency: 'gb-ofsi' }],
  ])('reads a page with every nested list and its total in one statement, as %s', async (_who, as) => {
    const { answer, sent, audit } = await statementsOf(EVERY_FIELD, as);
    expect(audit, audit.join('\n\n')).toHaveLength(1);
    expect(answer.data!.designations.edges).toHaveLength(30);
    expect(answer.data!.designations.totalCount).toBe(30);
    expect(sent, sent.join('\n\n')).toHaveLength(1);
    expect(sent[0]).toMatch(/designation_aliases/);
    expect(sent[0]).toMatch(/count\(\*\)/);
  });

  it('counts nothing and joins no nested list that the query does not select', async () => {
    const { answer, sent } = await statementsOf(SMALL, { agency: 'gb-ofsi' });
    expect(answer.data!.designations.edges).toHaveLength(10);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/count\(\*\)/);
    expect(sent[0]).not.toMatch(/designation_aliases|designation_identifiers|designation_addresses|designation_birth_dates|sync_received_records/);
  });

  it('sees selections made through fragments', async () => {
    const { answer, sent } = await statementsOf(THROUGH_FRAGMENTS, { agency: 'us-ofac' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.designations.totalCount).toBe(30);
    expect(answer.data!.designations.edges[0]!.node.aliases).toEqual(expect.any(Array));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/designation_aliases/);
    expect(sent[0]).toMatch(/count\(\*\)/);
  });
});
