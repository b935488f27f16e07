/**
 * Sync as the operator drives it (`interlock sync pull`, `sync status`, the pull interval of
 * `serve`): peers read from policies/peers.yaml, state from `sync_peer_state`.
 */
import path from 'node:path';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { loadPeersConfig, type PeerHub, type PeersConfig } from '../../policy/peer-files.ts';
import { createHubDirectory, knownHubsFrom, type HubDirectory, type KnownHub } from './hub-directory.ts';
import { pendingAtPeer, pullFromPeer, type PullResult } from './pull.ts';
import { SyncRepository } from './sync.repository.ts';

/** A mistake in a sync command: a message for the operator, never a stack trace. */
export class SyncCommandError extends Error {
  readonly code = 'SYNC_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'SyncCommandError';
  }
}

export interface PeerSetup {
  readonly config: PeersConfig;
  readonly directory: HubDirectory;
  readonly known: readonly KnownHub[];
}

export function loadPeerSetup(policiesDir: string, hubIssuer: string): PeerSetup {
  const config = loadPeersConfig(path.join(policiesDir, 'peers.yaml'), { selfIssuer: hubIssuer });
  const known = knownHubsFrom(config.peers);
  return { config, known, directory: createHubDirectory(hubIssuer, known) };
}

export async function pullPeer(db: Database, setup: PeerSetup, peerId: string, options: { log?: Logger; signal?: AbortSignal } = {}): Promise<PullResult> {
  const peer = setup.config.peers.find((p) => p.id === peerId);
  const pullable = setup.config.peers.filter((p) => p.pull).map((p) => p.id);
  if (!peer) throw new SyncCommandError(`No peer ${JSON.stringify(peerId)} in ${setup.config.file}; peers to pull from: ${pullable.join(', ') || 'none'}.`);
  if (!peer.pull) throw new SyncCommandError(`Peer ${peerId} has no url in ${setup.config.file}: it is known only as an origin, not pulled from.`);
  return pullFromPeer(db, peer, { directory: setup.directory, known: setup.known.find((k) => k.id === peerId)!, ...options });
}

export interface PeerStatus {
  readonly peer: string;
  readonly url: string | null;
  readonly cursor: string | null;
  readonly bundlesApplied: number;
  readonly lastSuccessAt: string | null;
  readonly lastBundleIssuedAt: string | null;
  /** The peer had more ready when it sent the last bundle. */
  readonly behind: boolean;
  /**
   * Lag in changes: how many the peer's bundles would carry after the stored cursor, as the peer
   * counts them now (its feed, as the agency this hub pulls as may see it); null when it could not
   * be asked (`lagError`).
   */
  readonly lagChanges: number | null;
  /** False when the peer counted only up to its limit: at least `lagChanges`. */
  readonly lagChangesComplete: boolean;
  readonly lagError: string | null;
  /**
   * Lag in seconds: 0 when the peer has nothing for this hub; else the time since the last
   * applied bundle was signed, i.e. since this hub's copy of the peer's records was last brought
   * up to date (or null, never).
   */
  readonly lagSeconds: number | null;
  readonly lastErrorAt: string | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
}

export interface SyncStatusOptions {
  readonly now?: Date;
  readonly fetch?: typeof fetch;
}

/** Every peer pulled from (or once pulled from), with its lag asked of it: peers asked at once, each bounded by a timeout. */
export async function syncStatus(db: Database, setup: PeerSetup, options: SyncStatusOptions = {}): Promise<PeerStatus[]> {
  const now = options.now ?? new Date();
  const states = new Map((await new SyncRepository(db).allPeerStates()).map((row) => [row.peerId, row]));
  const peers = setup.config.peers.filter((peer) => peer.pull || states.has(peer.id));
  return Promise.all(
    peers.map(async (peer): Promise<PeerStatus> => {
      const state = states.get(peer.id);
      const cursor = state?.cursor ?? null;
      const pending = peer.pull ? await pendingAtPeer(peer, cursor, options.fetch ? { fetch: options.fetch } : {}) : { error: 'not_pullable' };
      const lagChanges = 'changes' in pending ? pending.changes : null;
      const sinceLastBundle = state?.lastBundleIssuedAt ? Math.max(0, Math.round((now.getTime() - state.lastBundleIssuedAt.getTime()) / 1000)) : null;
      return {
        peer: peer.id,
        url: peer.pull?.url ?? null,
        cursor,
        bundlesApplied: state?.bundlesApplied ?? 0,
        lastSuccessAt: state?.lastSuccessAt?.toISOString() ?? null,
        lastBundleIssuedAt: state?.lastBundleIssuedAt?.toISOString() ?? null,
        behind: state?.hasMore ?? false,
        lagChanges,
        lagChangesComplete: 'complete' in pending ? pending.complete : false,
        lagError: 'error' in pending ? pending.error : null,
        lagSeconds: lagChanges === 0 ? 0 : sinceLastBundle,
        lastErrorAt: state?.lastErrorAt?.toISOString() ?? null,
        lastError: state?.lastError ?? null,
        consecutiveFailures: state?.consecutiveFailures ?? 0,
      };
    }),
  );
}

export interface PullSchedule {
  stop(): Promise<void>;
}

/** Pulls each peer every `pullInterval` (one pull of a peer at a time); `stop` waits for pulls in flight. */
export function startPullSchedule(db: Database, setup: PeerSetup, log: Logger): PullSchedule {
  const controller = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  const timers = setup.config.peers
    .filter((peer): peer is PeerHub & { pull: NonNullable<PeerHub['pull']> } => peer.pull !== null)
    .map((peer) => {
      let running = false;
      const tick = () => {
        if (running || controller.signal.aborted) return;
        running = true;
        const pull = pullPeer(db, setup, peer.id, { log, signal: controller.signal })
          .catch((error: unknown) => log.error({ err: error, peer: peer.id }, 'scheduled pull failed'))
          .finally(() => {
            running = false;
            inFlight.delete(pull);
          });
        inFlight.add(pull);
      };
      setImmediate(tick);
      return setInterval(tick, peer.pull.intervalSeconds * 1000);
    });
  return {
    async stop() {
      controller.abort();
      for (const timer of timers) clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}
