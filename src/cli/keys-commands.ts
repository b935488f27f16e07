import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { generateHubKey } from '../auth/hub-keys.ts';
import { KeyFileError } from '../auth/key-files.ts';
import { generateAgencyKeys, KeyToolError, listMintableAgencies, MAX_TOKEN_TTL_SECONDS, mintToken } from '../auth/keys.ts';
import { TrustConfigError } from '../auth/trust.ts';
import { ROLES } from '../auth/caller.ts';

/** Where the dev key tooling reads and writes; the hub reads the same trust file. */
export function keyToolPaths(env: NodeJS.ProcessEnv = process.env): { trustFile: string; keysDir: string } {
  const policiesDir = env.INTERLOCK_POLICIES_DIR || './policies';
  return {
    trustFile: path.resolve(policiesDir, 'trust.yaml'),
    keysDir: path.resolve(env.INTERLOCK_KEYS_DIR || './.interlock/keys'),
  };
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** `90`, `90s`, `15m`, `8h`, `1d` → seconds. */
export function parseTtl(value: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * UNITS[match[2] || 's']! : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_TOKEN_TTL_SECONDS) {
    throw new InvalidArgumentError('must be a duration from 1s to 24h, such as 15m or 8h');
  }
  return seconds;
}

function collectRole(value: string, previous: string[]): string[] {
  const roles = value.split(',').map((role) => role.trim()).filter(Boolean);
  const unknown = roles.find((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown !== undefined) throw new InvalidArgumentError(`unknown role ${JSON.stringify(unknown)}; roles are ${ROLES.join(', ')}`);
  return [...previous, ...roles];
}

/** Problems the user can fix go to stderr with exit code 2; anything else is a bug and propagates. */
async function reportingUserErrors(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof KeyToolError || error instanceof KeyFileError || error instanceof TrustConfigError) {
      process.stderr.write(`interlock: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('Agency signing keys for development and demos, and the hub\'s own signing key.');
  keys
    .command('generate')
    .description(
      'Create an ES256 signing key for an agency (a rotation if it has one) and trust it in <policies>/trust.yaml; ' +
        'with --hub, a new current Ed25519 key for this hub (older public keys stay published at /.well-known/jwks.json).',
    )
    .option('--agency <id>', 'agency id, e.g. us-ofac')
    .option('--hub', "the hub's own key, for signing sync bundles and records", false)
    .option('--issuer <url>', 'token issuer for a new trust entry (default https://<agency>.agencies.interlock.local/)')
    .option('--audience <aud>', 'token audience for a new trust entry, when not the file default')
    .addHelpText('after', '\nEnvironment: INTERLOCK_POLICIES_DIR (./policies), INTERLOCK_KEYS_DIR (./.interlock/keys).')
    .action((options: { agency?: string; hub: boolean; issuer?: string; audience?: string }) =>
      reportingUserErrors(async () => {
        const { hub, agency, ...rest } = options;
        if (hub === (agency !== undefined)) throw new KeyToolError('invalid_agency', 'Give either --agency <id> or --hub.');
        const result = hub
          ? await generateHubKey(keyToolPaths().keysDir)
          : await generateAgencyKeys({ agency: agency!, ...rest, ...keyToolPaths() });
        process.stdout.write(`${JSON.stringify(result)}\n`);
      }),
    );

  program
    .command('token')
    .description('Print a signed access token for an agency; without --agency, list the agencies it can sign for.')
    .option('--agency <id>', 'agency id, e.g. us-ofac')
    .option('--role <role>', `a role to grant, repeatable (${ROLES.join(', ')})`, collectRole, [])
    .option('--ttl <duration>', 'lifetime such as 15m or 8h (at most 24h)', parseTtl, 3_600)
    .option('--sub <user>', 'subject (user id); default dev-<agency>')
    .addHelpText('after', '\nExample: TOKEN=$(interlock token --agency us-ofac --role analyst)\nEnvironment: INTERLOCK_POLICIES_DIR (./policies), INTERLOCK_KEYS_DIR (./.interlock/keys).')
    .action((options: { agency?: string; role: string[]; ttl: number; sub?: string }) =>
      reportingUserErrors(async () => {
        const { keysDir, trustFile } = keyToolPaths();
        if (options.agency === undefined) {
          const agencies = listMintableAgencies(keysDir, trustFile);
          if (agencies.length === 0) process.stderr.write('No agency has both a key and a trust entry yet: run `interlock keys generate --agency <id>`.\n');
          for (const agency of agencies) process.stdout.write(`${agency}\n`);
          return;
        }
        const token = await mintToken({ agency: options.agency, roles: options.role, ttlSeconds: options.ttl, subject: options.sub, keysDir, trustFile });
        process.stdout.write(`${token}\n`);
      }),
    );
}
