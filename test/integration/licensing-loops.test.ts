/**
 * Licensing closes its loops (issue 16), over HTTP as the licensing and verification officers
 * of the agencies involved would use it:
 * - moves the hub makes by itself are recorded as the system, with the officer who set them off;
 * - officers find applications by reference, risk factors name owner, list and program where
 *   released, and the agency performing an end-use check sees what it needs on the check;
 * - "no undercut" binds: no approval while a consultation is open unless overridden with a
 *   reason the denying agency sees, answers are recorded, an objection keeps it escalated;
 * - every screening records what it covered, and nothing is fast-tracked unscreened;
 * - escalations are listed, filtered, acknowledged and re-score a granted license.
 *
 * The lists: us-ofac owns the EU financial sanctions excerpt (imported: a list with an edition)
 * and designations entered directly. de-bafa sees all of them, jp-meti names and status only
 * (no listing details), gb-ofsi none at all.
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licenseApplications } from '../../src/db/schema/index.ts';
import { IMPORT_FORMATS } from '../../src/modules/imports/formats/index.ts';
import { importList } from '../../src/modules/imports/import.service.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { errorCodes, startTestHub, type As, type TestHub } from '../support/hub.ts';

const EU_EXCERPT = new URL('../../../shared/data/sanctions/eu/eu_fsf_excerpt_2026-08-05.xml', import.meta.url).pathname;
const haveData = fs.existsSync(EU_EXCERPT);
if (!haveData) console.warn(`skipping licensing loop tests: ${EU_EXCERPT} (the shared sanctions data) is not there`);

const BAFA = { agency: 'de-bafa', roles: ['licensing_officer'] } as const satisfies As;
const METI = { agency: 'jp-meti', roles: ['licensing_officer'] } as const satisfies As;
const OFSI = { agency: 'gb-ofsi', roles: ['licensing_officer'] } as const satisfies As;
const METI_VERIFIER = { agency: 'jp-meti', roles: ['verification_officer'] } as const satisfies As;
const OFAC = { agency: 'us-ofac', roles: ['analyst'] } as const satisfies As;

const AGREEMENTS: AgreementFile[] = [
  {
    id: 'ofac-lists-to-bafa',
    title: 'OFAC designations, whole, to BAFA',
    grantor: 'us-ofac',
    grantees: ['de-bafa'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['all'] }],
  },
  {
    id: 'ofac-names-to-meti',
    title: 'OFAC designated names and status, without listing details, to METI',
    grantor: 'us-ofac',
    grantees: ['jp-meti'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['identity', 'status'] }],
  },
  {
    id: 'bafa-denials-to-partners',
    title: 'BAFA denial notifications to METI and OFSI',
    grantor: 'de-bafa',
    grantees: ['jp-meti', 'gb-ofsi'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'DenialNotification', fields: ['party', 'denial'] }],
  },
  {
    id: 'bafa-assessments-to-ofsi',
    title: 'BAFA license summaries and assessments to OFSI',
    grantor: 'de-bafa',
    grantees: ['gb-ofsi'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'LicenseApplication', fields: ['summary', 'assessment'] }],
  },
];

const APPLICATION = `id version state lane riskScore reference recommendedAction
  riskFactors { code points description subject position reference }
  escalations { id kind partyPosition designationId detail recommendedAction acknowledgedAt acknowledgedBy resolution acknowledgementReason }
  transitions { action fromState toState actorAgencyId actorUserId triggeredByAgencyId triggeredByUserId reasonCode reason }
  consultations { id status answer overrideReason overriddenAt }
  screenedListVersion screenings { occasion listVersion candidateDesignations at lists { owner sourceList edition candidates } }`;

interface Transition {
  action: string;
  fromState: string | null;
  toState: string;
  actorAgencyId: string;
  actorUserId: string;
  triggeredByAgencyId: string | null;
  triggeredByUserId: string | null;
  reasonCode: string | null;
  reason: string | null;
}
interface Application {
  id: string;
  version: number;
  state: string;
  lane: string | null;
  riskScore: number | null;
  reference: string;
  recommendedAction: string | null;
  riskFactors: { code: string; points: number; description: string; subject: string; position: number | null; reference: string | null }[];
  escalations: {
    id: string;
    kind: string;
    partyPosition: number | null;
    designationId: string | null;
    detail: string;
    recommendedAction: string | null;
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
    resolution: string | null;
    acknowledgementReason: string | null;
  }[];
  transitions: Transition[];
  consultations: { id: string; status: string; answer: string | null; overrideReason: string | null; overriddenAt: string | null }[];
  screenedListVersion: string | null;
  screenings: { occasion: string; listVersion: string; candidateDesignations: number | null; at: string; lists: { owner: string; sourceList: string | null; edition: string | null; candidates: number }[] }[];
}

const party = (name: string, country: string, role = 'END_USER') => ({ role, name, country });
const lowRiskItem = { controlListCode: '5A002.a', description: 'Encrypting network router', quantity: 20, value: 48000, currency: 'EUR' };

describe.skipIf(!haveData)('licensing closes its loops', () => {
  let hub: TestHub;
  /** The user id a test token carries for an agency: what the history names as the officer. */
  let officerOf: (as: As) => Promise<string>;

  const must = async <T>(query: string, variables: Record<string, unknown>, as: As): Promise<T> => {
    const response = await hub.graphql<T>(query, variables, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!;
  };
  const create = async (input: Record<string, unknown>, as: As = BAFA) =>
    (
      await must<{ createLicenseApplication: Application }>(
        `mutation($input: CreateLicenseApplicationInput!) { createLicenseApplication(input: $input) { id version } }`,
        { input: { applicantName: 'Müller Netzwerktechnik GmbH', applicantCountry: 'DE', endUse: 'Office networking for a logistics company', marking: 'GREEN', ...input } },
        as,
      )
    ).createLicenseApplication;
  const submitted = async (input: Record<string, unknown>, as: As = BAFA) => {
    const draft = await create(input, as);
    return (
      await must<{ submitLicenseApplication: Application }>(
        `mutation($input: SubmitLicenseApplicationInput!) { submitLicenseApplication(input: $input) { ${APPLICATION} } }`,
        { input: { id: draft.id, expectedVersion: draft.version } },
        as,
      )
    ).submitLicenseApplication;
  };
  const act = (application: Pick<Application, 'id' | 'version'>, action: string, details: Record<string, unknown> = {}, as: As = BAFA) =>
    hub.graphql<{ actOnLicenseApplication: Application }>(
      `mutation($input: LicenseActionInput!) { actOnLicenseApplication(input: $input) { ${APPLICATION} } }`,
      { input: { id: application.id, expectedVersion: application.version, action, ...details } },
      as,
    );
  const acted = async (application: Pick<Application, 'id' | 'version'>, action: string, details: Record<string, unknown> = {}, as: As = BAFA) => {
    const response = await act(application, action, details, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.actOnLicenseApplication;
  };
  const fetchApplication = async (id: string, as: As = BAFA) =>
    (await must<{ licenseApplication: Application }>(`query($id: ID!) { licenseApplication(id: $id) { ${APPLICATION} } }`, { id }, as)).licenseApplication;
  const designate = async (input: Record<string, unknown>) =>
    (
      await must<{ createDesignation: { id: string } }>(
        `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`,
        { input: { subjectType: 'ENTITY', status: 'ACTIVE', marking: 'GREEN', ...input } },
        OFAC,
      )
    ).createDesignation;
  /** Polls until `done` holds (the license watch runs about every second); undefined after ~10 s. */
  const eventually = async (id: string, done: (application: Application) => boolean): Promise<Application | undefined> => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await fetchApplication(id);
      if (done(current)) return current;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return undefined;
  };

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
    await importList(hub.db, IMPORT_FORMATS['eu-fsf-xml']!.open(EU_EXCERPT), EU_EXCERPT, { owner: 'us-ofac', marking: 'GREEN' });
    await designate({ primaryName: 'Banco Nacional de Cuba', programs: ['CUBA'] });
    officerOf = async (as) => {
      const token = await hub.token((as as { agency: string }).agency, [...((as as { roles: string[] }).roles as never[])]);
      return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).sub as string;
    };
  }, 120_000);
  afterAll(() => hub?.stop());

  describe('5. who did what', () => {
    it('records screening and routing as the system, with the submitting officer alongside', async () => {
      const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Atelier Lumière Réseaux SARL', 'FR')] });
      const officer = await officerOf(BAFA);
      expect(application.transitions.map((t) => [t.action, t.actorAgencyId, t.actorUserId, t.triggeredByAgencyId, t.triggeredByUserId])).toEqual([
        ['submit', 'de-bafa', officer, null, null],
        ['startScreening', 'de-bafa', 'interlock:screening', 'de-bafa', officer],
        ['routeToFastTrack', 'de-bafa', 'interlock:screening', 'de-bafa', officer],
      ]);
      const approved = await acted(application, 'approve', { rationale: 'Commercial networking gear, EU end user.' });
      expect(approved.transitions.at(-1)).toMatchObject({ action: 'approve', actorUserId: officer, triggeredByUserId: null });
    });

    it('records an escalation from an adverse end-use outcome as the system, with the verification officer who recorded it', async () => {
      const application = await submitted({ destinationCountry: 'JP', items: [lowRiskItem], parties: [party('Kansai Precision Trading KK', 'JP')] });
      const check = (
        await must<{ requestEndUseCheck: { id: string; version: number } }>(
          `mutation($input: RequestEndUseCheckInput!) { requestEndUseCheck(input: $input) { id version } }`,
          { input: { applicationId: application.id, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti', marking: 'GREEN' } },
          BAFA,
        )
      ).requestEndUseCheck;
      await must(
        `mutation($input: RecordEndUseOutcomeInput!) { recordEndUseOutcome(input: $input) { id } }`,
        { input: { id: check.id, expectedVersion: check.version, outcome: 'UNFAVORABLE', outcomeDate: '2026-11-20', findings: 'A residential flat; no trading found.' } },
        METI_VERIFIER,
      );
      const escalated = await fetchApplication(application.id);
      expect(escalated.transitions.at(-1)).toMatchObject({
        action: 'escalate',
        actorAgencyId: 'de-bafa',
        actorUserId: 'interlock:automatic-escalation',
        triggeredByAgencyId: 'jp-meti',
        triggeredByUserId: await officerOf(METI_VERIFIER),
      });
    });

    it('records an expiry as the system, with the officer who granted the license and set its date', async () => {
      const approved = await acted(await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Expiring Licence SARL', 'FR')] }), 'approve', {
        rationale: 'ok',
        expiresOn: '2027-06-30',
      });
      // Time passes: the expiry date is now behind us.
      await hub.db.update(licenseApplications).set({ expiresOn: '2026-01-31' }).where(eq(licenseApplications.id, approved.id));
      const expired = await eventually(approved.id, (a) => a.state === 'EXPIRED');
      expect(expired?.transitions.at(-1)).toMatchObject({
        action: 'expire',
        actorUserId: 'interlock:expiry',
        triggeredByAgencyId: 'de-bafa',
        triggeredByUserId: await officerOf(BAFA),
        reasonCode: 'EXPIRY',
      });
    });
  });

  describe('4. officers find things', () => {
    it('looks an application up by its reference, as the caller may see it', async () => {
      const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Réseaux du Nord SARL', 'FR')] });
      expect(application.reference).toMatch(/^DE-BAFA-[0-9A-F]{8}$/);
      const byReference = `query($reference: String!) { licenseApplication(reference: $reference) { id reference state } }`;
      for (const reference of [application.reference, ` ${application.reference.toLowerCase()} `]) {
        const found = await must<{ licenseApplication: { id: string } }>(byReference, { reference }, BAFA);
        expect(found.licenseApplication).toMatchObject({ id: application.id, reference: application.reference, state: 'FAST_TRACK' });
      }
      // An application the caller may not see is not found by reference either, like an unknown one.
      const unseen = await hub.graphql(byReference, { reference: application.reference }, METI);
      const unknown = await hub.graphql(byReference, { reference: 'DE-BAFA-00000000' }, BAFA);
      expect(errorCodes(unseen)).toEqual(['NOT_FOUND']);
      expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.graphql(byReference, { reference: 'not a reference' }, BAFA))).toEqual(['NOT_FOUND']);
      const both = await hub.graphql(`query($id: ID, $reference: String) { licenseApplication(id: $id, reference: $reference) { id } }`, { id: application.id, reference: application.reference }, BAFA);
      expect(errorCodes(both)).toEqual(['BAD_USER_INPUT']);
    });

    it('names owner, list and program of a matched designation where released, and nothing withheld', async () => {
      const input = { destinationCountry: 'AE', items: [{ controlListCode: '1C350', description: 'Precursor chemicals', quantity: 100 }], parties: [party('Parchin Chemical Industries', 'IR')] };
      const atBafa = await submitted(input, BAFA);
      const bafaMatch = atBafa.riskFactors.find((f) => f.code === 'SANCTIONS_MATCH');
      expect(bafaMatch?.description).toMatch(/^end user "Parchin Chemical Industries" matches designation [0-9a-f-]{36} of us-ofac on list EU-FSF under program IRN/);
      // METI is given the names and status of OFAC's designations, not the listing details.
      const atMeti = await submitted(input, METI);
      const metiMatch = atMeti.riskFactors.find((f) => f.code === 'SANCTIONS_MATCH');
      expect(metiMatch?.description).toMatch(/^end user "Parchin Chemical Industries" matches designation [0-9a-f-]{36} of us-ofac( as|\s\(score)/);
      expect(metiMatch?.description).not.toMatch(/EU-FSF|IRN/);
    });

    it('gives the agency performing an end-use check exactly the party, items and destination it needs, on the check', async () => {
      const application = await submitted({
        destinationCountry: 'JP',
        items: [lowRiskItem, { controlListCode: '3A001.b.4', description: 'Microwave amplifiers', quantity: 3, unit: 'pieces' }],
        parties: [{ ...party('Osaka Microwave Trading KK', 'JP'), address: '1-2-3 Umeda, Osaka' }, party('Kobe Freight KK', 'JP', 'CONSIGNEE')],
      });
      const requested = await must<{ requestEndUseCheck: { id: string } }>(
        `mutation($input: RequestEndUseCheckInput!) { requestEndUseCheck(input: $input) { id } }`,
        { input: { applicationId: application.id, partyPosition: 0, kind: 'POST_SHIPMENT_VERIFICATION', performingAgencyId: 'jp-meti', marking: 'GREEN' } },
        BAFA,
      );
      const check = await hub.graphql<{ endUseCheck: Record<string, unknown> }>(
        `query($id: ID!) { endUseCheck(id: $id) { partyName partyCountry partyAddress destinationCountry items { controlListCode description quantity unit } application { id } } }`,
        { id: requested.requestEndUseCheck.id },
        METI_VERIFIER,
      );
      expect(check.errors).toBeUndefined();
      expect(check.data!.endUseCheck).toEqual({
        partyName: 'Osaka Microwave Trading KK',
        partyCountry: 'JP',
        partyAddress: '1-2-3 Umeda, Osaka',
        destinationCountry: 'JP',
        items: [
          { controlListCode: '5A002.a', description: 'Encrypting network router', quantity: 20, unit: null },
          { controlListCode: '3A001.b.4', description: 'Microwave amplifiers', quantity: 3, unit: 'pieces' },
        ],
        // The application itself stays BAFA's: nothing else of it (its other party, values, applicant) travels.
        application: null,
      });
    });
  });

  describe('1. no undercut, enforced', () => {
    const uavs = { controlListCode: '9A012', description: 'UAV airframes', quantity: 10 };
    const respelled = { destinationCountry: 'TR', endUse: 'Agricultural survey drones', items: [{ ...uavs, controlListCode: '9A012.a', quantity: 2 }], parties: [party('Bosporus Dynamic Systems Ltd', 'TR')] };
    const CONSULTATIONS = `{ denialConsultations(first: 100) { edges { node { id status applicationId answer response answeredBy partyName partyCountry controlListCodes endUse overriddenAt overriddenBy overrideReason consultingAgency { id } } } } }`;
    type Consultation = Record<string, unknown> & { id: string; applicationId: string };
    const consultationsOf = async (as: As) =>
      (await must<{ denialConsultations: { edges: { node: Consultation }[] } }>(CONSULTATIONS, {}, as)).denialConsultations.edges.map((e) => e.node);
    const answer = (id: string, kind: string, as: As = BAFA) =>
      hub.graphql(`mutation($input: AnswerDenialConsultationInput!) { answerDenialConsultation(input: $input) { id status answer } }`, { input: { id, answer: kind, response: `BAFA's position: ${kind}` } }, as);

    beforeAll(async () => {
      const denied = await acted(
        await submitted({ destinationCountry: 'TR', items: [uavs], parties: [party('Bosphorus Dynamic Systems', 'TR')] }),
        'deny',
        { rationale: 'Diversion risk to a third country.', denialReason: 'DIVERSION_RISK' },
      );
      await must(`mutation($input: NotifyDenialInput!) { notifyDenial(input: $input) { id } }`, { input: { applicationId: denied.id, validUntil: '2029-12-31', marking: 'GREEN' } }, BAFA);
    });

    it('refuses an approval while the consultation is open, naming it; approves with an override reason the denying agency sees', async () => {
      const atMeti = await submitted(respelled, METI);
      expect(atMeti.state).toBe('ESCALATED');
      const [consultation] = atMeti.consultations;
      expect(consultation).toMatchObject({ status: 'REQUESTED', answer: null });
      for (const action of ['approve', 'approveWithConditions']) {
        const refused = await act(atMeti, action, { rationale: 'Looks fine.', conditions: action === 'approve' ? null : ['No re-export.'] }, METI);
        expect(errorCodes(refused), action).toEqual(['CONFLICT']);
        expect(refused.errors![0]!.message).toContain(`consultation ${consultation!.id} with de-bafa (awaiting its answer)`);
        expect(refused.errors![0]!.extensions).toMatchObject({ consultationIds: consultation!.id });
      }
      expect((await fetchApplication(atMeti.id, METI)).version).toBe(atMeti.version);

      // The denying agency sees what it needs to answer, from the consultation, and nothing else of the application.
      const seenByBafa = (await consultationsOf(BAFA)).find((c) => c.applicationId === atMeti.id);
      expect(seenByBafa).toMatchObject({ partyName: 'Bosporus Dynamic Systems Ltd', partyCountry: 'TR', controlListCodes: ['9A012.a'], endUse: 'Agricultural survey drones', consultingAgency: { id: 'jp-meti' } });
      expect(errorCodes(await hub.graphql(`query($id: ID!) { licenseApplication(id: $id) { id } }`, { id: atMeti.id }, BAFA))).toEqual(['NOT_FOUND']);
      expect((await consultationsOf(OFSI)).map((c) => c.applicationId)).not.toContain(atMeti.id);

      const override = 'Survey drones for a ministry of agriculture, verified by our embassy; different end use from the denial.';
      const approved = await acted(atMeti, 'approve', { rationale: 'Civil end use verified.', consultationOverrideReason: override }, METI);
      expect(approved.state).toBe('APPROVED');
      expect(approved.transitions.slice(-2).map((t) => [t.action, t.fromState, t.toState, t.reasonCode])).toEqual([
        ['overrideConsultation', 'ESCALATED', 'ESCALATED', 'CONSULTATION'],
        ['approve', 'ESCALATED', 'APPROVED', 'OFFICER_RATIONALE'],
      ]);
      expect(approved.transitions.at(-2)!.reason).toContain(override);
      const told = (await consultationsOf(BAFA)).find((c) => c.applicationId === atMeti.id);
      expect(told).toMatchObject({ status: 'REQUESTED', overrideReason: override, overriddenBy: `jp-meti:${await officerOf(METI)}`, overriddenAt: expect.any(String) });
    });

    it('records the denying agency\'s objection in the history and keeps the application escalated and unapprovable without an override', async () => {
      const atMeti = await submitted(respelled, METI);
      const consultationId = atMeti.consultations[0]!.id;
      expect(errorCodes(await answer(consultationId, 'UPHELD', METI))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await answer(consultationId, 'UPHELD', OFSI))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await answer(consultationId, 'UPHELD'))).toEqual([]);
      expect(errorCodes(await answer(consultationId, 'NO_OBJECTION'))).toEqual(['CONFLICT']);

      const objected = await fetchApplication(atMeti.id, METI);
      expect(objected).toMatchObject({ state: 'ESCALATED', lane: 'ESCALATED' });
      expect(objected.consultations[0]).toMatchObject({ status: 'ANSWERED', answer: 'UPHELD' });
      expect(objected.transitions.at(-1)).toMatchObject({
        action: 'answerConsultation',
        fromState: 'ESCALATED',
        toState: 'ESCALATED',
        actorAgencyId: 'de-bafa',
        actorUserId: await officerOf(BAFA),
        reasonCode: 'CONSULTATION',
        reason: `consultation ${consultationId}: de-bafa answered UPHELD`,
      });
      const refused = await act(objected, 'approve', { rationale: 'Looks fine.' }, METI);
      expect(errorCodes(refused)).toEqual(['CONFLICT']);
      expect(refused.errors![0]!.message).toContain(`${consultationId} with de-bafa (denial upheld)`);
    });

    it('lets an application the denying agency does not object to be approved, and refuses an override with nothing to override', async () => {
      const atMeti = await submitted(respelled, METI);
      expect(errorCodes(await answer(atMeti.consultations[0]!.id, 'NO_OBJECTION'))).toEqual([]);
      const current = await fetchApplication(atMeti.id, METI);
      expect(current.transitions.at(-1)).toMatchObject({ action: 'answerConsultation', reason: expect.stringContaining('NO_OBJECTION') });
      const needless = await act(current, 'approve', { rationale: 'ok', consultationOverrideReason: 'just in case' }, METI);
      expect(errorCodes(needless)).toEqual(['BAD_USER_INPUT']);
      expect(needless.errors![0]!.extensions).toMatchObject({ field: 'input.consultationOverrideReason' });
      expect(errorCodes(await act(current, 'deny', { rationale: 'no', denialReason: 'OTHER', consultationOverrideReason: 'x' }, METI))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await act(current, 'answerConsultation', {}, METI))).toEqual(['BAD_USER_INPUT']);
      expect((await acted(current, 'approve', { rationale: 'No objection from the denying agency.' }, METI)).state).toBe('APPROVED');
    });
  });

  describe('2. screening coverage', () => {
    it('records what each screening covered: lists with owner, source list and edition, candidates, list version and time', async () => {
      const before = Date.now();
      const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Coverage Réseaux SARL', 'FR')] });
      expect(application.screenings).toHaveLength(1);
      const [screening] = application.screenings;
      expect(screening).toMatchObject({ occasion: 'SUBMISSION', listVersion: application.screenedListVersion });
      expect(Date.parse(screening!.at)).toBeGreaterThanOrEqual(before - 1_000);
      expect(screening!.lists).toEqual([
        { owner: 'us-ofac', sourceList: null, edition: null, candidates: expect.any(Number) },
        { owner: 'us-ofac', sourceList: 'EU-FSF', edition: '2026-08-05', candidates: 5 },
      ]);
      expect(screening!.candidateDesignations).toBe(screening!.lists.reduce((sum, list) => sum + list.candidates, 0));
      expect(application.lane).toBe('FAST_TRACK');

      // METI is not given the source list: its designations count, under no list name.
      const atMeti = await submitted({ destinationCountry: 'JP', items: [lowRiskItem], parties: [party('Coverage Trading KK', 'JP')] }, METI);
      expect(atMeti.screenings[0]!.lists).toEqual([{ owner: 'us-ofac', sourceList: null, edition: null, candidates: screening!.candidateDesignations }]);
    });

    it('never fast-tracks an application screened against no sanctions list, and says why with the risk factors', async () => {
      // OFSI sees no designations at all: "Banco Nacional de Cuba" cannot match anything it sees.
      const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Banco Nacional de Cuba', 'CU')] }, OFSI);
      expect(application.lane).not.toBe('FAST_TRACK');
      expect(application.screenings[0]).toMatchObject({ lists: [], candidateDesignations: 0 });
      expect(application.riskFactors).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'NO_SANCTIONS_LIST', points: 0, description: expect.stringContaining('screened against no sanctions list') })]),
      );
      // Clean otherwise: at BAFA, which sees OFAC's list, the same end user is found.
      const atBafa = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Banco Nacional de Cuba', 'CU')] });
      expect(atBafa.riskFactors.map((f) => f.code)).toContain('SANCTIONS_MATCH');
      expect(atBafa.riskFactors.map((f) => f.code)).not.toContain('NO_SANCTIONS_LIST');
    });

    it('tells a partner reading the assessment only about its own lists', async () => {
      const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Partner View SARL', 'FR')] });
      const seen = await must<{ licenseApplication: Pick<Application, 'screenings'> }>(
        `query($id: ID!) { licenseApplication(id: $id) { screenings { listVersion candidateDesignations lists { owner } } } }`,
        { id: application.id },
        OFSI,
      );
      expect(seen.licenseApplication.screenings).toEqual([{ listVersion: application.screenings[0]!.listVersion, candidateDesignations: null, lists: [] }]);
    });
  });

  describe('3. escalations are worked', () => {
    let flagged: Application;

    beforeAll(async () => {
      const approved = await acted(await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Zephyrine Aerostructures Holding', 'FR')] }), 'approve', {
        rationale: 'Clean at submission.',
      });
      expect(approved).toMatchObject({ state: 'APPROVED', lane: 'FAST_TRACK', riskScore: 0, recommendedAction: null });
      await designate({ primaryName: 'ZEPHYRINE AERO STRUCTURES HOLDING', programs: ['RUSSIA-EO14024'] });
      const rescored = await eventually(approved.id, (a) => a.escalations.length > 0 && a.recommendedAction !== null);
      expect(rescored, 'the license watch flagged and re-scored the license').toBeDefined();
      flagged = rescored!;
    }, 30_000);

    it('re-scores a granted license a new listing matches, and recommends an action visibly, keeping its state', () => {
      const [escalation] = flagged.escalations;
      expect(flagged).toMatchObject({ state: 'APPROVED', lane: 'ESCALATED' });
      expect(flagged.riskScore).toBeGreaterThan(0);
      expect(['SUSPEND', 'REVIEW']).toContain(flagged.recommendedAction);
      expect(escalation).toMatchObject({ kind: 'DESIGNATION_MATCH', recommendedAction: flagged.recommendedAction, acknowledgedAt: null });
      const factor = flagged.riskFactors.find((f) => f.code === 'POST_DECISION_ESCALATION');
      expect(factor).toMatchObject({ points: flagged.riskScore, description: expect.stringContaining(`recommended action ${flagged.recommendedAction}`) });
    });

    it('lists applications by open escalation, its reason, lane, risk and party text, each only as far as released', async () => {
      const LIST = `query($hasOpenEscalations: Boolean, $escalationReason: EscalationKind, $lane: [ReviewLane!], $riskAtLeast: Int, $party: String) {
        licenseApplications(first: 500, hasOpenEscalations: $hasOpenEscalations, escalationReason: $escalationReason, lane: $lane, riskAtLeast: $riskAtLeast, party: $party) {
          totalCount edges { node { id } } } }`;
      const ids = async (filter: Record<string, unknown>, as: As = BAFA) => {
        const page = (await must<{ licenseApplications: { totalCount: number; edges: { node: { id: string } }[] } }>(LIST, filter, as)).licenseApplications;
        expect(page.totalCount).toBe(page.edges.length);
        return page.edges.map((e) => e.node.id);
      };
      const score = flagged.riskScore!;
      for (const filter of [{ hasOpenEscalations: true }, { escalationReason: 'DESIGNATION_MATCH' }, { lane: ['ESCALATED'] }, { riskAtLeast: score }, { party: 'zephyrine aero' }]) {
        expect(await ids(filter), JSON.stringify(filter)).toContain(flagged.id);
      }
      for (const filter of [{ hasOpenEscalations: false }, { escalationReason: 'UNFAVORABLE_VERIFICATION' }, { lane: ['FAST_TRACK'] }, { riskAtLeast: score + 1 }, { party: 'nowhere industries' }]) {
        expect(await ids(filter), JSON.stringify(filter)).not.toContain(flagged.id);
      }
      // OFSI is given BAFA's summaries and assessments, not the parties: the escalation filters work, the party text reads nothing.
      expect(await ids({ hasOpenEscalations: true, lane: ['ESCALATED'] }, OFSI)).toContain(flagged.id);
      expect(await ids({ party: 'zephyrine' }, OFSI)).toEqual([]);
    });

    it('acknowledges an escalation against the version read, records it, and clears the recommendation', async () => {
      const escalation = flagged.escalations[0]!;
      const ACK = `mutation($input: AcknowledgeEscalationInput!) { acknowledgeEscalation(input: $input) { ${APPLICATION} } }`;
      const input = { id: escalation.id, expectedVersion: flagged.version, resolution: 'ACTION_TAKEN', reason: 'Licensee told to stop shipments; suspension follows.' };
      const stale = await hub.graphql(ACK, { input: { ...input, expectedVersion: flagged.version - 1 } }, BAFA);
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      expect(stale.errors![0]!.extensions).toMatchObject({ expectedVersion: flagged.version - 1, currentVersion: flagged.version });
      expect(errorCodes(await hub.graphql(ACK, { input }, OFSI))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await hub.graphql(ACK, { input }, METI))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.graphql(ACK, { input: { ...input, reason: '  ' } }, BAFA))).toEqual(['BAD_USER_INPUT']);

      const acknowledged = (await must<{ acknowledgeEscalation: Application }>(ACK, { input }, BAFA)).acknowledgeEscalation;
      expect(acknowledged).toMatchObject({ state: 'APPROVED', version: flagged.version + 1, recommendedAction: null });
      expect(acknowledged.escalations[0]).toMatchObject({
        resolution: 'ACTION_TAKEN',
        acknowledgementReason: input.reason,
        acknowledgedBy: `de-bafa:${await officerOf(BAFA)}`,
        acknowledgedAt: expect.any(String),
      });
      expect(acknowledged.transitions.at(-1)).toMatchObject({
        action: 'acknowledgeEscalation',
        fromState: 'APPROVED',
        toState: 'APPROVED',
        reasonCode: 'ACKNOWLEDGEMENT',
        reason: `escalation ${escalation.id} (DESIGNATION_MATCH) closed as ACTION_TAKEN: ${input.reason}`,
      });
      const again = await hub.graphql(ACK, { input: { ...input, expectedVersion: acknowledged.version } }, BAFA);
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      const open = await must<{ licenseApplications: { edges: { node: { id: string } }[] } }>(
        `{ licenseApplications(first: 500, hasOpenEscalations: false) { edges { node { id } } } }`,
        {},
        BAFA,
      );
      expect(open.licenseApplications.edges.map((e) => e.node.id)).toContain(flagged.id);
    });
  });
});
