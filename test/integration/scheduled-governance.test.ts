import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database, type DatabaseHandle } from '../../src/db/client.ts';
import { controlListEntries, designations } from '../../src/db/schema/index.ts';
import { checkAuditLog } from '../../src/modules/audit/audit-check.ts';
import type { AuditEntry } from '../../src/modules/audit/audit-entry.ts';
import { runScheduledJobs } from '../../src/modules/governance/scheduled-jobs.ts';
import { startTestHub, type As, type TestHub } from '../support/hub.ts';

const OFAC: As = { agency: 'us-ofac', roles: ['analyst'] };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('scheduled governance', () => {
  let hub: TestHub;
  /** A second hub process's connection pool on the same database (on PGlite, one process: the same handle). */
  let other: DatabaseHandle | undefined;
  let secondScheduler: Database;
  const provisionalIds: string[] = [];
  const controlIds: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    if (hub.database.kind === 'postgres') {
      other = await openDatabase({ kind: 'postgres', url: hub.database.handle.location });
      secondScheduler = other.db;
    } else {
      secondScheduler = hub.db;
    }
    const rows = Array.from({ length: 120 }, (_, i) => ({
      ownerAgencyId: 'us-ofac',
      subjectType: 'ENTITY' as const,
      primaryName: `Sunset Trading ${i}`,
      primaryNameNormalized: `sunset trading ${i}`,
      status: 'PROVISIONAL' as const,
      // Most are past their sunset (or at it today); ten still have a day to go.
      sunsetDate: i < 110 ? day(-(i % 3)) : day(1),
      marking: 'GREEN' as const,
    }));
    const inserted = await hub.db.insert(designations).values(rows).returning({ id: designations.id, sunsetDate: designations.sunsetDate });
    provisionalIds.push(...inserted.filter((r) => r.sunsetDate! <= day(0)).map((r) => r.id));
    const controls = await hub.db
      .insert(controlListEntries)
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          ownerAgencyId: 'us-ofac',
          classificationCode: `9X${String(i).padStart(3, '0')}`,
          title: `Temporary control ${i}`,
          provisional: i % 2 === 0,
          sunsetDate: day(-1),
          reviewDate: i === 1 ? day(-3) : i === 3 ? day(10) : null,
          marking: 'GREEN' as const,
        })),
      )
      .returning({ id: controlListEntries.id, provisional: controlListEntries.provisional });
    controlIds.push(...controls.filter((c) => c.provisional).map((c) => c.id));
    await hub.db.insert(designations).values([
      { ownerAgencyId: 'us-ofac', subjectType: 'ENTITY', primaryName: 'Overdue Review Ltd', primaryNameNormalized: 'overdue review ltd', status: 'ACTIVE', reviewDueDate: day(-2), marking: 'GREEN' },
      { ownerAgencyId: 'us-ofac', subjectType: 'ENTITY', primaryName: 'Review Soon Ltd', primaryNameNormalized: 'review soon ltd', status: 'ACTIVE', reviewDueDate: day(20), marking: 'GREEN' },
      { ownerAgencyId: 'us-ofac', subjectType: 'ENTITY', primaryName: 'Review Later Ltd', primaryNameNormalized: 'review later ltd', status: 'ACTIVE', reviewDueDate: day(45), marking: 'GREEN' },
    ]);
  });
  afterAll(async () => {
    await other?.close();
    await hub?.stop();
  });

  it('lapses each provisional record at its sunset exactly once with two schedulers (and the hub\u2019s own) on one database', async () => {
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([runScheduledJobs(hub.db), runScheduledJobs(secondScheduler)]);
      for (const job of ['lapse-provisional-designations', 'lapse-provisional-controls']) {
        // Per round, never two runs of a job that both changed something.
        expect(results.filter((r) => r.find((x) => x.job === job)!.changed > 0).length).toBeLessThanOrEqual(1);
      }
    }
    const lapsed = await queryRows<{ id: string; status: string; version: number; reason: string }>(
      hub.db,
      sql`SELECT id, status::text AS status, version, delisting_reason AS reason FROM designations WHERE primary_name LIKE 'Sunset Trading %' ORDER BY id`,
    );
    const byId = new Map(lapsed.map((r) => [r.id, r]));
    for (const id of provisionalIds) {
      expect(byId.get(id)).toMatchObject({ status: 'DELISTED', version: 2 });
      expect(byId.get(id)!.reason).toMatch(/^Lapsed: provisional listing not confirmed by its sunset date \d{4}-\d{2}-\d{2}$/);
    }
    expect(lapsed.filter((r) => r.status === 'PROVISIONAL')).toHaveLength(10);

    // One change-feed event per lapse.
    const feed = await queryRows<{ record_id: string; n: string | number }>(
      hub.db,
      sql`SELECT record_id::text, count(*) AS n FROM change_feed WHERE record_type = 'Designation' AND version = 2 GROUP BY record_id`,
    );
    expect(feed.map((f) => f.record_id).sort()).toEqual([...provisionalIds].sort());
    expect(feed.every((f) => Number(f.n) === 1)).toBe(true);

    // One audit write per lapse, across all runs, with its versions.
    const entries = (await queryRows<{ entry: string }>(hub.db, sql`SELECT entry FROM audit_entries WHERE kind = 'scheduled' ORDER BY entry_index`)).map(
      (r) => JSON.parse(r.entry) as Extract<AuditEntry, { kind: 'scheduled' }>,
    );
    const designationWrites = entries.filter((e) => e.job === 'lapse-provisional-designations').flatMap((e) => e.writes);
    expect(designationWrites.map((w) => w.id).sort()).toEqual([...provisionalIds].sort());
    expect(designationWrites.every((w) => w.before === 1 && w.after === 2 && w.status === 'DELISTED' && w.owner === 'us-ofac')).toBe(true);
    const controlWrites = entries.filter((e) => e.job === 'lapse-provisional-controls').flatMap((e) => e.writes);
    expect(controlWrites.map((w) => w.id).sort()).toEqual([...controlIds].sort());
    const controls = await queryRows<{ id: string; status: string; provisional: boolean }>(hub.db, sql`SELECT id, status::text AS status, provisional FROM control_list_entries`);
    expect(controls.filter((c) => c.status === 'REVOKED').map((c) => c.id).sort()).toEqual([...controlIds].sort());
    expect((await checkAuditLog(hub.db, undefined)).problems.filter((p) => p.kind !== 'unsigned')).toEqual([]);
  });

  it('flags records past their review date and reminds owners of reviews due within 30 days', async () => {
    const overdue = await hub.graphql<{ designations: { edges: { node: { primaryName: string } }[] } }>(
      `{ designations(first: 500, filter: { reviewOverdue: true }) { edges { node { primaryName } } } }`,
      undefined,
      OFAC,
    );
    expect(overdue.data!.designations.edges.map((e) => e.node.primaryName)).toEqual(['Overdue Review Ltd']);
    const controls = await hub.graphql<{ controlListEntries: { edges: { node: { classificationCode: string } }[] } }>(
      `{ controlListEntries(first: 500, filter: { reviewOverdue: true }) { edges { node { classificationCode } } } }`,
      undefined,
      OFAC,
    );
    expect(controls.errors).toBeUndefined();
    expect(controls.data!.controlListEntries.edges.map((e) => e.node.classificationCode)).toEqual(['9X001']);

    const due = await hub.graphql<{ reviewsDue: { recordType: string; title: string; overdue: boolean }[] }>(`{ reviewsDue { recordType title overdue } }`, undefined, OFAC);
    expect(due.data!.reviewsDue.map((r) => [r.recordType, r.title, r.overdue])).toEqual([
      ['ControlListEntry', '9X001 Temporary control 1', true],
      ['Designation', 'Overdue Review Ltd', true],
      ['ControlListEntry', '9X003 Temporary control 3', false],
      ['Designation', 'Review Soon Ltd', false],
    ]);
    // Another agency's reminders hold none of OFAC's records.
    const other = await hub.graphql<{ reviewsDue: unknown[] }>(`{ reviewsDue(days: 60) { id } }`, undefined, { agency: 'de-bafa' });
    expect(other.data!.reviewsDue).toEqual([]);
  });
});
