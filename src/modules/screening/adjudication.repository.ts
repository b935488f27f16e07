import { and, asc, count, eq, inArray, gt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { screeningAdjudications, type Marking, type ScreeningAdjudicationRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { visibleRecords } from '../../policy/sql.ts';
import type { PageRequest } from '../../kernel/cursor.ts';
import { ADJUDICATION_ACCESS_COLUMNS } from './screening.repository.ts';

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

const visibleTo = (access: AccessDecision) => visibleRecords(access, 'ScreeningAdjudication', ADJUDICATION_ACCESS_COLUMNS);

export class AdjudicationRepository {
  constructor(private readonly db: Executor) {}

  findPage(access: AccessDecision, query: AdjudicationQuery, page: PageRequest): Promise<ScreeningAdjudicationRow[]> {
    const conditions = [visibleTo(access), ...filterConditions(query)];
    if (page.afterPosition !== null) conditions.push(gt(screeningAdjudications.changeSeq, page.afterPosition));
    return this.db
      .select()
      .from(screeningAdjudications)
      .where(and(...conditions))
      .orderBy(asc(screeningAdjudications.changeSeq))
      .limit(page.limit + 1);
  }

  async count(access: AccessDecision, query: AdjudicationQuery): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(screeningAdjudications)
      .where(and(visibleTo(access), ...filterConditions(query)));
    return row?.total ?? 0;
  }

  /** The records among `ids` that `access` may see (unknown or withheld ids are left out). */
  findByIds(access: AccessDecision, ids: readonly string[]): Promise<ScreeningAdjudicationRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.select().from(screeningAdjudications).where(and(inArray(screeningAdjudications.id, [...ids]), visibleTo(access)));
  }

  async findById(access: AccessDecision, id: string): Promise<ScreeningAdjudicationRow | undefined> {
    const [row] = await this.db.select().from(screeningAdjudications).where(and(eq(screeningAdjudications.id, id), visibleTo(access)));
    return row;
  }

  async findByIdForUpdate(access: AccessDecision, id: string): Promise<ScreeningAdjudicationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(screeningAdjudications)
      .where(and(eq(screeningAdjudications.id, id), visibleTo(access)))
      .for('update');
    return row;
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

function filterConditions(query: AdjudicationQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.designationId) conditions.push(eq(screeningAdjudications.designationId, query.designationId));
  if (query.partyFingerprint) conditions.push(eq(screeningAdjudications.partyFingerprint, query.partyFingerprint));
  if (query.active !== null && query.active !== undefined) conditions.push(eq(screeningAdjudications.active, query.active));
  return conditions;
}
