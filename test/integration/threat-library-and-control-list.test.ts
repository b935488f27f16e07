import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestHub, type As, type GraphQLResponse, type TestHub } from '../support/hub.ts';

const BAFA: As = { agency: 'de-bafa', roles: ['licensing_officer', 'analyst'] };
const METI: As = { agency: 'jp-meti', roles: ['licensing_officer'] };
/** Signed in at the owner agency, but with no role that writes anything. */
const BAFA_VERIFIER: As = { agency: 'de-bafa', roles: ['verification_officer'] };
/** Writes threat entries, not control-list entries. */
const BAFA_ANALYST: As = { agency: 'de-bafa', roles: ['analyst'] };

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const CONTROL_FIELDS = `
  id classificationCode title description controlReasons status provisional sunsetDate reviewDate
  marking releasableTo version createdAt updatedAt
  owner { id country }
`;
const CREATE_CONTROL = `mutation CreateControl($input: CreateControlListEntryInput!) {
  createControlListEntry(input: $input) { ${CONTROL_FIELDS} }
}`;
const UPDATE_CONTROL = `mutation UpdateControl($input: UpdateControlListEntryInput!) {
  updateControlListEntry(input: $input) { ${CONTROL_FIELDS} }
}`;
const GET_CONTROL = `query GetControl($id: ID!) { controlListEntry(id: $id) { ${CONTROL_FIELDS} } }`;
const LIST_CONTROL = `query ListControl($first: Int, $after: String, $filter: ControlListEntryFilter) {
  controlListEntries(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id classificationCode title status provisional } }
  }
}`;

const THREAT_FIELDS = `
  id kind title description indicators status marking releasableTo version createdAt updatedAt
  owner { id country }
  controlListEntries { id classificationCode }
`;
const CREATE_THREAT = `mutation CreateThreat($input: CreateThreatEntryInput!) {
  createThreatEntry(input: $input) { ${THREAT_FIELDS} }
}`;
const UPDATE_THREAT = `mutation UpdateThreat($input: UpdateThreatEntryInput!) {
  updateThreatEntry(input: $input) { ${THREAT_FIELDS} }
}`;
const GET_THREAT = `query GetThreat($id: ID!) { threatEntry(id: $id) { ${THREAT_FIELDS} } }`;
const LIST_THREAT = `query ListThreat($first: Int, $after: String, $filter: ThreatEntryFilter) {
  threatEntries(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { node { id title kind status } }
  }
}`;

interface ControlEntry {
  id: string;
  classificationCode: string;
  title: string;
  description: string | null;
  controlReasons: string[];
  status: string;
  provisional: boolean;
  sunsetDate: string | null;
  reviewDate: string | null;
  marking: string;
  releasableTo: string[] | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  owner: { id: string; country: string };
}
interface ControlList {
  controlListEntries: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: { cursor: string; node: Pick<ControlEntry, 'id' | 'classificationCode' | 'title' | 'status' | 'provisional'> }[];
  };
}
interface ThreatEntry {
  id: string;
  kind: string;
  title: string;
  description: string;
  indicators: string[];
  status: string;
  marking: string;
  releasableTo: string[] | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  owner: { id: string; country: string };
  controlListEntries: { id: string; classificationCode: string }[];
}
interface ThreatList {
  threatEntries: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { node: Pick<ThreatEntry, 'id' | 'title' | 'kind' | 'status'> }[];
  };
}

/** Lets the database clock move on, so that timestamps of consecutive writes differ in milliseconds. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('control-list entries and the threat library over HTTP', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  const gql = <T>(query: string, variables: Record<string, unknown>, as: As = BAFA): Promise<GraphQLResponse<T>> =>
    hub.graphql<T>(query, variables, as);

  const createControl = async (input: Record<string, unknown>, as: As = BAFA) => {
    const response = await gql<{ createControlListEntry: ControlEntry }>(CREATE_CONTROL, { input }, as);
    expect(response.errors).toBeUndefined();
    return response.data!.createControlListEntry;
  };
  const getControl = async (id: string) => {
    const response = await gql<{ controlListEntry: ControlEntry }>(GET_CONTROL, { id });
    expect(response.errors).toBeUndefined();
    return response.data!.controlListEntry;
  };
  const listControl = async (filter: Record<string, unknown>, page: { first?: number; after?: string | null } = {}) => {
    const response = await gql<ControlList>(LIST_CONTROL, { filter, ...page });
    expect(response.errors).toBeUndefined();
    return response.data!.controlListEntries;
  };
  /** Sorted: lists come in id order, which says nothing about the records. */
  const controlCodes = async (filter: Record<string, unknown>) =>
    (await listControl(filter)).edges.map((e) => e.node.classificationCode).sort();
  /** Every control-list entry de-bafa can see: its own, as nobody shares with it here. */
  const controlCount = async () => (await listControl({})).totalCount;

  const createThreat = async (input: Record<string, unknown>, as: As = BAFA) => {
    const response = await gql<{ createThreatEntry: ThreatEntry }>(CREATE_THREAT, { input }, as);
    expect(response.errors).toBeUndefined();
    return response.data!.createThreatEntry;
  };
  const getThreat = async (id: string) => {
    const response = await gql<{ threatEntry: ThreatEntry }>(GET_THREAT, { id });
    expect(response.errors).toBeUndefined();
    return response.data!.threatEntry;
  };
  const listThreat = async (filter: Record<string, unknown>) => {
    const response = await gql<ThreatList>(LIST_THREAT, { filter });
    expect(response.errors).toBeUndefined();
    return response.data!.threatEntries;
  };
  const threatTitles = async (filter: Record<string, unknown>) =>
    (await listThreat(filter)).edges.map((e) => e.node.title).sort();
  const threatCount = async () => (await listThreat({})).totalCount;

  describe('control-list entries', () => {
    it('creates an entry with the code upper-cased, control reasons de-duplicated, version 1 and de-bafa as owner', async () => {
      const created = await createControl({
        classificationCode: '  3a001.b.4 ',
        title: '  Gallium nitride power transistors  ',
        description: 'Discrete microwave transistors rated above 31.8 GHz.',
        controlReasons: ['NS', 'MT', 'NS', ' MT ', 'NP'],
      });
      expect(created).toMatchObject({
        classificationCode: '3A001.B.4',
        title: 'Gallium nitride power transistors',
        description: 'Discrete microwave transistors rated above 31.8 GHz.',
        controlReasons: ['NS', 'MT', 'NP'],
        status: 'ACTIVE',
        provisional: false,
        sunsetDate: null,
        reviewDate: null,
        marking: 'AMBER',
        releasableTo: null,
        version: 1,
        owner: { id: 'de-bafa', country: 'DE' },
      });
      expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(Date.parse(created.createdAt)).not.toBeNaN();
      expect(created.updatedAt).toBe(created.createdAt);
    });

    it('looks an entry up by id, with every field as it was created', async () => {
      const created = await createControl({
        classificationCode: '6A003.B.4',
        title: 'Thermal imaging cameras',
        controlReasons: ['NS', 'RS'],
        provisional: true,
        sunsetDate: '2027-12-31',
        reviewDate: '2027-06-30',
        marking: 'GREEN',
        releasableTo: ['us-ofac', 'gb-ofsi', 'us-ofac'],
      });
      expect(created).toMatchObject({
        provisional: true,
        sunsetDate: '2027-12-31',
        reviewDate: '2027-06-30',
        marking: 'GREEN',
        releasableTo: ['us-ofac', 'gb-ofsi'],
      });
      expect(await getControl(created.id)).toEqual(created);
    });

    it('filters by status, provisional, text (code prefix and title words) and updatedSince', async () => {
      const a = await createControl({ classificationCode: '9X901.A', title: 'Filterable zirconium crucibles' });
      await tick();
      const b = await createControl({ classificationCode: '9x901.b', title: 'Filterable quantum cryostats', status: 'SUPERSEDED' });
      await tick();
      const c = await createControl({
        classificationCode: '9X902',
        title: 'Filterable zirconium ceramic membranes',
        provisional: true,
        sunsetDate: '2027-03-31',
      });
      await tick();
      const d = await createControl({ classificationCode: '9X903', title: 'Filterable drone airframes', status: 'REVOKED' });
      // Scoped to this test's four entries (created at or after a) by updatedSince.
      const since = a.updatedAt;
      const codes = (filter: Record<string, unknown>) => controlCodes({ updatedSince: since, ...filter });

      expect(await codes({})).toEqual(['9X901.A', '9X901.B', '9X902', '9X903']);
      expect(await codes({ status: ['SUPERSEDED'] })).toEqual(['9X901.B']);
      expect(await codes({ status: ['ACTIVE'] })).toEqual(['9X901.A', '9X902']);
      expect(await codes({ status: ['REVOKED', 'SUPERSEDED'] })).toEqual(['9X901.B', '9X903']);
      expect(await codes({ provisional: true })).toEqual(['9X902']);
      expect(await codes({ provisional: false })).toEqual(['9X901.A', '9X901.B', '9X903']);
      expect(await codes({ provisional: false, status: ['ACTIVE'] })).toEqual(['9X901.A']);

      // Text as a classification-code prefix, case-insensitive, over the whole list.
      expect(await controlCodes({ text: '9x901' })).toEqual(['9X901.A', '9X901.B']);
      expect(await controlCodes({ text: '9X90' })).toEqual(['9X901.A', '9X901.B', '9X902', '9X903']);
      expect(await controlCodes({ text: '9X902' })).toEqual(['9X902']);
      // Text as title words: every word, in any order and case.
      expect(await controlCodes({ text: 'zirconium' })).toEqual(['9X901.A', '9X902']);
      expect(await controlCodes({ text: 'CERAMIC zirconium' })).toEqual(['9X902']);
      expect(await controlCodes({ text: 'drone airframes' })).toEqual(['9X903']);
      expect(await controlCodes({ text: 'zirconium airframes' })).toEqual([]);
      expect(await controlCodes({ text: 'zirconium', status: ['ACTIVE'], provisional: true })).toEqual(['9X902']);

      // updatedSince takes entries changed at or after the instant.
      expect(await controlCodes({ updatedSince: c.updatedAt })).toEqual(['9X902', '9X903']);
      expect(await controlCodes({ updatedSince: d.updatedAt })).toEqual(['9X903']);
      expect((await listControl({ updatedSince: '2100-01-01T00:00:00Z' })).totalCount).toBe(0);
      // An update moves an entry to the end of the list and into a later updatedSince window.
      await tick();
      const touched = await gql<{ updateControlListEntry: ControlEntry }>(UPDATE_CONTROL, {
        input: { id: b.id, expectedVersion: 1, description: 'Replaced by 9X901.C' },
      });
      expect(touched.errors).toBeUndefined();
      expect(await codes({})).toEqual(['9X901.A', '9X901.B', '9X902', '9X903']);
      expect(await controlCodes({ updatedSince: touched.data!.updateControlListEntry.updatedAt })).toEqual(['9X901.B']);

      const empty = await gql(LIST_CONTROL, { filter: { text: ' ... ' } });
      expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
      expect(empty.errors?.[0]?.extensions?.field).toBe('filter.text');
    });

    it('pages through five entries two at a time, without gaps or repeats, with a constant totalCount', async () => {
      const created: string[] = [];
      for (let i = 1; i <= 5; i++) created.push((await createControl({ classificationCode: `8P00${i}`, title: `Paged entry ${i}` })).id);
      const filter = { text: '8P00' };
      const seen: string[] = [];
      const cursors: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const connection: ControlList['controlListEntries'] = await listControl(filter, { first: 2, after });
        pages++;
        expect(connection.totalCount).toBe(5);
        expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(connection.edges.length).toBe(pages < 3 ? 2 : 1);
        expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor);
        expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor);
        seen.push(...connection.edges.map((e) => e.node.id));
        cursors.push(...connection.edges.map((e) => e.cursor));
        if (!connection.pageInfo.hasNextPage) break;
        expect(pages).toBeLessThan(3);
        after = connection.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual([...created].sort());
      expect(new Set(cursors).size).toBe(5);

      const pastTheEnd = await listControl(filter, { first: 2, after: cursors.at(-1)! });
      expect(pastTheEnd).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, endCursor: null } });
      const foreign = await gql(LIST_CONTROL, { first: 2, after: Buffer.from('threat-entry:1').toString('base64url') });
      expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
      expect(foreign.errors?.[0]?.extensions?.field).toBe('after');
    });

    it('updates with the current version (version 2), and refuses a stale version with CONFLICT leaving the record unchanged', async () => {
      const created = await createControl({ classificationCode: '5A002.A', title: 'Cryptographic equipment', controlReasons: ['NS'] });
      await tick();
      const updated = await gql<{ updateControlListEntry: ControlEntry }>(UPDATE_CONTROL, {
        input: { id: created.id, expectedVersion: 1, title: 'Information security equipment', controlReasons: ['NS', 'AT', 'AT'], description: 'Category 5 part 2' },
      });
      expect(updated.errors).toBeUndefined();
      const v2 = updated.data!.updateControlListEntry;
      expect(v2).toMatchObject({
        id: created.id,
        classificationCode: '5A002.A',
        title: 'Information security equipment',
        controlReasons: ['NS', 'AT'],
        description: 'Category 5 part 2',
        version: 2,
        createdAt: created.createdAt,
        owner: { id: 'de-bafa' },
      });
      expect(Date.parse(v2.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));

      const stale = await gql(UPDATE_CONTROL, { input: { id: created.id, expectedVersion: 1, title: 'Lost update' } });
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      expect(stale.errors?.[0]?.extensions).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
      expect(stale.data).toBeNull();
      expect(await getControl(created.id)).toEqual(v2);

      const ahead = await gql(UPDATE_CONTROL, { input: { id: created.id, expectedVersion: 3, title: 'From the future' } });
      expect(errorCodes(ahead)).toEqual(['CONFLICT']);
      expect(await getControl(created.id)).toEqual(v2);

      const cleared = await gql<{ updateControlListEntry: ControlEntry }>(UPDATE_CONTROL, {
        input: { id: created.id, expectedVersion: 2, description: null, controlReasons: null },
      });
      expect(cleared.data?.updateControlListEntry).toMatchObject({ version: 3, description: null, controlReasons: [], title: 'Information security equipment' });
    });

    it('refuses a second entry with the same classification code for the same owner, but another agency may use it', async () => {
      const first = await createControl({ classificationCode: '7E001', title: 'Development technology' });
      const before = await controlCount();
      const duplicate = await gql(CREATE_CONTROL, { input: { classificationCode: ' 7e001 ', title: 'Another title' } });
      expect(errorCodes(duplicate)).toEqual(['CONFLICT']);
      expect(duplicate.errors?.[0]?.extensions?.field).toBe('input.classificationCode');
      expect(await controlCount()).toBe(before);
      expect(await controlCodes({ text: '7E001' })).toEqual(['7E001']);

      // Renaming another entry onto the taken code is the same conflict, and changes nothing.
      const other = await createControl({ classificationCode: '7E002', title: 'Production technology' });
      const rename = await gql(UPDATE_CONTROL, { input: { id: other.id, expectedVersion: 1, classificationCode: '7e001' } });
      expect(errorCodes(rename)).toEqual(['CONFLICT']);
      expect(await getControl(other.id)).toEqual(other);

      const meti = await createControl({ classificationCode: '7E001', title: 'Development technology (Japan)' }, METI);
      expect(meti).toMatchObject({ classificationCode: '7E001', version: 1, owner: { id: 'jp-meti', country: 'JP' } });
      expect(meti.id).not.toBe(first.id);
      // Each agency still sees only its own entry with that code.
      expect(await controlCodes({ text: '7E001' })).toEqual(['7E001']);
      expect((await listControl({ text: '7E001' })).edges[0]?.node.id).toBe(first.id);
    });

    it('refuses a provisional entry without a sunset date with BAD_USER_INPUT naming input.sunsetDate, and writes nothing', async () => {
      const before = await controlCount();
      const response = await gql(CREATE_CONTROL, {
        input: { classificationCode: '1C351.P', title: 'Provisional national control', provisional: true },
      });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.extensions?.field).toBe('input.sunsetDate');
      expect(response.errors?.[0]?.message).toContain('input.sunsetDate');
      expect(response.data).toBeNull();
      expect(await controlCount()).toBe(before);
      expect(await controlCodes({ text: '1C351.P' })).toEqual([]);

      // The same rule holds when an update makes an entry provisional.
      const active = await createControl({ classificationCode: '1C351.Q', title: 'Becomes provisional' });
      const update = await gql(UPDATE_CONTROL, { input: { id: active.id, expectedVersion: 1, provisional: true } });
      expect(errorCodes(update)).toEqual(['BAD_USER_INPUT']);
      expect(update.errors?.[0]?.extensions?.field).toBe('input.sunsetDate');
      expect(await getControl(active.id)).toEqual(active);
    });

    it('answers NOT_FOUND for an unknown id and for a string that is not an id, on lookup and on update', async () => {
      for (const id of [UNKNOWN_ID, 'not-a-uuid', '']) {
        const lookup = await gql(GET_CONTROL, { id });
        expect(errorCodes(lookup)).toEqual(['NOT_FOUND']);
        expect(lookup.data).toBeNull();
        const update = await gql(UPDATE_CONTROL, { input: { id, expectedVersion: 1, title: 'Nothing' } });
        expect(errorCodes(update)).toEqual(['NOT_FOUND']);
      }
    });

    it('refuses writes with FORBIDDEN to a caller without a control-list writer role, and writes nothing', async () => {
      const entry = await createControl({ classificationCode: '2B001', title: 'Machine tools' });
      const before = await controlCount();
      for (const as of [BAFA_VERIFIER, BAFA_ANALYST]) {
        const create = await gql(CREATE_CONTROL, { input: { classificationCode: '2B002', title: 'Not allowed' } }, as);
        expect(errorCodes(create)).toEqual(['FORBIDDEN']);
        expect(create.data).toBeNull();
        const update = await gql(UPDATE_CONTROL, { input: { id: entry.id, expectedVersion: 1, title: 'Not allowed' } }, as);
        expect(errorCodes(update)).toEqual(['FORBIDDEN']);
      }
      expect(await controlCount()).toBe(before);
      expect(await getControl(entry.id)).toEqual(entry);
      // Reading needs no writer role.
      const read = await gql<{ controlListEntry: ControlEntry }>(GET_CONTROL, { id: entry.id }, BAFA_VERIFIER);
      expect(read.data?.controlListEntry).toEqual(entry);
      // Another agency cannot change the entry, whatever its roles: it does not even see it.
      const foreign = await gql(UPDATE_CONTROL, { input: { id: entry.id, expectedVersion: 1, title: 'Not yours' } }, METI);
      expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    });

    it('makes a retried create with the same idempotency key return the same entry', async () => {
      const input = { classificationCode: '4A003', title: 'Digital computers', controlReasons: ['NS'], idempotencyKey: 'control-retry-1' };
      const before = await controlCount();
      const first = await createControl(input);
      const retried = await createControl(input);
      expect(retried.id).toBe(first.id);
      expect(retried).toEqual(first);
      expect(await controlCount()).toBe(before + 1);

      // The key belongs to that request: reused for another one it is a CONFLICT, and writes nothing.
      const reused = await gql(CREATE_CONTROL, { input: { ...input, title: 'Something else' } });
      expect(errorCodes(reused)).toEqual(['CONFLICT']);
      expect(reused.errors?.[0]?.extensions?.field).toBe('input.idempotencyKey');
      // Without a key, the same create is a second entry with a taken code.
      const { idempotencyKey: _key, ...withoutKey } = input;
      expect(errorCodes(await gql(CREATE_CONTROL, { input: withoutKey }))).toEqual(['CONFLICT']);
      expect(await controlCount()).toBe(before + 1);
    });

    it('gives concurrent retries with the same idempotency key the same entry, never a CONFLICT', async () => {
      const before = await controlCount();
      // Several rounds, because the retries must meet inside the window between the key check and the insert.
      for (let round = 0; round < 25; round++) {
        const input = { classificationCode: `4A1${String(round).padStart(2, '0')}`, title: 'Concurrent retry', idempotencyKey: `control-concurrent-${round}` };
        const answers = await Promise.all([0, 1, 2].map(() => gql<{ createControlListEntry: ControlEntry }>(CREATE_CONTROL, { input })));
        expect(answers.map(errorCodes), `round ${round}`).toEqual([[], [], []]);
        expect(new Set(answers.map((a) => a.data?.createControlListEntry.id)).size, `round ${round}`).toBe(1);
      }
      expect(await controlCount()).toBe(before + 25);
    });
  });

  describe('threat entries', () => {
    let laser: ControlEntry;
    let uav: ControlEntry;

    beforeAll(async () => {
      laser = await createControl({ classificationCode: '6A005.D', title: 'High-power lasers', controlReasons: ['NS'] });
      uav = await createControl({ classificationCode: '9A012', title: 'Unmanned aerial vehicles', controlReasons: ['NS', 'MT'] });
    });

    it('creates an entry linked to two control-list entries, returned in the order given', async () => {
      const created = await createThreat({
        kind: 'TECHNOLOGY_OF_CONCERN',
        title: '  Laser designators for loitering munitions ',
        description: 'Target designation lasers integrated into small airframes.',
        indicators: ['End user is a drone integrator', 'Wavelength 1064 nm requested', 'End user is a drone integrator'],
        controlListEntryIds: [uav.id, laser.id],
      });
      expect(created).toMatchObject({
        kind: 'TECHNOLOGY_OF_CONCERN',
        title: 'Laser designators for loitering munitions',
        description: 'Target designation lasers integrated into small airframes.',
        indicators: ['End user is a drone integrator', 'Wavelength 1064 nm requested'],
        status: 'ACTIVE',
        marking: 'AMBER',
        releasableTo: null,
        version: 1,
        owner: { id: 'de-bafa', country: 'DE' },
        controlListEntries: [
          { id: uav.id, classificationCode: '9A012' },
          { id: laser.id, classificationCode: '6A005.D' },
        ],
      });
      expect(await getThreat(created.id)).toEqual(created);
    });

    it('filters by kind, status, text and linked control-list entry', async () => {
      const valve = await createControl({ classificationCode: '2B350.G', title: 'Corrosion-resistant valves' });
      const pump = await createControl({ classificationCode: '2B350.I', title: 'Multiple-seal pumps' });
      const flag = await createThreat({
        kind: 'RED_FLAG',
        title: 'Quokka: buyer declines installation',
        description: 'The buyer refuses installation and training services.',
        controlListEntryIds: [valve.id],
      });
      await tick();
      await createThreat({
        kind: 'TYPOLOGY',
        title: 'Quokka: split shipments',
        description: 'Orders split below licensing thresholds with sequential invoices.',
        status: 'DRAFT',
        controlListEntryIds: [pump.id],
      });
      await tick();
      await createThreat({
        kind: 'DIVERSION_ROUTE',
        title: 'Quokka: overland via third country',
        description: 'Goods re-exported by truck after transit.',
        status: 'RETIRED',
        controlListEntryIds: [valve.id, pump.id],
      });
      const titles = (filter: Record<string, unknown>) => threatTitles({ updatedSince: flag.updatedAt, ...filter });

      expect(await titles({})).toEqual(['Quokka: buyer declines installation', 'Quokka: overland via third country', 'Quokka: split shipments']);
      expect(await titles({ kind: ['TYPOLOGY'] })).toEqual(['Quokka: split shipments']);
      expect(await titles({ kind: ['RED_FLAG', 'DIVERSION_ROUTE'] })).toEqual(['Quokka: buyer declines installation', 'Quokka: overland via third country']);
      expect(await titles({ status: ['DRAFT'] })).toEqual(['Quokka: split shipments']);
      expect(await titles({ status: ['ACTIVE', 'RETIRED'] })).toEqual(['Quokka: buyer declines installation', 'Quokka: overland via third country']);
      expect(await titles({ kind: ['TYPOLOGY'], status: ['ACTIVE'] })).toEqual([]);

      // Text: every word in the title or the description, case-insensitive, in any order.
      expect(await threatTitles({ text: 'quokka' })).toHaveLength(3);
      expect(await threatTitles({ text: 'SPLIT quokka' })).toEqual(['Quokka: split shipments']);
      expect(await threatTitles({ text: 'sequential invoices' })).toEqual(['Quokka: split shipments']);
      expect(await threatTitles({ text: 'quokka truck' })).toEqual(['Quokka: overland via third country']);
      expect(await threatTitles({ text: 'quokka laser' })).toEqual([]);
      const emptyText = await gql(LIST_THREAT, { filter: { text: '!?' } });
      expect(errorCodes(emptyText)).toEqual(['BAD_USER_INPUT']);
      expect(emptyText.errors?.[0]?.extensions?.field).toBe('filter.text');

      // Linked control-list entry.
      expect(await threatTitles({ controlListEntryId: valve.id })).toEqual(['Quokka: buyer declines installation', 'Quokka: overland via third country']);
      expect(await threatTitles({ controlListEntryId: pump.id })).toEqual(['Quokka: overland via third country', 'Quokka: split shipments']);
      expect(await threatTitles({ controlListEntryId: pump.id, status: ['DRAFT'] })).toEqual(['Quokka: split shipments']);
      expect(await threatTitles({ controlListEntryId: pump.id.toUpperCase() })).toEqual(['Quokka: overland via third country', 'Quokka: split shipments']);
      expect((await listThreat({ controlListEntryId: UNKNOWN_ID })).totalCount).toBe(0);
      const notAnId = await gql(LIST_THREAT, { filter: { controlListEntryId: 'valve' } });
      expect(errorCodes(notAnId)).toEqual(['BAD_USER_INPUT']);
      expect(notAnId.errors?.[0]?.extensions?.field).toBe('filter.controlListEntryId');

      const all = await listThreat({ text: 'quokka' });
      const firstOnly = await gql<ThreatList>(LIST_THREAT, { first: 1, filter: { text: 'quokka' } });
      // The first in id order.
      const first = [...all.edges].sort((a, b) => a.node.id.localeCompare(b.node.id))[0]!;
      expect(firstOnly.data?.threatEntries.edges.map((e) => e.node.title)).toEqual([first.node.title]);
      expect(firstOnly.data?.threatEntries).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    });

    it('replaces links and indicators on update (version 2), and clears indicators with null', async () => {
      const created = await createThreat({
        kind: 'RED_FLAG',
        title: 'Payment from an unrelated third party',
        description: 'Paid by a company with no stated role in the transaction.',
        indicators: ['Payer differs from buyer'],
        controlListEntryIds: [laser.id, uav.id],
      });
      const replaced = await gql<{ updateThreatEntry: ThreatEntry }>(UPDATE_THREAT, {
        input: { id: created.id, expectedVersion: 1, controlListEntryIds: [uav.id], indicators: ['Payer in a third country', 'Cash deposit'] },
      });
      expect(replaced.errors).toBeUndefined();
      expect(replaced.data?.updateThreatEntry).toMatchObject({
        id: created.id,
        version: 2,
        title: 'Payment from an unrelated third party',
        indicators: ['Payer in a third country', 'Cash deposit'],
        controlListEntries: [{ id: uav.id, classificationCode: '9A012' }],
        createdAt: created.createdAt,
      });
      expect(await getThreat(created.id)).toEqual(replaced.data?.updateThreatEntry);
      expect((await listThreat({ controlListEntryId: laser.id })).edges.map((e) => e.node.id)).not.toContain(created.id);
      expect((await listThreat({ controlListEntryId: uav.id })).edges.map((e) => e.node.id)).toContain(created.id);

      // Omitted links stay as they are; null clears the indicators.
      const cleared = await gql<{ updateThreatEntry: ThreatEntry }>(UPDATE_THREAT, {
        input: { id: created.id, expectedVersion: 2, indicators: null, status: 'RETIRED' },
      });
      expect(cleared.errors).toBeUndefined();
      expect(cleared.data?.updateThreatEntry).toMatchObject({
        version: 3,
        indicators: [],
        status: 'RETIRED',
        controlListEntries: [{ id: uav.id, classificationCode: '9A012' }],
      });

      // Links replaced in a new order, then removed with an empty list.
      const reordered = await gql<{ updateThreatEntry: ThreatEntry }>(UPDATE_THREAT, {
        input: { id: created.id, expectedVersion: 3, controlListEntryIds: [laser.id, uav.id] },
      });
      expect(reordered.data?.updateThreatEntry.controlListEntries.map((c) => c.id)).toEqual([laser.id, uav.id]);
      const unlinked = await gql<{ updateThreatEntry: ThreatEntry }>(UPDATE_THREAT, {
        input: { id: created.id, expectedVersion: 4, controlListEntryIds: [] },
      });
      expect(unlinked.data?.updateThreatEntry).toMatchObject({ version: 5, controlListEntries: [] });
      expect(await getThreat(created.id)).toMatchObject({ version: 5, indicators: [], controlListEntries: [] });
    });

    it('refuses a stale version with CONFLICT and keeps the newer write', async () => {
      const created = await createThreat({ kind: 'TYPOLOGY', title: 'Front company chains', description: 'Layered ownership.' });
      const first = await gql<{ updateThreatEntry: ThreatEntry }>(UPDATE_THREAT, {
        input: { id: created.id, expectedVersion: 1, title: 'Front company chains across free zones' },
      });
      expect(first.data?.updateThreatEntry).toMatchObject({ version: 2, title: 'Front company chains across free zones' });
      const stale = await gql(UPDATE_THREAT, {
        input: { id: created.id, expectedVersion: 1, title: 'Lost update', controlListEntryIds: [laser.id] },
      });
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      expect(stale.errors?.[0]?.extensions).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
      expect(await getThreat(created.id)).toEqual(first.data?.updateThreatEntry);
    });

    it('refuses a link to an unknown control-list entry with BAD_USER_INPUT naming input.controlListEntryIds[1], and writes nothing', async () => {
      const before = await threatCount();
      const response = await gql(CREATE_THREAT, {
        input: { kind: 'RED_FLAG', title: 'Linked to nothing', description: 'x', controlListEntryIds: [laser.id, UNKNOWN_ID] },
      });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.extensions?.field).toBe('input.controlListEntryIds[1]');
      expect(response.errors?.[0]?.message).toContain('input.controlListEntryIds[1]');
      expect(response.errors?.[0]?.message).not.toContain('input.controlListEntryIds[0]');
      expect(await threatCount()).toBe(before);
      expect(await threatTitles({ text: 'Linked to nothing' })).toEqual([]);

      // Another agency's entry, which de-bafa cannot see, reads the same as an unknown one.
      const metiEntry = await createControl({ classificationCode: '3B001', title: 'Semiconductor manufacturing equipment' }, METI);
      const foreign = await gql(CREATE_THREAT, {
        input: { kind: 'RED_FLAG', title: 'Linked to a foreign entry', description: 'x', controlListEntryIds: [uav.id, metiEntry.id] },
      });
      expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
      expect(foreign.errors?.[0]?.extensions?.field).toBe('input.controlListEntryIds[1]');
      expect(await threatCount()).toBe(before);

      // On update: refused, and the links stay as they were.
      const created = await createThreat({ kind: 'RED_FLAG', title: 'Keeps its links', description: 'x', controlListEntryIds: [laser.id] });
      const update = await gql(UPDATE_THREAT, { input: { id: created.id, expectedVersion: 1, controlListEntryIds: [uav.id, UNKNOWN_ID] } });
      expect(errorCodes(update)).toEqual(['BAD_USER_INPUT']);
      expect(update.errors?.[0]?.extensions?.field).toBe('input.controlListEntryIds[1]');
      expect(await getThreat(created.id)).toEqual(created);
    });

    it('refuses an empty title with BAD_USER_INPUT naming input.title, and writes nothing', async () => {
      const before = await threatCount();
      const response = await gql(CREATE_THREAT, { input: { kind: 'TYPOLOGY', title: '   ', description: 'Untitled typology' } });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.extensions?.field).toBe('input.title');
      expect(response.errors?.[0]?.message).toContain('input.title');
      expect(await threatCount()).toBe(before);

      const created = await createThreat({ kind: 'TYPOLOGY', title: 'Has a title', description: 'x' });
      for (const title of ['', null]) {
        const update = await gql(UPDATE_THREAT, { input: { id: created.id, expectedVersion: 1, title } });
        expect(errorCodes(update)).toEqual(['BAD_USER_INPUT']);
        expect(update.errors?.[0]?.extensions?.field).toBe('input.title');
      }
      expect(await getThreat(created.id)).toEqual(created);
    });

    it('answers NOT_FOUND for unknown and non-UUID ids, and FORBIDDEN to a caller without a writer role', async () => {
      for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
        expect(errorCodes(await gql(GET_THREAT, { id }))).toEqual(['NOT_FOUND']);
        expect(errorCodes(await gql(UPDATE_THREAT, { input: { id, expectedVersion: 1, title: 'x' } }))).toEqual(['NOT_FOUND']);
      }
      const created = await createThreat({ kind: 'RED_FLAG', title: 'Owner-only changes', description: 'x' });
      const before = await threatCount();
      const create = await gql(CREATE_THREAT, { input: { kind: 'RED_FLAG', title: 'Not allowed', description: 'x' } }, BAFA_VERIFIER);
      expect(errorCodes(create)).toEqual(['FORBIDDEN']);
      const update = await gql(UPDATE_THREAT, { input: { id: created.id, expectedVersion: 1, title: 'Not allowed' } }, BAFA_VERIFIER);
      expect(errorCodes(update)).toEqual(['FORBIDDEN']);
      expect(await threatCount()).toBe(before);
      expect(await getThreat(created.id)).toEqual(created);
    });

    it('every field is null-safe: all but id and marking (released with every record) are nullable, and a minimal entry reads back whole without errors', async () => {
      const introspection = await gql<{ __schema: { types: IntrospectedType[] } }>(INTROSPECT, {});
      expect(introspection.errors).toBeUndefined();
      const types = new Map(introspection.data!.__schema.types.map((t) => [t.name, t]));
      for (const name of ['ThreatEntry', 'ControlListEntry']) {
        const fields = types.get(name)!.fields!;
        expect(fields.length).toBeGreaterThan(10);
        for (const field of fields) {
          expect(field.type.kind === 'NON_NULL', `${name}.${field.name} nullable`).toBe(field.name === 'id' || field.name === 'marking');
        }
      }

      // Only the required inputs: every optional field must still come back, as null or empty.
      const control = await createControl({ classificationCode: '0A501', title: 'Firearms' });
      const threat = await createThreat({ kind: 'DIVERSION_ROUTE', title: 'Minimal entry', description: 'Only what is required.' });
      const everyField = (name: string, depth = 0): string =>
        types
          .get(name)!
          .fields!.map((f) => {
            const inner = namedType(f.type);
            const sub = types.get(inner)!;
            if (sub.kind !== 'OBJECT') return f.name;
            return depth > 0 ? `${f.name} { __typename }` : `${f.name} { ${everyField(inner, depth + 1)} }`;
          })
          .join(' ');
      const read = await gql<{ threatEntry: Record<string, unknown>; controlListEntry: Record<string, unknown> }>(
        `query Whole($threat: ID!, $control: ID!) {
          threatEntry(id: $threat) { ${everyField('ThreatEntry')} }
          controlListEntry(id: $control) { ${everyField('ControlListEntry')} }
        }`,
        { threat: threat.id, control: control.id },
      );
      expect(read.errors).toBeUndefined();
      expect(read.data!.threatEntry).toEqual({
        id: threat.id,
        kind: 'DIVERSION_ROUTE',
        title: 'Minimal entry',
        description: 'Only what is required.',
        indicators: [],
        status: 'ACTIVE',
        marking: 'AMBER',
        releasableTo: null,
        version: 1,
        createdAt: threat.createdAt,
        updatedAt: threat.updatedAt,
        owner: { id: 'de-bafa', country: 'DE', kind: 'LICENSING_AUTHORITY', name: 'Bundesamt für Wirtschaft und Ausfuhrkontrolle' },
        controlListEntries: [],
        provenance: null,
      });
      expect(read.data!.controlListEntry).toEqual({
        id: control.id,
        classificationCode: '0A501',
        title: 'Firearms',
        description: null,
        controlReasons: [],
        status: 'ACTIVE',
        provisional: false,
        sunsetDate: null,
        reviewDate: null,
        marking: 'AMBER',
        releasableTo: null,
        version: 1,
        createdAt: control.createdAt,
        updatedAt: control.updatedAt,
        owner: { id: 'de-bafa', country: 'DE', kind: 'LICENSING_AUTHORITY', name: 'Bundesamt für Wirtschaft und Ausfuhrkontrolle' },
        provenance: null,
      });
      // Every field of a listed page is answered too, for entries with and without optional values.
      const page = await gql<{ threatEntries: { edges: { node: Record<string, unknown> }[] } }>(
        `{ threatEntries(first: 500) { edges { node { ${everyField('ThreatEntry')} } } } }`,
        {},
      );
      expect(page.errors).toBeUndefined();
      const nodes = page.data!.threatEntries.edges.map((e) => e.node);
      expect(nodes.length).toBeGreaterThan(5);
      for (const node of nodes) {
        for (const field of ['kind', 'title', 'description', 'indicators', 'status', 'marking', 'version', 'createdAt', 'updatedAt', 'owner', 'controlListEntries']) {
          expect(node[field], `${String(node.id)}.${field}`).not.toBeNull();
        }
      }
    });
  });
});

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface IntrospectedType {
  name: string;
  kind: string;
  fields: { name: string; type: TypeRef }[] | null;
}
const INTROSPECT = `{ __schema { types { name kind fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`;
const namedType = (ref: TypeRef): string => (ref.ofType ? namedType(ref.ofType) : ref.name!);
