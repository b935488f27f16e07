/**
 * Shared denials and "no undercut" over HTTP: a licensing agency notifies its denials, partners
 * see them only as their agreements release them, another agency's essentially identical
 * application is found and consulted on, and only the two agencies a consultation names ever
 * see it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  denialConsultations,
  denialNotifications,
  licenseApplications,
  licenseEscalations,
  licenseItems,
  licenseParties,
  type LicenseState,
  type PartyRoleValue,
} from '../../src/db/schema/index.ts';
import { findDenialMatches, recordUndercutConsultations, type CheckedParty } from '../../src/modules/denials/denial-matching.service.ts';
import { addYears, utcDate } from '../../src/modules/denials/denial.validation.ts';
import { nameKeys } from '../../src/modules/name-matching/name-normalization.ts';
import { parseAgreement, type AgreementFile } from '../../src/policy/agreement-files.ts';
import { decideAccess } from '../../src/policy/decision.ts';
import { errorCodes, startTestHub, type As, type TestHub } from '../support/hub.ts';

const BAFA = { agency: 'de-bafa', roles: ['licensing_officer'] } as const satisfies As;
const METI = { agency: 'jp-meti', roles: ['licensing_officer'] } as const satisfies As;
const OFSI = { agency: 'gb-ofsi', roles: ['licensing_officer'] } as const satisfies As;
const OFAC = { agency: 'us-ofac', roles: ['licensing_officer'] } as const satisfies As;

/** METI gets BAFA's denied parties and denials and sees its application summaries; OFSI only the classifications and dates; OFAC nothing. */
const AGREEMENTS: AgreementFile[] = [
  {
    id: 'bafa-denials-to-meti',
    title: 'BAFA denials and license summaries to METI',
    grantor: 'de-bafa',
    grantees: ['jp-meti'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      { type: 'DenialNotification', fields: ['party', 'denial'] },
      { type: 'LicenseApplication', fields: ['summary'] },
    ],
  },
  {
    id: 'bafa-denials-to-ofsi',
    title: 'BAFA denial classifications to OFSI',
    grantor: 'de-bafa',
    grantees: ['gb-ofsi'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'DenialNotification', fields: ['controlListCodes', 'deniedOn'] }],
  },
];
const accessOf = (agency: string) =>
  decideAccess(
    agency,
    AGREEMENTS.map((a) => parseAgreement(a, a.id)),
    new Date(),
  );

const today = utcDate(new Date());
const nextYear = addYears(today, 1);

interface PartySpec {
  role?: PartyRoleValue;
  name: string;
  country?: string | null;
  identifiers?: { type: string | null; value: string }[];
}

const NOTIFY = `mutation Notify($input: NotifyDenialInput!) {
  notifyDenial(input: $input) {
    id owner { id } marking partyName partyCountry partyIdentifiers { type value } controlListCodes reasonCategory
    deniedOn validUntil revokedAt releasableTo version
  }
}`;
const REVOKE = `mutation Revoke($input: RevokeDenialNotificationInput!) { revokeDenialNotification(input: $input) { id revokedAt version } }`;
const CONSULTATIONS = `query Consultations($status: DenialConsultationStatus) {
  denialConsultations(status: $status) {
    totalCount
    edges { node { id status applicationId matchScore response answeredAt consultingAgency { id } denyingAgency { id } denial { id partyName reasonCategory } } }
  }
}`;
const ANSWER = `mutation Answer($input: AnswerDenialConsultationInput!) { answerDenialConsultation(input: $input) { id status response answeredAt } }`;

interface Notice {
  id: string;
  version: number;
  [field: string]: unknown;
}

describe('shared denials and no undercut', () => {
  let hub: TestHub;

  /** A license application as the licensing capability would have stored it, with its parties and items. */
  async function givenApplication(
    owner: string,
    state: LicenseState,
    parties: PartySpec[],
    codes: string[],
    decision: { denialReason?: 'MILITARY_END_USE' | 'DIVERSION_RISK'; decidedAt?: Date } = {},
  ): Promise<string> {
    const denied = state === 'DENIED' || state === 'APPEAL_UPHELD';
    const [application] = await hub.db
      .insert(licenseApplications)
      .values({
        ownerAgencyId: owner,
        applicantName: 'Exporter GmbH',
        applicantCountry: 'DE',
        destinationCountry: 'RU',
        endUse: 'Process control',
        state,
        lane: state === 'STANDARD_REVIEW' ? 'STANDARD_REVIEW' : null,
        denialReason: denied ? (decision.denialReason ?? 'MILITARY_END_USE') : null,
        decidedAt: denied ? (decision.decidedAt ?? new Date(Date.now() - 5 * 86_400_000)) : null,
      })
      .returning({ id: licenseApplications.id });
    const id = application!.id;
    await hub.db.insert(licenseParties).values(
      parties.map((p, position) => ({
        applicationId: id,
        position,
        role: p.role ?? 'END_USER',
        name: p.name,
        country: p.country === undefined ? 'RU' : p.country,
        identifiers: p.identifiers ?? [],
        ...nameKeys(p.name),
      })),
    );
    await hub.db
      .insert(licenseItems)
      .values(codes.map((code, position) => ({ applicationId: id, position, controlListCode: code, description: 'item', quantity: '1' })));
    return id;
  }

  async function notify(input: Record<string, unknown>, as: As = BAFA): Promise<Notice> {
    const response = await hub.graphql<{ notifyDenial: Notice }>(NOTIFY, { input: { validUntil: nextYear, ...input } }, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.notifyDenial;
  }

  let notice: Notice;
  let deniedApplication: string;

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
    deniedApplication = await givenApplication(
      'de-bafa',
      'DENIED',
      [
        { role: 'CONSIGNEE', name: 'Baltic Freight Forwarding', country: 'LV' },
        { name: 'Novatek Precision Instruments OOO', identifiers: [{ type: 'REGISTRATION_NUMBER', value: '1027700132195' }] },
      ],
      ['3A001.b.4', 'ML8.a'],
    );
    notice = await notify({ applicationId: deniedApplication });
  }, 60_000);
  afterAll(() => hub?.stop());

  it('notifies the end user, classifications, reason and date of an own denied application', () => {
    expect(notice).toMatchObject({
      owner: { id: 'de-bafa' },
      marking: 'AMBER',
      partyName: 'Novatek Precision Instruments OOO',
      partyCountry: 'RU',
      partyIdentifiers: [{ type: 'REGISTRATION_NUMBER', value: '1027700132195' }],
      controlListCodes: ['3A001.b.4', 'ML8.a'],
      reasonCategory: 'MILITARY_END_USE',
      deniedOn: utcDate(new Date(Date.now() - 5 * 86_400_000)),
      validUntil: nextYear,
      revokedAt: null,
      releasableTo: null,
      version: 1,
    });
  });

  it('releases a notification to partners as their agreements grant, field by field, and to nobody else', async () => {
    const byId = `query One($id: ID!) { denialNotification(id: $id) { id owner { id } marking partyName controlListCodes version } }`;
    const meti = await hub.graphql<{ denialNotification: Record<string, unknown> }>(byId, { id: notice.id }, METI);
    expect(meti.data!.denialNotification).toMatchObject({ id: notice.id, owner: { id: 'de-bafa' }, partyName: 'Novatek Precision Instruments OOO', version: null });
    expect(meti.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['denialNotification.version', 'FORBIDDEN']]);

    const ofsi = await hub.graphql<{ denialNotification: Record<string, unknown> }>(byId, { id: notice.id }, OFSI);
    expect(ofsi.data!.denialNotification).toMatchObject({ controlListCodes: ['3A001.b.4', 'ML8.a'], partyName: null });
    expect(ofsi.errors?.map((e) => e.path?.join('.')).sort()).toEqual(['denialNotification.partyName', 'denialNotification.version']);

    const ofac = await hub.graphql(byId, { id: notice.id }, OFAC);
    expect(errorCodes(ofac)).toEqual(['NOT_FOUND']);
    const list = `query { denialNotifications { totalCount edges { node { id } } } }`;
    const ofacList = await hub.graphql<{ denialNotifications: { totalCount: number } }>(list, {}, OFAC);
    expect(ofacList.data!.denialNotifications.totalCount).toBe(0);
    const metiList = await hub.graphql<{ denialNotifications: { edges: { node: { id: string } }[] } }>(list, {}, METI);
    expect(metiList.data!.denialNotifications.edges.map((e) => e.node.id)).toContain(notice.id);
  });

  it('refuses a second notice of one application, naming the first, but replays a retry with the same idempotency key', async () => {
    const again = await hub.graphql(NOTIFY, { input: { applicationId: deniedApplication, validUntil: nextYear } }, BAFA);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.extensions).toMatchObject({ existingId: notice.id });

    const application = await givenApplication('de-bafa', 'APPEAL_UPHELD', [{ name: 'Orion Dynamics FZE', country: 'AE' }], ['5A002']);
    const input = { applicationId: application, idempotencyKey: 'denial-orion-1', marking: 'GREEN' };
    const first = await notify(input);
    const retried = await notify(input);
    expect(retried.id).toBe(first.id);
    expect(first).toMatchObject({ marking: 'GREEN', partyName: 'Orion Dynamics FZE', reasonCategory: 'MILITARY_END_USE' });
    const reused = await hub.graphql(NOTIFY, { input: { ...input, marking: 'AMBER', validUntil: nextYear } }, BAFA);
    expect(errorCodes(reused)).toEqual(['CONFLICT']);
  });

  it('refuses to notify an application that is not denied, naming its state', async () => {
    const pending = await givenApplication('de-bafa', 'STANDARD_REVIEW', [{ name: 'Pending Party' }], ['3A001']);
    const response = await hub.graphql(NOTIFY, { input: { applicationId: pending, validUntil: nextYear } }, BAFA);
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors![0]!.extensions).toMatchObject({ state: 'STANDARD_REVIEW' });
  });

  it("refuses another agency's application: FORBIDDEN when it can see it, NOT_FOUND when it cannot", async () => {
    const application = await givenApplication('de-bafa', 'DENIED', [{ name: 'Kestrel Avionics' }], ['7A003']);
    const input = { input: { applicationId: application, validUntil: nextYear } };
    expect(errorCodes(await hub.graphql(NOTIFY, input, METI))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.graphql(NOTIFY, input, OFAC))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.graphql(NOTIFY, input, { agency: 'de-bafa', roles: ['analyst'] }))).toEqual(['FORBIDDEN']);
    const tooLate = { input: { applicationId: application, validUntil: addYears(today, 11) } };
    expect(errorCodes(await hub.graphql(NOTIFY, tooLate, BAFA))).toEqual(['BAD_USER_INPUT']);
  });

  it('revokes with the version read: a stale version is CONFLICT, a partner is FORBIDDEN', async () => {
    const application = await givenApplication('de-bafa', 'DENIED', [{ name: 'Helios Marine Systems' }], ['ML9.a']);
    const revocable = await notify({ applicationId: application });
    expect(errorCodes(await hub.graphql(REVOKE, { input: { id: revocable.id, expectedVersion: 1 } }, METI))).toEqual(['FORBIDDEN']);
    const stale = await hub.graphql(REVOKE, { input: { id: revocable.id, expectedVersion: 2 } }, BAFA);
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.extensions).toMatchObject({ expectedVersion: 2, currentVersion: 1 });
    const revoked = await hub.graphql<{ revokeDenialNotification: { revokedAt: string | null; version: number } }>(
      REVOKE,
      { input: { id: revocable.id, expectedVersion: 1 } },
      BAFA,
    );
    expect(revoked.data!.revokeDenialNotification).toMatchObject({ version: 2, revokedAt: expect.any(String) });
    const active = await hub.graphql<{ denialNotifications: { edges: { node: { id: string } }[] } }>(
      `query { denialNotifications(activeOnly: true) { edges { node { id } } } }`,
      {},
      BAFA,
    );
    expect(active.data!.denialNotifications.edges.map((e) => e.node.id)).not.toContain(revocable.id);
  });

  describe('no undercut', () => {
    const respelled: CheckedParty = { index: 1, name: 'Novatech Precision Instruments LLC', country: 'RU', identifiers: [] };
    const consignee: CheckedParty = { index: 0, name: 'Pacific Logistics KK', country: 'JP', identifiers: [] };

    it("finds a partner's denial of a respelled end user on an overlapping classification", async () => {
      const matches = await findDenialMatches(hub.db, accessOf('jp-meti'), [consignee, respelled], ['3A001', '4A003'], today);
      expect(matches).toEqual([
        expect.objectContaining({ denialId: notice.id, denyingAgencyId: 'de-bafa', partyIndex: 1, overlappingCodes: ['3A001'], reasonCategory: 'MILITARY_END_USE' }),
      ]);
      expect(matches[0]!.score).toBeGreaterThanOrEqual(0.85);
      const byIdentifier = await findDenialMatches(
        hub.db,
        accessOf('jp-meti'),
        [{ index: 0, name: 'Unrelated Trading House', country: 'KZ', identifiers: [{ type: null, value: '1027700-132195' }] }],
        ['ML8'],
        today,
      );
      expect(byIdentifier.map((m) => m.denialId)).toEqual([notice.id]);
    });

    it("does not count a non-overlapping classification, the denying agency's own denial, or one the caller cannot see", async () => {
      expect(await findDenialMatches(hub.db, accessOf('jp-meti'), [respelled], ['3A0011', '5A002'], today)).toEqual([]);
      expect(await findDenialMatches(hub.db, accessOf('de-bafa'), [respelled], ['3A001'], today)).toEqual([]);
      expect(await findDenialMatches(hub.db, accessOf('us-ofac'), [respelled], ['3A001'], today)).toEqual([]);
      // OFSI sees the denial's classifications and date but not the party nor its validity: only
      // released fields are compared, so nothing matches (METI, given everything, is matched above).
      expect(await findDenialMatches(hub.db, accessOf('gb-ofsi'), [respelled], ['3A001'], today)).toEqual([]);
    });

    it('does not count a revoked or an expired denial', async () => {
      const party = (name: string): CheckedParty => ({ index: 0, name, country: 'RU', identifiers: [] });
      const expiredApplication = await givenApplication('de-bafa', 'DENIED', [{ name: 'Vostok Optical Works' }], ['6A003']);
      const expired = await notify({ applicationId: expiredApplication });
      expect((await findDenialMatches(hub.db, accessOf('jp-meti'), [party('Vostok Optical Works')], ['6A003.b'], today)).map((m) => m.denialId)).toEqual([
        expired.id,
      ]);
      await hub.db.update(denialNotifications).set({ validUntil: addYears(today, -1) }).where(eq(denialNotifications.id, expired.id));
      expect(await findDenialMatches(hub.db, accessOf('jp-meti'), [party('Vostok Optical Works')], ['6A003.b'], today)).toEqual([]);
      // Revoked in the revocation test above.
      expect(await findDenialMatches(hub.db, accessOf('jp-meti'), [party('Helios Marine Systems')], ['ML9'], today)).toEqual([]);
    });

    it('opens a consultation and escalates the application under review, once', async () => {
      const application = await givenApplication('jp-meti', 'STANDARD_REVIEW', [{ role: 'CONSIGNEE', name: consignee.name, country: 'JP' }, { name: respelled.name }], ['3A001']);
      const matches = await findDenialMatches(hub.db, accessOf('jp-meti'), [consignee, respelled], ['3A001'], today);
      for (let i = 0; i < 2; i++) {
        await hub.db.transaction((tx) => recordUndercutConsultations(tx, application, 'jp-meti', matches, { endUse: 'Process control', controlListCodes: ['3A001'], parties: [consignee, respelled] }));
      }
      const [row] = await hub.db.select().from(licenseApplications).where(eq(licenseApplications.id, application));
      expect(row).toMatchObject({ state: 'ESCALATED', lane: 'ESCALATED' });
      const escalations = await hub.db.select().from(licenseEscalations).where(eq(licenseEscalations.applicationId, application));
      expect(escalations).toEqual([
        expect.objectContaining({ kind: 'DENIAL_UNDERCUT', partyPosition: 1, denialNotificationId: notice.id, dedupeKey: `denial:${notice.id}` }),
      ]);
      const consultations = await hub.db.select().from(denialConsultations).where(eq(denialConsultations.applicationId, application));
      expect(consultations).toEqual([
        expect.objectContaining({ consultingAgencyId: 'jp-meti', denyingAgencyId: 'de-bafa', denialNotificationId: notice.id, status: 'REQUESTED' }),
      ]);
    });

    it('shows a consultation to the consulting and the denying agency only, and lets the denying agency answer it once', async () => {
      type Page = { denialConsultations: { totalCount: number; edges: { node: Record<string, unknown> & { id: string } }[] } };
      const bafa = await hub.graphql<Page>(CONSULTATIONS, {}, BAFA);
      expect(bafa.errors).toBeUndefined();
      const [consultation] = bafa.data!.denialConsultations.edges.map((e) => e.node);
      expect(consultation).toMatchObject({
        status: 'REQUESTED',
        consultingAgency: { id: 'jp-meti' },
        denyingAgency: { id: 'de-bafa' },
        denial: { id: notice.id, partyName: 'Novatek Precision Instruments OOO' },
        response: null,
      });
      const meti = await hub.graphql<Page>(CONSULTATIONS, {}, METI);
      expect(meti.data!.denialConsultations.edges.map((e) => e.node.id)).toEqual([consultation!.id]);
      const ofsi = await hub.graphql<Page>(CONSULTATIONS, {}, OFSI);
      expect(ofsi.data!.denialConsultations).toEqual({ totalCount: 0, edges: [] });

      const answer = { input: { id: consultation!.id, answer: 'UPHELD', response: 'Denied for a military end user; we advise against.' } };
      expect(errorCodes(await hub.graphql(ANSWER, answer, OFSI))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.graphql(ANSWER, answer, METI))).toEqual(['FORBIDDEN']);
      const answered = await hub.graphql<{ answerDenialConsultation: Record<string, unknown> }>(ANSWER, answer, BAFA);
      expect(answered.data!.answerDenialConsultation).toMatchObject({ status: 'ANSWERED', response: answer.input.response, answeredAt: expect.any(String) });
      expect(errorCodes(await hub.graphql(ANSWER, answer, BAFA))).toEqual(['CONFLICT']);

      const requested = await hub.graphql<Page>(CONSULTATIONS, { status: 'REQUESTED' }, METI);
      expect(requested.data!.denialConsultations.totalCount).toBe(0);
      const answeredList = await hub.graphql<Page>(CONSULTATIONS, { status: 'ANSWERED' }, METI);
      expect(answeredList.data!.denialConsultations.edges[0]!.node).toMatchObject({ status: 'ANSWERED', response: answer.input.response });
    });
  });
});
