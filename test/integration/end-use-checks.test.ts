/**
 * End-use checks over HTTP: the requesting agency owns a check, the performing agency sees it
 * whole and alone records its outcome, third agencies see only what an agreement names (the
 * findings only by name), and an adverse outcome lists the party and escalates the license in
 * the same transaction.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  licenseApplications,
  licenseEscalations,
  licenseParties,
  unverifiedParties,
  type LicenseState,
} from '../../src/db/schema/index.ts';
import { findUnverifiedPartyHits } from '../../src/modules/end-use-checks/unverified-party-hits.ts';
import { nameKeys } from '../../src/modules/name-matching/name-normalization.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { expandFieldNames } from '../../src/policy/catalogue.ts';
import { AccessDecision } from '../../src/policy/decision.ts';
import { errorCodes, startTestHub, type As, type TestHub } from '../support/hub.ts';

/** The requesting licensing agency. */
const BAFA: As = { agency: 'de-bafa', roles: ['licensing_officer'] };
/** The agency asked to perform checks. */
const METI: As = { agency: 'jp-meti', roles: ['verification_officer'] };
/** Shared the request and outcome of BAFA's checks (not the findings), and BAFA's applications' summaries. */
const OFSI: As = { agency: 'gb-ofsi', roles: ['licensing_officer', 'verification_officer'] };
/** No agreement with anyone. */
const OFAC: As = { agency: 'us-ofac', roles: ['licensing_officer', 'verification_officer'] };

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const AGREEMENTS: AgreementFile[] = [
  {
    id: 'bafa-verification-to-ofsi',
    title: 'BAFA end-use verification results to OFSI',
    grantor: 'de-bafa',
    grantees: ['gb-ofsi'],
    purposes: ['end-use-verification'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      { type: 'EndUseCheck', fields: ['request', 'outcome'] },
      { type: 'UnverifiedParty', fields: ['party'] },
      { type: 'LicenseApplication', fields: ['summary'] },
    ],
  },
];

const CHECK_FIELDS = `
  id marking kind partyName partyCountry partyAddress instructions status outcome outcomeDate completedBy findings
  releasableTo version createdAt updatedAt
  owner { id } performingAgency { id }
`;
const REQUEST = `mutation Request($input: RequestEndUseCheckInput!) { requestEndUseCheck(input: $input) { ${CHECK_FIELDS} } }`;
const RECORD = `mutation Record($input: RecordEndUseOutcomeInput!) { recordEndUseOutcome(input: $input) { ${CHECK_FIELDS} } }`;
const GET = `query Get($id: ID!) { endUseCheck(id: $id) { ${CHECK_FIELDS} } }`;
const LIST = `query List($first: Int, $after: String, $applicationId: ID, $status: EndUseCheckStatus) {
  endUseChecks(first: $first, after: $after, applicationId: $applicationId, status: $status) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status partyName } }
  }
}`;
const UNVERIFIED_FIELDS = `id marking name country outcome releasableTo version owner { id } endUseCheck { id partyName }`;
const UNVERIFIED = `query Unverified { unverifiedParties { totalCount edges { node { ${UNVERIFIED_FIELDS} } } } }`;
const UNVERIFIED_ONE = `query UnverifiedOne($id: ID!) { unverifiedParty(id: $id) { ${UNVERIFIED_FIELDS} } }`;

interface Check {
  id: string;
  marking: string;
  kind: string | null;
  partyName: string | null;
  partyCountry: string | null;
  partyAddress: string | null;
  instructions: string | null;
  status: string | null;
  outcome: string | null;
  outcomeDate: string | null;
  completedBy: string | null;
  findings: string | null;
  releasableTo: string[] | null;
  version: number | null;
  owner: { id: string } | null;
  performingAgency: { id: string } | null;
}
interface Unverified {
  id: string;
  name: string | null;
  country: string | null;
  outcome: string | null;
  owner: { id: string } | null;
  endUseCheck: { id: string; partyName: string | null } | null;
}

const today = () => new Date().toISOString().slice(0, 10);

describe('end-use checks', () => {
  let hub: TestHub;

  /** A license application of `owner` with these parties at positions 0, 1, … */
  const givenApplication = async (
    parties: { name: string; country?: string; address?: string }[],
    { owner = 'de-bafa', state = 'STANDARD_REVIEW' }: { owner?: string; state?: LicenseState } = {},
  ): Promise<string> => {
    const [application] = await hub.db
      .insert(licenseApplications)
      .values({ ownerAgencyId: owner, applicantName: 'Muster Maschinenbau GmbH', destinationCountry: 'AE', endUse: 'Machining of pump housings', state, lane: 'STANDARD_REVIEW' })
      .returning({ id: licenseApplications.id });
    await hub.db.insert(licenseParties).values(
      parties.map((party, position) => ({
        applicationId: application!.id,
        position,
        role: position === 0 ? ('END_USER' as const) : ('CONSIGNEE' as const),
        name: party.name,
        country: party.country ?? null,
        address: party.address ?? null,
        ...nameKeys(party.name),
      })),
    );
    return application!.id;
  };

  const request = async (input: Record<string, unknown>, as: As = BAFA) => {
    const response = await hub.graphql<{ requestEndUseCheck: Check }>(REQUEST, { input }, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.requestEndUseCheck;
  };
  const get = (id: string, as: As) => hub.graphql<{ endUseCheck: Check | null }>(GET, { id }, as);
  const record = (input: Record<string, unknown>, as: As = METI) => hub.graphql<{ recordEndUseOutcome: Check }>(RECORD, { input }, as);
  const escalationsOf = (applicationId: string) =>
    hub.db.select().from(licenseEscalations).where(eq(licenseEscalations.applicationId, applicationId));
  const stateOf = async (applicationId: string) =>
    (await hub.db.select({ state: licenseApplications.state, lane: licenseApplications.lane }).from(licenseApplications).where(eq(licenseApplications.id, applicationId)))[0];

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
  }, 60_000);
  afterAll(() => hub?.stop());

  it('lets the owner of an application request a check, copying the party from the application', async () => {
    const applicationId = await givenApplication([
      { name: 'Gulf Precision Trading LLC', country: 'AE', address: 'Jebel Ali Free Zone, Dubai' },
      { name: 'Harbour Logistics FZE', country: 'AE' },
    ]);
    const check = await request({
      applicationId,
      partyPosition: 0,
      kind: 'PRE_LICENSE_CHECK',
      performingAgencyId: 'jp-meti',
      instructions: 'Confirm the machining workshop exists and uses the lathes as stated.',
    });
    expect(check).toMatchObject({
      marking: 'AMBER',
      kind: 'PRE_LICENSE_CHECK',
      partyName: 'Gulf Precision Trading LLC',
      partyCountry: 'AE',
      partyAddress: 'Jebel Ali Free Zone, Dubai',
      status: 'REQUESTED',
      outcome: null,
      findings: null,
      version: 1,
      owner: { id: 'de-bafa' },
      performingAgency: { id: 'jp-meti' },
    });
    const consignee = await request({ applicationId, partyPosition: 1, kind: 'POST_SHIPMENT_VERIFICATION', performingAgencyId: 'jp-meti' });
    expect(consignee.partyName).toBe('Harbour Logistics FZE');

    const listed = await hub.graphql<{ endUseChecks: { totalCount: number; edges: { node: { id: string } }[] } }>(LIST, { applicationId }, BAFA);
    expect(listed.data!.endUseChecks.edges.map((e) => e.node.id)).toEqual([check.id, consignee.id].sort());

    // The linked application is a record of its own: the performing agency has no agreement for it.
    const APPLICATION = `query App($id: ID!) { endUseCheck(id: $id) { id application { id } } }`;
    const linked = (as: As) => hub.graphql<{ endUseCheck: { application: { id: string } | null } }>(APPLICATION, { id: check.id }, as);
    expect((await linked(BAFA)).data!.endUseCheck.application).toEqual({ id: applicationId });
    expect((await linked(OFSI)).data!.endUseCheck.application).toEqual({ id: applicationId });
    const performer = await linked(METI);
    expect(performer.errors).toBeUndefined();
    expect(performer.data!.endUseCheck.application).toBeNull();
  });

  it('returns the same check for a retried request with the same idempotency key', async () => {
    const applicationId = await givenApplication([{ name: 'Retry Industries' }]);
    const input = { applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti', idempotencyKey: 'eu-check-1' };
    const first = await request(input);
    const again = await request(input);
    expect(again.id).toBe(first.id);
    const listed = await hub.graphql<{ endUseChecks: { totalCount: number } }>(LIST, { applicationId }, BAFA);
    expect(listed.data!.endUseChecks.totalCount).toBe(1);
  });

  it('refuses a request on an application the caller does not own (FORBIDDEN) or cannot see (NOT_FOUND)', async () => {
    const applicationId = await givenApplication([{ name: 'Someone Else Ltd' }]);
    const input = { applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' };
    // OFSI sees BAFA's application summaries under the agreement: it knows the application exists.
    expect(errorCodes(await hub.graphql(REQUEST, { input }, OFSI))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.graphql(REQUEST, { input }, OFAC))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.graphql(REQUEST, { input: { ...input, applicationId: UNKNOWN_ID } }, BAFA))).toEqual(['NOT_FOUND']);
    // Requesting needs a licensing role; an analyst of the owner cannot.
    expect(errorCodes(await hub.graphql(REQUEST, { input }, { agency: 'de-bafa', roles: ['analyst'] }))).toEqual(['FORBIDDEN']);
  });

  it('names the field at fault in a bad request', async () => {
    const applicationId = await givenApplication([{ name: 'Field Naming GmbH' }]);
    const base = { applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' };
    const fieldOf = async (input: Record<string, unknown>) => {
      const response = await hub.graphql(REQUEST, { input }, BAFA);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      return response.errors![0]!.extensions!.field;
    };
    expect(await fieldOf({ ...base, partyPosition: 5 })).toBe('input.partyPosition');
    expect(await fieldOf({ ...base, performingAgencyId: 'de-bafa' })).toBe('input.performingAgencyId');
    expect(await fieldOf({ ...base, performingAgencyId: 'xx-nobody' })).toBe('input.performingAgencyId');
    expect(await fieldOf({ ...base, applicationId: 'LIC-2026-1' })).toBe('input.applicationId');
    expect(await fieldOf({ ...base, releasableTo: ['xx-nobody'] })).toBe('input.releasableTo[0]');
  });

  it('shows the performing agency the whole check, a partner only the groups its agreement names, others nothing', async () => {
    const applicationId = await givenApplication([{ name: 'Desert Optics Co', country: 'AE' }]);
    const check = await request({ applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti', instructions: 'Visit.' });
    const recorded = await record({ id: check.id, expectedVersion: 1, outcome: 'FAVORABLE', outcomeDate: today(), findings: 'Workshop seen, lathes in use.' });
    expect(recorded.errors, JSON.stringify(recorded.errors)).toBeUndefined();

    const performer = await get(check.id, METI);
    expect(performer.errors).toBeUndefined();
    expect(performer.data!.endUseCheck).toMatchObject({
      partyName: 'Desert Optics Co',
      instructions: 'Visit.',
      status: 'COMPLETED',
      outcome: 'FAVORABLE',
      completedBy: expect.any(String),
      findings: 'Workshop seen, lathes in use.',
      version: 2,
      owner: { id: 'de-bafa' },
    });
    const performerList = await hub.graphql<{ endUseChecks: { edges: { node: { id: string } }[] } }>(LIST, { status: 'COMPLETED' }, METI);
    expect(performerList.data!.endUseChecks.edges.map((e) => e.node.id)).toContain(check.id);

    const partner = await get(check.id, OFSI);
    expect(partner.data!.endUseCheck).toMatchObject({
      id: check.id,
      marking: 'AMBER',
      owner: { id: 'de-bafa' },
      partyName: 'Desert Optics Co',
      status: 'COMPLETED',
      outcome: 'FAVORABLE',
      outcomeDate: today(),
      findings: null,
      version: null,
    });
    // Findings are restricted, and the agreement names neither them nor the handling group.
    expect(errorCodes(partner).every((code) => code === 'FORBIDDEN')).toBe(true);
    expect(partner.errors!.map((e) => e.path?.join('.')).sort()).toEqual(
      ['createdAt', 'findings', 'releasableTo', 'updatedAt', 'version'].map((field) => `endUseCheck.${field}`),
    );

    expect(errorCodes(await get(check.id, OFAC))).toEqual(['NOT_FOUND']);
    const outsiderList = await hub.graphql<{ endUseChecks: { totalCount: number } }>(LIST, {}, OFAC);
    expect(outsiderList.data!.endUseChecks.totalCount).toBe(0);
  });

  it('lets only the performing agency record the outcome', async () => {
    const applicationId = await givenApplication([{ name: 'Only Performer SA' }]);
    const check = await request({ applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' });
    const input = { id: check.id, expectedVersion: 1, outcome: 'FAVORABLE', outcomeDate: today() };
    expect(errorCodes(await record(input, { agency: 'de-bafa', roles: ['verification_officer'] }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await record(input, OFSI))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await record(input, OFAC))).toEqual(['NOT_FOUND']);
    // At the performing agency, only verification officers and the administrator record outcomes.
    expect(errorCodes(await record(input, { agency: 'jp-meti', roles: ['licensing_officer'] }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await record(input))).toEqual([]);
  });

  it('on an UNFAVORABLE outcome lists the party on the requester’s unverified list and escalates the license', async () => {
    const applicationId = await givenApplication([{ name: 'Falcon Dual Use Trading', country: 'AE' }]);
    const check = await request({ applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti', marking: 'GREEN' });
    const recorded = await record({
      id: check.id,
      expectedVersion: 1,
      outcome: 'UNFAVORABLE',
      outcomeDate: today(),
      findings: 'The address is a residential flat; nobody knew the company.',
    });
    expect(recorded.errors, JSON.stringify(recorded.errors)).toBeUndefined();
    expect(recorded.data!.recordEndUseOutcome).toMatchObject({ status: 'COMPLETED', outcome: 'UNFAVORABLE', version: 2 });

    const [entry] = await hub.db.select().from(unverifiedParties).where(eq(unverifiedParties.endUseCheckId, check.id));
    expect(entry).toMatchObject({
      ownerAgencyId: 'de-bafa',
      marking: 'GREEN',
      name: 'Falcon Dual Use Trading',
      country: 'AE',
      outcome: 'UNFAVORABLE',
      key: nameKeys('Falcon Dual Use Trading').key,
    });
    const escalations = await escalationsOf(applicationId);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      kind: 'UNFAVORABLE_VERIFICATION',
      partyPosition: 0,
      endUseCheckId: check.id,
      dedupeKey: `end-use-check:${check.id}`,
    });
    expect(escalations[0]!.detail).not.toContain('residential');
    expect(await stateOf(applicationId)).toEqual({ state: 'ESCALATED', lane: 'ESCALATED' });

    const own = await hub.graphql<{ unverifiedParty: Unverified }>(UNVERIFIED_ONE, { id: entry!.id }, BAFA);
    expect(own.data!.unverifiedParty).toMatchObject({
      name: 'Falcon Dual Use Trading',
      outcome: 'UNFAVORABLE',
      owner: { id: 'de-bafa' },
      endUseCheck: { id: check.id, partyName: 'Falcon Dual Use Trading' },
    });
    // The entry is BAFA's: OFSI sees the party group only, the performing agency nothing.
    const partner = await hub.graphql<{ unverifiedParties: { edges: { node: Unverified }[] } }>(UNVERIFIED, {}, OFSI);
    const shared = partner.data!.unverifiedParties.edges.find((e) => e.node.id === entry!.id)!.node;
    expect(shared).toMatchObject({ name: 'Falcon Dual Use Trading', outcome: 'UNFAVORABLE', endUseCheck: null });
    expect(errorCodes(await hub.graphql(UNVERIFIED_ONE, { id: entry!.id }, METI))).toEqual(['NOT_FOUND']);
  });

  it('on an UNVERIFIABLE outcome does the same, and on a FAVORABLE one neither lists nor escalates', async () => {
    const applicationId = await givenApplication([{ name: 'Ghost Components FZCO' }, { name: 'Honest Tools LLC' }]);
    const ghost = await request({ applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' });
    const honest = await request({ applicationId, partyPosition: 1, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' });
    expect(errorCodes(await record({ id: honest.id, expectedVersion: 1, outcome: 'FAVORABLE', outcomeDate: today() }))).toEqual([]);
    expect(await escalationsOf(applicationId)).toEqual([]);
    expect(await hub.db.select().from(unverifiedParties).where(eq(unverifiedParties.endUseCheckId, honest.id))).toEqual([]);
    expect(await stateOf(applicationId)).toMatchObject({ state: 'STANDARD_REVIEW' });

    expect(errorCodes(await record({ id: ghost.id, expectedVersion: 1, outcome: 'UNVERIFIABLE', outcomeDate: today(), findings: 'No such premises.' }))).toEqual([]);
    expect((await escalationsOf(applicationId)).map((e) => e.partyPosition)).toEqual([0]);
    const [entry] = await hub.db.select().from(unverifiedParties).where(eq(unverifiedParties.endUseCheckId, ghost.id));
    expect(entry?.outcome).toBe('UNVERIFIABLE');
  });

  it('records an outcome once: a second one, or one on a stale version, is a CONFLICT', async () => {
    const applicationId = await givenApplication([{ name: 'Twice Told Ltd' }]);
    const check = await request({ applicationId, partyPosition: 0, kind: 'POST_SHIPMENT_VERIFICATION', performingAgencyId: 'jp-meti' });
    const stale = await record({ id: check.id, expectedVersion: 7, outcome: 'FAVORABLE', outcomeDate: today() });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.extensions).toMatchObject({ expectedVersion: 7, currentVersion: 1 });

    const input = { id: check.id, expectedVersion: 1, outcome: 'UNVERIFIABLE', outcomeDate: today(), findings: 'Goods not found on site.' };
    expect(errorCodes(await record(input))).toEqual([]);
    const twice = await record({ ...input, expectedVersion: 2, outcome: 'FAVORABLE' });
    expect(errorCodes(twice)).toEqual(['CONFLICT']);
    expect(twice.errors![0]!.message).toMatch(/already completed/);
    expect(await hub.db.select().from(unverifiedParties).where(eq(unverifiedParties.endUseCheckId, check.id))).toHaveLength(1);
    expect(await escalationsOf(applicationId)).toHaveLength(1);
  });

  it('names the field at fault in a bad outcome', async () => {
    const applicationId = await givenApplication([{ name: 'Bad Outcome Ltd' }]);
    const check = await request({ applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' });
    const fieldOf = async (input: Record<string, unknown>) => {
      const response = await record({ id: check.id, expectedVersion: 1, outcomeDate: today(), ...input });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      return response.errors![0]!.extensions!.field;
    };
    expect(await fieldOf({ outcome: 'UNFAVORABLE' })).toBe('input.findings');
    expect(await fieldOf({ outcome: 'FAVORABLE', outcomeDate: '2099-01-01' })).toBe('input.outcomeDate');
    const [current] = await hub.db.select().from(unverifiedParties).where(eq(unverifiedParties.endUseCheckId, check.id));
    expect(current).toBeUndefined();
  });

  it('finds a respelled name on the unverified lists the caller may see, not an unrelated one or one in another country', async () => {
    const applicationId = await givenApplication([{ name: 'Al-Noor Advanced Technologies Trading LLC', country: 'AE' }]);
    const check = await request({ applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' });
    await record({ id: check.id, expectedVersion: 1, outcome: 'UNFAVORABLE', outcomeDate: today(), findings: 'Front company.' });
    const [entry] = await hub.db.select().from(unverifiedParties).where(eq(unverifiedParties.endUseCheckId, check.id));

    const parties = [
      { index: 0, name: 'Al Nour Advanced Technologies Trading L.L.C.', country: 'AE' },
      { index: 1, name: 'Siemens Healthineers AG', country: 'DE' },
      { index: 2, name: 'Al Noor Advanced Technologies Trading', country: null },
      { index: 3, name: 'Al Noor Advanced Technologies Trading', country: 'OM' },
    ];
    const owner = new AccessDecision('de-bafa', []);
    const hits = await findUnverifiedPartyHits(hub.db, owner, parties);
    const forEntry = hits.filter((h) => h.unverifiedEntryId === entry!.id);
    expect(forEntry.map((h) => h.partyIndex)).toEqual([0, 2]);
    for (const hit of forEntry) {
      expect(hit.outcome).toBe('UNFAVORABLE');
      expect(hit.score).toBeGreaterThanOrEqual(0.85);
    }
    expect(hits.some((h) => h.partyIndex === 1)).toBe(false);

    // Inside a caller's transaction too, as license screening calls it.
    const inTransaction = await hub.db.transaction((tx) => findUnverifiedPartyHits(tx, owner, parties.slice(0, 1)));
    expect(inTransaction.map((h) => h.unverifiedEntryId)).toContain(entry!.id);

    // A partner the list is shared with finds it; an agency without an agreement does not.
    const partner = new AccessDecision('gb-ofsi', [
      { type: 'UnverifiedParty', fields: expandFieldNames('UnverifiedParty', ['party']).fields, ceiling: 'AMBER', conditions: {}, grantor: 'de-bafa', agreementId: 'bafa-verification-to-ofsi' },
    ]);
    expect((await findUnverifiedPartyHits(hub.db, partner, parties.slice(0, 1))).map((h) => h.unverifiedEntryId)).toContain(entry!.id);
    expect(await findUnverifiedPartyHits(hub.db, new AccessDecision('us-ofac', []), parties)).toEqual([]);
    // A grant that withholds the name does not let the name be matched.
    const sourceOnly = new AccessDecision('gb-ofsi', [
      { type: 'UnverifiedParty', fields: expandFieldNames('UnverifiedParty', ['source']).fields, ceiling: 'AMBER', conditions: {}, grantor: 'de-bafa', agreementId: 'x' },
    ]);
    expect(await findUnverifiedPartyHits(hub.db, sourceOnly, parties)).toEqual([]);
  });

  it('filters the list by application and status', async () => {
    const applicationId = await givenApplication([{ name: 'Filter Me GmbH' }, { name: 'Filter You GmbH' }]);
    const open = await request({ applicationId, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' });
    const done = await request({ applicationId, partyPosition: 1, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti' });
    await record({ id: done.id, expectedVersion: 1, outcome: 'FAVORABLE', outcomeDate: today() });
    const ids = async (status: string) =>
      (await hub.graphql<{ endUseChecks: { edges: { node: { id: string } }[] } }>(LIST, { applicationId, status }, BAFA)).data!.endUseChecks.edges.map(
        (e) => e.node.id,
      );
    expect(await ids('REQUESTED')).toEqual([open.id]);
    expect(await ids('COMPLETED')).toEqual([done.id]);
    expect(errorCodes(await hub.graphql(LIST, { applicationId: 'nope' }, BAFA))).toEqual(['BAD_USER_INPUT']);
    const paged = await hub.graphql<{ endUseChecks: { pageInfo: { hasNextPage: boolean; endCursor: string } } }>(LIST, { applicationId, first: 1 }, BAFA);
    expect(paged.data!.endUseChecks.pageInfo.hasNextPage).toBe(true);
    const next = await hub.graphql<{ endUseChecks: { edges: { node: { id: string } }[] } }>(
      LIST,
      { applicationId, first: 1, after: paged.data!.endUseChecks.pageInfo.endCursor },
      BAFA,
    );
    // Pages are in id order.
    expect(next.data!.endUseChecks.edges.map((e) => e.node.id)).toEqual([[open.id, done.id].sort()[1]]);
  });
});
