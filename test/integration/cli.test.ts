import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabaseUrl, graphqlAt, runCli, serveCli } from '../support/cli.ts';
import { sanctionsFile } from '../support/sanctions-data.ts';

const EU_EXCERPT = sanctionsFile('eu/eu_fsf_excerpt_2026-08-05.xml');

const COUNT = `{ designations(first: 1) { totalCount } agencies { id } agreements { id version inForce } }`;
type Counts = { designations: { totalCount: number }; agencies: { id: string }[]; agreements: { id: string; version: number; inForce: boolean }[] };

const AGREEMENT = `id: cli-test-agreement
title: A test agreement applied through the CLI
grantor: us-ofac
grantees: [gb-ofsi]
purposes: [sanctions-screening]
validFrom: 2026-01-01
ceiling: GREEN
grants:
  - { type: Designation, fields: [identity] }
`;

describe('the interlock CLI', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof createServerDatabaseUrl>>;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-cli-'));
    await fs.mkdir(path.join(dir, 'policies', 'agreements'), { recursive: true });
    server = await createServerDatabaseUrl();
    env = {
      INTERLOCK_DATA_DIR: path.join(dir, 'data'),
      INTERLOCK_POLICIES_DIR: path.join(dir, 'policies'),
      INTERLOCK_KEYS_DIR: path.join(dir, 'keys'),
      DATABASE_URL: server?.url ?? '',
    };
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
    await server?.drop();
  });

  it('documents every command with --help', async () => {
    for (const command of [[], ['serve'], ['migrate'], ['seed'], ['import'], ['policies', 'apply'], ['keys', 'generate'], ['token'], ['schema', 'print']]) {
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

  it('makes keys and tokens, serves, seeds and applies policies through a running hub, stops cleanly, keeps the data', async () => {
    expect((await runCli(['keys', 'generate', '--agency', 'us-ofac'], env)).code).toBe(0);
    expect((await runCli(['token'], env)).stdout.trim()).toBe('us-ofac');
    const token = (await runCli(['token', '--agency', 'us-ofac', '--role', 'analyst'], env)).stdout.trim();
    expect(token.split('.')).toHaveLength(3);

    const hub = await serveCli(env);
    try {
      const seeded = await runCli(['seed', '--count', '30'], env);
      expect(seeded.code).toBe(0);
      expect(JSON.parse(seeded.stdout)).toMatchObject({ designations: 30 });
      expect((await runCli(['migrate'], env)).code).toBe(0);

      if (existsSync(EU_EXCERPT)) {
        // Imports go through the running hub too; the excerpt holds 5 entries.
        const imported = await runCli(['import', 'eu-fsf-xml', EU_EXCERPT, '--agency', 'us-ofac', '--json'], env);
        expect(imported.stderr).not.toMatch(/Error/);
        expect(JSON.parse(imported.stdout)).toMatchObject({ list: 'EU-FSF', added: 5, delisted: 0 });
      }

      await fs.writeFile(path.join(dir, 'policies', 'agreements', 'cli-test.yaml'), AGREEMENT);
      const applied = await runCli(['policies', 'apply'], env);
      expect(applied.code).toBe(0);
      expect(JSON.parse(applied.stdout)).toMatchObject({ agreements: { added: 1 } });

      const counts = await graphqlAt<Counts>(hub.url, token, COUNT);
      expect(counts.designations.totalCount).toBeGreaterThan(0);
      expect(counts.agencies.length).toBeGreaterThanOrEqual(4);
      expect(counts.agreements).toEqual([{ id: 'cli-test-agreement', version: 1, inForce: true }]);

      await fs.writeFile(path.join(dir, 'policies', 'agreements', 'broken.yaml'), 'id: x\ngrantor: us-ofac\n');
      const broken = await runCli(['policies', 'apply'], env);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain('broken.yaml');
      await fs.rm(path.join(dir, 'policies', 'agreements', 'broken.yaml'));
    } finally {
      expect(await hub.stop()).toBe(0);
    }
    expect(hub.logs()).toContain('stopped cleanly');

    if (existsSync(EU_EXCERPT)) {
      const again = await runCli(['import', 'eu-fsf-xml', EU_EXCERPT, '--agency', 'us-ofac'], env);
      expect(again.stdout).toContain('EU-FSF (edition 2026-08-05): 5 entries — 0 added, 0 updated, 0 delisted, 5 unchanged');
    }

    // No hub now: the CLI opens the database itself and adds only what is missing.
    const direct = await runCli(['seed', '--count', '40'], env);
    expect(direct.code).toBe(0);
    expect(JSON.parse(direct.stdout)).toMatchObject({ designations: 10 });

    const again = await serveCli(env);
    try {
      const counts = await graphqlAt<Counts>(again.url, token, COUNT);
      expect(counts.agreements).toEqual([{ id: 'cli-test-agreement', version: 1, inForce: true }]);
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${again.url}/readyz`)).json()).toMatchObject({ status: 'ready' });
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 180_000);
});
