/**
 * Random documents, variables, headers and tokens at a started hub, for a bounded time: it never
 * crashes, never answers 500 or shows internals, never releases a field the agreement withholds,
 * and keeps answering well-formed requests during and after.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../src/config/limits.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

/** OFSI gets OFAC designations' primary name and status, up to AMBER: the decision rule for this test. */
const AGREEMENT: AgreementFile = {
  id: 'ofac-names-to-ofsi',
  title: 'primary names and listing status only',
  grantor: 'us-ofac',
  grantees: ['gb-ofsi'],
  purposes: ['sanctions-screening'],
  validFrom: '2026-01-01',
  ceiling: 'AMBER',
  grants: [{ type: 'Designation', fields: ['primaryName', 'status'] }],
};
const RELEASED_TO_OFSI = new Set(['id', 'owner', 'marking', 'primaryName', 'status', '__typename']);
const MARKINGS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
const VISIBLE_TO_OFSI = 3; // CLEAR, GREEN, AMBER

const SELECTIONS = [
  'id', 'primaryName', 'status', 'marking', 'owner { id }', 'subjectType', 'programs', 'rationale', 'remarks', 'legalBasis', 'sourceList',
  'sourceReference', 'sunsetDate', 'effectiveFrom', 'releasableTo', 'version', 'createdAt', 'updatedAt', 'nationalities',
  'aliases { name script }', 'identifiers { type value }', 'addresses { country }', '__typename',
];
const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '...', '$v', '@include(if: true)', 'query', 'mutation', 'fragment F on Designation', 'on',
  'designations', 'designation', 'screen', 'edges', 'node', 'first: 500', 'first: -1', 'first: 99999999999', '__schema', '__type', '"\\u0000"', '#', '\n',
  'createDesignation', 'input', 'id', '_entities', '__typename', 'totalCount'];

/** A signature character changed (not the last: its low bits are padding, so base64url decodes it alike). */
const flipped = (authorization: string) => {
  const at = authorization.length - 10;
  return authorization.slice(0, at) + (authorization[at] === 'A' ? 'B' : 'A') + authorization.slice(at + 1);
};
const deepJson = (depth: number): unknown => (depth === 0 ? 'x' : [deepJson(depth - 1)]);
const hostileValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x'.repeat(200_000), '', ' '),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 1, max: 3_000 }).map(deepJson),
  fc.anything({ maxDepth: 4 }),
);

describe('fuzzing a started hub', () => {
  let hub: TestHub;
  let ofsi: string;

  beforeAll(async () => {
    hub = await startTestHub({ agreements: [AGREEMENT], rateLimits: { ...DEFAULT_RATE_LIMITS, anonymousOperations: 1_000_000 } });
    ofsi = `Bearer ${await hub.token('gb-ofsi')}`;
    for (const marking of MARKINGS) {
      const created = await hub.graphql(`mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`, {
        input: { subjectType: 'ENTITY', primaryName: `Fuzz Harbour ${marking}`, status: 'ACTIVE', programs: ['FUZZ'], marking, remarks: 'withheld', aliases: [{ name: 'Secret Alias' }] },
      });
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(() => hub?.stop());

  async function send(body: string | Buffer, headers: Record<string, string> = {}) {
    const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: ofsi, ...headers }, body });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBeLessThan(500);
    expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|stacktrace|"exception"|\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
    return { status: response.status, body: text.length > 0 && text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }
  async function stillAnswers() {
    const answer = await send(JSON.stringify({ query: '{ designations(first: 5) { totalCount } }' }));
    expect(answer.status).toBe(200);
    expect((answer.body?.data as { designations: { totalCount: number } }).designations.totalCount).toBe(VISIBLE_TO_OFSI);
  }
  const runs = (seconds: number) => ({ numRuns: 100_000, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false });

  it('survives random documents built from GraphQL tokens and from raw text', async () => {
    const documents = fc.oneof(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(' ')), fc.string({ maxLength: 300 }));
    let count = 0;
    await fc.assert(
      fc.asyncProperty(documents, hostileValue, async (query, v) => {
        await send(JSON.stringify({ query, variables: { v } }));
        if (++count % 25 === 0) await stillAnswers();
      }),
      runs(6),
    );
    await stillAnswers();
  }, 30_000);

  it('survives hostile variables for real operations, invalid UTF-8 and broken JSON bodies', async () => {
    const operations = [
      'query($v: String) { designations(first: 5, filter: { text: $v }) { totalCount edges { node { id primaryName } } } }',
      'query($v: [PartyInput!]!) { screen(input: $v) { index matches { score } } }',
      'query($v: ID!) { designation(id: $v) { id primaryName } }',
      'query($v: Int) { designations(first: $v) { totalCount } }',
      'query($v: String) { designations(after: $v) { totalCount } }',
    ];
    const raw = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.concat([Buffer.from('{"query":"{ __typename }","variables":{"v":"'), Buffer.from(bytes), Buffer.from('"}}')])),
      fc.string({ maxLength: 200 }).map((s) => Buffer.from(`{"query":${s}`)),
    );
    let count = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), hostileValue, raw, async (query, v, body) => {
        await send(JSON.stringify({ query, variables: { v } }));
        await send(body);
        if (++count % 25 === 0) await stillAnswers();
      }),
      runs(7),
    );
    await stillAnswers();
  }, 30_000);

  it('answers random and malformed tokens and headers with 4xx, never with data', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');
    const authorization = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 200 }).map((s) => `Bearer ${s}`),
      fc.tuple(fc.string(), fc.string(), fc.string()).map((parts) => `Bearer ${parts.map((p) => Buffer.from(p).toString('base64url')).join('.')}`),
      fc.anything({ maxDepth: 2 }).map((payload) => `Bearer ${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(payload)}.`),
      fc.constantFrom(`Bearer ${'a'.repeat(50_000)}`, 'Bearer', 'Basic dXNlcjpwYXNz', flipped(ofsi)),
    );
    const headerValue = fc.string({ maxLength: 100 }).filter((s) => /^[\t\x20-\x7e]*$/.test(s));
    await fc.assert(
      fc.asyncProperty(authorization.filter((s) => /^[\t\x20-\x7e]*$/.test(s)), headerValue, async (auth, extra) => {
        const answer = await send(JSON.stringify({ query: '{ designations(first: 5) { totalCount edges { node { id primaryName } } } }' }), {
          authorization: auth,
          'x-request-id': extra,
          accept: extra || 'application/json',
        });
        if (auth === ofsi) return;
        expect(answer.body?.data ?? null).toBeNull();
      }),
      runs(5),
    );
    await stillAnswers();
  }, 30_000);

  it('never releases a field the agreement withholds, whatever is selected and however', async () => {
    const selection = fc.uniqueArray(fc.constantFrom(...SELECTIONS), { minLength: 1, maxLength: 10 });
    const shape = fc.record({ fields: selection, alias: fc.boolean(), fragment: fc.boolean(), text: fc.option(fc.constantFrom('fuzz', 'secret', 'harbour', 'alias'), { nil: undefined }) });
    await fc.assert(
      fc.asyncProperty(shape, async ({ fields, alias, fragment, text }) => {
        const inner = fields.map((f, i) => (alias ? `a${i}: ${f}` : f)).join(' ');
        const node = fragment ? '...F' : inner;
        const query = `query($t: String) { designations(first: 50, filter: { text: $t }) { totalCount edges { node { ${node} } } } }${fragment ? ` fragment F on Designation { ${inner} }` : ''}`;
        const answer = await send(JSON.stringify({ query, variables: { t: text } }));
        const data = answer.body?.data as { designations: { totalCount: number; edges: { node: Record<string, unknown> }[] } } | undefined;
        expect(data, JSON.stringify(answer.body)).toBeDefined();
        const picked = fields.map((f) => f.split(' ')[0]!);
        for (const { node: record } of data!.designations.edges) {
          picked.forEach((field, i) => {
            const value = record[alias ? `a${i}` : field];
            if (!RELEASED_TO_OFSI.has(field)) expect(value ?? null, `${field} released`).toBeNull();
          });
        }
        expect(data!.designations.totalCount).toBeLessThanOrEqual(VISIBLE_TO_OFSI);
        if (text === 'secret' || text === 'alias') expect(data!.designations.totalCount).toBe(0); // withheld aliases and remarks are not searched
      }),
      runs(6),
    );
  }, 30_000);
});
