/**
 * Compact JWS over RFC 8785 canonical JSON: every hub serialises the same claims to the same
 * bytes, so a signature made by one hub verifies at any other, and a payload that is not in its
 * canonical form is refused rather than interpreted.
 */
import { createHash, KeyObject, randomBytes, sign as signBytes, verify as verifyBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { compactVerify, errors, type CompactVerifyGetKey, type CryptoKey } from 'jose';
import type { HubSigningKey } from '../../auth/hub-keys.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
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

/**
 * Ed25519 through node:crypto on libuv's thread pool: a bundle carries two signatures per record,
 * so callers start a page's signatures together (they run beside the event loop, on the other
 * cores) instead of one after another as through jose, whose JavaScript base64 pass over a
 * megabyte bundle also cost more than its signature. Same compact JWS as jose's.
 */
const signOnPool = promisify(signBytes) as (algorithm: null, data: Uint8Array, key: KeyObject) => Promise<Buffer>;
const verifyOnPool = promisify(verifyBytes) as (algorithm: null, data: Uint8Array, key: KeyObject, signature: Uint8Array) => Promise<boolean>;

export async function signCanonical(signer: HubSigner, typ: string, claims: unknown): Promise<string> {
  const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: signer.key.kid, typ })).toString('base64url');
  const signingInput = `${header}.${Buffer.from(canonicalJson(claims), 'utf8').toString('base64url')}`;
  const signature = await signOnPool(null, Buffer.from(signingInput, 'latin1'), keyObjectOf(signer.key.privateKey));
  return `${signingInput}.${signature.toString('base64url')}`;
}

const keyObjects = new WeakMap<CryptoKey | KeyObject, KeyObject>();

function keyObjectOf(key: CryptoKey | KeyObject | Uint8Array): KeyObject {
  if (key instanceof KeyObject) return key;
  if (key instanceof Uint8Array) throw new TypeError('a symmetric key cannot sign or verify a hub signature');
  let found = keyObjects.get(key);
  if (!found) {
    found = KeyObject.from(key as Parameters<typeof KeyObject.from>[0]);
    keyObjects.set(key, found);
  }
  return found;
}

/** The claims of a compact JWS before its signature is checked: only to find who must have signed it. */
export function unverifiedClaims(jws: string, at: string): Record<string, unknown> {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3) throw rejectBundle('malformed', `${at}: not a compact JWS`);
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
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

const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** Header parameters this verifier does not implement; a JWS using one goes through jose, which refuses or applies it. */
const UNUSUAL_HEADER = ['crit', 'b64', 'jwk', 'jku', 'x5c', 'x5u'];

/** Verifies a compact JWS of `typ` and returns its canonical JSON claims; every failure is a rejection reason. */
export async function verifyCanonical(
  jws: string,
  typ: string,
  keys: KeyLookup,
  at: string,
  failures: SignatureFailures,
): Promise<Record<string, unknown>> {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  // Strict base64url: a lenient decoder would accept other bytes for the same signed content.
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) throw rejectBundle('malformed', `${at}: not a compact JWS`);
  const encodedHeader = parts[0]!;
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw rejectBundle('malformed', `${at}: not a compact JWS`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw rejectBundle('malformed', `${at}: not a compact JWS`);
  // Explicit typing (RFC 8725 §3.11): a record signature is never taken for a bundle or a hop link.
  if (header.typ !== typ) throw rejectBundle('wrong_type', at);
  const payload =
    (header.alg === 'EdDSA' || header.alg === 'Ed25519') && !UNUSUAL_HEADER.some((name) => name in header)
      ? await verifyEd25519(parts as [string, string, string], header, keys, at, failures)
      : await verifyWithJose(jws, keys, at, failures);
  const text = payload.toString('utf8');
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

/** The key the header names (jose's JWKS selection: kid, alg, key type), as a failure reason when there is none. */
async function keyFor(keys: KeyLookup, header: Record<string, unknown>, token: { payload: string; signature: string }, at: string, failures: SignatureFailures) {
  try {
    return await keys(header as Parameters<KeyLookup>[0], token as unknown as Parameters<KeyLookup>[1]);
  } catch (error) {
    throw signatureFailure(error, at, failures);
  }
}

/** Ed25519 with node:crypto on the thread pool (see signCanonical). */
async function verifyEd25519(
  [encodedHeader, encodedPayload, encodedSignature]: [string, string, string],
  header: Record<string, unknown>,
  keys: KeyLookup,
  at: string,
  failures: SignatureFailures,
): Promise<Buffer> {
  const key = await keyFor(keys, header, { payload: encodedPayload, signature: encodedSignature }, at, failures);
  let keyObject: KeyObject;
  try {
    keyObject = keyObjectOf(key as CryptoKey | KeyObject | Uint8Array);
    if (keyObject.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 key');
  } catch {
    // The JWKS offered a key of another type under the header's kid and alg.
    throw rejectBundle(failures.unknownKey, at);
  }
  const valid = await verifyOnPool(null, Buffer.from(`${encodedHeader}.${encodedPayload}`, 'latin1'), keyObject, Buffer.from(encodedSignature, 'base64url')).catch(() => false);
  if (!valid) throw rejectBundle(failures.badSignature, at);
  return Buffer.from(encodedPayload, 'base64url');
}

/** Other algorithms (ES256 peers) and unusual headers: jose verifies, or refuses, as it always did. */
async function verifyWithJose(jws: string, keys: KeyLookup, at: string, failures: SignatureFailures): Promise<Buffer> {
  try {
    return Buffer.from((await compactVerify(jws, keys, { algorithms: HUB_ALGORITHMS })).payload);
  } catch (error) {
    throw signatureFailure(error, at, failures);
  }
}

function signatureFailure(error: unknown, at: string, failures: SignatureFailures) {
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return rejectBundle(failures.unknownKey, at);
  if (error instanceof errors.JWSSignatureVerificationFailed) return rejectBundle(failures.badSignature, at);
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError) return rejectBundle('keys_unavailable', at);
  return rejectBundle('malformed', `${at}: ${error instanceof errors.JOSEError ? error.code : 'unreadable'}`);
}

/** SHA-256 of a bundle as received: names it in provenance and peer status. */
export const bundleHash = (jws: string) => createHash('sha256').update(jws).digest('base64url');

/**
 * 16 random bytes per salt: a withheld value cannot be guessed from its digest, however few values
 * it could take. A record's salts are drawn in one call (one call per field cost more than its digest).
 */
export function newSalts(count: number): string[] {
  const bytes = randomBytes(16 * count);
  return Array.from({ length: count }, (_, i) => bytes.subarray(16 * i, 16 * (i + 1)).toString('base64url'));
}

/** base64url(SHA-256(salt ‖ canonical(value))), salt as its 16 raw bytes. */
export function fieldDigest(salt: string, value: unknown): string {
  return canonicalDigest(salt, canonicalJson(value));
}

/** `fieldDigest` of a value already in its canonical JSON form. */
export function canonicalDigest(salt: string, canonical: string): string {
  return createHash('sha256').update(Buffer.from(salt, 'base64url')).update(canonical, 'utf8').digest('base64url');
}

export const isSalt = (salt: unknown): salt is string =>
  typeof salt === 'string' && /^[A-Za-z0-9_-]{22}$/.test(salt) && Buffer.from(salt, 'base64url').length === 16;
