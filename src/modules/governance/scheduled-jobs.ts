/**
 * Scheduled governance: what happens to records because a date passed, not because someone
 * acted. Provisional designations and provisional controls lapse at their sunset date, granted
 * licenses expire. Each change is a new version of the record (so the change feed carries it)
 * with one audit entry per job run, in the same transaction.
 *
 * Safe with several hubs on one PostgreSQL: a job runs under a transaction-level advisory lock
 * taken with pg_try_advisory_xact_lock (a hub that does not get it skips the run: another is
 * doing it), and selects only rows still in the state it changes, FOR UPDATE SKIP LOCKED, so a
 * record lapses once however the runs interleave.
 */
import { sql } from 'drizzle-orm';
import type { Logger } from '../../config/logger.ts';
import { queryRows, type Database, type Executor } from '../../db/client.ts';
import { appendAuditEntries } from '../audit/audit-log.ts';
import { expireLapsedLicenses } from '../licensing/license-watch.ts';

export interface JobResult {
  readonly job: string;
  /** False when another hub held the job's lock: it ran there. */
  readonly ran: boolean;
  readonly changed: number;
}

interface Job {
  readonly name: string;
  /** Advisory lock key: one per job, so different jobs run side by side. */
  readonly lockKey: number;
  run(tx: Executor): Promise<number>;
}

/** Sunset reached: a provisional listing not confirmed by then is no longer in force. */
async function lapseProvisionalDesignations(tx: Executor): Promise<number> {
  const lapsed = await queryRows<{ id: string; owner: string; version: number; sunset: string }>(
    tx,
    sql`UPDATE designations d SET status = 'DELISTED', delisted_at = now(),
          delisting_reason = 'Lapsed: provisional listing not confirmed by its sunset date ' || d.sunset_date::text,
          version = d.version + 1, change_seq = nextval('interlock_change_seq'), updated_at = now()
        WHERE d.id IN (SELECT id FROM designations WHERE status = 'PROVISIONAL' AND sunset_date <= current_date
                       -- A copy received from another hub changes only at its origin, which lapses it there.
                       AND NOT EXISTS (SELECT 1 FROM sync_received_records r WHERE r.record_type = 'Designation' AND r.record_id = designations.id)
                       FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.owner_agency_id AS owner, d.version, d.sunset_date::text AS sunset`,
  );
  await recordJob(tx, 'lapse-provisional-designations', 'Designation', 'DELISTED', lapsed);
  return lapsed.length;
}

/** Sunset reached: a provisional (temporary, national) control not renewed by then ends. */
async function lapseProvisionalControls(tx: Executor): Promise<number> {
  const lapsed = await queryRows<{ id: string; owner: string; version: number }>(
    tx,
    sql`UPDATE control_list_entries c SET status = 'REVOKED',
          version = c.version + 1, change_seq = nextval('interlock_change_seq'), updated_at = now()
        WHERE c.id IN (SELECT id FROM control_list_entries WHERE provisional AND status = 'ACTIVE' AND sunset_date <= current_date
                       FOR UPDATE SKIP LOCKED)
        RETURNING c.id, c.owner_agency_id AS owner, c.version`,
  );
  await recordJob(tx, 'lapse-provisional-controls', 'ControlListEntry', 'REVOKED', lapsed);
  return lapsed.length;
}

async function recordJob(tx: Executor, job: string, type: string, status: string, rows: readonly { id: string; owner: string; version: number }[]) {
  if (rows.length === 0) return;
  const writes = [...rows]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((row) => ({ type, id: row.id, owner: row.owner, before: Number(row.version) - 1, after: Number(row.version), status }));
  await appendAuditEntries(tx, [{ content: { kind: 'scheduled', job, writes }, at: new Date() }]);
}

export const SCHEDULED_JOBS: readonly Job[] = [
  { name: 'lapse-provisional-designations', lockKey: 0x1e7_5c01, run: lapseProvisionalDesignations },
  { name: 'lapse-provisional-controls', lockKey: 0x1e7_5c02, run: lapseProvisionalControls },
  // Records its own audit entry (the license watch runs it too).
  { name: 'expire-licenses', lockKey: 0x1e7_5c03, run: expireLapsedLicenses },
];

/** Runs every job once: what the hub's scheduler does per tick and `interlock jobs run` does for cron. */
export async function runScheduledJobs(db: Database): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of SCHEDULED_JOBS) {
    results.push(
      await db.transaction(async (tx) => {
        const [lock] = await queryRows<{ locked: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${job.lockKey}) AS locked`);
        if (!lock?.locked) return { job: job.name, ran: false, changed: 0 };
        return { job: job.name, ran: true, changed: await job.run(tx) };
      }),
    );
  }
  return results;
}

/** The scheduler inside `serve`: every job at start, then at each interval, until stopped. */
export function startScheduler(db: Database, log: Logger, intervalMs = 60_000): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = runScheduledJobs(db)
      .then((results) => {
        const changed = results.filter((r) => r.changed > 0);
        if (changed.length > 0) log.info({ jobs: changed }, 'scheduled governance changed records');
      })
      .catch((error: unknown) => log.error({ err: error }, 'scheduled jobs failed; retrying at the next interval'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
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
