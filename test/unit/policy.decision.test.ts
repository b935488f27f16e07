import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKINGS, type Marking } from '../../src/db/schema/columns.ts';
import { isActive, type Agreement, type Grant } from '../../src/policy/agreement.ts';
import { ALWAYS_RELEASED, CATALOGUE, RECORD_TYPES, type RecordType } from '../../src/policy/catalogue.ts';
import { attributeValues, decideAccess } from '../../src/policy/decision.ts';
import { aDesignationRecord, anAgreement } from '../support/builders.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const AGENCIES = ['us-ofac', 'gb-ofsi', 'de-bafa', 'jp-meti'] as const;

const grant = (type: RecordType, fields: string[], ceiling: Marking = 'AMBER', conditions: Grant['conditions'] = {}): Grant => ({
  type,
  fields: new Set([...ALWAYS_RELEASED, ...fields]),
  ceiling,
  conditions,
});
const designation = aDesignationRecord;

describe('the decision rule', () => {
  const shared = anAgreement({ grants: [grant('Designation', ['primaryName', 'aliases'])] });

  it('shows the owner every field of its own records, whatever the marking', () => {
    const fields = decideAccess('us-ofac', [], NOW).releasedFields('Designation', designation({ marking: 'RED' }));
    expect([...fields!].sort()).toEqual([...CATALOGUE.Designation.fields].sort());
  });

  it('releases exactly the granted fields plus id, owner and marking to a grantee', () => {
    const fields = decideAccess('gb-ofsi', [shared], NOW).releasedFields('Designation', designation());
    expect([...fields!].sort()).toEqual(['aliases', 'id', 'marking', 'owner', 'primaryName']);
  });

  it('releases nothing, not even existence, without an agreement', () => {
    expect(decideAccess('de-bafa', [shared], NOW).releasedFields('Designation', designation())).toBeNull();
    expect(decideAccess('gb-ofsi', [shared], NOW).releasedFields('ThreatEntry', designation())).toBeNull();
  });

  it('never releases TLP:RED beyond its owner', () => {
    const generous = anAgreement({ grants: [grant('Designation', ['primaryName'], 'AMBER_STRICT')] });
    expect(decideAccess('gb-ofsi', [generous], NOW).releasedFields('Designation', designation({ marking: 'RED' }))).toBeNull();
  });

  it('withholds a record marked above the ceiling', () => {
    const decision = decideAccess('gb-ofsi', [shared], NOW);
    expect(decision.releasedFields('Designation', designation({ marking: 'AMBER' }))).not.toBeNull();
    expect(decision.releasedFields('Designation', designation({ marking: 'AMBER_STRICT' }))).toBeNull();
  });

  it('honours releasability', () => {
    const decision = decideAccess('gb-ofsi', [shared], NOW);
    expect(decision.releasedFields('Designation', designation({ releasableTo: ['gb-ofsi'] }))).not.toBeNull();
    expect(decision.releasedFields('Designation', designation({ releasableTo: ['de-bafa'] }))).toBeNull();
    expect(decision.releasedFields('Designation', designation({ releasableTo: [] }))).toBeNull();
  });

  it('applies only agreements in force: not before validFrom, not after validUntil, not once revoked', () => {
    const cases: [Partial<Agreement>, boolean][] = [
      [{ validFrom: new Date('2027-01-01') }, false],
      [{ validUntil: new Date('2026-11-01') }, false],
      [{ validUntil: new Date('2026-11-24') }, true],
      [{ revokedAt: new Date('2026-11-01') }, false],
      [{ revokedAt: new Date('2026-12-01') }, true],
    ];
    for (const [terms, visible] of cases) {
      const a = anAgreement({ ...terms, grants: [...shared.grants] });
      expect(decideAccess('gb-ofsi', [a], NOW).releasedFields('Designation', designation()) !== null).toBe(visible);
    }
  });

  it('applies conditions: a status-limited grant releases only matching records', () => {
    const activeOnly = anAgreement({ grants: [grant('Designation', ['primaryName'], 'AMBER', { status: ['ACTIVE'] })] });
    const decision = decideAccess('gb-ofsi', [activeOnly], NOW);
    expect(decision.releasedFields('Designation', designation({ status: 'ACTIVE' }))).not.toBeNull();
    expect(decision.releasedFields('Designation', designation({ status: 'DELISTED' }))).toBeNull();
  });

  it('unites the fields of every covering grant, and only of covering ones', () => {
    const a = anAgreement({
      grants: [
        grant('Designation', ['primaryName'], 'AMBER'),
        grant('Designation', ['rationale'], 'GREEN'),
        grant('Designation', ['legalBasis'], 'AMBER', { program: ['IRAN'] }),
      ],
    });
    const decision = decideAccess('gb-ofsi', [a], NOW);
    expect(decision.releasedFields('Designation', designation({ marking: 'GREEN' }))).toEqual(
      new Set([...ALWAYS_RELEASED, 'primaryName', 'rationale']),
    );
    expect(decision.releasedFields('Designation', designation({ marking: 'AMBER', programs: ['SDGT', 'IRAN'] }))).toEqual(
      new Set([...ALWAYS_RELEASED, 'primaryName', 'legalBasis']),
    );
  });

  it('decides each field of a record with one lookup after the first', () => {
    const decision = decideAccess('gb-ofsi', [shared], NOW);
    const record = designation();
    expect(decision.isFieldReleased('Designation', record, 'primaryName')).toBe(true);
    expect(decision.isFieldReleased('Designation', record, 'rationale')).toBe(false);
  });
});

// Property: a field reaches a non-owner only if some agreement in force from the owner to
// it covers the type, marking (never RED), releasability, conditions and that field.
describe('the decision rule, for any agreements and records', () => {
  const marking = fc.constantFrom(...MARKINGS);
  const agency = fc.constantFrom(...AGENCIES);
  const type = fc.constantFrom(...RECORD_TYPES);
  const date = fc.date({ min: new Date('2025-01-01'), max: new Date('2028-01-01'), noInvalidDate: true });
  const grantArb = type.chain((t) =>
    fc.record({
      type: fc.constant(t),
      fields: fc.subarray([...CATALOGUE[t].fields]).map((f) => new Set([...ALWAYS_RELEASED, ...f])),
      ceiling: fc.constantFrom<Marking>('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT'),
      conditions: fc.option(fc.record({ status: fc.subarray(['ACTIVE', 'DELISTED', 'PROVISIONAL', 'DRAFT', 'RETIRED']) }), { nil: undefined }).map((c) => c ?? {}),
    }),
  );
  const agreementArb = fc.record({
    id: fc.string(),
    title: fc.constant('t'),
    grantor: agency,
    grantees: fc.subarray([...AGENCIES], { minLength: 1 }),
    purposes: fc.constant(['licensing']),
    validFrom: date,
    validUntil: fc.option(date, { nil: null }),
    revokedAt: fc.option(date, { nil: null }),
    grants: fc.array(grantArb, { maxLength: 4 }),
    reshareHops: fc.constant(0),
  });
  const recordArb = fc.record({
    ownerAgencyId: agency,
    marking,
    releasableTo: fc.option(fc.subarray([...AGENCIES]), { nil: null }),
    status: fc.constantFrom('ACTIVE', 'DELISTED', 'PROVISIONAL', 'DRAFT', 'RETIRED'),
    programs: fc.subarray(['SDGT', 'IRAN']),
    kind: fc.constant('RED_FLAG'),
  });

  it('never releases a field without a covering agreement in force', () => {
    fc.assert(
      fc.property(fc.array(agreementArb, { maxLength: 5 }), agency, type, recordArb, date, (agreements, caller, t, record, now) => {
        const released = decideAccess(caller, agreements, now).releasedFields(t, record);
        if (record.ownerAgencyId === caller) {
          expect(released).toEqual(new Set(CATALOGUE[t].fields));
          return;
        }
        const covering = agreements
          .filter((a) => a.grantor === record.ownerAgencyId && a.grantees.includes(caller) && isActive(a, now))
          .flatMap((a) => a.grants)
          .filter(
            (g) =>
              g.type === t &&
              record.marking !== 'RED' &&
              MARKINGS.indexOf(record.marking) <= MARKINGS.indexOf(g.ceiling) &&
              (record.releasableTo === null || record.releasableTo.includes(caller)) &&
              Object.entries(g.conditions as Grant['conditions']).every(([attr, values]) => attributeValues(t, attr, record).some((v) => values.includes(v))),
          );
        if (covering.length === 0) {
          expect(released).toBeNull();
          return;
        }
        expect(released).toEqual(new Set(covering.flatMap((g) => [...g.fields])));
        for (const field of released ?? []) {
          expect(covering.some((g) => g.fields.has(field))).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('never releases a RED record to anyone but its owner', () => {
    fc.assert(
      fc.property(fc.array(agreementArb, { maxLength: 5 }), agency, type, recordArb, (agreements, caller, t, record) => {
        fc.pre(record.ownerAgencyId !== caller);
        expect(decideAccess(caller, agreements, NOW).releasedFields(t, { ...record, marking: 'RED' })).toBeNull();
      }),
    );
  });

  it('removing an agreement never releases more', () => {
    fc.assert(
      fc.property(fc.array(agreementArb, { minLength: 1, maxLength: 5 }), agency, type, recordArb, (agreements, caller, t, record) => {
        const all = decideAccess(caller, agreements, NOW).releasedFields(t, record) ?? new Set();
        const fewer = decideAccess(caller, agreements.slice(1), NOW).releasedFields(t, record) ?? new Set();
        for (const field of fewer) expect(all.has(field)).toBe(true);
      }),
    );
  });
});
