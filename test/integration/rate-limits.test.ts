/** Budgets per agency, per user and for expensive operations; on PostgreSQL they hold across hub processes. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/keys.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../src/config/limits.ts';
import { createServerDatabaseUrl, runCli, serveCli, type ServedHub } from '../support/cli.ts';
import { errorCodes, startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.ts';

const LIMITS: RateLimits = { ...DEFAULT_RATE_LIMITS, userOperations: 4, agencyOperations: 6, agencyExpensiveOperations: 2, expensiveCost: 1_000, anonymousOperations: 3 };
const CHEAP = '{ designations(first: 1) { totalCount } }';
const EXPENSIVE = '{ designations(first: 200) { edges { node { id primaryName status } } } }';

async function ask(url: string, query: string, token?: string): Promise<GraphQLResponse & { retryAfter: string | null }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { ...((await response.json()) as GraphQLResponse), status: response.status, retryAfter: response.headers.get('retry-after') };
}

const expectRateLimited = (answer: Awaited<ReturnType<typeof ask>>) => {
  expect(answer.status).toBe(429);
  expect(errorCodes(answer)).toEqual(['RATE_LIMITED']);
  const retryAfter = answer.errors![0]!.extensions!.retryAfter as number;
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(LIMITS.windowSeconds);
  expect(answer.retryAfter).toBe(String(retryAfter));
};

describe('rate limits on one hub', () => {
  let hub: TestHub;
  const token = (agency: string, subject: string) => mintToken({ agency, roles: ['analyst'], subject, keysDir: hub.keysDir, trustFile: hub.trustFile });

  beforeAll(async () => {
    hub = await startTestHub({ rateLimits: LIMITS });
  });
  afterAll(() => hub?.stop());

  it('refuses a user over its budget with RATE_LIMITED, retryAfter and Retry-After, and keeps serving its colleagues', async () => {
    const alice = await token('gb-ofsi', 'alice');
    for (let i = 0; i < LIMITS.userOperations; i += 1) expect((await ask(hub.url, CHEAP, alice)).errors).toBeUndefined();
    expectRateLimited(await ask(hub.url, CHEAP, alice));
    expect((await ask(hub.url, CHEAP, await token('gb-ofsi', 'bob'))).errors).toBeUndefined();
  });

  it('refuses an agency over its budget whichever of its users asks, and not another agency', async () => {
    // gb-ofsi spent its 6 above: 4 for alice, her refused fifth (every attempt counts), 1 for bob.
    expectRateLimited(await ask(hub.url, CHEAP, await token('gb-ofsi', 'carol')));
    expect((await ask(hub.url, CHEAP, await token('us-ofac', 'dave'))).errors).toBeUndefined();
  });

  it('counts sync bundle requests against the expensive budget, answering 429 with Retry-After', async () => {
    const frank = await token('jp-meti', 'frank');
    const pull = () => fetch(`${hub.url}/sync/bundles?limit=10`, { headers: { authorization: `Bearer ${frank}` } });
    // This hub has no peers: within the budget the answer is 403 NOT_A_PEER, past it 429.
    for (let i = 0; i < LIMITS.agencyExpensiveOperations; i += 1) expect((await pull()).status).not.toBe(429);
    const refused = await pull();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('gives expensive operations a separate, lower budget', async () => {
    const erin = await token('de-bafa', 'erin');
    for (let i = 0; i < LIMITS.agencyExpensiveOperations; i += 1) expect((await ask(hub.url, EXPENSIVE, erin)).errors).toBeUndefined();
    expectRateLimited(await ask(hub.url, EXPENSIVE, erin));
    expect((await ask(hub.url, CHEAP, erin)).errors).toBeUndefined();
  });

  it('counts requests without a token by client address', async () => {
    for (let i = 0; i < LIMITS.anonymousOperations; i += 1) expect((await ask(hub.url, '{ __typename }')).status).toBe(200);
    expectRateLimited(await ask(hub.url, '{ __typename }'));
  });
});

describe.runIf(process.env.DATABASE_URL)('rate limits across two hub processes on one PostgreSQL', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof createServerDatabaseUrl>>;
  const hubs: ServedHub[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-rate-'));
    await fs.mkdir(path.join(dir, 'policies', 'agreements'), { recursive: true });
    server = await createServerDatabaseUrl();
    env = {
      INTERLOCK_DATA_DIR: path.join(dir, 'data'),
      INTERLOCK_POLICIES_DIR: path.join(dir, 'policies'),
      INTERLOCK_KEYS_DIR: path.join(dir, 'keys'),
      DATABASE_URL: server!.url,
      INTERLOCK_RATE_LIMIT_USER: '6',
    };
    expect((await runCli(['keys', 'generate', '--agency', 'us-ofac'], env)).code).toBe(0);
    hubs.push(await serveCli(env));
    hubs.push(await serveCli(env));
  }, 180_000);
  afterAll(async () => {
    for (const hub of hubs) await hub.stop();
    await server?.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('shares one budget: six operations spread over both hubs spend it, the seventh is refused by either', async () => {
    const token = (await runCli(['token', '--agency', 'us-ofac', '--role', 'analyst'], env)).stdout.trim();
    expect(hubs[0]!.url).not.toBe(hubs[1]!.url);
    for (let i = 0; i < 6; i += 1) {
      const answer = await ask(hubs[i % 2]!.url, '{ __typename }', token);
      expect(answer.status, JSON.stringify(answer)).toBe(200);
    }
    expectRateLimitedAt(await ask(hubs[0]!.url, '{ __typename }', token));
    expectRateLimitedAt(await ask(hubs[1]!.url, '{ __typename }', token));
  });
});

function expectRateLimitedAt(answer: Awaited<ReturnType<typeof ask>>) {
  expect(answer.status).toBe(429);
  expect(errorCodes(answer)).toEqual(['RATE_LIMITED']);
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
}
