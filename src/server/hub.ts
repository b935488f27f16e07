// type-graphql's decorators need the Reflect metadata API before any type module loads.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../config/env.ts';
import type { Logger } from '../config/logger.ts';
import { GraphQLError } from 'graphql';
import type { IdentityVerifier } from '../auth/identity.ts';
import type { HubSigningKeys } from '../auth/hub-keys.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { enforceFieldRules } from '../policy/field-rules.ts';
import { PolicyStore } from '../policy/policy-store.ts';
import { CATALOGUE, type RecordType } from '../policy/catalogue.ts';
import { AccessDecision } from '../policy/decision.ts';
import type { Viewer } from '../policy/viewer.ts';
import { createServices } from '../app/services.ts';
import { type AppContext } from '../kernel/context.ts';
import { startLicenseWatch } from '../modules/licensing/license-watch.ts';
import { AppError } from '../lib/errors.ts';
import { createErrorFormatter } from './errors.ts';
import { createHttpServer } from './http.ts';
import type { PeerHub } from '../policy/peer-files.ts';
import { BundleServer, bundleRequestFrom } from '../modules/sync/bundle-serving.ts';
import { buildInterlockSubgraph } from '../app/subgraph.ts';
import { DEFAULT_QUERY_LIMITS, DEFAULT_RATE_LIMITS, type QueryLimits, type RateLimits } from '../config/limits.ts';
import { queryLimitRules } from './query-limits.ts';
import { createRateLimiter, type RateLimiter } from './rate-limits.ts';
import { operationLimitsPlugin } from './operation-limits.ts';
import { transparencyEndpoint } from './transparency-endpoint.ts';

export interface HubOptions {
  config: Pick<Config, 'port' | 'host' | 'shutdownGraceMs' | 'production'> & {
    /** The GraphiQL explorer for browsers at /graphql (default: on, except in production). */
    explorer?: boolean;
    /** Smallest count the public transparency report shows (default 5). */
    transparencyThreshold?: number;
    /** How often the license watch reads the designation change feed (default 1 s). */
    licenseWatchIntervalMs?: number;
    /** The license risk policy; policies/license-risk.yaml when not given. */
    riskPolicyFile?: string;
    /** Default: DEFAULT_QUERY_LIMITS, with introspection, suggestions and exposed limits off in production. */
    queryLimits?: QueryLimits;
    rateLimits?: RateLimits;
  };
  log: Logger;
  database: DatabaseHandle;
  identity: IdentityVerifier;
  /** The hub's signing keys (`interlock keys generate --hub`); without them it publishes no JWKS. */
  hubKeys?: HubSigningKeys;
  /**
   * Benchmarks only: `disabled-for-benchmark` skips field rules and record filtering, to
   * measure what authorization costs. Never set by `interlock serve`.
   */
  authorization?: 'enforced' | 'disabled-for-benchmark';
  /** The clock agreements' validity is judged by; the system clock unless a test moves time. */
  clock?: () => Date;
  /** 32 bytes that seal `changes` cursors (see src/modules/changes); a random key per start when omitted. */
  cursorKey?: Uint8Array;
  /** This hub's issuer (INTERLOCK_HUB_ISSUER) and the hubs of policies/peers.yaml, for serving bundles. */
  sync?: { issuer: string; peers: () => readonly PeerHub[] };
}

export interface RunningHub {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly port: number;
  /** The agreements in force, as this hub caches them. */
  readonly policy: PolicyStore;
  /** The per-agency budgets every GraphQL operation counts against; other endpoints use the same. */
  readonly rateLimiter: RateLimiter;
  /** Stops taking requests, lets those in flight finish (up to the grace period), closes Apollo. */
  stop(): Promise<void>;
}

/** Connections a screening batch spreads over on PostgreSQL: the pool holds 10. */
const SCREENING_CONNECTIONS = 4;

export async function startHub({ config, log, database, identity, hubKeys, authorization = 'enforced', clock, cursorKey, sync }: HubOptions): Promise<RunningHub> {
  const services = createServices(database.db, {
    riskPolicyFile: config.riskPolicyFile,
    parallelReads: database.driver === 'postgres' ? SCREENING_CONNECTIONS : 1,
    cursorKey,
    transparencyThreshold: config.transparencyThreshold,
  });
  const policy = new PolicyStore(services.agreements, undefined, clock);
  await services.licenses.loadRiskPolicy();
  const enforced = authorization === 'enforced';
  // Served as a federation subgraph, so that a gateway can join the hub's records with other
  // agencies' services; `_entities` is one more door under the same field rules.
  const subgraph = await buildInterlockSubgraph();
  const schema = enforced ? enforceFieldRules(subgraph) : subgraph;

  /** Identity, then policy: once per request, before any resolver runs. */
  const viewerFor = async (req: IncomingMessage): Promise<Viewer | null> => {
    const header = req.headers.authorization;
    if (header === undefined) return null;
    try {
      const caller = await identity.verify(header);
      const access = enforced ? await policy.decisionFor(caller.agencyId) : unrestrictedAccess(caller.agencyId);
      return { caller, access };
    } catch (error) {
      if (error instanceof AppError) {
        // Apollo answers context failures itself; a GraphQLError keeps our code and sets 401.
        throw new GraphQLError(error.message, { extensions: { code: error.code, ...error.details, http: { status: 401 } } });
      }
      throw error;
    }
  };
  const bundleServer = new BundleServer({
    db: database.db,
    changes: services.changes,
    signer: hubKeys && sync ? { issuer: sync.issuer, key: hubKeys.current } : undefined,
    peers: sync?.peers ?? (() => []),
    agreements: () => policy.agreements(),
  });
  const rateLimits = config.rateLimits ?? DEFAULT_RATE_LIMITS;
  const rateLimiter = await createRateLimiter(rateLimits, database);
  /** `GET /sync/bundles`: authenticated like /graphql, rate-limited as an expensive operation, answered as one compact JWS. */
  const bundles = async (authorization: string | undefined, query: URLSearchParams) => {
    const request = bundleRequestFrom(query);
    if ('problem' in request) return syncError(400, 'BAD_USER_INPUT', request.problem);
    let caller;
    try {
      caller = await identity.verify(authorization);
    } catch (error) {
      if (error instanceof AppError) return syncError(401, error.code, error.message);
      throw error;
    }
    const verdict = await rateLimiter.consume({ agencyId: caller.agencyId, userId: caller.userId }, { expensive: true });
    if (!verdict.allowed) {
      return { ...syncError(429, 'RATE_LIMITED', `Too many requests; retry after ${verdict.retryAfter} s.`), retryAfter: verdict.retryAfter };
    }
    try {
      const answer = await bundleServer.serve({ caller, access: await policy.decisionFor(caller.agencyId) }, request);
      if (answer.kind === 'refused') return syncError(answer.status, answer.code, answer.message);
      log.info({ peer: answer.peer, records: answer.records, tombstones: answer.tombstones }, 'served a sync bundle');
      return { status: 200, body: answer.jws, contentType: 'application/jose' };
    } catch (error) {
      if (error instanceof AppError) return syncError(400, error.code, error.message);
      throw error;
    }
  };
  const queryLimits = config.queryLimits ?? productionDefaults(config.production);
  const limitRules = queryLimitRules(queryLimits);
  const apollo = new ApolloServer<AppContext>({
    schema,
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    introspection: queryLimits.introspection,
    validationRules: limitRules.validationRules,
    // graphql-js counts tokens while parsing and stops at the limit, before building the document.
    parseOptions: { maxTokens: queryLimits.maxTokens },
    // An array body is refused (400): each operation should be its own request, limited and counted.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The hub drains and stops itself on SIGTERM (src/cli/serve.ts); Apollo's own signal
    // handlers would race it and leave the process hanging outside tests.
    stopOnTerminationSignals: false,
    plugins: [
      // Cache hints are unused here, and computing them costs ~45% on large lists.
      ApolloServerPluginCacheControlDisabled(),
      // The default landing page loads scripts from the internet; the hub serves only the API.
      ApolloServerPluginLandingPageDisabled(),
      // Apollo turns on federated tracing for a subgraph: a gateway asking would get every
      // field's timings. The hub reports no usage, and timings are not for callers to read.
      ApolloServerPluginInlineTraceDisabled(),
      ...limitRules.plugins,
      operationLimitsPlugin(queryLimits, rateLimits, rateLimiter),
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
        viewer: await viewerFor(req),
        clientAddress: req.socket.remoteAddress,
        log: log.child({ requestId }),
        services,
        memo: new Map(),
      }) satisfies AppContext as never,
    health: () => ({ status: 200, body: { status: 'ok' } }),
    jwks: () => hubKeys?.published,
    bundles,
    transparency: transparencyEndpoint(services.transparency, rateLimiter),
    explorer: config.explorer ?? !config.production,
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
  // Flags licenses when designations change, as each licensing agency sees them.
  const licenseWatch = startLicenseWatch(database.db, (agencyId) => policy.decisionFor(agencyId), log, config.licenseWatchIntervalMs);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    policy,
    rateLimiter,
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
      await licenseWatch.stop();
      await apollo.stop();
    },
  };
}

const syncError = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });
function productionDefaults(production: boolean): QueryLimits {
  return { ...DEFAULT_QUERY_LIMITS, introspection: !production, fieldSuggestions: !production, exposeLimits: !production };
}

/** Sees every record and field: only for measuring authorization's cost in benchmarks. */
function unrestrictedAccess(agencyId: string): AccessDecision {
  return new (class extends AccessDecision {
    override releasedFields(type: RecordType) {
      return new Set(CATALOGUE[type].fields);
    }
    override isFieldReleased() {
      return true;
    }
    override isUnrestricted() {
      return true;
    }
  })(agencyId, []);
}
