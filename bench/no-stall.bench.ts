/**
 * No request stalls the others (issue 14): over HTTP, one agency (us-ofac) screens 1,000 parties
 * against the OFAC SDN list while another (gb-ofsi) sends a small query one after another; the
 * small query's latency during the screens, beside the same query with the hub otherwise idle.
 * Parties as in the screening bench: half yente's negatives, half listed names respelled.
 * Reads ../shared; skipped when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DatabaseHandle } from '../src/db/client.ts';
import { IMPORT_FORMATS } from '../src/modules/imports/formats/index.ts';
import { importList } from '../src/modules/imports/import.service.ts';
import { startHub } from '../src/server/hub.ts';
import { prepareBenchHub } from './bench-hub.ts';

const SANCTIONS = new URL('../../shared/data/sanctions/', import.meta.url).pathname;
const PARTIES = 1_000;
const SAMPLES = 60;
const MAX_SCREENS = 5;
const SMALL = '{ designations(first: 5, filter: { status: [ACTIVE] }) { edges { node { id primaryName } } } }';
const SCREEN = 'query Screen($input: [PartyInput!]!) { screen(input: $input) { index listVersion matches { matchedName score designation { id primaryName } } } }';

export interface NoStallFigures {
  alone: { p50: number; p95: number };
  during: { p50: number; p95: number; max: number; samples: number };
  screenSeconds: number[];
}

const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

export async function benchmarkNoStall(database: DatabaseHandle): Promise<NoStallFigures | string> {
  const sdn = path.join(SANCTIONS, 'ofac/sdn_csv_2024-05-03');
  if (!existsSync(sdn)) return `skipped: ${sdn} is not there`;
  const agreement = { id: 'bench-names', title: 'names and listing status', grants: [{ type: 'Designation', fields: ['subjectType', 'primaryName', 'programs', 'status'] }] };
  const { common, ownerToken: owner, partnerToken: partner, dispose } = await prepareBenchHub(database, agreement, async (db) => {
    await importList(db, IMPORT_FORMATS['ofac-csv']!.open(sdn), sdn, { owner: 'us-ofac', marking: 'GREEN' });
  });

  const listed = readFileSync(path.join(sdn, 'sdn.csv'), 'utf8')
    .split('\n')
    .map((line) => /^\d+,"([^"]+)"/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name));
  const negatives = (parse(readFileSync(path.join(SANCTIONS, 'matching/yente_negatives_global_1k.csv')), { columns: true }) as Record<string, string>[]).map(
    (row) => row.full_name!,
  );
  const parties = Array.from({ length: PARTIES }, (_, i) => {
    if (i % 2 === 0) return { name: negatives[i % negatives.length]! };
    const words = listed[(i * 7919) % listed.length]!.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
    if (i % 3 === 0) words.reverse();
    const w = i % words.length;
    const at = Math.min(words[w]!.length - 1, 2 + (i % 3));
    words[w] = words[w]!.slice(0, at) + words[w]!.slice(at + 1);
    return { name: words.join(' ') };
  });

  const hub = await startHub(common);
  const ask = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`bench request failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
    return body;
  };
  try {
    await ask(owner, SCREEN, { input: parties.slice(0, 20) });
    const alone: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      await ask(partner, SMALL);
      alone.push(performance.now() - started);
    }
    const during: number[] = [];
    const screenSeconds: number[] = [];
    for (let screens = 0; screens < MAX_SCREENS && during.length < SAMPLES; screens++) {
      let screening = true;
      const started = performance.now();
      const screen = ask(owner, SCREEN, { input: parties }).finally(() => (screening = false));
      while (screening) {
        const asked = performance.now();
        await ask(partner, SMALL);
        if (screening) during.push(performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await screen;
      screenSeconds.push((performance.now() - started) / 1000);
    }
    return {
      alone: { p50: quantile(alone, 0.5), p95: quantile(alone, 0.95) },
      during: { p50: quantile(during, 0.5), p95: quantile(during, 0.95), max: Math.max(...during), samples: during.length },
      screenSeconds,
    };
  } finally {
    await hub.stop();
    await dispose();
  }
}

export function describeNoStall(figures: NoStallFigures | string): string[] {
  if (typeof figures === 'string') return [`| ${figures} | | | |`];
  const { alone, during, screenSeconds } = figures;
  return [
    `| idle hub | ${alone.p50.toFixed(1)} | ${alone.p95.toFixed(1)} | |`,
    `| during ${screenSeconds.length} screen(s) of ${PARTIES} parties (${screenSeconds.map((s) => s.toFixed(1)).join(', ')} s) | ${during.p50.toFixed(1)} | ${during.p95.toFixed(1)} | ${during.max.toFixed(0)} ms max, ${during.samples} queries |`,
  ];
}
