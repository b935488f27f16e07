import { and, asc, count, eq, gt, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { denialNotifications, type DenialNotificationRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, visibleRecords, type AccessColumns } from '../../policy/sql.ts';
import type { PageRequest } from '../../kernel/cursor.ts';

export interface DenialNotificationQuery {
  /** Only notifications not revoked and valid on this date (YYYY-MM-DD). */
  activeOn?: string | null;
}

export type NewDenialNotification = Omit<typeof denialNotifications.$inferInsert, 'id' | 'version' | 'changeSeq' | 'createdAt' | 'updatedAt'>;

/** Where denial notifications keep what the access decision reads. */
export const DENIAL_NOTIFICATION_ACCESS_COLUMNS: AccessColumns = {
  owner: denialNotifications.ownerAgencyId,
  marking: denialNotifications.marking,
  releasableTo: denialNotifications.releasableTo,
  conditions: { reasonCategory: oneOf(denialNotifications.reasonCategory) },
};
export const denialVisibleTo = (access: AccessDecision) =>
  visibleRecords(access, 'DenialNotification', DENIAL_NOTIFICATION_ACCESS_COLUMNS);

export class DenialNotificationRepository {
  constructor(private readonly db: Executor) {}

  /** One page of the notifications `access` may see; invisible ones never leave the database. */
  findPage(access: AccessDecision, query: DenialNotificationQuery, page: PageRequest): Promise<DenialNotificationRow[]> {
    const conditions = [denialVisibleTo(access), ...filterConditions(query)];
    if (page.afterPosition !== null) conditions.push(gt(denialNotifications.changeSeq, page.afterPosition));
    return this.db
      .select()
      .from(denialNotifications)
      .where(and(...conditions))
      .orderBy(asc(denialNotifications.changeSeq))
      .limit(page.limit + 1);
  }

  async count(access: AccessDecision, query: DenialNotificationQuery): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(denialNotifications)
      .where(and(denialVisibleTo(access), ...filterConditions(query)));
    return row?.total ?? 0;
  }

  /** The notification if `access` may see it: an unknown id and a withheld one look the same. */
  /** The records among `ids` that `access` may see (unknown or withheld ids are left out). */
  findByIds(access: AccessDecision, ids: readonly string[]): Promise<DenialNotificationRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.select().from(denialNotifications).where(and(inArray(denialNotifications.id, [...ids]), denialVisibleTo(access)));
  }

  async findById(access: AccessDecision, id: string, { lock = false } = {}): Promise<DenialNotificationRow | undefined> {
    const query = this.db
      .select()
      .from(denialNotifications)
      .where(and(eq(denialNotifications.id, id), denialVisibleTo(access)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  }

  /** The notifications among `ids` (UUIDs) that `access` may see. */
  findVisibleByIds(access: AccessDecision, ids: readonly string[]): Promise<DenialNotificationRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(denialNotifications)
      .where(and(inArray(denialNotifications.id, [...ids]), denialVisibleTo(access)));
  }

  /** The notice of an application, whoever may see it: only its owner asks, to refuse a second one. */
  async findIdByApplication(applicationId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: denialNotifications.id })
      .from(denialNotifications)
      .where(eq(denialNotifications.applicationId, applicationId));
    return row?.id;
  }

  async insert(values: NewDenialNotification): Promise<DenialNotificationRow> {
    const [row] = await this.db.insert(denialNotifications).values(values).returning();
    if (!row) throw new Error('insert into denial_notifications returned no row');
    return row;
  }

  /** Revokes the notification if it is still at `expectedVersion`; undefined otherwise. */
  async revokeIfVersion(id: string, expectedVersion: number): Promise<DenialNotificationRow | undefined> {
    const [row] = await this.db
      .update(denialNotifications)
      .set({
        revokedAt: sql`now()`,
        version: sql`${denialNotifications.version} + 1`,
        changeSeq: sql`nextval('interlock_change_seq')`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(denialNotifications.id, id), eq(denialNotifications.version, expectedVersion)))
      .returning();
    return row;
  }
}

function filterConditions(query: DenialNotificationQuery): SQL[] {
  if (!query.activeOn) return [];
  return [isNull(denialNotifications.revokedAt), gte(denialNotifications.validUntil, query.activeOn)];
}
