/** Limits on every document, before it runs: depth, cost, aliases, directives, tokens, characters, and their known bypasses. */
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS } from '../../src/config/limits.ts';
import { errorCodes, startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.ts';

/** A selection `levels` deep below a __Type, through its fields' types. */
function typeSelection(levels: number): string {
  let inner = 'name';
  for (let i = 0; i < levels; i += 1) inner = i % 2 === 0 ? `ofType { ${inner} }` : `fields { type { ${inner} } }`;
  return inner;
}
const nest = (levels: number) => `{ __type(name: "Designation") { ${typeSelection(levels)} } }`;

describe('limits on every GraphQL document', () => {
  let hub: TestHub;
  let production: TestHub;

  beforeAll(async () => {
    [hub, production] = await Promise.all([startTestHub(), startTestHub({ production: true })]);
  });
  afterAll(async () => {
    await hub?.stop();
    await production?.stop();
  });

  const post = async (target: TestHub, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse & { headers: Headers }> => {
    const response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await target.token('us-ofac')}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { ...(JSON.parse(text) as GraphQLResponse), status: response.status, headers: response.headers };
  };
  const expectTooComplex = (answer: GraphQLResponse, reason?: RegExp) => {
    if (reason) expect(answer.errors?.map((e) => e.message).join(' ')).toMatch(reason);
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(expect.arrayContaining(['QUERY_TOO_COMPLEX']));
    expect(answer.data ?? null).toBeNull();
    expect(JSON.stringify(answer)).not.toMatch(/stack|exception|at .*\.ts/);
  };

  it('keeps the legal large requests within the default limits: a 500-row page with nested fields, 1,000 parties', async () => {
    const page = await hub.graphql(
      `{ designations(first: 500) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id primaryName status programs marking rationale
          aliases { name script strength } identifiers { type value } addresses { country city } owner { id } } } } }`,
    );
    expect(page.errors).toBeUndefined();
    const screening = await hub.graphql(
      `query($input: [PartyInput!]!) { screen(input: $input) { index name matches { score designation { id primaryName aliases { name } } } } }`,
      { input: Array.from({ length: 1000 }, (_, i) => ({ name: `Nobody Trading ${i}` })) },
    );
    expect(screening.errors).toBeUndefined();
  });

  it('lets tools’ standard introspection query through in development', async () => {
    const answer = await post(hub, { query: getIntrospectionQuery() });
    expect(answer.errors).toBeUndefined();
  });

  it('refuses a document deeper than the limit, with QUERY_TOO_COMPLEX and no stack', async () => {
    expectTooComplex(await post(hub, { query: nest(DEFAULT_QUERY_LIMITS.maxDepth + 2) }), /depth limit/);
  });

  it('counts depth and cost through operations and fragments named __schema', async () => {
    const body = `{ __type(name: "Designation") { ...__schema } } fragment __schema on __Type { ${typeSelection(DEFAULT_QUERY_LIMITS.maxDepth)} }`;
    expectTooComplex(await post(hub, { query: body }));
    expectTooComplex(await post(hub, { query: `query __schema ${nest(DEFAULT_QUERY_LIMITS.maxDepth + 2)}` }));
    const costly = `query __schema { ...__schema } fragment __schema on Query { ${Array.from({ length: 13 }, (_, i) => `d${i}: designations(first: 500) { edges { node { id primaryName rationale programs status marking aliases { name script } identifiers { type value } addresses { country city } owner { id name country kind } } } }`).join(' ')} }`;
    expectTooComplex(await post(hub, { query: costly }), /cost/);
  });

  it('follows fragment spreads and nested fragments for depth and cost, and refuses fragment cycles', async () => {
    const nested = `{ designations(first: 500) { ...A } } fragment A on DesignationConnection { edges { ...B } } fragment B on DesignationEdge { node { ...C } }
      fragment C on Designation { id primaryName rationale programs status marking aliases { name script strength } identifiers { type value } }`;
    const ok = await post(hub, { query: nested });
    expect(ok.errors).toBeUndefined();
    const many = `{ ${Array.from({ length: 14 }, (_, i) => `d${i}: designations(first: 500) { ...A }`).join(' ')} } fragment A on DesignationConnection { edges { ...B } } fragment B on DesignationEdge { node { ...C } }
      fragment C on Designation { id primaryName rationale programs status marking aliases { name script strength } identifiers { type value } addresses { country city } }`;
    expectTooComplex(await post(hub, { query: many }), /cost/);
    const cycle = await post(hub, { query: `{ designations { ...A } } fragment A on DesignationConnection { edges { node { id } } ...A }` });
    expect(cycle.status).toBe(400);
    expect(errorCodes(cycle)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('makes `first` multiply, including through variables and the default page', async () => {
    const nestedPages = `query($n: Int) { designations(first: $n) { edges { node { id primaryName rationale programs status marking aliases { name script strength } identifiers { type value } addresses { country city } } } } }`;
    expect((await post(hub, { query: nestedPages, variables: { n: 500 } })).errors).toBeUndefined();
    const copies = `query($n: Int) { ${Array.from({ length: 14 }, (_, i) => `d${i}: designations(first: $n) { edges { node { id primaryName rationale programs status marking aliases { name script strength } identifiers { type value } owner { id name } } } }`).join(' ')} }`;
    expectTooComplex(await post(hub, { query: copies, variables: { n: 500 } }), /cost/);
    expectTooComplex(await post(hub, { query: copies.replace('query($n: Int)', 'query($n: Int = 500)') }), /cost/);
  });

  it('counts a screening call’s parties toward the cost', async () => {
    const query = `query($input: [PartyInput!]!) { ${'abcdefghij'.split('').map((a) => `${a}: screen(input: $input) { matches { score } }`).join(' ')} }`;
    expectTooComplex(await post(hub, { query, variables: { input: Array.from({ length: 1000 }, (_, i) => ({ name: `P ${i}` })) } }), /cost/);
  });

  it('refuses 100 aliased copies of a field, of a mutation, and of __typename', async () => {
    expectTooComplex(await post(hub, { query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: designations(first: 1) { totalCount }`).join(' ')} }` }));
    const mutation = `mutation { ${Array.from({ length: 100 }, (_, i) => `m${i}: createDesignation(input: { subjectType: ENTITY, primaryName: "X ${i}", status: PROVISIONAL, programs: ["NPWMD"], marking: GREEN }) { id }`).join(' ')} }`;
    expectTooComplex(await post(hub, { query: mutation }));
    expectTooComplex(await post(hub, { query: `{ ${Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ')} }` }));
  });

  it('refuses too many directives, tokens and characters', async () => {
    expectTooComplex(await post(hub, { query: `{ __typename ${'@include(if: true) '.repeat(DEFAULT_QUERY_LIMITS.maxDirectives + 1)} }` }), /Directives limit/);
    expectTooComplex(await post(hub, { query: `{ ${'__typename '.repeat(DEFAULT_QUERY_LIMITS.maxTokens + 1)} }` }), /tokens/);
    expectTooComplex(await post(hub, { query: `{ __typename } ${'#'.repeat(DEFAULT_QUERY_LIMITS.maxDocumentChars)}` }), /characters/);
  });

  it('refuses batched requests (an array body)', async () => {
    const answer = await post(hub, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer)).not.toContain('"data"');
  });

  it('keeps a clear 413 for bodies over 4 MB', async () => {
    const answer = await post(hub, { query: '{ __typename }', variables: { x: 'x'.repeat(4 * 1024 * 1024) } });
    expect(answer.status).toBe(413);
    expect(errorCodes(answer)).toEqual(['BAD_REQUEST']);
  });

  it('refuses text/plain POSTs and GET mutations (CSRF prevention)', async () => {
    const plain = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(plain.status).toBe(400);
    const simpleGet = await fetch(`${hub.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(simpleGet.status).toBe(400); // no content-type, no apollo-require-preflight: a possible CSRF
    const getMutation = await fetch(`${hub.url}/graphql?query=${encodeURIComponent('mutation { __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(getMutation.status).toBe(405);
  });

  it('in production: no introspection, no suggestions, no exposed limits, no stacks', async () => {
    const introspection = await post(production, { query: '{ __schema { types { name } } }' });
    expect(introspection.status).toBe(400);
    expect(introspection.data ?? null).toBeNull();
    const typo = await post(production, { query: '{ designationz(first: 1) { totalCount } }' });
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo)).not.toContain('Did you mean');
    const dev = await post(hub, { query: '{ designationz(first: 1) { totalCount } }' });
    expect(JSON.stringify(dev)).toContain('Did you mean');
    const ordinary = await post(production, { query: '{ designations(first: 1) { edges { node { owner { id } } } } }' });
    expect(ordinary.errors).toBeUndefined();
    const tooDeep = await post(production, { query: `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: __typename`).join(' ')} }` });
    expectTooComplex(tooDeep);
    expect(tooDeep.errors?.[0]?.message).toBe('Query too complex.');
    expect(JSON.stringify(tooDeep)).not.toMatch(/limit of|exception|stacktrace/);
  });
});
