/**
 * `npm run eval:screening`: screening quality on the labelled cases of
 * ../shared/data/sanctions/matching, at the default threshold and weights.
 *
 * - Name pairs: the 826 labelled pairs of nomenklatura's name bench (precision, recall, F1),
 *   and watchman's 22 cross-script pairs (recall), scored by the name similarity alone.
 * - List screening: the published lists in ../shared are imported into a fresh database
 *   (embedded, or DATABASE_URL), then screened through the same code as the API:
 *   the 80 Putin name variants must find Putin (recall); the 2,000 yente negatives and the
 *   1,254 US Congress members (on no sanctions list) must find nothing (false-positive rate),
 *   screened with the date of birth and nationality they come with, and by name alone.
 *
 * - Respelled listed names: 1,000 OFAC SDN primary names respelled as the speed bench does
 *   (reordered, a letter dropped or doubled), screened by name alone: the entry must be found.
 *
 * Every figure is given with all the precision rules (screening-config.ts `ScreeningRules`) and
 * with each one switched off in turn (an ablation), and with none of them.
 * It measures; it tunes nothing. Prints Markdown for docs/benchmarks.md.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { IMPORT_FORMATS } from '../src/modules/imports/formats/index.ts';
import { countryCode } from '../src/modules/imports/formats/source-files.ts';
import { importList } from '../src/modules/imports/import.service.ts';
import { keyUnscreenableDesignations } from '../src/modules/name-matching/screening-names.ts';
import { nameSimilarity } from '../src/modules/name-matching/name-similarity.ts';
import type { ScreenedParty } from '../src/modules/screening/match-scoring.ts';
import { DEFAULT_SCREENING_CONFIG, DEFAULT_SCREENING_RULES, type ScreeningRules } from '../src/modules/screening/screening-config.ts';
import { findMatches } from '../src/modules/screening/screening.service.ts';
import { decideAccess } from '../src/policy/decision.ts';
import { givenAgencies } from '../test/support/builders.ts';
import { createTestDatabase } from '../test/support/database.ts';
import { respelled, sdnPrimaryNames } from './respelling.ts';

const SANCTIONS = new URL('../../shared/data/sanctions/', import.meta.url).pathname;
const MATCHING = path.join(SANCTIONS, 'matching');
if (!fs.existsSync(MATCHING)) {
  console.log(`skipped: ${MATCHING} is not there (the shared sanctions data is not mounted)`);
  process.exit(0);
}

const LISTS: [format: string, file: string][] = [
  ['ofac-csv', 'ofac/sdn_csv_2024-05-03'],
  ['ofac-csv', 'ofac/cons_nonsdn_csv_2025'],
  ['un-xml', 'un/consolidated_2026-02-27.xml'],
  ['uk-ofsi-csv', 'uk/ofsi_conlist_2025-04-10.derived.csv.gz'],
  ['ca-sema-xml', 'ca/sema-lmes_2025-03.xml'],
  ['eu-fsf-xml', 'eu/eu_fsf_excerpt_2026-08-05.xml'],
];
const OWNER = 'us-ofac';
const threshold = DEFAULT_SCREENING_CONFIG.threshold;

const csv = (file: string) =>
  parse(fs.readFileSync(path.join(MATCHING, file)), { columns: true, skip_empty_lines: true, comment: '#', relax_column_count: true }) as Record<string, string>[];
const pct = (value: number) => `${(value * 100).toFixed(2)}%`;
const ratio = (value: number) => value.toFixed(3);

function pairMetrics(rules: ScreeningRules) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const row of csv('nomenklatura_name_bench_cases.csv')) {
    const predicted = nameSimilarity(row.name1!, row.name2!, { rules }).score >= threshold;
    const actual = row.is_match === 'true';
    if (predicted && actual) tp += 1;
    else if (predicted) fp += 1;
    else if (actual) fn += 1;
    else tn += 1;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return { pairs: tp + fp + fn + tn, precision, recall, f1: (2 * precision * recall) / (precision + recall), fpr: fp / (fp + tn) };
}

function crossScriptRecall(rules: ScreeningRules) {
  const rows = fs
    .readFileSync(path.join(MATCHING, 'watchman_cross_script_pairs.csv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split(','));
  const missed = rows.filter(([query, expected]) => nameSimilarity(query!, expected!, { rules }).score < threshold).map(([q, e]) => `${q} → ${e}`);
  return { total: rows.length, found: rows.length - missed.length, missed };
}

const RULES = Object.keys(DEFAULT_SCREENING_RULES) as (keyof ScreeningRules)[];
const CONFIGS: { label: string; rules: ScreeningRules }[] = [
  { label: 'all rules', rules: { ...DEFAULT_SCREENING_RULES } },
  ...RULES.map((rule) => ({ label: `without ${rule}`, rules: { ...DEFAULT_SCREENING_RULES, [rule]: false } })),
  { label: 'none of the rules', rules: Object.fromEntries(RULES.map((rule) => [rule, false])) as unknown as ScreeningRules },
];

const started = performance.now();
const database = await createTestDatabase();
try {
  const db = database.handle.db;
  await givenAgencies(db);
  let imported = 0;
  for (const [format, file] of LISTS) {
    const full = path.join(SANCTIONS, file);
    if (!fs.existsSync(full)) continue;
    imported += (await importList(db, IMPORT_FORMATS[format]!.open(full), full, { owner: OWNER, marking: 'GREEN' })).entries;
  }
  await keyUnscreenableDesignations(db);
  const access = decideAccess(OWNER, [], new Date());
  const party = (name: string, extra: Partial<ScreenedParty> = {}): ScreenedParty => ({ name, type: null, country: null, dateOfBirth: null, identifiers: [], ...extra });

  // Putin is listed by OFAC, OFSI, Canada and the EU: any of those listings is a find.
  const putinIds = new Set(
    (
      await queryRows<{ id: string }>(
        db,
        sql`SELECT DISTINCT designation_id AS id FROM designation_screening_names WHERE key ~ '\\mputin\\M' AND key ~ '\\mvladimir\\M'`,
      )
    ).map((r) => r.id),
  );
  const variants = fs.readFileSync(path.join(MATCHING, 'putin_name_variants.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);

  const sdnNames = sdnPrimaryNames(fs.readFileSync(path.join(SANCTIONS, 'ofac/sdn_csv_2024-05-03/sdn.csv'), 'utf8'));
  const RESPELLED = 1000;
  const listedFor = (i: number) => sdnNames[(i * 7919) % sdnNames.length]!;
  const respellings = Array.from({ length: RESPELLED }, (_, i) => ({ listed: listedFor(i), name: respelled(listedFor(i), i) }));

  const negatives: Record<string, string>[] = [
    ...csv('yente_negatives_global_1k.csv').map((r) => ({ ...r, set: 'yente global' })),
    ...csv('yente_negatives_us_1k.csv').map((r) => ({ ...r, set: 'yente US' })),
    ...csv('yente_positives_us_congress.csv').map((r) => ({ ...r, set: 'US Congress' })),
  ];
  const withDetails = negatives.map((r) =>
    party(r.full_name!, {
      type: 'INDIVIDUAL',
      dateOfBirth: /^\d{4}(-\d{2}(-\d{2})?)?$/.test(r.date_of_birth ?? '') ? r.date_of_birth! : null,
      country: countryCode(r.nationality) ?? (r.set === 'US Congress' ? 'US' : null),
    }),
  );
  const nameOnly = negatives.map((r) => party(r.full_name!));
  const bySet = (set: string) => negatives.filter((r) => r.set === set).length;

  const evaluate = async (rules: ScreeningRules) => {
    const config = { ...DEFAULT_SCREENING_CONFIG, rules };
    const screenAll = async (parties: ScreenedParty[]) => {
      const results = [];
      for (let i = 0; i < parties.length; i += 500) results.push(...(await db.transaction((tx) => findMatches(tx, access, parties.slice(i, i + 500), config))));
      return results;
    };
    const variantResults = await screenAll(variants.map((name) => party(name)));
    const missedVariants = variants.filter((_, i) => !variantResults[i]!.some((m) => putinIds.has(m.designationId)));
    const respelledResults = await screenAll(respellings.map(({ name }) => party(name)));
    const missedRespellings = respellings.filter(({ listed }, i) => !respelledResults[i]!.some((m) => m.designation.primaryName === listed));
    const detailResults = await screenAll(withDetails);
    const nameOnlyResults = await screenAll(nameOnly);
    const falsePositives = (results: typeof detailResults, set?: string) =>
      negatives.map((r, i) => ({ r, hit: results[i]![0] })).filter(({ r, hit }) => hit && (!set || r.set === set));
    return {
      pairs: pairMetrics(rules),
      cross: crossScriptRecall(rules),
      putin: 1 - missedVariants.length / variants.length,
      missedVariants,
      respelled: 1 - missedRespellings.length / RESPELLED,
      missedRespellings,
      detailFalsePositives: falsePositives(detailResults),
      nameOnlyFalsePositives: falsePositives(nameOnlyResults),
      perSet: ['yente global', 'yente US', 'US Congress'].map((set) => ({
        set,
        details: falsePositives(detailResults, set).length,
        nameOnly: falsePositives(nameOnlyResults, set).length,
      })),
    };
  };
  const figures = [];
  for (const { label, rules } of CONFIGS) figures.push({ label, ...(await evaluate(rules)) });
  const full = figures[0]!;

  // Speed of the quality run, for orientation only (the speed benchmark is `npm run bench screening`).
  const seconds = (performance.now() - started) / 1000;
  const out: string[] = [];
  out.push(`# eval:screening — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${database.kind}`);
  out.push(`Default threshold ${threshold}; ${imported} designations imported from ${LISTS.length} published lists; ${CONFIGS.length} rule sets; ${seconds.toFixed(0)} s in all.\n`);
  out.push('| set | cases | measure | value | target |');
  out.push('|---|---|---|---|---|');
  const { pairs, cross } = full;
  out.push(`| nomenklatura name pairs | ${pairs.pairs} | F1 (precision / recall / FPR) | ${ratio(pairs.f1)} (${ratio(pairs.precision)} / ${ratio(pairs.recall)} / ${ratio(pairs.fpr)}) | F1 ≥ 0.93 |`);
  out.push(`| watchman cross-script pairs | ${cross.total} | recall | ${pct(cross.found / cross.total)} | — |`);
  out.push(`| Putin name variants, screened against the lists | ${variants.length} | recall | ${pct(full.putin)} | ≥ 95% |`);
  out.push(`| OFAC SDN names respelled, screened by name alone | ${RESPELLED} | found | ${pct(full.respelled)} | ≥ 95% |`);
  for (const { set, details, nameOnly: byName } of full.perSet) {
    out.push(`| ${set} negatives, with DOB and nationality / name only | ${bySet(set)} | false-positive rate | ${pct(details / bySet(set))} / ${pct(byName / bySet(set))} | |`);
  }
  out.push(`| all negatives, with DOB and nationality | ${negatives.length} | false-positive rate | ${pct(full.detailFalsePositives.length / negatives.length)} (${full.detailFalsePositives.length}) | ≤ 0.05% |`);
  out.push(`| all negatives, name only | ${negatives.length} | false-positive rate | ${pct(full.nameOnlyFalsePositives.length / negatives.length)} (${full.nameOnlyFalsePositives.length}) | ≤ 0.3% |`);

  out.push('\nEach figure with all the rules, without each one, and with none (ablation):\n');
  out.push('| rules | pairs F1 | cross-script | Putin | respelled found | FPR with DOB + nationality | FPR name only |');
  out.push('|---|---|---|---|---|---|---|');
  for (const f of figures) {
    out.push(
      `| ${f.label} | ${ratio(f.pairs.f1)} | ${pct(f.cross.found / f.cross.total)} | ${pct(f.putin)} | ${pct(f.respelled)} | ${pct(f.detailFalsePositives.length / negatives.length)} | ${pct(f.nameOnlyFalsePositives.length / negatives.length)} |`,
    );
  }

  if (full.missedVariants.length) out.push(`\nVariants not found: ${full.missedVariants.join(' · ')}`);
  if (full.cross.missed.length) out.push(`\nCross-script pairs below the threshold: ${full.cross.missed.join(' · ')}`);
  if (full.missedRespellings.length) {
    out.push(`\nRespelled names not found (first 25 of ${full.missedRespellings.length}): ${full.missedRespellings.slice(0, 25).map(({ listed, name }) => `${name} (${listed})`).join(' · ')}`);
  }
  const list = (title: string, hits: typeof full.detailFalsePositives) => {
    if (hits.length === 0) return;
    out.push(`\n${title}:`);
    for (const { r, hit } of hits) {
      out.push(`- ${r.full_name} (${r.set}, ${r.date_of_birth}, ${r.nationality}) → ${hit!.matchedName} [${hit!.designation.subjectType}] ${hit!.score}`);
    }
  };
  list('False positives with DOB and nationality', full.detailFalsePositives);
  list('False positives by name only', full.nameOnlyFalsePositives);
  console.log(out.join('\n'));
} finally {
  await database.dispose();
}
