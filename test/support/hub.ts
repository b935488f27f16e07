import { pino } from 'pino';
import { startHub, type RunningHub } from '../../src/server/hub.ts';
import type { Database } from '../../src/db/client.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestHub {
  readonly url: string;
  readonly db: Database;
  readonly database: TestDatabase;
  /** POSTs an operation to /graphql over real HTTP. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** Starts a real hub on a random port over a fresh test database. */
export async function startTestHub(): Promise<TestHub> {
  const database = await createTestDatabase();
  let hub: RunningHub;
  try {
    hub = await startHub({
      config: { port: 0, host: '127.0.0.1', shutdownGraceMs: 2_000, production: false },
      log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      database: database.handle,
    });
  } catch (error) {
    await database.dispose();
    throw error;
  }
  return {
    url: hub.url,
    db: database.handle.db,
    database,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse<never>;
      return { ...body, status: response.status };
    },
    async stop() {
      await hub.stop();
      await database.dispose();
    },
  };
}

/** The `extensions.code` of each error, for compact assertions. */
export const errorCodes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((e) => e.extensions?.code);
