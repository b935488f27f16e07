/**
 * Who the license history names for moves the hub makes by itself. Such a move is the
 * system's, not an officer's: an officer who never decided a routing must not appear to have
 * decided it. The officer whose action set the move off (the submitting officer for screening
 * and routing, the verification officer whose outcome escalated) is recorded alongside as
 * `triggeredBy`.
 */
export const SYSTEM_ACTORS = {
  /** Screening and routing to a lane after submission. */
  screening: 'interlock:screening',
  /** An escalation raised by a finding: a new listing, a partner's denial, a failed end-use check. */
  escalation: 'interlock:automatic-escalation',
  /** A granted license past its expiry date. */
  expiry: 'interlock:expiry',
} as const;

export type SystemActor = (typeof SYSTEM_ACTORS)[keyof typeof SYSTEM_ACTORS];

export const isSystemActor = (userId: string): boolean => userId.startsWith('interlock:');

/** The officer whose action set an automatic move off. */
export interface TriggeringOfficer {
  agencyId: string;
  userId: string;
}

/** The columns a transition made by the system records: the system as actor, the triggering officer alongside. */
export function systemMove(actor: SystemActor, ownerAgencyId: string, triggeredBy: TriggeringOfficer | null | undefined) {
  return {
    actorAgencyId: ownerAgencyId,
    actorUserId: actor,
    triggeredByAgencyId: triggeredBy?.agencyId ?? null,
    triggeredByUserId: triggeredBy?.userId ?? null,
  };
}
