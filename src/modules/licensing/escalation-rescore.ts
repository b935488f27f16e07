/**
 * What a finding raised after a license was granted does to it: the license keeps its state
 * (suspending or revoking is the officer's decision, and owes the licensee reasons), but its
 * risk is scored again with the finding counted, it moves to the ESCALATED lane, and the hub
 * recommends what the officer should do. Pure: the points come from the risk policy.
 */
import type { EscalationKind, LicenseState } from '../../db/schema/index.ts';
import type { RiskPolicy } from './risk-policy.ts';
import { RECOMMENDED_ACTIONS } from '../licenses/escalation-resolution.ts';

export { RECOMMENDED_ACTIONS };

export type RecommendedAction = (typeof RECOMMENDED_ACTIONS)[number];

export interface PostDecisionFinding {
  kind: EscalationKind;
  /** The match score (0..1) of a designation or denial match; null for an end-use outcome. */
  score: number | null;
}

export interface Rescored {
  score: number;
  points: number;
  recommendedAction: RecommendedAction;
}

/** The points a finding adds, as submission screening would have counted it. */
export function pointsFor(finding: PostDecisionFinding, policy: RiskPolicy): number {
  switch (finding.kind) {
    case 'DESIGNATION_MATCH':
      return Math.round(policy.points.sanctionsMatch.atFullScore * Math.min(1, Math.max(0, finding.score ?? 0)));
    case 'DENIAL_UNDERCUT':
      return policy.points.denialUndercut;
    case 'UNFAVORABLE_VERIFICATION':
      return policy.points.unverifiedParty;
  }
}

/**
 * The new score of a granted (or suspended) license and what to do: SUSPEND when the finding
 * would have escalated the application at submission on its own (a strong listing match, a
 * failed end-use check) or the new score reaches the escalation threshold; otherwise REVIEW. A
 * license already suspended is only to be reviewed.
 */
export function rescoreGranted(current: { state: LicenseState; riskScore: number | null }, finding: PostDecisionFinding, policy: RiskPolicy): Rescored {
  const points = pointsFor(finding, policy);
  const score = Math.min(100, Math.max(0, (current.riskScore ?? 0) + points));
  const wouldEscalate =
    finding.kind === 'UNFAVORABLE_VERIFICATION' ||
    (finding.kind === 'DESIGNATION_MATCH' && (finding.score ?? 0) >= policy.escalation.sanctionsMatchScore) ||
    score >= policy.escalation.totalScore;
  return { score, points, recommendedAction: current.state !== 'SUSPENDED' && wouldEscalate ? 'SUSPEND' : 'REVIEW' };
}

/** The strongest recommendation among the open escalations: SUSPEND over REVIEW; null when none recommends anything. */
export function strongestRecommendation(recommendations: readonly (string | null)[]): RecommendedAction | null {
  if (recommendations.includes('SUSPEND')) return 'SUSPEND';
  return recommendations.includes('REVIEW') ? 'REVIEW' : null;
}
