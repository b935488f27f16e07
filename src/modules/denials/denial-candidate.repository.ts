import { and, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.ts';
import { denialNotifications, type DenialNotificationRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { whereReleased } from '../../policy/sql.ts';
import { DENIAL_NOTIFICATION_ACCESS_COLUMNS, denialVisibleTo } from './denial-notification.repository.ts';
import { prepareTrigramRetrieval } from '../screening/screening.repository.ts';

/** One party's retrieval key; `ord` ties the rows found back to the party. */
export interface PartyKey {
  ord: number;
  key: string;
}

/** One party identifier, normalised with `normalizePartyIdentifier`. */
export interface PartyIdentifierKey {
  ord: number;
  value: string;
}

export interface CandidatePair {
  ord: number;
  id: string;
}

/**
 * Denials another agency notified that `access` may see and that are in force on `today`
 * (YYYY-MM-DD); `denialInForce` (denial-matching.ts) states the same rule for one row.
 */
const inForceFor = (access: AccessDecision, today: string): SQL =>
  and(
    denialVisibleTo(access),
    ne(denialNotifications.ownerAgencyId, access.agencyId),
    denialReleased(access, 'revokedAt', sql`${denialNotifications.revokedAt} IS NULL`),
    denialReleased(access, 'deniedOn', sql`${denialNotifications.deniedOn} <= ${today}::date`),
    denialReleased(access, 'validUntil', sql`${denialNotifications.validUntil} >= ${today}::date`),
  )!;

/** Matching reads a denial's fields only where they are released to the licensing agency. */
const denialReleased = (access: AccessDecision, field: string, condition: SQL): SQL =>
  whereReleased(access, 'DenialNotification', DENIAL_NOTIFICATION_ACCESS_COLUMNS, field, condition);

/** Retrieves the denials a license's parties might essentially match; the match itself is decided in code. */
export class DenialCandidateRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Denials whose party key is trigram-similar to a party's (`%`), or contains it (`%>`: the
   * party's key found in a longer denied name). Must run in a transaction: the thresholds are
   * set for it only.
   */
  async byName(access: AccessDecision, parties: readonly PartyKey[], today: string): Promise<CandidatePair[]> {
    if (parties.length === 0) return [];
    await prepareTrigramRetrieval(this.db);
    return queryRows<CandidatePair>(
      this.db,
      sql`SELECT DISTINCT q.ord AS "ord", ${denialNotifications.id} AS "id"
        FROM jsonb_to_recordset(${JSON.stringify(parties)}::jsonb) AS q(ord int, key text)
        JOIN ${denialNotifications}
          ON (${denialNotifications.partyKey} % q.key OR ${denialNotifications.partyKey} %> q.key)
        WHERE ${inForceFor(access, today)} AND ${denialReleased(access, 'partyName', sql`true`)}`,
    );
  }

  /**
   * Denials naming one of the parties' identifiers. Stored identifiers are as the denying
   * application gave them, so they are compared upper-cased without separators (an IMO number
   * with or without its prefix); `essentialMatch` then compares them exactly as screening does.
   */
  async byIdentifier(access: AccessDecision, identifiers: readonly PartyIdentifierKey[], today: string): Promise<CandidatePair[]> {
    if (identifiers.length === 0) return [];
    return queryRows<CandidatePair>(
      this.db,
      sql`SELECT DISTINCT q.ord AS "ord", ${denialNotifications.id} AS "id"
        FROM jsonb_to_recordset(${JSON.stringify(identifiers)}::jsonb) AS q(ord int, value text)
        JOIN ${denialNotifications} ON EXISTS (
          SELECT 1 FROM jsonb_array_elements(${denialNotifications.partyIdentifiers}) AS given(identifier)
          WHERE regexp_replace(upper(given.identifier->>'value'), '[^[:alnum:]]', '', 'g') IN (q.value, 'IMO' || q.value))
        WHERE ${inForceFor(access, today)} AND ${denialReleased(access, 'partyIdentifiers', sql`true`)}`,
    );
  }

  rowsByIds(ids: readonly string[]): Promise<DenialNotificationRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(denialNotifications).where(inArray(denialNotifications.id, [...ids]));
  }
}
