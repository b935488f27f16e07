import { KeyObject, sign } from 'node:crypto';
import { base64url, CompactSign } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signBundle, verifyBundle, type BundleContent, type RecordEntry } from '../../src/modules/sync/bundle.ts';
import { extendChain, HOP_LINK_TYPE, signGrantLink, storedChain, verifyHopChain } from '../../src/modules/sync/hop-chain.ts';
import type { HubDirectory, KnownHub } from '../../src/modules/sync/hub-directory.ts';
import { signCanonical } from '../../src/modules/sync/signed-json.ts';
import { BundleRejected, type BundleRejectionReason } from '../../src/modules/sync/sync.errors.ts';
import { deliver, designationVersion, directoryOf, hubIdentity, signRecordVersion, type TestHubIdentity } from '../support/sync/hubs.ts';

const ID = '6f1f0c1e-8a34-4d7e-9a59-0d5e3c8b1a11';

let origin: TestHubIdentity; // home of us-ofac
let relay: TestHubIdentity; // home of gb-ofsi, relays us-ofac
let relay2: TestHubIdentity; // relays us-ofac
let me: TestHubIdentity;
let stranger: TestHubIdentity; // a hub no one knows
let directory: HubDirectory;
let fromOrigin: KnownHub;
let fromRelay: KnownHub;
let fromRelay2: KnownHub;

beforeAll(async () => {
  [origin, relay, relay2, me, stranger] = (await Promise.all(
    ['https://o.hub.example/', 'https://r.hub.example/', 'https://r2.hub.example/', 'https://me.hub.example/', 'https://x.hub.example/'].map(hubIdentity),
  )) as [TestHubIdentity, TestHubIdentity, TestHubIdentity, TestHubIdentity, TestHubIdentity];
  fromOrigin = origin.known({ originFor: ['us-ofac'] });
  fromRelay = relay.known({ originFor: ['gb-ofsi'], speaksFor: ['gb-ofsi', 'us-ofac'] });
  fromRelay2 = relay2.known({ speaksFor: ['us-ofac'] });
  directory = directoryOf(me, [fromOrigin, fromRelay, fromRelay2]);
});

const page = (records: RecordEntry[], overrides: Partial<BundleContent> = {}): BundleContent => ({
  audience: me.issuer,
  from: null,
  to: 'cursor-1',
  hasMore: false,
  records,
  tombstones: [],
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<BundleRejectionReason> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BundleRejected);
    return (error as BundleRejected).reason;
  }
  throw new Error('expected the bundle to be rejected');
}

/** Re-encodes a JWS payload without re-signing: what an attacker on the path can do. */
function withPayload(jws: string, edit: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jws.split('.');
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as Record<string, unknown>;
  edit(claims);
  return [header, base64url.encode(JSON.stringify(claims)), signature].join('.');
}

describe('sync bundles: what a receiving hub accepts', () => {
  it('a record straight from its origin verifies, with only the released values, one hop and none left', async () => {
    const signed = await signRecordVersion(origin.signer, designationVersion(ID, 3));
    const bundle = await signBundle(origin.signer, page([await deliver(signed, [origin, me], 0)]));
    const verified = await verifyBundle(bundle, { directory, peer: fromOrigin });
    const [record] = verified.records;
    expect(record).toMatchObject({ type: 'Designation', id: ID, owner: 'us-ofac', origin: origin.issuer, version: 3, deleted: false });
    expect(record!.values.primaryName).toBe('Example Trading 3');
    expect(record!.values).not.toHaveProperty('rationale');
    expect(record!.chain).toMatchObject({ hops: 1, hopsLeft: 0, hubs: [origin.issuer, me.issuer] });
    expect(verified).toMatchObject({ issuer: origin.issuer, from: null, to: 'cursor-1', hasMore: false });
    expect(verified.hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("a record relayed within the owner's hop limit verifies with the origin's proof unchanged", async () => {
    const signed = await signRecordVersion(origin.signer, designationVersion(ID, 3));
    const entry = await deliver(signed, [origin, relay, me], 1);
    const verified = await verifyBundle(await signBundle(relay.signer, page([entry])), { directory, peer: fromRelay });
    expect(verified.records[0]!.proof).toBe(signed.proof);
    expect(verified.records[0]!.chain).toMatchObject({ hops: 2, hopsLeft: 0, hubs: [origin.issuer, relay.issuer, me.issuer] });
    const { links, ...stored } = storedChain(verified.records[0]!.chain.links);
    expect(stored).toEqual({ hops: 2, hopsLeft: 0, hubs: [origin.issuer, relay.issuer, me.issuer] });
    expect(links).toEqual(entry.chain);
  });

  it('a tampered released value is refused against its signed digest', async () => {
    const entry = await deliver(await signRecordVersion(origin.signer, designationVersion(ID, 3)), [origin, me], 0);
    const tampered = { ...entry, values: { ...entry.values, primaryName: 'Someone Else' } };
    expect(await rejection(verifyBundle(await signBundle(origin.signer, page([tampered])), { directory, peer: fromOrigin }))).toBe('digest_mismatch');
    const withheldMadeUp = { ...entry, values: { ...entry.values, legalBasis: 'EO 13382' }, salts: { ...entry.salts, legalBasis: entry.salts.primaryName! } };
    expect(await rejection(verifyBundle(await signBundle(origin.signer, page([withheldMadeUp])), { directory, peer: fromOrigin }))).toBe('digest_mismatch');
  });

  it("a tampered digest breaks the origin's signature, and a swapped salt fails its digest", async () => {
    const entry = await deliver(await signRecordVersion(origin.signer, designationVersion(ID, 3)), [origin, me], 0);
    const proof = withPayload(entry.proof, (claims) => {
      (claims.fields as Record<string, string>).primaryName = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    });
    expect(await rejection(verifyBundle(await signBundle(origin.signer, page([{ ...entry, proof }])), { directory, peer: fromOrigin }))).toBe('bad_origin_signature');
    const salts = { ...entry.salts, primaryName: entry.salts.status! };
    expect(await rejection(verifyBundle(await signBundle(origin.signer, page([{ ...entry, salts }])), { directory, peer: fromOrigin }))).toBe('digest_mismatch');
  });

  it('a bundle signed with a key the peer does not publish, or altered after signing, is refused', async () => {
    const entry = await deliver(await signRecordVersion(origin.signer, designationVersion(ID, 3)), [origin, me], 0);
    const impostor = { issuer: origin.issuer, key: stranger.signer.key };
    expect(await rejection(verifyBundle(await signBundle(impostor, page([entry])), { directory, peer: fromOrigin }))).toBe('unknown_key');
    const sameKid = { issuer: origin.issuer, key: { ...stranger.signer.key, kid: origin.signer.key.kid } };
    expect(await rejection(verifyBundle(await signBundle(sameKid, page([entry])), { directory, peer: fromOrigin }))).toBe('bad_signature');
    const genuine = await signBundle(origin.signer, page([entry]));
    const altered = withPayload(genuine, (claims) => void (claims.to = 'cursor-999'));
    expect(await rejection(verifyBundle(altered, { directory, peer: fromOrigin }))).toBe('bad_signature');
  });

  it('a bundle made for another hub, or issued by another than the peer, is refused', async () => {
    const signed = await signRecordVersion(origin.signer, designationVersion(ID, 3));
    const forRelay = await signBundle(origin.signer, page([await deliver(signed, [origin, relay], 0)], { audience: relay.issuer }));
    expect(await rejection(verifyBundle(forRelay, { directory, peer: fromOrigin }))).toBe('wrong_audience');
    const relayAsOrigin = { issuer: origin.issuer, key: relay.signer.key };
    const fromRelayKeys = relay.known({ speaksFor: ['us-ofac'] });
    const bundle = await signBundle(relayAsOrigin, page([await deliver(signed, [origin, me], 0)]));
    expect(await rejection(verifyBundle(bundle, { directory, peer: fromRelayKeys }))).toBe('wrong_issuer');
  });

  it('a record of an agency the peer may not speak for rejects the whole bundle', async () => {
    const ofac = await deliver(await signRecordVersion(origin.signer, designationVersion(ID, 3)), [origin, relay, relay2, me], 2);
    const ofsi = await signRecordVersion(relay.signer, { ...designationVersion('0b8a2f8e-2f9c-4d43-a2d4-5e1a9e6c7d10', 1), owner: 'gb-ofsi' });
    const ofsiEntry = await deliver(ofsi, [relay, relay2, me], 1);
    const bundle = await signBundle(relay2.signer, page([ofac, ofsiEntry]));
    expect(await rejection(verifyBundle(bundle, { directory, peer: fromRelay2 }))).toBe('owner_not_spoken_for');
    expect(await verifyBundle(await signBundle(relay2.signer, page([ofac])), { directory, peer: fromRelay2 })).toBeTruthy();
  });

  it('a relay raising the hop limit is refused, and a relay with no hop left cannot extend the chain', async () => {
    const signed = await signRecordVersion(origin.signer, designationVersion(ID, 3));
    const record = { type: 'Designation' as const, id: ID, version: 3 };
    const grant = await signGrantLink(origin.signer, record, relay.issuer, 0);
    const raised = await signCanonical(relay.signer, HOP_LINK_TYPE, { ...record, iss: relay.issuer, aud: me.issuer, hopsLeft: 0 });
    const entry = { ...(await deliver(signed, [origin, me], 0)), chain: [grant, raised] };
    expect(await rejection(verifyBundle(await signBundle(relay.signer, page([entry])), { directory, peer: fromRelay }))).toBe('hop_limit_exceeded');
    const raisedMore = await signCanonical(relay.signer, HOP_LINK_TYPE, { ...record, iss: relay.issuer, aud: me.issuer, hopsLeft: 5 });
    expect(await rejection(verifyBundle(await signBundle(relay.signer, page([{ ...entry, chain: [grant, raisedMore] }])), { directory, peer: fromRelay }))).toBe('hop_limit_exceeded');

    const atRelay = await verifyHopChain([grant], { record, origin: origin.issuer, deliveredBy: origin.issuer, self: relay.issuer, keysOf: (iss) => directory.byIssuer(iss)?.keys }, 'chain');
    expect(await extendChain(relay.signer, record, atRelay, me.issuer)).toEqual({ refused: 'no_hops_left' });
    const grantTwo = await signGrantLink(origin.signer, record, relay.issuer, 2);
    const atRelayTwo = await verifyHopChain([grantTwo], { record, origin: origin.issuer, deliveredBy: origin.issuer, self: relay.issuer, keysOf: (iss) => directory.byIssuer(iss)?.keys }, 'chain');
    expect(await extendChain(relay.signer, record, atRelayTwo, origin.issuer)).toEqual({ refused: 'already_on_chain' });
  });

  it('a relay skipping a hop, or forwarding a link meant for itself, is refused', async () => {
    const signed = await signRecordVersion(origin.signer, designationVersion(ID, 3));
    const record = { type: 'Designation' as const, id: ID, version: 3 };
    const viaBoth = await deliver(signed, [origin, relay, relay2, me], 2);
    // relay2 leaves relay out: its link follows the origin's grant, which was for relay.
    const [grant, , own] = viaBoth.chain;
    const skipped = { ...viaBoth, chain: [grant!, own!] };
    expect(await rejection(verifyBundle(await signBundle(relay2.signer, page([skipped])), { directory, peer: fromRelay2 }))).toBe('hop_chain_broken');
    // relay forwards the origin's link to itself unchanged.
    const unextended = { ...viaBoth, chain: [await signGrantLink(origin.signer, record, relay.issuer, 1)] };
    expect(await rejection(verifyBundle(await signBundle(relay.signer, page([unextended])), { directory, peer: fromRelay }))).toBe('hop_chain_broken');
    expect(await verifyBundle(await signBundle(relay2.signer, page([viaBoth])), { directory, peer: fromRelay2 })).toBeTruthy();
  });

  it('a relay posing as the origin is refused: its own origin claim, its key under the origin name, its own grant', async () => {
    const version = designationVersion(ID, 4);
    const claimsToBeOrigin = await signRecordVersion(relay.signer, version);
    const own = await deliver(claimsToBeOrigin, [relay, me], 3);
    expect(await rejection(verifyBundle(await signBundle(relay.signer, page([own])), { directory, peer: fromRelay }))).toBe('origin_mismatch');

    const forged = await signRecordVersion({ issuer: origin.issuer, key: relay.signer.key }, version);
    const forgedEntry = { ...(await deliver(forged, [relay, me], 3)) };
    expect(await rejection(verifyBundle(await signBundle(relay.signer, page([forgedEntry])), { directory, peer: fromRelay }))).toBe('bad_origin_signature');

    const genuine = await signRecordVersion(origin.signer, version);
    const selfGranted = await deliver(genuine, [relay, me], 3);
    expect(await rejection(verifyBundle(await signBundle(relay.signer, page([selfGranted])), { directory, peer: fromRelay }))).toBe('hop_chain_broken');
  });

  it('origin tombstones travel in tombstones, withdrawals need no origin proof, and each must be what it claims', async () => {
    const deleted = await deliver(await signRecordVersion(origin.signer, designationVersion(ID, 5, {}, true)), [origin, me], 0, ['status']);
    const verified = await verifyBundle(
      await signBundle(origin.signer, page([], { tombstones: [{ kind: 'deleted', ...deleted }, { kind: 'withdrawn', type: 'Designation', id: 'a2b0c9d8-0000-4000-8000-000000000001', owner: 'us-ofac', version: 2 }] })),
      { directory, peer: fromOrigin },
    );
    expect(verified.records.map((r) => [r.version, r.deleted])).toEqual([[5, true]]);
    expect(verified.withdrawals).toEqual([{ type: 'Designation', id: 'a2b0c9d8-0000-4000-8000-000000000001', owner: 'us-ofac', version: 2 }]);
    expect(await rejection(verifyBundle(await signBundle(origin.signer, page([deleted])), { directory, peer: fromOrigin }))).toBe('record_mismatch');
    const live = await deliver(await signRecordVersion(origin.signer, designationVersion(ID, 5)), [origin, me], 0);
    expect(await rejection(verifyBundle(await signBundle(origin.signer, page([], { tombstones: [{ kind: 'deleted', ...live }] })), { directory, peer: fromOrigin }))).toBe('record_mismatch');
    const ofsiWithdrawal = { kind: 'withdrawn' as const, type: 'Designation' as const, id: ID, owner: 'gb-ofsi', version: 1 };
    expect(await rejection(verifyBundle(await signBundle(origin.signer, page([], { tombstones: [ofsiWithdrawal] })), { directory, peer: fromOrigin }))).toBe('owner_not_spoken_for');
  });

  it('a payload that is not canonical JSON, a record proof offered as a bundle, or a record named twice is refused', async () => {
    const entry = await deliver(await signRecordVersion(origin.signer, designationVersion(ID, 3)), [origin, me], 0);
    const payload = { tombstones: [], records: [entry], iss: origin.issuer, aud: me.issuer, iat: 1, from: null, to: 'c', hasMore: false };
    const loose = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload, null, 1)))
      .setProtectedHeader({ alg: 'EdDSA', kid: origin.signer.key.kid, typ: 'interlock-bundle+jws' })
      .sign(origin.signer.key.privateKey);
    expect(await rejection(verifyBundle(loose, { directory, peer: fromOrigin }))).toBe('malformed');
    expect(await rejection(verifyBundle(entry.proof, { directory, peer: fromOrigin }))).toBe('wrong_type');
    expect(await rejection(verifyBundle(await signBundle(origin.signer, page([entry, entry])), { directory, peer: fromOrigin }))).toBe('malformed');
    expect(await rejection(verifyBundle('not.a.bundle', { directory, peer: fromOrigin }))).toBe('malformed');
  });

  it('signatures are checked byte for byte: bytes outside base64url, a critical header, or a P-256 bundle verify only as jose would', async () => {
    const jws = await signBundle(origin.signer, page([]));
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    // A lenient decoder would take these for the same signed bytes.
    expect(await rejection(verifyBundle(`${header}.${payload}.${signature}=`, { directory, peer: fromOrigin }))).toBe('malformed');
    expect(await rejection(verifyBundle(`${header}.${payload}!.${signature}`, { directory, peer: fromOrigin }))).toBe('malformed');
    const signedBody = new TextEncoder().encode(new TextDecoder().decode(base64url.decode(payload)));
    // A header extension this hub does not understand must be refused (RFC 7515 §4.1.11), however well signed.
    const criticalHeader = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: origin.signer.key.kid, typ: 'interlock-bundle+jws', crit: ['x-hub'], 'x-hub': 1 })).toString('base64url');
    const criticalSignature = sign(null, Buffer.from(`${criticalHeader}.${payload}`), KeyObject.from(origin.signer.key.privateKey as never)).toString('base64url');
    const critical = `${criticalHeader}.${payload}.${criticalSignature}`;
    expect(await rejection(verifyBundle(critical, { directory, peer: fromOrigin }))).toBe('malformed');

    const { exportJWK, generateKeyPair, createLocalJWKSet } = await import('jose');
    const p256 = await generateKeyPair('ES256', { extractable: true });
    const p256Hub: KnownHub = { ...fromOrigin, keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(p256.publicKey)), kid: 'p256', alg: 'ES256' }] }) };
    const es256 = await new CompactSign(signedBody).setProtectedHeader({ alg: 'ES256', kid: 'p256', typ: 'interlock-bundle+jws' }).sign(p256.privateKey);
    const p256Directory: HubDirectory = { ...directory, byIssuer: (issuer) => (issuer === origin.issuer ? p256Hub : directory.byIssuer(issuer)), homeOf: (agency) => (agency === 'us-ofac' ? p256Hub : directory.homeOf(agency)) };
    expect((await verifyBundle(es256, { directory: p256Directory, peer: p256Hub })).to).toBe('cursor-1');
    expect(await rejection(verifyBundle(`${es256.slice(0, -4)}AAAA`, { directory: p256Directory, peer: p256Hub }))).toBe('bad_signature');
    // An EdDSA header naming the P-256 key: no Ed25519 key by that kid.
    const mislabelled = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'p256', typ: 'interlock-bundle+jws' })).toString('base64url')}.${payload}.${signature}`;
    expect(await rejection(verifyBundle(mislabelled, { directory: p256Directory, peer: p256Hub }))).toBe('unknown_key');
  });
});
