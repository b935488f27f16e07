import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { appendAuditEntries } from '../../src/modules/audit/audit-log.ts';
import { createServerDatabaseUrl, runCli } from '../support/cli.ts';

describe('interlock audit verify and jobs run', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof createServerDatabaseUrl>>;
  let env: Record<string, string | undefined>;
  const open = async (): Promise<DatabaseHandle> => {
    const handle = server ? await openDatabase({ kind: 'postgres', url: server.url }) : await openDatabase({ kind: 'pglite', dataDir: env.INTERLOCK_DATA_DIR! });
    await handle.migrate();
    return handle;
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-audit-cli-'));
    server = await createServerDatabaseUrl();
    env = { INTERLOCK_DATA_DIR: path.join(dir, 'data'), INTERLOCK_KEYS_DIR: path.join(dir, 'keys'), DATABASE_URL: server?.url ?? '' };
    const handle = await open();
    try {
      for (let i = 0; i < 3; i++) await appendAuditEntries(handle.db, [{ content: { kind: 'policy_change', agreements: [{ id: `a-${i}`, change: 'added', documentHash: null }] }, at: new Date() }]);
    } finally {
      await handle.close();
    }
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
    await server?.drop();
  });

  it('runs the scheduled jobs once for cron', async () => {
    const result = await runCli(['jobs', 'run'], env);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      { job: 'lapse-provisional-designations', ran: true, changed: 0 },
      { job: 'lapse-provisional-controls', ran: true, changed: 0 },
      { job: 'expire-licenses', ran: true, changed: 0 },
    ]);
  });

  it('verifies an untouched log, and names an edited entry with exit code 1 and no stack trace', async () => {
    const clean = await runCli(['audit', 'verify'], env);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ entries: 3, problems: [] });

    const handle = await open();
    try {
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_entries DISABLE TRIGGER USER`);
        await tx.execute(sql`UPDATE audit_entries SET entry = replace(entry, 'a-1', 'a-9') WHERE entry_index = 1`);
        await tx.execute(sql`ALTER TABLE audit_entries ENABLE TRIGGER USER`);
      });
    } finally {
      await handle.close();
    }
    const tampered = await runCli(['audit', 'verify'], env);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toBe('interlock: the audit log does not verify: entry 1 was edited: its text no longer hashes to the leaf written when it was appended\n');
  });
});
