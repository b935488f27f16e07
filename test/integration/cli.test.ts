import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabaseUrl, graphqlAt, runCli, serveCli } from '../support/cli.ts';

const COUNT = `{ designations(first: 1) { totalCount } agencies { id } }`;
type Counts = { designations: { totalCount: number }; agencies: { id: string }[] };

describe('the interlock CLI', () => {
  let dataDir: string;
  let server: Awaited<ReturnType<typeof createServerDatabaseUrl>>;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-cli-'));
    server = await createServerDatabaseUrl();
    env = { INTERLOCK_DATA_DIR: dataDir, DATABASE_URL: server?.url ?? '' };
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
    await server?.drop();
  });

  it('documents every command with --help', async () => {
    for (const command of [[], ['serve'], ['migrate'], ['seed'], ['schema', 'print']]) {
      const result = await runCli([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: interlock');
    }
  });

  it('refuses a bad configuration value with a message naming it', async () => {
    const result = await runCli(['migrate'], { ...env, PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT="eighty"');
  });

  it('seeds and migrates through a running hub, stops it cleanly, and keeps the data', async () => {
    const hub = await serveCli(env);
    try {
      const seeded = await runCli(['seed', '--count', '30'], env);
      expect(seeded.stderr).not.toMatch(/error/i);
      expect(seeded.code).toBe(0);
      expect(JSON.parse(seeded.stdout)).toMatchObject({ designations: 30 });
      const migrated = await runCli(['migrate'], env);
      expect(migrated.code).toBe(0);
      const counts = await graphqlAt<Counts>(hub.url, COUNT);
      expect(counts.designations.totalCount).toBe(30);
      expect(counts.agencies.length).toBeGreaterThanOrEqual(4);
    } finally {
      expect(await hub.stop()).toBe(0);
    }
    expect(hub.logs()).toContain('stopped cleanly');

    // No hub now: the CLI opens the database itself and adds only what is missing.
    const direct = await runCli(['seed', '--count', '40'], env);
    expect(direct.code).toBe(0);
    expect(JSON.parse(direct.stdout)).toMatchObject({ designations: 10 });

    const again = await serveCli(env);
    try {
      expect((await graphqlAt<Counts>(again.url, COUNT)).designations.totalCount).toBe(40);
      const health = await fetch(`${again.url}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${again.url}/readyz`);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
