/**
 * Closing an escalation: an officer of the owning agency says how it was resolved and why,
 * against the version of the application they read. Pure checks; the service records it.
 */
export const ESCALATION_RESOLUTIONS = ['FALSE_POSITIVE', 'RISK_ACCEPTED', 'ACTION_TAKEN'] as const;
export type EscalationResolution = (typeof ESCALATION_RESOLUTIONS)[number];

/** What re-scoring a granted license recommends (see src/modules/licensing/escalation-rescore.ts). */
export const RECOMMENDED_ACTIONS = ['SUSPEND', 'REVIEW'] as const;

export const ACKNOWLEDGEMENT_REASON_LIMIT = 4_000;

/** Why the acknowledgement cannot be recorded as asked, or null when it can. */
export function acknowledgementProblem(escalation: { acknowledgedAt: Date | null }, reason: string): { code: 'BAD_USER_INPUT' | 'CONFLICT'; message: string } | null {
  const text = reason.trim();
  if (text.length === 0) return { code: 'BAD_USER_INPUT', message: 'input.reason: say why the escalation is closed' };
  if (text.length > ACKNOWLEDGEMENT_REASON_LIMIT) return { code: 'BAD_USER_INPUT', message: `input.reason: must be at most ${ACKNOWLEDGEMENT_REASON_LIMIT} characters` };
  if (escalation.acknowledgedAt !== null) return { code: 'CONFLICT', message: `the escalation was already acknowledged at ${escalation.acknowledgedAt.toISOString()}` };
  return null;
}
