/**
 * Quality of `nameSimilarity` on the labelled pairs of OpenSanctions nomenklatura's name bench
 * (../shared/data/sanctions/matching). Prints precision, recall, F1 and false-positive rate at
 * one threshold (argv[2], default NAME_MATCH_THRESHOLD) and the threshold with the best F1, per case group and
 * overall. It reports; it chooses nothing.
 *
 *   node --import tsx bench/eval-name-pairs.ts [threshold]
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { NAME_MATCH_THRESHOLD, nameSimilarity } from '../src/modules/name-matching/name-similarity.ts';

const MATCHING_DIR = new URL('../../shared/data/sanctions/matching/', import.meta.url);
const CASES = new URL('nomenklatura_name_bench_cases.csv', MATCHING_DIR);

interface ScoredPair {
  group: string;
  isMatch: boolean;
  score: number;
}

interface Metrics {
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
}

function metricsAt(pairs: ScoredPair[], threshold: number): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { isMatch, score } of pairs) {
    const predicted = score >= threshold;
    if (predicted && isMatch) tp += 1;
    else if (predicted) fp += 1;
    else if (isMatch) fn += 1;
    else tn += 1;
  }
  // Conventions for empty denominators: nothing predicted is perfectly precise, nothing to find is fully recalled.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const falsePositiveRate = fp + tn === 0 ? 0 : fp / (fp + tn);
  return { precision, recall, f1, falsePositiveRate };
}

/** Thresholds 0.50, 0.51 … 0.99; the lowest one wins a tie. */
function bestThreshold(pairs: ScoredPair[]): { threshold: number; metrics: Metrics } {
  let best = { threshold: 0.5, metrics: metricsAt(pairs, 0.5) };
  for (let step = 51; step <= 99; step += 1) {
    const threshold = step / 100;
    const metrics = metricsAt(pairs, threshold);
    if (metrics.f1 > best.metrics.f1) best = { threshold, metrics };
  }
  return best;
}

const format = (m: Metrics) =>
  `${m.precision.toFixed(3)} | ${m.recall.toFixed(3)} | ${m.f1.toFixed(3)} | ${m.falsePositiveRate.toFixed(3)}`;

function report(label: string, pairs: ScoredPair[], threshold: number): string {
  const best = bestThreshold(pairs);
  const matches = pairs.filter((pair) => pair.isMatch).length;
  return `| ${label} | ${pairs.length} (${matches} match) | ${format(metricsAt(pairs, threshold))} | ${best.threshold.toFixed(2)} | ${format(best.metrics)} |`;
}

if (!fs.existsSync(CASES)) {
  console.log(`skipped: ${CASES.pathname} is not there (the shared sanctions data is not mounted)`);
  process.exit(0);
}

const threshold = process.argv[2] === undefined ? NAME_MATCH_THRESHOLD : Number(process.argv[2]);
if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
  console.error(`threshold must be a number in [0, 1], got ${process.argv[2]}`);
  process.exit(1);
}

const rows = parse(fs.readFileSync(CASES), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const pairs: ScoredPair[] = rows.map((row) => ({
  group: row.case_group ?? '',
  isMatch: row.is_match === 'true',
  score: nameSimilarity(row.name1 ?? '', row.name2 ?? '').score,
}));

console.log(`# nameSimilarity on ${CASES.pathname}\n`);
console.log(`| group | pairs | P @ ${threshold} | R | F1 | FPR | best-F1 threshold | P | R | F1 | FPR |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const groups = [...new Set(pairs.map((pair) => pair.group))].sort();
for (const group of groups) {
  console.log(report(group, pairs.filter((pair) => pair.group === group), threshold));
}
console.log(report('**overall**', pairs, threshold));
