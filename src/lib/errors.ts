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
