/**
 * The leakage matrix: four agencies with real keys, agreements of different shapes, and
 * records of several owners, markings and releasabilities. Every agency must see exactly
 * what its agreements release — on lists, lookups, search, counts, nested objects and
 * fragments — and nothing else, not even that a withheld record exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAccess } from '../../src/policy/decision.ts';
import { parseAgreement, type AgreementFile } from '../../src/policy/agreement-files.ts';
import { CATALOGUE } from '../../src/policy/catalogue.ts';
import { errorCodes, startTestHub, type As, type TestHub } from '../support/hub.ts';

const OFAC: As = { agency: 'us-ofac', roles: ['analyst'] };
const OFSI: As = { agency: 'gb-ofsi', roles: ['analyst'] };
const BAFA: As = { agency: 'de-bafa', roles: ['analyst', 'licensing_officer'] };
const METI: As = { agency: 'jp-meti', roles: ['analyst'] };
const CALLERS = { 'us-ofac': OFAC, 'gb-ofsi': OFSI, 'de-bafa': BAFA, 'jp-meti': METI } as const;

const AGREEMENTS: AgreementFile[] = [
  {
    id: 'ofac-to-ofsi-active-watchlist',
    title: 'identity and listing of active and provisional listings',
    grantor: 'us-ofac',
    grantees: ['gb-ofsi'],
    purposes: ['sanctions-screening'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['identity', 'listing'], where: { status: ['ACTIVE', 'PROVISIONAL'] } }],
  },
  {
    id: 'ofac-to-bafa-expired',
    title: 'everything, but it ended',
    grantor: 'us-ofac',
    grantees: ['de-bafa'],
    purposes: ['licensing'],
    validFrom: '2025-01-01',
    validUntil: '2025-12-31',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['all'] }],
  },
  {
    id: 'ofac-to-bafa-iran-names',
    title: 'names of Iran-program listings only',
    grantor: 'us-ofac',
    grantees: ['de-bafa'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'GREEN',
    grants: [{ type: 'Designation', fields: ['identity'], where: { program: ['IRAN'] } }],
  },
  {
    id: 'ofac-to-meti-revoked',
    title: 'revoked',
    grantor: 'us-ofac',
    grantees: ['jp-meti'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    revokedAt: '2026-06-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['all'] }],
  },
  {
    id: 'ofac-to-meti-future',
    title: 'not yet in force',
    grantor: 'us-ofac',
    grantees: ['jp-meti'],
    purposes: ['licensing'],
    validFrom: '2030-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['all'] }],
  },
  {
    id: 'ofsi-to-bafa-all',
    title: 'all OFSI designations',
    grantor: 'gb-ofsi',
    grantees: ['de-bafa'],
    purposes: ['sanctions-screening'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER_STRICT',
    grants: [{ type: 'Designation', fields: ['all'] }],
  },
  {
    id: 'bafa-library-to-ofac',
    title: 'threat summaries with links, and GREEN control classifications',
    grantor: 'de-bafa',
    grantees: ['us-ofac'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      { type: 'ThreatEntry', fields: ['summary', 'links'] },
      { type: 'ControlListEntry', fields: ['classification'], ceiling: 'GREEN' },
    ],
  },
];

const DESIGNATION_FIELDS = CATALOGUE.Designation.fields.filter((f) => f !== 'owner');
const SELECT_DESIGNATION = `
  ${DESIGNATION_FIELDS.filter((f) => !['aliases', 'identifiers', 'addresses', 'datesOfBirth', 'provenance'].includes(f)).join(' ')}
  owner { id }
  aliases { name kind strength script }
  identifiers { type value issuingCountry note }
  addresses { street city region postalCode country }
  datesOfBirth { date rangeEnd approximate earliest latest }
  provenance { hub origin receivedAt bundle hops }
`;

type Row = Record<string, unknown> & { id: string };
interface ListAnswer {
  designations: { totalCount: number; edges: { node: Row }[] };
}

describe('field-level authorization over HTTP', () => {
  let hub: TestHub;
  const ids = {} as Record<'activeGreen' | 'amberStrict' | 'red' | 'releasableToBafa' | 'provisionalIran' | 'iranAmber' | 'delisted' | 'ofsiOwn', string>;

  const createAs = async (as: As, input: Record<string, unknown>) => {
    const r = await hub.graphql<{ createDesignation: { id: string } }>(
      `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`,
      { input },
      as,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.createDesignation.id;
  };
  const base = (name: string, extra: Record<string, unknown> = {}) => ({
    subjectType: 'INDIVIDUAL',
    primaryName: name,
    programs: ['SDGT'],
    marking: 'GREEN',
    aliases: [{ name: `${name} alias` }],
    identifiers: [{ type: 'PASSPORT', value: `P-${name.length}` }],
    addresses: [{ city: 'Tehran', country: 'IR' }],
    datesOfBirth: [{ date: '1970' }],
    legalBasis: `basis of ${name}`,
    rationale: `rationale of ${name}`,
    ...extra,
  });

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
    ids.activeGreen = await createAs(OFAC, base('ALPHA ACTIVE GREEN'));
    ids.amberStrict = await createAs(OFAC, base('BRAVO AMBER STRICT', { marking: 'AMBER_STRICT' }));
    ids.red = await createAs(OFAC, base('CHARLIE RED', { marking: 'RED' }));
    ids.releasableToBafa = await createAs(OFAC, base('DELTA FOR BAFA', { releasableTo: ['de-bafa'] }));
    ids.provisionalIran = await createAs(
      OFAC,
      base('ECHO PROVISIONAL IRAN', { programs: ['IRAN'], status: 'PROVISIONAL', sunsetDate: '2027-06-30' }),
    );
    ids.iranAmber = await createAs(OFAC, base('FOXTROT IRAN AMBER', { programs: ['IRAN'], marking: 'AMBER' }));
    ids.delisted = await createAs(OFAC, base('GOLF DELISTED'));
    const delist = await hub.graphql(
      `mutation($input: DelistDesignationInput!) { delistDesignation(input: $input) { id } }`,
      { input: { id: ids.delisted, expectedVersion: 1, reason: 'review' } },
      OFAC,
    );
    expect(delist.errors).toBeUndefined();
    ids.ofsiOwn = await createAs(OFSI, base('HOTEL OFSI OWN', { marking: 'AMBER' }));
  });
  afterAll(() => hub?.stop());

  const visibleNames: Record<string, string[]> = {
    'us-ofac': ['ALPHA ACTIVE GREEN', 'BRAVO AMBER STRICT', 'CHARLIE RED', 'DELTA FOR BAFA', 'ECHO PROVISIONAL IRAN', 'FOXTROT IRAN AMBER', 'GOLF DELISTED'],
    // ACTIVE/PROVISIONAL up to AMBER, releasable to it: not BRAVO (AMBER_STRICT), CHARLIE (RED),
    // DELTA (releasable to BAFA only) or GOLF (delisted).
    'gb-ofsi': ['ALPHA ACTIVE GREEN', 'ECHO PROVISIONAL IRAN', 'FOXTROT IRAN AMBER', 'HOTEL OFSI OWN'],
    // The expired agreement gives nothing; IRAN names up to GREEN; all of OFSI's.
    'de-bafa': ['ECHO PROVISIONAL IRAN', 'HOTEL OFSI OWN'],
    // Revoked and future agreements give nothing.
    'jp-meti': [],
  };

  const listAll = (as: As, filter: Record<string, unknown> = {}) =>
    hub.graphql<ListAnswer>(
      `query($filter: DesignationFilter) { designations(first: 500, filter: $filter) { totalCount edges { node { ${SELECT_DESIGNATION} } } } }`,
      { filter },
      as,
    );

  it.each(Object.entries(visibleNames))('%s lists exactly the designations its agreements release, with matching counts', async (agency, names) => {
    const answer = await listAll(CALLERS[agency as keyof typeof CALLERS]);
    const listed = answer.data!.designations.edges.map((e) => e.node.primaryName ?? `(withheld name) ${e.node.id}`);
    expect(listed.sort()).toEqual([...names].sort());
    expect(answer.data!.designations.totalCount).toBe(names.length);
  });

  it('releases every field exactly as the decision rule says, for every agency, record and field', async () => {
    const agreements = AGREEMENTS.map((a) => parseAgreement(a, a.id));
    for (const [agency, as] of Object.entries(CALLERS)) {
      const answer = await listAll(as);
      const decision = decideAccess(agency, agreements, new Date());
      const forbiddenPaths = new Set(
        (answer.errors ?? []).map((e) => {
          expect(e.extensions?.code).toBe('FORBIDDEN');
          expect(e.message).not.toMatch(/ALPHA|BRAVO|CHARLIE|DELTA|ECHO|FOXTROT|GOLF|HOTEL|rationale of|basis of/);
          return e.path!.join('.');
        }),
      );
      answer.data!.designations.edges.forEach(({ node }, i) => {
        const owner = (node.owner as { id: string }).id;
        const record = { ownerAgencyId: owner, marking: node.marking as never, releasableTo: null, status: 'ACTIVE', programs: [] };
        // The owner-independent part of the decision: which fields this owner released.
        const released = owner === agency ? new Set(CATALOGUE.Designation.fields) : fieldsReleasedBy(decision, record, node);
        for (const field of CATALOGUE.Designation.fields) {
          const path = `designations.edges.${i}.node.${field}`;
          if (released.has(field)) {
            expect(forbiddenPaths.has(path), `${agency} should see ${field} of ${String(node.id)}`).toBe(false);
            expect(node[field], `${agency} ${field}`).not.toBeUndefined();
          } else {
            expect(node[field], `${agency} must not see ${field} of ${String(node.id)}`).toBeNull();
            expect(forbiddenPaths.has(path), `${agency}: FORBIDDEN at ${path}`).toBe(true);
          }
        }
      });
    }
  });

  it('shows OFSI identity and listing of OFAC records, with aliases, and withholds the reasons', async () => {
    const answer = await hub.graphql<{ designation: Row }>(`query($id: ID!) { designation(id: $id) { ${SELECT_DESIGNATION} } }`, { id: ids.activeGreen }, OFSI);
    expect(answer.data!.designation).toMatchObject({
      primaryName: 'ALPHA ACTIVE GREEN',
      programs: ['SDGT'],
      status: 'ACTIVE',
      aliases: [{ name: 'ALPHA ACTIVE GREEN alias', kind: 'AKA', strength: 'STRONG', script: 'Latin' }],
      identifiers: [{ type: 'PASSPORT' }],
      rationale: null,
      legalBasis: null,
      remarks: null,
      version: null,
      marking: 'GREEN',
      owner: { id: 'us-ofac' },
    });
    expect(errorCodes(answer).every((c) => c === 'FORBIDDEN')).toBe(true);
    expect(answer.errors!.map((e) => e.path!.at(-1)).sort()).toEqual(
      ['createdAt', 'delistingReason', 'legalBasis', 'provenance', 'rationale', 'releasableTo', 'remarks', 'updatedAt', 'version'].sort(),
    );
  });

  it('gives BAFA only the identity of an Iran-program listing: listing fields come back null with FORBIDDEN', async () => {
    const answer = await hub.graphql<{ designation: Row }>(
      `query($id: ID!) { designation(id: $id) { primaryName aliases { name } programs status sunsetDate } }`,
      { id: ids.provisionalIran },
      BAFA,
    );
    expect(answer.data!.designation).toEqual({
      primaryName: 'ECHO PROVISIONAL IRAN',
      aliases: [{ name: 'ECHO PROVISIONAL IRAN alias' }],
      programs: null,
      status: null,
      sunsetDate: null,
    });
    expect(answer.errors!.map((e) => [e.path!.join('.'), e.extensions?.code, e.locations])).toEqual([
      ['designation.programs', 'FORBIDDEN', [{ line: 1, column: 71 }]],
      ['designation.status', 'FORBIDDEN', [{ line: 1, column: 80 }]],
      ['designation.sunsetDate', 'FORBIDDEN', [{ line: 1, column: 87 }]],
    ]);
  });

  it('denies through fragments and aliases of fields exactly as through plain fields', async () => {
    const answer = await hub.graphql<{ designation: Row }>(
      `query($id: ID!) { designation(id: $id) { ...Reasons ... on Designation { why: rationale } name: primaryName } }
       fragment Reasons on Designation { legalBasis }`,
      { id: ids.activeGreen },
      OFSI,
    );
    expect(answer.data!.designation).toEqual({ legalBasis: null, why: null, name: 'ALPHA ACTIVE GREEN' });
    expect(answer.errors!.map((e) => e.path!.join('.')).sort()).toEqual(['designation.legalBasis', 'designation.why']);
  });

  it('in a list mixing owners, denies only the fields of the records whose owner withheld them', async () => {
    const answer = await listAll(OFSI);
    const own = answer.data!.designations.edges.find((e) => e.node.primaryName === 'HOTEL OFSI OWN')!.node;
    const shared = answer.data!.designations.edges.find((e) => e.node.primaryName === 'ALPHA ACTIVE GREEN')!.node;
    expect(own.rationale).toBe('rationale of HOTEL OFSI OWN');
    expect(shared.rationale).toBeNull();
  });

  it('answers a withheld id exactly like an id that does not exist', async () => {
    const ask = (id: string, as: As) => hub.graphql(`query($id: ID!) { designation(id: $id) { id primaryName } }`, { id }, as);
    const unknownId = '00000000-0000-4000-8000-000000000000';
    for (const [withheld, as] of [
      [ids.red, OFSI],
      [ids.amberStrict, OFSI],
      [ids.releasableToBafa, OFSI],
      [ids.delisted, OFSI],
      [ids.activeGreen, METI],
      [ids.iranAmber, BAFA],
    ] as const) {
      const hidden = await ask(withheld, as);
      const missing = await ask(unknownId, as);
      const normalise = (r: Awaited<ReturnType<typeof ask>>) => JSON.stringify(r).replaceAll(withheld, 'ID').replaceAll(unknownId, 'ID');
      expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
      expect(normalise(hidden)).toBe(normalise(missing));
    }
  });

  it('never finds a withheld record by text search, nor counts it', async () => {
    for (const text of ['CHARLIE RED', 'BRAVO', 'DELTA FOR BAFA', 'GOLF']) {
      const answer = await listAll(OFSI, { text });
      expect(answer.data!.designations).toEqual({ totalCount: 0, edges: [] });
    }
    const ownerSees = await listAll(OFAC, { text: 'CHARLIE RED' });
    expect(ownerSees.data!.designations.totalCount).toBe(1);
  });

  it('lets only the owner change a record, with a writer role', async () => {
    const update = (id: string, as: As) =>
      hub.graphql(`mutation($input: UpdateDesignationInput!) { updateDesignation(input: $input) { id } }`, { input: { id, expectedVersion: 1, programs: ['X'] } }, as);
    expect(errorCodes(await update(ids.activeGreen, OFSI))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await update(ids.red, OFSI))).toEqual(['NOT_FOUND']);
    const verifier = { agency: 'us-ofac', roles: ['verification_officer' as const] };
    expect(errorCodes(await update(ids.activeGreen, verifier))).toEqual(['FORBIDDEN']);
    const create = await hub.graphql(
      `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`,
      { input: { subjectType: 'ENTITY', primaryName: 'NOT ALLOWED' } },
      verifier,
    );
    expect(errorCodes(create)).toEqual(['FORBIDDEN']);
  });

  it('covers linked records: a linked control-list entry is shown only if it is itself released', async () => {
    const control = (code: string, marking: string) =>
      hub.graphql<{ createControlListEntry: { id: string } }>(
        `mutation($input: CreateControlListEntryInput!) { createControlListEntry(input: $input) { id } }`,
        { input: { classificationCode: code, title: `Title ${code}`, description: `Why ${code}`, controlReasons: ['NS'], marking } },
        BAFA,
      );
    const green = (await control('3A001.A.1', 'GREEN')).data!.createControlListEntry.id;
    const amber = (await control('5A002.A', 'AMBER')).data!.createControlListEntry.id;
    const threat = await hub.graphql<{ createThreatEntry: { id: string } }>(
      `mutation($input: CreateThreatEntryInput!) { createThreatEntry(input: $input) { id } }`,
      {
        input: {
          kind: 'RED_FLAG',
          title: 'Freight forwarder named as final consignee',
          description: 'Restricted detail',
          indicators: ['forwarder address'],
          controlListEntryIds: [green, amber],
          marking: 'AMBER',
        },
      },
      BAFA,
    );
    expect(threat.errors).toBeUndefined();
    const query = `query($id: ID!) { threatEntry(id: $id) { title kind description indicators controlListEntries { id classificationCode title description } } }`;
    const asOfac = await hub.graphql<{ threatEntry: Record<string, unknown> }>(query, { id: threat.data!.createThreatEntry.id }, OFAC);
    expect(asOfac.data!.threatEntry).toEqual({
      title: 'Freight forwarder named as final consignee',
      kind: 'RED_FLAG',
      description: null,
      indicators: null,
      // The AMBER entry is above the GREEN ceiling for control-list entries: it is not there at all.
      controlListEntries: [{ id: green, classificationCode: '3A001.A.1', title: 'Title 3A001.A.1', description: null }],
    });
    expect(asOfac.errors!.map((e) => e.path!.join('.')).sort()).toEqual([
      'threatEntry.controlListEntries.0.description',
      'threatEntry.description',
      'threatEntry.indicators',
    ]);
    const asOfsi = await hub.graphql(query, { id: threat.data!.createThreatEntry.id }, OFSI);
    expect(errorCodes(asOfsi)).toEqual(['NOT_FOUND']);
  });

  it('shows each agency the agreements it is party to, and only those', async () => {
    const answer = await hub.graphql<{ agreements: { id: string; inForce: boolean; grants: { type: string; fields: string[] }[] }[] }>(
      `{ agreements { id inForce grants { type fields } } }`,
      {},
      METI,
    );
    expect(answer.data!.agreements.map((a) => [a.id, a.inForce]).sort()).toEqual([
      ['ofac-to-meti-future', false],
      ['ofac-to-meti-revoked', false],
    ]);
  });
});

/** The fields the decision releases of a record as the caller received it (owner, marking, status, programs). */
function fieldsReleasedBy(decision: ReturnType<typeof decideAccess>, base: Record<string, unknown>, node: Row): Set<string> {
  // Status and programs may be withheld from the caller; use the values the owner stored, read from the name.
  const truth = RECORD_TRUTH[String(node.primaryName)];
  expect(truth, `the test knows how ${String(node.primaryName)} was stored`).toBeDefined();
  const fields = decision.releasedFields('Designation', { ...base, ...truth } as never);
  return new Set(fields ?? []);
}

const RECORD_TRUTH: Record<string, Record<string, unknown>> = {
  'ALPHA ACTIVE GREEN': { status: 'ACTIVE', programs: ['SDGT'], marking: 'GREEN' },
  'ECHO PROVISIONAL IRAN': { status: 'PROVISIONAL', programs: ['IRAN'], marking: 'GREEN' },
  'FOXTROT IRAN AMBER': { status: 'ACTIVE', programs: ['IRAN'], marking: 'AMBER' },
  'HOTEL OFSI OWN': { status: 'ACTIVE', programs: ['SDGT'], marking: 'AMBER' },
};
