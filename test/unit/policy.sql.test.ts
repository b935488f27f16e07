/**
 * The SQL forms of the decision rule agree with the rule itself: `releasedField` selects exactly
 * the rows whose field `isFieldReleased` says is released, and `visibleRecords` exactly the rows
 * `releasedFields` releases at all (which is `releasedField` of an always-released field).
 */
import fc from 'fast-check';
import { and, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKINGS, type Marking } from '../../src/db/schema/columns.ts';
import { designations, type DesignationRow } from '../../src/db/schema/index.ts';
import { DESIGNATION_ACCESS_COLUMNS } from '../../src/modules/designations/designation.repository.ts';
import type { Agreement, Grant } from '../../src/policy/agreement.ts';
import { ALWAYS_RELEASED, CATALOGUE } from '../../src/policy/catalogue.ts';
import { decideAccess } from '../../src/policy/decision.ts';
import { releasedField, visibleRecords, whereReleased } from '../../src/policy/sql.ts';
import { givenAgencies } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const AGENCIES = ['us-ofac', 'gb-ofsi', 'de-bafa', 'jp-meti'] as const;
const CALLER = 'gb-ofsi';
const FIELDS = CATALOGUE.Designation.fields;

const grantArbitrary: fc.Arbitrary<Grant> = fc.record({
  type: fc.constant('Designation' as const),
  fields: fc.subarray([...FIELDS]).map((fields) => new Set([...ALWAYS_RELEASED, ...fields])),
  ceiling: fc.constantFrom<Marking>('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT'),
  conditions: fc.oneof(
    fc.constant({}),
    fc.record({ status: fc.subarray(['ACTIVE', 'DELISTED'], { minLength: 1 }) }),
    fc.record({ program: fc.subarray(['IRAN', 'SDGT'], { minLength: 1 }) }),
  ),
});
const agreementArbitrary: fc.Arbitrary<Agreement> = fc.record({
  id: fc.uuid(),
  title: fc.constant('t'),
  reshareHops: fc.constant(0),
  grantor: fc.constantFrom(...AGENCIES),
  grantees: fc.constant([CALLER]),
  purposes: fc.constant(['sanctions-screening']),
  validFrom: fc.constant(new Date('2026-01-01')),
  validUntil: fc.constant(null),
  revokedAt: fc.constant(null),
  grants: fc.array(grantArbitrary, { minLength: 1, maxLength: 3 }),
});

describe('the decision rule in SQL', () => {
  let database: TestDatabase;
  let rows: DesignationRow[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.handle.db;
    await givenAgencies(db);
    const values = [];
    for (const owner of AGENCIES)
      for (const marking of MARKINGS)
        for (const releasableTo of [null, [CALLER], ['de-bafa']])
          for (const status of ['ACTIVE', 'DELISTED'] as const)
            for (const programs of [['IRAN'], ['SDGT']]) {
              values.push({ ownerAgencyId: owner, marking, releasableTo, status, programs, subjectType: 'ENTITY' as const, primaryName: 'x', primaryNameNormalized: 'x' });
            }
    rows = await db.insert(designations).values(values).returning();
  });

  afterAll(async () => {
    await database?.dispose();
  });

  const selected = async (condition: ReturnType<typeof sql>) => {
    const found = await database.handle.db
      .select({ id: designations.id })
      .from(designations)
      .where(and(inArray(designations.id, rows.map((r) => r.id)), condition));
    return found.map((r) => r.id).sort();
  };
  const expected = (released: (row: DesignationRow) => boolean) =>
    rows.filter(released).map((r) => r.id).sort();

  it('releasedField selects exactly the rows whose field the decision releases', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(agreementArbitrary, { maxLength: 3 }), fc.constantFrom(...FIELDS), async (agreements, field) => {
        const access = decideAccess(CALLER, agreements, NOW);
        const inSql = await selected(releasedField(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, field));
        expect(inSql).toEqual(expected((row) => access.isFieldReleased('Designation', row, field)));
      }),
      { numRuns: 60 },
    );
  });

  it('visibleRecords is releasedField of an always-released field, and selects the records released at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(agreementArbitrary, { maxLength: 3 }), async (agreements) => {
        const access = decideAccess(CALLER, agreements, NOW);
        const visible = await selected(visibleRecords(access, 'Designation', DESIGNATION_ACCESS_COLUMNS));
        expect(visible).toEqual(expected((row) => access.releasedFields('Designation', row) !== null));
        expect(await selected(releasedField(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, 'id'))).toEqual(visible);
      }),
      { numRuns: 30 },
    );
  });

  it('whereReleased is the condition where the field is released, and false where it is withheld', async () => {
    const access = decideAccess(
      CALLER,
      [{ id: 'a', title: 't', grantor: 'us-ofac', grantees: [CALLER], purposes: ['p'], validFrom: new Date('2026-01-01'), validUntil: null, revokedAt: null, reshareHops: 0,
        grants: [{ type: 'Designation', fields: new Set([...ALWAYS_RELEASED, 'primaryName']), ceiling: 'AMBER', conditions: {} }] }],
      NOW,
    );
    const active = sql`${designations.status} = 'ACTIVE'`;
    const byStatus = await selected(whereReleased(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, 'status', active));
    // Only the caller's own rows release `status` to it.
    expect(byStatus).toEqual(expected((row) => row.ownerAgencyId === CALLER && row.status === 'ACTIVE'));
    expect(() => releasedField(access, 'Designation', DESIGNATION_ACCESS_COLUMNS, 'noSuchField')).toThrow(/no field/);
  });
});
