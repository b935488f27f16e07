import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_START, feedHead, readFeed, type FeedEntry, type FeedPosition } from '../../src/db/change-feed.ts';
import { queryRows, type Database } from '../../src/db/client.ts';
import { givenAgencies } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const WRITERS = 8;
const TRANSACTIONS_PER_WRITER = 25;

/** One writer's transaction: a new threat entry and an update of the previous one, committed after a random pause. */
async function writeOnce(db: Database, writer: number, round: number, previous: string | null): Promise<{ id: string; changes: string[] }> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO threat_entries (kind, title, description, owner_agency_id, marking)
          VALUES ('RED_FLAG', ${`writer ${writer} round ${round}`}, 'concurrency probe', 'us-ofac', 'GREEN') RETURNING id`,
    );
    const changes = [`${row!.id}@1`];
    if (previous) {
      const [updated] = await queryRows<{ version: number }>(
        tx,
        sql`UPDATE threat_entries SET version = version + 1, title = title || ' (revised)' WHERE id = ${previous} RETURNING version`,
      );
      changes.push(`${previous}@${updated!.version}`);
    }
    // Held open for a while, so that transactions that took their ids later commit first.
    await tx.execute(sql`SELECT pg_sleep(${Math.random() * 0.02})`);
    return { id: row!.id, changes };
  });
}

async function drain(db: Database, from: FeedPosition, seen: FeedEntry[]): Promise<FeedPosition> {
  let position = from;
  for (;;) {
    const entries = await readFeed(db, position, { limit: 50, recordTypes: ['ThreatEntry'] });
    if (entries.length === 0) return position;
    seen.push(...entries);
    position = entries.at(-1)!;
  }
}

describe('the change feed', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
    await givenAgencies(db);
  });
  afterAll(() => database.dispose());

  it('gives a reader polling during many concurrent writers every committed change exactly once', async () => {
    const start = await feedHead(db);
    const written: string[] = [];
    let writing = true;
    const seen: FeedEntry[] = [];
    const reader = (async () => {
      let position = start;
      while (writing) {
        position = await drain(db, position, seen);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return drain(db, position, seen);
    })();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        let previous: string | null = null;
        for (let round = 0; round < TRANSACTIONS_PER_WRITER; round++) {
          const result = await writeOnce(db, writer, round, previous);
          written.push(...result.changes);
          previous = result.id;
        }
      }),
    );
    writing = false;
    await reader;

    const seenChanges = seen.map((entry) => `${entry.recordId}@${entry.version}`);
    expect(new Set(seenChanges).size).toBe(seenChanges.length);
    expect([...seenChanges].sort()).toEqual([...written].sort());
    expect(written).toHaveLength(WRITERS * (2 * TRANSACTIONS_PER_WRITER - 1));
  });

  it('holds readers back while a transaction that wrote earlier is still open, then delivers its change', async () => {
    if (database.kind === 'pglite') return; // one connection: no transaction can stay open beside a reader
    const before = await feedHead(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const slow = db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO threat_entries (kind, title, description, owner_agency_id) VALUES ('TYPOLOGY', 'slow', 'x', 'us-ofac')`);
      opened();
      await held;
    });
    await isOpen;
    await db.execute(sql`INSERT INTO threat_entries (kind, title, description, owner_agency_id) VALUES ('TYPOLOGY', 'fast', 'x', 'us-ofac')`);
    // The later transaction has committed, but the earlier one has not: nothing is released yet.
    expect(await readFeed(db, before, { limit: 10 })).toEqual([]);
    release();
    await slow;
    const titles = await queryRows<{ title: string }>(
      db,
      sql`SELECT t.title FROM change_feed f JOIN threat_entries t ON t.id = f.record_id
          WHERE (f.transaction_id, f.sequence) > (${before.transactionId}::xid8, ${before.sequence}::bigint)
          ORDER BY f.transaction_id, f.sequence`,
    );
    expect(titles.map((t) => t.title)).toEqual(['slow', 'fast']);
    expect((await readFeed(db, before, { limit: 10 })).map((e) => e.recordType)).toEqual(['ThreatEntry', 'ThreatEntry']);
  });

  it('is not held back by a transaction open in another database of the same server', async () => {
    if (database.kind === 'pglite' || !process.env.DATABASE_URL) return; // one database per process there
    const elsewhere = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      const before = await feedHead(db);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let opened!: () => void;
      const isOpen = new Promise<void>((resolve) => (opened = resolve));
      const open = elsewhere.begin(async (tx) => {
        await tx`SELECT pg_current_xact_id()`; // takes a transaction id, as any writer there would
        opened();
        await held;
      });
      await isOpen;
      await db.execute(sql`INSERT INTO threat_entries (kind, title, description, owner_agency_id) VALUES ('TYPOLOGY', 'beside another database', 'x', 'us-ofac')`);
      const entries = await readFeed(db, before, { limit: 10 });
      release();
      await open;
      expect(entries.map((e) => e.recordType)).toEqual(['ThreatEntry']);
    } finally {
      await elsewhere.end();
    }
  });

  it('records writes of every shareable table by the database itself, and not updates that keep the version', async () => {
    const before = await feedHead(db);
    await db.execute(sql`INSERT INTO control_list_entries (classification_code, title, control_reasons, owner_agency_id) VALUES ('9Z999', 'probe', ARRAY['NS'], 'us-ofac')`);
    await db.execute(sql`UPDATE control_list_entries SET title = 'touched without a new version' WHERE classification_code = '9Z999'`);
    await db.execute(sql`UPDATE control_list_entries SET title = 'revised', version = version + 1 WHERE classification_code = '9Z999'`);
    await db.execute(sql`DELETE FROM control_list_entries WHERE classification_code = '9Z999'`);
    const entries = await readFeed(db, before, { limit: 10 });
    expect(entries.map((e) => [e.recordType, e.version, e.deleted])).toEqual([
      ['ControlListEntry', 1, false],
      ['ControlListEntry', 2, false],
      ['ControlListEntry', 3, true],
    ]);
    expect(await readFeed(db, FEED_START, { limit: 1, recordTypes: ['NoSuchType'] })).toEqual([]);
  });

  it('keeps with each entry the access attributes of the version it records, so visibility can be decided as of any position', async () => {
    const before = await feedHead(db);
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO designations (subject_type, primary_name, primary_name_normalized, status, programs, owner_agency_id, marking, releasable_to, sunset_date)
          VALUES ('ENTITY', 'Attribute Probe', 'attribute probe', 'PROVISIONAL', ARRAY['IRAN'], 'us-ofac', 'GREEN', ARRAY['gb-ofsi'], '2030-01-01') RETURNING id`,
    );
    await db.execute(sql`UPDATE designations SET marking = 'AMBER', releasable_to = NULL, status = 'ACTIVE', version = version + 1 WHERE id = ${row!.id}`);
    await db.execute(sql`DELETE FROM designations WHERE id = ${row!.id}`);
    const entries = await readFeed(db, before, { limit: 10, recordTypes: ['Designation'] });
    expect(entries.map((e) => [e.version, e.deleted, e.attributes])).toEqual([
      [1, false, { marking: 'GREEN', releasable_to: ['gb-ofsi'], status: 'PROVISIONAL', subject_type: 'ENTITY', programs: ['IRAN'] }],
      [2, false, { marking: 'AMBER', releasable_to: null, status: 'ACTIVE', subject_type: 'ENTITY', programs: ['IRAN'] }],
      [3, true, { marking: 'AMBER', releasable_to: null, status: 'ACTIVE', subject_type: 'ENTITY', programs: ['IRAN'] }],
    ]);
  });
});
