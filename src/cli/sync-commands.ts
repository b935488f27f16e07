import type { Command } from 'commander';
import { loadConfig } from '../config/env.ts';
import type { PullResult } from '../modules/sync/pull.ts';
import type { PeerStatus } from '../modules/sync/peer-sync.ts';
import { runDataCommand } from './local-database.ts';

/** `interlock sync pull|status`: run in the hub when it holds the embedded database, else here. */
export function registerSyncCommands(program: Command): void {
  const sync = program.command('sync').description('Hub-to-hub sync with the peers of policies/peers.yaml (docs/sync.md).');
  sync
    .command('pull')
    .description('Pull every bundle a peer has ready, verify each and apply it with its cursor.')
    .requiredOption('--peer <id>', 'the peer id in policies/peers.yaml')
    .action(async (options: { peer: string }) => {
      const config = loadConfig();
      const result = (await runDataCommand(config, 'sync-pull', { peer: options.peer, policiesDir: config.policiesDir, hubIssuer: config.hubIssuer }, () => undefined)) as PullResult;
      process.stdout.write(`${JSON.stringify(result)}\n`);
      if (!result.ok) process.exitCode = 1;
    });
  sync
    .command('status')
    .description('Per peer: lag in changes (asked of the peer) and in seconds, cursor, last success, last error.')
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      const config = loadConfig();
      const rows = (await runDataCommand(config, 'sync-status', { policiesDir: config.policiesDir, hubIssuer: config.hubIssuer }, () => undefined)) as PeerStatus[];
      if (options.json) return void process.stdout.write(`${JSON.stringify(rows)}\n`);
      if (rows.length === 0) return void process.stdout.write('No peers to pull from in policies/peers.yaml.\n');
      for (const row of rows) {
        const changes =
          row.lagChanges === null ? `lag unknown (${row.lagError})` : `${row.lagChangesComplete ? '' : 'at least '}${row.lagChanges} change${row.lagChanges === 1 ? '' : 's'} behind`;
        const seconds = row.lagSeconds === null ? 'never pulled' : `${row.lagSeconds}s behind`;
        const error = row.lastError ? `; last error ${row.lastErrorAt}: ${row.lastError} (${row.consecutiveFailures} in a row)` : '; no error recorded';
        process.stdout.write(`${row.peer}: ${changes}, ${seconds}; ${row.bundlesApplied} bundles, last success ${row.lastSuccessAt ?? 'never'}${error}\n`);
      }
    });
}
