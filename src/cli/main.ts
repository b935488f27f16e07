// type-graphql's decorators need the Reflect metadata API before any type module loads.
import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { MalformedInputError } from '../modules/imports/imported-entry.ts';
import { ImportError } from '../modules/imports/import.errors.ts';
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
import { registerImportCommands } from './import-commands.ts';
import { registerKeyCommands } from './keys-commands.ts';
import { registerSyncCommands } from './sync-commands.ts';
import { registerScreenCommand, ScreenCommandError } from './screen-command.ts';
import { PartyFileError } from '../modules/screening/party-file.ts';
import { PeersConfigError } from '../policy/peer-files.ts';
import { SyncCommandError } from '../modules/sync/peer-sync.ts';
import { PortBusyError } from './port-check.ts';
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

const audit = program.command('audit').description('The audit log.');
audit
  .command('verify')
  .description('Recompute the audit log\'s Merkle tree from every entry and check every signed tree head; names the first entry edited, removed, inserted or reordered.')
  .action(async () => {
    const config = loadConfig();
    const result = (await runDataCommand(config, 'audit-verify', { keysDir: config.keysDir }, () => undefined)) as {
      entries: number;
      treeHeads: number;
      problems: { kind: string; entry: number; message: string }[];
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    const tampered = result.problems.filter((problem) => problem.kind !== 'unsigned');
    if (tampered.length > 0) {
      process.stderr.write(`interlock: the audit log does not verify: ${tampered[0]!.message}\n`);
      process.exit(1);
    }
  });

const jobs = program.command('jobs').description('Scheduled governance (the hub runs these itself every minute).');
jobs
  .command('run')
  .description('Run the scheduled jobs once, for cron: lapse provisional designations and controls past their sunset date, expire licenses. Safe beside running hubs.')
  .action(async () => {
    const result = await runDataCommand(loadConfig(), 'jobs-run', {}, () => undefined);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });

let jsonErrors = false;
registerImportCommands(program, (json) => (jsonErrors = json));

registerKeyCommands(program);
registerSyncCommands(program);
registerScreenCommand(program);

const schema = program.command('schema').description('The GraphQL schema (SDL).');
schema
  .command('print')
  .description('Write the SDL to schema/schema.graphql and, as a federation subgraph, schema/subgraph.graphql (or stdout with --stdout).')
  .option('--stdout', 'print instead of writing the files', false)
  .option('--subgraph', 'with --stdout: print the subgraph SDL', false)
  .action((options: { stdout: boolean; subgraph: boolean }) => printSchemaFile(options));

/** Exit codes: 2 for a mistake to fix, 130 for a cancelled command, 75 (EX_TEMPFAIL) for one to run again. */
const EXIT_CODES: Readonly<Record<string, number>> = { CANCELLED: 130, HUB_STOPPED: 75, HUB_GONE: 75 };

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
    error instanceof UnknownImportOwnerError ||
    error instanceof ImportError ||
    error instanceof PortBusyError ||
    error instanceof PeersConfigError ||
    error instanceof SyncCommandError ||
    error instanceof ScreenCommandError ||
    error instanceof PartyFileError
  ) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : error.name;
    if (jsonErrors) process.stdout.write(`${JSON.stringify({ error: { code, message: error.message } })}\n`);
    else process.stderr.write(`interlock: ${error.message}\n`);
    process.exit(EXIT_CODES[code] ?? 2);
  }
  throw error;
}
