import { and, between, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  licenseApplications,
  licenseEscalations,
  licenseItems,
  licenseParties,
  licenseScreenings,
  licenseTransitions,
  type LicenseApplicationRow,
  type LicenseEscalationRow,
  type LicenseItemRow,
  type LicensePartyRow,
  type LicenseScreeningRow,
  type LicenseState,
  type LicenseTransitionRow,
  type EscalationKind,
} from '../../db/schema/index.ts';
import type { ReviewLane as ReviewLaneValue } from './license-workflow.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, type AccessColumns } from '../../policy/sql.ts';
import { ShareableRecordRepository } from '../../kernel/shareable-record-repository.ts';
import type { ParsedReference } from './license-reference.ts';
import type { LicenseDraft } from './license.validation.ts';

export const LICENSE_ACCESS_COLUMNS: AccessColumns = {
  owner: licenseApplications.ownerAgencyId,
  marking: licenseApplications.marking,
  releasableTo: licenseApplications.releasableTo,
  conditions: {
    state: oneOf(licenseApplications.state),
    destinationCountry: oneOf(licenseApplications.destinationCountry),
  },
};

export interface LicenseQuery {
  state?: readonly LicenseState[] | null;
  hasOpenEscalations?: boolean | null;
  escalationReason?: EscalationKind | null;
  lane?: readonly ReviewLaneValue[] | null;
  riskAtLeast?: number | null;
  party?: string | null;
}

/** An escalation of the application no officer has acknowledged yet, of `kind` if given. */
const openEscalation = (kind?: EscalationKind | null) =>
  sql`EXISTS (SELECT 1 FROM ${licenseEscalations} e WHERE e.application_id = ${licenseApplications.id} AND e.acknowledged_at IS NULL
      ${kind ? sql`AND e.kind = ${kind}` : sql``})`;

/** Every change bumps the version (optimistic concurrency) and the change feed. */
export const nextLicenseVersion = () => ({
  version: sql`${licenseApplications.version} + 1`,
  changeSeq: sql`nextval('interlock_change_seq')`,
  updatedAt: sql`now()`,
});

export class LicenseRepository extends ShareableRecordRepository<typeof licenseApplications, LicenseQuery> {
  constructor(db: Executor) {
    super(db, licenseApplications, 'LicenseApplication', LICENSE_ACCESS_COLUMNS);
  }

  /** Each filter reads one catalogue field and selects only rows where that field is released. */
  protected filters(access: AccessDecision, query: LicenseQuery): SQL[] {
    const conditions: SQL[] = [];
    if (query.state?.length) conditions.push(this.whereReleased(access, 'state', inArray(licenseApplications.state, [...query.state])));
    if (query.hasOpenEscalations != null) {
      const open = openEscalation();
      conditions.push(this.whereReleased(access, 'escalations', query.hasOpenEscalations ? open : sql`NOT ${open}`));
    }
    if (query.escalationReason) conditions.push(this.whereReleased(access, 'escalations', openEscalation(query.escalationReason)));
    if (query.lane?.length) conditions.push(this.whereReleased(access, 'lane', inArray(licenseApplications.lane, [...query.lane])));
    if (query.riskAtLeast != null) conditions.push(this.whereReleased(access, 'riskScore', gte(licenseApplications.riskScore, query.riskAtLeast)));
    if (query.party) {
      // Case-insensitive containment, as an officer types part of a name; strpos, so that % and _ are plain text.
      const named = sql`EXISTS (SELECT 1 FROM ${licenseParties} p WHERE p.application_id = ${licenseApplications.id} AND strpos(lower(p.name), lower(${query.party})) > 0)`;
      conditions.push(this.whereReleased(access, 'parties', named));
    }
    return conditions;
  }

  /**
   * The applications a reference names that the caller may see, and whose reference is released
   * to it (a lookup by a withheld field finds nothing); at most two, to tell an ambiguous one.
   */
  findByReference(access: AccessDecision, reference: ParsedReference): Promise<LicenseApplicationRow[]> {
    const named = and(eq(licenseApplications.ownerAgencyId, reference.ownerAgencyId), between(licenseApplications.id, reference.lowestId, reference.highestId))!;
    return this.db
      .select()
      .from(licenseApplications)
      .where(and(this.visibleTo(access), this.whereReleased(access, 'reference', named)))
      .orderBy(licenseApplications.id)
      .limit(2);
  }

  async insert(ownerId: string, draft: LicenseDraft, keys: (name: string) => { key: string; phonetic: string }): Promise<LicenseApplicationRow> {
    const [row] = await this.db
      .insert(licenseApplications)
      .values({
        ownerAgencyId: ownerId,
        applicantName: draft.applicantName,
        applicantCountry: draft.applicantCountry,
        destinationCountry: draft.destinationCountry,
        endUse: draft.endUse,
        marking: draft.marking,
        releasableTo: draft.releasableTo,
      })
      .returning();
    const id = row!.id;
    await this.db.insert(licenseItems).values(draft.items.map((item, position) => ({ ...item, applicationId: id, position })));
    await this.db
      .insert(licenseParties)
      .values(draft.parties.map((party, position) => ({ ...party, applicationId: id, position, ...keys(party.name) })));
    return row!;
  }

  /** Applies a move if the application is still at `expectedVersion`; undefined when another move won. */
  async updateIfVersion(id: string, expectedVersion: number, changes: Partial<typeof licenseApplications.$inferInsert>): Promise<LicenseApplicationRow | undefined> {
    const [row] = await this.db
      .update(licenseApplications)
      .set({ ...changes, ...nextLicenseVersion() })
      .where(and(eq(licenseApplications.id, id), eq(licenseApplications.version, expectedVersion)))
      .returning();
    return row;
  }

  async recordTransition(transition: typeof licenseTransitions.$inferInsert): Promise<void> {
    await this.db.insert(licenseTransitions).values(transition);
  }

  /** What a screening covered, written with it. */
  async recordScreening(screening: typeof licenseScreenings.$inferInsert): Promise<void> {
    await this.db.insert(licenseScreenings).values(screening);
  }

  screeningsOf(ids: readonly string[]): Promise<LicenseScreeningRow[]> {
    return this.db.select().from(licenseScreenings).where(inArray(licenseScreenings.applicationId, [...ids])).orderBy(licenseScreenings.id);
  }

  itemsOf(ids: readonly string[]): Promise<LicenseItemRow[]> {
    return this.db.select().from(licenseItems).where(inArray(licenseItems.applicationId, [...ids])).orderBy(licenseItems.applicationId, licenseItems.position);
  }

  partiesOf(ids: readonly string[]): Promise<LicensePartyRow[]> {
    return this.db.select().from(licenseParties).where(inArray(licenseParties.applicationId, [...ids])).orderBy(licenseParties.applicationId, licenseParties.position);
  }

  transitionsOf(ids: readonly string[]): Promise<LicenseTransitionRow[]> {
    return this.db.select().from(licenseTransitions).where(inArray(licenseTransitions.applicationId, [...ids])).orderBy(licenseTransitions.id);
  }

  /** The escalation, if it is on an application `access` may see, with its application's owner, version and state. */
  async findEscalation(access: AccessDecision, id: string): Promise<(LicenseEscalationRow & { owner: string }) | undefined> {
    const [row] = await this.db
      .select({ escalation: licenseEscalations, owner: licenseApplications.ownerAgencyId })
      .from(licenseEscalations)
      .innerJoin(licenseApplications, eq(licenseApplications.id, licenseEscalations.applicationId))
      .where(and(eq(licenseEscalations.id, id), this.visibleTo(access)));
    return row ? { ...row.escalation, owner: row.owner } : undefined;
  }

  /** Closes an open escalation; undefined when it was closed meanwhile. */
  async acknowledgeEscalation(
    id: string,
    acknowledgement: Pick<LicenseEscalationRow, 'acknowledgedByAgencyId' | 'acknowledgedByUserId' | 'resolution' | 'acknowledgementReason'>,
  ): Promise<LicenseEscalationRow | undefined> {
    const [row] = await this.db
      .update(licenseEscalations)
      .set({ ...acknowledgement, acknowledgedAt: sql`now()` })
      .where(and(eq(licenseEscalations.id, id), sql`${licenseEscalations.acknowledgedAt} IS NULL`))
      .returning();
    return row;
  }

  escalationsOf(ids: readonly string[]): Promise<LicenseEscalationRow[]> {
    return this.db.select().from(licenseEscalations).where(inArray(licenseEscalations.applicationId, [...ids])).orderBy(licenseEscalations.at);
  }
}
