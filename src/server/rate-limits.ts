import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimits } from '../config/limits.ts';
import type { DatabaseHandle } from '../db/client.ts';

export const RATE_LIMITED = 'RATE_LIMITED';

/** Who asks: an agency's user, or (without a token) a client address. */
export type Asker = { agencyId: string; userId: string } | { address: string };

export interface RateLimitVerdict {
  readonly allowed: boolean;
  /** Seconds until the exhausted budget has room again (0 when allowed). */
  readonly retryAfter: number;
  readonly budget?: 'agency' | 'user' | 'expensive' | 'anonymous' | 'concurrent';
}

export interface RateLimiter {
  /**
   * Counts one operation (or, for the sync endpoint, one request) against the asker's budgets;
   * `expensive` also counts against the agency's lower budget for expensive operations.
   */
  consume(asker: Asker, options?: { expensive?: boolean }): Promise<RateLimitVerdict>;
}

/**
 * On the embedded database the hub is one process by construction (the data directory is
 * locked), so counters in memory are exact. On PostgreSQL several hubs may serve one database:
 * the counters live in an unlogged table there (rate-limiter-flexible's PostgreSQL store over the
 * hub's own connection pool), so that every process counts against the same budget.
 */
export async function createRateLimiter(limits: RateLimits, database: DatabaseHandle): Promise<RateLimiter> {
  const store = database.rawQuery ? await postgresStore(database.rawQuery) : undefined;
  const make = (keyPrefix: string, points: number): RateLimiterAbstract =>
    store
      ? new RateLimiterPostgres({ ...store, keyPrefix, points, duration: limits.windowSeconds })
      : new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds });
  const budgets = {
    agency: make('agency', limits.agencyOperations),
    user: make('user', limits.userOperations),
    expensive: make('expensive', limits.agencyExpensiveOperations),
    anonymous: make('anonymous', limits.anonymousOperations),
  };
  const take = async (budget: keyof typeof budgets, key: string): Promise<RateLimitVerdict | undefined> => {
    try {
      await budgets[budget].consume(key);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, budget, retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  };
  return {
    async consume(asker, { expensive = false } = {}) {
      const checks: [keyof typeof budgets, string][] =
        'address' in asker
          ? [['anonymous', asker.address]]
          : [
              ['agency', asker.agencyId],
              ['user', `${asker.agencyId}/${asker.userId}`],
              ...(expensive ? [['expensive', asker.agencyId] as [keyof typeof budgets, string]] : []),
            ];
      // Counted together (one round trip, not one per budget); a refused operation counts
      // against every budget, as rate-limiter-flexible counts refused attempts anyway.
      const verdicts = await Promise.all(checks.map(([budget, key]) => take(budget, key)));
      return verdicts.find((verdict) => verdict !== undefined) ?? { allowed: true, retryAfter: 0 };
    },
  };
}

type RawQuery = NonNullable<DatabaseHandle['rawQuery']>;

const TABLE = 'interlock_rate_limits';

/** The store's table is made by the store itself (it is counters, not records: unlogged, no migration). */
async function postgresStore(rawQuery: RawQuery) {
  const create = () => rawQuery(`CREATE UNLOGGED TABLE IF NOT EXISTS ${TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`, []);
  // Two hubs starting together can race on IF NOT EXISTS (a duplicate pg_type row); the second try sees the table.
  await create().catch(create);
  const storeClient = { query: ({ text, values }: { text: string; values?: unknown[] }) => rawQuery(text, values ?? []) };
  return { storeClient, storeType: 'pool', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: true } as const;
}

/** The GraphQL error for a refused operation: HTTP 429 with Retry-After. */
export function rateLimited(
  verdict: RateLimitVerdict,
  message = `Too many operations: the ${verdict.budget ?? ''} budget is spent; retry after ${verdict.retryAfter} s.`.replace('  ', ' '),
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: RATE_LIMITED,
      retryAfter: verdict.retryAfter,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(verdict.retryAfter)]]) },
    },
  });
}
