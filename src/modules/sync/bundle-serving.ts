/**
 * Serving bundles (docs/sync.md §3): one page of a peer hub's `changes`, as the agency it speaks
 * for may see them, each record with its origin's proof, the released values only, and the hop
 * chain that hands it to that peer. Nothing here decides what is released: the change feed gives
 * each upsert's `releasedFields` (src/policy), and this turns exactly those into a delivery.
 */
import type { Executor } from '../../db/client.ts';
import type { SyncReceivedRecordRow } from '../../db/schema/index.ts';
import type { Agreement } from '../../policy/agreement.ts';
import type { RecordType } from '../../policy/catalogue.ts';
import { AccessDecision } from '../../policy/decision.ts';
import type { PeerHub } from '../../policy/peer-files.ts';
import type { Viewer } from '../../policy/viewer.ts';
import type { Change, ChangesPage, ShareableRow } from '../changes/change.ts';
import { MAX_PEER_HUB_PAGE } from '../changes/changes-cursor.ts';
import type { ChangesRequest } from '../changes/changes.service.ts';
import { signBundle, type RecordEntry, type Tombstone } from './bundle.ts';
import { extendChain, signGrantLink, storedChain } from './hop-chain.ts';
import { releaseFields, signRecordVersion } from './record-proof.ts';
import type { HubSigner } from './signed-json.ts';
import { SyncRepository } from './sync.repository.ts';
import { SYNCED_KINDS, SYNC_RECORD_TYPES } from './synced-kinds.ts';

export const DEFAULT_BUNDLE_LIMIT = 100;

/** The most changes `GET /sync/pending` counts: past it, a peer is told "at least". */
export const MAX_PENDING_COUNT = 10_000;

export interface BundleServingOptions {
  readonly db: Executor;
  readonly changes: {
    changesForPeerHub(viewer: Viewer, request: ChangesRequest): Promise<ChangesPage>;
    pendingFor(viewer: Viewer, request: Omit<ChangesRequest, 'first'>, atMost: number): Promise<{ changes: number; complete: boolean }>;
  };
  /** Undefined while the hub has no signing key: it then serves no bundles. */
  readonly signer: HubSigner | undefined;
  /** The hubs of this hub's policies/peers.yaml. */
  readonly peers: () => readonly PeerHub[];
  /** The agreements in force, for their `reshare.hops`. */
  readonly agreements: () => Promise<readonly Agreement[]>;
}

type Refusal = { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly message: string };

export type BundleAnswer = { readonly kind: 'bundle'; readonly jws: string; readonly peer: string; readonly records: number; readonly tombstones: number } | Refusal;

/** How far behind the peer is: the changes its bundles would carry after its cursor (at least `changes` when not `complete`). */
export type PendingAnswer = { readonly kind: 'pending'; readonly peer: string; readonly changes: number; readonly complete: boolean } | Refusal;

export interface BundleRequest {
  readonly after: string | null;
  readonly limit: number;
}

export class BundleServer {
  constructor(private readonly options: BundleServingOptions) {}

  /** The peer hub that speaks for `agency`: its home hub first, else a hub that relays for it. */
  peerFor(agency: string): PeerHub | undefined {
    const peers = this.options.peers();
    return peers.find((peer) => peer.originFor.includes(agency)) ?? peers.find((peer) => peer.speaksFor.includes(agency));
  }

  /** A signed page of `viewer`'s changes for the peer hub speaking for its agency. */
  async serve(viewer: Viewer, request: BundleRequest): Promise<BundleAnswer> {
    const peer = this.peerFor(viewer.caller.agencyId);
    if (!peer) return refused(403, 'NOT_A_PEER', 'no peer hub in policies/peers.yaml of this hub speaks for your agency');
    const signer = this.options.signer;
    if (!signer) return refused(503, 'NO_HUB_KEY', 'this hub has no signing key; run `interlock keys generate --hub`');

    const page = await this.options.changes.changesForPeerHub(viewer, { after: request.after, first: request.limit, types: SYNC_RECORD_TYPES });
    const { records, tombstones } = await this.deliveries(viewer, peer, signer, page.changes);
    const jws = await signBundle(signer, { audience: peer.issuer, from: request.after, to: page.cursor, hasMore: page.hasMore, records, tombstones });
    return { kind: 'bundle', jws, peer: peer.id, records: records.length, tombstones: tombstones.length };
  }

  /**
   * The number of changes the peer hub's bundles would carry after `after`: the same feed, as the
   * same agency may see it, counted instead of signed (so it tells the peer nothing its bundles
   * would not).
   */
  async pending(viewer: Viewer, after: string | null): Promise<PendingAnswer> {
    const peer = this.peerFor(viewer.caller.agencyId);
    if (!peer) return refused(403, 'NOT_A_PEER', 'no peer hub in policies/peers.yaml of this hub speaks for your agency');
    const counted = await this.options.changes.pendingFor(viewer, { after, types: SYNC_RECORD_TYPES }, MAX_PENDING_COUNT);
    return { kind: 'pending', peer: peer.id, ...counted };
  }

  private async deliveries(viewer: Viewer, peer: PeerHub, signer: HubSigner, changes: readonly Change[]) {
    const sync = new SyncRepository(this.options.db);
    const upserts = changes.filter((change) => change.kind === 'UPSERT' && change.record && change.releasedFields);
    const received = new Map<string, SyncReceivedRecordRow>();
    const ownValues = new Map<string, Record<string, unknown>>();
    const hopsFor = new Map<RecordType, (row: ShareableRow) => number>();
    for (const type of new Set(upserts.map((change) => change.type))) {
      const ofType = upserts.filter((change) => change.type === type);
      const held = await sync.receivedMany(type, ofType.map((change) => change.id));
      for (const [id, row] of held) received.set(`${type}:${id}`, row);
      const own = ofType.filter((change) => !held.has(change.id)).map((change) => change.record!);
      for (const [id, values] of await SYNCED_KINDS[type]!.values(this.options.db, own)) ownValues.set(`${type}:${id}`, values);
      hopsFor.set(type, await this.reshareHops(viewer, type));
    }

    // A page's signatures are made at once: they run on the thread pool, beside the event loop.
    const deliveries = await Promise.all(
      changes.map(async (change) => {
        if (change.kind === 'WITHDRAWAL' || !change.record || !change.releasedFields) return undefined;
        const key = `${change.type}:${change.id}`;
        const held = received.get(key);
        return held
          ? relayed(signer, held, change.releasedFields, peer.issuer)
          : ownVersion(signer, change.type, change.record, ownValues.get(key)!, change.releasedFields, peer.issuer, hopsFor.get(change.type)!(change.record));
      }),
    );
    const records: RecordEntry[] = [];
    const tombstones: Tombstone[] = [];
    for (const [index, change] of changes.entries()) {
      if (change.kind === 'WITHDRAWAL') {
        tombstones.push({ kind: 'withdrawn', type: change.type, id: change.id, owner: change.owner, version: change.version });
        continue;
      }
      const delivery = deliveries[index];
      // A received record whose chain has no hop left (or that would go back to a hub it came
      // through) is not forwarded.
      if (!delivery) continue;
      if (delivery.deleted) tombstones.push({ kind: 'deleted', ...delivery.entry });
      else records.push(delivery.entry);
    }
    return { records, tombstones };
  }

  /**
   * The hops the owner allows beyond this peer, from the agreements whose grants release the
   * record to the caller (the most generous of them: each one alone would have allowed it).
   */
  private async reshareHops(viewer: Viewer, type: RecordType): Promise<(row: ShareableRow) => number> {
    const agreements = new Map((await this.options.agreements()).map((agreement) => [agreement.id, agreement]));
    const single = viewer.access.grantsFor(type).map((grant) => ({
      decision: new AccessDecision(viewer.caller.agencyId, [grant]),
      hops: agreements.get(grant.agreementId)?.reshareHops ?? 0,
    }));
    return (row) => Math.max(0, ...single.filter((g) => g.decision.releasedFields(type, row) !== null).map((g) => g.hops));
  }
}

interface Delivery {
  readonly entry: RecordEntry;
  readonly deleted: boolean;
}

async function ownVersion(
  signer: HubSigner,
  type: RecordType,
  row: ShareableRow,
  values: Record<string, unknown>,
  released: ReadonlySet<string>,
  audience: string,
  hops: number,
): Promise<Delivery> {
  const deleted = SYNCED_KINDS[type]!.deleted(row);
  const record = { type, id: row.id, version: row.version };
  const [signed, grant] = await Promise.all([
    signRecordVersion(signer, { ...record, owner: row.ownerAgencyId, deleted, values }),
    signGrantLink(signer, record, audience, hops),
  ]);
  return { entry: { type, id: row.id, owner: row.ownerAgencyId, ...releaseFields(signed, released), chain: [grant] }, deleted };
}

async function relayed(signer: HubSigner, held: SyncReceivedRecordRow, released: ReadonlySet<string>, audience: string): Promise<Delivery | undefined> {
  const type = held.recordType as RecordType;
  const record = { type, id: held.recordId, version: held.version };
  const extended = await extendChain(signer, record, storedChain(held.hopChain as string[]), audience);
  if (!('chain' in extended)) return undefined;
  const stored = { proof: held.originProof, values: held.releasedValues as Record<string, unknown>, salts: held.salts as Record<string, string> };
  return {
    entry: { type, id: held.recordId, owner: held.ownerAgencyId, ...releaseFields(stored, released), chain: extended.chain },
    deleted: held.deleted,
  };
}

const refused = (status: number, code: string, message: string): Refusal => ({ kind: 'refused', status, code, message });

/** `after` and `limit` of `GET /sync/bundles`, or what is wrong with them. */
export function bundleRequestFrom(query: URLSearchParams): BundleRequest | { problem: string } {
  const after = query.get('after');
  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_BUNDLE_LIMIT : Number(limitText);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PEER_HUB_PAGE) return { problem: `limit must be a whole number from 1 to ${MAX_PEER_HUB_PAGE}` };
  return { after: after === null || after === '' ? null : after, limit };
}
