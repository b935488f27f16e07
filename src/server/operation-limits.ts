import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues } from 'graphql';
import type { QueryLimits, RateLimits } from '../config/limits.ts';
import type { AppContext } from '../kernel/context.ts';
import { operationCost, tooComplex } from './query-limits.ts';
import { rateLimited, type Asker, type RateLimiter } from './rate-limits.ts';
import type { ConcurrencyGate } from './concurrency-gate.ts';

/** What a refused place tells the client to wait: expensive operations take seconds. */
const CONCURRENCY_RETRY_AFTER_SECONDS = 2;

/**
 * Once an operation is parsed, validated and chosen, and before it runs: its cost with its
 * variables against the limit, then one operation against the caller's budgets (the expensive
 * budget too when the cost is high). Apollo runs this per operation, so a batch counts each.
 * An operation costing at least `concurrency.cost` then takes one of its agency's places for
 * expensive operations (waiting its turn, or refused) and holds it until its response is sent.
 */
export function operationLimitsPlugin(
  limits: QueryLimits,
  rates: RateLimits,
  rateLimiter: RateLimiter,
  concurrency?: { gate: ConcurrencyGate; cost: number },
): ApolloServerPlugin<AppContext> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async willSendResponse() {
          release?.();
        },
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const fragments = Object.fromEntries(
            document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [])),
          );
          // Coerced as execution will see them: a variable's default value (`$n: Int = 500`) counts too.
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          const cost = operationCost(schema, operation, fragments, 'coerced' in coerced ? coerced.coerced : {});
          if (cost > limits.maxCost) {
            throw tooComplex(limits.exposeLimits ? `Query cost ${cost} is over the limit of ${limits.maxCost}; ask for smaller pages or fewer fields.` : 'Query too complex.');
          }
          const caller = contextValue.viewer?.caller;
          const asker: Asker = caller ? { agencyId: caller.agencyId, userId: caller.userId } : { address: contextValue.clientAddress ?? 'unknown' };
          const verdict = await rateLimiter.consume(asker, { expensive: cost >= rates.expensiveCost });
          if (!verdict.allowed) throw rateLimited(verdict);
          if (concurrency && cost >= concurrency.cost) {
            const admission = await concurrency.gate.enter('address' in asker ? `address:${asker.address}` : asker.agencyId);
            if (!admission.admitted) {
              throw rateLimited(
                { allowed: false, budget: 'concurrent', retryAfter: CONCURRENCY_RETRY_AFTER_SECONDS },
                `Too many expensive operations of yours are running or waiting (${admission.reason}); retry after ${CONCURRENCY_RETRY_AFTER_SECONDS} s.`,
              );
            }
            release = admission.release;
          }
        },
      };
    },
  };
}
