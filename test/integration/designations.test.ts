import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designationAliases, designations } from '../../src/db/schema/index.ts';
import { givenAgencies } from '../support/builders.ts';
import { errorCodes, startTestHub, type As, type TestHub } from '../support/hub.ts';

const DESIGNATION_FIELDS = `
  id primaryName subjectType status programs nationalities sunsetDate version marking releasableTo
  owner { id country }
  aliases { name kind strength script }
  identifiers { type value issuingCountry }
  addresses { city country }
  datesOfBirth { date rangeEnd approximate earliest latest }
  delistedAt delistingReason
`;

const CREATE = `mutation Create($input: CreateDesignationInput!) {
  createDesignation(input: $input) { ${DESIGNATION_FIELDS} }
}`;
const UPDATE = `mutation Update($input: UpdateDesignationInput!) {
  updateDesignation(input: $input) { ${DESIGNATION_FIELDS} }
}`;
const DELIST = `mutation Delist($input: DelistDesignationInput!) {
  delistDesignation(input: $input) { ${DESIGNATION_FIELDS} }
}`;
const LIST = `query List($first: Int, $after: String, $filter: DesignationFilter) {
  designations(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id primaryName status programs owner { id } } }
  }
}`;
const GET = `query Get($id: ID!) { designation(id: $id) { ${DESIGNATION_FIELDS} } }`;

interface DesignationResult {
  id: string;
  primaryName: string;
  status: string;
  version: number;
  programs: string[];
  sunsetDate: string | null;
  aliases: { name: string; kind: string; strength: string; script: string }[];
  identifiers: { type: string; value: string; issuingCountry: string | null }[];
  datesOfBirth: { date: string; rangeEnd: string | null; approximate: boolean; earliest: string; latest: string }[];
  owner: { id: string; country: string };
  delistedAt: string | null;
  delistingReason: string | null;
}
interface ListResult {
  designations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; primaryName: string; status: string; programs: string[] } }[];
  };
}

const individual = (overrides: Record<string, unknown> = {}) => ({
  subjectType: 'INDIVIDUAL',
  primaryName: 'IVANOV, Sergei Petrovich',
  programs: ['RUSSIA-EO14024'],
  nationalities: ['RU'],
  aliases: [
    { name: 'Иванов Сергей Петрович' },
    { name: 'Serguei IVANOFF', strength: 'WEAK' },
  ],
  identifiers: [{ type: 'PASSPORT', value: '72 1234567', issuingCountry: 'RU' }],
  addresses: [{ city: 'Moscow', country: 'RU' }],
  datesOfBirth: [{ date: '1968-03-14' }, { date: '1970', approximate: true }],
  legalBasis: 'Executive Order 14024',
  rationale: 'Operates in the technology sector of the Russian Federation economy.',
  ...overrides,
});

describe('designations over HTTP', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    await givenAgencies(hub.db);
  });
  afterAll(() => hub?.stop());

  const create = async (input: Record<string, unknown>, as?: As) => {
    const response = await hub.graphql<{ createDesignation: DesignationResult }>(CREATE, { input }, as);
    expect(response.errors).toBeUndefined();
    return response.data!.createDesignation;
  };
  const rowCount = async () => (await hub.db.select({ n: count() }).from(designations))[0]!.n;

  it('creates a designation with aliases in other scripts, identifiers and dates of birth, and reads it back', async () => {
    const created = await create(individual());
    expect(created).toMatchObject({
      primaryName: 'IVANOV, Sergei Petrovich',
      status: 'ACTIVE',
      version: 1,
      owner: { id: 'us-ofac', country: 'US' },
      aliases: [
        { name: 'Иванов Сергей Петрович', kind: 'AKA', strength: 'STRONG', script: 'Cyrillic' },
        { name: 'Serguei IVANOFF', kind: 'AKA', strength: 'WEAK', script: 'Latin' },
      ],
      identifiers: [{ type: 'PASSPORT', value: '72 1234567', issuingCountry: 'RU' }],
      datesOfBirth: [
        { date: '1968-03-14', rangeEnd: null, approximate: false, earliest: '1968-03-14', latest: '1968-03-14' },
        { date: '1970', rangeEnd: null, approximate: true, earliest: '1970-01-01', latest: '1970-12-31' },
      ],
    });
    const fetched = await hub.graphql<{ designation: DesignationResult }>(GET, { id: created.id });
    expect(fetched.data?.designation).toEqual(created);
  });

  it('text search finds a designation by an alias written in another script', async () => {
    const target = await create(
      individual({ primaryName: 'KIM, Jong Su', nationalities: ['KP'], aliases: [{ name: '김정수' }], identifiers: [] }),
    );
    await create(individual({ primaryName: 'PARK, Min Ho', aliases: [{ name: '박민호' }], identifiers: [] }));
    const byHangul = await hub.graphql<ListResult>(LIST, { filter: { text: '김정수' } });
    expect(byHangul.data?.designations.edges.map((e) => e.node.id)).toEqual([target.id]);
    const byCyrillicFragment = await hub.graphql<ListResult>(LIST, { filter: { text: 'иванов' } });
    expect(byCyrillicFragment.data?.designations.edges.map((e) => e.node.primaryName)).toContain(
      'IVANOV, Sergei Petrovich',
    );
    const byLatinIgnoringCaseAndDiacritics = await hub.graphql<ListResult>(LIST, { filter: { text: 'kím jong' } });
    expect(byLatinIgnoringCaseAndDiacritics.data?.designations.totalCount).toBe(1);
  });

  it('pages through a filtered list with cursors, without gaps or repeats', async () => {
    const ofsi = { agency: 'gb-ofsi', roles: ['analyst' as const] };
    for (let i = 0; i < 7; i++) {
      await create({ subjectType: 'ENTITY', primaryName: `Paging Test Trading ${i} LLC`, programs: ['PAGING'] }, ofsi);
    }
    await create({ subjectType: 'VESSEL', primaryName: 'PAGING STAR', programs: ['PAGING'] }, ofsi);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Awaited<ReturnType<typeof hub.graphql<ListResult>>> = await hub.graphql<ListResult>(LIST, {
        first: 3,
        after,
        filter: { program: 'PAGING', owner: ['gb-ofsi'], subjectType: ['ENTITY'] },
      }, ofsi);
      const connection = page.data!.designations;
      expect(connection.totalCount).toBe(7);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...connection.edges.map((e) => e.node.primaryName));
      pages++;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    // In id order, which says nothing about when records changed.
    expect([...seen].sort()).toEqual(Array.from({ length: 7 }, (_, i) => `Paging Test Trading ${i} LLC`));
    expect(new Set(seen).size).toBe(7);
  });

  it('filters by status and by updatedSince', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const provisional = await create(
      individual({ primaryName: 'PROVISIONAL, Person', status: 'PROVISIONAL', sunsetDate: '2027-06-30', effectiveFrom: '2026-11-01' }),
    );
    const list = await hub.graphql<ListResult>(LIST, { filter: { status: ['PROVISIONAL'], updatedSince: before } });
    expect(list.data?.designations.edges.map((e) => e.node.id)).toEqual([provisional.id]);
    const future = await hub.graphql<ListResult>(LIST, { filter: { updatedSince: '2100-01-01T00:00:00Z' } });
    expect(future.data?.designations.totalCount).toBe(0);
  });

  it('refuses a stale version with CONFLICT and keeps the newer write', async () => {
    const created = await create(individual({ primaryName: 'VERSION, Test' }));
    const first = await hub.graphql<{ updateDesignation: DesignationResult }>(UPDATE, {
      input: { id: created.id, expectedVersion: 1, programs: ['SDGT'] },
    });
    expect(first.data?.updateDesignation).toMatchObject({ version: 2, programs: ['SDGT'] });
    const stale = await hub.graphql(UPDATE, { input: { id: created.id, expectedVersion: 1, programs: ['IRAN'] } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    const now = await hub.graphql<{ designation: DesignationResult }>(GET, { id: created.id });
    expect(now.data?.designation).toMatchObject({ version: 2, programs: ['SDGT'] });
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const created = await create(individual({ primaryName: 'RACE, Test' }));
    const attempts = await Promise.all(
      ['A', 'B'].map((program) =>
        hub.graphql(UPDATE, { input: { id: created.id, expectedVersion: 1, programs: [program] } }),
      ),
    );
    expect(attempts.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
  });

  it('replaces nested lists on update and clears optional fields with null', async () => {
    const created = await create(individual({ primaryName: 'NESTED, Test' }));
    const updated = await hub.graphql<{ updateDesignation: DesignationResult }>(UPDATE, {
      input: { id: created.id, expectedVersion: 1, aliases: [{ name: 'Nested Alias', kind: 'FKA' }], identifiers: null },
    });
    expect(updated.data?.updateDesignation.aliases).toEqual([
      { name: 'Nested Alias', kind: 'FKA', strength: 'STRONG', script: 'Latin' },
    ]);
    expect(updated.data?.updateDesignation.identifiers).toEqual([]);
  });

  it('rejects invalid input with BAD_USER_INPUT naming every field, and writes nothing', async () => {
    const before = await rowCount();
    const aliasesBefore = (await hub.db.select({ n: count() }).from(designationAliases))[0]!.n;
    const response = await hub.graphql(CREATE, {
      input: individual({
        primaryName: '   ',
        aliases: [{ name: 'ok' }, { name: '' }],
        identifiers: [{ type: 'IMO_NUMBER', value: '9074728' }],
        datesOfBirth: [{ date: '1968-02-30' }],
      }),
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const message = response.errors![0]!.message;
    for (const field of ['input.primaryName', 'input.aliases[1].name', 'input.identifiers[0].value', 'input.datesOfBirth[0].date']) {
      expect(message).toContain(field);
    }
    expect(response.errors![0]!.extensions).toMatchObject({ field: 'input.primaryName' });
    expect(await rowCount()).toBe(before);
    expect((await hub.db.select({ n: count() }).from(designationAliases))[0]!.n).toBe(aliasesBefore);
  });

  it('rejects releasability to an unknown agency and a bad country code as BAD_USER_INPUT', async () => {
    const unknownAgency = await hub.graphql(CREATE, { input: individual({ releasableTo: ['gb-ofsi', 'xx-nobody'] }) });
    expect(errorCodes(unknownAgency)).toEqual(['BAD_USER_INPUT']);
    expect(unknownAgency.errors?.[0]?.extensions?.field).toBe('input.releasableTo[1]');
    const badCountry = await hub.graphql(CREATE, { input: individual({ nationalities: ['XX'] }) });
    expect(errorCodes(badCountry)).toEqual(['BAD_USER_INPUT']);
    expect(badCountry.errors?.[0]?.message).toContain('nationalities');
  });

  it('rejects a provisional listing without a sunset date, on create and on update', async () => {
    const before = await rowCount();
    const response = await hub.graphql(CREATE, { input: individual({ status: 'PROVISIONAL' }) });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions?.field).toBe('input.sunsetDate');
    expect(await rowCount()).toBe(before);

    const active = await create(individual({ primaryName: 'TO BE PROVISIONAL' }));
    const update = await hub.graphql(UPDATE, { input: { id: active.id, expectedVersion: 1, status: 'PROVISIONAL' } });
    expect(errorCodes(update)).toEqual(['BAD_USER_INPUT']);
  });

  it('delists with a reason, and a delisted designation can no longer change', async () => {
    const created = await create(individual({ primaryName: 'DELIST, Me' }));
    const delisted = await hub.graphql<{ delistDesignation: DesignationResult }>(DELIST, {
      input: { id: created.id, expectedVersion: 1, reason: 'Deceased; delisted on review.' },
    });
    expect(delisted.data?.delistDesignation).toMatchObject({
      status: 'DELISTED',
      version: 2,
      delistingReason: 'Deceased; delisted on review.',
    });
    expect(delisted.data?.delistDesignation.delistedAt).toBeTruthy();
    const again = await hub.graphql(DELIST, { input: { id: created.id, expectedVersion: 2, reason: 'again' } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const edit = await hub.graphql(UPDATE, { input: { id: created.id, expectedVersion: 2, programs: ['X'] } });
    expect(errorCodes(edit)).toEqual(['CONFLICT']);
  });

  it('answers NOT_FOUND for an unknown id and for a string that is not an id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await hub.graphql(GET, { id });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    }
  });

  it('makes a retried create with the same idempotency key return the first designation', async () => {
    const input = individual({ primaryName: 'IDEMPOTENT, Retry', idempotencyKey: 'retry-key-1' });
    const before = await rowCount();
    const [a, b] = await Promise.all([hub.graphql<{ createDesignation: DesignationResult }>(CREATE, { input }), hub.graphql<{ createDesignation: DesignationResult }>(CREATE, { input })]);
    const c = await hub.graphql<{ createDesignation: DesignationResult }>(CREATE, { input });
    expect(a.data?.createDesignation.id).toBeDefined();
    expect(b.data?.createDesignation.id).toBe(a.data?.createDesignation.id);
    expect(c.data?.createDesignation.id).toBe(a.data?.createDesignation.id);
    expect(await rowCount()).toBe(before + 1);
    const reused = await hub.graphql(CREATE, { input: { ...input, primaryName: 'SOMEONE, Else' } });
    expect(errorCodes(reused)).toEqual(['CONFLICT']);
  });

  it('caps page sizes and rejects foreign cursors', async () => {
    const tooMany = await hub.graphql(LIST, { first: 501 });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const forged = await hub.graphql(LIST, { after: Buffer.from('threat-entry:5').toString('base64url') });
    expect(errorCodes(forged)).toEqual(['BAD_USER_INPUT']);
    expect(forged.errors?.[0]?.extensions?.field).toBe('after');
  });
});
