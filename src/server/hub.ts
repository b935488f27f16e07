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
import { runInRequestScope, type CallerSettings } from '../db/row-security.ts';
import { ANONYMOUS_CALLER, callerSettings } from '../policy/row-security.ts';
import { enforceFieldRules } from '../policy/field-rules.ts';
import { PolicyStore } from '../policy/policy-store.ts';
import { CATALOGUE, type RecordType } from '../policy/catalogue.ts';
import { AccessDecision } from '../policy/decision.ts';
import type { Viewer } from '../policy/viewer.ts';
import { createServices } from '../app/services.ts';
import { type AppContext } from '../kernel/context.ts';
import { startLicenseWatch } from '../modules/licensing/license-watch.ts';
import { startScheduler } from '../modules/governance/scheduled-jobs.ts';
import { AppError } from '../lib/errors.ts';
import { createErrorFormatter } from './errors.ts';
import { createHttpServer } from './http.ts';
import type { PeerHub } from '../policy/peer-files.ts';
import { BundleServer, bundleRequestFrom } from '../modules/sync/bundle-serving.ts';
import { buildInterlockSubgraph } from '../app/subgraph.ts';
import { DEFAULT_CONCURRENCY_LIMITS, DEFAULT_QUERY_LIMITS, DEFAULT_RATE_LIMITS, type ConcurrencyLimits, type QueryLimits, type RateLimits } from '../config/limits.ts';
import { ScoringPool, defaultScoringThreads } from '../modules/screening/scoring-pool.ts';
import { ConcurrencyGate } from './concurrency-gate.ts';
import { queryLimitRules } from './query-limits.ts';
import { createRateLimiter, type RateLimiter } from './rate-limits.ts';
import { operationLimitsPlugin } from './operation-limits.ts';
import { auditPlugin } from './audit-plugin.ts';
import { RequestAudit, recordWrites } from '../modules/audit/request-audit.ts';
import { bundleHash } from '../modules/sync/signed-json.ts';
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
    /** Default: DEFAULT_CONCURRENCY_LIMITS. */
    concurrency?: ConcurrencyLimits;
    /** How often the hub signs a tree head of its audit log when it has grown (default 60 s). */
    auditTreeHeadIntervalMs?: number;
    /** How often scheduled governance (sunsets, license expiry) runs (default 60 s); 0 turns it off (tests that drive it themselves). */
    schedulerIntervalMs?: number;
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
  /** Benchmarks only: `disabled-for-benchmark` appends no audit entries, to measure what auditing costs. */
  audit?: 'enforced' | 'disabled-for-benchmark';
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

export async function startHub({ config, log, database, identity, hubKeys, authorization = 'enforced', audit = 'enforced', clock, cursorKey, sync }: HubOptions): Promise<RunningHub> {
  const concurrency = config.concurrency ?? DEFAULT_CONCURRENCY_LIMITS;
  // Names are scored on threads of their own, so that a large batch leaves the event loop free.
  const scoring = new ScoringPool(concurrency.scoringThreads || defaultScoringThreads());
  const audited = audit === 'enforced';
  const services = createServices(database.db, {
    riskPolicyFile: config.riskPolicyFile,
    // The embedded database is one session for every request: a batch takes it in short slices.
    batchReads: database.driver === 'postgres' ? { connections: SCREENING_CONNECTIONS } : { sliceMs: concurrency.screeningSliceMs },
    scorer: scoring,
    cursorKey,
    hubKey: () => hubKeys?.current,
    transparencyThreshold: config.transparencyThreshold,
  });
  const policy = new PolicyStore(services.agreements, undefined, clock);
  await services.licenses.loadRiskPolicy();
  const enforced = authorization === 'enforced';
  /** The database's second wall for a caller; none when authorization is off for a benchmark. */
  const rowSecurityFor = (access: AccessDecision): CallerSettings | null => (access.isUnrestricted() ? null : callerSettings(access));
  // Served as a federation subgraph, so that a gateway can join the hub's records with other
  // agencies' services; `_entities` is one more door under the same field rules.
  const subgraph = await buildInterlockSubgraph();
  // Mutations tell the request's audit trail what they wrote; the field mask, what it released.
  const withWrites = recordWrites(subgraph);
  const schema = enforced ? enforceFieldRules(withWrites) : withWrites;

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
  const expensiveOperations = new ConcurrencyGate({
    running: concurrency.agencyConcurrentOperations,
    queued: concurrency.agencyQueuedOperations,
    maxWaitMs: concurrency.maxQueueWaitMs,
  });
  /** A peer hub's request: authenticated like /graphql, rate-limited as an expensive operation. */
  const asPeer = async (authorization: string | undefined, answer: (viewer: Viewer) => Promise<SyncAnswer>): Promise<SyncAnswer> => {
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
    // A bundle is an expensive operation: it takes one of the agency's places like a large query.
    const admission = await expensiveOperations.enter(caller.agencyId);
    if (!admission.admitted) {
      return { ...syncError(429, 'RATE_LIMITED', `Too many expensive operations of yours are running or waiting; retry after 2 s.`), retryAfter: 2 };
    }
    try {
      const access = await policy.decisionFor(caller.agencyId);
      // The second wall: the peer's reads run as the request role, scoped to its agency and grants.
      return await runInRequestScope({ caller: rowSecurityFor(access) }, () => answer({ caller, access }));
    } catch (error) {
      if (error instanceof AppError) return syncError(400, error.code, error.message);
      throw error;
    } finally {
      admission.release();
    }
  };
  /** `GET /sync/bundles`: one page of the peer's changes as one compact JWS. */
  const bundles = async (authorization: string | undefined, query: URLSearchParams) => {
    const request = bundleRequestFrom(query);
    if ('problem' in request) return syncError(400, 'BAD_USER_INPUT', request.problem);
    return asPeer(authorization, async (viewer) => {
      const answer = await bundleServer.serve(viewer, request);
      if (answer.kind === 'refused') return syncError(answer.status, answer.code, answer.message);
      log.info({ peer: answer.peer, records: answer.records, tombstones: answer.tombstones }, 'served a sync bundle');
      if (audited) {
        await services.audit.appender.append({
          kind: 'bundle_served',
          agency: viewer.caller.agencyId,
          user: viewer.caller.userId,
          peer: answer.peer,
          records: answer.records,
          tombstones: answer.tombstones,
          bundleHash: bundleHash(answer.jws),
        });
      }
      return { status: 200, body: answer.jws, contentType: 'application/jose' };
    });
  };
  /** `GET /sync/pending`: how many changes the peer's bundles would carry after its cursor (its lag). */
  const pending = async (authorization: string | undefined, query: URLSearchParams) =>
    asPeer(authorization, async (viewer) => {
      const answer = await bundleServer.pending(viewer, query.get('after') || null);
      if (answer.kind === 'refused') return syncError(answer.status, answer.code, answer.message);
      return { status: 200, body: { changes: answer.changes, complete: answer.complete } };
    });
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
      operationLimitsPlugin(queryLimits, rateLimits, rateLimiter, { gate: expensiveOperations, cost: concurrency.concurrentCost }),
      ...(audited ? [auditPlugin(services.audit.appender)] : []),
    ],
  });
  await apollo.start();

  let stopping = false;
  const server = createHttpServer({
    apollo: apollo as never,
    log,
    context: async (req, requestId, scope, holdUntilRecorded) => {
      const viewer = await viewerFor(req);
      // From here on the request's statements run as the request role with the caller's rights.
      scope.caller = viewer ? rowSecurityFor(viewer.access) : enforced ? ANONYMOUS_CALLER : null;
      return {
        requestId,
        viewer,
        clientAddress: req.socket.remoteAddress,
        log: log.child({ requestId }),
        services,
        memo: new Map(),
        ...(viewer && audited ? { audit: new RequestAudit(), holdResponseUntilRecorded: holdUntilRecorded } : {}),
      } satisfies AppContext as never;
    },
    health: () => ({ status: 200, body: { status: 'ok' } }),
    jwks: () => hubKeys?.published,
    bundles,
    pending,
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
  const licenseWatch = startLicenseWatch(database.db, (agencyId) => policy.decisionFor(agencyId), log, config.licenseWatchIntervalMs, () =>
    services.licenses.loadRiskPolicy(),
  );
  // Sunsets and expiries; safe beside other hubs on the same PostgreSQL (see scheduled-jobs.ts).
  const scheduler = config.schedulerIntervalMs === 0 ? undefined : startScheduler(database.db, log, config.schedulerIntervalMs);
  // Signed tree heads at a regular interval (and on demand: publishAuditTreeHead).
  const publishTreeHead = () =>
    services.audit.publishTreeHead().catch((error: unknown) => log.error({ err: error }, 'could not publish an audit tree head'));
  const treeHeadTimer = audited ? setInterval(() => void publishTreeHead(), config.auditTreeHeadIntervalMs ?? 60_000) : undefined;
  treeHeadTimer?.unref();
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
      await scheduler?.stop();
      await apollo.stop();
      await scoring.close();
      if (treeHeadTimer) clearInterval(treeHeadTimer);
      await services.audit.appender.settled();
      // The last entries are committed to before the hub goes.
      if (audited) await publishTreeHead();
    },
  };
}

/** What the sync routes answer (src/server/http.ts sends it). */
type SyncAnswer = { status: number; body: unknown; contentType?: string; retryAfter?: number };
const syncError = (status: number, code: string, message: string): SyncAnswer => ({ status, body: { error: { code, message } } });
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
