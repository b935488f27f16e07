import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/env.ts';
import { AppError } from '../lib/errors.ts';
import { BadPartyInput, screenRows, type BatchAnswer, type ScreenBatch } from '../modules/screening/file-screening.ts';
import { parseColumnMappings, parsePartyFile, partyFileFormatOf, type PartyFileFormat } from '../modules/screening/party-file.ts';
import { SCREENING_BOUNDS } from '../modules/screening/screening-config.ts';
import { reportHeader, reportLines, type ReportedParty, type ReportFormat } from '../modules/screening/screening-report.ts';
import { runDataCommand } from './local-database.ts';
import { createProgress } from './progress.ts';

/** A mistake in how `interlock screen` was asked, or a hub that cannot be used: a message, never a stack. */
export class ScreenCommandError extends Error {
  readonly code = 'BAD_SCREEN_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'ScreenCommandError';
  }
}

interface ScreenOptions {
  url?: string;
  token?: string;
  agency?: string;
  map: string[];
  out?: string;
  format?: string;
  inputFormat?: string;
  threshold?: string;
  maxMatches: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `interlock screen FILE`: screens a CSV or JSON-lines file of parties and writes CSV or JSON lines. */
export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description('Screen a CSV or JSON-lines file of parties (name, type, country, dateOfBirth, identifiers) and write each party with its best matches.')
    .argument('<file>', 'the parties: CSV with a header row, or JSON lines (.jsonl, .ndjson, .json)')
    .option('--url <url>', 'screen through the running hub at this address (e.g. http://127.0.0.1:4000)')
    .option('--token <jwt>', 'with --url: the bearer token to screen as (default: $INTERLOCK_TOKEN)')
    .option('--agency <id>', 'without --url: screen directly on the database as this agency, under the agreements in force')
    .option('--map <column=field>', 'read a column into a field (name, type, country, dateOfBirth, identifiers, reference); repeatable', collect, [])
    .option('--out <file>', 'write the results here instead of to stdout')
    .option('--format <format>', 'csv or jsonl (default: from the --out extension, else csv)')
    .option('--input-format <format>', 'csv or jsonl (default: from the file extension)')
    .option('--threshold <score>', `report matches scoring at least this (${SCREENING_BOUNDS.threshold.min}–${SCREENING_BOUNDS.threshold.max}; default: the hub's)`)
    .option('--max-matches <n>', 'best matches written per party', '5')
    .addHelpText(
      'after',
      `
Columns are recognised by name (name/full name, type, country/nationality, dob/date of birth, identifiers, reference/id);
--map "Full Name=name" names any other. Types: INDIVIDUAL, ENTITY, VESSEL, AIRCRAFT, ITEM (or person, company, ship).
Countries: ISO codes or English names. Dates: YYYY-MM-DD, YYYY-MM or YYYY (1969-7-16 reads as 1969-07-16; a
day-first date only where unambiguous). Identifiers: "PASSPORT:K1234567; IMO 9123456", or in JSON an array.
A row with bad values is reported by line (on stderr and in the output as REJECTED) and the others are screened;
the exit code is then 1. Output columns: ${reportHeader('csv')[0]}.`,
    )
    .action((file: string, options: ScreenOptions) => screenFile(file, options));
}

async function screenFile(file: string, options: ScreenOptions): Promise<void> {
  const request = checkOptions(file, options);
  let text: string;
  try {
    text = await fs.readFile(request.file, 'utf8');
  } catch (error) {
    throw new ScreenCommandError(`cannot read ${request.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const parsed = parsePartyFile(text, request.inputFormat, parseColumnMappings(options.map));
  for (const rejected of parsed.rejected) process.stderr.write(`interlock: line ${rejected.line}: ${rejected.problems.join('; ')}\n`);
  if (parsed.ignored.length > 0) process.stderr.write(`interlock: columns not read: ${parsed.ignored.join(', ')} (map one with --map "<column>=<field>")\n`);

  const output = request.out ? await fs.open(request.out, 'w') : null;
  const write = async (lines: string[]) => {
    if (lines.length === 0) return;
    const chunk = `${lines.join('\n')}\n`;
    if (output) await output.write(chunk);
    else if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  const progress = createProgress('screening');
  const pendingRejected = [...parsed.rejected];
  let screened = 0;
  let withMatches = 0;
  let rejected = parsed.rejected.length;
  // Rows are written in file order: a rejected row goes out before the first party after it.
  const emit = async (report: ReportedParty) => {
    while (pendingRejected.length > 0 && pendingRejected[0]!.line < report.line) await write(reportLines(pendingRejected.shift()!, request.format));
    if (!('problems' in report)) {
      screened += 1;
      if (report.matches.length > 0) withMatches += 1;
    } else {
      // Refused by the screening itself (a check the file reader does not make).
      rejected += 1;
      process.stderr.write(`interlock: line ${report.line}: ${report.problems.join('; ')}\n`);
    }
    await write(reportLines(report, request.format));
  };
  try {
    await write(reportHeader(request.format));
    const onProgress = (done: number, total: number) => progress.update(done, total, 'parties');
    if (request.hub) {
      const batches = screenThroughHub(request.hub.url, request.hub.token, request.threshold);
      for await (const report of screenRows(parsed.rows, batches, { maxMatches: request.maxMatches, onProgress })) await emit(report);
    } else if (parsed.rows.length > 0) {
      const reports = (await runDataCommand(
        loadConfig(),
        'screen',
        { agency: request.agency, rows: parsed.rows, threshold: request.threshold, maxMatches: request.maxMatches },
        onProgress,
      ).catch((error: unknown) => {
        if (error instanceof AppError) throw new ScreenCommandError(error.message);
        throw error;
      })) as ReportedParty[];
      for (const report of reports) await emit(report);
    }
    while (pendingRejected.length > 0) await write(reportLines(pendingRejected.shift()!, request.format));
  } finally {
    progress.stop();
    await output?.close();
  }
  process.stderr.write(
    `interlock: screened ${screened} ${screened === 1 ? 'party' : 'parties'}, ${withMatches} with matches` +
      `${rejected ? `; ${rejected} ${rejected === 1 ? 'row' : 'rows'} rejected` : ''}${request.out ? ` → ${request.out}` : ''}\n`,
  );
  if (rejected > 0) process.exitCode = 1;
}

interface ScreenRequest {
  file: string;
  inputFormat: PartyFileFormat;
  format: ReportFormat;
  out: string | null;
  threshold: number | null;
  maxMatches: number;
  hub: { url: string; token: string } | null;
  agency: string | null;
}

function checkOptions(file: string, options: ScreenOptions): ScreenRequest {
  const format = (value: string | undefined, option: string): PartyFileFormat | undefined => {
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === 'csv') return 'csv';
    if (['jsonl', 'ndjson', 'json'].includes(lower)) return 'jsonl';
    throw new ScreenCommandError(`${option}: "${value}" is not a format; use csv or jsonl`);
  };
  let threshold: number | null = null;
  if (options.threshold !== undefined) {
    threshold = Number(options.threshold);
    const { min, max } = SCREENING_BOUNDS.threshold;
    if (!Number.isFinite(threshold) || threshold < min || threshold > max) throw new ScreenCommandError(`--threshold: must be a score from ${min} to ${max}`);
  }
  const maxMatches = Number(options.maxMatches);
  if (!Number.isSafeInteger(maxMatches) || maxMatches < 1 || maxMatches > 100) throw new ScreenCommandError('--max-matches: must be a whole number from 1 to 100');
  const token = options.token ?? process.env.INTERLOCK_TOKEN;
  if (options.url && options.agency) throw new ScreenCommandError('give either --url (screen through a hub, with --token) or --agency (screen on the database), not both');
  if (!options.url && !options.agency) throw new ScreenCommandError('say where to screen: --url <hub> with --token, or --agency <id> to screen directly on the database');
  if (options.url && !token) throw new ScreenCommandError('--url: give the token to screen as with --token or $INTERLOCK_TOKEN');
  let hub: ScreenRequest['hub'] = null;
  if (options.url) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new ScreenCommandError(`--url: "${options.url}" is not an address; e.g. http://127.0.0.1:4000`);
    }
    if (!['http:', 'https:'].includes(url.protocol)) throw new ScreenCommandError(`--url: "${options.url}" is not an http(s) address`);
    hub = { url: url.toString().replace(/\/(graphql)?\/?$/, ''), token: token! };
  }
  return {
    file: path.resolve(file),
    inputFormat: format(options.inputFormat, '--input-format') ?? partyFileFormatOf(file),
    format: format(options.format, '--format') ?? (options.out ? partyFileFormatOf(options.out) : 'csv'),
    out: options.out ? path.resolve(options.out) : null,
    threshold,
    maxMatches,
    hub,
    agency: options.agency ?? null,
  };
}

const SCREEN_QUERY = `query ScreenFile($input: [PartyInput!]!, $threshold: Float) {
  screen(input: $input, threshold: $threshold) {
    listVersion
    matches {
      matchedName
      score
      designation { id primaryName }
      explanation { nameSimilarity tokenOverlap matchedNameStrength identifierMatched dateOfBirth country subjectType adjustments { feature points reason } }
    }
    suppressed { match { score } }
  }
}`;

interface GraphQLAnswer {
  data?: { screen: { listVersion: string; matches: (Omit<BatchAnswer['matches'][number], 'designationId' | 'primaryName'> & { designation: { id: string; primaryName: string | null } })[]; suppressed: unknown[] }[] } | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** Times a batch the hub's rate limit refuses is tried again, after the wait it asks for. */
const RATE_LIMIT_RETRIES = 5;

/** Screens batches with the hub's `screen` operation (GraphQL over HTTP). */
export function screenThroughHub(url: string, token: string, threshold: number | null): ScreenBatch {
  const endpoint = `${url}/graphql`;
  return async (parties) => {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: SCREEN_QUERY, variables: { input: parties, threshold } }),
        });
      } catch (error) {
        throw new ScreenCommandError(`cannot reach the hub at ${url}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
      }
      if (response.status === 429 && attempt < RATE_LIMIT_RETRIES) {
        const wait = Math.min(60, Number(response.headers.get('retry-after')) || 1);
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        continue;
      }
      let body: GraphQLAnswer;
      try {
        body = (await response.json()) as GraphQLAnswer;
      } catch {
        throw new ScreenCommandError(`the hub at ${url} answered HTTP ${response.status} without a GraphQL response: is it an Interlock hub?`);
      }
      // Errors on fields inside a match (a primary name withheld from the caller) leave the rest of the answer good.
      const fatal = (body.errors ?? []).filter((e) => !e.path || e.path.length <= 1);
      const badInput = fatal.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
      if (badInput) throw new BadPartyInput(badInput.message);
      if (fatal.length > 0 || !body.data) {
        const [first] = fatal.length > 0 ? fatal : (body.errors ?? []);
        const code = first?.extensions?.code;
        const hint = code === 'UNAUTHENTICATED' ? ' (is the token current and issued by an agency the hub trusts?)' : '';
        throw new ScreenCommandError(`the hub refused the screening: ${code ? `${code}: ` : ''}${first?.message ?? `HTTP ${response.status}`}${hint}`);
      }
      return body.data.screen.map((result) => ({
        listVersion: result.listVersion,
        suppressed: result.suppressed.length,
        matches: result.matches.map(({ designation, ...match }) => ({ ...match, designationId: designation.id, primaryName: designation.primaryName })),
      }));
    }
  };
}
