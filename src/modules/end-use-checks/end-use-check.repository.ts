import { and, asc, count, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  endUseChecks,
  licenseApplications,
  licenseParties,
  type EndUseCheckRow,
  type LicensePartyRow,
} from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, visibleRecords, type AccessColumns } from '../../policy/sql.ts';
import type { PageRequest } from '../../kernel/cursor.ts';
import { LICENSE_ACCESS_COLUMNS } from '../licenses/license.repository.ts';
import type { EndUseCheckRequest, EndUseCheckStatusValue, EndUseOutcomeRecord } from './end-use-check.validation.ts';

export interface EndUseCheckQuery {
  /** A UUID, checked by the caller. */
  applicationId?: string | null;
  status?: EndUseCheckStatusValue | null;
}

/** Where end-use checks keep what the access decision reads; the performing agency is a participant. */
export const END_USE_CHECK_ACCESS_COLUMNS: AccessColumns = {
  owner: endUseChecks.ownerAgencyId,
  marking: endUseChecks.marking,
  releasableTo: endUseChecks.releasableTo,
  participants: endUseChecks.participants,
  conditions: {
    kind: oneOf(endUseChecks.kind),
    outcome: oneOf(endUseChecks.outcome),
  },
};
const visibleTo = (access: AccessDecision) => visibleRecords(access, 'EndUseCheck', END_USE_CHECK_ACCESS_COLUMNS);

export class EndUseCheckRepository {
  constructor(private readonly db: Executor) {}

  /** One page of the checks `access` may see (own, performed, shared); invisible ones never leave the database. */
  findPage(access: AccessDecision, query: EndUseCheckQuery, page: PageRequest): Promise<EndUseCheckRow[]> {
    const conditions = [visibleTo(access), ...filterConditions(query)];
    if (page.afterPosition !== null) conditions.push(gt(endUseChecks.changeSeq, page.afterPosition));
    return this.db
      .select()
      .from(endUseChecks)
      .where(and(...conditions))
      .orderBy(asc(endUseChecks.changeSeq))
      .limit(page.limit + 1);
  }

  async count(access: AccessDecision, query: EndUseCheckQuery): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(endUseChecks)
      .where(and(visibleTo(access), ...filterConditions(query)));
    return row?.total ?? 0;
  }

  /** The check if `access` may see it: an unknown id and a withheld one look the same. */
  /** The records among `ids` that `access` may see (unknown or withheld ids are left out). */
  findByIds(access: AccessDecision, ids: readonly string[]): Promise<EndUseCheckRow[]> {
    return this.db.select().from(endUseChecks).where(and(inArray(endUseChecks.id, [...ids]), visibleTo(access)));
  }

  async findById(access: AccessDecision, id: string): Promise<EndUseCheckRow | undefined> {
    const [row] = await this.db.select().from(endUseChecks).where(and(eq(endUseChecks.id, id), visibleTo(access)));
    return row;
  }

  /** Like findById, and locks the row so that two outcomes for one check are recorded one after the other. */
  async findByIdForUpdate(access: AccessDecision, id: string): Promise<EndUseCheckRow | undefined> {
    const [row] = await this.db
      .select()
      .from(endUseChecks)
      .where(and(eq(endUseChecks.id, id), visibleTo(access)))
      .for('update');
    return row;
  }

  /**
   * The owner of the application if `access` may see it, to tell "not yours" (FORBIDDEN) from
   * "not there for you" (NOT_FOUND).
   */
  async findApplicationOwner(access: AccessDecision, applicationId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ ownerAgencyId: licenseApplications.ownerAgencyId })
      .from(licenseApplications)
      .where(and(eq(licenseApplications.id, applicationId), visibleRecords(access, 'LicenseApplication', LICENSE_ACCESS_COLUMNS)));
    return row?.ownerAgencyId;
  }

  /** The party at `position`; the caller has established that the application is the requester's. */
  async findParty(applicationId: string, position: number): Promise<LicensePartyRow | undefined> {
    const [row] = await this.db
      .select()
      .from(licenseParties)
      .where(and(eq(licenseParties.applicationId, applicationId), eq(licenseParties.position, position)));
    return row;
  }

  /** A new check of `party`, owned by the requester, seen whole by the performing agency. */
  async insert(ownerId: string, request: EndUseCheckRequest, party: LicensePartyRow): Promise<EndUseCheckRow> {
    const [row] = await this.db
      .insert(endUseChecks)
      .values({
        ownerAgencyId: ownerId,
        kind: request.kind,
        performingAgencyId: request.performingAgencyId,
        participants: [request.performingAgencyId],
        applicationId: request.applicationId,
        partyPosition: request.partyPosition,
        partyName: party.name,
        partyCountry: party.country,
        partyAddress: party.address,
        instructions: request.instructions,
        marking: request.marking,
        releasableTo: request.releasableTo,
      })
      .returning();
    if (!row) throw new Error('insert into end_use_checks returned no row');
    return row;
  }

  /** Writes the outcome if the check is still open at `expectedVersion`; undefined otherwise. */
  async completeIfVersion(
    id: string,
    expectedVersion: number,
    record: EndUseOutcomeRecord,
    completedBy: string,
  ): Promise<EndUseCheckRow | undefined> {
    const [row] = await this.db
      .update(endUseChecks)
      .set({
        ...record,
        completedBy,
        version: sql`${endUseChecks.version} + 1`,
        changeSeq: sql`nextval('interlock_change_seq')`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(endUseChecks.id, id), eq(endUseChecks.version, expectedVersion), isNull(endUseChecks.outcome)))
      .returning();
    return row;
  }
}

function filterConditions(query: EndUseCheckQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.applicationId) conditions.push(eq(endUseChecks.applicationId, query.applicationId));
  if (query.status === 'REQUESTED') conditions.push(isNull(endUseChecks.outcome));
  if (query.status === 'COMPLETED') conditions.push(isNotNull(endUseChecks.outcome));
  return conditions;
}
