/**
 * Raising an escalation on a license: the one way every capability (designation changes,
 * partners' denials, end-use checks) flags a license for an officer. Runs inside the caller's
 * transaction, so the finding and what it does to the license commit together.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { licenseApplications, licenseEscalations, licenseTransitions, type EscalationKind, type LicenseState } from '../../db/schema/index.ts';
import type { LicenseEvent } from './license-events.ts';
import { transition } from './license-workflow.ts';
import { SYSTEM_ACTORS, systemMove, type TriggeringOfficer } from './system-actors.ts';

export interface EscalationFinding {
  applicationId: string;
  kind: EscalationKind;
  /** The party of the application the finding is about, if one. */
  partyPosition: number | null;
  designationId?: string | null;
  denialNotificationId?: string | null;
  endUseCheckId?: string | null;
  score?: number | null;
  /** Says what was found, for the officer; never more than the owning agency may see. */
  detail: string;
  /**
   * Identifies the finding, so the same one is raised once: e.g. `designation:<id>@<version>:party:<n>`.
   * A changed designation (new version) that still matches is a new finding.
   */
  dedupeKey: string;
  /** The officer whose action raised it (a submission, an end-use outcome); none for a listing change the watch found. */
  triggeredBy?: TriggeringOfficer | null;
}

/**
 * Records the finding and escalates the license: a case in a review lane moves to ESCALATED;
 * one already escalated, approved or suspended keeps its state and the move is recorded in its
 * history all the same (whether to suspend or revoke is the officer's call). Drafts and closed
 * cases only get the finding. Returns false when this finding was already raised.
 */
export async function raiseEscalation(tx: Executor, finding: EscalationFinding): Promise<boolean> {
  const [inserted] = await tx
    .insert(licenseEscalations)
    .values({
      applicationId: finding.applicationId,
      kind: finding.kind,
      partyPosition: finding.partyPosition,
      designationId: finding.designationId ?? null,
      denialNotificationId: finding.denialNotificationId ?? null,
      endUseCheckId: finding.endUseCheckId ?? null,
      score: finding.score ?? null,
      detail: finding.detail,
      dedupeKey: finding.dedupeKey,
    })
    .onConflictDoNothing()
    .returning({ id: licenseEscalations.id });
  if (!inserted) return false;

  const [application] = await tx
    .select({ state: licenseApplications.state, owner: licenseApplications.ownerAgencyId })
    .from(licenseApplications)
    .where(eq(licenseApplications.id, finding.applicationId))
    .for('update');
  if (!application) return true;
  const moved = transition(application.state, 'escalate');
  if (!moved.ok) return true;
  await tx
    .update(licenseApplications)
    .set({
      state: moved.to,
      lane: moved.to === 'ESCALATED' ? 'ESCALATED' : undefined,
      version: sql`${licenseApplications.version} + 1`,
      changeSeq: sql`nextval('interlock_change_seq')`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(licenseApplications.id, finding.applicationId)));
  await tx.insert(licenseTransitions).values({
    applicationId: finding.applicationId,
    action: 'escalate',
    fromState: application.state,
    toState: moved.to,
    ...systemMove(SYSTEM_ACTORS.escalation, application.owner, finding.triggeredBy),
    // The finding itself is in the escalations: the history names only its kind (see transition-reasons.ts).
    reason: finding.kind,
  });
  return true;
}

/** A history entry that does not move the application (license-events.ts), recorded with a new version. */
export interface RecordedEvent {
  applicationId: string;
  action: LicenseEvent;
  actorAgencyId: string;
  actorUserId: string;
  reason: string;
}

/**
 * Records an event on an application in the caller's transaction: the application is locked,
 * its version bumped (what it shows changed) and the entry written. Returns the state it is in,
 * or null when there is no such application.
 */
export async function recordLicenseEvent(tx: Executor, event: RecordedEvent): Promise<LicenseState | null> {
  const [application] = await tx
    .update(licenseApplications)
    .set({ version: sql`${licenseApplications.version} + 1`, changeSeq: sql`nextval('interlock_change_seq')`, updatedAt: sql`now()` })
    .where(eq(licenseApplications.id, event.applicationId))
    .returning({ state: licenseApplications.state });
  if (!application) return null;
  await tx.insert(licenseTransitions).values({ ...event, fromState: application.state, toState: application.state });
  return application.state;
}
