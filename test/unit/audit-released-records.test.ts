/** What a request's audit entry says it released: pure, from the field mask's reports and the caller's decision. */
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
});
