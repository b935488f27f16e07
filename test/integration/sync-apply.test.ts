import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHubKey, loadHubKeys } from '../../src/auth/hub-keys.ts';
import { changeFeed, designations, syncPeerState } from '../../src/db/schema/index.ts';
import { applyBundle, type ApplyOutcome } from '../../src/modules/sync/bundle-apply.ts';
import { signBundle, verifyBundle, type RecordEntry, type Tombstone, type VerifiedBundle } from '../../src/modules/sync/bundle.ts';
import type { HubDirectory, KnownHub } from '../../src/modules/sync/hub-directory.ts';
import { BundleRejected } from '../../src/modules/sync/sync.errors.ts';
import { errorCodes, startTestHub, type TestHub } from '../support/hub.ts';
import { deliver, designationVersion, directoryOf, hubIdentity, signRecordVersion, type TestHubIdentity } from '../support/sync/hubs.ts';

const GET = `query Get($id: ID!) { designation(id: $id) {
  id primaryName status version marking programs delistedAt rationale
  aliases { name script } identifiers { type value } addresses { city country }
  provenance { hub origin receivedAt bundle hops }
} }`;
const SCREEN = `query Screen($name: String!) { screen(input: [{ name: $name }]) { matches { designation { id } } } }`;

const ids = {
  tanker: '3d0c1c41-6b1f-4c2a-9d1e-7f3a2b5c6d01',
  broker: '3d0c1c41-6b1f-4c2a-9d1e-7f3a2b5c6d02',
  agent: '3d0c1c41-6b1f-4c2a-9d1e-7f3a2b5c6d03',
  crash: '3d0c1c41-6b1f-4c2a-9d1e-7f3a2b5c6d04',
};

describe('applying signed bundles to a real database', () => {
  let hub: TestHub;
  let keysDir: string;
  let origin: TestHubIdentity;
  let relay: TestHubIdentity;
  let me: TestHubIdentity;
  let fromOrigin: KnownHub;
  let fromRelay: KnownHub;
  let directory: HubDirectory;
  let page = 0;
  const cursors = new Map<string, string | null>();

  beforeAll(async () => {
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlock-sync-'));
    await generateHubKey(keysDir);
    hub = await startTestHub({ hubKeys: await loadHubKeys(keysDir) });
    [origin, relay, me] = (await Promise.all(['https://o.hub.example/', 'https://r.hub.example/', 'https://me.hub.example/'].map(hubIdentity))) as TestHubIdentity[] as [TestHubIdentity, TestHubIdentity, TestHubIdentity];
    fromOrigin = origin.known({ originFor: ['us-ofac'] });
    fromRelay = relay.known({ originFor: ['gb-ofsi'], speaksFor: ['gb-ofsi', 'us-ofac'] });
    directory = directoryOf(me, [fromOrigin, fromRelay]);
  });
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  /** The next page a peer serves this hub, signed, verified as the pull loop would. */
  async function nextBundle(peer: TestHubIdentity, records: RecordEntry[], tombstones: Tombstone[] = []): Promise<VerifiedBundle> {
    page += 1;
    const from = cursors.get(peer.issuer) ?? null;
    const to = `${new URL(peer.issuer).hostname}-cursor-${page}`;
    cursors.set(peer.issuer, to);
    const jws = await signBundle(peer.signer, { audience: me.issuer, from, to, hasMore: false, records, tombstones });
    return verifyBundle(jws, { directory, peer: peer === origin ? fromOrigin : fromRelay });
  }
  const apply = (bundle: VerifiedBundle, peer = fromOrigin) => applyBundle(hub.db, peer, bundle);
  const fromOriginVersion = async (id: string, version: number, overrides = {}, deleted = false) =>
    deliver(await signRecordVersion(origin.signer, designationVersion(id, version, overrides, deleted)), [origin, me], 0);
  const viaRelay = async (id: string, version: number, overrides = {}, deleted = false) =>
    deliver(await signRecordVersion(origin.signer, designationVersion(id, version, overrides, deleted)), [origin, relay, me], 1);
  const held = async (id: string) => (await hub.graphql<{ designation: Record<string, unknown> | null }>(GET, { id })).data?.designation ?? null;
  const cursorOf = async (peerId: string) => (await hub.db.select().from(syncPeerState).where(eq(syncPeerState.peerId, peerId)))[0]?.cursor ?? null;
  const counts = (outcome: ApplyOutcome) => Object.fromEntries(Object.entries(outcome.counts).filter(([, n]) => n > 0));

  it('stores a received designation with its children, screens against it and shows its provenance', async () => {
    const bundle = await nextBundle(origin, [await fromOriginVersion(ids.tanker, 3)]);
    const outcome = await apply(bundle);
    expect(outcome).toMatchObject({ outcome: 'applied', cursor: bundle.to });
    expect(counts(outcome)).toEqual({ applied: 1 });
    const designation = await held(ids.tanker);
    expect(designation).toMatchObject({
      id: ids.tanker,
      primaryName: 'Example Trading 3',
      status: 'ACTIVE',
      version: 3,
      marking: 'GREEN',
      rationale: null,
      aliases: [{ name: 'Пример Трейдинг', script: 'Cyrillic' }],
      identifiers: [{ type: 'IMO_NUMBER', value: 'IMO 9176187' }],
      addresses: [{ city: 'Dubai', country: 'AE' }],
      provenance: { hub: origin.issuer, origin: origin.issuer, bundle: bundle.hash, hops: 1 },
    });
    const screened = await hub.graphql<{ screen: { matches: { designation: { id: string } }[] }[] }>(SCREEN, { name: 'Пример Трейдинг' });
    expect(screened.data?.screen[0]!.matches.map((m) => m.designation.id)).toContain(ids.tanker);
    expect(await cursorOf(fromOrigin.id)).toBe(bundle.to);
  });

  it('is idempotent: the same bundle again is out of sequence, the same version again changes nothing', async () => {
    const version = await fromOriginVersion(ids.broker, 2);
    const first = await nextBundle(origin, [version]);
    await apply(first);
    const feedBefore = (await hub.db.select({ n: count() }).from(changeFeed))[0]!.n;
    expect(await apply(first)).toMatchObject({ outcome: 'out_of_sequence', cursor: first.to });
    const again = await apply(await nextBundle(origin, [version]));
    expect(counts(again)).toEqual({ unchanged: 1 });
    expect((await hub.db.select({ n: count() }).from(changeFeed))[0]!.n).toBe(feedBefore);
    expect(await held(ids.broker)).toMatchObject({ version: 2 });
  });

  it('ignores an older version, whichever peer brings it', async () => {
    await apply(await nextBundle(origin, [await fromOriginVersion(ids.agent, 5, { primaryName: 'Agent Five' })]));
    const stale = await apply(await nextBundle(relay, [await viaRelay(ids.agent, 4, { primaryName: 'Agent Four' })]), fromRelay);
    expect(counts(stale)).toEqual({ older: 1 });
    expect(await held(ids.agent)).toMatchObject({ version: 5, primaryName: 'Agent Five', provenance: { hub: origin.issuer, hops: 1 } });
  });

  it('a tombstone beats older versions, and a delisted record comes back only with a newer origin version', async () => {
    const tombstone = await fromOriginVersion(ids.agent, 6, { primaryName: 'Agent Five', delistingReason: 'Deceased.' }, true);
    expect(counts(await apply(await nextBundle(origin, [], [{ kind: 'deleted', ...tombstone }])))).toEqual({ deleted: 1 });
    expect(await held(ids.agent)).toMatchObject({ version: 6, status: 'DELISTED' });
    expect((await held(ids.agent))!.delistedAt).not.toBeNull();

    const staleSameVersion = await viaRelay(ids.agent, 6, { primaryName: 'Agent Five' });
    const staleOlder = await viaRelay(ids.crash, 1);
    const resurrect = await apply(await nextBundle(relay, [staleSameVersion, staleOlder]), fromRelay);
    expect(counts(resurrect)).toEqual({ notResurrected: 1, applied: 1 });
    expect(counts(await apply(await nextBundle(relay, [await viaRelay(ids.agent, 5)]), fromRelay))).toEqual({ older: 1 });
    expect(await held(ids.agent)).toMatchObject({ version: 6, status: 'DELISTED' });

    expect(counts(await apply(await nextBundle(origin, [await fromOriginVersion(ids.agent, 7, { primaryName: 'Agent Seven' })])))).toEqual({ applied: 1 });
    expect(await held(ids.agent)).toMatchObject({ version: 7, status: 'ACTIVE', primaryName: 'Agent Seven' });
  });

  it('a withdrawal removes only what that peer delivered, and no older version comes back after it', async () => {
    const byOtherPeer = await apply(await nextBundle(relay, [], [{ kind: 'withdrawn', type: 'Designation', id: ids.tanker, owner: 'us-ofac', version: 3 }]), fromRelay);
    expect(counts(byOtherPeer)).toEqual({ withdrawalsIgnored: 1 });
    expect(await held(ids.tanker)).not.toBeNull();

    const withdrawn = await apply(await nextBundle(origin, [], [{ kind: 'withdrawn', type: 'Designation', id: ids.tanker, owner: 'us-ofac', version: 3 }]));
    expect(counts(withdrawn)).toEqual({ withdrawn: 1 });
    expect(errorCodes(await hub.graphql(GET, { id: ids.tanker }))).toEqual(['NOT_FOUND']);
    expect(counts(await apply(await nextBundle(relay, [await viaRelay(ids.tanker, 2)]), fromRelay))).toEqual({ older: 1 });
    expect(errorCodes(await hub.graphql(GET, { id: ids.tanker }))).toEqual(['NOT_FOUND']);
    // Released again (an agreement renewed): the same version comes back.
    expect(counts(await apply(await nextBundle(origin, [await fromOriginVersion(ids.tanker, 3)])))).toEqual({ applied: 1 });
    expect(await held(ids.tanker)).toMatchObject({ version: 3 });
  });

  it('a crash in the middle of a bundle leaves nothing of it applied and the cursor where it was', async () => {
    const before = await cursorOf(fromOrigin.id);
    const bundle = await nextBundle(origin, [await fromOriginVersion(ids.crash, 9, { primaryName: 'Half Applied' }), await fromOriginVersion(ids.broker, 3)]);
    let written = 0;
    const crash = applyBundle(hub.db, fromOrigin, bundle, {
      onEntryApplied: () => {
        written += 1;
        if (written === 1) throw new Error('power cut');
      },
    });
    await expect(crash).rejects.toThrow('power cut');
    expect(await cursorOf(fromOrigin.id)).toBe(before);
    expect(await held(ids.broker)).toMatchObject({ version: 2 });
    expect(await held(ids.crash)).toMatchObject({ version: 1 });
    // The pull resumes with the same bundle: all of it lands.
    expect(counts(await apply(bundle))).toEqual({ applied: 2 });
    expect(await held(ids.crash)).toMatchObject({ version: 9, primaryName: 'Half Applied' });
  });

  it('rejects a bundle this hub cannot hold whole: an unknown owner, or the id of one of its own records', async () => {
    const local = await hub.graphql<{ createDesignation: { id: string } }>(
      'mutation { createDesignation(input: { subjectType: ENTITY, primaryName: "Local Listing", marking: GREEN }) { id } }',
    );
    const localId = local.data!.createDesignation.id;
    const before = await cursorOf(fromOrigin.id);
    const overwrite = await nextBundle(origin, [await fromOriginVersion(ids.crash, 10), await fromOriginVersion(localId, 99)]);
    await expect(apply(overwrite)).rejects.toMatchObject({ reason: 'local_record' });
    expect(await held(localId)).toMatchObject({ primaryName: 'Local Listing', provenance: null });
    expect(await held(ids.crash)).toMatchObject({ version: 9 });
    expect(await cursorOf(fromOrigin.id)).toBe(before);

    cursors.set(origin.issuer, before);
    const valid = await signRecordVersion(origin.signer, designationVersion(ids.crash, 11));
    const unknownOwnerDirectory = directoryOf(me, [origin.known({ originFor: ['us-ofac', 'xx-nobody'] })]);
    const entry = await deliver(await signRecordVersion(origin.signer, { ...designationVersion('3d0c1c41-6b1f-4c2a-9d1e-7f3a2b5c6d09', 1), owner: 'xx-nobody' }), [origin, me], 0);
    const jws = await signBundle(origin.signer, { audience: me.issuer, from: before, to: 'x', hasMore: false, records: [await deliver(valid, [origin, me], 0), entry], tombstones: [] });
    const verified = await verifyBundle(jws, { directory: unknownOwnerDirectory, peer: origin.known({ originFor: ['us-ofac', 'xx-nobody'] }) });
    const rejected = await apply(verified).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(BundleRejected);
    expect(rejected).toMatchObject({ reason: 'unknown_owner' });
    expect(await held(ids.crash)).toMatchObject({ version: 9 });
  });

  it('received records are read-only over HTTP, even for their owner agency', async () => {
    const update = await hub.graphql('mutation { updateDesignation(input: { id: "' + ids.crash + '", expectedVersion: 9, primaryName: "Changed Here" }) { id } }');
    expect(errorCodes(update)).toEqual(['FORBIDDEN']);
    const delist = await hub.graphql('mutation { delistDesignation(input: { id: "' + ids.crash + '", expectedVersion: 9, reason: "local" }) { id } }', {}, { agency: 'us-ofac', roles: ['agency_admin'] });
    expect(errorCodes(delist)).toEqual(['FORBIDDEN']);
    expect(await held(ids.crash)).toMatchObject({ version: 9, primaryName: 'Half Applied' });
    const stored = await hub.db.select({ version: designations.version }).from(designations).where(eq(designations.id, ids.crash));
    expect(stored).toEqual([{ version: 9 }]);
  });

  it('publishes the hub signing keys at /.well-known/jwks.json', async () => {
    const response = await fetch(`${hub.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
