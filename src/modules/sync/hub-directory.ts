import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from 'jose';
import type { PeerHub } from '../../policy/peer-files.ts';
import type { KeyLookup } from './signed-json.ts';

/** Another hub as verification needs it: its keys, whose records it originates and may deliver. */
export interface KnownHub {
  readonly id: string;
  readonly issuer: string;
  readonly keys: KeyLookup;
  readonly originFor: readonly string[];
  readonly speaksFor: readonly string[];
}

/** Every hub this hub knows (policies/peers.yaml), looked up by issuer or by the agencies homed there. */
export interface HubDirectory {
  /** This hub's issuer: the audience of everything it accepts. */
  readonly self: string;
  byIssuer(issuer: string): KnownHub | undefined;
  /** The origin hub of an agency's records. */
  homeOf(agency: string): KnownHub | undefined;
}

export function createHubDirectory(self: string, hubs: readonly KnownHub[]): HubDirectory {
  const byIssuer = new Map(hubs.map((hub) => [hub.issuer, hub]));
  const homes = new Map(hubs.flatMap((hub) => hub.originFor.map((agency) => [agency, hub] as const)));
  return { self, byIssuer: (issuer) => byIssuer.get(issuer), homeOf: (agency) => homes.get(agency) };
}

/** The peers file's hubs with their key sets ready: remote ones fetched on demand and cached by jose. */
export function knownHubsFrom(peers: readonly PeerHub[]): KnownHub[] {
  return peers.map((peer) => ({
    id: peer.id,
    issuer: peer.issuer,
    originFor: peer.originFor,
    speaksFor: peer.speaksFor,
    keys:
      peer.keys.kind === 'jwks'
        ? createLocalJWKSet(peer.keys.jwks as unknown as JSONWebKeySet)
        : // A rotation publishes the new key before signing with it; an unknown kid refetches after 30 s.
          createRemoteJWKSet(new URL(peer.keys.url), { cooldownDuration: 30_000, timeoutDuration: 5_000 }),
  }));
}
