/**
 * Bundles (docs/sync.md §3): one page of a peer's `changes`, signed by the serving hub for the
 * hub it was made for. Verification proves every part or refuses the whole: the bundle's
 * signature, issuer and audience; each record's owner spoken for by the peer, its origin
 * signature by the owner's home hub, every released value against its digest, and the hop chain
 * from the origin to this hub.
 */
import { z } from 'zod';
import { RECORD_TYPES, type RecordType } from '../../policy/catalogue.ts';
import { verifyHopChain, type VerifiedHopChain } from './hop-chain.ts';
import type { HubDirectory, KnownHub } from './hub-directory.ts';
import { claimedOrigin, verifyReleasedRecord, type ReleasedRecord } from './record-proof.ts';
import { bundleHash, signCanonical, verifyCanonical, type HubSigner } from './signed-json.ts';
import { rejectBundle } from './sync.errors.ts';

export const BUNDLE_TYPE = 'interlock-bundle+jws';
/** Clocks of allied hubs disagree a little; a bundle from further ahead is refused. */
const CLOCK_TOLERANCE_SECONDS = 300;

/** A record version as delivered: the origin's proof, the released values and salts, the hop chain. */
export interface RecordEntry extends ReleasedRecord {
  readonly type: RecordType;
  readonly id: string;
  readonly owner: string;
  readonly chain: readonly string[];
}

/** A record delisted or deleted at its origin: an origin-signed version with `deleted`. */
export interface DeletionTombstone extends RecordEntry {
  readonly kind: 'deleted';
}

/** The sender may no longer release the record to this hub (an agreement ended or narrowed). */
export interface WithdrawalTombstone {
  readonly kind: 'withdrawn';
  readonly type: RecordType;
  readonly id: string;
  readonly owner: string;
  /** The record's version at the sender when it withdrew it. */
  readonly version: number;
}

export type Tombstone = DeletionTombstone | WithdrawalTombstone;

export interface BundlePayload {
  readonly iss: string;
  readonly aud: string;
  /** Seconds since the epoch. */
  readonly iat: number;
  /** The cursor the page starts after; null for the first page. */
  readonly from: string | null;
  readonly to: string;
  readonly hasMore: boolean;
  readonly records: readonly RecordEntry[];
  readonly tombstones: readonly Tombstone[];
}

const recordEntryShape = {
  type: z.enum(RECORD_TYPES),
  id: z.string().min(1).max(200),
  owner: z.string().min(1).max(63),
  proof: z.string().min(1),
  values: z.record(z.string(), z.unknown()),
  salts: z.record(z.string(), z.string()),
  chain: z.array(z.string().min(1)).min(1).max(16),
};
const payloadSchema = z.strictObject({
  iss: z.string().min(1),
  aud: z.string().min(1),
  iat: z.number().int().nonnegative(),
  from: z.string().min(1).nullable(),
  to: z.string().min(1),
  hasMore: z.boolean(),
  records: z.array(z.strictObject(recordEntryShape)),
  tombstones: z.array(
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('deleted'), ...recordEntryShape }),
      z.strictObject({
        kind: z.literal('withdrawn'),
        type: recordEntryShape.type,
        id: recordEntryShape.id,
        owner: recordEntryShape.owner,
        version: z.number().int().positive(),
      }),
    ]),
  ),
});

export interface BundleContent {
  /** The peer hub the bundle is for. */
  readonly audience: string;
  readonly from: string | null;
  readonly to: string;
  readonly hasMore: boolean;
  readonly records: readonly RecordEntry[];
  readonly tombstones: readonly Tombstone[];
  /** Default now. */
  readonly issuedAt?: Date;
}

/** Signs a page of the feed for `audience` as a compact JWS over its RFC 8785 canonical JSON. */
export function signBundle(signer: HubSigner, content: BundleContent): Promise<string> {
  const payload: BundlePayload = {
    iss: signer.issuer,
    aud: content.audience,
    iat: Math.floor((content.issuedAt ?? new Date()).getTime() / 1000),
    from: content.from,
    to: content.to,
    hasMore: content.hasMore,
    records: content.records,
    tombstones: content.tombstones,
  };
  return signCanonical(signer, BUNDLE_TYPE, payload);
}

/** A record version whose origin, values and path to this hub are proven. */
export interface VerifiedRecord {
  readonly type: RecordType;
  readonly id: string;
  readonly owner: string;
  readonly origin: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly proof: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly salts: Readonly<Record<string, string>>;
  readonly chain: VerifiedHopChain;
}

export interface VerifiedWithdrawal {
  readonly type: RecordType;
  readonly id: string;
  readonly owner: string;
  readonly version: number;
}

export interface VerifiedBundle {
  /** SHA-256 of the compact JWS, base64url: names the bundle in provenance and peer status. */
  readonly hash: string;
  readonly issuer: string;
  readonly issuedAt: Date;
  readonly from: string | null;
  readonly to: string;
  readonly hasMore: boolean;
  /** Live versions and origin tombstones (`deleted`), in bundle order. */
  readonly records: readonly VerifiedRecord[];
  readonly withdrawals: readonly VerifiedWithdrawal[];
}

export interface VerifyBundleOptions {
  /** Every hub this hub knows, and its own issuer. */
  readonly directory: HubDirectory;
  /** The peer the bundle was pulled from. */
  readonly peer: KnownHub;
  readonly now?: Date;
}

/** Verifies a bundle completely, or throws `BundleRejected` with the first fault found. */
export async function verifyBundle(jws: string, { directory, peer, now = new Date() }: VerifyBundleOptions): Promise<VerifiedBundle> {
  const raw = await verifyCanonical(jws, BUNDLE_TYPE, peer.keys, 'bundle', { badSignature: 'bad_signature', unknownKey: 'unknown_key' });
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw rejectBundle('malformed', `${issue.path.join('.') || 'payload'}: ${issue.message}`);
  }
  const payload = parsed.data;
  if (payload.iss !== peer.issuer) throw rejectBundle('wrong_issuer', payload.iss);
  if (payload.aud !== directory.self) throw rejectBundle('wrong_audience', payload.aud);
  if (payload.iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) throw rejectBundle('issued_in_future');

  const seen = new Set<string>();
  const once = (type: string, id: string, at: string) => {
    const key = `${type}:${id}`;
    if (seen.has(key)) throw rejectBundle('malformed', `${at}: the bundle names ${type} ${id} twice`);
    seen.add(key);
  };
  // Every entry's signatures are checked at once (they run on the thread pool), and the fault
  // reported is still the first in bundle order.
  const checked = await firstFault([
    ...payload.records.map((entry, index) =>
      attempt(() => {
        once(entry.type, entry.id, `records[${index}]`);
        return verifyEntry(entry, false, `records[${index}]`, directory, peer);
      }),
    ),
    ...payload.tombstones.map((tombstone, index) =>
      attempt(async (): Promise<VerifiedRecord | VerifiedWithdrawal> => {
        const at = `tombstones[${index}]`;
        once(tombstone.type, tombstone.id, at);
        if (tombstone.kind === 'deleted') return verifyEntry(tombstone, true, at, directory, peer);
        requireSpokenFor(peer, tombstone.owner, at);
        return { type: tombstone.type, id: tombstone.id, owner: tombstone.owner, version: tombstone.version };
      }),
    ),
  ]);
  const records = checked.filter((entry): entry is VerifiedRecord => 'proof' in entry);
  const withdrawals = checked.filter((entry): entry is VerifiedWithdrawal => !('proof' in entry));
  return {
    hash: bundleHash(jws),
    issuer: payload.iss,
    issuedAt: new Date(payload.iat * 1000),
    from: payload.from,
    to: payload.to,
    hasMore: payload.hasMore,
    records,
    withdrawals,
  };
}

async function verifyEntry(entry: RecordEntry, tombstone: boolean, at: string, directory: HubDirectory, peer: KnownHub): Promise<VerifiedRecord> {
  requireSpokenFor(peer, entry.owner, at);
  const home = directory.homeOf(entry.owner);
  if (!home) throw rejectBundle('unknown_origin', `${at}: owner ${entry.owner}`);
  // Checked before the signature: a relay signing as origin is named for what it is.
  if (claimedOrigin(entry.proof, `${at}.proof`) !== home.issuer) throw rejectBundle('origin_mismatch', `${at}.proof`);
  const claims = await verifyReleasedRecord(entry, home.keys, at);
  if (claims.type !== entry.type || claims.id !== entry.id || claims.owner !== entry.owner) {
    throw rejectBundle('record_mismatch', `${at}: type, id or owner`);
  }
  if (claims.deleted !== tombstone) {
    throw rejectBundle('record_mismatch', `${at}: ${claims.deleted ? 'a deleted version listed as a record' : 'a live version listed as a tombstone'}`);
  }
  const chain = await verifyHopChain(
    entry.chain,
    {
      record: { type: claims.type, id: claims.id, version: claims.version },
      origin: home.issuer,
      deliveredBy: peer.issuer,
      self: directory.self,
      keysOf: (issuer) => directory.byIssuer(issuer)?.keys,
    },
    `${at}.chain`,
  );
  return {
    type: claims.type,
    id: claims.id,
    owner: claims.owner,
    origin: claims.origin,
    version: claims.version,
    deleted: claims.deleted,
    proof: entry.proof,
    values: entry.values,
    salts: entry.salts,
    chain,
  };
}

/** Runs `check` now, as a promise (a synchronous throw becomes its rejection). */
function attempt<T>(check: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(check());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Every value, or the rejection of the first check in order that failed (after all have settled). */
async function firstFault<T>(checks: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(checks);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

function requireSpokenFor(peer: KnownHub, owner: string, at: string): void {
  if (!peer.speaksFor.includes(owner)) throw rejectBundle('owner_not_spoken_for', `${at}: owner ${owner}`);
}

