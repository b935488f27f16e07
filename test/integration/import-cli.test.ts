/**
 * `interlock import` as an operator runs it: mistakes get a message and a non-zero exit code,
 * never a stack trace; Ctrl-C cancels after the batch in flight and says so; a hub stopped by
 * SIGTERM mid-import records the position, and the same import resumes. On the embedded
 * database the hub does the import; with DATABASE_URL the CLI does it itself.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, createServerDatabaseUrl, runCli, serveCli, type ServedHub } from '../support/cli.ts';
import { haveSanctionsData, sanctionsFile, SKIPPED_WITHOUT_DATA } from '../support/sanctions-data.ts';

const EU = sanctionsFile('eu/eu_fsf_excerpt_2026-08-05.xml');
const UN = sanctionsFile('un/consolidated_2026-02-27.xml');
const SEMA = sanctionsFile('ca/sema-lmes_2025-03.xml');
const OFAC = sanctionsFile('ofac/sdn_csv_2024-05-03');
const AGENCIES = new URL('../../policies/agencies.yaml', import.meta.url);
const onPostgres = Boolean(process.env.DATABASE_URL);
const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

/** A running `interlock import`, signalled once it has committed its first batch. */
function startImport(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [CLI, 'import', ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  // Progress lines name the list while writing, and "(reading)" while the file is checked first.
  const writing = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/: \d+ OFAC-SDN\s*$/m.test(stderr)) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`the import ended before writing:\n${stderr}`));
    });
  });
  return { child, exited, writing };
}

describe.skipIf(!haveSanctionsData)(`interlock import from the command line${SKIPPED_WITHOUT_DATA}`, () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof createServerDatabaseUrl>>;
  let env: Record<string, string | undefined>;
  let hub: ServedHub;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-import-cli-'));
    await fs.mkdir(path.join(dir, 'policies', 'agreements'), { recursive: true });
    await fs.copyFile(AGENCIES, path.join(dir, 'policies', 'agencies.yaml'));
    server = await createServerDatabaseUrl();
    env = {
      INTERLOCK_DATA_DIR: path.join(dir, 'data'),
      INTERLOCK_POLICIES_DIR: path.join(dir, 'policies'),
      INTERLOCK_KEYS_DIR: path.join(dir, 'keys'),
      DATABASE_URL: server?.url ?? '',
    };
    expect((await runCli(['keys', 'generate', '--agency', 'us-ofac'], env)).code).toBe(0);
    hub = await serveCli(env);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await fs.rm(dir, { recursive: true, force: true });
    await server?.drop();
  });

  it('answers mistakes with a message, a stable code with --json, and a non-zero exit, never a stack trace', async () => {
    const cases: [string[], string, RegExp][] = [
      [['nope-xml', EU, '--agency', 'us-ofac'], 'UNKNOWN_FORMAT', /Unknown format "nope-xml"; the formats are: ofac-csv, /],
      [['eu-fsf-xml', EU, '--agency', 'us-ofac', '--marking', 'purple'], 'BAD_OPTION', /--marking: "purple" is not a marking; use one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED/],
      [['eu-fsf-xml', path.join(dir, 'missing.xml'), '--agency', 'us-ofac'], 'SOURCE_NOT_FOUND', /No file or folder at .*missing\.xml/],
      [['un-xml', SEMA, '--agency', 'us-ofac'], 'WRONG_FORMAT', /sema-lmes_2025-03\.xml is not a un-xml file: expected <CONSOLIDATED_LIST>.* found an XML document with root <data-set>/],
      [['eu-fsf-xml', EU, '--agency', 'xx-none'], 'UNKNOWN_OWNER', /No agency "xx-none"/],
      [['eu-fsf-xml', EU, '--agency', 'us-ofac', '--edition', '2026-13-01'], 'BAD_OPTION', /--edition: "2026-13-01" is not a YYYY-MM-DD date/],
    ];
    for (const [args, code, message] of cases) {
      const plain = await runCli(['import', ...args], env);
      expect(plain.code, plain.stderr).toBe(2);
      expect(plain.stderr).toMatch(message);
      expect(plain.stderr).not.toMatch(STACK_TRACE);
      const json = await runCli(['import', ...args, '--json'], env);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout)).toEqual({ error: { code, message: expect.stringMatching(message) } });
    }
  }, 120_000);

  it('accepts a marking in any case, and a dry run prints what it would do without writing', async () => {
    const dry = await runCli(['import', 'eu-fsf-xml', EU, '--agency', 'us-ofac', '--marking', 'clear', '--dry-run'], env);
    expect(dry.stdout).toContain('EU-FSF (edition 2026-08-05): 5 entries — would add 5, update 0, delist 0, leave 0 unchanged (dry run: nothing written)');
    const done = await runCli(['import', 'eu-fsf-xml', EU, '--agency', 'us-ofac', '--marking', 'clear', '--json'], env);
    expect(JSON.parse(done.stdout)).toMatchObject({ list: 'EU-FSF', added: 5, dryRun: false });
    const status = await runCli(['import', 'status', '--agency', 'us-ofac', '--json'], env);
    const [latest] = JSON.parse(status.stdout) as unknown[];
    expect(latest).toMatchObject({ list: 'EU-FSF', status: 'COMPLETED', edition: '2026-08-05', counts: { added: 5 } });
  }, 60_000);

  it('refuses a mass delisting from the command line with the counts, and applies it with --allow-mass-delisting', async () => {
    expect((await runCli(['import', 'un-xml', UN, '--agency', 'gb-ofsi'], env)).code).toBe(0);
    const individuals = path.join(dir, 'individuals-only.xml');
    await fs.writeFile(individuals, (await fs.readFile(UN, 'utf8')).replace(/<ENTITIES>[\s\S]*<\/ENTITIES>/, '<ENTITIES/>'));
    const stopped = await runCli(['import', 'un-xml', individuals, '--agency', 'gb-ofsi'], env);
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain('would delist 273 of the 1003 active UN-SC designations');
    expect(stopped.stderr).toContain('730 entries: 0 to add, 0 to update, 730 unchanged, 273 to delist');
    const allowed = await runCli(['import', 'un-xml', individuals, '--agency', 'gb-ofsi', '--allow-mass-delisting', '--json'], env);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ delisted: 273 });
  }, 120_000);

  it('Ctrl-C cancels the import after the batch in flight and says so; the same import then resumes', async () => {
    const running = startImport(['ofac-csv', OFAC, '--agency', 'jp-meti'], env);
    await running.writing;
    running.child.kill('SIGINT');
    const cancelled = await running.exited;
    expect(cancelled.code).toBe(130);
    expect(cancelled.stderr).toMatch(/cancelling: the import stops after the batch in flight/);
    expect(cancelled.stderr).toMatch(/Import cancelled after (\d+) entries \(the last batch was committed/);
    expect(cancelled.stderr).not.toMatch(STACK_TRACE);
    const [run] = JSON.parse((await runCli(['import', 'status', '--agency', 'jp-meti', '--json'], env)).stdout) as { status: string; position: number }[];
    expect(run).toMatchObject({ status: 'CANCELLED' });
    expect(run!.position % 1_000).toBe(0);
    expect(run!.position).toBeLessThan(14_965);
    if (!onPostgres) expect(hub.logs()).toMatch(/"outcome":"CANCELLED"/);

    const resumed = JSON.parse((await runCli(['import', 'ofac-csv', OFAC, '--agency', 'jp-meti', '--json'], env)).stdout) as Record<string, unknown>;
    expect(resumed).toMatchObject({ resumedFrom: run!.position, entries: 14_965, added: 14_965, delisted: 0 });
  }, 240_000);

  it.skipIf(onPostgres)('SIGTERM to the hub mid-import: the batch in flight commits, the CLI says how to resume, and the same import resumes', async () => {
    const running = startImport(['ofac-csv', OFAC, '--agency', 'de-bafa'], env);
    await running.writing;
    expect(await hub.stop()).toBe(0);
    const stopped = await running.exited;
    expect(stopped.code, stopped.stderr.slice(-600)).toBe(75);
    expect(stopped.stderr).toContain('the hub stopped; run the same import again to resume');
    expect(stopped.stderr).not.toMatch(STACK_TRACE);
    expect(hub.logs()).toMatch(/"outcome":"INTERRUPTED"/);
    expect(hub.logs()).toContain('stopped cleanly');
    // The log names the import: format, file, hash, owner.
    expect(hub.logs()).toMatch(/"import":\{"format":"ofac-csv","file":"[^"]+sdn_csv_2024-05-03","owner":"de-bafa","list":"OFAC-SDN"\}/);

    // Without a hub the CLI opens the database itself and resumes after the committed batches.
    const [run] = JSON.parse((await runCli(['import', 'status', '--agency', 'de-bafa', '--json'], env)).stdout) as { status: string; position: number }[];
    expect(run).toMatchObject({ status: 'INTERRUPTED' });
    expect(run!.position).toBeGreaterThan(0);
    const resumed = JSON.parse((await runCli(['import', 'ofac-csv', OFAC, '--agency', 'de-bafa', '--json'], env)).stdout) as Record<string, unknown>;
    expect(resumed).toMatchObject({ resumedFrom: run!.position, entries: 14_965, added: 14_965 });
    hub = await serveCli(env);
  }, 240_000);

  it('serve refuses a busy port before opening the database or seeding', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const other = { ...env, INTERLOCK_DATA_DIR: path.join(dir, 'other-data'), PORT: String(port) };
      const result = await runCli(['serve', '--demo'], other);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stdout + result.stderr).not.toMatch(/seeding/);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
