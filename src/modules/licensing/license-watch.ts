/**
 * What happens to licenses without anyone acting: escalation when a listing changes, expiry.
 *
 * Automatic escalation: follows the designation change feed and flags every pending or granted
 * license with a party that a new or changed designation now matches, without anyone
 * re-running screening. It reads the feed, not the writers, so designations written by any
 * path (the API, an import in another process, a partner hub's sync) are all seen; its
 * position is stored, so a restart resumes where it stopped.
 */
import { eq, sql } from 'drizzle-orm';
import type { Logger } from '../../config/logger.ts';
import { feedHead, formatFeedPosition, parseFeedPosition, readFeed } from '../../db/change-feed.ts';
import { queryRows, type Database, type Executor } from '../../db/client.ts';
import { licenseApplications, licenseEscalations, licenseTransitions, watchCursors, type EscalationKind, type LicenseState, type PartyIdentifierValue } from '../../db/schema/index.ts';
import { rescoreGranted, strongestRecommendation } from './escalation-rescore.ts';
import type { RiskPolicy } from './risk-policy.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { CANDIDATE_RETRIEVAL, DEFAULT_SCREENING_CONFIG } from '../screening/screening-config.ts';
import { findMatches } from '../screening/screening.service.ts';
import { prepareTrigramRetrieval } from '../screening/screening.repository.ts';
import { raiseEscalation } from '../licenses/license-escalations.ts';
import { screenedParty } from './license-parties.ts';
import { APPROVED_STATES, PENDING_DECISION_STATES, transition } from '../licenses/license-workflow.ts';
import { nextLicenseVersion } from '../licenses/license.repository.ts';
import { SYSTEM_ACTORS, systemMove } from '../licenses/system-actors.ts';
import { appendAuditEntries } from '../audit/audit-log.ts';

const CURSOR = 'license-watch:designations';
/** The moves that grant a license, and so set its expiry date. */
const GRANTING_ACTIONS = ['approve', 'approveWithConditions', 'approveProvisionally', 'overturnDenial'];
/** Feed entries read per pass: one transaction's worth, so a large import is worked through in steps. */
const CHANGES_PER_PASS = 2_000;
/** Licenses still to be decided, and those in force: a listing matters to both. */
const WATCHED_STATES = [...PENDING_DECISION_STATES, ...APPROVED_STATES, 'SUSPENDED'];
/** Licenses granted and not yet ended: a finding on them is re-scored. */
const GRANTED_STATES = [...APPROVED_STATES, 'SUSPENDED'];

interface CandidateParty {
  applicationId: string;
  ownerAgencyId: string;
  position: number;
  name: string;
  country: string | null;
  identifiers: PartyIdentifierValue[];
}

export type AccessFor = (agencyId: string) => Promise<AccessDecision>;

/**
 * One pass: the next designation changes after the stored position, the license parties whose
 * names are trigram-close to any of their names (in spelling, or in sound for names written in
 * another script), each rescreened as its licensing agency sees the lists, and an escalation
 * for every match on a changed designation. Returns how many licenses were flagged.
 */
export async function watchDesignationChanges(db: Database, accessFor: AccessFor): Promise<{ changes: number; escalated: number }> {
  // Decided before the transaction: deciding may read the agreements, and on the embedded
  // database (one connection) a read outside an open transaction waits for it to end.
  const owners = await queryRows<{ owner: string }>(
    db,
    sql`SELECT DISTINCT owner_agency_id AS owner FROM license_applications
        WHERE state::text = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(WATCHED_STATES)}::jsonb)))`,
  );
  const decisions = new Map(await Promise.all(owners.map(async ({ owner }) => [owner, await accessFor(owner)] as const)));
  return db.transaction(async (tx) => {
    const [cursor] = await tx.select().from(watchCursors).where(eq(watchCursors.name, CURSOR)).for('update');
    const after = (cursor && parseFeedPosition(cursor.feedPosition)) ?? (await feedHead(tx));
    const entries = await readFeed(tx, after, { limit: CHANGES_PER_PASS, recordTypes: ['Designation'] });
    const position = entries.at(-1) ?? after;
    // The feed names what changed; whether it now lists anyone is the record's current state.
    const changed =
      entries.length === 0
        ? []
        : await queryRows<{ id: string; version: number }>(
            tx,
            sql`SELECT id, version FROM designations
                WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify([...new Set(entries.map((e) => e.recordId))])}::jsonb))::uuid[])
                  AND status IN ('ACTIVE', 'PROVISIONAL')`,
          );
    let escalated = 0;
    if (changed.length > 0) escalated = await escalateMatches(tx, changed, decisions);
    const feedPosition = formatFeedPosition(position);
    await tx
      .insert(watchCursors)
      .values({ name: CURSOR, feedPosition })
      .onConflictDoUpdate({ target: watchCursors.name, set: { feedPosition, updatedAt: sql`now()` } });
    return { changes: entries.length, escalated };
  });
}

async function escalateMatches(
  tx: Executor,
  changed: readonly { id: string; version: number }[],
  decisions: ReadonlyMap<string, AccessDecision>,
): Promise<number> {
  await prepareTrigramRetrieval(tx);
  const changedIds = JSON.stringify(changed.map((c) => c.id));
  const candidates = await queryRows<CandidateParty>(
    tx,
    sql`SELECT DISTINCT a.id AS "applicationId", a.owner_agency_id AS "ownerAgencyId", p.position, p.name, p.country, p.identifiers
        FROM designation_screening_names n
        CROSS JOIN LATERAL (
          SELECT lp.application_id, lp.position FROM license_parties lp WHERE lp.key % n.key
          UNION SELECT lp.application_id, lp.position FROM license_parties lp WHERE lp.key <% n.key
          UNION SELECT lp.application_id, lp.position FROM license_parties lp WHERE lp.key %> n.key
          -- A party written in another script may share no spelling with the listing, only its
          -- sound: its skeleton words found in the name's, as screening retrieves such a party.
          UNION SELECT lp.application_id, lp.position FROM license_parties lp
            WHERE lp.phonetic <<% n.phonetic AND length(replace(lp.phonetic, ' ', '')) >= ${CANDIDATE_RETRIEVAL.minPhoneticLetters}
        ) hit
        JOIN license_parties p ON p.application_id = hit.application_id AND p.position = hit.position
        JOIN license_applications a ON a.id = p.application_id
        WHERE n.designation_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${changedIds}::jsonb)::uuid))
          AND a.state::text = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(WATCHED_STATES)}::jsonb)))
       UNION
       SELECT DISTINCT a.id, a.owner_agency_id, p.position, p.name, p.country, p.identifiers
        FROM designation_identifiers i
        JOIN license_parties p ON p.identifiers @> jsonb_build_array(jsonb_build_object('value', i.value))
        JOIN license_applications a ON a.id = p.application_id
        WHERE i.designation_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${changedIds}::jsonb)::uuid))
          AND a.state::text = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(WATCHED_STATES)}::jsonb)))`,
  );
  if (candidates.length === 0) return 0;
  const versions = new Map(changed.map((c) => [c.id, c.version]));
  const byOwner = new Map<string, CandidateParty[]>();
  for (const candidate of candidates) byOwner.set(candidate.ownerAgencyId, [...(byOwner.get(candidate.ownerAgencyId) ?? []), candidate]);

  let escalated = 0;
  for (const [owner, parties] of byOwner) {
    // Each licensing agency's own view of the lists: a designation it may not see flags nothing.
    const access = decisions.get(owner);
    // A license submitted since the decisions were taken is seen on the next pass.
    if (!access) continue;
    const screened = parties.map(screenedParty);
    const matches = await findMatches(tx, access, screened, DEFAULT_SCREENING_CONFIG);
    for (const [index, party] of parties.entries()) {
      for (const match of matches[index]!) {
        const version = versions.get(match.designationId);
        // The feed is read for ACTIVE and PROVISIONAL listings; a status withheld from the
        // licensing agency is as if it had none, so the listing flags nothing for it.
        if (version === undefined || !access.isFieldReleased('Designation', match.designation, 'status')) continue;
        const raised = await raiseEscalation(tx, {
          applicationId: party.applicationId,
          kind: 'DESIGNATION_MATCH',
          partyPosition: party.position,
          designationId: match.designationId,
          score: match.score,
          // Stored for the record; readers are told what they may see (escalation-text.ts).
          detail: `party ${JSON.stringify(party.name)} now matches the listed name ${JSON.stringify(match.matchedName)} (score ${match.score})`,
          dedupeKey: `designation:${match.designationId}@${version}:party:${party.position}`,
        });
        if (raised) escalated += 1;
      }
    }
  }
  return escalated;
}


/**
 * Re-scores every granted (or suspended) license with an escalation not yet counted, whatever
 * raised it (the watch, a partner's denial, an end-use check): the finding's points are added
 * as a POST_DECISION_ESCALATION factor, the license moves to the ESCALATED lane (its state
 * stays: suspending is the officer's call) and the recommendation is recorded on the
 * escalation and the license. Rows another transaction holds are left for the next pass.
 */
export async function rescoreEscalatedLicenses(db: Database, policy: RiskPolicy): Promise<number> {
  return db.transaction(async (tx) => {
    const pending = await queryRows<{ id: string; kind: EscalationKind; score: number | null; applicationId: string; state: LicenseState; riskScore: number | null; recommendedAction: string | null }>(
      tx,
      sql`SELECT e.id, e.kind, e.score::float8 AS score, a.id AS "applicationId", a.state, a.risk_score AS "riskScore", a.recommended_action AS "recommendedAction"
          FROM license_escalations e JOIN license_applications a ON a.id = e.application_id
          WHERE e.recommended_action IS NULL AND e.acknowledged_at IS NULL
            AND a.state::text = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(GRANTED_STATES)}::jsonb)))
          ORDER BY e.at, e.id
          FOR UPDATE OF a, e SKIP LOCKED`,
    );
    const current = new Map<string, { riskScore: number | null; recommendedAction: string | null }>();
    for (const escalation of pending) {
      const license = current.get(escalation.applicationId) ?? { riskScore: escalation.riskScore, recommendedAction: escalation.recommendedAction };
      const rescored = rescoreGranted({ state: escalation.state, riskScore: license.riskScore }, escalation, policy);
      const recommendedAction = strongestRecommendation([license.recommendedAction, rescored.recommendedAction]);
      const factor = {
        code: 'POST_DECISION_ESCALATION',
        points: rescored.points,
        subject: 'APPLICATION',
        position: null,
        reference: null,
        facts: { escalationKind: escalation.kind, score: escalation.score, recommendedAction: rescored.recommendedAction },
      };
      await tx
        .update(licenseApplications)
        .set({
          riskScore: rescored.score,
          riskFactors: sql`coalesce(${licenseApplications.riskFactors}, '[]'::jsonb) || ${JSON.stringify([factor])}::jsonb`,
          lane: 'ESCALATED',
          recommendedAction,
          ...nextLicenseVersion(),
        })
        .where(eq(licenseApplications.id, escalation.applicationId));
      await tx.update(licenseEscalations).set({ recommendedAction: rescored.recommendedAction }).where(eq(licenseEscalations.id, escalation.id));
      current.set(escalation.applicationId, { riskScore: rescored.score, recommendedAction });
    }
    return pending.length;
  });
}

/**
 * Moves granted (or suspended) licenses whose expiry date has passed to EXPIRED, each with its
 * transition recorded, and one audit entry naming them all, in one transaction. Rows another
 * transaction holds are left for the next pass; a license already expired is not selected
 * again, so however many hubs run this, each license expires once.
 */
export async function expireLapsedLicenses(db: Executor): Promise<number> {
  return db.transaction(async (tx) => {
    // The officer who granted the license set the date that expires it: named as what set the expiry off.
    const lapsed = await queryRows<{ id: string; state: LicenseState; owner: string; expiresOn: string; decidedByAgencyId: string | null; decidedByUserId: string | null; version: number }>(
      tx,
      sql`SELECT a.id, a.state, a.owner_agency_id AS owner, a.expires_on::text AS "expiresOn", a.version,
                 granted.actor_agency_id AS "decidedByAgencyId", granted.actor_user_id AS "decidedByUserId"
          FROM license_applications a
          LEFT JOIN LATERAL (
            SELECT t.actor_agency_id, t.actor_user_id FROM license_transitions t
            WHERE t.application_id = a.id
              AND t.action = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(GRANTING_ACTIONS)}::jsonb)))
            ORDER BY t.id DESC LIMIT 1
          ) granted ON true
          WHERE a.expires_on < current_date
            AND a.state::text = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify([...APPROVED_STATES, 'SUSPENDED'])}::jsonb)))
          FOR UPDATE OF a SKIP LOCKED`,
    );
    const writes: { type: string; id: string; owner: string; before: number; after: number; status: string }[] = [];
    for (const license of lapsed) {
      const moved = transition(license.state, 'expire');
      if (!moved.ok) continue;
      await tx
        .update(licenseApplications)
        .set({ state: moved.to, ...nextLicenseVersion() })
        .where(eq(licenseApplications.id, license.id));
      await tx.insert(licenseTransitions).values({
        applicationId: license.id,
        action: 'expire',
        fromState: license.state,
        toState: moved.to,
        // The passing of the date expires it; the officer who set that date granted the license.
        ...systemMove(SYSTEM_ACTORS.expiry, license.owner, license.decidedByUserId ? { agencyId: license.decidedByAgencyId!, userId: license.decidedByUserId } : null),
        reason: `expired on ${license.expiresOn}`,
      });
      writes.push({ type: 'LicenseApplication', id: license.id, owner: license.owner, before: license.version, after: license.version + 1, status: moved.to });
    }
    if (writes.length > 0) await appendAuditEntries(tx, [{ content: { kind: 'scheduled', job: 'expire-licenses', writes }, at: new Date() }]);
    return writes.length;
  });
}

/** Runs passes in the background until stopped; a pass that finds a full page runs again at once. */
export function startLicenseWatch(
  db: Database,
  accessFor: AccessFor,
  log: Logger,
  intervalMs = 1_000,
  riskPolicy?: () => Promise<RiskPolicy>,
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const pass = async () => {
    try {
      const { changes, escalated } = await watchDesignationChanges(db, accessFor);
      if (escalated > 0) log.info({ changes, escalated }, 'designation changes flagged licenses');
      const rescored = riskPolicy ? await rescoreEscalatedLicenses(db, await riskPolicy()) : 0;
      if (rescored > 0) log.info({ rescored }, 'findings on granted licenses re-scored');
      const expired = await expireLapsedLicenses(db);
      if (expired > 0) log.info({ expired }, 'licenses past their expiry date expired');
      if (!stopped) timer = setTimeout(tick, changes >= CHANGES_PER_PASS ? 0 : intervalMs);
    } catch (error) {
      log.error({ err: error }, 'license watch pass failed; retrying');
      if (!stopped) timer = setTimeout(tick, intervalMs * 5);
    }
  };
  const tick = () => {
    running = pass();
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
