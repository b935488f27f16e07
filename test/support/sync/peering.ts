import fs from 'node:fs/promises';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { createHubDirectory, knownHubsFrom } from '../../../src/modules/sync/hub-directory.ts';
import { pullFromPeer, type PullOptions, type PullResult } from '../../../src/modules/sync/pull.ts';
import { loadPeersConfig, type PeersConfig } from '../../../src/policy/peer-files.ts';
import type { TestHub } from '../hub.ts';

/** One entry of a hub's policies/peers.yaml, naming another test hub. */
export interface PeerLink {
  readonly id: string;
  /** The other hub (its url only when pulling from it). */
  readonly hub: Pick<TestHub, 'issuer' | 'hubJwks'> & { readonly url?: string };
  readonly originFor: readonly string[];
  readonly speaksFor?: readonly string[];
  /** Pull from it, presenting this agency's token of the pulling hub. */
  readonly pullAs?: string;
}

/** Writes `self`'s policies/peers.yaml (inline JWKS, token files) as an operator would, and loads it. */
export async function connectPeers(self: TestHub, links: readonly PeerLink[]): Promise<PeersConfig> {
  const policies = path.join(self.dir, 'policies');
  const peers = [];
  for (const link of links) {
    const entry: Record<string, unknown> = {
      id: link.id,
      issuer: link.hub.issuer,
      jwks: link.hub.hubJwks,
      originFor: [...link.originFor],
      ...(link.speaksFor ? { speaksFor: [...link.speaksFor] } : {}),
    };
    if (link.pullAs) {
      const tokenFile = path.join(policies, 'secrets', `${link.id}.token`);
      await fs.mkdir(path.dirname(tokenFile), { recursive: true });
      await fs.writeFile(tokenFile, await self.token(link.pullAs), { mode: 0o600 });
      Object.assign(entry, { url: `${link.hub.url}/`, token: { file: `secrets/${link.id}.token` }, pullInterval: '1m' });
    }
    peers.push(entry);
  }
  const file = path.join(policies, 'peers.yaml');
  await fs.writeFile(file, toYaml({ peers }));
  const config = loadPeersConfig(file, { selfIssuer: self.issuer! });
  self.setPeers(config.peers);
  return config;
}

/** Pulls from `peerId` as `self` would (`interlock sync pull --peer`), after reading its peers file. */
export async function pull(self: TestHub, peerId: string, options: Partial<PullOptions> = {}): Promise<PullResult> {
  const config = loadPeersConfig(path.join(self.dir, 'policies', 'peers.yaml'), { selfIssuer: self.issuer! });
  const known = knownHubsFrom(config.peers);
  const peer = config.peers.find((p) => p.id === peerId)!;
  return pullFromPeer(self.database.handle.db, peer, {
    directory: createHubDirectory(self.issuer!, known),
    known: known.find((hub) => hub.id === peerId)!,
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    ...options,
  });
}
