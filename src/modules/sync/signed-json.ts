/**
 * Compact JWS over RFC 8785 canonical JSON: every hub serialises the same claims to the same
 * bytes, so a signature made by one hub verifies at any other, and a payload that is not in its
 * canonical form is refused rather than interpreted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { base64url, CompactSign, compactVerify, decodeProtectedHeader, errors, type CompactVerifyGetKey } from 'jose';
import type { HubSigningKey } from '../../auth/hub-keys.ts';
import { rejectBundle, type BundleRejectionReason } from './sync.errors.ts';

/** Resolves the verification key named by a JWS header (jose's local or remote JWKS). */
export type KeyLookup = CompactVerifyGetKey;

/** A hub signing under its own name. */
export interface HubSigner {
  readonly issuer: string;
  readonly key: HubSigningKey;
}

/** What verifies a hub's signatures: Ed25519 (ours) or P-256. */
export const HUB_ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256'];

export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  writeCanonical(value === undefined ? null : value, parts, new Set());
  return parts.join('');
}

/**
 * RFC 8785 as the `canonicalize` package writes it (keys sorted by UTF-16 code units, numbers and
 * strings as ECMAScript's JSON.stringify writes them; NaN, infinities and lone surrogates refused),
 * into one list of parts instead of a string per level: bundles of 500 records are canonicalised
 * when signed and again when verified, and that package's concatenation dominated serving them.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function writeCanonical(value: unknown, out: string[], seen: Set<object>): void {
  if (value === null || typeof value === 'boolean') return void out.push(String(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} has no JSON form`);
    return void out.push(JSON.stringify(value));
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new Error('Lone surrogate is not allowed');
    return void out.push(JSON.stringify(value));
  }
  if (typeof value !== 'object') throw new TypeError('value has no JSON form');
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return writeCanonical((value as { toJSON(): unknown }).toJSON(), out, seen);
  if (seen.has(value)) throw new Error('Circular reference detected');
  seen.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      writeCanonical(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, out, seen);
    });
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      writeCanonical(item, out, seen);
    }
    out.push('}');
  }
  seen.delete(value);
}

export async function signCanonical(signer: HubSigner, typ: string, claims: unknown): Promise<string> {
  return new CompactSign(new TextEncoder().encode(canonicalJson(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid: signer.key.kid, typ })
    .sign(signer.key.privateKey);
}

/** The claims of a compact JWS before its signature is checked: only to find who must have signed it. */
export function unverifiedClaims(jws: string, at: string): Record<string, unknown> {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3) throw rejectBundle('malformed', `${at}: not a compact JWS`);
  try {
    const claims: unknown = JSON.parse(new TextDecoder().decode(base64url.decode(parts[1]!)));
    if (typeof claims === 'object' && claims !== null && !Array.isArray(claims)) return claims as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw rejectBundle('malformed', `${at}: payload is not a JSON object`);
}

export interface SignatureFailures {
  /** Reported when the signature itself is wrong. */
  readonly badSignature: BundleRejectionReason;
  /** Reported when the key named by `kid` is not the signer's. */
  readonly unknownKey: BundleRejectionReason;
}

/** Verifies a compact JWS of `typ` and returns its canonical JSON claims; every failure is a rejection reason. */
export async function verifyCanonical(
  jws: string,
  typ: string,
  keys: KeyLookup,
  at: string,
  failures: SignatureFailures,
): Promise<Record<string, unknown>> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw rejectBundle('malformed', `${at}: not a compact JWS`);
  }
  // Explicit typing (RFC 8725 §3.11): a record signature is never taken for a bundle or a hop link.
  if (header.typ !== typ) throw rejectBundle('wrong_type', at);
  let payload: Uint8Array;
  try {
    payload = (await compactVerify(jws, keys, { algorithms: HUB_ALGORITHMS })).payload;
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw rejectBundle(failures.unknownKey, at);
    if (error instanceof errors.JWSSignatureVerificationFailed) throw rejectBundle(failures.badSignature, at);
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError) throw rejectBundle('keys_unavailable', at);
    throw rejectBundle('malformed', `${at}: ${error instanceof errors.JOSEError ? error.code : 'unreadable'}`);
  }
  const text = new TextDecoder().decode(payload);
  let claims: unknown;
  try {
    claims = JSON.parse(text);
  } catch {
    throw rejectBundle('malformed', `${at}: payload is not JSON`);
  }
  // One meaning, one byte string: anything else could read differently at different hubs.
  if (canonicalJson(claims) !== text) throw rejectBundle('malformed', `${at}: payload is not RFC 8785 canonical JSON`);
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw rejectBundle('malformed', `${at}: payload is not a JSON object`);
  return claims as Record<string, unknown>;
}

/** SHA-256 of a bundle as received: names it in provenance and peer status. */
export const bundleHash = (jws: string) => createHash('sha256').update(jws).digest('base64url');

/** 16 random bytes: a withheld value cannot be guessed from its digest, however few values it could take. */
export const newSalt = () => randomBytes(16).toString('base64url');

/** base64url(SHA-256(salt ‖ canonical(value))), salt as its 16 raw bytes. */
export function fieldDigest(salt: string, value: unknown): string {
  return createHash('sha256').update(Buffer.from(salt, 'base64url')).update(canonicalJson(value), 'utf8').digest('base64url');
}

export const isSalt = (salt: unknown): salt is string =>
  typeof salt === 'string' && /^[A-Za-z0-9_-]{22}$/.test(salt) && Buffer.from(salt, 'base64url').length === 16;
