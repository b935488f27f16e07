/**
 * Who is calling: the agency and user named by a signed access token, checked as the JWT
 * best current practices ask (RFC 8725): an explicit algorithm allow-list per issuer, keys
 * chosen by the issuer rather than by the token, exact issuer and audience, explicit typing
 * (RFC 9068 `at+jwt`) and a required expiry.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { AppError } from '../lib/errors.ts';
import { ROLES, type Caller, type Role } from './caller.ts';
import type { IssuerKeys, TrustConfig, TrustedIssuer } from './trust.ts';

export interface IdentityVerifier {
  /** Resolves the caller named by an `Authorization` header, or throws UNAUTHENTICATED. */
  verify(authorizationHeader: string | undefined): Promise<Caller>;
}

export interface IdentityVerifierOptions {
  /** Allowed clock skew between the issuer and the hub for exp/nbf; default 30 s. */
  clockToleranceSeconds?: number;
  now?: () => Date;
  /** Verified tokens remembered (default 10,000); 0 verifies every request afresh. */
  cachedTokens?: number;
}

/** Stable reasons, sent as `extensions.reason`; the messages beside them are for people. */
const REJECTIONS = {
  missing_token: 'missing bearer token',
  unsupported_scheme: 'authorization scheme must be Bearer',
  malformed_token: 'malformed token',
  untrusted_issuer: 'untrusted issuer',
  algorithm_not_accepted: 'algorithm not accepted',
  unknown_signing_key: 'unknown signing key',
  ambiguous_signing_key: 'token must name its signing key (kid)',
  keys_unavailable: 'issuer signing keys unavailable',
  invalid_signature: 'invalid signature',
  token_type_not_accepted: 'token type not accepted',
  audience_not_accepted: 'token audience not accepted',
  token_expired: 'token expired',
  token_not_yet_valid: 'token not yet valid',
  missing_claim: 'token lacks a required claim',
  agency_mismatch: 'token agency does not match its issuer',
  token_lifetime_too_long: 'token lifetime exceeds the issuer maximum',
} as const;
type RejectionReason = keyof typeof REJECTIONS;

function reject(reason: RejectionReason, details: Record<string, string> = {}): AppError {
  return new AppError('UNAUTHENTICATED', REJECTIONS[reason], { reason, ...details });
}

/** Far above any real access token; bounds the work an unauthenticated request can cause. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/** A fetch failure is the issuer's outage, not the caller's forgery: keep the two apart. */
class KeysUnavailable extends Error {}

interface PreparedIssuer {
  readonly config: TrustedIssuer;
  readonly key: JWTVerifyGetKey | Uint8Array;
  readonly checks: JWTVerifyOptions;
}

export function createIdentityVerifier(trust: TrustConfig, options: IdentityVerifierOptions = {}): IdentityVerifier {
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const now = options.now ?? (() => new Date());
  // Key sets are imported once here; jose caches the imported CryptoKeys inside each set.
  const issuers = new Map<string, PreparedIssuer>(
    trust.issuers.map((config) => [config.issuer, { config, key: prepareKey(config.keys), checks: checksFor(config, clockTolerance) }]),
  );

  const cache = new VerifiedTokens(options.cachedTokens ?? 10_000);

  return {
    async verify(authorizationHeader) {
      const token = bearerToken(authorizationHeader);
      const currentDate = now();
      const known = cache.get(token, currentDate);
      if (known) return known;
      const issuer = issuers.get(unverifiedIssuer(token) ?? '');
      if (!issuer) throw reject('untrusted_issuer');
      const claims = await verifiedClaims(token, issuer, currentDate);
      checkLifetime(claims, issuer.config, currentDate);
      const caller = callerFrom(claims, issuer.config);
      // jwtVerify required `exp`; the clock tolerance is not added, so a cached token lapses
      // no later than the token itself says.
      cache.set(token, caller, (claims.exp as number) * 1000);
      return caller;
    },
  };
}

/**
 * Tokens already verified, by their exact text (signature included), with the caller they
 * named, until the token's own expiry: a repeated token costs a map lookup instead of a
 * signature check (~0.2 ms). Bounded: when full, the oldest entry goes. Only successes are
 * kept, so a token refused once (not yet valid, unknown key) is checked again next time.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { caller: Caller; expiresAtMs: number }>();

  constructor(private readonly capacity: number) {}

  get(token: string, now: Date): Caller | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (now.getTime() >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.caller;
  }

  set(token: string, caller: Caller, expiresAtMs: number): void {
    if (this.capacity <= 0) return;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { caller, expiresAtMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

function checksFor(config: TrustedIssuer, clockTolerance: number): JWTVerifyOptions {
  return {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: [...config.algorithms],
    typ: config.tokenType,
    clockTolerance,
    requiredClaims: ['exp', 'iat', 'sub'],
  };
}

async function verifiedClaims(token: string, { key, checks }: PreparedIssuer, currentDate: Date): Promise<JWTPayload> {
  const options = { ...checks, currentDate };
  try {
    const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
    return payload;
  } catch (error) {
    throw rejectionFor(error);
  }
}

/**
 * Refuses tokens minted to live longer than the issuer may mint them, measured from `iat`
 * (from now when a token has none), so that a long-lived token is refused on its first use.
 */
function checkLifetime(claims: JWTPayload, issuer: TrustedIssuer, currentDate: Date): void {
  const from = typeof claims.iat === 'number' ? claims.iat : Math.floor(currentDate.getTime() / 1000);
  if (typeof claims.exp === 'number' && claims.exp - from > issuer.maxTokenLifetimeSeconds) throw reject('token_lifetime_too_long');
}

function prepareKey(keys: IssuerKeys): JWTVerifyGetKey | Uint8Array {
  switch (keys.kind) {
    case 'jwks':
      return createLocalJWKSet(keys.jwks as JSONWebKeySet);
    case 'secret':
      return keys.secret;
    case 'remote': {
      // The cooldown bounds refetches when tokens name kids the issuer never published.
      const remote = createRemoteJWKSet(new URL(keys.url), { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 });
      return async (header, token) => {
        try {
          return await remote(header, token);
        } catch (error) {
          if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
          throw new KeysUnavailable('issuer keys could not be fetched', { cause: error });
        }
      };
    }
  }
}

function bearerToken(header: string | undefined): string {
  const [scheme, ...rest] = (header ?? '').trim().split(/\s+/);
  if (!scheme) throw reject('missing_token');
  if (scheme.toLowerCase() !== 'bearer') throw reject('unsupported_scheme');
  if (rest.length === 0) throw reject('missing_token');
  const token = rest[0]!;
  if (rest.length > 1 || token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) throw reject('malformed_token');
  return token;
}

/** Used only to choose whose keys to verify with; nothing else is read before verification. */
function unverifiedIssuer(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    throw reject('malformed_token');
  }
}

function callerFrom(payload: JWTPayload, issuer: TrustedIssuer): Caller {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw reject('malformed_token', { claim: 'sub' });
  if ('agency' in payload && payload.agency !== issuer.agency) throw reject('agency_mismatch');
  return Object.freeze({ agencyId: issuer.agency, userId: payload.sub, roles: Object.freeze(rolesFrom(payload.roles)) });
}

/** Roles this hub does not know are dropped, so issuers may carry their own; a wrong shape is an error. */
function rolesFrom(claim: unknown): Role[] {
  if (claim === undefined) return [];
  if (!Array.isArray(claim) || !claim.every((role) => typeof role === 'string')) throw reject('malformed_token', { claim: 'roles' });
  return [...new Set(claim.filter((role): role is Role => KNOWN_ROLES.has(role)))];
}

function rejectionFor(error: unknown): AppError {
  if (error instanceof KeysUnavailable) return reject('keys_unavailable');
  if (error instanceof errors.JWTExpired) return reject('token_expired');
  if (error instanceof errors.JWTClaimValidationFailed) return claimRejection(error);
  if (error instanceof errors.JOSEAlgNotAllowed) return reject('algorithm_not_accepted');
  if (error instanceof errors.JWKSNoMatchingKey) return reject('unknown_signing_key');
  if (error instanceof errors.JWKSMultipleMatchingKeys) return reject('ambiguous_signing_key');
  if (error instanceof errors.JWSSignatureVerificationFailed) return reject('invalid_signature');
  if (error instanceof errors.JOSEError) return reject('malformed_token');
  throw error;
}

function claimRejection(error: errors.JWTClaimValidationFailed): AppError {
  if (error.reason === 'missing') return reject('missing_claim', { claim: error.claim });
  switch (error.claim) {
    case 'nbf':
      return reject('token_not_yet_valid');
    case 'aud':
      return reject('audience_not_accepted');
    case 'typ':
      return reject('token_type_not_accepted');
    case 'iss':
      return reject('untrusted_issuer');
    default:
      return reject('malformed_token', { claim: error.claim });
  }
}
