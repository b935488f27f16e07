import type { DatabaseHandle } from '../db/client.ts';
import { keyUnscreenableDesignations } from '../modules/screening/screening-names.ts';

/** Brings a database up to this version: its migrations, then the data they cannot compute in SQL. */
export async function upgradeDatabase(database: DatabaseHandle): Promise<void> {
  await database.migrate();
  await keyUnscreenableDesignations(database.db);
}
