import 'reflect-metadata';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { openDatabase } from '../src/db/client.ts';
import { ScreeningRepository } from '../src/modules/screening/screening.repository.ts';
import { scoreCandidate } from '../src/modules/screening/match-scoring.ts';
import { DEFAULT_SCREENING_CONFIG } from '../src/modules/screening/screening-config.ts';
import { nameKeys } from '../src/modules/screening/name-normalization.ts';
import { detectScript } from '../src/lib/names.ts';
import { decideAccess } from '../src/policy/decision.ts';
const h = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/sperf' });
const access = decideAccess('us-ofac', [], new Date());
const sdn = fs.readFileSync('/work/shared/data/sanctions/ofac/sdn_csv_2024-05-03/sdn.csv', 'utf8').split('\n').map((l) => /^\d+,"([^"]+)"/.exec(l)?.[1]).filter(Boolean) as string[];
const neg = (parse(fs.readFileSync('/work/shared/data/sanctions/matching/yente_negatives_global_1k.csv'), { columns: true }) as Record<string,string>[]).map((r) => r.full_name!);
const names = Array.from({ length: 250 }, (_, i) => (i % 2 ? sdn[(i * 7919) % sdn.length]! : neg[i]!));
const parties = names.map((name) => ({ name, type: null, country: null, dateOfBirth: null, identifiers: [] }));
await h.db.transaction(async (tx) => {
  const repo = new ScreeningRepository(tx);
  let t = performance.now();
  const keys = parties.map((p, ord) => { const k = nameKeys(p.name); return { ord, key: k.key, phonetic: detectScript(p.name) === 'Latin' || k.phonetic.replace(/ /g, '').length < 6 ? '' : k.phonetic }; });
  const c = await repo.candidatesByName(access, keys);
  console.log('retrieval', (performance.now() - t).toFixed(0), c.length);
  t = performance.now();
  const d = await repo.candidateDetails([...new Set(c.map((x) => x.designationId))]);
  console.log('details', (performance.now() - t).toFixed(0), d.length, 'names', d.reduce((s, x) => s + x.screeningNames.length, 0));
  const byId = new Map(d.map((x) => [x.row.id, x]));
  t = performance.now();
  let n = 0;
  for (const cand of c) { const det = byId.get(cand.designationId)!; scoreCandidate(parties[cand.ord]!, { id: det.row.id, subjectType: det.row.subjectType, names: det.screeningNames, identifiers: det.identifierValues, birthDates: det.birthDateBounds, countries: det.row.nationalities }, DEFAULT_SCREENING_CONFIG.weights); n++; }
  console.log('scoring', (performance.now() - t).toFixed(0), n);
  // slowest single retrievals
  const slow: [number, string][] = [];
  for (const k of keys.slice(0, 60)) { const t0 = performance.now(); await repo.candidatesByName(access, [k]); slow.push([performance.now() - t0, parties[k.ord]!.name]); }
  slow.sort((a, b) => b[0] - a[0]);
  console.log(slow.slice(0, 8).map(([ms, nm]) => `${ms.toFixed(1)} ${nm}`).join('\n'));
});
await h.close();
