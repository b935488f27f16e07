import { and, eq, gte, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { denialNotifications, type DenialNotificationRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, visibleRecords, type AccessColumns } from '../../policy/sql.ts';
import { ShareableRecordRepository } from '../../kernel/shareable-record-repository.ts';

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

export class DenialNotificationRepository extends ShareableRecordRepository<typeof denialNotifications, DenialNotificationQuery> {
  constructor(db: Executor) {
    super(db, denialNotifications, 'DenialNotification', DENIAL_NOTIFICATION_ACCESS_COLUMNS);
  }

  /** Each filter reads catalogue fields and selects only rows where those fields are released. */
  protected filters(access: AccessDecision, query: DenialNotificationQuery): SQL[] {
    if (!query.activeOn) return [];
    return [
      this.whereReleased(access, 'revokedAt', isNull(denialNotifications.revokedAt)),
      this.whereReleased(access, 'validUntil', gte(denialNotifications.validUntil, query.activeOn)),
    ];
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
