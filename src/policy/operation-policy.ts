import { Extensions } from 'type-graphql';
import type { Role } from '../auth/caller.ts';

/**
 * Every query and mutation declares who may call it, next to its resolver; the field rules
 * (field-rules.ts) turn the declaration into a graphql-shield rule, and an operation that
 * declares nothing is denied to everyone (and fails the schema-walk test).
 */
export type OperationAccess =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

export const ACCESS_EXTENSION = 'access';

/** Anyone, signed in or not. */
export const PublicOperation = () => Extensions({ [ACCESS_EXTENSION]: { kind: 'public' } satisfies OperationAccess });
/** Any agency user with a valid token; what they then see is decided record by record. */
export const AuthenticatedOperation = () =>
  Extensions({ [ACCESS_EXTENSION]: { kind: 'authenticated' } satisfies OperationAccess });
/** Users holding one of `roles`. */
export const RoleOperation = (...roles: Role[]) =>
  Extensions({ [ACCESS_EXTENSION]: { kind: 'roles', roles } satisfies OperationAccess });

/**
 * The root fields Apollo Federation adds, which no resolver class declares. `_entities` is a
 * door to records like any query: signed-in callers only, and each entity is then filtered and
 * masked by its reference resolver and the field rules. `_service` returns only the schema, which
 * introspection already serves to anyone and schema/subgraph.graphql publishes; tools that read a
 * subgraph's SDL (composition, schema checks) call it without a user's token.
 */
export const FEDERATION_OPERATIONS: Readonly<Record<'_entities' | '_service', OperationAccess>> = {
  _entities: { kind: 'authenticated' },
  _service: { kind: 'public' },
};
