import type { Database, Executor } from '../../db/client.ts';
import { createOnce } from '../../db/idempotency.ts';
import { withHubRights } from '../../db/row-security.ts';
import type { EndUseCheckRow, UnverifiedPartyRow } from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import { OUTCOME_ROLES, outcomeRefusal, ownsRecord } from '../../policy/participation.ts';
import { owningAgency, requireWriter, type Viewer } from '../../policy/viewer.ts';
import { fetchConnection, type ConnectionShape } from '../../kernel/connection.ts';
import type { AgencyService } from '../agencies/agency.service.ts';
import { raiseEscalation } from '../licenses/license-escalations.ts';
import type { TriggeringOfficer } from '../licenses/system-actors.ts';
import { EndUseCheckErrors } from './end-use-check.errors.ts';
import { EndUseCheckRepository, type EndUseCheckQuery } from './end-use-check.repository.ts';
import type { EndUseChecksArgs, RecordEndUseOutcomeInput, RequestEndUseCheckInput } from './end-use-check.types.ts';
import { isAdverse, validateOutcome, validateRequest, type AdverseOutcome, type EndUseCheckRequest } from './end-use-check.validation.ts';
import { UnverifiedPartyRepository } from './unverified-party.repository.ts';

const CHECK_CURSOR_KIND = 'end-use-check';
const UNVERIFIED_CURSOR_KIND = 'unverified-party';

export class EndUseCheckService {
  private readonly checks: EndUseCheckRepository;
  private readonly unverified: UnverifiedPartyRepository;

  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
  ) {
    this.checks = new EndUseCheckRepository(db);
    this.unverified = new UnverifiedPartyRepository(db);
  }

  list(viewer: Viewer, args: EndUseChecksArgs): Promise<ConnectionShape<EndUseCheckRow>> {
    return fetchConnection(CHECK_CURSOR_KIND, this.checks, viewer.access, toQuery(args), args);
  }

  async get(viewer: Viewer, id: string): Promise<EndUseCheckRow> {
    const row = isUuid(id) ? await this.checks.findById(viewer.access, id) : undefined;
    if (!row) throw EndUseCheckErrors.notFound(id);
    return row;
  }

  /** The records among `ids` the viewer may see: for links from other records, batched per request. */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<EndUseCheckRow[]> {
    return this.checks.findByIds(viewer.access, ids.filter(isUuid));
  }

  listUnverified(viewer: Viewer, args: { first?: number | null; after?: string | null }): Promise<ConnectionShape<UnverifiedPartyRow>> {
    return fetchConnection(UNVERIFIED_CURSOR_KIND, this.unverified, viewer.access, null, args);
  }

  async getUnverified(viewer: Viewer, id: string): Promise<UnverifiedPartyRow> {
    const row = isUuid(id) ? await this.unverified.findById(viewer.access, id) : undefined;
    if (!row) throw EndUseCheckErrors.unverifiedPartyNotFound(id);
    return row;
  }

  /** The records among `ids` the viewer may see: for links from other records and the change feed. */
  visibleUnverifiedByIds(viewer: Viewer, ids: readonly string[]): Promise<UnverifiedPartyRow[]> {
    return this.unverified.findByIds(viewer.access, ids.filter(isUuid));
  }

  async request(viewer: Viewer, input: RequestEndUseCheckInput): Promise<EndUseCheckRow> {
    const ownerId = owningAgency(viewer);
    requireWriter(viewer, 'EndUseCheck', ownerId);
    const request = validateRequest(input, ownerId);
    await this.requirePerformingAgency(request.performingAgencyId);
    await this.agencies.requireKnown({ releasableTo: request.releasableTo });
    const { idempotencyKey, ...submitted } = input;
    const { id } = await createOnce(
      this.db,
      { scope: `${ownerId}:requestEndUseCheck`, key: idempotencyKey, request: submitted },
      async (tx) => (await requestIn(tx, viewer, request)).id,
    );
    return this.get(viewer, id);
  }

  /**
   * Records the outcome once; an adverse one lists the party on the requesting agency's
   * unverified list and escalates the license in the same transaction, so a completed
   * adverse check is never without them.
   */
  async recordOutcome(viewer: Viewer, input: RecordEndUseOutcomeInput): Promise<EndUseCheckRow> {
    const record = validateOutcome(input, new Date());
    return this.db.transaction(async (tx) => {
      const checks = new EndUseCheckRepository(tx);
      const current = await lockForOutcome(viewer, checks, input.id, input.expectedVersion);
      const completed = await checks.completeIfVersion(current.id, input.expectedVersion, record, viewer.caller.userId);
      if (!completed) throw EndUseCheckErrors.staleVersion(input.expectedVersion, current.version);
      if (completed.outcome && isAdverse(completed.outcome)) await flagParty(tx, completed, completed.outcome, { agencyId: viewer.caller.agencyId, userId: viewer.caller.userId });
      return completed;
    });
  }

  private async requirePerformingAgency(agencyId: string): Promise<void> {
    const [unknown] = await this.agencies.unknownIds([agencyId]);
    if (unknown !== undefined) throw EndUseCheckErrors.unknownPerformingAgency(unknown);
  }
}

/** Inside the request's transaction: the application must be the requester's, the party on it. */
async function requestIn(tx: Executor, viewer: Viewer, request: EndUseCheckRequest): Promise<EndUseCheckRow> {
  const checks = new EndUseCheckRepository(tx);
  const applicationOwner = await checks.findApplicationOwner(viewer.access, request.applicationId);
  if (applicationOwner === undefined) throw EndUseCheckErrors.applicationNotFound(request.applicationId);
  if (!ownsRecord(viewer, { ownerAgencyId: applicationOwner })) throw EndUseCheckErrors.notYourApplication();
  const party = await checks.findParty(request.applicationId, request.partyPosition);
  if (!party) throw EndUseCheckErrors.noSuchParty(request.partyPosition);
  return checks.insert(viewer.caller.agencyId, request, party, await checks.findGoods(request.applicationId));
}

/**
 * Reads and locks the check, refusing an invisible one (NOT_FOUND), a caller that is not the
 * performing agency or lacks the role (FORBIDDEN: the owner and partners it is shared with
 * know it exists), a completed check and a stale version (CONFLICT).
 */
async function lockForOutcome(viewer: Viewer, checks: EndUseCheckRepository, id: string, expectedVersion: number) {
  const current = isUuid(id) ? await checks.findByIdForUpdate(viewer.access, id) : undefined;
  if (!current) throw EndUseCheckErrors.notFound(id);
  const refusal = outcomeRefusal(viewer, current);
  if (refusal === 'NOT_PERFORMING_AGENCY') throw EndUseCheckErrors.notPerformingAgency();
  if (refusal === 'ROLE_MISSING') throw EndUseCheckErrors.outcomeRoleMissing(OUTCOME_ROLES);
  if (current.outcome !== null) throw EndUseCheckErrors.alreadyCompleted(current.id);
  if (current.version !== expectedVersion) throw EndUseCheckErrors.staleVersion(expectedVersion, current.version);
  return current;
}

/**
 * The two effects of an adverse outcome. The escalation detail names no party and no findings:
 * it travels with the license, which may be shared under other terms than the check.
 */
async function flagParty(tx: Executor, check: EndUseCheckRow, outcome: AdverseOutcome, recordedBy: TriggeringOfficer): Promise<void> {
  // Both land on the requester's records, which the performing agency's own rights cannot
  // write (row-level security): the hub makes them on its behalf.
  await withHubRights(tx, async () => {
    await new UnverifiedPartyRepository(tx).insertFrom(check, outcome);
    await raiseEscalation(tx, {
      applicationId: check.applicationId,
      kind: 'UNFAVORABLE_VERIFICATION',
      partyPosition: check.partyPosition,
      endUseCheckId: check.id,
      detail: `${check.kind} by ${check.performingAgencyId}: ${outcome} (${check.outcomeDate})`,
      dedupeKey: `end-use-check:${check.id}`,
      triggeredBy: recordedBy,
    });
  });
}

function toQuery(args: EndUseChecksArgs): EndUseCheckQuery {
  const query: EndUseCheckQuery = { status: args.status ?? null };
  if (args.applicationId != null) {
    const applicationId = args.applicationId.trim().toLowerCase();
    if (!isUuid(applicationId)) throw EndUseCheckErrors.notAnApplicationId();
    query.applicationId = applicationId;
  }
  return query;
}
