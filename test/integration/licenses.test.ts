/**
 * License applications over HTTP, end to end: creation and idempotent submission, screening
 * against the real OFAC SDN list (read from ../shared, never copied) routing to the fast track
 * or escalation, decisions and every kind of illegal move, concurrent decisions, automatic
 * escalation when a designation appears after approval, "no undercut" across two agencies,
 * and an end-use check's outcome feeding back into screening.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licenseApplications } from '../../src/db/schema/index.ts';
import { IMPORT_FORMATS } from '../../src/modules/imports/formats/index.ts';
import { importList } from '../../src/modules/imports/import.service.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { errorCodes, startTestHub, type As, type TestHub } from '../support/hub.ts';

const SHARED = new URL('../../../shared/data/sanctions/', import.meta.url).pathname;
const haveData = fs.existsSync(SHARED);
if (!haveData) console.warn(`skipping license tests: ${SHARED} (the shared sanctions data) is not there`);

const BAFA = { agency: 'de-bafa', roles: ['licensing_officer'] } as const satisfies As;
const BAFA_ANALYST = { agency: 'de-bafa', roles: ['analyst'] } as const satisfies As;
const METI = { agency: 'jp-meti', roles: ['licensing_officer'] } as const satisfies As;
const METI_VERIFIER = { agency: 'jp-meti', roles: ['verification_officer'] } as const satisfies As;
const OFAC = { agency: 'us-ofac', roles: ['analyst'] } as const satisfies As;

const AGREEMENTS: AgreementFile[] = [
  {
    id: 'ofac-lists-to-licensing',
    title: 'OFAC designations to licensing partners',
    grantor: 'us-ofac',
    grantees: ['de-bafa', 'jp-meti'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['all'] }],
  },
  {
    id: 'bafa-approved-licenses-to-ofsi',
    title: 'BAFA approved licenses, summaries only, to OFSI',
    grantor: 'de-bafa',
    grantees: ['gb-ofsi'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'LicenseApplication', fields: ['summary', 'parties'], where: { state: ['APPROVED', 'APPROVED_WITH_CONDITIONS'] } }],
  },
  {
    id: 'bafa-denials-to-meti',
    title: 'BAFA denial notifications to METI',
    grantor: 'de-bafa',
    grantees: ['jp-meti'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'DenialNotification', fields: ['party', 'denial'] }],
  },
];

const APPLICATION_FIELDS = `id version state lane riskScore screenedListVersion reference
  riskFactors { code points description subject position reference }
  escalations { kind partyPosition designationId denialNotificationId endUseCheckId detail }
  transitions { action fromState toState actorAgencyId actorUserId reason }
  decisionRationale conditions oversightConditions denialReason reviewDate expiresOn`;

interface Application {
  id: string;
  version: number;
  state: string;
  lane: string | null;
  riskScore: number | null;
  riskFactors: { code: string; points: number; subject: string; position: number | null; reference: string | null }[];
  escalations: { kind: string; partyPosition: number | null; designationId: string | null; denialNotificationId: string | null; endUseCheckId: string | null; detail: string }[];
  transitions: { action: string; fromState: string | null; toState: string; actorAgencyId: string; actorUserId: string; reason: string | null }[];
  screenedListVersion: string | null;
}

const party = (name: string, country: string, role = 'END_USER') => ({ role, name, country });
const lowRiskItem = { controlListCode: '5A002.a', description: 'Encrypting network router', quantity: 20, value: 48000, currency: 'EUR' };

describe.skipIf(!haveData)('license applications', () => {
  let hub: TestHub;

  const create = async (input: Record<string, unknown>, as: As = BAFA) => {
    const response = await hub.graphql<{ createLicenseApplication: Application }>(
      `mutation($input: CreateLicenseApplicationInput!) { createLicenseApplication(input: $input) { ${APPLICATION_FIELDS} } }`,
      { input: { applicantName: 'Müller Netzwerktechnik GmbH', applicantCountry: 'DE', endUse: 'Office networking for a logistics company', marking: 'GREEN', ...input } },
      as,
    );
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.createLicenseApplication;
  };
  const submit = (application: Pick<Application, 'id' | 'version'>, as: As = BAFA, idempotencyKey?: string) =>
    hub.graphql<{ submitLicenseApplication: Application }>(
      `mutation($input: SubmitLicenseApplicationInput!) { submitLicenseApplication(input: $input) { ${APPLICATION_FIELDS} } }`,
      { input: { id: application.id, expectedVersion: application.version, idempotencyKey } },
      as,
    );
  const submitted = async (input: Record<string, unknown>, as: As = BAFA) => {
    const response = await submit(await create(input, as), as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.submitLicenseApplication;
  };
  const act = (application: Pick<Application, 'id' | 'version'>, action: string, details: Record<string, unknown> = {}, as: As = BAFA) =>
    hub.graphql<{ actOnLicenseApplication: Application }>(
      `mutation($input: LicenseActionInput!) { actOnLicenseApplication(input: $input) { ${APPLICATION_FIELDS} } }`,
      { input: { id: application.id, expectedVersion: application.version, action, ...details } },
      as,
    );
  const acted = async (application: Pick<Application, 'id' | 'version'>, action: string, details: Record<string, unknown> = {}, as: As = BAFA) => {
    const response = await act(application, action, details, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.actOnLicenseApplication;
  };
  const fetchApplication = async (id: string, as: As = BAFA) =>
    (await hub.graphql<{ licenseApplication: Application }>(`query($id: ID!) { licenseApplication(id: $id) { ${APPLICATION_FIELDS} } }`, { id }, as)).data!
      .licenseApplication;

  /** The application once the license watch (polling every second or so) has flagged it; undefined after ~10 s. */
  const escalatedByTheWatch = async (id: string): Promise<Application | undefined> => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await fetchApplication(id);
      if (current.escalations.length > 0) return current;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return undefined;
  };

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
    const file = path.join(SHARED, 'ofac/sdn_csv_2024-05-03/sdn.csv');
    await importList(hub.db, IMPORT_FORMATS['ofac-csv']!.open(file), file, { owner: 'us-ofac', marking: 'GREEN' });
  }, 240_000);
  afterAll(() => hub?.stop());

  it('fast-tracks a clean, low-risk application and records every step with who and why', async () => {
    const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Atelier Lumière Réseaux SARL', 'FR')] });
    expect(application).toMatchObject({ state: 'FAST_TRACK', lane: 'FAST_TRACK', riskScore: 0, riskFactors: [] });
    expect(application.screenedListVersion).toMatch(/^designations@[0-9a-f]{32}$/);
    expect(application.transitions.map((t) => [t.action, t.fromState, t.toState])).toEqual([
      ['submit', 'DRAFT', 'SUBMITTED'],
      ['startScreening', 'SUBMITTED', 'SCREENING'],
      ['routeToFastTrack', 'SCREENING', 'FAST_TRACK'],
    ]);
    expect(application.transitions.every((t) => t.actorAgencyId === 'de-bafa' && t.actorUserId.length > 0)).toBe(true);

    const approved = await acted(application, 'approve', { rationale: 'Standard commercial networking equipment, EU end user.', expiresOn: '2028-12-31' });
    expect(approved).toMatchObject({ state: 'APPROVED', decisionRationale: 'Standard commercial networking equipment, EU end user.', expiresOn: '2028-12-31' });
    expect(approved.transitions.at(-1)).toMatchObject({ action: 'approve', fromState: 'FAST_TRACK', toState: 'APPROVED', reason: expect.stringContaining('Standard') });
  });

  it('escalates an application whose end user is a listed entity under another spelling', async () => {
    const application = await submitted({
      destinationCountry: 'AE',
      items: [{ controlListCode: '9A012', description: 'UAV airframes', quantity: 4 }],
      parties: [party('Rosoboronexport', 'RU'), party('Gulf Star Trading FZE', 'AE', 'CONSIGNEE')],
    });
    expect(application.state).toBe('ESCALATED');
    const sanctions = application.riskFactors.filter((f) => f.code === 'SANCTIONS_MATCH');
    expect(sanctions).toHaveLength(1);
    expect(sanctions[0]).toMatchObject({ subject: 'PARTY', position: 0 });
    expect(sanctions[0]!.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(application.riskFactors.map((f) => f.code)).toEqual(expect.arrayContaining(['DESTINATION_TIER', 'ITEM_SENSITIVITY', 'PARTY_COUNTRY_TIER']));
    expect(application.riskScore).toBeGreaterThanOrEqual(50);
  });

  it('routes to standard review when items or destination are not low-risk although nothing is flagged', async () => {
    const application = await submitted({
      destinationCountry: 'TR',
      items: [{ controlListCode: '6A003', description: 'Thermal cameras', quantity: 2 }],
      parties: [party('Anatolia Optik Sanayi', 'TR')],
    });
    expect(application).toMatchObject({ state: 'STANDARD_REVIEW', lane: 'STANDARD_REVIEW' });
  });

  it('returns the first result for a retried submission, and refuses a key reused for another request', async () => {
    const draft = await create({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Réseaux du Nord', 'FR')] });
    const first = await submit(draft, BAFA, 'submit-42');
    const retry = await submit(draft, BAFA, 'submit-42');
    expect(first.errors).toBeUndefined();
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.submitLicenseApplication.id).toBe(first.data!.submitLicenseApplication.id);
    expect(retry.data!.submitLicenseApplication.transitions).toHaveLength(3);
    const other = await create({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Réseaux du Sud', 'FR')] });
    expect(errorCodes(await submit(other, BAFA, 'submit-42'))).toEqual(['CONFLICT']);

    // A retried create with the same key makes one application, not two.
    const input = { applicantName: 'Idem GmbH', destinationCountry: 'FR', endUse: 'x', items: [lowRiskItem], parties: [party('Idem SAS', 'FR')], idempotencyKey: 'create-7' };
    const mutation = `mutation($input: CreateLicenseApplicationInput!) { createLicenseApplication(input: $input) { id } }`;
    const [a, b] = await Promise.all([hub.graphql<{ createLicenseApplication: { id: string } }>(mutation, { input }, BAFA), hub.graphql<{ createLicenseApplication: { id: string } }>(mutation, { input }, BAFA)]);
    expect(a.data!.createLicenseApplication.id).toBe(b.data!.createLicenseApplication.id);
  });

  it('refuses every illegal move with a CONFLICT naming the current state, and changes nothing', async () => {
    const draft = await create({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Illegal Moves SA', 'FR')] });
    for (const action of ['approve', 'deny', 'appeal', 'suspend', 'revoke', 'reinstate', 'escalate', 'upholdDenial']) {
      const details = action === 'deny' ? { rationale: 'r', denialReason: 'OTHER' } : action === 'appeal' ? { appealGrounds: 'g' } : { rationale: 'r' };
      const response = await act(draft, action, details);
      expect(errorCodes(response), action).toEqual(['CONFLICT']);
      expect(response.errors![0]!.message, action).toContain('DRAFT');
    }
    const unchanged = await fetchApplication(draft.id);
    expect(unchanged).toMatchObject({ state: 'DRAFT', version: draft.version, transitions: [] });

    const denied = await acted(await submitted({ destinationCountry: 'TR', items: [lowRiskItem], parties: [party('Denied Moves Ltd', 'TR')] }), 'deny', {
      rationale: 'End user could not be verified.',
      denialReason: 'INSUFFICIENT_INFORMATION',
    });
    for (const action of ['approve', 'suspend', 'revoke', 'withdraw', 'overturnDenial']) {
      const response = await act(denied, action, action === 'suspend' || action === 'revoke' || action === 'approve' || action === 'overturnDenial' ? { rationale: 'r' } : {});
      expect(errorCodes(response), action).toEqual(['CONFLICT']);
      expect(response.errors![0]!.message).toContain('DENIED');
    }
    // Submission moves are the workflow's own, and details that do not fit an action name their field.
    expect(errorCodes(await act(denied, 'routeToFastTrack'))).toEqual(['BAD_USER_INPUT']);
    const missing = await act(denied, 'appeal', {});
    expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
    expect(missing.errors![0]!.extensions!.field).toBe('input.appealGrounds');
    const appealed = await acted(denied, 'appeal', { appealGrounds: 'New end-user statement attached.' });
    const upheld = await acted(appealed, 'upholdDenial', { rationale: 'Statement does not name the final consignee.' });
    expect(upheld.state).toBe('APPEAL_UPHELD');
    expect(errorCodes(await act(upheld, 'appeal', { appealGrounds: 'again' }))).toEqual(['CONFLICT']);
  });

  it('lets exactly one of two concurrent decisions win; the other gets CONFLICT', async () => {
    const application = await submitted({ destinationCountry: 'TR', items: [lowRiskItem], parties: [party('Concurrent Decisions AS', 'TR')] });
    const [approve, deny] = await Promise.all([
      act(application, 'approve', { rationale: 'fine' }),
      act(application, 'deny', { rationale: 'not fine', denialReason: 'DIVERSION_RISK' }),
    ]);
    const outcomes = [approve, deny].map((r) => (r.errors ? errorCodes(r)[0] : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const final = await fetchApplication(application.id);
    expect(final.version).toBe(application.version + 1);
    expect(final.transitions.filter((t) => t.action === 'approve' || t.action === 'deny')).toHaveLength(1);
  });

  it('checks roles and ownership: analysts cannot decide, other agencies cannot see or act', async () => {
    const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Roles Check SAS', 'FR')] });
    expect(errorCodes(await act(application, 'approve', { rationale: 'x' }, BAFA_ANALYST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await act(application, 'approve', { rationale: 'x' }, METI))).toEqual(['NOT_FOUND']);
    const invisible = await hub.graphql(`query($id: ID!) { licenseApplication(id: $id) { id } }`, { id: application.id }, METI);
    expect(errorCodes(invisible)).toEqual(['NOT_FOUND']);
    const bad = await hub.graphql(
      `mutation($input: CreateLicenseApplicationInput!) { createLicenseApplication(input: $input) { id } }`,
      { input: { applicantName: ' ', destinationCountry: 'FR', endUse: 'x', items: [{ ...lowRiskItem, quantity: -1 }], parties: [party('Only Consignee', 'FR', 'CONSIGNEE')] } },
      BAFA,
    );
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions!.fields).toBe('input.applicantName,input.items[0].quantity,input.parties');
  });

  it('shares applications with partners field by field, per agreement conditions', async () => {
    const OFSI = { agency: 'gb-ofsi', roles: ['analyst'] } as const satisfies As;
    const pending = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Shared View SARL', 'FR')] });
    const approved = await acted(
      await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Shared View Two SARL', 'FR')] }),
      'approveWithConditions',
      { rationale: 'ok', conditions: ['No re-export without consent.'] },
    );
    const query = `query($id: ID!) { licenseApplication(id: $id) { id state owner { id } marking parties { name } riskScore conditions transitions { action } } }`;
    expect(errorCodes(await hub.graphql(query, { id: pending.id }, OFSI))).toEqual(['NOT_FOUND']);
    const seen = await hub.graphql<{ licenseApplication: Record<string, unknown> }>(query, { id: approved.id }, OFSI);
    expect(seen.data!.licenseApplication).toMatchObject({
      id: approved.id,
      state: 'APPROVED_WITH_CONDITIONS',
      owner: { id: 'de-bafa' },
      marking: 'GREEN',
      parties: [{ name: 'Shared View Two SARL' }],
      riskScore: null,
      conditions: null,
      transitions: null,
    });
    expect(new Set(errorCodes(seen))).toEqual(new Set(['FORBIDDEN']));
    expect(seen.errors!.map((e) => e.path!.at(-1)).sort()).toEqual(['conditions', 'riskScore', 'transitions']);
  });

  it('escalates an approved license when a matching designation is added later, without re-screening', async () => {
    const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Zephyrine Aerostructures Holding', 'FR')] });
    const approved = await acted(application, 'approve', { rationale: 'Clean at submission.' });
    const created = await hub.graphql<{ createDesignation: { id: string } }>(
      `mutation { createDesignation(input: { subjectType: ENTITY, primaryName: "ZEPHYRINE AERO STRUCTURES HOLDING", status: ACTIVE, marking: GREEN, programs: ["RUSSIA-EO14024"] }) { id } }`,
      {},
      OFAC,
    );
    expect(created.errors).toBeUndefined();
    const flagged = await escalatedByTheWatch(approved.id);
    expect(flagged, 'the license watch flagged the license').toBeDefined();
    expect(flagged!.escalations[0]).toMatchObject({ kind: 'DESIGNATION_MATCH', partyPosition: 0, designationId: created.data!.createDesignation.id });
    // Granted licenses keep their state: the move is recorded, suspending is the officer's call.
    expect(flagged!.state).toBe('APPROVED');
    expect(flagged!.transitions.at(-1)).toMatchObject({ action: 'escalate', fromState: 'APPROVED', toState: 'APPROVED', actorUserId: 'interlock:automatic-escalation' });
  });

  it('escalates a license whose party is written in another script when the designation is added in Latin script', async () => {
    // Persian script: the spellings share no trigrams with the Latin listing (similarity < 0.1),
    // only the sound does (consonant skeletons "bhst tmrn" / "tmrn bhst").
    const application = await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('بهزاد تیموریان', 'FR')] });
    expect(application.escalations).toEqual([]);
    const approved = await acted(application, 'approve', { rationale: 'Clean at submission.' });
    const created = await hub.graphql<{ createDesignation: { id: string } }>(
      `mutation { createDesignation(input: { subjectType: INDIVIDUAL, primaryName: "TEYMOURIAN, Behzad", status: ACTIVE, marking: GREEN, programs: ["IRAN-EO13382"] }) { id } }`,
      {},
      OFAC,
    );
    expect(created.errors).toBeUndefined();
    const flagged = await escalatedByTheWatch(approved.id);
    expect(flagged, 'the license watch flagged the license').toBeDefined();
    expect(flagged!.escalations[0]).toMatchObject({ kind: 'DESIGNATION_MATCH', partyPosition: 0, designationId: created.data!.createDesignation.id });
  });

  it('expires a granted license once its expiry date has passed, recording the move', async () => {
    const approved = await acted(await submitted({ destinationCountry: 'FR', items: [lowRiskItem], parties: [party('Expiring Licence SARL', 'FR')] }), 'approve', {
      rationale: 'ok',
      expiresOn: '2027-06-30',
    });
    // Time passes: the expiry date is now behind us.
    await hub.db.update(licenseApplications).set({ expiresOn: '2026-01-31' }).where(eq(licenseApplications.id, approved.id));
    let current = await fetchApplication(approved.id);
    for (let attempt = 0; attempt < 50 && current.state !== 'EXPIRED'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      current = await fetchApplication(approved.id);
    }
    expect(current.state).toBe('EXPIRED');
    expect(current.transitions.at(-1)).toMatchObject({ action: 'expire', fromState: 'APPROVED', toState: 'EXPIRED', actorUserId: 'interlock:expiry' });
  });

  it('flags an application that would undercut a denial another agency notified, and records the consultation', async () => {
    const denied = await acted(
      await submitted({ destinationCountry: 'TR', items: [{ controlListCode: '9A012', description: 'UAV airframes', quantity: 10 }], parties: [party('Bosphorus Dynamic Systems', 'TR')] }),
      'deny',
      { rationale: 'Diversion risk to a third country.', denialReason: 'DIVERSION_RISK' },
    );
    const notice = await hub.graphql<{ notifyDenial: { id: string } }>(
      `mutation($input: NotifyDenialInput!) { notifyDenial(input: $input) { id } }`,
      { input: { applicationId: denied.id, validUntil: '2029-12-31', marking: 'GREEN' } },
      BAFA,
    );
    expect(notice.errors, JSON.stringify(notice.errors)).toBeUndefined();

    // METI receives an application for the same end user, respelled, for an overlapping classification.
    const atMeti = await submitted(
      { destinationCountry: 'TR', items: [{ controlListCode: '9A012.a', description: 'UAV airframes', quantity: 2 }], parties: [party('Bosporus Dynamic Systems Ltd', 'TR')] },
      METI,
    );
    expect(atMeti.state).toBe('ESCALATED');
    expect(atMeti.riskFactors.map((f) => f.code)).toContain('DENIAL_UNDERCUT');
    expect(atMeti.escalations).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'DENIAL_UNDERCUT', denialNotificationId: notice.data!.notifyDenial.id })]));
    const consultations = await hub.graphql<{ denialConsultations: { edges: { node: { status: string; applicationId: string } }[] } }>(
      `{ denialConsultations(first: 10) { edges { node { status applicationId } } } }`,
      {},
      BAFA,
    );
    expect(consultations.data!.denialConsultations.edges.map((e) => e.node)).toEqual(expect.arrayContaining([{ status: 'REQUESTED', applicationId: atMeti.id }]));

    // BAFA's own later applications do not "undercut" its own denial.
    const own = await submitted({ destinationCountry: 'TR', items: [{ controlListCode: '9A012', description: 'UAV airframes', quantity: 1 }], parties: [party('Bosphorus Dynamic Systems', 'TR')] });
    expect(own.riskFactors.map((f) => f.code)).not.toContain('DENIAL_UNDERCUT');
  });

  it('feeds an unfavourable end-use check back into screening', async () => {
    const application = await submitted({ destinationCountry: 'JP', items: [lowRiskItem], parties: [party('Kansai Precision Trading KK', 'JP')] });
    expect(application.state).toBe('FAST_TRACK');
    const requested = await hub.graphql<{ requestEndUseCheck: { id: string; version: number } }>(
      `mutation($input: RequestEndUseCheckInput!) { requestEndUseCheck(input: $input) { id version } }`,
      { input: { applicationId: application.id, partyPosition: 0, kind: 'PRE_LICENSE_CHECK', performingAgencyId: 'jp-meti', marking: 'GREEN' } },
      BAFA,
    );
    expect(requested.errors, JSON.stringify(requested.errors)).toBeUndefined();
    const recorded = await hub.graphql(
      `mutation($input: RecordEndUseOutcomeInput!) { recordEndUseOutcome(input: $input) { id outcome } }`,
      {
        input: {
          id: requested.data!.requestEndUseCheck.id,
          expectedVersion: requested.data!.requestEndUseCheck.version,
          outcome: 'UNFAVORABLE',
          outcomeDate: '2026-11-20',
          findings: 'Premises are a residential flat; no trading activity found.',
        },
      },
      METI_VERIFIER,
    );
    expect(recorded.errors, JSON.stringify(recorded.errors)).toBeUndefined();
    const flagged = await fetchApplication(application.id);
    expect(flagged.state).toBe('ESCALATED');
    expect(flagged.escalations.map((e) => e.kind)).toContain('UNFAVORABLE_VERIFICATION');

    // The next application naming that party is flagged at submission.
    const next = await submitted({ destinationCountry: 'JP', items: [lowRiskItem], parties: [party('Kansai Precision Trading K.K.', 'JP')] });
    expect(next.state).toBe('ESCALATED');
    expect(next.riskFactors.map((f) => f.code)).toContain('UNVERIFIED_PARTY');
  });
});
