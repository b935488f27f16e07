/**
 * Limits on every GraphQL document and on how fast callers may ask. Defaults start from
 * graphql-armor's and are tightened where the schema allows; none is hit by the legal requests the
 * API documents (500-row pages with nested fields, a 1,000-party screening, 5,000 entities).
 * Each is an environment variable (src/config/env.ts).
 */
export interface QueryLimits {
  /** Nested selections (fragments measured where spread). Tools' standard introspection query is 15 deep. */
  readonly maxDepth: number;
  /** Aliased fields per operation (`__typename` included: it multiplies like any other field). */
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens; variables are not tokens, so large inputs belong there. */
  readonly maxTokens: number;
  /** Characters of the document text. */
  readonly maxDocumentChars: number;
  /** The estimated cost (QUERY_COST below) an operation may reach. */
  readonly maxCost: number;
  /** Introspection and "Did you mean …" suggestions: on in development, off in production. */
  readonly introspection: boolean;
  readonly fieldSuggestions: boolean;
  /** Whether a rejection names the limit and the value found (off in production). */
  readonly exposeLimits: boolean;
}

export interface RateLimits {
  /** The window every budget below counts over. */
  readonly windowSeconds: number;
  /** Operations per agency per window (a batched request counts each operation). */
  readonly agencyOperations: number;
  /** Operations per user (token subject) of an agency per window. */
  readonly userOperations: number;
  /** Expensive operations (cost ≥ expensiveCost) per agency per window: a separate, lower budget. */
  readonly agencyExpensiveOperations: number;
  readonly expensiveCost: number;
  /** Operations per client address per window for requests without a token. */
  readonly anonymousOperations: number;
}

/**
 * So that no request stalls the others: expensive operations run a few at a time per agency,
 * long work runs off the event loop, and on the embedded database in short slices.
 */
export interface ConcurrencyLimits {
  /** Operations of one agency with cost ≥ concurrentCost running at once (a 1,000-party screening, a 500-row page)… */
  readonly agencyConcurrentOperations: number;
  /** …and waiting for one of those places, in order; one more is refused with RATE_LIMITED (429, retryAfter). */
  readonly agencyQueuedOperations: number;
  /** How long an operation waits for a place before it is refused the same way. */
  readonly maxQueueWaitMs: number;
  readonly concurrentCost: number;
  /** Threads scoring names (src/modules/screening/scoring-pool.ts); 0: from the machine's parallelism. */
  readonly scoringThreads: number;
  /** On the embedded database, how long one slice of a screening batch holds the database (ms). */
  readonly screeningSliceMs: number;
}

export const DEFAULT_CONCURRENCY_LIMITS: ConcurrencyLimits = {
  agencyConcurrentOperations: 2,
  agencyQueuedOperations: 16,
  maxQueueWaitMs: 30_000,
  concurrentCost: 10_000,
  scoringThreads: 0,
  screeningSliceMs: 10,
};

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 15,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 5_000,
  maxDocumentChars: 100_000,
  maxCost: 100_000,
  introspection: true,
  fieldSuggestions: true,
  exposeLimits: true,
};

export const DEFAULT_RATE_LIMITS: RateLimits = {
  windowSeconds: 60,
  agencyOperations: 20_000,
  userOperations: 10_000,
  agencyExpensiveOperations: 600,
  expensiveCost: 20_000,
  anonymousOperations: 600,
};

/**
 * The cost weights. Every selected field costs FIELD; a field with a `first` argument (a Relay
 * connection) multiplies what is selected inside it by `first` (its default page when not given),
 * because that is how many rows the hub reads; `screen` costs PARTY per screened party (each is a
 * name retrieval over every visible designation) and multiplies its result selection by the party
 * count; `_entities` multiplies by its representations, and of fragments on the types of a union or
 * interface only the dearest counts (a row is of one type). So a 500-row page of 30 fields costs
 * about 15,000, a 1,000-party screening with its matches about 20,000, a gateway's 5,000 entities of
 * a dozen fields about 65,000, all below maxCost, while a dozen copies of a large page, or pages
 * nested in pages, are not.
 */
export const QUERY_COST = {
  FIELD: 1,
  /** The page the connections return without `first` (src/kernel connections). */
  DEFAULT_PAGE: 50,
  PARTY: 10,
} as const;
