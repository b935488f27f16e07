import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { destinationTierOf, itemSensitivityOf } from '../../src/modules/licensing/license-risk.ts';
import {
  loadRiskPolicy,
  parseRiskPolicy,
  RiskPolicyError,
  validateRiskPolicy,
  type RiskPolicyProblem,
} from '../../src/modules/licensing/risk-policy.ts';

const POLICY_FILE = path.resolve(import.meta.dirname, '../../policies/license-risk.yaml');
const realDocument = () => parseYaml(fs.readFileSync(POLICY_FILE, 'utf8')) as Record<string, Record<string, unknown>>;

/** The real policy with one change applied by `edit`, expected to be refused. */
function problemsAfter(edit: (doc: ReturnType<typeof realDocument>) => void): RiskPolicyProblem[] {
  const doc = realDocument();
  edit(doc);
  return problemsOf(() => validateRiskPolicy(doc, 'x.yaml'));
}
function problemsOf(load: () => unknown): RiskPolicyProblem[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(RiskPolicyError);
    return [...(error as RiskPolicyError).problems];
  }
  throw new Error('expected the policy to be refused');
}
const tiers = (doc: ReturnType<typeof realDocument>) => (doc.destinations as { tiers: Record<string, string[]> }).tiers;
const rules = (doc: ReturnType<typeof realDocument>) => (doc.items as { rules: Record<string, unknown>[] }).rules;
const pointsOf = (doc: ReturnType<typeof realDocument>) => doc.points as Record<string, Record<string, number> | number>;

describe('the shipped license risk policy', () => {
  it('loads, with realistic tiers', async () => {
    const policy = await loadRiskPolicy(POLICY_FILE);
    expect(policy.file).toBe(POLICY_FILE);
    const tierOf = (code: string) => destinationTierOf(policy, code);
    expect(['DE', 'FR', 'US', 'GB', 'CA', 'AU', 'NZ', 'JP'].map(tierOf)).toEqual(Array(8).fill('LOW'));
    expect(['KP', 'IR', 'SY', 'CU'].map(tierOf)).toEqual(Array(4).fill('EMBARGOED'));
    expect(['RU', 'BY', 'MM', 'VE'].map(tierOf)).toEqual(Array(4).fill('HIGH'));
    expect(tierOf('BR')).toBe(policy.destinations.defaultTier);
  });

  it('reads Norway as NO, not as false (YAML 1.2, unlike 1.1)', async () => {
    expect(destinationTierOf(await loadRiskPolicy(POLICY_FILE), 'NO')).toBe('LOW');
  });

  it('rates control-list codes with the first matching rule', async () => {
    const policy = await loadRiskPolicy(POLICY_FILE);
    const sensitivity = (code: string) => itemSensitivityOf(policy, code).sensitivity;
    expect(sensitivity('0A001.a')).toBe('VERY_HIGH');
    expect(sensitivity('1C350')).toBe('VERY_HIGH');
    expect(sensitivity('ML8.a')).toBe('VERY_HIGH');
    expect(sensitivity('ML4')).toBe('VERY_HIGH');
    expect(sensitivity('ML10')).toBe('HIGH');
    expect(sensitivity('9A004')).toBe('VERY_HIGH');
    expect(sensitivity('9A012')).toBe('HIGH');
    expect(sensitivity('5A002.a')).toBe('LOW');
    expect(sensitivity('EAR99')).toBe('LOW');
    expect(sensitivity('3A001.b.4')).toBe('MEDIUM');
  });

  it('is frozen, so no caller can change the policy for everyone', async () => {
    const policy = await loadRiskPolicy(POLICY_FILE);
    expect(Object.isFrozen(policy) && Object.isFrozen(policy.points) && Object.isFrozen(policy.items.rules)).toBe(true);
  });
});

describe('a bad license risk policy', () => {
  it('names the file in the error message', () => {
    expect(() => validateRiskPolicy({}, 'policies/bad.yaml')).toThrow(/^Invalid license risk policy policies\/bad\.yaml:\n {2}- destinations: is required/);
  });

  it('refuses country codes that are not two capitals or not ISO 3166-1', () => {
    expect(problemsAfter((doc) => tiers(doc).LOW!.push('de'))).toEqual([
      { path: expect.stringMatching(/^destinations\.tiers\.LOW\[\d+\]$/), reason: 'must be an ISO 3166-1 alpha-2 code in capitals, such as DE' },
    ]);
    expect(problemsAfter((doc) => (tiers(doc).HIGH = ['RU', 'DEU']))[0]?.path).toBe('destinations.tiers.HIGH[1]');
    expect(problemsAfter((doc) => (tiers(doc).HIGH = ['ZZ']))).toEqual([
      { path: 'destinations.tiers.HIGH[0]', reason: 'is not an ISO 3166-1 alpha-2 country code' },
    ]);
  });

  it('refuses a country in two tiers', () => {
    expect(problemsAfter((doc) => (tiers(doc).HIGH = ['RU', 'KP']))).toEqual([
      { path: 'destinations.tiers.EMBARGOED[0]', reason: 'KP is already in tier HIGH' },
    ]);
  });

  it('refuses unknown keys and unknown tier names', () => {
    expect(problemsAfter((doc) => (doc.extra = {}))).toEqual([{ path: '(file)', reason: 'unknown key "extra"' }]);
    expect(problemsAfter((doc) => (tiers(doc).MEDIUM = ['FR']))).toEqual([{ path: 'destinations.tiers', reason: 'unknown key "MEDIUM"' }]);
    expect(problemsAfter((doc) => (pointsOf(doc).redFlag = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4, SEVERE: 5 }))).toEqual([
      { path: 'points.redFlag', reason: 'unknown key "SEVERE"' },
    ]);
  });

  it('needs every tier and severity to have points, whole and in 0..100', () => {
    expect(problemsAfter((doc) => delete (pointsOf(doc).itemSensitivity as Record<string, number>).VERY_HIGH)).toEqual([
      { path: 'points.itemSensitivity.VERY_HIGH', reason: 'is required' },
    ]);
    expect(problemsAfter((doc) => (pointsOf(doc).unverifiedParty = -1))).toEqual([{ path: 'points.unverifiedParty', reason: 'must not be negative' }]);
    expect(problemsAfter((doc) => (pointsOf(doc).denialUndercut = 12.5))).toEqual([{ path: 'points.denialUndercut', reason: 'must be a whole number' }]);
    expect(problemsAfter((doc) => (pointsOf(doc).denialUndercut = 101))).toEqual([{ path: 'points.denialUndercut', reason: 'must be at most 100' }]);
  });

  it('refuses points that go down as the tier or severity goes up', () => {
    expect(problemsAfter((doc) => (pointsOf(doc).redFlag = { LOW: 3, MEDIUM: 8, HIGH: 30, CRITICAL: 15 }))).toEqual([
      { path: 'points.redFlag.CRITICAL', reason: 'must not be below HIGH (30)' },
    ]);
  });

  it('needs exactly one of prefix or pattern per item rule, a valid pattern and a known sensitivity', () => {
    expect(problemsAfter((doc) => rules(doc).unshift({ prefix: '4A', pattern: '^4A', sensitivity: 'HIGH' }))).toEqual([
      { path: 'items.rules[0]', reason: 'needs exactly one of prefix or pattern' },
    ]);
    expect(problemsAfter((doc) => rules(doc).unshift({ sensitivity: 'HIGH' }))[0]?.path).toBe('items.rules[0]');
    expect(problemsAfter((doc) => rules(doc).unshift({ pattern: '^ML(', sensitivity: 'HIGH' }))).toEqual([
      { path: 'items.rules[0].pattern', reason: 'is not a valid regular expression' },
    ]);
    expect(problemsAfter((doc) => rules(doc).unshift({ prefix: '4a', sensitivity: 'HIGH' }))[0]?.path).toBe('items.rules[0].prefix');
    expect(problemsAfter((doc) => rules(doc).unshift({ prefix: '4A', sensitivity: 'EXTREME' }))[0]?.path).toBe('items.rules[0].sensitivity');
  });

  it('refuses a prefix rule that an earlier, shorter prefix always wins over', () => {
    expect(problemsAfter((doc) => rules(doc).push({ prefix: 'ML22', sensitivity: 'LOW' }))).toEqual([
      {
        path: `items.rules[${rules(realDocument()).length}].prefix`,
        reason: expect.stringMatching(/^never applies: rule \d+ \(prefix ML\) matches first/),
      },
    ]);
  });

  it('keeps escalation thresholds in range', () => {
    const escalation = (doc: ReturnType<typeof realDocument>) => doc.escalation as Record<string, number>;
    expect(problemsAfter((doc) => (escalation(doc).sanctionsMatchScore = 0))).toEqual([
      { path: 'escalation.sanctionsMatchScore', reason: 'must be above 0' },
    ]);
    expect(problemsAfter((doc) => (escalation(doc).sanctionsMatchScore = 1.5))[0]?.path).toBe('escalation.sanctionsMatchScore');
    expect(problemsAfter((doc) => (escalation(doc).totalScore = 0))[0]?.path).toBe('escalation.totalScore');
    expect(problemsAfter((doc) => delete escalation(doc).totalScore)).toEqual([{ path: 'escalation.totalScore', reason: 'is required' }]);
  });

  it('reports every problem at once', () => {
    const found = problemsAfter((doc) => {
      tiers(doc).LOW!.push('xx');
      pointsOf(doc).unverifiedParty = -5;
      (doc.escalation as Record<string, number>).totalScore = 500;
    });
    expect(found.map((p) => p.path.replace(/\[\d+\]$/, '[n]'))).toEqual(['destinations.tiers.LOW[n]', 'points.unverifiedParty', 'escalation.totalScore']);
  });

  it('points at the line and column of YAML syntax errors and duplicate keys', () => {
    expect(problemsOf(() => parseRiskPolicy('destinations:\n  defaultTier: [LOW\n', 'x.yaml'))[0]?.path).toMatch(/^line \d+, column \d+$/);
    const duplicate = stringify(realDocument()) + 'escalation: {}\n';
    expect(problemsOf(() => parseRiskPolicy(duplicate, 'x.yaml'))[0]).toEqual({
      path: expect.stringMatching(/^line \d+, column 1$/),
      reason: expect.stringMatching(/unique/i),
    });
  });

  it('refuses an empty file, and names a missing one', async () => {
    expect(problemsOf(() => parseRiskPolicy('# nothing\n', 'x.yaml'))).toEqual([{ path: '(file)', reason: 'is empty' }]);
    const missing = path.join(os.tmpdir(), 'no-such-dir-interlock', 'license-risk.yaml');
    await expect(loadRiskPolicy(missing)).rejects.toThrow(new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\n {2}- \\(file\\): file not found`));
  });

  it('round-trips: the real document, re-serialised, parses the same', () => {
    const text = stringify(realDocument());
    const a = parseRiskPolicy(text, 'a.yaml');
    const b = parseRiskPolicy(fs.readFileSync(POLICY_FILE, 'utf8'), 'b.yaml');
    expect([...a.destinations.tierByCountry]).toEqual([...b.destinations.tierByCountry]);
    expect(a.points).toEqual(b.points);
  });
});
