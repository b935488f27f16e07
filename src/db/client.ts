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
import { callerStatement, currentCaller } from './row-security.ts';
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
   * A parameterised statement on a connection of its own, outside drizzle, in the shape node-postgres answers
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

export interface DatabaseOptions {
  /** Called with the text of every statement drizzle sends (tests count statements per request). */
  onStatement?: (text: string) => void;
}

export async function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.maxConnections, options) : openPglite(target, options);
}

const loggerFor = ({ onStatement }: DatabaseOptions) => (onStatement ? { logger: { logQuery: (text: string) => onStatement(text) } } : {});

async function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' | 'pglite-memory' }>, options: DatabaseOptions): Promise<DatabaseHandle> {
  let dataDir: string | undefined;
  if (target.kind === 'pglite') {
    dataDir = path.join(target.dataDir, 'pgdata');
    await fs.mkdir(dataDir, { recursive: true });
  }
  // On a thread of its own, so that a long statement holds the database, not the hub (pglite-thread.ts).
  const client = await PGliteThread.open(dataDir);
  const db = drizzlePglite({ client: callerScopedPglite(client) as never, schema, ...loggerFor(options) }) as unknown as Database;
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

async function openPostgres(url: string, maxConnections = 10, options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  // Statements of up to MAX_PREPARED_PARAMETERS are prepared once per connection (see
  // callerScopedPostgres) but planned for their parameters each time, as an unnamed statement
  // would be: a generic plan could pick the sort of every visible row that the page-plan test rules out.
  const client = postgres(url, { max: maxConnections, onnotice: () => {}, connection: { application_name: 'interlock', plan_cache_mode: 'force_custom_plan' } });
  const db = drizzlePostgres({ client: callerScopedPostgres(client), schema, ...loggerFor(options) }) as unknown as Database;
  // The rate limiter's counters get one connection of their own: every request bumps two or three,
  // and on one connection the statements of concurrent requests are pipelined and written to the
  // socket together instead of one write (a system call) each.
  let countersClient: postgres.Sql | undefined;
  const counters = () => (countersClient ??= postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'interlock-counters' } }));
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
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), countersClient?.end({ timeout: 5 })]);
    },
    rawQuery: async (text, values) => {
      const rows = await counters().unsafe(text, values as never[], { prepare: true });
      return { rows: [...rows] as Record<string, unknown>[], rowCount: rows.count };
    },
  };
}

/*
 * Row-level security (migration 0017, src/db/row-security.ts): within a request whose caller is
 * known, every statement runs in a transaction opened by callerStatement, as the request role with
 * the caller's settings. A transaction the code opens itself starts with that statement; a
 * statement outside one becomes a transaction of its own, the settings sent with it in one
 * round trip. Elsewhere (no request, or the caller not yet known) the drivers run unchanged.
 */

/** PGlite answers one statement at a time; a caller's statement is BEGIN, callerStatement, it, COMMIT, sent to its thread at once. */
function callerScopedPglite(client: PGliteThread): PGliteThread {
  const query: PGliteThread['query'] = (text, params, options) => {
    const caller = currentCaller();
    if (caller === null) return client.query(text, params, options);
    return client.queryInTransaction(callerStatement(caller), text, params, options);
  };
  const transaction: PGliteThread['transaction'] = (work) => {
    const caller = currentCaller();
    if (caller === null) return client.transaction(work);
    return client.transaction(work, callerStatement(caller));
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'transaction') return transaction;
      // Its methods must see the client itself, not the proxy.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * postgres.js: a caller's statement is one transaction on one reserved connection, written in one
 * go: `BEGIN; callerStatement` (one simple query), the statement, COMMIT, pipelined, so the
 * request waits for one round trip, not three (BEGIN alone used to be awaited first). If the
 * statement fails, the transaction is aborted and COMMIT rolls it back. drizzle reads
 * `unsafe(...)` as a promise, or calls `.values()` on it, and opens transactions with `begin`.
 */
const MAX_PREPARED_PARAMETERS = 32;

function callerScopedPostgres(client: postgres.Sql): postgres.Sql {
  const unsafe = (text: string, params?: unknown[], givenOptions?: postgres.UnsafeQueryOptions) => {
    // drizzle asks for unnamed statements, which postgres.js describes first and binds after the
    // answer: two round trips, and a write each, per statement. A statement prepared on the
    // connection is bound at once, and pipelines with the statements around it. Statements with
    // many parameters (an `IN` list of every length, a bulk insert) stay unnamed: each length would
    // be one more statement the connection keeps until it is recycled (postgres.js: 30–60 min).
    const options = { ...givenOptions, prepare: (params?.length ?? 0) <= MAX_PREPARED_PARAMETERS };
    const caller = currentCaller();
    if (caller === null) return client.unsafe(text, params as never[], options);
    const run = async (asValues: boolean) => {
      const connection = await client.reserve();
      try {
        const statement = connection.unsafe(text, params as never[], options);
        // Each settles in the order written; the first failure is the one to report.
        const [opened, answered, committed] = await Promise.allSettled([
          connection.unsafe(`BEGIN; ${callerStatement(caller)}`).simple(),
          asValues ? statement.values() : statement,
          connection.unsafe('COMMIT').simple(),
        ]);
        for (const step of [opened, answered, committed]) if (step.status === 'rejected') throw step.reason;
        return (answered as PromiseFulfilledResult<postgres.RowList<postgres.Row[]>>).value;
      } finally {
        connection.release();
      }
    };
    return { values: () => run(true), then: (resolve: never, reject: never) => run(false).then(resolve, reject) };
  };
  const begin = (...args: unknown[]) => {
    const caller = currentCaller();
    const work = args.at(-1) as (tx: postgres.TransactionSql) => unknown;
    if (caller === null) return (client.begin as (...a: unknown[]) => unknown)(...args);
    return (client.begin as (...a: unknown[]) => unknown)(...args.slice(0, -1), async (tx: postgres.TransactionSql) => {
      // Sent now and not awaited: the work's statements follow it on the connection. If it failed,
      // they fail as "transaction aborted"; its own error is the one to report.
      const settings = tx.unsafe(callerStatement(caller)).simple().execute();
      settings.catch(() => undefined);
      try {
        const result = await work(tx);
        await settings;
        return result;
      } catch (error) {
        await settings;
        throw error;
      }
    });
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') return unsafe;
      if (property === 'begin') return begin;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
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
