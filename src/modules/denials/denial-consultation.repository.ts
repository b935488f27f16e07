import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { denialConsultations, type DenialConsultationRow } from '../../db/schema/index.ts';
import { namedPartyRecords } from '../../policy/sql.ts';
import type { ConsultationPage } from './consultation-cursor.ts';
import type { ConsultationAnswer } from './undercut-rule.ts';
import type { DenialConsultationStatusValue } from './denial-consultation.types.ts';

export interface ConsultationQuery {
  status?: DenialConsultationStatusValue | null;
}

export type NewDenialConsultation = Pick<
  typeof denialConsultations.$inferInsert,
  'applicationId' | 'denialNotificationId' | 'consultingAgencyId' | 'denyingAgencyId' | 'matchScore' | 'partyName' | 'partyCountry' | 'controlListCodes' | 'endUse'
>;

/**
 * A consultation exists only for the two agencies it names: every read ANDs this, so a third
 * agency finds nothing, not even by id.
 */
const namesAgency = (agencyId: string): SQL =>
  namedPartyRecords(agencyId, [denialConsultations.consultingAgencyId, denialConsultations.denyingAgencyId]);

export class DenialConsultationRepository {
  constructor(private readonly db: Executor) {}

  findPage(agencyId: string, query: ConsultationQuery, page: ConsultationPage): Promise<DenialConsultationRow[]> {
    const conditions = [namesAgency(agencyId), ...filterConditions(query)];
    if (page.after) {
      conditions.push(
        sql`(${denialConsultations.requestedAt}, ${denialConsultations.id}) > (${page.after.requestedAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`,
      );
    }
    return this.db
      .select()
      .from(denialConsultations)
      .where(and(...conditions))
      .orderBy(asc(denialConsultations.requestedAt), asc(denialConsultations.id))
      .limit(page.limit + 1);
  }

  async count(agencyId: string, query: ConsultationQuery): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(denialConsultations)
      .where(and(namesAgency(agencyId), ...filterConditions(query)));
    return row?.total ?? 0;
  }

  /** The consultations on these applications that name `agencyId`, oldest first. */
  ofApplications(agencyId: string, applicationIds: readonly string[]): Promise<DenialConsultationRow[]> {
    return this.db
      .select()
      .from(denialConsultations)
      .where(and(namesAgency(agencyId), inArray(denialConsultations.applicationId, [...applicationIds])))
      .orderBy(asc(denialConsultations.requestedAt), asc(denialConsultations.id));
  }

  /** The consultation if it names `agencyId`, unlocked: to find what else to lock first. */
  async findNaming(agencyId: string, id: string): Promise<DenialConsultationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(denialConsultations)
      .where(and(eq(denialConsultations.id, id), namesAgency(agencyId)));
    return row;
  }

  /** The consultation if it names `agencyId`, locked for the rest of the transaction. */
  async findForUpdate(agencyId: string, id: string): Promise<DenialConsultationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(denialConsultations)
      .where(and(eq(denialConsultations.id, id), namesAgency(agencyId)))
      .for('update');
    return row;
  }

  /** One consultation per application and denial: a repeated finding adds nothing. */
  async insertMissing(values: readonly NewDenialConsultation[]): Promise<void> {
    if (values.length === 0) return;
    await this.db.insert(denialConsultations).values([...values]).onConflictDoNothing();
  }

  /**
   * Every consultation on an application of the consulting agency, locked: approving reads
   * them, and an answer arriving meanwhile must wait for the decision (or the decision for it).
   */
  ofConsultingApplicationForUpdate(consultingAgencyId: string, applicationId: string): Promise<DenialConsultationRow[]> {
    return this.db
      .select()
      .from(denialConsultations)
      .where(and(eq(denialConsultations.consultingAgencyId, consultingAgencyId), eq(denialConsultations.applicationId, applicationId)))
      .orderBy(asc(denialConsultations.requestedAt), asc(denialConsultations.id))
      .for('update');
  }

  /** Records that an officer approved despite these consultations, and why. */
  async markOverridden(ids: readonly string[], by: string, reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(denialConsultations)
      .set({ overriddenAt: sql`now()`, overriddenBy: by, overrideReason: reason })
      .where(inArray(denialConsultations.id, [...ids]));
  }

  async answer(id: string, answer: ConsultationAnswer, response: string, answeredBy: string): Promise<DenialConsultationRow | undefined> {
    const [row] = await this.db
      .update(denialConsultations)
      .set({ status: 'ANSWERED', answer, response, answeredBy, answeredAt: sql`now()` })
      .where(and(eq(denialConsultations.id, id), eq(denialConsultations.status, 'REQUESTED')))
      .returning();
    return row;
  }
}

function filterConditions(query: ConsultationQuery): SQL[] {
  return query.status ? [eq(denialConsultations.status, query.status)] : [];
}
