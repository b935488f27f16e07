import type { Config } from '../config/env.ts';
import { createLogger } from '../config/logger.ts';
import { readDataDirLock } from '../db/data-dir-lock.ts';
import { openConfiguredDatabase } from './local-database.ts';
import { upgradeDatabase } from './upgrade.ts';

export async function migrate(config: Config): Promise<void> {
  const log = createLogger(config);
  if (!config.databaseUrl && (await readDataDirLock(config.dataDir))?.role === 'hub') {
    // A running hub applied every migration it knows when it started.
    log.info({ dataDir: config.dataDir }, 'a hub is running on this data directory and has already migrated it');
    return;
  }
  const opened = await openConfiguredDatabase(config, 'interlock migrate');
  try {
    await upgradeDatabase(opened.database);
    log.info({ database: opened.database.location }, 'database is up to date');
  } finally {
    await opened.close();
  }
}
