// type-graphql's decorators need the Reflect metadata API before any type module loads.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../config/env.ts';
import type { Logger } from '../config/logger.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createServices, type AppContext } from './app-context.ts';
import { createErrorFormatter } from './errors.ts';
import type { Caller } from './graphql/context.ts';
import { createHttpServer } from './http.ts';
import { buildInterlockSchema } from './schema.ts';

export interface HubOptions {
  config: Pick<Config, 'port' | 'host' | 'shutdownGraceMs' | 'production'>;
  log: Logger;
  database: DatabaseHandle;
}

export interface RunningHub {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly port: number;
  /** Stops taking requests, lets those in flight finish (up to the grace period), closes Apollo. */
  stop(): Promise<void>;
}

/**
 * Until identity is configured the hub is open: every request acts with no agency. The
 * identity step replaces this one function.
 */
function identify(_req: IncomingMessage): Caller {
  return { agencyId: null, userId: 'anonymous', roles: [] };
}

export async function startHub({ config, log, database }: HubOptions): Promise<RunningHub> {
  const schema = await buildInterlockSchema();
  const services = createServices(database.db);
  const apollo = new ApolloServer<AppContext>({
    schema,
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [
      // Cache hints are unused here, and computing them costs ~45% on large lists.
      ApolloServerPluginCacheControlDisabled(),
      // The default landing page loads scripts from the internet; the hub serves only the API.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  let stopping = false;
  const server = createHttpServer({
    apollo: apollo as never,
    log,
    context: async (req, requestId) =>
      ({
        requestId,
        caller: identify(req),
        log: log.child({ requestId }),
        services,
        memo: new Map(),
      }) satisfies AppContext as never,
    health: () => ({ status: 200, body: { status: 'ok' } }),
    readiness: async () => {
      if (stopping) return { status: 503, body: { status: 'stopping' } };
      try {
        await database.ping();
        return { status: 200, body: { status: 'ready', database: database.driver } };
      } catch {
        return { status: 503, body: { status: 'database unavailable' } };
      }
    },
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}`,
    port,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await apollo.stop();
    },
  };
}
