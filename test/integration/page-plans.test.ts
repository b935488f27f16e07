/**
 * A partner's page walks the primary key and stops after the page: the database never reads
 * and sorts every record the partner may see to return five. The planner chooses that only if
 * it estimates the row filter sanely; with the visibility rule written twice (the query's filter
 * and the row-level security policy), a form of "never RED" that both repeated made it estimate
 * a single visible row, so it sorted all of them (a partner's first page of the SDN took 30–45 ms
 * on PostgreSQL, the owner's 8 ms). Checked on the plan of the very statement the hub sends.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.ts';
import { runInRequestScope } from '../../src/db/row-security.ts';
import { DesignationRepository, type DesignationPageContents, type DesignationQuery } from '../../src/modules/designations/designation.repository.ts';
import { demoDesignation } from '../../src/modules/seed/designation-generator.ts';
import type { Grant } from '../../src/policy/agreement.ts';
import { ALWAYS_RELEASED } from '../../src/policy/catalogue.ts';
import { decideAccess, type AccessDecision } from '../../src/policy/decision.ts';
import { callerSettings } from '../../src/policy/row-security.ts';
import { anAgreement, givenAgencies } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const DESIGNATIONS = 4_000;

const agreement = (grant: Partial<Grant>) =>
  anAgreement({ grants: [{ type: 'Designation', fields: new Set([...ALWAYS_RELEASED, 'primaryName', 'status', 'programs']), ceiling: 'AMBER', conditions: {}, ...grant }] });

const NOTHING_NESTED: DesignationPageContents = { aliases: false, identifiers: false, addresses: false, birthDates: false, provenance: false, total: false };

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe('the plan of a page of designations', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
    await givenAgencies(db);
    const records = Array.from({ length: DESIGNATIONS }, (_, i) => {
      const d = demoDesignation(11, i);
      return { ...d, ownerId: 'us-ofac', content: { ...d.content, status: 'ACTIVE' as const, marking: 'GREEN' as const, releasableTo: null } };
    });
    await db.transaction((tx) => new DesignationRepository(tx).insertMany(records).then(() => undefined));
    await db.execute(sql`analyze designations`);
  }, 300_000);
  afterAll(async () => {
    await database?.dispose();
  });

  /** The plan of the page statement, as the caller's request runs it (request role, row-level security). */
  const planOf = async (access: AccessDecision, query: DesignationQuery): Promise<PlanNode[]> => {
    const statement = new DesignationRepository(db).pageStatement(access, query, { limit: 5, afterId: null }, NOTHING_NESTED);
    const [row] = await runInRequestScope({ caller: callerSettings(access) }, async () => await queryRows<{ 'QUERY PLAN': unknown }>(db, sql`EXPLAIN (FORMAT JSON) ${statement}`));
    const explained = row!['QUERY PLAN'];
    const [top] = (typeof explained === 'string' ? JSON.parse(explained) : explained) as { Plan: PlanNode }[];
    return nodes(top!.Plan);
  };
  const readsEveryRow = (plan: PlanNode[]) => plan.filter((node) => node['Relation Name'] === 'designations' && !/Index/.test(node['Node Type'])).map((node) => node['Node Type']);

  const cases: [string, AccessDecision, DesignationQuery][] = [
    ['the owner', decideAccess('us-ofac', [], NOW), {}],
    ['a partner', decideAccess('gb-ofsi', [agreement({})], NOW), {}],
    ['a partner filtering by status', decideAccess('gb-ofsi', [agreement({})], NOW), { status: ['ACTIVE'] }],
    ['a partner whose grant has a condition', decideAccess('gb-ofsi', [agreement({ conditions: { status: ['ACTIVE'] } })], NOW), { status: ['ACTIVE'] }],
    ['a partner under a grant up to AMBER+STRICT', decideAccess('gb-ofsi', [agreement({ ceiling: 'AMBER_STRICT' })], NOW), { status: ['ACTIVE'] }],
  ];
  for (const [who, access, query] of cases) {
    it(`walks the primary key for ${who}, reading no more than the page`, async () => {
      const plan = await planOf(access, query);
      expect(readsEveryRow(plan), JSON.stringify(plan.map((node) => node['Node Type']))).toEqual([]);
      expect(plan.some((node) => node['Node Type'] === 'Sort' && plan.indexOf(node) < 3)).toBe(false);
    });
  }
});
