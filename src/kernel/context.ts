import type { Logger } from '../config/logger.ts';
import { AppError } from '../lib/errors.ts';
import type { Viewer } from '../policy/viewer.ts';
import type { RequestAuditTrail } from '../policy/audit-trail.ts';

/**
 * Everything a resolver may use for one request. Per-request caches (loaders, the caller's
 * evaluated grants) hang off it so that they die with the request.
 */
export interface RequestContext<S = unknown> {
  readonly requestId: string;
  /** The signed-in caller and its access, or null for a request without a token. */
  readonly viewer: Viewer | null;
  /** The client's network address: what rate limits count by when there is no token. */
  readonly clientAddress?: string;
  readonly log: Logger;
  readonly services: S;
  /** Lazily created per-request memo, keyed by the module that owns the entry. */
  readonly memo: Map<string, unknown>;
  /** The audit entry this request is collecting (signed-in requests only). */
  readonly audit?: RequestAuditTrail;
  /**
   * Over HTTP: the response is written only once `recorded` has settled, and is replaced by a 500
   * `AUDIT_UNAVAILABLE` error if it rejects. Storing the audit entry thus overlaps with serialising
   * the answer instead of preceding it, and still no answer leaves unrecorded.
   */
  readonly holdResponseUntilRecorded?: (recorded: Promise<void>) => void;
}

/**
 * The capabilities' services. The composition root (src/app/services.ts) fills this in by
 * declaration merging, so that resolvers are typed against every service while the kernel
 * imports no capability.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- completed by declaration merging
export interface Services {}

export type AppContext = RequestContext<Services>;

/** Returns the per-request value under `key`, creating it once. */
export function perRequest<T>(context: RequestContext, key: string, create: () => T): T {
  let value = context.memo.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    context.memo.set(key, value);
  }
  return value;
}

/** The signed-in viewer; operations are declared authenticated, so this only guards the types. */
export function requireViewer(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in: send Authorization: Bearer <token>.');
  return ctx.viewer;
}
