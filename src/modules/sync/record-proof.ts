/**
 * Origin signatures with selective release (docs/sync.md §3). The origin hub signs each record
 * version once, committing to every field by a salted digest; a delivery then carries only the
 * fields released to its receiver, with their salts. The receiver checks each value against the
 * signed digest and learns nothing of the withheld ones; a relay forwards the origin's proof as
 * it got it, so the origin is provable however many hubs a record passed.
 */
import { isRecordType, type RecordType } from '../../policy/catalogue.ts';
import { CanonicalJsonText } from '../../lib/canonical-json.ts';
import { canonicalDigest, fieldDigest, isSalt, newSalts, signCanonical, unverifiedClaims, verifyCanonical, type HubSigner, type KeyLookup } from './signed-json.ts';
import { rejectBundle } from './sync.errors.ts';

export const RECORD_PROOF_TYPE = 'interlock-record+jws';

/** What the origin signs for one version of one record. */
export interface RecordVersionClaims {
  /** The origin hub: the hub of the owner agency. */
  readonly origin: string;
  readonly type: RecordType;
  readonly id: string;
  readonly owner: string;
  readonly version: number;
  /** A tombstone: the record was delisted or deleted at its origin with this version. */
  readonly deleted: boolean;
  /** Field name → base64url(SHA-256(salt ‖ RFC 8785 value)). */
  readonly fields: Readonly<Record<string, string>>;
}

/** A record version as its origin signed it, with every value and salt: what the origin keeps. */
export interface SignedRecordVersion {
  readonly proof: string;
  readonly claims: RecordVersionClaims;
  /** Each value in the canonical form it was digested in: a bundle writes it as it is. */
  readonly values: Readonly<Record<string, CanonicalJsonText>>;
  readonly salts: Readonly<Record<string, string>>;
}

/** What travels: the proof, and only the released values with their salts. */
export interface ReleasedRecord {
  readonly proof: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly salts: Readonly<Record<string, string>>;
}

export interface RecordVersion {
  readonly type: RecordType;
  readonly id: string;
  readonly owner: string;
  readonly version: number;
  readonly deleted: boolean;
  /** Every field of the version as JSON values (dates as ISO 8601 strings); absent fields are not committed to. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Signs a version of one of this hub's own records, as its origin. */
export async function signRecordVersion(signer: HubSigner, record: RecordVersion): Promise<SignedRecordVersion> {
  const salts: Record<string, string> = {};
  const fields: Record<string, string> = {};
  const values: Record<string, CanonicalJsonText> = {};
  const entries = Object.entries(record.values);
  const salted = newSalts(entries.length);
  for (const [index, [field, value]] of entries.entries()) {
    // The value as it will be compared: the JSON form the receiver parses (canonical once, for the
    // digest and for every bundle that carries it).
    values[field] = CanonicalJsonText.of(value);
    salts[field] = salted[index]!;
    fields[field] = canonicalDigest(salts[field], values[field].text);
  }
  const claims: RecordVersionClaims = {
    origin: signer.issuer,
    type: record.type,
    id: record.id,
    owner: record.owner,
    version: record.version,
    deleted: record.deleted,
    fields,
  };
  return { proof: await signCanonical(signer, RECORD_PROOF_TYPE, claims), claims, values, salts };
}

/** The part of a signed version a receiver may have: `fields` it is released, nothing else. */
export function releaseFields(signed: ReleasedRecord, fields: Iterable<string>): ReleasedRecord {
  const values: Record<string, unknown> = {};
  const salts: Record<string, string> = {};
  for (const field of fields) {
    if (!(field in signed.salts)) continue;
    values[field] = signed.values[field];
    salts[field] = signed.salts[field]!;
  }
  return { proof: signed.proof, values, salts };
}

/** The origin a proof claims, read before verification to know whose keys must verify it. */
export function claimedOrigin(proof: string, at: string): string {
  const origin = unverifiedClaims(proof, at).origin;
  if (typeof origin !== 'string') throw rejectBundle('malformed', `${at}: no origin`);
  return origin;
}

/**
 * Verifies a released record against its origin's proof: the signature with the origin's keys,
 * then each released value against its digest. A released field the origin did not commit to,
 * a missing or malformed salt, or a different value is `digest_mismatch`.
 */
export async function verifyReleasedRecord(released: ReleasedRecord, originKeys: KeyLookup, at: string): Promise<RecordVersionClaims> {
  const claims = parseClaims(
    await verifyCanonical(released.proof, RECORD_PROOF_TYPE, originKeys, `${at}.proof`, { badSignature: 'bad_origin_signature', unknownKey: 'bad_origin_signature' }),
    `${at}.proof`,
  );
  for (const [field, value] of Object.entries(released.values)) {
    const digest = claims.fields[field];
    const salt = released.salts[field];
    if (digest === undefined) throw rejectBundle('digest_mismatch', `${at}.values.${field}: not signed by the origin`);
    if (!isSalt(salt)) throw rejectBundle('digest_mismatch', `${at}.salts.${field}: missing or not a 16-byte salt`);
    if (fieldDigest(salt, value) !== digest) throw rejectBundle('digest_mismatch', `${at}.values.${field}`);
  }
  const stray = Object.keys(released.salts).find((field) => !(field in released.values));
  if (stray !== undefined) throw rejectBundle('malformed', `${at}.salts.${stray}: a salt without a value`);
  return claims;
}

function parseClaims(raw: Record<string, unknown>, at: string): RecordVersionClaims {
  const { origin, type, id, owner, version, deleted, fields } = raw;
  const digests = typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? (fields as Record<string, unknown>) : null;
  if (
    typeof origin !== 'string' ||
    typeof type !== 'string' ||
    !isRecordType(type) ||
    typeof id !== 'string' ||
    typeof owner !== 'string' ||
    !Number.isSafeInteger(version) ||
    (version as number) < 1 ||
    typeof deleted !== 'boolean' ||
    digests === null ||
    !Object.values(digests).every((d) => typeof d === 'string')
  ) {
    throw rejectBundle('malformed', `${at}: not a record version`);
  }
  return { origin, type, id, owner, version: version as number, deleted, fields: digests as Record<string, string> };
}
