import { fileURLToPath } from 'node:url';
import type { Database, Executor } from '../../db/client.ts';
import { createOnce } from '../../db/idempotency.ts';
import type { LicenseApplicationRow } from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { owningAgency, requireWriter, type Viewer } from '../../policy/viewer.ts';
import { AppError, invalidInput, notFound, staleVersion } from '../../lib/errors.ts';
import { fetchConnection, type ConnectionShape } from '../../kernel/connection.ts';
import { childrenLoader } from '../../kernel/loaders.ts';
import type { AgencyService } from '../agencies/agency.service.ts';
import { findDenialMatches, recordUndercutConsultations } from '../denials/denial-matching.service.ts';
import { DenialConsultationRepository } from '../denials/denial-consultation.repository.ts';
import { findUnverifiedPartyHits } from '../end-use-checks/unverified-party-hits.ts';
import { nameKeys } from '../name-matching/name-normalization.ts';
import { DEFAULT_SCREENING_CONFIG } from '../screening/screening-config.ts';
import { findMatches } from '../screening/screening.service.ts';
import { ListVersionCache, screenedListVersion } from '../screening/list-version.ts';
import { ScreeningRepository } from '../screening/screening.repository.ts';
import { ThreatEntryRepository } from '../threat-library/threat-entry.repository.ts';
import { screenedParty } from './license-parties.ts';
import { assessLicenseRisk, type RiskAssessment, type RiskInput } from './license-risk.ts';
import { redFlagsFor } from './threat-red-flags.ts';
import { LicenseFindings } from './license-findings.ts';
import { routingAction, transition, type LicenseAction } from '../licenses/license-workflow.ts';
import { isApproval } from '../licenses/license-events.ts';
import { approvalVerdict } from '../denials/undercut-rule.ts';
import { type LicenseState } from '../../db/schema/license-enums.ts';
import { LicenseRepository } from '../licenses/license.repository.ts';
import { parseReference } from '../licenses/license-reference.ts';
import { SYSTEM_ACTORS, systemMove } from '../licenses/system-actors.ts';
import type { AcknowledgeEscalationInput, CreateLicenseApplicationInput, LicenseActionInput, LicenseApplicationsArgs, SubmitLicenseApplicationInput } from '../licenses/license.types.ts';
import { acknowledgementProblem } from '../licenses/escalation-resolution.ts';
import { strongestRecommendation } from './escalation-rescore.ts';
import { validateAction, validateCreate } from '../licenses/license.validation.ts';
import { loadRiskPolicy, type RiskPolicy } from './risk-policy.ts';

const CURSOR_KIND = 'license-application';
const DEFAULT_RISK_POLICY = fileURLToPath(new URL('../../../policies/license-risk.yaml', import.meta.url));

export class LicenseService {
  private readonly repository: LicenseRepository;
  private riskPolicy: Promise<RiskPolicy> | undefined;

  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
    private readonly riskPolicyFile: string = DEFAULT_RISK_POLICY,
    /** The hub's list versions, shared with screening: one digest per list state, not one per submission. */
    private readonly listVersions: ListVersionCache = new ListVersionCache(),
  ) {
    this.repository = new LicenseRepository(db);
  }

  list(viewer: Viewer, args: LicenseApplicationsArgs): Promise<ConnectionShape<LicenseApplicationRow>> {
    const { state, hasOpenEscalations, escalationReason, lane, riskAtLeast, party } = args;
    return fetchConnection(CURSOR_KIND, this.repository, viewer.access, { state, hasOpenEscalations, escalationReason, lane, riskAtLeast, party: party?.trim() || null }, args);
  }

  async get(viewer: Viewer, id: string): Promise<LicenseApplicationRow> {
    const row = isUuid(id) ? await this.repository.findById(viewer.access, id) : undefined;
    if (!row) throw notFound('license application', id);
    return row;
  }

  /** One application by id or by reference: exactly one of them must be given. */
  lookup(viewer: Viewer, by: { id: string | null; reference: string | null }): Promise<LicenseApplicationRow> {
    if ((by.id == null) === (by.reference == null)) throw invalidInput(by.id == null ? 'id' : 'reference', 'give either id or reference, not both or neither');
    return by.id != null ? this.get(viewer, by.id) : this.getByReference(viewer, by.reference!);
  }

  /** The application with this reference (`DE-BAFA-3E34190F`), as the viewer may see it. */
  async getByReference(viewer: Viewer, reference: string): Promise<LicenseApplicationRow> {
    const parsed = parseReference(reference);
    const rows = parsed ? await this.repository.findByReference(viewer.access, parsed) : [];
    if (rows.length === 0) throw new AppError('NOT_FOUND', `No license application with reference ${JSON.stringify(reference)}.`, { reference });
    // Eight hex digits of a random id: two of one agency's applications share them about once in 65,000.
    if (rows.length > 1) throw new AppError('CONFLICT', `More than one license application has reference ${JSON.stringify(reference)}; look it up by id.`, { reference });
    return rows[0]!;
  }

  /** The records among `ids` the viewer may see: for links from other records, batched per request. */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<LicenseApplicationRow[]> {
    return this.repository.findByIds(viewer.access, ids.filter(isUuid));
  }

  /** Records a DRAFT application, owned by the caller's (licensing) agency. */
  async create(viewer: Viewer, input: CreateLicenseApplicationInput): Promise<LicenseApplicationRow> {
    const ownerId = owningAgency(viewer);
    requireWriter(viewer, 'LicenseApplication', ownerId);
    const draft = validateCreate(input);
    await this.agencies.requireKnown({ releasableTo: draft.releasableTo });
    const { idempotencyKey, ...request } = input;
    const { id } = await createOnce(this.db, { scope: `${ownerId}:createLicenseApplication`, key: idempotencyKey, request }, async (tx) => {
      return (await new LicenseRepository(tx).insert(ownerId, draft, nameKeys)).id;
    });
    return this.get(viewer, id);
  }

  /**
   * Submits a DRAFT: in one transaction it is submitted, screened (every party against the
   * designations the agency may see, its unverified parties and partners' denials; items
   * against the threat library; destination and items against the risk policy), scored and
   * routed to a lane, each step recorded. A retry with the same idempotency key returns the
   * first result.
   */
  async submit(viewer: Viewer, input: SubmitLicenseApplicationInput): Promise<LicenseApplicationRow> {
    const ownerId = owningAgency(viewer);
    const policy = await this.loadRiskPolicy();
    const { idempotencyKey, ...request } = input;
    const { id } = await createOnce(this.db, { scope: `${ownerId}:submitLicenseApplication`, key: idempotencyKey, request }, async (tx) => {
      const repository = new LicenseRepository(tx);
      const current = await this.lockForChange(viewer, repository, input.id, input.expectedVersion);
      const submitted = legalMove(current.state, 'submit');
      const screened = legalMove(submitted, 'startScreening');
      const screening = await screenApplication(tx, viewer.access, current, policy, this.listVersions);
      const routed = legalMove(screened, routingAction(screening.assessment.lane));
      const updated = await repository.updateIfVersion(current.id, input.expectedVersion, {
        state: routed,
        lane: screening.assessment.lane,
        riskScore: screening.assessment.score,
        riskFactors: screening.assessment.factors.map(storedFactor),
        screenedAt: screening.listVersion,
      });
      if (!updated) throw staleVersion('license application', input.expectedVersion, current.version);
      const officer = { agencyId: viewer.caller.agencyId, userId: viewer.caller.userId };
      // The officer submits; screening and routing are the hub's, set off by that submission.
      const screeningMove = { applicationId: current.id, ...systemMove(SYSTEM_ACTORS.screening, current.ownerAgencyId, officer) };
      await repository.recordTransition({
        applicationId: current.id,
        actorAgencyId: officer.agencyId,
        actorUserId: officer.userId,
        action: 'submit',
        fromState: current.state,
        toState: submitted,
      });
      await repository.recordTransition({ ...screeningMove, action: 'startScreening', fromState: submitted, toState: screened });
      await repository.recordTransition({
        ...screeningMove,
        action: routingAction(screening.assessment.lane),
        fromState: screened,
        toState: routed,
        // Quotes the risk score only, so that it is released with it (see transition-reasons.ts).
        reason: `risk score ${screening.assessment.score}`,
      });
      await repository.recordScreening({
        applicationId: current.id,
        occasion: 'SUBMISSION',
        listVersion: screening.listVersion,
        lists: screening.coverage,
        candidateDesignations: screening.coverage.reduce((sum, list) => sum + list.candidates, 0),
      });
      await recordUndercutConsultations(tx, current.id, current.ownerAgencyId, screening.denialMatches, screening.consulting, officer);
      return current.id;
    });
    return this.get(viewer, id);
  }

  /** Any other move of the workflow; illegal ones are a CONFLICT naming the current state. */
  async act(viewer: Viewer, input: LicenseActionInput): Promise<LicenseApplicationRow> {
    const now = new Date();
    validateAction(input, now);
    return this.db.transaction(async (tx) => {
      const repository = new LicenseRepository(tx);
      const current = await this.lockForChange(viewer, repository, input.id, input.expectedVersion);
      const action = input.action as LicenseAction;
      const moved = transition(current.state, action, { suspendedFrom: current.suspendedFrom });
      if (!moved.ok) throw new AppError('CONFLICT', moved.reason, { field: 'input.action', state: current.state });
      const overridden = isApproval(action) ? await consultationsOverriddenBy(tx, viewer, current, input.consultationOverrideReason) : [];
      const updated = await repository.updateIfVersion(current.id, input.expectedVersion, {
        state: moved.to,
        ...changesFor(input, current, now),
      });
      if (!updated) throw staleVersion('license application', input.expectedVersion, current.version);
      for (const consultation of overridden) {
        await repository.recordTransition({
          applicationId: current.id,
          action: 'overrideConsultation',
          fromState: current.state,
          toState: current.state,
          actorAgencyId: viewer.caller.agencyId,
          actorUserId: viewer.caller.userId,
          // Quotes the consultation, so that it is released with the consultations (see transition-reasons.ts).
          reason: `approved despite consultation ${consultation.id} with ${consultation.denyingAgencyId}: ${input.consultationOverrideReason!.trim()}`,
        });
      }
      await repository.recordTransition({
        applicationId: current.id,
        action,
        fromState: current.state,
        toState: moved.to,
        actorAgencyId: viewer.caller.agencyId,
        actorUserId: viewer.caller.userId,
        reason: input.rationale?.trim() || input.appealGrounds?.trim() || null,
      });
      return updated;
    });
  }

  /**
   * An officer of the owning agency closes an escalation, against the application version they
   * read: the resolution and reason are recorded on it and in the history, and the license's
   * recommendation is recomputed from the escalations still open.
   */
  async acknowledgeEscalation(viewer: Viewer, input: AcknowledgeEscalationInput): Promise<LicenseApplicationRow> {
    return this.db.transaction(async (tx) => {
      const repository = new LicenseRepository(tx);
      const found = isUuid(input.id) ? await repository.findEscalation(viewer.access, input.id) : undefined;
      if (!found) throw new AppError('NOT_FOUND', `No escalation with id ${JSON.stringify(input.id)}.`, { id: input.id });
      const current = await this.lockForChange(viewer, repository, found.applicationId, input.expectedVersion);
      const problem = acknowledgementProblem(found, input.reason);
      if (problem) throw new AppError(problem.code, problem.message, problem.code === 'BAD_USER_INPUT' ? { field: 'input.reason' } : {});
      const reason = input.reason.trim();
      const closed = await repository.acknowledgeEscalation(found.id, {
        acknowledgedByAgencyId: viewer.caller.agencyId,
        acknowledgedByUserId: viewer.caller.userId,
        resolution: input.resolution,
        acknowledgementReason: reason,
      });
      if (!closed) throw new AppError('CONFLICT', 'the escalation was acknowledged meanwhile');
      const stillOpen = (await repository.escalationsOf([current.id])).filter((e) => e.acknowledgedAt === null);
      const updated = await repository.updateIfVersion(current.id, input.expectedVersion, {
        recommendedAction: strongestRecommendation(stillOpen.map((e) => e.recommendedAction)),
      });
      if (!updated) throw staleVersion('license application', input.expectedVersion, current.version);
      await repository.recordTransition({
        applicationId: current.id,
        action: 'acknowledgeEscalation',
        fromState: current.state,
        toState: current.state,
        actorAgencyId: viewer.caller.agencyId,
        actorUserId: viewer.caller.userId,
        // Quotes the escalation, so that it is released with the escalations (see transition-reasons.ts).
        reason: `escalation ${found.id} (${found.kind}) closed as ${input.resolution}: ${reason}`,
      });
      return updated;
    });
  }

  /** Per-request loaders: a page of applications costs one query per kind of child. */
  createLoaders(viewer: Viewer) {
    const children = {
      items: childrenLoader((ids: readonly string[]) => this.repository.itemsOf(ids), (row) => row.applicationId),
      parties: childrenLoader((ids: readonly string[]) => this.repository.partiesOf(ids), (row) => row.applicationId),
      transitions: childrenLoader((ids: readonly string[]) => this.repository.transitionsOf(ids), (row) => row.applicationId),
      escalations: childrenLoader((ids: readonly string[]) => this.repository.escalationsOf(ids), (row) => row.applicationId),
      screenings: childrenLoader((ids: readonly string[]) => this.repository.screeningsOf(ids), (row) => row.applicationId),
    };
    return {
      ...children,
      // Consultations exist only for the two agencies they name, whoever else sees the application.
      consultations: childrenLoader(
        (ids) => new DenialConsultationRepository(this.db).ofApplications(viewer.caller.agencyId, ids),
        (row) => row.applicationId,
      ),
      findings: new LicenseFindings(this.db, viewer, children),
    };
  }

  /** The risk policy, read once; the hub reads it at start so that a bad file stops start-up. */
  loadRiskPolicy(): Promise<RiskPolicy> {
    this.riskPolicy ??= loadRiskPolicy(this.riskPolicyFile);
    return this.riskPolicy;
  }

  /**
   * The application locked for this transaction, if the viewer may change it: an application
   * it cannot see is NOT_FOUND, one it sees but does not own FORBIDDEN, a stale version CONFLICT.
   */
  private async lockForChange(viewer: Viewer, repository: LicenseRepository, id: string, expectedVersion: number) {
    const current = isUuid(id) ? await repository.findByIdForUpdate(viewer.access, id) : undefined;
    if (!current) throw notFound('license application', id);
    requireWriter(viewer, 'LicenseApplication', current.ownerAgencyId);
    if (current.version !== expectedVersion) throw staleVersion('license application', expectedVersion, current.version);
    return current;
  }
}

/**
 * "No undercut": an approval waits for the partners consulted on this application, unless the
 * officer overrides with a reason, which is recorded on each consultation for its denying
 * agency to see. Returns the consultations overridden.
 */
async function consultationsOverriddenBy(tx: Executor, viewer: Viewer, application: LicenseApplicationRow, overrideReason: string | null | undefined) {
  const consultations = new DenialConsultationRepository(tx);
  const standing = await consultations.ofConsultingApplicationForUpdate(application.ownerAgencyId, application.id);
  const verdict = approvalVerdict(standing, overrideReason);
  if (!verdict.ok && verdict.code === 'CONSULTATION_OPEN') {
    throw new AppError('CONFLICT', `License application ${application.id} ${verdict.reason}.`, {
      field: 'input.action',
      consultationIds: verdict.blocking.map((c) => c.id).join(','),
    });
  }
  if (!verdict.ok) throw invalidInput('input.consultationOverrideReason', verdict.reason);
  if (verdict.overrides.length > 0) {
    await consultations.markOverridden(
      verdict.overrides.map((c) => c.id),
      `${viewer.caller.agencyId}:${viewer.caller.userId}`,
      overrideReason!.trim(),
    );
  }
  return verdict.overrides;
}

function legalMove(state: LicenseState, action: LicenseAction): LicenseState {
  const moved = transition(state, action);
  if (!moved.ok) throw new AppError('CONFLICT', moved.reason, { field: 'input.id', state });
  return moved.to;
}

/** What an action writes on the application besides its state. */
function changesFor(input: LicenseActionInput, current: LicenseApplicationRow, now: Date): Partial<LicenseApplicationRow> {
  const rationale = input.rationale?.trim() ?? null;
  switch (input.action) {
    case 'approve':
    case 'approveWithConditions':
    case 'approveProvisionally':
    case 'overturnDenial':
      return {
        decisionRationale: rationale,
        conditions: (input.conditions ?? []).map((c) => c.trim()),
        oversightConditions: (input.oversightConditions ?? []).map((c) => c.trim()),
        reviewDate: input.reviewDate ?? null,
        expiresOn: input.expiresOn ?? null,
        denialReason: null,
        decidedAt: now,
      };
    case 'deny':
      return { decisionRationale: rationale, denialReason: input.denialReason ?? null, conditions: [], oversightConditions: [], decidedAt: now };
    case 'upholdDenial':
      return { decisionRationale: rationale, decidedAt: now };
    case 'appeal':
      return { appealGrounds: input.appealGrounds?.trim() ?? null };
    case 'suspend':
      return { suspendedFrom: current.state };
    case 'reinstate':
      return { suspendedFrom: null };
    default:
      return {};
  }
}

/** A factor as stored with the application: data, described to each reader when read (risk-factor-text.ts). */
function storedFactor(factor: RiskAssessment['factors'][number]) {
  const subject = factor.subject;
  const position = subject.kind === 'PARTY' ? subject.partyIndex : subject.kind === 'ITEM' ? subject.itemIndex : null;
  return { code: factor.code, points: factor.points, subject: subject.kind, position, reference: factor.reference, facts: factor.facts };
}

/**
 * Everything submission screening finds about an application, as the owning agency may see
 * it: sanctions hits per party, its unverified parties, partners' denials it would undercut,
 * threat-library red flags on its items, then the risk assessment over all of them.
 */
export async function screenApplication(
  tx: Executor,
  access: AccessDecision,
  application: LicenseApplicationRow,
  policy: RiskPolicy,
  listVersions?: ListVersionCache,
) {
  const repository = new LicenseRepository(tx);
  const [parties, items] = await Promise.all([repository.partiesOf([application.id]), repository.itemsOf([application.id])]);
  const screeningRepository = new ScreeningRepository(tx);
  const [listVersion, coverage] = [await screenedListVersion(screeningRepository, access, listVersions), await screeningRepository.screenedListCoverage(access)];
  const screened = parties.map(screenedParty);
  const matches = await findMatches(tx, access, screened, DEFAULT_SCREENING_CONFIG);
  const partyRefs = parties.map((party, index) => ({ index, name: party.name, country: party.country, identifiers: party.identifiers }));
  const codes = items.map((item) => item.controlListCode);
  const today = new Date().toISOString().slice(0, 10);
  const [unverified, denialMatches, threatEntries] = await Promise.all([
    findUnverifiedPartyHits(tx, access, partyRefs),
    findDenialMatches(tx, access, partyRefs, codes, today),
    new ThreatEntryRepository(tx).activeEntriesWithLinks(access),
  ]);
  const input: RiskInput = {
    screenedLists: coverage.length,
    destinationCountry: application.destinationCountry,
    items: items.map((item) => ({ controlListCode: item.controlListCode, quantity: Number(item.quantity), value: Number(item.value ?? 0) })),
    parties: parties.map((party) => ({ role: party.role, name: party.name, country: party.country ?? application.destinationCountry })),
    findings: {
      screeningHits: matches.flatMap((partyMatches, partyIndex) =>
        partyMatches.map((match) => ({
          partyIndex,
          designationId: match.designationId,
          matchedName: match.matchedName,
          score: Math.min(1, match.score),
          exactOrIdentifierMatch: match.explanation.identifierMatched !== null || match.explanation.nameSimilarity >= 1,
        })),
      ),
      redFlags: redFlagsFor(access, codes, threatEntries),
      unverifiedParties: unverified.map((hit) => ({ partyIndex: hit.partyIndex, unverifiedEntryId: hit.unverifiedEntryId, outcome: hit.outcome })),
      denialMatches: denialMatches.map((match) => ({ denialId: match.denialId, notifyingAgency: match.denyingAgencyId })),
    },
  };
  const consulting = { endUse: application.endUse, controlListCodes: codes, parties: parties.map((p) => ({ name: p.name, country: p.country })) };
  return { assessment: assessLicenseRisk(input, policy), listVersion, coverage, denialMatches, consulting };
}
