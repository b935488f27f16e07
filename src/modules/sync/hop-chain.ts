/**
 * Hop chains (docs/sync.md §3): who handed a record version to whom, and how far it may still
 * travel. The origin signs a grant link to the first receiving hub with the hops its owner's
 * agreement allows beyond it (`reshare: { hops }`); each relay appends a link, signed by itself,
 * to the next hub, with one hop less. Because each link is signed by the previous link's
 * audience, a relay cannot raise the limit, leave itself out, or start the chain as if it were
 * the origin.
 */
import type { RecordType } from '../../policy/catalogue.ts';
import { signCanonical, unverifiedClaims, verifyCanonical, type HubSigner, type KeyLookup } from './signed-json.ts';
import { rejectBundle } from './sync.errors.ts';

export const HOP_LINK_TYPE = 'interlock-hop+jws';

export interface HopLinkClaims {
  readonly type: RecordType;
  readonly id: string;
  readonly version: number;
  /** The hub handing the record on: the origin for the first link, else the previous link's audience. */
  readonly iss: string;
  /** The hub it is handed to. */
  readonly aud: string;
  /** How many more hubs the audience may hand it to. */
  readonly hopsLeft: number;
}

export interface LinkedRecord {
  readonly type: RecordType;
  readonly id: string;
  readonly version: number;
}

/** The origin's first link: `audience` gets the record and may pass it `hops` hubs further. */
export async function signGrantLink(origin: HubSigner, record: LinkedRecord, audience: string, hops: number): Promise<string> {
  if (!Number.isSafeInteger(hops) || hops < 0) throw new RangeError('hops must be a whole number ≥ 0');
  return signLink(origin, record, audience, hops);
}

export interface RelayRefusal {
  readonly refused: 'no_hops_left' | 'already_on_chain';
}

/**
 * Extends a verified chain to `nextAudience`, signed by this hub (the chain's last audience).
 * Refused when no hop is left, or when the next hub already handled the record (no cycles: a
 * record never comes back to a hub that held it).
 */
export async function extendChain(
  relay: HubSigner,
  record: LinkedRecord,
  chain: VerifiedHopChain,
  nextAudience: string,
): Promise<{ chain: string[] } | RelayRefusal> {
  if (chain.hopsLeft < 1) return { refused: 'no_hops_left' };
  if (chain.hubs.includes(nextAudience)) return { refused: 'already_on_chain' };
  return { chain: [...chain.links, await signLink(relay, record, nextAudience, chain.hopsLeft - 1)] };
}

function signLink(signer: HubSigner, record: LinkedRecord, audience: string, hopsLeft: number): Promise<string> {
  const claims: HopLinkClaims = { type: record.type, id: record.id, version: record.version, iss: signer.issuer, aud: audience, hopsLeft };
  return signCanonical(signer, HOP_LINK_TYPE, claims);
}

export interface VerifiedHopChain {
  readonly links: readonly string[];
  /** Every hub on the chain, origin first, this hub last. */
  readonly hubs: readonly string[];
  /** Hubs the record passed before reaching this one: 1 = straight from its origin. */
  readonly hops: number;
  /** How many hubs this hub may still hand it to. */
  readonly hopsLeft: number;
}

export interface HopChainExpectation {
  readonly record: LinkedRecord;
  /** The record's origin hub: the first link's signer. */
  readonly origin: string;
  /** The hub that delivered the bundle: the last link's signer. */
  readonly deliveredBy: string;
  /** This hub: the last link's audience. */
  readonly self: string;
  /** Verification keys of a hub by issuer; undefined for a hub this hub does not know. */
  readonly keysOf: (issuer: string) => KeyLookup | undefined;
}

/** Verifies a hop chain link by link; any fault rejects the bundle carrying it. */
export async function verifyHopChain(links: readonly string[], expected: HopChainExpectation, at: string): Promise<VerifiedHopChain> {
  if (links.length === 0) throw rejectBundle('hop_chain_broken', `${at}: empty`);
  const hubs = [expected.origin];
  let previous: HopLinkClaims | undefined;
  for (const [index, link] of links.entries()) {
    const linkAt = `${at}[${index}]`;
    const signer = unverifiedClaims(link, linkAt).iss;
    // The signer must be where the chain stands: the origin first, then each audience in turn.
    const expectedSigner = previous ? previous.aud : expected.origin;
    if (signer !== expectedSigner) throw rejectBundle('hop_chain_broken', `${linkAt}: signed by ${String(signer)}, expected ${expectedSigner}`);
    const keys = expected.keysOf(expectedSigner);
    if (!keys) throw rejectBundle('hop_chain_broken', `${linkAt}: signed by a hub this hub does not know`);
    const claims = parseLink(
      await verifyCanonical(link, HOP_LINK_TYPE, keys, linkAt, { badSignature: 'bad_hop_signature', unknownKey: 'bad_hop_signature' }),
      linkAt,
    );
    if (claims.type !== expected.record.type || claims.id !== expected.record.id || claims.version !== expected.record.version) {
      throw rejectBundle('hop_chain_broken', `${linkAt}: names another record version`);
    }
    if (claims.hopsLeft < 0 || (previous && claims.hopsLeft !== previous.hopsLeft - 1)) {
      throw rejectBundle('hop_limit_exceeded', `${linkAt}: hopsLeft ${claims.hopsLeft}${previous ? ` after ${previous.hopsLeft}` : ''}`);
    }
    if (hubs.includes(claims.aud)) throw rejectBundle('hop_chain_broken', `${linkAt}: the record comes back to ${claims.aud}`);
    hubs.push(claims.aud);
    previous = claims;
  }
  const last = previous!;
  if (last.iss !== expected.deliveredBy) throw rejectBundle('hop_chain_broken', `${at}: last link not signed by the delivering hub`);
  if (last.aud !== expected.self) throw rejectBundle('hop_chain_broken', `${at}: last link is for ${last.aud}, not this hub`);
  return { links: [...links], hubs, hops: links.length, hopsLeft: last.hopsLeft };
}

/** A chain this hub verified when it received it (`sync_received_records.hop_chain`), ready to extend. */
export function storedChain(links: readonly string[]): VerifiedHopChain {
  const claims = links.map((link, index) => parseLink(unverifiedClaims(link, `chain[${index}]`), `chain[${index}]`));
  if (claims.length === 0) throw new RangeError('a stored hop chain has at least the grant link');
  return { links: [...links], hubs: [claims[0]!.iss, ...claims.map((c) => c.aud)], hops: links.length, hopsLeft: claims.at(-1)!.hopsLeft };
}

function parseLink(raw: Record<string, unknown>, at: string): HopLinkClaims {
  const { type, id, version, iss, aud, hopsLeft } = raw;
  if (
    typeof type !== 'string' ||
    typeof id !== 'string' ||
    !Number.isSafeInteger(version) ||
    typeof iss !== 'string' ||
    typeof aud !== 'string' ||
    !Number.isSafeInteger(hopsLeft)
  ) {
    throw rejectBundle('malformed', `${at}: not a hop link`);
  }
  return { type: type as RecordType, id, version: version as number, iss, aud, hopsLeft: hopsLeft as number };
}
