import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';
import { PGliteThread } from './pglite-thread.ts';

export type Schema = typeof schema;
/** The one database type the code sees, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database or an open transaction: repositories accept either. */
export type Executor = Database | Transaction;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; maxConnections?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' };

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: 'pglite' | 'postgres';
  /** Where the data lives, for logs (never includes a password). */
  readonly location: string;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * A parameterised statement on the pool, outside drizzle, in the shape node-postgres answers
   * (`rows`, `rowCount`): for libraries that bring their own SQL (the rate limiter's counters).
   * PostgreSQL only: the embedded database is one process, whose counters stay in memory.
   */
  readonly rawQuery?: (text: string, values: readonly unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
}

/** Runs a raw statement and returns its rows, hiding the drivers' different result shapes. */
export async function queryRows<T>(db: Executor, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.maxConnections) : openPglite(target);
}

async function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' | 'pglite-memory' }>): Promise<DatabaseHandle> {
  let dataDir: string | undefined;
  if (target.kind === 'pglite') {
    dataDir = path.join(target.dataDir, 'pgdata');
    await fs.mkdir(dataDir, { recursive: true });
  }
  // On a thread of its own, so that a long statement holds the database, not the hub (pglite-thread.ts).
  const client = await PGliteThread.open(dataDir);
  const db = drizzlePglite({ client: client as never, schema }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    location: dataDir ?? 'memory',
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => void (await client.query('select 1')),
    close: () => client.close(),
  };
}

/** Serialises hubs migrating one server at the same time. */
const MIGRATION_LOCK_KEY = 0x1e7_10c;

async function openPostgres(url: string, maxConnections = 10): Promise<DatabaseHandle> {
  const client = postgres(url, { max: maxConnections, onnotice: () => {}, connection: { application_name: 'interlock' } });
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    location: redactUrl(url),
    migrate: async () => {
      // A session-level advisory lock needs one connection held for the whole migration.
      const migrationClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await migrationClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: migrationClient }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await migrationClient.end({ timeout: 5 });
      }
    },
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => client.end({ timeout: 5 }),
    rawQuery: async (text, values) => {
      const rows = await client.unsafe(text, values as never[], { prepare: true });
      return { rows: [...rows] as Record<string, unknown>[], rowCount: rows.count };
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
