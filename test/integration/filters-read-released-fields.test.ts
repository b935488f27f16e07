/**
 * One rule for every door: a filter, a search term or a cursor reads an attribute of a record
 * only where that attribute is released to the caller; otherwise the record behaves as if the
 * attribute had no value. Each test gives a partner a narrow agreement and checks that a filter
 * on a field it gets back as FORBIDDEN does not split the records by that field's value, and
 * that positions it sees (`listVersion`, cursors) do not move with records it cannot see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endUseChecks, licenseApplications, licenseEscalations, licenseParties, screeningAdjudications } from '../../src/db/schema/index.ts';
import { nameKeys } from '../../src/modules/name-matching/name-normalization.ts';
import { partyFingerprint } from '../../src/modules/screening/screening.validation.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { startTestHub, type As, type TestHub } from '../support/hub.ts';

const OFAC: As = { agency: 'us-ofac', roles: ['analyst', 'licensing_officer'] };
/** Granted only OFAC designations' primary names, and OFAC adjudications' review. */
const OFSI: As = { agency: 'gb-ofsi', roles: ['analyst'] };
/** Granted only OFAC designations' listing group; owns the threat library and licenses here. */
const BAFA: As = { agency: 'de-bafa', roles: ['analyst', 'licensing_officer'] };
/** Performs BAFA's end-use check: a participant, who sees it whole. */
const METI: As = { agency: 'jp-meti', roles: ['verification_officer'] };

const AGREEMENTS: AgreementFile[] = [
  {
    id: 'ofac-names-to-ofsi',
    title: 'primary names and listing status only',
    grantor: 'us-ofac',
    grantees: ['gb-ofsi'],
    purposes: ['sanctions-screening'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      // Status too, so that OFSI screens against these (a designation whose status is withheld is not).
      { type: 'Designation', fields: ['primaryName', 'status'] },
      { type: 'ScreeningAdjudication', fields: ['review'] },
    ],
  },
  {
    id: 'ofac-listing-to-bafa',
    title: 'listing details only',
    grantor: 'us-ofac',
    grantees: ['de-bafa'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['listing'] }],
  },
  {
    id: 'bafa-narrow-to-ofac',
    title: 'one field of each',
    grantor: 'de-bafa',
    grantees: ['us-ofac'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      { type: 'ThreatEntry', fields: ['title'] },
      { type: 'ControlListEntry', fields: ['description'] },
      { type: 'LicenseApplication', fields: ['parties'] },
      { type: 'EndUseCheck', fields: ['outcome'] },
    ],
  },
];

const PAST = '2020-01-01T00:00:00Z';

describe('filters, search and positions read only released fields', () => {
  let hub: TestHub;
  const ids = {} as Record<'designation' | 'threat' | 'control' | 'application' | 'check' | 'adjudication', string>;

  const mutate = async <T>(query: string, input: Record<string, unknown>, as: As): Promise<T> => {
    const response = await hub.graphql<Record<string, T>>(query, { input }, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return Object.values(response.data!)[0]!;
  };
  const total = async (query: string, variables: Record<string, unknown>, as: As): Promise<number> => {
    const response = await hub.graphql<Record<string, { totalCount: number; edges: unknown[] }>>(query, variables, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const connection = Object.values(response.data!)[0]!;
    // The page and its count use one predicate.
    expect(connection.edges).toHaveLength(connection.totalCount);
    return connection.totalCount;
  };

  const DESIGNATIONS = `query($filter: DesignationFilter, $after: String) { designations(first: 100, filter: $filter, after: $after) {
    totalCount edges { cursor node { id } } pageInfo { endCursor } } }`;
  const designations = (filter: Record<string, unknown>, as: As) => total(DESIGNATIONS, { filter }, as);
  const THREATS = `query($filter: ThreatEntryFilter) { threatEntries(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;
  const CONTROLS = `query($filter: ControlListEntryFilter) { controlListEntries(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;
  const LICENSES = `query($state: [LicenseState!]) { licenseApplications(first: 100, state: $state) { totalCount edges { node { id } } } }`;
  const CHECKS = `query($applicationId: ID, $status: EndUseCheckStatus) { endUseChecks(first: 100, applicationId: $applicationId, status: $status) {
    totalCount edges { node { id } } } }`;
  const ADJUDICATIONS = `query($designationId: ID, $party: PartyInput, $active: Boolean) {
    screeningAdjudications(first: 100, designationId: $designationId, party: $party, active: $active) { totalCount edges { node { id } } } }`;
  const SCREEN = `query($input: [PartyInput!]!) { screen(input: $input) { listVersion matches { designation { id } } suppressed { match { designation { id } } } } }`;
  const screen = async (name: string, as: As) => {
    const response = await hub.graphql<{ screen: { listVersion: string; matches: { designation: { id: string } }[]; suppressed: unknown[] }[] }>(
      SCREEN,
      { input: [{ name, country: 'AE' }] },
      as,
    );
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.screen[0]!;
  };

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
    const designation = await mutate<{ id: string }>(
      `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`,
      {
        subjectType: 'ENTITY',
        primaryName: 'Orchid Harbour Trading',
        aliases: [{ name: 'Zanzibar Lantern Company' }],
        status: 'ACTIVE',
        programs: ['ORCHID'],
        marking: 'GREEN',
      },
      OFAC,
    );
    ids.designation = designation.id;
    const control = await mutate<{ id: string }>(
      `mutation($input: CreateControlListEntryInput!) { createControlListEntry(input: $input) { id } }`,
      { classificationCode: '9Z999.A', title: 'Pangolin valves', description: 'Heron alloy bodies', marking: 'GREEN' },
      BAFA,
    );
    ids.control = control.id;
    const threat = await mutate<{ id: string }>(
      `mutation($input: CreateThreatEntryInput!) { createThreatEntry(input: $input) { id } }`,
      { kind: 'RED_FLAG', title: 'Pangolin transhipment', description: 'Falcon invoices', controlListEntryIds: [control.id], marking: 'GREEN' },
      BAFA,
    );
    ids.threat = threat.id;
    const [application] = await hub.db
      .insert(licenseApplications)
      .values({
        ownerAgencyId: 'de-bafa',
        applicantName: 'Muster GmbH',
        destinationCountry: 'AE',
        endUse: 'Pumps',
        state: 'STANDARD_REVIEW',
        lane: 'STANDARD_REVIEW',
        riskScore: 40,
        marking: 'GREEN',
      })
      .returning({ id: licenseApplications.id });
    ids.application = application!.id;
    await hub.db.insert(licenseParties).values({ applicationId: ids.application, position: 0, role: 'END_USER', name: 'Gulf Pump Trading', country: 'AE', ...nameKeys('Gulf Pump Trading') });
    await hub.db.insert(licenseEscalations).values({ applicationId: ids.application, kind: 'DESIGNATION_MATCH', partyPosition: 0, detail: 'matched', dedupeKey: 'test:1' });
    const [check] = await hub.db
      .insert(endUseChecks)
      .values({
        ownerAgencyId: 'de-bafa',
        kind: 'PRE_LICENSE_CHECK',
        performingAgencyId: 'jp-meti',
        participants: ['jp-meti'],
        applicationId: ids.application,
        partyPosition: 0,
        partyName: 'Gulf Pump Trading',
        marking: 'GREEN',
      })
      .returning({ id: endUseChecks.id });
    ids.check = check!.id;
    const party = { name: 'Orchid Harbour Trading', country: 'AE', dateOfBirth: null };
    const [adjudication] = await hub.db
      .insert(screeningAdjudications)
      .values({
        ownerAgencyId: 'us-ofac',
        partyFingerprint: partyFingerprint(party),
        partyName: party.name,
        partyCountry: party.country,
        partyDateOfBirth: null,
        designationId: ids.designation,
        matchedName: 'Orchid Harbour Trading',
        disposition: 'FALSE_POSITIVE',
        reason: 'A namesake in Dubai.',
        reviewedBy: 'analyst-1',
        marking: 'GREEN',
      })
      .returning({ id: screeningAdjudications.id });
    ids.adjudication = adjudication!.id;
  });

  afterAll(async () => {
    await hub?.stop();
  });

  describe('designations', () => {
    it('does not find a designation by an alias withheld from the caller', async () => {
      expect(await designations({ text: 'zanzibar lantern' }, OFAC)).toBe(1);
      expect(await designations({ text: 'zanzibar lantern' }, OFSI)).toBe(0);
      expect(await designations({ text: 'orchid harbour' }, OFSI)).toBe(1);
    });

    it('does not find a designation by a primary name withheld from the caller', async () => {
      expect(await designations({ program: 'ORCHID' }, BAFA)).toBe(1);
      expect(await designations({ text: 'orchid harbour' }, BAFA)).toBe(0);
      expect(await designations({ text: 'zanzibar' }, BAFA)).toBe(0);
    });

    it('does not split designations by a withheld subject type, program or update time', async () => {
      const byName = { text: 'orchid harbour' };
      for (const filter of [{ subjectType: ['ENTITY'] }, { program: 'ORCHID' }, { updatedSince: PAST }]) {
        expect(await designations({ ...byName, ...filter }, OFAC), JSON.stringify(filter)).toBe(1);
        expect(await designations({ ...byName, ...filter }, OFSI), JSON.stringify(filter)).toBe(0);
      }
      // Status is released to OFSI: that filter selects as usual (a withheld one: BAFA's name, below).
      expect(await designations({ ...byName, status: ['ACTIVE'] }, OFSI)).toBe(1);
      // Released to BAFA under `listing`: its filters select as usual; updatedAt (handling) is withheld.
      expect(await designations({ program: 'ORCHID', status: ['ACTIVE'] }, BAFA)).toBe(1);
      expect(await designations({ program: 'ORCHID', updatedSince: PAST }, BAFA)).toBe(0);
    });

    it('gives cursors that carry only the record id, not a hub-wide change position', async () => {
      const response = await hub.graphql<{ designations: { edges: { cursor: string; node: { id: string } }[] } }>(
        DESIGNATIONS,
        { filter: { text: 'orchid harbour' } },
        OFSI,
      );
      const [edge] = response.data!.designations.edges;
      expect(Buffer.from(edge!.cursor, 'base64url').toString('utf8')).toBe(`designation:${edge!.node.id}`);
    });
  });

  describe('threat library and control list', () => {
    it('does not match a threat entry by its withheld description', async () => {
      expect(await total(THREATS, { filter: { text: 'falcon' } }, BAFA)).toBe(1);
      expect(await total(THREATS, { filter: { text: 'falcon' } }, OFAC)).toBe(0);
      expect(await total(THREATS, { filter: { text: 'pangolin transhipment' } }, OFAC)).toBe(1);
    });

    it('does not split threat entries by a withheld kind, status, update time or link', async () => {
      const byTitle = { text: 'pangolin transhipment' };
      for (const filter of [{ kind: ['RED_FLAG'] }, { status: ['ACTIVE'] }, { updatedSince: PAST }, { controlListEntryId: ids.control }]) {
        expect(await total(THREATS, { filter: { ...byTitle, ...filter } }, BAFA), JSON.stringify(filter)).toBe(1);
        expect(await total(THREATS, { filter: { ...byTitle, ...filter } }, OFAC), JSON.stringify(filter)).toBe(0);
      }
    });

    it('does not match a control-list entry by its withheld code or title, nor split by withheld status or provisional', async () => {
      expect(await total(CONTROLS, {}, OFAC)).toBe(1);
      for (const filter of [{ text: '9Z999' }, { text: 'pangolin valves' }, { status: ['ACTIVE'] }, { provisional: false }, { updatedSince: PAST }]) {
        expect(await total(CONTROLS, { filter }, BAFA), JSON.stringify(filter)).toBe(1);
        expect(await total(CONTROLS, { filter }, OFAC), JSON.stringify(filter)).toBe(0);
      }
    });
  });

  describe('licenses, end-use checks and adjudications', () => {
    it('does not split license applications by a withheld state', async () => {
      expect(await total(LICENSES, {}, OFAC)).toBe(1);
      expect(await total(LICENSES, { state: ['STANDARD_REVIEW'] }, BAFA)).toBe(1);
      expect(await total(LICENSES, { state: ['STANDARD_REVIEW'] }, OFAC)).toBe(0);
    });

    it('does not split license applications by a withheld lane, risk score or escalation, and reads party names only where released', async () => {
      const LIST = `query($hasOpenEscalations: Boolean, $escalationReason: EscalationKind, $lane: [ReviewLane!], $riskAtLeast: Int, $party: String) {
        licenseApplications(first: 100, hasOpenEscalations: $hasOpenEscalations, escalationReason: $escalationReason, lane: $lane, riskAtLeast: $riskAtLeast, party: $party) {
          totalCount edges { node { id } } } }`;
      for (const filter of [{ lane: ['STANDARD_REVIEW'] }, { riskAtLeast: 40 }, { hasOpenEscalations: true }, { escalationReason: 'DESIGNATION_MATCH' }]) {
        expect(await total(LIST, filter, BAFA), JSON.stringify(filter)).toBe(1);
        expect(await total(LIST, filter, OFAC), JSON.stringify(filter)).toBe(0);
      }
      // Withheld escalations match neither "has open" nor "has none": the filter reads nothing.
      expect(await total(LIST, { hasOpenEscalations: false }, OFAC)).toBe(0);
      // OFAC is given the parties: the party text reads them.
      expect(await total(LIST, { party: 'gulf pump' }, OFAC)).toBe(1);
      expect(await total(LIST, { party: 'gulf pump' }, BAFA)).toBe(1);
    });

    it('does not split end-use checks by a withheld status or application', async () => {
      expect(await total(CHECKS, {}, OFAC)).toBe(1);
      expect(await total(CHECKS, { status: 'REQUESTED' }, METI)).toBe(1);
      for (const filter of [{ status: 'REQUESTED' }, { applicationId: ids.application }]) {
        expect(await total(CHECKS, filter, BAFA), JSON.stringify(filter)).toBe(1);
        expect(await total(CHECKS, filter, OFAC), JSON.stringify(filter)).toBe(0);
      }
    });

    it('does not split adjudications by a withheld activity, designation or party', async () => {
      expect(await total(ADJUDICATIONS, {}, OFSI)).toBe(1);
      const party = { name: 'Orchid Harbour Trading', country: 'AE' };
      for (const filter of [{ active: true }, { designationId: ids.designation }, { party }]) {
        expect(await total(ADJUDICATIONS, filter, OFAC), JSON.stringify(filter)).toBe(1);
        expect(await total(ADJUDICATIONS, filter, OFSI), JSON.stringify(filter)).toBe(0);
      }
    });

    it('does not suppress a hit by an adjudication whose party is withheld from the caller', async () => {
      const atOfac = await screen('Orchid Harbour Trading', OFAC);
      expect(atOfac.suppressed).toHaveLength(1);
      const atOfsi = await screen('Orchid Harbour Trading', OFSI);
      expect(atOfsi.matches.map((m) => m.designation.id)).toEqual([ids.designation]);
      expect(atOfsi.suppressed).toEqual([]);
    });
  });

  describe('screening list version', () => {
    it('does not move when designations the caller cannot see change, and moves when one it screens against does', async () => {
      const before = await screen('Orchid Harbour Trading', OFSI);
      expect(before.listVersion).toMatch(/^designations@[0-9a-f]{32}$/);
      // BAFA's own listing, shared with nobody, and a RED one of OFAC's: invisible to OFSI.
      await mutate(`mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`,
        { subjectType: 'ENTITY', primaryName: 'Invisible Heron Holdings', status: 'ACTIVE', marking: 'GREEN' }, BAFA);
      await mutate(`mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`,
        { subjectType: 'ENTITY', primaryName: 'Red Kestrel Holdings', status: 'ACTIVE', marking: 'RED' }, OFAC);
      const after = await screen('Orchid Harbour Trading', OFSI);
      expect(after.listVersion).toBe(before.listVersion);

      await mutate(`mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`,
        { subjectType: 'ENTITY', primaryName: 'Visible Egret Holdings', status: 'ACTIVE', marking: 'GREEN' }, OFAC);
      const changed = await screen('Orchid Harbour Trading', OFSI);
      expect(changed.listVersion).not.toBe(before.listVersion);
      // Repeated, it is the same (and served from the cache).
      expect((await screen('Orchid Harbour Trading', OFSI)).listVersion).toBe(changed.listVersion);
    });
  });
});
