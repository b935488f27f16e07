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
import { startTestHub, type As, type TestHub } from '../support/hub.ts';

const EU_EXCERPT = new URL('../../../shared/data/sanctions/eu/eu_fsf_excerpt_2026-08-05.xml', import.meta.url).pathname;
const haveData = fs.existsSync(EU_EXCERPT);
if (!haveData) console.warn(`skipping licensing loop tests: ${EU_EXCERPT} (the shared sanctions data) is not there`);

const BAFA = { agency: 'de-bafa', roles: ['licensing_officer'] } as const satisfies As;
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
];

const APPLICATION = `id version state lane riskScore reference
  riskFactors { code points description subject position reference }
  escalations { id kind partyPosition designationId detail }
  transitions { action fromState toState actorAgencyId actorUserId triggeredByAgencyId triggeredByUserId reasonCode reason }`;

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
  screenings: { occasion: string; listVersion: string; candidateDesignations: number; at: string; lists: { owner: string; sourceList: string | null; edition: string | null; candidates: number }[] }[];
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
});
