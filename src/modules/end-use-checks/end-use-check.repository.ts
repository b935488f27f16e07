import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  endUseChecks,
  licenseApplications,
  licenseItems,
  licenseParties,
  type CheckedItem,
  type EndUseCheckRow,
  type LicensePartyRow,
} from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, visibleRecords, type AccessColumns } from '../../policy/sql.ts';
import { ShareableRecordRepository } from '../../kernel/shareable-record-repository.ts';
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

export class EndUseCheckRepository extends ShareableRecordRepository<typeof endUseChecks, EndUseCheckQuery> {
  constructor(db: Executor) {
    super(db, endUseChecks, 'EndUseCheck', END_USE_CHECK_ACCESS_COLUMNS);
  }

  /** Each filter reads one catalogue field and selects only rows where that field is released. */
  protected filters(access: AccessDecision, query: EndUseCheckQuery): SQL[] {
    const conditions: SQL[] = [];
    if (query.applicationId) conditions.push(this.whereReleased(access, 'application', onApplication(access, query.applicationId)));
    // `status` is read from the outcome: REQUESTED until one is recorded.
    if (query.status === 'REQUESTED') conditions.push(this.whereReleased(access, 'status', isNull(endUseChecks.outcome)));
    if (query.status === 'COMPLETED') conditions.push(this.whereReleased(access, 'status', isNotNull(endUseChecks.outcome)));
    return conditions;
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

  /** What the check carries of the application besides the party: its destination and items. */
  async findGoods(applicationId: string): Promise<{ destinationCountry: string | null; items: CheckedItem[] }> {
    const [application] = await this.db
      .select({ destinationCountry: licenseApplications.destinationCountry })
      .from(licenseApplications)
      .where(eq(licenseApplications.id, applicationId));
    const items = await this.db
      .select({ controlListCode: licenseItems.controlListCode, description: licenseItems.description, quantity: licenseItems.quantity, unit: licenseItems.unit })
      .from(licenseItems)
      .where(eq(licenseItems.applicationId, applicationId))
      .orderBy(licenseItems.position);
    return { destinationCountry: application?.destinationCountry ?? null, items: items.map((item) => ({ ...item, quantity: Number(item.quantity) })) };
  }

  /** A new check of `party`, owned by the requester, seen whole by the performing agency. */
  async insert(ownerId: string, request: EndUseCheckRequest, party: LicensePartyRow, goods: { destinationCountry: string | null; items: CheckedItem[] }): Promise<EndUseCheckRow> {
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
        destinationCountry: goods.destinationCountry,
        items: goods.items,
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

/**
 * On the application, if the caller may see it: the `application` field shows only an
 * application the caller may see, and the filter reads no more than it shows.
 */
function onApplication(access: AccessDecision, applicationId: string): SQL {
  return and(
    eq(endUseChecks.applicationId, applicationId),
    sql`EXISTS (SELECT 1 FROM ${licenseApplications} WHERE ${licenseApplications.id} = ${applicationId}
      AND ${visibleRecords(access, 'LicenseApplication', LICENSE_ACCESS_COLUMNS)})`,
  )!;
}
