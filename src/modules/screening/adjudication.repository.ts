import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { screeningAdjudications, type Marking, type ScreeningAdjudicationRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { ShareableRecordRepository } from '../../kernel/shareable-record-repository.ts';
import { ADJUDICATION_ACCESS_COLUMNS, ofDesignation, ofParty } from './screening.repository.ts';

export interface AdjudicationQuery {
  designationId?: string | null;
  partyFingerprint?: string | null;
  active?: boolean | null;
}

export interface NewAdjudication {
  partyFingerprint: string;
  partyName: string;
  partyCountry: string | null;
  partyDateOfBirth: string | null;
  designationId: string;
  matchedName: string;
  reason: string;
  reviewedBy: string;
  marking: Marking;
  releasableTo: string[] | null;
}


export class AdjudicationRepository extends ShareableRecordRepository<typeof screeningAdjudications, AdjudicationQuery> {
  constructor(db: Executor) {
    super(db, screeningAdjudications, 'ScreeningAdjudication', ADJUDICATION_ACCESS_COLUMNS);
  }

  /** Each filter reads catalogue fields and selects only rows where those fields are released. */
  protected filters(access: AccessDecision, query: AdjudicationQuery): SQL[] {
    const conditions: SQL[] = [];
    if (query.designationId) conditions.push(this.whereReleased(access, 'designation', ofDesignation(access, query.designationId)));
    if (query.partyFingerprint) conditions.push(ofParty(access, query.partyFingerprint));
    if (query.active !== null && query.active !== undefined) {
      conditions.push(this.whereReleased(access, 'active', eq(screeningAdjudications.active, query.active)));
    }
    return conditions;
  }

  /** The agency's own adjudication of this hit for this party, if it made one. */
  async findOwn(ownerId: string, partyFingerprint: string, designationId: string): Promise<ScreeningAdjudicationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(screeningAdjudications)
      .where(
        and(
          eq(screeningAdjudications.ownerAgencyId, ownerId),
          eq(screeningAdjudications.partyFingerprint, partyFingerprint),
          eq(screeningAdjudications.designationId, designationId),
        ),
      );
    return row;
  }

  async insert(ownerId: string, adjudication: NewAdjudication): Promise<ScreeningAdjudicationRow> {
    const [row] = await this.db
      .insert(screeningAdjudications)
      .values({ ...adjudication, ownerAgencyId: ownerId, disposition: 'FALSE_POSITIVE' })
      .returning();
    return row!;
  }

  /** Reopens a withdrawn adjudication with a new review, as a new version of the same record. */
  async reviseIfVersion(id: string, expectedVersion: number, adjudication: NewAdjudication): Promise<ScreeningAdjudicationRow | undefined> {
    const [row] = await this.db
      .update(screeningAdjudications)
      .set({ ...adjudication, active: true, withdrawnAt: null, ...nextVersion() })
      .where(and(eq(screeningAdjudications.id, id), eq(screeningAdjudications.version, expectedVersion)))
      .returning();
    return row;
  }

  async withdrawIfVersion(id: string, expectedVersion: number): Promise<ScreeningAdjudicationRow | undefined> {
    const [row] = await this.db
      .update(screeningAdjudications)
      .set({ active: false, withdrawnAt: sql`now()`, ...nextVersion() })
      .where(and(eq(screeningAdjudications.id, id), eq(screeningAdjudications.version, expectedVersion)))
      .returning();
    return row;
  }
}

const nextVersion = () => ({
  version: sql`${screeningAdjudications.version} + 1`,
  changeSeq: sql`nextval('interlock_change_seq')`,
  updatedAt: sql`now()`,
});
