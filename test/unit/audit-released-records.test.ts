/** What a request's audit entry says it released: pure, from the field mask's reports and the caller's decision. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS_RELEASED } from '../../src/policy/catalogue.ts';
import { decideAccess, type ShareableRecord } from '../../src/policy/decision.ts';
import { RequestAudit } from '../../src/modules/audit/request-audit.ts';
import { aDesignationRecord, anAgreement } from '../support/builders.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const designation = (id: string, overrides: Partial<ShareableRecord> = {}) => aDesignationRecord({ id, ...overrides });
const identity = anAgreement({ id: 'identity', grants: [{ type: 'Designation', fields: new Set([...ALWAYS_RELEASED, 'primaryName', 'aliases']), ceiling: 'AMBER', conditions: {} }] });
const vessels = anAgreement({
  id: 'vessels',
  grants: [{ type: 'Designation', fields: new Set([...ALWAYS_RELEASED, 'primaryName']), ceiling: 'AMBER', conditions: { subjectType: ['VESSEL'] } }],
});

describe('the records an audit entry says were released', () => {
  it('counts a record reached twice once, with every field either reach released', () => {
    const audit = new RequestAudit();
    const first = designation('d-2');
    const again = designation('d-2');
    for (const field of ['id', 'primaryName']) audit.released('Designation', first, field);
    for (const field of ['aliases', 'id']) audit.released('Designation', again, field);
    expect(audit.releasedRecords(decideAccess('gb-ofsi', [identity], NOW))).toEqual([
      { type: 'Designation', owner: 'us-ofac', fields: ['aliases', 'id', 'primaryName'], agreements: ['identity'], ids: ['d-2'] },
    ]);
  });

  it('groups records by fields and releasing agreements whatever order the fields were asked in, ids sorted', () => {
    const audit = new RequestAudit();
    const asked = (record: ShareableRecord, fields: string[]) => fields.forEach((field) => audit.released('Designation', record, field));
    asked(designation('d-3'), ['primaryName', 'id']);
    asked(designation('d-1'), ['id', 'primaryName']);
    asked(designation('v-1', { subjectType: 'VESSEL' }), ['id', 'primaryName']);
    asked(designation('d-0'), ['id', 'aliases']);
    expect(audit.releasedRecords(decideAccess('gb-ofsi', [identity, vessels], NOW))).toEqual([
      { type: 'Designation', owner: 'us-ofac', fields: ['aliases', 'id'], agreements: ['identity'], ids: ['d-0'] },
      { type: 'Designation', owner: 'us-ofac', fields: ['id', 'primaryName'], agreements: ['identity'], ids: ['d-1', 'd-3'] },
      { type: 'Designation', owner: 'us-ofac', fields: ['id', 'primaryName'], agreements: ['identity', 'vessels'], ids: ['v-1'] },
    ]);
  });

  it('gives the grouping a plain reading of the reports gives, however records of different groups interleave', () => {
    const access = decideAccess('gb-ofsi', [identity, vessels], NOW);
    const report = fc.record({
      id: fc.integer({ min: 0, max: 5 }),
      copy: fc.boolean(),
      // Few orders, so that records of different owners or agreements often walk the same shape.
      fields: fc.constantFrom<string[]>(['id', 'primaryName'], ['primaryName', 'id'], ['id', 'aliases'], ['programs']),
    });
    // Six records: three owners, people and vessels; a report may reach a record through a second object.
    const recordOf = (id: number) => designation(`d-${id}`, { ownerAgencyId: ['us-ofac', 'gb-ofsi', 'eu-fpi'][id % 3]!, subjectType: id % 2 ? 'VESSEL' : 'INDIVIDUAL' });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 40 }), (reports) => {
        const audit = new RequestAudit();
        const objects = new Map<string, ShareableRecord>();
        const fieldsById = new Map<number, Set<string>>();
        for (const { id, copy, fields } of reports) {
          const key = `${id}/${copy}`;
          if (!objects.has(key)) objects.set(key, recordOf(id));
          for (const field of fields) audit.released('Designation', objects.get(key)!, field);
          fieldsById.set(id, new Set([...(fieldsById.get(id) ?? []), ...fields]));
        }
        const expected = new Map<string, { type: string; owner: string; fields: string[]; agreements: string[]; ids: string[] }>();
        for (const [id, fieldSet] of fieldsById) {
          const record = recordOf(id);
          const fields = [...fieldSet].sort();
          const agreements = access.releasingAgreements('Designation', record, fields);
          const key = JSON.stringify([record.ownerAgencyId, fields, agreements]);
          const group = expected.get(key) ?? { type: 'Designation', owner: record.ownerAgencyId, fields, agreements: [...agreements], ids: [] };
          group.ids.push(String(record.id));
          expected.set(key, group);
        }
        const sorted = [...expected.values()]
          .map((group) => ({ ...group, ids: group.ids.sort() }))
          .sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : a.ids[0]! < b.ids[0]! ? -1 : 1));
        expect(audit.releasedRecords(access)).toEqual(sorted);
      }),
      { numRuns: 500 },
    );
  });
});
