import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../config/logger.ts';
import { AppError } from '../lib/errors.ts';
import { isTokenLimitError, QUERY_TOO_COMPLEX } from './query-limits.ts';
import { RATE_LIMITED } from './rate-limits.ts';

const GRAPHQL_CODES_PASSED_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  QUERY_TOO_COMPLEX,
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
    if (isOverLimit(original, formatted)) {
      // Armor and the parser phrase it as a syntax error; it is a well-formed document over a limit.
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: QUERY_TOO_COMPLEX } };
    }
    const code = formatted.extensions?.code;
    if (code === RATE_LIMITED) {
      return { message: formatted.message, extensions: { code, retryAfter: formatted.extensions?.retryAfter ?? 1 } };
    }
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

/**
 * graphql-armor reports its rejections as plain validation errors, and graphql-js its token limit
 * as a syntax error: both are a document over a limit, which clients should tell from a typo.
 */
function isOverLimit(original: unknown, formatted: GraphQLFormattedError): boolean {
  const cause = original instanceof GraphQLError ? original.originalError : undefined;
  if (cause instanceof GraphQLError && cause.extensions.code === QUERY_TOO_COMPLEX) return true;
  return formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitError(formatted.message);
}
