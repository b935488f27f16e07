import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../config/logger.ts';

/** The stable codes clients may branch on, carried in `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/**
 * An error the caller can act on. Capabilities create these through their own
 * `*.errors.ts`; the GraphQL layer turns them into `extensions.code`. Messages must never
 * carry values the caller may not see.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | boolean>> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A bad input value; `field` is the path within the operation's arguments, e.g. `input.aliases[1].name`. */
export function invalidInput(field: string, reason: string): AppError {
  return new AppError('BAD_USER_INPUT', `${field}: ${reason}`, { field });
}

export function notFound(kind: string, id: string): AppError {
  return new AppError('NOT_FOUND', `No ${kind} with id ${JSON.stringify(id)}.`, { id });
}

export function staleVersion(kind: string, expected: number, current: number): AppError {
  return new AppError(
    'CONFLICT',
    `The ${kind} was changed by someone else: you read version ${expected}, it is now at version ${current}. Read it again and reapply your change.`,
    { expectedVersion: expected, currentVersion: current },
  );
}

const GRAPHQL_CODES_PASSED_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo's `formatError`: known errors keep their code and message, anything else becomes
 * an opaque INTERNAL_SERVER_ERROR (logged here with its stack, never sent).
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, ...original.details },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && GRAPHQL_CODES_PASSED_THROUGH.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    if (original instanceof GraphQLError && original.extensions?.code && code !== 'INTERNAL_SERVER_ERROR') {
      return {
        message: formatted.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.extensions.code },
      };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error while executing a GraphQL operation');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
