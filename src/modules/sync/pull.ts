/**
 * Pulling from a peer hub (docs/sync.md §4): bundles after the stored cursor until the peer has
 * no more ready, each verified whole and applied with its cursor in one transaction. A peer that
 * is down, slow or answers garbage costs a retry with backoff and a line in `sync status`; it
 * never throws out of the loop, so it can never stop the hub.
 */
import fs from 'node:fs/promises';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import type { PeerHub, PeerToken } from '../../policy/peer-files.ts';
import { applyBundle, type ApplyCounts, type ApplyOptions } from './bundle-apply.ts';
import { verifyBundle, type VerifiedBundle } from './bundle.ts';
import type { HubDirectory, KnownHub } from './hub-directory.ts';
import { BundleRejected } from './sync.errors.ts';
import { SyncRepository } from './sync.repository.ts';
import { DesignationRepository } from '../designations/designation.repository.ts';

export interface RetryPolicy {
  /** Tries per bundle, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface PullOptions {
  /** Every hub this hub knows (its peers file), to verify origins and hop chains. */
  readonly directory: HubDirectory;
  /** The peer as verification knows it (its keys). */
  readonly known: KnownHub;
  /** Bundle size asked for (default 100). */
  readonly limit?: number;
  readonly retry?: RetryPolicy;
  readonly signal?: AbortSignal;
  readonly log?: Logger;
  /** Stop after this many bundles (the rest waits for the next pull). */
  readonly maxBundles?: number;
  readonly fetch?: typeof fetch;
  /** Tests only: called inside each bundle's transaction. */
  readonly onEntryApplied?: ApplyOptions['onEntryApplied'];
  /** Called after each applied bundle (progress). */
  readonly onBundle?: (applied: { bundles: number; counts: ApplyCounts }) => void;
}

export interface PullResult {
  readonly peer: string;
  readonly ok: boolean;
  readonly bundles: number;
  readonly counts: ApplyCounts;
  readonly cursor: string | null;
  /** The peer had more ready when the pull stopped (a failure, `maxBundles`, or cancelled). */
  readonly hasMore: boolean;
  /** A rejection reason (`bad_signature`, …) or a transport failure (`unreachable`, `http_503`, …). */
  readonly error?: { readonly reason: string; readonly detail?: string };
}

/** A failure of one pull: recorded, and retried only if `transient`. */
class PullFailure extends Error {
  constructor(
    readonly reason: string,
    readonly transient: boolean,
    readonly detail?: string,
  ) {
    super(reason);
  }
}

const emptyCounts = (): ApplyCounts => ({ applied: 0, deleted: 0, unchanged: 0, older: 0, notResurrected: 0, notStored: 0, withdrawn: 0, withdrawalsIgnored: 0 });

export async function pullFromPeer(db: Database, peer: PeerHub, options: PullOptions): Promise<PullResult> {
  const sync = new SyncRepository(db);
  const counts = emptyCounts();
  // Ends a request for the next page still in flight when the pull stops early.
  const stopped = new AbortController();
  const prefetching: PullOptions = { ...options, signal: options.signal ? AbortSignal.any([options.signal, stopped.signal]) : stopped.signal };
  let bundles = 0;
  let cursor: string | null = null;
  let hasMore = true;
  try {
    if (!peer.pull) throw new PullFailure('not_pullable', false, `peer ${peer.id} has no url in policies/peers.yaml`);
    const token = await readToken(peer.pull.token);
    cursor = (await sync.peerState(peer.id))?.cursor ?? null;
    const fetchVerified = (after: string | null) =>
      withRetry(() => fetchBundle(peer.pull!.url, token, after, prefetching), prefetching).then((jws) => verifyBundle(jws, { directory: options.directory, peer: options.known }));
    let next: Promise<VerifiedBundle> | undefined;
    while (hasMore) {
      if (options.signal?.aborted) return { peer: peer.id, ok: true, bundles, counts, cursor, hasMore };
      if (options.maxBundles !== undefined && bundles >= options.maxBundles) break;
      const verified = await (next ?? fetchVerified(cursor));
      // The next page is fetched and verified while this one is applied, so the serving hub's
      // work and this hub's checks overlap this hub's writes. It starts after this page's `to`;
      // if this page is not applied, it is dropped (and its request cancelled on the way out).
      next = verified.hasMore && (options.maxBundles === undefined || bundles + 1 < options.maxBundles) ? fetchVerified(verified.to) : undefined;
      next?.catch(() => undefined);
      const outcome = await applyBundle(db, peer, verified, options.onEntryApplied ? { onEntryApplied: options.onEntryApplied } : {});
      // Another pull of the same peer got there first: it carries on from where it is.
      if (outcome.outcome === 'out_of_sequence') throw new PullFailure('out_of_sequence', false, 'another pull of this peer applied the page first');
      bundles += 1;
      for (const key of Object.keys(counts) as (keyof ApplyCounts)[]) counts[key] += outcome.counts[key];
      cursor = outcome.cursor;
      hasMore = verified.hasMore;
      options.onBundle?.({ bundles, counts });
    }
    // Received records change the tables as an import does; the planner must know them.
    await new DesignationRepository(db).refreshStatisticsAfter(counts.applied + counts.deleted + counts.withdrawn);
    options.log?.info({ peer: peer.id, bundles, counts }, 'pulled from peer');
    return { peer: peer.id, ok: true, bundles, counts, cursor, hasMore };
  } catch (error) {
    const failure = asFailure(error);
    if (failure.reason === 'internal') options.log?.error({ err: error, peer: peer.id }, 'pull from peer failed unexpectedly');
    options.log?.warn({ peer: peer.id, reason: failure.reason, detail: failure.detail }, 'pull from peer failed');
    try {
      await sync.recordFailure(peer.id, failure.detail ? `${failure.reason}: ${failure.detail}` : failure.reason);
    } catch (recordError) {
      options.log?.error({ err: recordError, peer: peer.id }, 'could not record a failed pull');
    }
    return { peer: peer.id, ok: false, bundles, counts, cursor, hasMore, error: { reason: failure.reason, ...(failure.detail ? { detail: failure.detail } : {}) } };
  } finally {
    stopped.abort();
  }
}

async function fetchBundle(baseUrl: string, token: string, after: string | null, options: PullOptions): Promise<string> {
  const url = new URL('sync/bundles', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  if (after !== null) url.searchParams.set('after', after);
  url.searchParams.set('limit', String(options.limit ?? 100));
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/jose' },
      signal: AbortSignal.any([AbortSignal.timeout(60_000), ...(options.signal ? [options.signal] : [])]),
    });
  } catch {
    throw new PullFailure('unreachable', true, url.origin);
  }
  const body = await response.text().catch(() => '');
  if (response.ok) return body.trim();
  const transient = response.status >= 500 || response.status === 429 || response.status === 408;
  throw new PullFailure(`http_${response.status}`, transient, errorCodeIn(body));
}

/** What the peer says it has for this hub after `cursor` (`GET /sync/pending`), or why it could not be asked. */
export type PendingAtPeer = { readonly changes: number; readonly complete: boolean } | { readonly error: string };

export async function pendingAtPeer(peer: PeerHub, cursor: string | null, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<PendingAtPeer> {
  if (!peer.pull) return { error: 'not_pullable' };
  try {
    const token = await readToken(peer.pull.token);
    const url = new URL('sync/pending', peer.pull.url.endsWith('/') ? peer.pull.url : `${peer.pull.url}/`);
    if (cursor !== null) url.searchParams.set('after', cursor);
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    } catch {
      return { error: 'unreachable' };
    }
    const body = await response.text().catch(() => '');
    if (!response.ok) return { error: [`http_${response.status}`, errorCodeIn(body)].filter(Boolean).join(': ') };
    const answer = JSON.parse(body) as { changes?: unknown; complete?: unknown };
    if (!Number.isSafeInteger(answer.changes) || (answer.changes as number) < 0 || typeof answer.complete !== 'boolean') return { error: 'malformed' };
    return { changes: answer.changes as number, complete: answer.complete };
  } catch (error) {
    return { error: error instanceof PullFailure ? error.reason : 'malformed' };
  }
}

/** The peer's error code (`NOT_A_PEER`, …), never its message: the peer's words stay out of our logs' structure. */
function errorCodeIn(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Exponential backoff with full jitter (so that hubs restarted together do not retry in step). */
async function withRetry<T>(attempt: () => Promise<T>, options: PullOptions): Promise<T> {
  const retry = options.retry ?? DEFAULT_RETRY;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof PullFailure) || !error.transient || n >= retry.attempts || options.signal?.aborted) throw error;
      const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (n - 1)) * Math.random();
      await sleep(delay, options.signal);
    }
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

async function readToken(source: PeerToken): Promise<string> {
  if (source.kind === 'env') {
    const token = process.env[source.name]?.trim();
    if (!token) throw new PullFailure('token_unavailable', false, `environment variable ${source.name} is not set`);
    return token;
  }
  try {
    const token = (await fs.readFile(source.path, 'utf8')).trim();
    if (token) return token;
  } catch {
    // reported below
  }
  throw new PullFailure('token_unavailable', false, `${source.path} cannot be read or is empty`);
}

function asFailure(error: unknown): PullFailure {
  if (error instanceof PullFailure) return error;
  if (error instanceof BundleRejected) return new PullFailure(error.reason, error.reason === 'keys_unavailable', error.detail);
  return new PullFailure('internal', false, error instanceof Error ? error.name : undefined);
}
