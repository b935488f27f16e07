/**
 * The hub as a federation subgraph: composed from its checked-in SDL with a customs service
 * that references license parties, designations and agencies by id, served by a gateway that
 * forwards each caller's token. Through the gateway, and through `_entities` asked directly,
 * every entity is the door the hub's own queries are: an entity the caller may not see is null
 * like an unknown id, a withheld field is null with FORBIDDEN at its path, and what is released
 * is exactly what the hub answers the same caller itself.
 *
 * @apollo/gateway does not null an entity a subgraph answered null: it keeps the referencing
 * service's stub (the key that service holds itself) and nulls the object only when a non-null
 * field of it is missing. `marking` travels with every released record, so it is non-null on
 * every record type: an entity the hub does not release comes back null through the gateway,
 * exactly like an unknown id, with nothing from the hub and no error.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPRESENTATIONS } from '../../src/app/subgraph.ts';
import { SUBGRAPH_FILE } from '../../src/cli/schema-file.ts';
import type { Role } from '../../src/auth/caller.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { CUSTOMS_TYPE_DEFS, startCustomsSubgraph, type RunningSubgraph, type Shipment } from '../support/customs-subgraph.ts';
import { composeSupergraph, startGateway, type RunningGateway } from '../support/gateway.ts';
import { errorCodes, startTestHub, type As, type GraphQLResponse, type TestHub } from '../support/hub.ts';

type Caller = { agency: string; roles: Role[] };
const OFAC: Caller = { agency: 'us-ofac', roles: ['analyst'] };
const BAFA: Caller = { agency: 'de-bafa', roles: ['analyst', 'licensing_officer'] };
const OFSI: Caller = { agency: 'gb-ofsi', roles: ['analyst'] };
const METI: Caller = { agency: 'jp-meti', roles: ['analyst'] };

const agreement = (id: string, grantor: string, grantee: string, ceiling: 'GREEN' | 'AMBER', grants: AgreementFile['grants']): AgreementFile => ({
  id,
  title: id,
  grantor,
  grantees: [grantee],
  purposes: ['sanctions-screening'],
  validFrom: '2026-01-01',
  ceiling,
  grants,
});

/** OFSI and METI have different agreements with both owners. */
const AGREEMENTS: AgreementFile[] = [
  agreement('ofac-active-watchlist-to-ofsi', 'us-ofac', 'gb-ofsi', 'AMBER', [
    { type: 'Designation', fields: ['identity', 'listing'], where: { status: ['ACTIVE'] } },
  ]),
  agreement('ofac-green-names-to-meti', 'us-ofac', 'jp-meti', 'GREEN', [{ type: 'Designation', fields: ['identity'] }]),
  agreement('bafa-summaries-to-ofsi', 'de-bafa', 'gb-ofsi', 'AMBER', [
    { type: 'LicenseApplication', fields: ['summary'] },
    { type: 'ThreatEntry', fields: ['summary'] },
    { type: 'ControlListEntry', fields: ['classification'] },
  ]),
  agreement('bafa-licenses-with-parties-to-meti', 'de-bafa', 'jp-meti', 'AMBER', [{ type: 'LicenseApplication', fields: ['summary', 'parties'] }]),
];

const DESIGNATION = 'id marking owner { id } primaryName subjectType programs status rationale aliases { name }';
const PARTY = 'id position role name country identifiers { type value }';
const AGENCY = 'id name country kind';

const SHIPMENTS_QUERY = `{
  shipments {
    id billOfLading
    declaredBy { ${AGENCY} }
    consignee { ${PARTY} }
    flaggedDesignation { ${DESIGNATION} }
  }
}`;

const ENTITIES_QUERY = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Designation { ${DESIGNATION} }
    ... on LicenseParty { ${PARTY} }
    ... on LicenseApplication { id applicantName destinationCountry parties { name } }
    ... on ThreatEntry { id title kind description }
    ... on ControlListEntry { id classificationCode title description }
    ... on Agency { id name agencyCountry: country agencyKind: kind }
  }
}`;

type Entity = Record<string, unknown> | null;
const forbiddenPaths = (response: GraphQLResponse<unknown>) =>
  (response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path?.join('.'));

describe('the hub as a federation subgraph', () => {
  let hub: TestHub;
  let customs: RunningSubgraph;
  let gateway: RunningGateway;
  const ids = {} as Record<'greenListing' | 'amberListing' | 'redListing' | 'application' | 'threat' | 'control', string>;
  let shipments: Shipment[];

  const create = async <T extends string>(mutation: T, input: Record<string, unknown>, as: As): Promise<string> => {
    const response = await hub.graphql<Record<T, { id: string }>>(`mutation($input: ${inputTypeOf(mutation)}!) { ${mutation}(input: $input) { id } }`, { input }, as);
    expect(response.errors).toBeUndefined();
    return response.data![mutation].id;
  };
  const bearer = async (as: Caller) => `Bearer ${await hub.token(as.agency, as.roles)}`;

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
    const designation = (primaryName: string, marking: string) => ({
      subjectType: 'ENTITY',
      primaryName,
      status: 'ACTIVE',
      marking,
      programs: ['NPWMD'],
      rationale: `Why ${primaryName} is listed`,
      aliases: [{ name: `${primaryName} LLC` }],
    });
    ids.greenListing = await create('createDesignation', designation('Volga Precision Machining', 'GREEN'), OFAC);
    ids.amberListing = await create('createDesignation', designation('Caspian Dual Use Trading', 'AMBER'), OFAC);
    ids.redListing = await create('createDesignation', designation('Northern Lights Procurement', 'RED'), OFAC);
    ids.application = await create(
      'createLicenseApplication',
      {
        applicantName: 'Rheinland Werkzeuge GmbH',
        applicantCountry: 'DE',
        destinationCountry: 'AZ',
        endUse: 'Machining of pump housings',
        marking: 'AMBER',
        items: [{ controlListCode: '2B001.a', description: 'Five-axis milling machine', quantity: 1 }],
        parties: [
          { role: 'END_USER', name: 'Baku Pump Works', country: 'AZ' },
          { role: 'CONSIGNEE', name: 'Caspian Freight Forwarding', country: 'AZ', identifiers: [{ type: 'COMPANY_REGISTRATION', value: 'AZ-1400123' }] },
        ],
      },
      BAFA,
    );
    ids.threat = await create('createThreatEntry', { kind: 'RED_FLAG', title: 'Freight forwarder as end user', description: 'Evidence', marking: 'GREEN' }, BAFA);
    ids.control = await create('createControlListEntry', { classificationCode: '2B001.a', title: 'Machine tools', description: 'Details', marking: 'GREEN' }, BAFA);

    shipments = [
      { id: 'S-1', billOfLading: 'HLCU-1001', declaredById: 'de-bafa', consigneeId: `${ids.application}:1`, flaggedDesignationId: ids.greenListing },
      { id: 'S-2', billOfLading: 'HLCU-1002', declaredById: 'us-ofac', consigneeId: `${ids.application}:0`, flaggedDesignationId: ids.amberListing },
      { id: 'S-3', billOfLading: 'HLCU-1003', declaredById: 'nl-douane', consigneeId: `${randomUUID()}:0`, flaggedDesignationId: ids.redListing },
      { id: 'S-4', billOfLading: 'HLCU-1004', declaredById: 'gb-ofsi', consigneeId: `${ids.application}:9`, flaggedDesignationId: randomUUID() },
    ];
    customs = await startCustomsSubgraph(shipments);
    const supergraphSdl = composeSupergraph([
      // The checked-in SDL (a unit test keeps it equal to what the hub serves), not a live fetch.
      { name: 'interlock', url: `${hub.url}/graphql`, typeDefs: parse(await fs.readFile(SUBGRAPH_FILE, 'utf8')) },
      { name: 'customs', url: customs.url, typeDefs: CUSTOMS_TYPE_DEFS },
    ]);
    gateway = await startGateway(supergraphSdl);
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await customs?.stop();
    await hub?.stop();
  });

  describe('through the gateway', () => {
    /**
     * Each shipment's hub entities as the hub answers the caller directly: the same selection
     * by id (NOT_FOUND: the caller may not see it) and its FORBIDDEN fields.
     */
    const directly = async (as: Caller, shipment: Shipment) => {
      const designation = await hub.graphql<{ designation: Entity }>(`query($id: ID!) { designation(id: $id) { ${DESIGNATION} } }`, { id: shipment.flaggedDesignationId }, as);
      const [applicationId, position] = shipment.consigneeId!.split(':');
      const application = await hub.graphql<{ licenseApplication: { parties: Entity[] | null } | null }>(
        `query($id: ID!) { licenseApplication(id: $id) { parties { ${PARTY} } } }`,
        { id: applicationId },
        as,
      );
      const agencies = await hub.graphql<{ agencies: Entity[] }>(`{ agencies { ${AGENCY} } }`, undefined, as);
      return {
        designation: designation.data?.designation ?? null,
        designationForbidden: forbiddenPaths(designation).map((p) => p!.replace(/^designation\./, '')),
        consignee: application.data?.licenseApplication?.parties?.find((p) => p!.position === Number(position)) ?? null,
        agency: agencies.data!.agencies.find((a) => a!.id === shipment.declaredById) ?? null,
      };
    };

    it.each([
      ['gb-ofsi', OFSI],
      ['jp-meti', METI],
    ] as const)('releases to %s exactly what the hub releases to it directly, field by field', async (_agency, as) => {
      const response = await gateway.graphql<{ shipments: Record<string, Entity>[] }>(SHIPMENTS_QUERY, undefined, await bearer(as));
      expect(response.data?.shipments).toHaveLength(shipments.length);
      expect(errorCodes(response).filter((code) => code !== 'FORBIDDEN')).toEqual([]);
      const gatewayForbidden = forbiddenPaths(response);
      for (const [i, shipment] of shipments.entries()) {
        const answer = response.data!.shipments[i]!;
        const expected = await directly(as, shipment);
        expect(answer.flaggedDesignation, `${shipment.id} designation`).toEqual(expected.designation);
        expect(
          gatewayForbidden.filter((p) => p!.startsWith(`shipments.${i}.flaggedDesignation.`)).map((p) => p!.replace(`shipments.${i}.flaggedDesignation.`, '')).sort(),
          `${shipment.id} designation FORBIDDEN fields`,
        ).toEqual([...expected.designationForbidden].sort());
        expect(answer.consignee, `${shipment.id} consignee`).toEqual(expected.consignee);
        expect(answer.declaredBy, `${shipment.id} declaring agency`).toEqual(expected.agency);
      }
      // Every FORBIDDEN is on a designation field: nothing else is withheld, nothing invisible is pointed at.
      expect(gatewayForbidden.every((p) => /^shipments\.\d\.flaggedDesignation\.\w+$/.test(p!))).toBe(true);
      // The gateway asked the hub with this caller's own token.
      expect(customs.authorizations.at(-1)).toBe(await bearer(as));
    });

    it('withholds field by field by each agreement: OFSI reads the listing but not the rationale, METI only GREEN names', async () => {
      const ofsi = await gateway.graphql<{ shipments: Record<string, Record<string, unknown> | null>[] }>(SHIPMENTS_QUERY, undefined, await bearer(OFSI));
      const meti = await gateway.graphql<{ shipments: Record<string, Record<string, unknown> | null>[] }>(SHIPMENTS_QUERY, undefined, await bearer(METI));
      // S-1: a GREEN listing both may see, with different fields.
      expect(ofsi.data!.shipments[0]!.flaggedDesignation).toMatchObject({ primaryName: 'Volga Precision Machining', programs: ['NPWMD'], status: 'ACTIVE', rationale: null });
      expect(forbiddenPaths(ofsi)).toContain('shipments.0.flaggedDesignation.rationale');
      expect(meti.data!.shipments[0]!.flaggedDesignation).toMatchObject({ primaryName: 'Volga Precision Machining', programs: null, status: null, rationale: null });
      expect(forbiddenPaths(meti)).toEqual(expect.arrayContaining(['shipments.0.flaggedDesignation.programs', 'shipments.0.flaggedDesignation.status']));
      // S-2: an AMBER listing is above METI's ceiling; S-3: RED never leaves its owner; S-4: no such listing.
      expect(ofsi.data!.shipments[1]!.flaggedDesignation).toMatchObject({ primaryName: 'Caspian Dual Use Trading' });
      for (const [answer, nulls] of [
        [meti, [1, 2, 3]],
        [ofsi, [2, 3]],
      ] as const) {
        for (const i of nulls) {
          expect(answer.data!.shipments[i]!.flaggedDesignation, `shipment ${i}`).toBeNull();
        }
        expect(forbiddenPaths(answer).filter((p) => nulls.some((i) => p!.startsWith(`shipments.${i}.`)))).toEqual([]);
      }
      // The consignee: METI's agreement releases the application's parties, OFSI's does not.
      expect(meti.data!.shipments[0]!.consignee).toEqual({
        id: `${ids.application}:1`,
        position: 1,
        role: 'CONSIGNEE',
        name: 'Caspian Freight Forwarding',
        country: 'AZ',
        identifiers: [{ type: 'COMPANY_REGISTRATION', value: 'AZ-1400123' }],
      });
      expect(ofsi.data!.shipments.map((s) => s.consignee)).toEqual([null, null, null, null]);
      // Unknown parties and agencies are null for everyone.
      expect(meti.data!.shipments.slice(2).map((s) => s.consignee)).toEqual([null, null]);
      expect(meti.data!.shipments[2]!.declaredBy).toBeNull();
    });

    it('gives a caller without a token nothing from the hub: UNAUTHENTICATED', async () => {
      const response = await gateway.graphql<{ shipments: Record<string, unknown>[] }>(SHIPMENTS_QUERY);
      expect(errorCodes(response)).toContain('UNAUTHENTICATED');
      expect(response.data?.shipments).toHaveLength(shipments.length);
      for (const shipment of response.data!.shipments) {
        expect(shipment.flaggedDesignation).toBeNull();
        expect(shipment.consignee).toBeNull();
        expect(shipment.declaredBy).toBeNull();
      }
    });
  });

  describe('_entities asked directly', () => {
    const entities = (representations: Record<string, unknown>[], as: As) =>
      hub.graphql<{ _entities: Entity[] }>(ENTITIES_QUERY, { representations }, as);

    it('answers a partner null for a record it may not see, exactly as for an unknown or malformed id', async () => {
      const response = await entities(
        [
          { __typename: 'Designation', id: ids.redListing },
          { __typename: 'Designation', id: randomUUID() },
          { __typename: 'Designation', id: 'not-a-uuid' },
          { __typename: 'Designation', id: 42 },
          { __typename: 'LicenseParty', id: `${ids.application}:0` },
          { __typename: 'LicenseParty', id: `${randomUUID()}:0` },
          { __typename: 'LicenseParty', id: 'garbage' },
          { __typename: 'Agency', id: 'xx-nobody' },
        ],
        OFSI,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities).toEqual([null, null, null, null, null, null, null, null]);
    });

    it('trusts nothing in a representation but its id: a forged owner or marking does not release a record', async () => {
      const forged = { ownerAgencyId: 'gb-ofsi', marking: 'CLEAR', releasableTo: null, primaryName: 'forged', applicationId: ids.application };
      const response = await entities(
        [
          { __typename: 'Designation', id: ids.redListing, ...forged },
          { __typename: 'LicenseParty', id: `${ids.application}:1`, ...forged, position: 1 },
        ],
        OFSI,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities).toEqual([null, null]);
    });

    it('refuses a representation of a type that is no entity, or too many at once, as BAD_USER_INPUT', async () => {
      for (const typename of ['EndUseCheck', 'LicenseItem', 'NoSuchType']) {
        const response = await entities([{ __typename: 'Designation', id: ids.greenListing }, { __typename: typename, id: randomUUID(), ownerAgencyId: 'gb-ofsi' }], OFSI);
        expect(response.data ?? null, typename).toBeNull();
        expect(errorCodes(response), typename).toEqual(['BAD_USER_INPUT']);
        expect(response.errors![0]!.extensions?.field, typename).toBe('representations[1].__typename');
      }
      const tooMany = await entities(Array.from({ length: MAX_REPRESENTATIONS + 1 }, () => ({ __typename: 'Agency', id: 'us-ofac' })), OFSI);
      expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    });

    it('releases a visible entity of every kind field by field, with FORBIDDEN at the withheld fields', async () => {
      const response = await entities(
        [
          { __typename: 'Designation', id: ids.amberListing },
          { __typename: 'LicenseApplication', id: ids.application },
          { __typename: 'ThreatEntry', id: ids.threat },
          { __typename: 'ControlListEntry', id: ids.control },
          { __typename: 'Agency', id: 'us-ofac' },
        ],
        OFSI,
      );
      const [designation, application, threat, control, agency] = response.data!._entities;
      expect(designation).toMatchObject({ __typename: 'Designation', id: ids.amberListing, primaryName: 'Caspian Dual Use Trading', programs: ['NPWMD'], rationale: null });
      expect(application).toEqual({ __typename: 'LicenseApplication', id: ids.application, applicantName: 'Rheinland Werkzeuge GmbH', destinationCountry: 'AZ', parties: null });
      expect(threat).toEqual({ __typename: 'ThreatEntry', id: ids.threat, title: 'Freight forwarder as end user', kind: 'RED_FLAG', description: null });
      expect(control).toEqual({ __typename: 'ControlListEntry', id: ids.control, classificationCode: '2B001.A', title: 'Machine tools', description: null });
      expect(agency).toEqual({ __typename: 'Agency', id: 'us-ofac', name: 'Office of Foreign Assets Control', agencyCountry: 'US', agencyKind: 'SANCTIONS_AUTHORITY' });
      expect(forbiddenPaths(response).sort()).toEqual(['_entities.0.rationale', '_entities.1.parties', '_entities.2.description', '_entities.3.description']);
      expect(errorCodes(response).every((code) => code === 'FORBIDDEN')).toBe(true);
    });

    it('releases a license party to a partner whose agreement releases the parties, and every entity whole to its owner', async () => {
      const meti = await entities(
        [
          { __typename: 'LicenseParty', id: `${ids.application}:0` },
          { __typename: 'LicenseParty', id: `${ids.application}:7` },
          { __typename: 'ThreatEntry', id: ids.threat },
        ],
        METI,
      );
      expect(meti.errors).toBeUndefined();
      expect(meti.data!._entities).toEqual([
        { __typename: 'LicenseParty', id: `${ids.application}:0`, position: 0, role: 'END_USER', name: 'Baku Pump Works', country: 'AZ', identifiers: [] },
        null,
        null,
      ]);
      const owner = await entities([{ __typename: 'Designation', id: ids.redListing }], OFAC);
      expect(owner.errors).toBeUndefined();
      expect(owner.data!._entities[0]).toMatchObject({ primaryName: 'Northern Lights Procurement', rationale: 'Why Northern Lights Procurement is listed' });
    });

    it('answers a request without a token UNAUTHENTICATED, and serves the checked-in SDL at _service to anyone', async () => {
      const anonymous = await entities([{ __typename: 'Designation', id: ids.greenListing }], null);
      expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
      expect(anonymous.data?._entities ?? null).toBeNull();
      const service = await hub.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }', undefined, null);
      expect(service.errors).toBeUndefined();
      expect(`${service.data!._service.sdl}\n`).toBe(await fs.readFile(SUBGRAPH_FILE, 'utf8'));
    });
  });
});

function inputTypeOf(mutation: string): string {
  return `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
}
