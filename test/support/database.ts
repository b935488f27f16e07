import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle, type DatabaseOptions } from '../../src/db/client.ts';

export interface TestDatabase {
  readonly handle: DatabaseHandle;
  readonly kind: 'pglite' | 'postgres';
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: embedded PGlite in memory by default, or a
 * new database on the server named by DATABASE_URL (dropped afterwards), so that test files
 * running in parallel never see each other's rows.
 */
export async function createTestDatabase(options: DatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ kind: 'pglite-memory' }, options);
    await handle.migrate();
    return { handle, kind: 'pglite', dispose: () => handle.close() };
  }
  const name = `interlock_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() }, options);
  await handle.migrate();
  return {
    handle,
    kind: 'postgres',
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
