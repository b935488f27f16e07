import DataLoader from 'dataloader';
import type { Database, Transaction } from '../../db/client.ts';
import { createOnce } from '../../db/idempotency.ts';
import type { DenialConsultationRow, DenialNotificationRow } from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { answersConsultation } from '../../policy/participation.ts';
import { withHubRights } from '../../db/row-security.ts';
import { owningAgency, requireWriter, type Viewer } from '../../policy/viewer.ts';
import { fetchConnection, type ConnectionShape } from '../../kernel/connection.ts';
import type { AgencyService } from '../agencies/agency.service.ts';
import { consultationPage, encodeConsultationCursor } from './consultation-cursor.ts';
import { DenialConsultationRepository } from './denial-consultation.repository.ts';
import type { AnswerDenialConsultationInput, DenialConsultationsArgs } from './denial-consultation.types.ts';
import { DenialErrors } from './denial.errors.ts';
import { composeNotice } from './denial-notice.ts';
import { DenialNotificationRepository } from './denial-notification.repository.ts';
import type { DenialNotificationsArgs, NotifyDenialInput, RevokeDenialNotificationInput } from './denial-notification.types.ts';
import { utcDate, validateNotify, validateResponse, type NotifyDenialRequest } from './denial.validation.ts';
import { DeniedApplicationRepository } from './denied-application.repository.ts';
import { recordLicenseEvent } from '../licenses/license-escalations.ts';

const CURSOR_KIND = 'denial-notification';
const today = () => utcDate(new Date());

export class DenialService {
  private readonly notifications: DenialNotificationRepository;
  private readonly consultations: DenialConsultationRepository;

  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
  ) {
    this.notifications = new DenialNotificationRepository(db);
    this.consultations = new DenialConsultationRepository(db);
  }

  listNotifications(viewer: Viewer, args: DenialNotificationsArgs): Promise<ConnectionShape<DenialNotificationRow>> {
    return fetchConnection(CURSOR_KIND, this.notifications, viewer.access, { activeOn: args.activeOnly ? today() : null }, args);
  }

  async getNotification(viewer: Viewer, id: string): Promise<DenialNotificationRow> {
    const row = isUuid(id) ? await this.notifications.findById(viewer.access, id) : undefined;
    if (!row) throw DenialErrors.notificationNotFound(id);
    return row;
  }

  /** The records among `ids` the viewer may see: for links from other records and the change feed. */
  visibleNotificationsByIds(viewer: Viewer, ids: readonly string[]): Promise<DenialNotificationRow[]> {
    return this.notifications.findByIds(viewer.access, ids.filter(isUuid));
  }

  /** Notifies a denial of the caller's agency to partners, once per application. */
  async notify(viewer: Viewer, input: NotifyDenialInput): Promise<DenialNotificationRow> {
    const ownerId = owningAgency(viewer);
    const request = validateNotify(input, today());
    await this.agencies.requireKnown({ releasableTo: request.releasableTo });
    const { idempotencyKey, ...requested } = input;
    const { id } = await createOnce(this.db, { scope: `${ownerId}:notifyDenial`, key: idempotencyKey, request: requested }, (tx) =>
      insertNotice(tx, viewer, input.applicationId, request),
    );
    return this.getNotification(viewer, id);
  }

  async revoke(viewer: Viewer, input: RevokeDenialNotificationInput): Promise<DenialNotificationRow> {
    return this.db.transaction(async (tx) => {
      const repository = new DenialNotificationRepository(tx);
      const current = isUuid(input.id) ? await repository.findByIdForUpdate(viewer.access, input.id) : undefined;
      if (!current) throw DenialErrors.notificationNotFound(input.id);
      requireWriter(viewer, 'DenialNotification', current.ownerAgencyId);
      if (current.version !== input.expectedVersion) throw DenialErrors.staleVersion(input.expectedVersion, current.version);
      if (current.revokedAt) throw DenialErrors.alreadyRevoked();
      const revoked = await repository.revokeIfVersion(current.id, input.expectedVersion);
      if (!revoked) throw DenialErrors.staleVersion(input.expectedVersion, current.version);
      return revoked;
    });
  }

  /** The consultations naming the caller's agency, consulting or denying, oldest first. */
  async listConsultations(viewer: Viewer, args: DenialConsultationsArgs): Promise<ConnectionShape<DenialConsultationRow>> {
    const page = consultationPage(args.first, args.after);
    const query = { status: args.status ?? null };
    const [rows, totalCount] = await Promise.all([
      this.consultations.findPage(viewer.caller.agencyId, query, page),
      this.consultations.count(viewer.caller.agencyId, query),
    ]);
    const edges = rows.slice(0, page.limit).map((node) => ({ cursor: encodeConsultationCursor(node), node }));
    return {
      edges,
      totalCount,
      pageInfo: {
        hasNextPage: rows.length > page.limit,
        hasPreviousPage: page.after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  /**
   * The denying agency's answer, given once: UPHELD (it objects) or NO_OBJECTION, with its
   * words. The answer is recorded in the consulting application's history in the same
   * transaction; an upheld denial keeps the application from being approved without an
   * override (undercut-rule.ts), so it stays escalated.
   */
  async answerConsultation(viewer: Viewer, input: AnswerDenialConsultationInput): Promise<DenialConsultationRow> {
    const response = validateResponse(input.response);
    return this.db.transaction(async (tx) => {
      const repository = new DenialConsultationRepository(tx);
      const agencyId = viewer.caller.agencyId;
      const named = isUuid(input.id) ? await repository.findNaming(agencyId, input.id) : undefined;
      if (!named) throw DenialErrors.consultationNotFound(input.id);
      if (!answersConsultation(viewer, named)) throw DenialErrors.notTheDenyingAgency();
      // The application first, then the consultation: the order an approval takes them in. The
      // application is the consulting agency's, which the denying agency's own rights cannot
      // write (row-level security): the hub records the answer in its history on its behalf.
      const state = await withHubRights(tx, () =>
        recordLicenseEvent(tx, {
          applicationId: named.applicationId,
          action: 'answerConsultation',
          actorAgencyId: agencyId,
          actorUserId: viewer.caller.userId,
          // Quotes the consultation, never the denying agency's words (they are for the consulting agency only).
          reason: `consultation ${named.id}: ${agencyId} answered ${input.answer}`,
        }),
      );
      const current = await repository.findForUpdate(agencyId, named.id);
      const answered = current?.status === 'REQUESTED' ? await repository.answer(current.id, input.answer, response, viewer.caller.userId) : undefined;
      if (!answered || state === null) throw DenialErrors.alreadyAnswered();
      return answered;
    });
  }

  /** Per-request loaders; they only load the notifications `access` may see. */
  createLoaders(access: AccessDecision) {
    return {
      notifications: new DataLoader<string, DenialNotificationRow | null>(async (ids) => {
        const byId = new Map((await this.notifications.findByIds(access, ids)).map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    };
  }
}

/**
 * Reads and locks the application, refusing an unknown or withheld one (NOT_FOUND), another
 * agency's (FORBIDDEN) and one already notified (CONFLICT), then stores the notice.
 */
async function insertNotice(tx: Transaction, viewer: Viewer, applicationId: string, request: NotifyDenialRequest): Promise<string> {
  const applications = new DeniedApplicationRepository(tx);
  const notifications = new DenialNotificationRepository(tx);
  const application = isUuid(applicationId) ? await applications.findForUpdate(viewer.access, applicationId) : undefined;
  if (!application) throw DenialErrors.applicationNotFound(applicationId);
  requireWriter(viewer, 'DenialNotification', application.ownerAgencyId);
  const existing = await notifications.findIdByApplication(application.id);
  if (existing) throw DenialErrors.alreadyNotified(existing);
  const [parties, itemCodes] = [await applications.partiesOf(application.id), await applications.itemCodesOf(application.id)];
  return (await notifications.insert(composeNotice(application, parties, itemCodes, request))).id;
}
