import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FeedPosition } from '../../db/change-feed.ts';
import { RECORD_TYPES, type RecordType } from '../../policy/catalogue.ts';
import type { DecisionBasis } from '../../policy/decision.ts';

export const DEFAULT_CHANGES_PAGE = 100;
export const MAX_CHANGES_PAGE = 500;
/**
 * A peer hub's bundle may carry more: the whole page is one request against its agency's
 * expensive-operations budget and one transaction at the peer, so an initial pull of 100,000
 * records takes 50 requests of that budget instead of 200.
 */
export const MAX_PEER_HUB_PAGE = 2_000;

/** A record in the order the agreement diff walks them: by type (catalogue order), then id. */
export interface RecordKey {
  readonly type: RecordType;
  readonly id: string;
}

/**
 * Where a follower stands, as only the hub can read it:
 * - `position`: the hub feed position it has been brought up to;
 * - `held`: the decisions the records it holds were released under (one, except when the
 *   agreements changed again while it was being moved from one decision to another);
 * - `diff`: while it is being moved to the decision `target`, the last record key done.
 */
export interface ChangesCursorState {
  readonly position: FeedPosition;
  readonly held: readonly DecisionBasis[];
  readonly diff: { readonly target: DecisionBasis; readonly after: RecordKey | null } | null;
}

/** What a cursor is bound to: it opens only for the same agency asking for the same types. */
export interface CursorBinding {
  readonly agencyId: string;
  readonly types: readonly RecordType[];
}

const FORMAT = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** More decisions than this held at once would need agreements changing faster than one page. */
const MAX_HELD = 32;

/**
 * Seals the state with AES-256-GCM under the hub's cursor key, a fresh random nonce each time,
 * and the binding as associated data. The caller learns nothing from the bytes: they differ
 * on every answer whether or not the state moved, and the state is laid out in fixed-width
 * fields, so even the length depends only on the caller's own agreement changes.
 */
export function sealCursor(key: Uint8Array, binding: CursorBinding, state: ChangesCursorState): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(binding));
  const body = Buffer.concat([cipher.update(encodeState(state)), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/** The state sealed in `cursor`, or null when it is not a cursor of this hub for this binding, or was altered. */
export function openCursor(key: Uint8Array, binding: CursorBinding, cursor: string): ChangesCursorState | null {
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length < NONCE_BYTES + TAG_BYTES + 1 || bytes.toString('base64url') !== cursor) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    return decodeState(plain);
  } catch {
    return null;
  }
}

function associatedData(binding: CursorBinding): Buffer {
  return Buffer.from(`interlock-changes\u0000${binding.agencyId}\u0000${[...binding.types].sort().join(',')}`, 'utf8');
}

function encodeState(state: ChangesCursorState): Buffer {
  if (state.held.length === 0 || state.held.length > MAX_HELD) throw new Error(`a cursor holds 1 to ${MAX_HELD} decisions`);
  const parts: Buffer[] = [Buffer.from([FORMAT]), u64(BigInt(state.position.transactionId)), u64(BigInt(state.position.sequence))];
  parts.push(Buffer.from([state.held.length]), ...state.held.map(basis));
  if (!state.diff) parts.push(Buffer.from([0]));
  else if (!state.diff.after) parts.push(Buffer.from([1]), basis(state.diff.target));
  else parts.push(Buffer.from([2]), basis(state.diff.target), Buffer.from([RECORD_TYPES.indexOf(state.diff.after.type)]), uuidBytes(state.diff.after.id));
  return Buffer.concat(parts);
}

function decodeState(bytes: Buffer): ChangesCursorState | null {
  let at = 0;
  const take = (n: number) => {
    if (at + n > bytes.length) throw new RangeError('short cursor');
    const slice = bytes.subarray(at, at + n);
    at += n;
    return slice;
  };
  if (take(1)[0] !== FORMAT) return null;
  const position = { transactionId: take(8).readBigUInt64BE().toString(), sequence: Number(take(8).readBigUInt64BE()) };
  const held = Array.from({ length: take(1)[0]! }, () => readBasis(take(16)));
  const diffKind = take(1)[0];
  let diff: ChangesCursorState['diff'] = null;
  if (diffKind === 1 || diffKind === 2) {
    const target = readBasis(take(16));
    let after: RecordKey | null = null;
    if (diffKind === 2) {
      const type = RECORD_TYPES[take(1)[0]!];
      if (!type) return null;
      after = { type, id: uuidText(take(16)) };
    }
    diff = { target, after };
  } else if (diffKind !== 0) return null;
  if (at !== bytes.length || held.length === 0 || !Number.isSafeInteger(position.sequence)) return null;
  return { position, held, diff };
}

const u64 = (value: bigint) => {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(value);
  return buffer;
};
const basis = (b: DecisionBasis) => Buffer.concat([u64(BigInt(b.agreementsSeq)), u64(BigInt(b.at.getTime()))]);
const readBasis = (bytes: Buffer): DecisionBasis => ({
  agreementsSeq: Number(bytes.readBigUInt64BE(0)),
  at: new Date(Number(bytes.readBigUInt64BE(8))),
});
const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidText = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
