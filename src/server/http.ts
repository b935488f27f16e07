import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { ApolloServer, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Logger } from '../config/logger.ts';
import { runInRequestScope, type RequestScope } from '../db/row-security.ts';
import { EXPLORER_ASSET_PREFIX, EXPLORER_CONTENT_SECURITY_POLICY, EXPLORER_PAGE, explorerAsset, wantsExplorer } from './explorer.ts';
import { TRANSPARENCY_PATHS, type PlainAnswer, type TransparencyFormat } from './transparency-endpoint.ts';

/** Larger bodies are refused before parsing: a batch of 1000 screening parties fits well within. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

type SyncRoute = (authorization: string | undefined, query: URLSearchParams) => Promise<{ status: number; body: unknown; contentType?: string; retryAfter?: number }>;

export interface HttpRoutes {
  apollo: ApolloServer<never>;
  /**
   * Builds the per-request context from the raw request (identity goes here), and puts the
   * caller in `scope`, so that the request's statements run with its rights (row-level security).
   */
  context: (req: IncomingMessage, requestId: string, scope: RequestScope, holdUntilRecorded: (recorded: Promise<void>) => void) => Promise<never>;
  health: () => { status: number; body: unknown };
  readiness: () => Promise<{ status: number; body: unknown }>;
  /** A signed sync bundle for the peer hub whose agency token is presented (docs/sync.md §3). */
  bundles: SyncRoute;
  /** How many changes that peer hub's bundles would carry after its cursor (`?after=`), as JSON. */
  pending: SyncRoute;
  /** The hub's public signing keys (RFC 7517 JWKS), or undefined when it has none. */
  jwks: () => unknown;
  /** The public transparency report (no token) as HTML, JSON or CSV. */
  transparency: (format: TransparencyFormat, query: URLSearchParams, address: string) => Promise<PlainAnswer>;
  /** Whether browsers opening /graphql get the bundled GraphiQL explorer. */
  explorer: boolean;
  log: Logger;
}

/**
 * A plain node:http integration of Apollo Server (its documented `executeHTTPGraphQLRequest`
 * path): GraphQL at /graphql, liveness at /healthz, readiness at /readyz, the hub's public
 * signing keys at /.well-known/jwks.json (RFC 8615, as OpenID providers publish theirs), sync
 * bundles for peer hubs at /sync/bundles and their lag at /sync/pending, the public transparency
 * report at /transparency(.json|.csv), and (unless turned off) a GraphiQL explorer for browsers
 * opening /graphql; nothing else.
 */
export function createHttpServer(routes: HttpRoutes): http.Server {
  return http.createServer((req, res) => {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    handle(routes, req, res, requestId).catch((err: unknown) => {
      routes.log.error({ err, requestId }, 'request failed outside GraphQL');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal server error' });
      else res.end();
    });
  });
}

async function handle(routes: HttpRoutes, req: IncomingMessage, res: ServerResponse, requestId: string) {
  const url = new URL(req.url ?? '/', 'http://hub');
  if (url.pathname === '/healthz') {
    const { status, body } = routes.health();
    return sendJson(res, status, body);
  }
  if (url.pathname === '/readyz') {
    const { status, body } = await routes.readiness();
    return sendJson(res, status, body);
  }
  if (url.pathname === JWKS_PATH) {
    const jwks = routes.jwks();
    if (jwks === undefined) return sendJson(res, 404, { error: 'this hub has no signing key; run `interlock keys generate --hub`' });
    // Peers cache it; a rotation adds a key before signing with it, so a short cache is safe.
    res.setHeader('cache-control', 'public, max-age=300');
    return sendJson(res, 200, jwks, 'application/jwk-set+json');
  }
  if (url.pathname === BUNDLES_PATH || url.pathname === PENDING_PATH) {
    if (req.method !== 'GET') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'use GET' } });
    const route = url.pathname === BUNDLES_PATH ? routes.bundles : routes.pending;
    const answer = await route(req.headers.authorization, url.searchParams);
    if (answer.retryAfter !== undefined) res.setHeader('retry-after', String(answer.retryAfter));
    if (typeof answer.body === 'string') {
      res.statusCode = answer.status;
      res.setHeader('content-type', answer.contentType ?? 'text/plain');
      res.setHeader('cache-control', 'no-store');
      return res.end(answer.body);
    }
    return sendJson(res, answer.status, answer.body);
  }
  const transparencyFormat = (Object.keys(TRANSPARENCY_PATHS) as TransparencyFormat[]).find((f) => TRANSPARENCY_PATHS[f] === url.pathname);
  if (transparencyFormat !== undefined) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'use GET' } });
    const answer = await routes.transparency(transparencyFormat, url.searchParams, req.socket.remoteAddress ?? 'unknown');
    if (answer.retryAfter !== undefined) res.setHeader('retry-after', String(answer.retryAfter));
    if (transparencyFormat === 'html') res.setHeader('content-security-policy', REPORT_CONTENT_SECURITY_POLICY);
    if (transparencyFormat === 'csv' && answer.status === 200) res.setHeader('content-disposition', `attachment; filename="interlock-transparency-${url.searchParams.get('period') ?? 'latest'}.csv"`.replace(/[^\x20-\x7e]/g, ''));
    return sendText(res, answer.status, answer.body, answer.contentType);
  }
  if (routes.explorer && url.pathname.startsWith(EXPLORER_ASSET_PREFIX) && req.method === 'GET') {
    const asset = explorerAsset(url.pathname.slice(EXPLORER_ASSET_PREFIX.length));
    if (asset === undefined) return sendJson(res, 404, { error: 'not found' });
    res.setHeader('cache-control', 'public, max-age=3600');
    return sendText(res, 200, asset.body, asset.contentType);
  }
  if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found; the API is at /graphql' });
  if (routes.explorer && wantsExplorer(req.method, req.headers.accept, url.searchParams)) {
    res.setHeader('content-security-policy', EXPLORER_CONTENT_SECURITY_POLICY);
    return sendText(res, 200, EXPLORER_PAGE, 'text/html; charset=utf-8');
  }

  const body = await readBody(req);
  if (body === TOO_LARGE) return sendGraphQLError(res, 413, `Request body over ${MAX_BODY_BYTES} bytes.`);
  if (body === NOT_JSON) return sendGraphQLError(res, 400, 'Request body is not valid JSON.');
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const request: HTTPGraphQLRequest = { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body };
  const scope: RequestScope = { caller: null };
  const recording: Promise<void>[] = [];
  const holdUntilRecorded = (recorded: Promise<void>) => {
    recorded.catch(() => undefined); // awaited below; never an unhandled rejection if the request fails first
    recording.push(recorded);
  };
  const response = await runInRequestScope(scope, () =>
    routes.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: () => routes.context(req, requestId, scope, holdUntilRecorded),
    }),
  );
  try {
    await Promise.all(recording);
  } catch (err) {
    routes.log.error({ err, requestId }, 'the audit entry could not be stored: the answer is withheld');
    return sendJson(res, 500, { errors: [{ message: 'The request could not be recorded in the audit log, so its answer is withheld. Try again later.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
  }
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export const JWKS_PATH = '/.well-known/jwks.json';
export const BUNDLES_PATH = '/sync/bundles';
export const PENDING_PATH = '/sync/pending';

const TOO_LARGE = Symbol('too large');
const NOT_JSON = Symbol('not json');

/** The parsed JSON body, the raw text for other content types (Apollo then answers 400), or undefined. */
async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (!(req.headers['content-type'] ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The report page: inline styles and inline SVG, nothing else, from nowhere. */
const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function sendText(res: ServerResponse, status: number, body: string | Buffer, contentType: string) {
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(body);
}

function sendGraphQLError(res: ServerResponse, status: number, message: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}

function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json') {
  res.statusCode = status;
  res.setHeader('content-type', `${contentType}; charset=utf-8`);
  res.end(JSON.stringify(body));
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.:-]{1,128}$/.test(first) ? first : undefined;
}
