import path from 'node:path';
import { count } from 'drizzle-orm';
import { createIdentityVerifier } from '../auth/identity.ts';
import { generateHubKey, loadHubKeys } from '../auth/hub-keys.ts';
import { loadOrCreateCursorKey } from '../auth/hub-secret.ts';
import { generateAgencyKeys, listMintableAgencies } from '../auth/keys.ts';
import { loadTrustConfig } from '../auth/trust.ts';
import type { Config } from '../config/env.ts';
import { createLogger, type Logger } from '../config/logger.ts';
import type { Database } from '../db/client.ts';
import { designations } from '../db/schema/index.ts';
import { applyPolicyFiles } from '../modules/agreements/policy-files.ts';
import { DEMO_AGENCY_IDS } from '../modules/seed/demo-agencies.ts';
import { openControlChannel, type ControlChannel } from '../app/control-channel.ts';
import { startHub } from '../server/hub.ts';
import { loadPeerSetup, startPullSchedule } from '../modules/sync/peer-sync.ts';
import { DEFAULT_DEMO_DESIGNATIONS, executeDataCommand } from './data-commands.ts';
import { openConfiguredDatabase } from './local-database.ts';
import { assertPortFree } from './port-check.ts';
import { riskPolicyIn } from './risk-policy-file.ts';
import { upgradeDatabase } from './upgrade.ts';

export async function serve(config: Config, options: { demo: boolean }): Promise<void> {
  const log = createLogger(config);
  const trustFile = path.join(config.policiesDir, 'trust.yaml');
  if (options.demo) await ensureDemoKeys(config, trustFile, log);
  const hubKeys = await hubSigningKeys(config, options.demo, log);
  // Trust is checked before the database is touched: a bad trust file stops start-up at once.
  const identity = createIdentityVerifier(loadTrustConfig(trustFile));
  // So is a bad peers file: sync with a misconfigured peer must not start half-way.
  const peers = loadPeerSetup(config.policiesDir, config.hubIssuer);

  await assertPortFree(config.host, config.port);
  const opened = await openConfiguredDatabase(config, 'hub', true);
  const { database } = opened;
  log.info({ database: database.location, driver: database.driver }, 'opening database');
  await upgradeDatabase(database);
  const policies = await applyPolicyFiles(database.db, config.policiesDir);
  log.info({ policies }, 'applied policies');
  const riskPolicyFile = await riskPolicyIn(config.policiesDir);
  log.info({ riskPolicyFile }, 'license risk policy');
  // After the policies: demo license applications are screened under the agreements in force.
  if (options.demo) await seedIfEmpty(database.db, riskPolicyFile, log);
  const cursorKey = loadOrCreateCursorKey(config.keysDir);
  const hub = await startHub({
    config: { ...config, riskPolicyFile },
    log,
    database,
    identity,
    cursorKey,
    hubKeys,
    sync: { issuer: config.hubIssuer, peers: () => peers.config.peers },
  });
  const pulls = startPullSchedule(database.db, peers, log.child({ component: 'sync' }));
  let control: ControlChannel | undefined;
  if (opened.controlSocket) {
    control = await openControlChannel(
      opened.controlSocket,
      async (request, report, signal) => {
        const result = await executeDataCommand(
          { db: database.db, progress: (done, total, label) => report({ type: 'progress', done, total, label }), signal, log },
          request.command,
          request.args,
        );
        hub.policy.invalidate();
        return result;
      },
      log,
    );
  }
  log.info({ url: `${hub.url}/graphql` }, 'Interlock hub is listening');

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down: draining requests and data commands');
    try {
      // Data commands in flight (an import) stop after their batch, record their position and
      // tell their CLI; the database stays open until they have.
      await Promise.all([hub.stop(), control?.close(), pulls.stop()]);
      await opened.close();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** The demo agencies get local signing keys on first start, so that tokens can be minted for them. */
async function ensureDemoKeys(config: Config, trustFile: string, log: Logger) {
  const mintable = new Set(listMintableAgencies(config.keysDir, trustFile));
  for (const agency of DEMO_AGENCY_IDS) {
    if (mintable.has(agency)) continue;
    await generateAgencyKeys({ agency, keysDir: config.keysDir, trustFile });
    log.info({ agency, keysDir: config.keysDir }, 'generated demo signing keys');
  }
}

/** The demo hub makes its own key on first start; otherwise a hub without one simply signs nothing. */
async function hubSigningKeys(config: Config, demo: boolean, log: Logger) {
  let keys = await loadHubKeys(config.keysDir);
  if (!keys && demo) {
    const generated = await generateHubKey(config.keysDir);
    log.info({ kid: generated.kid, keysDir: config.keysDir }, 'generated the hub signing key');
    keys = await loadHubKeys(config.keysDir);
  }
  log.info({ issuer: config.hubIssuer, kid: keys?.current.kid ?? null }, 'hub identity');
  return keys;
}

async function seedIfEmpty(db: Database, riskPolicyFile: string, log: Logger) {
  const [row] = await db.select({ n: count() }).from(designations);
  if ((row?.n ?? 0) > 0) return;
  log.info({ designations: DEFAULT_DEMO_DESIGNATIONS }, 'empty database: seeding demo data');
  let lastLogged = 0;
  const result = await executeDataCommand(
    {
      db,
      progress: (done, total) => {
        if (done - lastLogged >= 1_000 || done === total) {
          lastLogged = done;
          log.info({ done, total }, 'seeding demo data');
        }
      },
    },
    'seed',
    { riskPolicyFile },
  );
  log.info({ result }, 'demo data seeded');
}

