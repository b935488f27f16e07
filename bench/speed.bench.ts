/**
 * How close the hub comes to the limit of its stack: the hub side by side with a bare Apollo
 * Server 5 serving, from memory, the very answer the hub gave (bench/bare-server.ts). The
 * answers are checked identical before anything is measured. Same process, alternating rounds.
 *
 * - page: 500 designations with every nested field, as the owner and as a partner whose
 *   agreement withholds some fields (FORBIDDEN errors); and the hub with authorization off.
 * - small: `{ designations(first: 10) { edges { node { id primaryName } } } }` as the partner,
 *   20 connections in flight.
 */
import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../src/db/client.ts';
import { graphqlPost, PAGE, PAGE_QUERY, startBenchHubs } from './authorization.bench.ts';
import { startBareServer, withheldFields, type BareServer } from './bare-server.ts';
import { compare, HttpLoadGenerator, pairedRatio, type VariantResult } from './harness.ts';

export const SMALL_QUERY = '{ designations(first: 10) { edges { node { id primaryName } } } }';

export interface SpeedResults {
  page: VariantResult[];
  small: VariantResult[];
}

interface Answer {
  data: { designations: unknown };
  errors?: { path?: (string | number)[]; extensions?: { code?: string } }[];
}

async function ask(url: string, token: string | null, query: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return (await response.json()) as Answer;
}

/** Same data, same errors (in any order: the hub resolves nested lists as they arrive). */
function assertSameAnswer(hub: Answer, bare: Answer, what: string) {
  const byPath = (answer: Answer) => [...(answer.errors ?? [])].map((e) => JSON.stringify(e)).sort();
  assert.deepEqual(bare.data, hub.data, `${what}: the bare server's data differs from the hub's`);
  assert.deepEqual(byPath(bare), byPath(hub), `${what}: the bare server's errors differ from the hub's`);
}

export async function benchmarkSpeed(
  database: DatabaseHandle,
  // BENCH_QUICK=1: fewer rounds, to try a change; the figures for docs take the full run.
  options = process.env.BENCH_QUICK
    ? { page: { rounds: 3, requests: 6, concurrency: 2, warmup: 3 }, small: { rounds: 3, requests: 600, concurrency: 20, warmup: 200 } }
    : { page: { rounds: 7, requests: 12, concurrency: 2, warmup: 6 }, small: { rounds: 5, requests: 1_500, concurrency: 20, warmup: 500 } },
): Promise<SpeedResults> {
  const hubs = await startBenchHubs(database);
  const bare: BareServer[] = [];
  const client = new HttpLoadGenerator();
  try {
    const ownerPage = await ask(hubs.enforced.url, hubs.ownerToken, PAGE_QUERY);
    const partnerPage = await ask(hubs.enforced.url, hubs.partnerToken, PAGE_QUERY);
    const partnerSmall = await ask(hubs.enforced.url, hubs.partnerToken, SMALL_QUERY);
    assert.ok(!ownerPage.errors, `the owner's page has errors: ${JSON.stringify(ownerPage.errors?.[0])}`);
    assert.ok(withheldFields(partnerPage).size > 0, "the partner's page withholds nothing: the agreement is not in force");
    const [bareOwner, barePartner, bareSmall] = await Promise.all([
      startBareServer(ownerPage),
      startBareServer(partnerPage, withheldFields(partnerPage)),
      startBareServer(partnerSmall),
    ]);
    bare.push(bareOwner!, barePartner!, bareSmall!);
    assertSameAnswer(ownerPage, await ask(bareOwner!.url, null, PAGE_QUERY), 'owner page');
    assertSameAnswer(partnerPage, await ask(barePartner!.url, null, PAGE_QUERY), 'partner page');
    assertSameAnswer(partnerSmall, await ask(bareSmall!.url, null, SMALL_QUERY), 'small query');
    assertSameAnswer(await ask(hubs.off.url, hubs.ownerToken, PAGE_QUERY), ownerPage, 'authorization off');

    const page = (url: string, token: string, errors: boolean) => graphqlPost(client, url, token, PAGE_QUERY, { rows: PAGE, errors });
    const pageResults = await compare(
      [
        { name: 'hub, authorization off', run: page(hubs.off.url, hubs.ownerToken, false) },
        { name: 'hub, owner', run: page(hubs.enforced.url, hubs.ownerToken, false) },
        { name: 'bare Apollo, owner answer', run: page(bareOwner!.url, hubs.ownerToken, false) },
        { name: 'hub, partner', run: page(hubs.enforced.url, hubs.partnerToken, true) },
        { name: 'bare Apollo, partner answer', run: page(barePartner!.url, hubs.partnerToken, true) },
      ],
      options.page,
    );
    const small = (url: string) => graphqlPost(client, url, hubs.partnerToken, SMALL_QUERY, { rows: 10, errors: false });
    const smallResults = await compare(
      [
        { name: 'hub, partner', run: small(hubs.enforced.url) },
        { name: 'bare Apollo, same 10 rows', run: small(bareSmall!.url) },
      ],
      options.small,
    );
    return { page: pageResults, small: smallResults };
  } finally {
    await client.close();
    for (const server of bare) await server.stop();
    await hubs.stop();
  }
}

/** Markdown rows: each hub variant with its ratio to the limit it is measured against. */
export function describeSpeed({ page, small }: SpeedResults): string[] {
  const [off, owner, bareOwner, partner, barePartner] = page as [VariantResult, VariantResult, VariantResult, VariantResult, VariantResult];
  const [hubSmall, bareSmall] = small as [VariantResult, VariantResult];
  const row = (request: string, hub: VariantResult, limit: VariantResult, against: string) =>
    `| ${request} | ${hub.throughput.toFixed(1)} (p50 ${hub.p50Ms.toFixed(1)} ms) | ${against}: ${limit.throughput.toFixed(1)} (p50 ${limit.p50Ms.toFixed(1)} ms) | **${pairedRatio(hub, limit).toFixed(2)}×** |`;
  return [
    row('page of 500, owner', owner, bareOwner, 'bare Apollo'),
    row('page of 500, partner', partner, barePartner, 'bare Apollo'),
    row('page of 500, partner', partner, off, 'hub, authorization off'),
    row('page of 500, authorization off', off, bareOwner, 'bare Apollo'),
    row('first: 10 { id primaryName }, partner, 20 connections', hubSmall, bareSmall, 'bare Apollo'),
  ];
}
