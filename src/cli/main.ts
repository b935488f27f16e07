// type-graphql's decorators need the Reflect metadata API before any type module loads.
import 'reflect-metadata';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { MARKINGS } from '../db/schema/columns.ts';
import { IMPORT_FORMATS } from '../modules/imports/formats/index.ts';
import { MalformedInputError } from '../modules/imports/imported-entry.ts';
import { UnknownImportOwnerError } from '../modules/imports/import.service.ts';
import { ConfigError, loadConfig } from '../config/env.ts';
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { TrustConfigError } from '../auth/trust.ts';
import { AgreementFileError } from '../policy/agreement-files.ts';
import { AgencyDirectoryError } from '../modules/agencies/agency-directory.ts';
import { RemoteCommandError } from '../app/control-channel.ts';
import { runDataCommand } from './local-database.ts';
import { createProgress } from './progress.ts';
import { DEFAULT_DEMO_DESIGNATIONS } from './data-commands.ts';
import { registerKeyCommands } from './keys-commands.ts';
import { riskPolicyIn } from './risk-policy-file.ts';
import { serve } from './serve.ts';
import { migrate } from './migrate.ts';
import { printSchemaFile } from './schema-file.ts';

const positiveInteger = (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
};

const program = new Command('interlock')
  .description('Interlock: the multi-agency export-control and sanctions information-sharing hub.')
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
Environment: PORT (4000), HOST (127.0.0.1), DATABASE_URL (unset: embedded PGlite),
INTERLOCK_DATA_DIR (./.interlock/data), LOG_LEVEL (info), NODE_ENV (production for production mode).`,
  );

program
  .command('serve')
  .description('Run the hub: GraphQL at /graphql, /healthz and /readyz. Applies migrations first.')
  .option('--demo', 'seed demo data first when the database holds no designations', false)
  .action((options: { demo: boolean }) => serve(loadConfig(), options));

program
  .command('migrate')
  .description('Apply pending database migrations and exit.')
  .action(() => migrate(loadConfig()));

program
  .command('seed')
  .description('Add deterministic, realistic demo data: agencies, designations, control-list and threat entries, and license applications (screened under the agreements in force).')
  .option('--count <n>', 'number of designations', positiveInteger, DEFAULT_DEMO_DESIGNATIONS)
  .option('--seed <n>', 'generator seed: the same seed gives the same data', positiveInteger, 1)
  .addHelpText('after', '\nRe-running adds only what is missing; with a hub running on the same data directory, the hub does the work.')
  .action(async (options: { count: number; seed: number }) => {
    const progress = createProgress('seeding designations');
    try {
      const config = loadConfig();
      const result = await runDataCommand(config, 'seed', { ...options, riskPolicyFile: await riskPolicyIn(config.policiesDir) }, progress.update);
      progress.stop();
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      progress.stop();
    }
  });

const policies = program.command('policies').description('Agencies and sharing agreements (policies/).');
policies
  .command('apply')
  .description('Load policies/agencies.yaml and policies/agreements/*.yaml, recording a new version of each changed agreement.')
  .addHelpText('after', '\nA running hub on the same data directory applies them itself and enforces them at once.')
  .action(async () => {
    const config = loadConfig();
    const result = await runDataCommand(config, 'policies-apply', { policiesDir: config.policiesDir }, () => undefined);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });

program
  .command('import')
  .description('Import a published sanctions list as designations owned by an agency; re-importing updates, adds and delists.')
  .argument('<format>', `one of: ${Object.keys(IMPORT_FORMATS).join(', ')}`)
  .argument('<path>', 'the file (.gz read directly) or, for ofac-csv, the folder of the CSV set')
  .requiredOption('--agency <id>', 'the agency that will own (list) the designations')
  .option('--marking <marking>', `TLP marking of the records: ${MARKINGS.join(', ')}`, 'GREEN')
  .option('--json', 'print the counts as one JSON line', false)
  .addHelpText('after', `\nFormats:\n${Object.entries(IMPORT_FORMATS).map(([name, f]) => `  ${name.padEnd(12)} ${f.describe}`).join('\n')}`)
  .action(async (format: string, target: string, options: { agency: string; marking: string; json: boolean }) => {
    if (!IMPORT_FORMATS[format]) throw new InvalidArgumentError(`unknown format ${format}`);
    if (!(MARKINGS as readonly string[]).includes(options.marking)) throw new InvalidArgumentError(`unknown marking ${options.marking}`);
    const progress = createProgress(`importing ${format}`);
    const config = loadConfig();
    const result = (await runDataCommand(
      config,
      'import',
      { format, path: path.resolve(target), agency: options.agency, marking: options.marking },
      (done, _total, label) => progress.update(done, 0, label),
    )) as Record<string, unknown>;
    progress.stop();
    if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      const { added, updated, delisted, unchanged, entries, list } = result;
      process.stdout.write(`${String(list)}: ${String(entries)} entries — ${String(added)} added, ${String(updated)} updated, ${String(delisted)} delisted, ${String(unchanged)} unchanged\n`);
    }
  });

registerKeyCommands(program);

const schema = program.command('schema').description('The GraphQL schema (SDL).');
schema
  .command('print')
  .description('Write the SDL to schema/schema.graphql and, as a federation subgraph, schema/subgraph.graphql (or stdout with --stdout).')
  .option('--stdout', 'print instead of writing the files', false)
  .option('--subgraph', 'with --stdout: print the subgraph SDL', false)
  .action((options: { stdout: boolean; subgraph: boolean }) => printSchemaFile(options));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirBusyError ||
    error instanceof TrustConfigError ||
    error instanceof AgreementFileError ||
    error instanceof AgencyDirectoryError ||
    error instanceof RemoteCommandError ||
    error instanceof MalformedInputError ||
    error instanceof UnknownImportOwnerError
  ) {
    process.stderr.write(`interlock: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
