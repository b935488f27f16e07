import type { DatabaseHandle } from '../db/client.ts';
import { keyUnscreenableDesignations, rekeyIfNormalisationChanged } from '../modules/name-matching/screening-names.ts';

/**
 * Brings a database up to this version: its migrations, then the data they cannot compute in SQL
 * (screening keys of designations written before screening existed, and of every keyed name when
 * the normalisation code changed).
 */
export async function upgradeDatabase(database: DatabaseHandle): Promise<void> {
  await database.migrate();
  await keyUnscreenableDesignations(database.db);
  await rekeyIfNormalisationChanged(database.db);
}
