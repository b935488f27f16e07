import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointsFor, rescoreGranted, strongestRecommendation } from '../../src/modules/licensing/escalation-rescore.ts';
import { loadRiskPolicy, type RiskPolicy } from '../../src/modules/licensing/risk-policy.ts';

const POLICY_FILE = fileURLToPath(new URL('../../policies/license-risk.yaml', import.meta.url));

describe('re-scoring a granted license after a finding', () => {
  let policy: RiskPolicy;
  beforeAll(async () => {
    policy = await loadRiskPolicy(POLICY_FILE);
  });

  it('counts a finding as submission screening would have', () => {
    expect(pointsFor({ kind: 'DESIGNATION_MATCH', score: 1 }, policy)).toBe(policy.points.sanctionsMatch.atFullScore);
    expect(pointsFor({ kind: 'DESIGNATION_MATCH', score: 0.5 }, policy)).toBe(Math.round(policy.points.sanctionsMatch.atFullScore / 2));
    expect(pointsFor({ kind: 'DENIAL_UNDERCUT', score: 0.9 }, policy)).toBe(policy.points.denialUndercut);
    expect(pointsFor({ kind: 'UNFAVORABLE_VERIFICATION', score: null }, policy)).toBe(policy.points.unverifiedParty);
  });

  it('recommends suspending an approved license on a strong listing match or a failed check, reviewing otherwise', () => {
    const approved = { state: 'APPROVED' as const, riskScore: 0 };
    const strong = rescoreGranted(approved, { kind: 'DESIGNATION_MATCH', score: policy.escalation.sanctionsMatchScore }, policy);
    expect(strong).toMatchObject({ recommendedAction: 'SUSPEND', score: strong.points });
    expect(strong.score).toBeGreaterThan(0);
    expect(rescoreGranted(approved, { kind: 'UNFAVORABLE_VERIFICATION', score: null }, policy).recommendedAction).toBe('SUSPEND');
    const weak = rescoreGranted(approved, { kind: 'DESIGNATION_MATCH', score: 0.1 }, policy);
    expect(weak.recommendedAction).toBe('REVIEW');
    // A weak finding on a license already near the threshold tips it over.
    expect(rescoreGranted({ state: 'APPROVED', riskScore: policy.escalation.totalScore }, { kind: 'DESIGNATION_MATCH', score: 0.1 }, policy).recommendedAction).toBe('SUSPEND');
  });

  it('only asks for a review of a license already suspended, and never scores beyond 100', () => {
    expect(rescoreGranted({ state: 'SUSPENDED', riskScore: 90 }, { kind: 'UNFAVORABLE_VERIFICATION', score: null }, policy)).toMatchObject({ recommendedAction: 'REVIEW', score: 100 });
  });

  it('keeps the strongest recommendation of the open escalations', () => {
    expect(strongestRecommendation(['REVIEW', 'SUSPEND', null])).toBe('SUSPEND');
    expect(strongestRecommendation(['REVIEW', null])).toBe('REVIEW');
    expect(strongestRecommendation([])).toBeNull();
  });
});
