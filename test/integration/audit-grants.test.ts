import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { appendAuditEntries } from '../../src/modules/audit/audit-log.ts';

/**
 * On PostgreSQL, the hub as it should run: a role of its own (no superuser) that owns the database
 * and runs the migrations. The migration revokes its UPDATE/DELETE/TRUNCATE on the audit tables, so
 * the grants refuse them before the trigger is reached. (PGlite has one role, a superuser; the
 * triggers refuse there, as audit-log.test.ts shows on both databases.)
 */
describe.skipIf(!process.env.DATABASE_URL)("the hub's own PostgreSQL role", () => {
  const suffix = randomBytes(4).toString('hex');
  const role = `interlock_hub_${suffix}`;
  const name = `interlock_grants_${suffix}`;
  let admin: postgres.Sql;
  let hub: DatabaseHandle;

  beforeAll(async () => {
    admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE ROLE ${role} LOGIN NOSUPERUSER CREATEROLE`);
    await admin.unsafe(`CREATE DATABASE ${name} OWNER ${role}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    url.username = role;
    hub = await openDatabase({ kind: 'postgres', url: url.toString() });
    await hub.migrate();
    await appendAuditEntries(hub.db, [{ content: { kind: 'policy_change', agreements: [] }, at: new Date() }]);
  });
  afterAll(async () => {
    await hub?.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('may append and read audit rows but not UPDATE, DELETE or TRUNCATE them', async () => {
    const failure = async (statement: ReturnType<typeof sql>) =>
      hub.db.execute(statement).then(
        () => 'succeeded',
        (error: unknown) => String((error as { cause?: Error }).cause?.message ?? (error as Error).message),
      );
    expect(await failure(sql`UPDATE audit_entries SET entry = '{}'`)).toMatch(/permission denied/);
    expect(await failure(sql`DELETE FROM audit_entries`)).toMatch(/permission denied/);
    expect(await failure(sql`TRUNCATE audit_entries CASCADE`)).toMatch(/permission denied/);
    expect(await failure(sql`DELETE FROM audit_tree_heads`)).toMatch(/permission denied/);
    expect(await failure(sql`UPDATE audit_release_sets SET fields = '{}'`)).toMatch(/permission denied/);
    await appendAuditEntries(hub.db, [{ content: { kind: 'policy_change', agreements: [] }, at: new Date() }]);
    const rows = await hub.db.execute(sql`SELECT count(*)::int AS n FROM audit_entries`);
    expect((rows as unknown as { n: number }[])[0]!.n).toBe(2);
  });
});
