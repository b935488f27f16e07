/**
 * `_entities` resolved without a server or database: every representation of one type in one
 * request is one fetch of visible rows, and what comes back is released by the same field mask
 * as any query. (Over HTTP, with a gateway and the real SQL filter: test/integration/federation.test.ts.)
 */
import { graphql } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { buildInterlockSubgraph } from '../../src/app/subgraph.ts';
import { childrenLoader } from '../../src/kernel/loaders.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { parseAgreement } from '../../src/policy/agreement-files.ts';
import { decideAccess } from '../../src/policy/decision.ts';
import { enforceFieldRules } from '../../src/policy/field-rules.ts';
import type { Viewer } from '../../src/policy/viewer.ts';

const APPLICATION = '5b0c2a36-0d5e-4c8e-9a43-2f4f3f1f0a01';
const HIDDEN_APPLICATION = '5b0c2a36-0d5e-4c8e-9a43-2f4f3f1f0a02';
const designationIds = ['1b0c2a36-0d5e-4c8e-9a43-2f4f3f1f0a01', '1b0c2a36-0d5e-4c8e-9a43-2f4f3f1f0a02', '1b0c2a36-0d5e-4c8e-9a43-2f4f3f1f0a03'];

const shared = { ownerAgencyId: 'us-ofac', marking: 'GREEN', releasableTo: null, version: 1 };
const designation = (id: string) => ({ ...shared, id, primaryName: `Listed ${id.slice(-2)}`, rationale: 'why', status: 'ACTIVE', programs: ['NPWMD'] });
const application = (id: string, owner: string) => ({ ...shared, id, ownerAgencyId: owner, applicantName: 'Exporter', state: 'DRAFT', destinationCountry: 'AZ' });
const party = (applicationId: string, position: number) => ({ applicationId, position, role: 'CONSIGNEE', name: `Party ${position}`, country: 'AZ', address: null, identifiers: [] });

const agreements = [
  parseAgreement(
    { id: 'names', title: 'names', grantor: 'us-ofac', grantees: ['gb-ofsi'], purposes: ['licensing'], validFrom: '2026-01-01', ceiling: 'AMBER', grants: [{ type: 'Designation', fields: ['identity'] }] },
    'names',
  ),
  parseAgreement(
    { id: 'parties', title: 'parties', grantor: 'de-bafa', grantees: ['gb-ofsi'], purposes: ['licensing'], validFrom: '2026-01-01', ceiling: 'AMBER', grants: [{ type: 'LicenseApplication', fields: ['summary', 'parties'] }] },
    'parties',
  ),
];

/** Services whose fetches count their calls and return what the row filter would: the visible rows. */
function context() {
  const access = decideAccess('gb-ofsi', agreements, new Date());
  const viewer: Viewer = { caller: { agencyId: 'gb-ofsi', userId: 'u', roles: ['analyst'] } as Viewer['caller'], access };
  const visible = <Row extends { id: string }>(rows: Row[], type: 'Designation' | 'LicenseApplication') => (_viewer: Viewer, ids: readonly string[]) =>
    Promise.resolve(rows.filter((row) => ids.includes(row.id) && access.releasedFields(type, row as never) !== null));
  const designations = { visibleByIds: vi.fn(visible(designationIds.map(designation), 'Designation')) };
  const partiesOf = vi.fn(async (ids: readonly string[]) => ids.flatMap((id) => [party(id, 0), party(id, 1)]));
  const licenses = {
    visibleByIds: vi.fn(visible([application(APPLICATION, 'de-bafa'), application(HIDDEN_APPLICATION, 'jp-meti')], 'LicenseApplication')),
    createLoaders: () => ({ parties: childrenLoader(partiesOf, (row) => row.applicationId) }),
  };
  const ctx = { requestId: 'r', viewer, log: pino({ level: 'silent' }), services: { designations, licenses }, memo: new Map() } as unknown as AppContext;
  return { ctx, designations, licenses, partiesOf };
}

const QUERY = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Designation { id primaryName rationale }
    ... on LicenseParty { id name }
  }
}`;

describe('federated entity references', () => {
  it('load every representation of a type with one fetch of visible rows, and mask their fields like any query', async () => {
    const schema = enforceFieldRules(await buildInterlockSubgraph());
    const { ctx, designations, licenses, partiesOf } = context();
    const representations = [
      ...designationIds.map((id) => ({ __typename: 'Designation', id })),
      { __typename: 'LicenseParty', id: `${APPLICATION}:1` },
      { __typename: 'LicenseParty', id: `${APPLICATION}:0` },
      { __typename: 'LicenseParty', id: `${HIDDEN_APPLICATION}:0` },
    ];
    const result = await graphql({ schema, source: QUERY, variableValues: { representations }, contextValue: ctx });

    expect(designations.visibleByIds).toHaveBeenCalledTimes(1);
    expect(designations.visibleByIds.mock.calls[0]![1]).toEqual(designationIds);
    expect(licenses.visibleByIds).toHaveBeenCalledTimes(1);
    expect(licenses.visibleByIds.mock.calls[0]![1]).toEqual([APPLICATION, HIDDEN_APPLICATION]);
    expect(partiesOf).toHaveBeenCalledTimes(1);
    expect(partiesOf.mock.calls[0]![0]).toEqual([APPLICATION]);

    expect(result.data?._entities).toEqual([
      ...designationIds.map((id) => ({ id, primaryName: `Listed ${id.slice(-2)}`, rationale: null })),
      { id: `${APPLICATION}:1`, name: 'Party 1' },
      { id: `${APPLICATION}:0`, name: 'Party 0' },
      null,
    ]);
    expect(result.errors?.map((e) => [e.extensions.code, e.path?.join('.')])).toEqual(
      designationIds.map((_id, i) => ['FORBIDDEN', `_entities.${i}.rationale`]),
    );
  });
});
