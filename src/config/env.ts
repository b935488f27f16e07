import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_CONCURRENCY_LIMITS, DEFAULT_QUERY_LIMITS, DEFAULT_RATE_LIMITS, type ConcurrencyLimits, type QueryLimits, type RateLimits } from './limits.ts';

/** The usual statistical disclosure threshold: counts from 1 to 4 are not published. */
export const DEFAULT_TRANSPARENCY_THRESHOLD = 5;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  INTERLOCK_DATA_DIR: z.string().min(1).default('./.interlock/data'),
  /** Trust (issuers and keys), agencies and sharing agreements. */
  INTERLOCK_POLICIES_DIR: z.string().min(1).default('./policies'),
  /** Local signing keys made by `interlock keys generate` (development and demo). */
  INTERLOCK_KEYS_DIR: z.string().min(1).default('./.interlock/keys'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * This hub's identity towards other hubs: the `iss` of its bundles and signatures and the
   * `aud` peers sign for. Default http://<HOST>:<PORT>/; set it to the public URL for federation.
   */
  INTERLOCK_HUB_ISSUER: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://hub.agency.example/' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** How long a graceful shutdown waits for requests in flight before closing them. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // Limits on every GraphQL document (src/config/limits.ts explains each).
  INTERLOCK_MAX_DEPTH: limit(DEFAULT_QUERY_LIMITS.maxDepth),
  INTERLOCK_MAX_ALIASES: limit(DEFAULT_QUERY_LIMITS.maxAliases),
  INTERLOCK_MAX_DIRECTIVES: limit(DEFAULT_QUERY_LIMITS.maxDirectives),
  INTERLOCK_MAX_TOKENS: limit(DEFAULT_QUERY_LIMITS.maxTokens),
  INTERLOCK_MAX_DOCUMENT_CHARS: limit(DEFAULT_QUERY_LIMITS.maxDocumentChars),
  INTERLOCK_MAX_COST: limit(DEFAULT_QUERY_LIMITS.maxCost),
  /** Default: on, except with NODE_ENV=production. */
  INTERLOCK_INTROSPECTION: flag(),
  INTERLOCK_FIELD_SUGGESTIONS: flag(),
  INTERLOCK_EXPOSE_LIMITS: flag(),
  // Rate limits per agency, user and (without a token) client address.
  INTERLOCK_RATE_LIMIT_WINDOW_SECONDS: limit(DEFAULT_RATE_LIMITS.windowSeconds),
  INTERLOCK_RATE_LIMIT_AGENCY: limit(DEFAULT_RATE_LIMITS.agencyOperations),
  INTERLOCK_RATE_LIMIT_USER: limit(DEFAULT_RATE_LIMITS.userOperations),
  INTERLOCK_RATE_LIMIT_EXPENSIVE: limit(DEFAULT_RATE_LIMITS.agencyExpensiveOperations),
  INTERLOCK_EXPENSIVE_COST: limit(DEFAULT_RATE_LIMITS.expensiveCost),
  INTERLOCK_RATE_LIMIT_ANONYMOUS: limit(DEFAULT_RATE_LIMITS.anonymousOperations),
  // Expensive operations at once per agency, scoring threads, screening slices (src/config/limits.ts).
  INTERLOCK_CONCURRENT_EXPENSIVE: limit(DEFAULT_CONCURRENCY_LIMITS.agencyConcurrentOperations),
  INTERLOCK_QUEUED_EXPENSIVE: limit(DEFAULT_CONCURRENCY_LIMITS.agencyQueuedOperations),
  INTERLOCK_QUEUE_WAIT_MS: limit(DEFAULT_CONCURRENCY_LIMITS.maxQueueWaitMs),
  INTERLOCK_CONCURRENT_COST: limit(DEFAULT_CONCURRENCY_LIMITS.concurrentCost),
  INTERLOCK_SCORING_THREADS: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).max(64).default(0),
  INTERLOCK_SCREENING_SLICE_MS: limit(DEFAULT_CONCURRENCY_LIMITS.screeningSliceMs),
  /** The GraphiQL explorer at /graphql for browsers. Default: on, except with NODE_ENV=production. */
  INTERLOCK_EXPLORER: flag(),
  /** The public transparency report suppresses counts below this (at least 3). */
  INTERLOCK_TRANSPARENCY_THRESHOLD: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(3, 'must be at least 3 (a threshold of 2 would publish every suppressed 1)')
    .default(DEFAULT_TRANSPARENCY_THRESHOLD),
});


function limit(fallback: number) {
  return z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').default(fallback);
}

function flag() {
  return z
    .enum(['true', 'false', '1', '0', ''], { error: 'must be true or false' })
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'));
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly policiesDir: string;
  readonly keysDir: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly production: boolean;
  readonly shutdownGraceMs: number;
  readonly hubIssuer: string;
  readonly queryLimits: QueryLimits;
  readonly rateLimits: RateLimits;
  readonly concurrency: ConcurrencyLimits;
  readonly explorer: boolean;
  readonly transparencyThreshold: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; every problem is reported, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const given = env[name];
        return `${name}=${JSON.stringify(given)}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.INTERLOCK_DATA_DIR),
    policiesDir: path.resolve(e.INTERLOCK_POLICIES_DIR),
    keysDir: path.resolve(e.INTERLOCK_KEYS_DIR),
    logLevel: e.LOG_LEVEL,
    production,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    hubIssuer: e.INTERLOCK_HUB_ISSUER ?? defaultHubIssuer(e.HOST, e.PORT),
    queryLimits: Object.freeze({
      maxDepth: e.INTERLOCK_MAX_DEPTH,
      maxAliases: e.INTERLOCK_MAX_ALIASES,
      maxDirectives: e.INTERLOCK_MAX_DIRECTIVES,
      maxTokens: e.INTERLOCK_MAX_TOKENS,
      maxDocumentChars: e.INTERLOCK_MAX_DOCUMENT_CHARS,
      maxCost: e.INTERLOCK_MAX_COST,
      introspection: e.INTERLOCK_INTROSPECTION ?? !production,
      fieldSuggestions: e.INTERLOCK_FIELD_SUGGESTIONS ?? !production,
      exposeLimits: e.INTERLOCK_EXPOSE_LIMITS ?? !production,
    }),
    explorer: e.INTERLOCK_EXPLORER ?? !production,
    transparencyThreshold: e.INTERLOCK_TRANSPARENCY_THRESHOLD,
    rateLimits: Object.freeze({
      windowSeconds: e.INTERLOCK_RATE_LIMIT_WINDOW_SECONDS,
      agencyOperations: e.INTERLOCK_RATE_LIMIT_AGENCY,
      userOperations: e.INTERLOCK_RATE_LIMIT_USER,
      agencyExpensiveOperations: e.INTERLOCK_RATE_LIMIT_EXPENSIVE,
      expensiveCost: e.INTERLOCK_EXPENSIVE_COST,
      anonymousOperations: e.INTERLOCK_RATE_LIMIT_ANONYMOUS,
    }),
    concurrency: Object.freeze({
      agencyConcurrentOperations: e.INTERLOCK_CONCURRENT_EXPENSIVE,
      agencyQueuedOperations: e.INTERLOCK_QUEUED_EXPENSIVE,
      maxQueueWaitMs: e.INTERLOCK_QUEUE_WAIT_MS,
      concurrentCost: e.INTERLOCK_CONCURRENT_COST,
      scoringThreads: e.INTERLOCK_SCORING_THREADS,
      screeningSliceMs: e.INTERLOCK_SCREENING_SLICE_MS,
    }),
  });
}

/** Where the hub listens, as a URL: enough for peers on one machine; federation sets it. */
export function defaultHubIssuer(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}
