/**
 * `listVersion`: which designations a screening read, as `designations@<digest>`. The digest
 * covers only the designations the caller screens against (see `screenedListDigest`), so the
 * version a caller sees moves only when its own screening basis changes. Computing it reads every
 * such designation, so it is cached per access decision and hub-wide change position; the
 * position itself never leaves the server.
 */
import { grantsFingerprint, type AccessDecision } from '../../policy/decision.ts';
import type { ScreeningRepository } from './screening.repository.ts';

const PREFIX = 'designations@';
/** Access decisions × change positions held; the oldest entry goes first. */
const CACHED_VERSIONS = 256;

export class ListVersionCache {
  private readonly versions = new Map<string, string>();

  get(key: string): string | undefined {
    return this.versions.get(key);
  }

  set(key: string, version: string): void {
    this.versions.delete(key);
    this.versions.set(key, version);
    if (this.versions.size > CACHED_VERSIONS) this.versions.delete(this.versions.keys().next().value!);
  }
}

/** The list version `access` screens against in the repository's snapshot, cached when `cache` is given. */
export async function screenedListVersion(repository: ScreeningRepository, access: AccessDecision, cache?: ListVersionCache): Promise<string> {
  if (!cache) return PREFIX + (await repository.screenedListDigest(access));
  const position = await repository.changePosition();
  const key = `${access.agencyId}\u0000${grantsFingerprint(access, 'Designation')}\u0000${position.key}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const version = PREFIX + (await repository.screenedListDigest(access));
  if (position.settled) cache.set(key, version);
  return version;
}
