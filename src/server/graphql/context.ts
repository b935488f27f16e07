import type { Logger } from '../../config/logger.ts';
import type { Viewer } from '../../policy/viewer.ts';

export const ROLES = ['analyst', 'licensing_officer', 'verification_officer', 'agency_admin', 'hub_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, from a verified token. Built once per request by the identity step; nothing else invents a caller. */
export interface Caller {
  readonly agencyId: string;
  readonly userId: string;
  readonly roles: readonly Role[];
}

/**
 * Everything a resolver may use for one request. Per-request caches (loaders, the caller's
 * evaluated grants) hang off it so that they die with the request.
 */
export interface RequestContext<Services = unknown> {
  readonly requestId: string;
  /** The signed-in caller and its access, or null for a request without a token. */
  readonly viewer: Viewer | null;
  readonly log: Logger;
  readonly services: Services;
  /** Lazily created per-request memo, keyed by the module that owns the entry. */
  readonly memo: Map<string, unknown>;
}

/** Returns the per-request value under `key`, creating it once. */
export function perRequest<T>(context: RequestContext, key: string, create: () => T): T {
  let value = context.memo.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    context.memo.set(key, value);
  }
  return value;
}
