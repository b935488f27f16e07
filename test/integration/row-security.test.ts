/**
 * Row-level security, the second wall (migration 0017): a request's statements run as a role
 * that neither owns the tables nor bypasses row security, with the caller's agency and grants
 * set for the transaction, so that a query that forgets its filter still returns nothing the
 * caller may not see, and writes to other agencies' records are refused by the database too.
 * The policies are the decision rule once more, compared here with `visibleRecords`.
 */
import fc from 'fast-check';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.ts';
import { sqlState } from '../../src/db/errors.ts';
import { REQUEST_ROLE, runInRequestScope, withHubRights } from '../../src/db/row-security.ts';
import { MARKINGS, type Marking } from '../../src/db/schema/columns.ts';
import { designations, threatEntries } from '../../src/db/schema/index.ts';
import { DesignationRepository, DESIGNATION_ACCESS_COLUMNS } from '../../src/modules/designations/designation.repository.ts';
import { THREAT_ENTRY_ACCESS_COLUMNS } from '../../src/modules/threat-library/threat-entry.repository.ts';
import type { Agreement, Grant } from '../../src/policy/agreement.ts';
import { ALWAYS_RELEASED, type RecordType } from '../../src/policy/catalogue.ts';
import { decideAccess, type AccessDecision } from '../../src/policy/decision.ts';
import { ANONYMOUS_CALLER, callerSettings } from '../../src/policy/row-security.ts';
import { visibleRecords, type AccessColumns } from '../../src/policy/sql.ts';
import { givenAgencies } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { errorCodes, startTestHub, type TestHub } from '../support/hub.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const AGENCIES = ['us-ofac', 'gb-ofsi', 'de-bafa', 'jp-meti'] as const;

const conditionsFor: Record<'Designation' | 'ThreatEntry', fc.Arbitrary<Grant['conditions']>> = {
  Designation: fc.oneof(
    fc.constant({}),
    fc.record({ status: fc.subarray(['ACTIVE', 'DELISTED']) }),
    fc.record({ program: fc.subarray(['IRAN', 'SDGT', 'DPRK']) }),
    fc.record({ subjectType: fc.subarray(['ENTITY', 'VESSEL'], { minLength: 1 }), program: fc.subarray(['IRAN', 'SDGT'], { minLength: 1 }) }),
  ),
  ThreatEntry: fc.oneof(
    fc.constant({}),
    fc.record({ status: fc.subarray(['ACTIVE', 'RETIRED'], { minLength: 1 }) }),
    fc.record({ kind: fc.subarray(['RED_FLAG', 'TYPOLOGY'], { minLength: 1 }), status: fc.subarray(['ACTIVE', 'DRAFT'], { minLength: 1 }) }),
  ),
};

const agreementArbitrary = (type: 'Designation' | 'ThreatEntry'): fc.Arbitrary<Agreement> =>
  fc.record({
    id: fc.uuid(),
    title: fc.constant('t'),
    reshareHops: fc.constant(0),
    grantor: fc.constantFrom(...AGENCIES),
    grantees: fc.subarray([...AGENCIES], { minLength: 1 }),
    purposes: fc.constant(['sanctions-screening']),
    validFrom: fc.constant(new Date('2026-01-01')),
    validUntil: fc.constant(null),
    revokedAt: fc.constant(null),
    grants: fc.array(
      fc.record({
        type: fc.constant(type),
        fields: fc.constant(new Set<string>(ALWAYS_RELEASED)),
        ceiling: fc.constantFrom<Marking>(...MARKINGS),
        conditions: conditionsFor[type],
      }),
      { minLength: 1, maxLength: 3 },
    ),
  });

describe('row-level security', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
    await givenAgencies(db);
    const designationRows = [];
    const threatRows = [];
    for (const owner of AGENCIES)
      for (const marking of MARKINGS)
        for (const releasableTo of [null, ['gb-ofsi'], ['de-bafa', 'jp-meti']]) {
          for (const status of ['ACTIVE', 'DELISTED'] as const)
            for (const programs of [['IRAN'], ['SDGT', 'DPRK'], []])
              designationRows.push({
                ownerAgencyId: owner, marking, releasableTo, status, programs,
                subjectType: programs.length === 0 ? ('VESSEL' as const) : ('ENTITY' as const),
                primaryName: `${owner} ${marking}`, primaryNameNormalized: `${owner} ${marking}`.toLowerCase(),
              });
          for (const status of ['ACTIVE', 'DRAFT', 'RETIRED'] as const)
            for (const kind of ['RED_FLAG', 'TYPOLOGY'] as const)
              threatRows.push({ ownerAgencyId: owner, marking, releasableTo, status, kind, title: 't', description: 'd' });
        }
    await db.insert(designations).values(designationRows);
    await db.insert(threatEntries).values(threatRows);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  /**
   * As the request of the caller `access` decides for: the request role with its settings.
   * Awaited inside the scope: a query builder runs when awaited, not when built.
   */
  const asCaller = <T>(access: AccessDecision, work: () => PromiseLike<T>) => runInRequestScope({ caller: callerSettings(access) }, async () => await work());
  const noGrants = (agency: string) => decideAccess(agency, [], NOW);
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

  const tables = {
    Designation: { table: designations, columns: DESIGNATION_ACCESS_COLUMNS },
    ThreatEntry: { table: threatEntries, columns: THREAT_ENTRY_ACCESS_COLUMNS },
  } satisfies Partial<Record<RecordType, { table: typeof designations | typeof threatEntries; columns: AccessColumns }>>;

  for (const type of ['Designation', 'ThreatEntry'] as const) {
    it(`selects exactly the ${type} rows visibleRecords selects, with no filter in the query`, async () => {
      const { table, columns } = tables[type];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...AGENCIES), fc.array(agreementArbitrary(type), { maxLength: 4 }), async (agency, agreements) => {
          const access = decideAccess(agency, agreements, NOW);
          const byPolicies = await asCaller(access, () => db.select({ id: table.id }).from(table));
          const byFilter = await db.select({ id: table.id }).from(table).where(visibleRecords(access, type, columns));
          expect(ids(byPolicies)).toEqual(ids(byFilter));
        }),
        { numRuns: database.kind === 'pglite' ? 40 : 60 },
      );
    });
  }

  it('runs requests as a role that neither owns the tables nor bypasses row security, and the hub as the owner', async () => {
    const [role] = await asCaller(noGrants('gb-ofsi'), () =>
      queryRows<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean; owner: string; agency: string }>(db, sql`
        select current_user, r.rolsuper, r.rolbypassrls, t.tableowner as owner, current_setting('interlock.agency') as agency
        from pg_roles r, pg_tables t where r.rolname = current_user and t.tablename = 'designations'`),
    );
    expect(role).toEqual({ current_user: REQUEST_ROLE, rolsuper: false, rolbypassrls: false, owner: expect.not.stringMatching(REQUEST_ROLE), agency: 'gb-ofsi' });
    const [hub] = await queryRows<{ current_user: string }>(db, sql`select current_user`);
    expect(hub!.current_user).toBe(role!.owner);
  });

  it('returns nothing of another agency when a repository forgets its filter, or raw SQL has none', async () => {
    class ForgetfulRepository extends DesignationRepository {
      protected override visibleTo(): SQL {
        return sql`true`;
      }
    }
    const access = noGrants('gb-ofsi');
    const page = await asCaller(access, () => new ForgetfulRepository(db).findPage(access, {}, { afterId: null, limit: 1000 }));
    expect(page.length).toBeGreaterThan(0);
    expect(new Set(page.map((row) => row.ownerAgencyId))).toEqual(new Set(['gb-ofsi']));
    const all = await asCaller(access, () => queryRows<{ owner_agency_id: string }>(db, sql`select owner_agency_id from designations`));
    expect(new Set(all.map((row) => row.owner_agency_id))).toEqual(new Set(['gb-ofsi']));
    const counted = await asCaller(access, () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from threat_entries where owner_agency_id <> 'gb-ofsi'`));
    expect(counted[0]!.n).toBe(0);
    // Inside a transaction of the request as well, and for a caller without a token: nothing at all.
    const inTransaction = await asCaller(access, () => db.transaction((tx) => tx.select({ owner: designations.ownerAgencyId }).from(designations)));
    expect(new Set(inTransaction.map((row) => row.owner))).toEqual(new Set(['gb-ofsi']));
    const anonymous = await runInRequestScope({ caller: ANONYMOUS_CALLER }, async () => await db.select({ id: designations.id }).from(designations));
    expect(anonymous).toEqual([]);
  });

  it("refuses writes to another agency's records, seen or unseen, and lets the hub make them on the caller's behalf", async () => {
    const greenOfOfac = decideAccess('gb-ofsi', [{
      id: 'a', title: 't', grantor: 'us-ofac', grantees: ['gb-ofsi'], purposes: ['p'], validFrom: new Date('2026-01-01'), validUntil: null, revokedAt: null, reshareHops: 0,
      grants: [{ type: 'Designation', fields: new Set(ALWAYS_RELEASED), ceiling: 'GREEN', conditions: {} }],
    }], NOW);
    const [seen] = await db.select().from(designations).where(sql`${designations.ownerAgencyId} = 'us-ofac' and ${designations.marking} = 'GREEN' and ${designations.releasableTo} is null`).limit(1);
    const [unseen] = await db.select().from(designations).where(sql`${designations.ownerAgencyId} = 'us-ofac' and ${designations.marking} = 'AMBER'`).limit(1);
    const rename = (id: string) => db.update(designations).set({ remarks: 'overwritten' }).where(eq(designations.id, id)).returning({ id: designations.id });

    // Visible to the partner, but not its own: the database refuses the new row.
    await expect(asCaller(greenOfOfac, () => rename(seen!.id))).rejects.toSatisfy((error) => sqlState(error) === '42501');
    // Not visible: there is nothing to update or delete.
    expect(await asCaller(greenOfOfac, () => rename(unseen!.id))).toEqual([]);
    expect(await asCaller(greenOfOfac, () => db.delete(designations).where(eq(designations.id, seen!.id)).returning({ id: designations.id }))).toEqual([]);
    // Nor may it create a record in another agency's name.
    await expect(
      asCaller(greenOfOfac, () => db.insert(designations).values({ ownerAgencyId: 'us-ofac', status: 'ACTIVE', subjectType: 'ENTITY', primaryName: 'forged', primaryNameNormalized: 'forged' })),
    ).rejects.toSatisfy((error) => sqlState(error) === '42501');
    const [still] = await db.select({ remarks: designations.remarks }).from(designations).where(eq(designations.id, seen!.id));
    expect(still!.remarks).not.toBe('overwritten');

    // Its own records it writes as before; an effect the hub makes for it is explicit, then its rights return.
    const [own] = await db.select().from(designations).where(eq(designations.ownerAgencyId, 'gb-ofsi')).limit(1);
    expect(await asCaller(greenOfOfac, () => rename(own!.id))).toEqual([{ id: own!.id }]);
    const made = await asCaller(greenOfOfac, () =>
      db.transaction(async (tx) => {
        const written = await withHubRights(tx, () => tx.update(designations).set({ remarks: 'by the hub' }).where(eq(designations.id, unseen!.id)).returning({ id: designations.id }));
        const [after] = await queryRows<{ current_user: string }>(tx, sql`select current_user`);
        return { written, role: after!.current_user };
      }),
    );
    expect(made).toEqual({ written: [{ id: unseen!.id }], role: REQUEST_ROLE });
  });

  it("never carries a request's agency into another statement on a pooled connection", async () => {
    const agencies = Array.from({ length: 40 }, (_, i) => AGENCIES[i % AGENCIES.length]!);
    const answers = await Promise.all(
      agencies.map((agency, i) =>
        i % 3 === 2
          ? queryRows<{ agency: string | null; role: string }>(db, sql`select current_setting('interlock.agency', true) as agency, current_user as role`)
          : asCaller(noGrants(agency), () => queryRows<{ agency: string | null; role: string }>(db, sql`select current_setting('interlock.agency', true) as agency, current_user as role`)),
      ),
    );
    answers.forEach(([answer], i) => {
      if (i % 3 === 2) {
        expect(answer!.agency ?? '').toBe('');
        expect(answer!.role).not.toBe(REQUEST_ROLE);
      } else {
        expect(answer).toEqual({ agency: agencies[i], role: REQUEST_ROLE });
      }
    });
  });
});


describe('row-level security behind the hub', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    await givenAgencies(hub.db);
  });
  afterAll(() => hub?.stop());

  const LIST = '{ designations(first: 10) { totalCount edges { node { id primaryName } } } }';
  const CREATE = 'mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }';

  it("answers every request as the caller's role: with the policies narrowed, even the owner's filter finds nothing", async () => {
    const created = await hub.graphql<{ createDesignation: { id: string } }>(CREATE, {
      input: { subjectType: 'ENTITY', primaryName: 'Walled Trading LLC', programs: ['IRAN'], legalBasis: 'EO 13846', rationale: 'r' },
    });
    expect(created.errors).toBeUndefined();
    const before = await hub.graphql<{ designations: { totalCount: number } }>(LIST);
    expect(before.data!.designations.totalCount).toBe(1);

    // The application filter still releases the owner's record; only the database's rule changed.
    await hub.db.execute(sql`ALTER POLICY designations_visible ON designations USING (false)`);
    const after = await hub.graphql<{ designations: { totalCount: number; edges: unknown[] } }>(LIST);
    expect(after.data!.designations).toEqual({ totalCount: 0, edges: [] });
    const lookup = await hub.graphql(`{ designation(id: "${created.data!.createDesignation.id}") { id } }`);
    expect(errorCodes(lookup)).toEqual(['NOT_FOUND']);
    // The hub's own connection, outside any request, is the owner's: not subject to the policies.
    expect(await hub.db.select({ id: designations.id }).from(designations)).toHaveLength(1);
  });
});
