import type { Config } from '../config/env.ts';
import { createLogger } from '../config/logger.ts';
import { count } from 'drizzle-orm';
import { designations } from '../db/schema/index.ts';
import { openControlChannel, type ControlChannel } from '../server/control-channel.ts';
import { startHub } from '../server/hub.ts';
import { executeDataCommand, DEFAULT_DEMO_DESIGNATIONS } from './data-commands.ts';
import { openConfiguredDatabase } from './local-database.ts';

export async function serve(config: Config, options: { demo: boolean }): Promise<void> {
  const log = createLogger(config);
  const opened = await openConfiguredDatabase(config, 'hub', true);
  const { database } = opened;
  log.info({ database: database.location, driver: database.driver }, 'opening database');
  await database.migrate();

  if (options.demo) await seedIfEmpty(opened.database.db, log);

  const hub = await startHub({ config, log, database });
  let control: ControlChannel | undefined;
  if (opened.controlSocket) {
    control = await openControlChannel(
      opened.controlSocket,
      (request, report) =>
        executeDataCommand(
          { db: database.db, progress: (done, total, label) => report({ type: 'progress', done, total, label }) },
          request.command,
          request.args,
        ),
      log,
    );
  }
  log.info({ url: `${hub.url}/graphql` }, 'Interlock hub is listening');

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down: draining requests');
    try {
      await hub.stop();
      await control?.close();
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

async function seedIfEmpty(db: Parameters<typeof executeDataCommand>[0]['db'], log: ReturnType<typeof createLogger>) {
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
    {},
  );
  log.info({ result }, 'demo data seeded');
}
