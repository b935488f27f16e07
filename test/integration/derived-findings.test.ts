/**
 * Findings computed across owners, and the text generated from them, under narrow agreements:
 * license submission compares only what partners released to the licensing agency (a withheld
 * threat-entry link raises no red flag, withheld denial classifications match nothing), and
 * what the license then says about its findings (risk factor descriptions, escalation details,
 * transition reasons) quotes only what the agency reading it may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { startTestHub, type As, type TestHub } from '../support/hub.ts';

const BAFA = { agency: 'de-bafa', roles: ['licensing_officer'] } as const satisfies As;
const METI = { agency: 'jp-meti', roles: ['licensing_officer'] } as const satisfies As;
const OFSI = { agency: 'gb-ofsi', roles: ['analyst'] } as const satisfies As;
const OFAC_LIBRARIAN = { agency: 'us-ofac', roles: ['analyst', 'licensing_officer'] } as const satisfies As;
const OFAC = { agency: 'us-ofac', roles: ['analyst'] } as const satisfies As;

const agreement = (id: string, grantor: string, grantees: string[], grants: AgreementFile['grants']): AgreementFile => ({
  id,
  title: id,
  grantor,
  grantees,
  purposes: ['licensing'],
  validFrom: '2026-01-01',
  ceiling: 'AMBER',
  grants,
});

const AGREEMENTS: AgreementFile[] = [
  // BAFA sees OFAC's classifications and threat entries, but the links of red flags are withheld.
  agreement('ofac-library-to-bafa', 'us-ofac', ['de-bafa'], [
    { type: 'ControlListEntry', fields: ['classification'] },
    { type: 'ThreatEntry', fields: ['summary'], where: { kind: ['RED_FLAG'] } },
    { type: 'ThreatEntry', fields: ['summary', 'links'], where: { kind: ['TECHNOLOGY_OF_CONCERN'] } },
  ]),
  // METI's denials for diversion: the party only; for military end use: party and denial.
  agreement('meti-denials-to-bafa', 'jp-meti', ['de-bafa'], [
    { type: 'DenialNotification', fields: ['party'], where: { reasonCategory: ['DIVERSION_RISK'] } },
    { type: 'DenialNotification', fields: ['party', 'denial'], where: { reasonCategory: ['MILITARY_END_USE'] } },
  ]),
  // OFSI reads BAFA's assessments, not its parties, goods or history, and none of the partner records.
  agreement('bafa-assessments-to-ofsi', 'de-bafa', ['gb-ofsi'], [{ type: 'LicenseApplication', fields: ['summary', 'assessment'] }]),
  // OFAC reads BAFA's license history only.
  agreement('bafa-history-to-ofac', 'de-bafa', ['us-ofac'], [{ type: 'LicenseApplication', fields: ['history'] }]),
];

const FIELDS = `id version state
  riskFactors { code points description subject position reference }
  escalations { kind partyPosition designationId denialNotificationId endUseCheckId detail }
  transitions { action toState reasonCode reason }`;

interface Application {
  id: string;
  version: number;
  state: string;
  riskFactors: { code: string; points: number; description: string; reference: string | null }[] | null;
  escalations: { kind: string; denialNotificationId: string | null; detail: string }[] | null;
  transitions: { action: string; toState: string; reasonCode: string | null; reason: string | null }[] | null;
}

describe('derived findings and generated text under narrow agreements', () => {
  let hub: TestHub;
  const ok = async <T>(query: string, variables: Record<string, unknown>, as: As): Promise<T> => {
    const response = await hub.graphql<T>(query, variables, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!;
  };
  const submitted = async (items: { controlListCode: string }[], partyName: string, as: As = BAFA): Promise<Application> => {
    const { createLicenseApplication: draft } = await ok<{ createLicenseApplication: Application }>(
      `mutation($input: CreateLicenseApplicationInput!) { createLicenseApplication(input: $input) { id version } }`,
      {
        input: {
          applicantName: 'Exporter GmbH',
          destinationCountry: 'FR',
          endUse: 'Industrial use',
          marking: 'GREEN',
          items: items.map((item) => ({ ...item, description: 'Goods', quantity: 1 })),
          parties: [{ role: 'END_USER', name: partyName, country: 'FR' }],
        },
      },
      as,
    );
    return (
      await ok<{ submitLicenseApplication: Application }>(
        `mutation($input: SubmitLicenseApplicationInput!) { submitLicenseApplication(input: $input) { ${FIELDS} } }`,
        { input: { id: draft.id, expectedVersion: draft.version } },
        as,
      )
    ).submitLicenseApplication;
  };
  const read = async (id: string, as: As) => (await hub.graphql<{ licenseApplication: Application }>(`query($id: ID!) { licenseApplication(id: $id) { ${FIELDS} } }`, { id }, as)).data!.licenseApplication;
  const controlEntry = async (classificationCode: string) =>
    (
      await ok<{ createControlListEntry: { id: string } }>(
        `mutation($input: CreateControlListEntryInput!) { createControlListEntry(input: $input) { id } }`,
        { input: { classificationCode, title: classificationCode, marking: 'GREEN' } },
        OFAC_LIBRARIAN,
      )
    ).createControlListEntry.id;
  const threatEntry = async (kind: string, title: string, controlListEntryIds: string[]) =>
    (
      await ok<{ createThreatEntry: { id: string } }>(
        `mutation($input: CreateThreatEntryInput!) { createThreatEntry(input: $input) { id } }`,
        { input: { kind, title, description: 'x', marking: 'GREEN', controlListEntryIds } },
        OFAC_LIBRARIAN,
      )
    ).createThreatEntry.id;
  const deniedAndNotified = async (partyName: string, code: string, denialReason: string) => {
    const application = await submitted([{ controlListCode: code }], partyName, METI);
    const { actOnLicenseApplication: denied } = await ok<{ actOnLicenseApplication: Application }>(
      `mutation($input: LicenseActionInput!) { actOnLicenseApplication(input: $input) { id version } }`,
      { input: { id: application.id, expectedVersion: application.version, action: 'deny', rationale: 'no', denialReason } },
      METI,
    );
    return (
      await ok<{ notifyDenial: { id: string } }>(
        `mutation($input: NotifyDenialInput!) { notifyDenial(input: $input) { id } }`,
        { input: { applicationId: denied.id, validUntil: '2030-12-31', marking: 'GREEN' } },
        METI,
      )
    ).notifyDenial.id;
  };

  let hiddenLinkCode: string;
  let releasedLinkTitle: string;
  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
    hiddenLinkCode = '3A001';
    releasedLinkTitle = 'Optics sought by a weapons programme';
    await threatEntry('RED_FLAG', 'Links withheld from BAFA', [await controlEntry(hiddenLinkCode)]);
    await threatEntry('TECHNOLOGY_OF_CONCERN', releasedLinkTitle, [await controlEntry('6A003')]);
  }, 60_000);
  afterAll(() => hub?.stop());

  it("raises no red flag through a partner threat entry's withheld control-list links", async () => {
    const application = await submitted([{ controlListCode: `${hiddenLinkCode}.a` }], 'Atelier Nord SARL');
    expect(application.riskFactors!.map((f) => f.code)).not.toContain('RED_FLAG');
  });

  it('describes a red flag to a reader that may not see its threat entry without the title or the reference', async () => {
    const application = await submitted([{ controlListCode: '6A003.b' }], 'Atelier Sud SARL');
    const [flag] = application.riskFactors!.filter((f) => f.code === 'RED_FLAG');
    expect(flag).toMatchObject({ reference: expect.any(String), description: expect.stringContaining(releasedLinkTitle) });
    const atOfsi = await read(application.id, OFSI);
    const [seen] = atOfsi.riskFactors!.filter((f) => f.code === 'RED_FLAG');
    expect(seen!.points).toBe(flag!.points);
    expect(seen!.reference).toBeNull();
    expect(seen!.description).not.toContain(releasedLinkTitle);
  });

  it("does not match a partner's denial on classifications it withheld", async () => {
    await deniedAndNotified('Kestrel Photonics Trading', '4A003', 'DIVERSION_RISK');
    const application = await submitted([{ controlListCode: '4A003' }], 'Kestrel Photonics Trading');
    expect(application.riskFactors!.map((f) => f.code)).not.toContain('DENIAL_UNDERCUT');
    expect(application.escalations).toEqual([]);
    // Nor is the denying agency consulted on it.
    const consultations = await ok<{ denialConsultations: { totalCount: number } }>(`{ denialConsultations { totalCount } }`, {}, METI);
    expect(consultations.denialConsultations.totalCount).toBe(0);
  });

  it('describes a denial match to a reader that may not see the denial without its id, reason or classifications', async () => {
    const denialId = await deniedAndNotified('Osprey Avionics Export', '7A003', 'MILITARY_END_USE');
    const application = await submitted([{ controlListCode: '7A003.a' }], 'Osprey Avionics Export');
    const [escalation] = application.escalations!.filter((e) => e.kind === 'DENIAL_UNDERCUT');
    expect(escalation).toMatchObject({ denialNotificationId: denialId, detail: expect.stringContaining('MILITARY_END_USE') });
    expect(escalation!.detail).toContain('7A003');

    const atOfsi = await read(application.id, OFSI);
    const [seen] = atOfsi.escalations!.filter((e) => e.kind === 'DENIAL_UNDERCUT');
    expect(seen!.denialNotificationId).toBeNull();
    for (const withheld of [denialId, 'MILITARY_END_USE', '7A003', 'Osprey']) expect(seen!.detail).not.toContain(withheld);
    const [factor] = atOfsi.riskFactors!.filter((f) => f.code === 'DENIAL_UNDERCUT');
    expect(factor!.reference).toBeNull();
    expect(factor!.description).not.toContain(denialId);
    // Nor do the other factors quote the parties or goods OFSI is not given.
    expect(JSON.stringify(atOfsi.riskFactors)).not.toContain('Osprey');
    expect(JSON.stringify(atOfsi.riskFactors)).not.toContain('7A003');
  });

  it('gives a reader of the history the reason codes, not the risk or decision text the reasons quote', async () => {
    const application = await submitted([{ controlListCode: '6A003.b' }], 'Atelier Est SARL');
    const { actOnLicenseApplication: approved } = await ok<{ actOnLicenseApplication: Application }>(
      `mutation($input: LicenseActionInput!) { actOnLicenseApplication(input: $input) { ${FIELDS} } }`,
      { input: { id: application.id, expectedVersion: application.version, action: 'approve', rationale: 'Confidential rationale text.' } },
      BAFA,
    );
    const own = approved.transitions!;
    expect(own.find((t) => t.action.startsWith('routeTo'))).toMatchObject({ reasonCode: 'RISK_ASSESSMENT', reason: expect.stringContaining('risk score') });
    expect(own.at(-1)).toMatchObject({ action: 'approve', reasonCode: 'OFFICER_RATIONALE', reason: 'Confidential rationale text.' });

    const atOfac = await read(application.id, OFAC);
    expect(atOfac.transitions!.map((t) => [t.action, t.reasonCode])).toEqual(own.map((t) => [t.action, t.reasonCode]));
    expect(atOfac.transitions!.map((t) => t.reason)).toEqual(own.map(() => null));
  });
});
