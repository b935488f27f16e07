/**
 * `interlock screen FILE` as an analyst runs it on a spreadsheet: through a running hub (GraphQL
 * over HTTP with a token) and directly on the database as an agency (through the hub holding the
 * embedded database, or by itself once the hub is stopped), with the same answers; bad rows are
 * reported by line and the others screened; mistakes get a message, never a stack trace.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabaseUrl, graphqlAt, runCli, serveCli, type ServedHub } from '../support/cli.ts';

const AGENCIES = new URL('../../policies/agencies.yaml', import.meta.url);
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

const CREATE = `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`;

const PARTIES_CSV = [
  'Customer,DOB,Nationality,Type,Passport / ID,Ref',
  // The listed individual, written as a spreadsheet would: another word order, an unpadded date.
  '"Korolyov, Ivan Petrovich",1969-7-16,Russia,person,,c-1',
  'Mary Smithson,1980-01-02,GB,person,,c-2',
  'Bad Row,05/07/1969,XX,robot,,c-3',
  // Found by its IMO number whatever the name says.
  'Some Vessel,,,ship,IMO:9123453,c-4',
  'Sovcomflot Trading,,RU,company,,c-5',
].join('\n');

type ReportRow = Record<string, string>;

describe('interlock screen FILE', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof createServerDatabaseUrl>>;
  let env: Record<string, string | undefined>;
  let hub: ServedHub | undefined;
  let token: string;
  const ids: Record<string, string> = {};
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-screen-cli-'));
    await fs.mkdir(path.join(dir, 'policies', 'agreements'), { recursive: true });
    await fs.copyFile(AGENCIES, path.join(dir, 'policies', 'agencies.yaml'));
    server = await createServerDatabaseUrl();
    env = {
      INTERLOCK_DATA_DIR: path.join(dir, 'data'),
      INTERLOCK_POLICIES_DIR: path.join(dir, 'policies'),
      INTERLOCK_KEYS_DIR: path.join(dir, 'keys'),
      DATABASE_URL: server?.url ?? '',
      INTERLOCK_TOKEN: '',
    };
    expect((await runCli(['keys', 'generate', '--agency', 'us-ofac'], env)).code).toBe(0);
    token = (await runCli(['token', '--agency', 'us-ofac', '--role', 'analyst'], env)).stdout.trim();
    hub = await serveCli(env);
    const designations = {
      korolev: {
        subjectType: 'INDIVIDUAL',
        primaryName: 'KOROLYOV, Ivan Petrovich',
        datesOfBirth: [{ date: '1969-07-16' }],
        nationalities: ['RU'],
        marking: 'GREEN',
      },
      vessel: { subjectType: 'VESSEL', primaryName: 'OCEAN PIONEER', identifiers: [{ type: 'IMO_NUMBER', value: '9123453' }], marking: 'GREEN' },
      sovcomflot: { subjectType: 'ENTITY', primaryName: 'SOVCOMFLOT TRADING LIMITED', nationalities: ['RU'], marking: 'GREEN' },
    };
    for (const [key, input] of Object.entries(designations)) {
      ids[key] = (await graphqlAt<{ createDesignation: { id: string } }>(hub.url, token, CREATE, { input })).createDesignation.id;
    }
    await fs.writeFile(file('parties.csv'), PARTIES_CSV);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await fs.rm(dir, { recursive: true, force: true });
    await server?.drop();
  });

  const readCsv = async (name: string) => parse(await fs.readFile(file(name), 'utf8'), { columns: true }) as ReportRow[];
  /** Per input line: its status and the designations matched, best first. */
  const summary = (rows: ReportRow[]) =>
    Object.fromEntries(
      [...new Set(rows.map((r) => r.line!))].map((line) => {
        const own = rows.filter((r) => r.line === line);
        return [line, { status: own[0]!.status, matched: own.filter((r) => r.designationId).map((r) => r.designationId) }];
      }),
    );

  it('screens a spreadsheet through the running hub, writing each party with its best matches, and reports the bad row by line', async () => {
    const result = await runCli(['screen', file('parties.csv'), '--url', hub!.url, '--token', token, '--map', 'Passport / ID=identifiers', '--out', file('hub.csv')], env);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(1); // a row was rejected
    expect(result.stderr).toMatch(/line 4: type: "robot" is not one of .*; country: "XX" is not a country .*; dateOfBirth: "05\/07\/1969" could be day-month or month-day/);
    expect(result.stderr).toContain('screened 4 parties, 3 with matches; 1 row rejected');
    const rows = await readCsv('hub.csv');
    expect(summary(rows)).toEqual({
      '2': { status: 'MATCH', matched: [ids.korolev] },
      '3': { status: 'NO_MATCH', matched: [] },
      '4': { status: 'REJECTED', matched: [] },
      '5': { status: 'MATCH', matched: [ids.vessel] },
      '6': { status: 'MATCH', matched: [ids.sovcomflot] },
    });
    const korolev = rows.find((r) => r.line === '2')!;
    expect(korolev).toMatchObject({ reference: 'c-1', name: 'Korolyov, Ivan Petrovich', rank: '1', primaryName: 'KOROLYOV, Ivan Petrovich' });
    expect(Number(korolev.score)).toBeGreaterThan(0.95);
    expect(korolev.listVersion).toMatch(/^designations@[0-9a-f]{32}$/);
    // The date read as 1969-07-16 agreed with the listed one, and the explanation says so.
    expect(korolev.explanation).toMatch(/^name 1\.00 vs "KOROLYOV, Ivan Petrovich" \(100% of words equal\); date of birth 1969-07-16 agrees \+0\.05; country RU is one of the listed ones \+0\.03; capped at 1 −0\.08$/);
    expect(rows.find((r) => r.line === '5')!.explanation).toContain('identifier 9123453 is listed');
  }, 60_000);

  it('screens the same file directly on the database as an agency, with the same answers, in JSON lines', async () => {
    const viaHub = summary(await readCsv('hub.csv'));
    // With the hub running on the embedded database, the hub does the work; on PostgreSQL the CLI does.
    const result = await runCli(['screen', file('parties.csv'), '--agency', 'us-ofac', '--map', 'Passport / ID=identifiers', '--out', file('direct.jsonl')], env);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(1);
    const lines = (await fs.readFile(file('direct.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.line)).toEqual([2, 3, 4, 5, 6]);
    const direct = Object.fromEntries(
      lines.map((l) => [String(l.line), { status: l.status, matched: ((l.matches as { designationId: string }[] | undefined) ?? []).map((m) => m.designationId) }]),
    );
    expect(direct).toEqual(viaHub);
    expect(lines[2]).toMatchObject({ status: 'REJECTED', problems: [expect.stringMatching(/^type:/), expect.stringMatching(/^country:/), expect.stringMatching(/^dateOfBirth:/)] });
  }, 60_000);

  it('screens as the agency named: one that may see none of the designations finds nothing', async () => {
    const result = await runCli(['screen', file('parties.csv'), '--agency', 'gb-ofsi', '--map', 'Passport / ID=identifiers', '--format', 'csv'], env);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    const rows = parse(result.stdout, { columns: true }) as ReportRow[];
    expect(rows.filter((r) => r.status === 'MATCH')).toEqual([]);
    expect(rows.filter((r) => r.status === 'NO_MATCH')).toHaveLength(4);
  }, 60_000);

  it('answers mistakes with a message and exit code 2, never a stack trace', async () => {
    await fs.writeFile(file('no-name.csv'), 'Who,Country\nA,IR\n');
    const cases: [string[], RegExp][] = [
      [['screen', file('parties.csv')], /say where to screen: --url <hub> with --token, or --agency <id>/],
      [['screen', file('parties.csv'), '--url', hub!.url, '--agency', 'us-ofac'], /either --url .* or --agency/],
      [['screen', file('parties.csv'), '--url', hub!.url], /--url: give the token/],
      [['screen', file('missing.csv'), '--agency', 'us-ofac'], /cannot read .*missing\.csv: no such file/],
      [['screen', file('no-name.csv'), '--agency', 'us-ofac'], /no column holds the party name \(the columns are "Who", "Country"\)/],
      [['screen', file('parties.csv'), '--agency', 'us-ofac', '--map', 'Client=name'], /the file has no column "Client"/],
      [['screen', file('parties.csv'), '--agency', 'us-ofac', '--threshold', '2'], /--threshold: must be a score from 0.5 to 1/],
      [['screen', file('parties.csv'), '--agency', 'us-ofac', '--format', 'xlsx'], /--format: "xlsx" is not a format; use csv or jsonl/],
      [['screen', file('parties.csv'), '--agency', 'nobody'], /the hub knows no agency "nobody"/],
      [['screen', file('parties.csv'), '--url', hub!.url, '--token', 'not-a-token'], /the hub refused the screening: UNAUTHENTICATED/],
      [['screen', file('parties.csv'), '--url', 'http://127.0.0.1:9', '--token', token], /cannot reach the hub at http:\/\/127\.0\.0\.1:9/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, env);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr, args.join(' ')).not.toMatch(STACK_TRACE);
      expect(result.code, args.join(' ')).toBe(2);
    }
  }, 120_000);

  it('screens on the database by itself once the hub is stopped', async () => {
    await hub!.stop();
    hub = undefined;
    const result = await runCli(['screen', file('parties.csv'), '--agency', 'us-ofac', '--map', 'Passport / ID=identifiers', '--threshold', '0.9'], env);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(1);
    const rows = parse(result.stdout, { columns: true }) as ReportRow[];
    expect(summary(rows)['2']).toEqual({ status: 'MATCH', matched: [ids.korolev] });
    expect(summary(rows)['5']).toEqual({ status: 'MATCH', matched: [ids.vessel] });
  }, 60_000);
});
