import type { AgreementFile } from '../../../src/policy/agreement-files.ts';
import type { RecordedHub } from './recorded-hub.ts';

/**
 * A small world for leakage tests: four agencies, agreements much narrower than the demo's
 * (one field, one group, conditions, ceilings, releasability, an expired agreement), and
 * records of every shared type whose free text carries distinctive tokens, one token per
 * field, so that a token in an answer says exactly which field of which record it came from.
 */
export const OFAC = 'us-ofac';
export const OFSI = 'gb-ofsi';
export const BAFA = 'de-bafa';
export const METI = 'jp-meti';
export const AGENCIES = [OFAC, OFSI, BAFA, METI] as const;
/** Every agency acts with every role, so that one token per agency is one set of answers. */
export const ROLES = ['analyst', 'licensing_officer', 'verification_officer'] as const;

/** Seeded tokens look like `Qznamab`: "qz", a three-letter field code, two letters of sequence. */
export const TOKEN = /qz[a-z]{5}/gi;
export const tokensIn = (text: string): string[] => (text.match(TOKEN) ?? []).map((t) => t.toLowerCase());

export const AGREEMENTS: AgreementFile[] = [
  {
    id: 'ofac-names-to-ofsi',
    title: 'one field: primary names of OFAC designations',
    grantor: OFAC,
    grantees: [OFSI],
    purposes: ['sanctions-screening'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      { type: 'Designation', fields: ['primaryName'] },
      { type: 'ScreeningAdjudication', fields: ['review'] },
    ],
  },
  {
    id: 'ofac-listing-to-bafa',
    title: 'one group, on a condition, up to GREEN: listing of active and suspended designations',
    grantor: OFAC,
    grantees: [BAFA],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['listing'], where: { status: ['ACTIVE', 'SUSPENDED'] }, ceiling: 'GREEN' }],
  },
  {
    id: 'ofac-all-to-meti-expired',
    title: 'everything, but it ended',
    grantor: OFAC,
    grantees: [METI],
    purposes: ['licensing'],
    validFrom: '2025-01-01',
    validUntil: '2025-12-31',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['all'] }],
  },
  {
    id: 'ofac-iran-identity-to-meti',
    title: 'identity and handling of Iran-program designations; adjudicated hits and parties',
    grantor: OFAC,
    grantees: [METI],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      { type: 'Designation', fields: ['identity', 'handling'], where: { program: ['IRAN'] } },
      { type: 'ScreeningAdjudication', fields: ['party', 'hit'] },
    ],
  },
  {
    id: 'bafa-library-to-ofac',
    title: 'threat summaries without links, GREEN classifications, license histories',
    grantor: BAFA,
    grantees: [OFAC],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      { type: 'ThreatEntry', fields: ['summary'] },
      { type: 'ControlListEntry', fields: ['classification'], ceiling: 'GREEN' },
      { type: 'LicenseApplication', fields: ['history'] },
    ],
  },
  {
    id: 'bafa-links-to-ofsi',
    title: 'single fields: threat links, kinds and statuses without titles; codes and details; denials; outcomes',
    grantor: BAFA,
    grantees: [OFSI],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      { type: 'ThreatEntry', fields: ['controlListEntries', 'kind', 'status'] },
      { type: 'ControlListEntry', fields: ['classificationCode', 'details'] },
      { type: 'DenialNotification', fields: ['party', 'denial'] },
      { type: 'EndUseCheck', fields: ['outcome'] },
      { type: 'UnverifiedParty', fields: ['party'] },
    ],
  },
  {
    id: 'bafa-red-flags-to-meti',
    title: 'evidence and links of red flags and typologies up to GREEN, control details, denied parties, license summaries in review',
    grantor: BAFA,
    grantees: [METI],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'GREEN',
    grants: [
      // Conditioned on the kind, which is itself withheld: a filter on kind must not select these.
      { type: 'ThreatEntry', fields: ['evidence', 'links', 'handling'], where: { kind: ['RED_FLAG', 'TYPOLOGY'] } },
      { type: 'ControlListEntry', fields: ['details', 'handling'] },
      { type: 'DenialNotification', fields: ['party'] },
      { type: 'LicenseApplication', fields: ['summary'], where: { state: ['STANDARD_REVIEW', 'DENIED', 'ESCALATED'] } },
    ],
  },
];

class Tokens {
  private n = 0;
  next(field: string): string {
    const i = this.n++;
    const letters = String.fromCharCode(97 + Math.floor(i / 26) % 26) + String.fromCharCode(97 + (i % 26));
    return `Qz${field}${letters}`;
  }
  code(): string {
    return this.next('cod').toUpperCase();
  }
}

/** Ids of the records the checks name; everything else is found through the lists. */
export interface World {
  designations: Record<'activeGreen' | 'amberStrict' | 'red' | 'releasableToMeti' | 'ofsiOwn', string>;
  controlCodes: { green: string; amber: string };
  threatEntries: { redFlag: string; technology: string };
  licenses: { ofacRedFlag: string; ofsiUndercut: string; metiUndercut: string; bafaApproved: string; bafaDenied: string };
  denial: string;
}

const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

export async function seedWorld(hub: RecordedHub): Promise<World> {
  const t = new Tokens();
  const id = async (agency: string, mutation: string, input: Record<string, unknown>): Promise<{ id: string; version: number }> => {
    const data = await hub.must<Record<string, { id: string; version: number }>>(
      agency,
      `mutation($input: ${inputTypeOf(mutation)}!) { ${mutation}(input: $input) { id version } }`,
      { input },
    );
    return data[mutation]!;
  };

  const designation = (agency: string, extra: Record<string, unknown>) =>
    id(agency, 'createDesignation', {
      subjectType: 'ENTITY',
      primaryName: `${t.next('nam')} Trading`,
      aliases: [{ name: `${t.next('ali')} Group` }, { name: `${t.next('ali')} Holdings`, strength: 'WEAK' }],
      identifiers: [{ type: 'COMPANY_REGISTRATION', value: `${t.next('ide')}` }],
      addresses: [{ city: t.next('cit'), country: 'IR' }],
      placesOfBirth: [t.next('pob')],
      legalBasis: `basis ${t.next('leg')}`,
      rationale: `rationale ${t.next('rat')}`,
      remarks: `remarks ${t.next('rem')}`,
      programs: ['IRAN'],
      marking: 'GREEN',
      ...extra,
    });
  const activeGreen = await designation(OFAC, {});
  await designation(OFAC, { subjectType: 'INDIVIDUAL', programs: ['SDGT'], marking: 'AMBER', datesOfBirth: [{ date: '1970' }] });
  await designation(OFAC, { subjectType: 'VESSEL', programs: ['IRAN', 'SDGT'], status: 'PROVISIONAL', sunsetDate: inAYear() });
  await designation(OFAC, { subjectType: 'AIRCRAFT', programs: ['RUSSIA'], status: 'SUSPENDED' });
  const amberStrict = await designation(OFAC, { marking: 'AMBER_STRICT' });
  const red = await designation(OFAC, { marking: 'RED' });
  const releasableToMeti = await designation(OFAC, { releasableTo: [METI] });
  const delisted = await designation(OFAC, { programs: ['SDGT'] });
  await hub.must(OFAC, `mutation($input: DelistDesignationInput!) { delistDesignation(input: $input) { id } }`, {
    input: { id: delisted.id, expectedVersion: delisted.version, reason: `delisted ${t.next('del')}` },
  });
  const ofsiOwn = await designation(OFSI, { programs: ['RUSSIA'] });

  const control = (extra: Record<string, unknown>) =>
    id(BAFA, 'createControlListEntry', {
      classificationCode: t.code(),
      title: `${t.next('tit')} equipment`,
      description: `details ${t.next('des')}`,
      controlReasons: ['NS'],
      marking: 'GREEN',
      ...extra,
    });
  const green = await control({});
  const amber = await control({ marking: 'AMBER', provisional: true, sunsetDate: inAYear() });
  const superseded = await control({ status: 'SUPERSEDED' });
  await control({ marking: 'RED' });
  const codeOf = async (entry: { id: string }) =>
    (await hub.must<{ controlListEntry: { classificationCode: string } }>(BAFA, `query($id: ID!) { controlListEntry(id: $id) { classificationCode } }`, { id: entry.id }))
      .controlListEntry.classificationCode;
  const controlCodes = { green: await codeOf(green), amber: await codeOf(amber) };

  const threat = (extra: Record<string, unknown>) =>
    id(BAFA, 'createThreatEntry', {
      kind: 'RED_FLAG',
      title: `${t.next('thr')} pattern`,
      description: `evidence ${t.next('evi')}`,
      indicators: [`indicator ${t.next('ind')}`],
      marking: 'GREEN',
      ...extra,
    });
  const redFlag = await threat({ controlListEntryIds: [green.id] });
  const technology = await threat({ kind: 'TECHNOLOGY_OF_CONCERN', marking: 'AMBER', controlListEntryIds: [amber.id, green.id] });
  await threat({ kind: 'TYPOLOGY', status: 'DRAFT', controlListEntryIds: [superseded.id] });
  await threat({ kind: 'DIVERSION_ROUTE', status: 'RETIRED', releasableTo: [OFAC] });
  await threat({ marking: 'RED', controlListEntryIds: [green.id] });

  const licenses = await seedLicenses(hub, t, id, controlCodes);
  const denial = await id(BAFA, 'notifyDenial', { applicationId: licenses.bafaDenied, validUntil: inAYear(), marking: 'GREEN' });
  // Partners' applications come after the denial, so that submission can find it.
  const deniedParty = licenses.deniedParty;
  const partnerLicense = async (agency: string, codes: string[], party: { name: string; country: string }) => {
    const created = await id(agency, 'createLicenseApplication', {
      applicantName: `${t.next('apl')} Exports`,
      applicantCountry: 'FR',
      destinationCountry: party.country,
      endUse: `end use ${t.next('end')}`,
      items: codes.map((code) => ({ controlListCode: code, description: `item ${t.next('itm')}`, quantity: 4 })),
      parties: [{ role: 'END_USER', ...party }],
      marking: 'GREEN',
    });
    return (await id(agency, 'submitLicenseApplication', { id: created.id, expectedVersion: created.version })).id;
  };
  const ofacRedFlag = await partnerLicense(OFAC, [controlCodes.green], { name: `${t.next('par')} Networks`, country: 'FR' });
  const ofsiUndercut = await partnerLicense(OFSI, [controlCodes.green, controlCodes.amber], deniedParty);
  const metiUndercut = await partnerLicense(METI, [controlCodes.amber], deniedParty);

  await seedEndUseChecks(hub, t, id, licenses.bafaApproved);
  await seedAdjudications(hub, t, id, activeGreen.id);

  return {
    designations: { activeGreen: activeGreen.id, amberStrict: amberStrict.id, red: red.id, releasableToMeti: releasableToMeti.id, ofsiOwn: ofsiOwn.id },
    controlCodes,
    threatEntries: { redFlag: redFlag.id, technology: technology.id },
    licenses: { ofacRedFlag, ofsiUndercut, metiUndercut, bafaApproved: licenses.bafaApproved, bafaDenied: licenses.bafaDenied },
    denial: denial.id,
  };
}

type Create = (agency: string, mutation: string, input: Record<string, unknown>) => Promise<{ id: string; version: number }>;

/** BAFA's applications: one approved with a rationale, one denied (then notified), one left in review. */
async function seedLicenses(hub: RecordedHub, t: Tokens, id: Create, codes: { green: string; amber: string }) {
  const application = async (party: { name: string; country: string }, code: string) => {
    const created = await id(BAFA, 'createLicenseApplication', {
      applicantName: `${t.next('apl')} GmbH`,
      applicantCountry: 'DE',
      destinationCountry: party.country,
      endUse: `end use ${t.next('end')}`,
      items: [{ controlListCode: code, description: `item ${t.next('itm')}`, quantity: 10, value: 1000, currency: 'EUR' }],
      parties: [{ role: 'END_USER', ...party, address: `street ${t.next('adr')}` }],
      marking: 'GREEN',
    });
    return id(BAFA, 'submitLicenseApplication', { id: created.id, expectedVersion: created.version });
  };
  const act = (current: { id: string; version: number }, action: string, details: Record<string, unknown>) =>
    id(BAFA, 'actOnLicenseApplication', { id: current.id, expectedVersion: current.version, action, ...details });

  const approved = await act(await application({ name: `${t.next('par')} Logistics`, country: 'TR' }, codes.green), 'approve', {
    rationale: `approved because ${t.next('rat')}`,
  });
  const deniedParty = { name: `${t.next('par')} Dynamics`, country: 'TR' };
  const denied = await act(await application(deniedParty, codes.amber), 'deny', {
    rationale: `denied because ${t.next('rat')}`,
    denialReason: 'DIVERSION_RISK',
  });
  await application({ name: `${t.next('par')} Instruments`, country: 'TR' }, codes.green);
  return { bafaApproved: approved.id, bafaDenied: denied.id, deniedParty };
}

/** Checks BAFA asks METI and OFAC to perform on its approved application: one favourable, one open, one unfavourable. */
async function seedEndUseChecks(hub: RecordedHub, t: Tokens, id: Create, applicationId: string) {
  const request = (performingAgencyId: string) =>
    id(BAFA, 'requestEndUseCheck', {
      applicationId,
      partyPosition: 0,
      performingAgencyId,
      kind: 'POST_SHIPMENT_VERIFICATION',
      instructions: `look at ${t.next('ins')}`,
      marking: 'GREEN',
    });
  const record = (performer: string, check: { id: string; version: number }, outcome: string) =>
    id(performer, 'recordEndUseOutcome', {
      id: check.id,
      expectedVersion: check.version,
      outcome,
      outcomeDate: today(),
      findings: `found ${t.next('fnd')}`,
    });
  await record(METI, await request(METI), 'FAVORABLE');
  await request(METI);
  await record(OFAC, await request(OFAC), 'UNFAVORABLE');
}

/** OFAC's reviewed false positives on its own designation: one in force, one withdrawn. */
async function seedAdjudications(hub: RecordedHub, t: Tokens, id: Create, designationId: string) {
  const matchedName = (await hub.must<{ designation: { primaryName: string } }>(OFAC, `query($id: ID!) { designation(id: $id) { primaryName } }`, { id: designationId }))
    .designation.primaryName;
  const adjudicate = (country: string, dateOfBirth: string) =>
    id(OFAC, 'adjudicateMatch', {
      designationId,
      matchedName,
      party: { name: `${t.next('adj')} Partners`, country, dateOfBirth },
      reason: `not the same ${t.next('rev')}`,
      marking: 'GREEN',
    });
  await adjudicate('FR', '1980');
  const withdrawn = await adjudicate('IT', '1985');
  await id(OFAC, 'withdrawAdjudication', { id: withdrawn.id, expectedVersion: withdrawn.version });
}

const inputTypeOf = (mutation: string) => {
  const special: Record<string, string> = { actOnLicenseApplication: 'LicenseActionInput', adjudicateMatch: 'AdjudicateMatchInput', notifyDenial: 'NotifyDenialInput' };
  return special[mutation] ?? `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
};
