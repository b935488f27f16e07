/**
 * The embedded database on its own thread: a long statement leaves the event loop free, errors
 * keep their SQLSTATE and fields, a failing transaction rolls back, and values come back as
 * drizzle reads them from PGlite.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { isUniqueViolation, sqlState } from '../../src/db/errors.ts';
import { REQUEST_ROLE, runInRequestScope } from '../../src/db/row-security.ts';
import { agencies } from '../../src/db/schema/index.ts';

describe('the embedded database thread', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite-memory' });
    await database.migrate();
  });
  afterAll(() => database?.close());

  it('runs a long statement while the event loop keeps ticking', async () => {
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = performance.now();
    const [row] = await queryRows<{ n: string }>(database.db, sql`SELECT count(*)::text AS n FROM generate_series(1, 1000000) g WHERE md5(g::text) LIKE 'a%'`);
    const took = performance.now() - started;
    clearInterval(timer);
    expect(Number(row!.n)).toBeGreaterThan(0);
    // The statement takes hundreds of milliseconds; on the hub's thread no tick would run during it.
    expect(took).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(took / 5 / 4);
    expect(longestGap).toBeLessThan(took / 2);
  });

  it('keeps the SQLSTATE of an error and rolls back a failing transaction', async () => {
    const agency = { id: 'xx-thread', name: 'Thread test', country: 'XX', kind: 'SANCTIONS_AUTHORITY' } as const;
    await database.db.insert(agencies).values(agency);
    const duplicate = await database.db.insert(agencies).values(agency).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);

    const failed = await database.db
      .transaction(async (tx) => {
        await tx.insert(agencies).values({ ...agency, id: 'xx-rolled-back' });
        throw new Error('changed my mind');
      })
      .catch((error: unknown) => error);
    expect((failed as Error).message).toBe('changed my mind');
    const rows = await queryRows<{ id: string }>(database.db, sql`SELECT id FROM agencies WHERE id LIKE 'xx-%' ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(['xx-thread']);
  });

  it("runs a caller's statement as the caller in one transaction, and a failing one leaves nothing open", async () => {
    const asCaller = <T>(work: () => PromiseLike<T>) => runInRequestScope({ caller: { agency: 'gb-ofsi', grants: '{}' } }, async () => await work());
    const [who] = await asCaller(() => queryRows<{ role: string; agency: string }>(database.db, sql`SELECT current_user AS role, current_setting('interlock.agency') AS agency`));
    expect(who).toEqual({ role: REQUEST_ROLE, agency: 'gb-ofsi' });
    const failed = await asCaller(() => queryRows(database.db, sql`SELECT 1 / 0`)).catch((error: unknown) => error);
    expect(sqlState(failed)).toBe('22012');
    const [after] = await queryRows<{ role: string }>(database.db, sql`SELECT current_user AS role`);
    expect(after!.role).not.toBe(REQUEST_ROLE);
  });

  it('returns dates and timestamps as drizzle reads them (text kept, then its own mapping)', async () => {
    const [row] = await queryRows<{ day: string; at: string; n: number; j: { a: number[] } }>(
      database.db,
      sql`SELECT date '2026-12-04' AS day, timestamptz '2026-12-04 10:00:00+00' AS at, 42 AS n, '{"a":[1,2]}'::jsonb AS j`,
    );
    expect(row).toEqual({ day: '2026-12-04', at: '2026-12-04 10:00:00+00', n: 42, j: { a: [1, 2] } });
  });
});
