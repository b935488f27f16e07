/**
 * Things recorded in a license's history that do not move it: an approval that overrides a
 * consultation, a denying agency's answer, an escalation acknowledged. The workflow
 * (license-workflow.ts) decides moves; these are recorded beside them, in the same table and
 * transaction, so the history tells the whole story in order.
 */
import type { LicenseAction } from './license-workflow.ts';
import { LICENSE_ACTIONS } from './license-workflow.ts';

export const LICENSE_EVENTS = ['overrideConsultation', 'answerConsultation', 'acknowledgeEscalation'] as const;
export type LicenseEvent = (typeof LICENSE_EVENTS)[number];

/** What a history entry may name: a workflow action or a recorded event. */
export const HISTORY_ACTIONS = [...LICENSE_ACTIONS, ...LICENSE_EVENTS] as const;
export type HistoryAction = LicenseAction | LicenseEvent;

export const isLicenseEvent = (action: string): action is LicenseEvent => (LICENSE_EVENTS as readonly string[]).includes(action);

/** The approvals: each one must wait for open consultations ("no undercut"). */
export const APPROVAL_ACTIONS = ['approve', 'approveWithConditions', 'approveProvisionally', 'overturnDenial'] as const satisfies readonly LicenseAction[];
export const isApproval = (action: string): boolean => (APPROVAL_ACTIONS as readonly string[]).includes(action);
