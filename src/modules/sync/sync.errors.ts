/**
 * Why a bundle was refused. Any one of them rejects the whole bundle: a receiver never applies
 * part of what a peer sent, so a bundle is either wholly proven or changes nothing. The codes are
 * stable (logs, `sync status`, alerting); the messages are for people and name only what the
 * sender already knows (entry index, field name, hub), never a value.
 */
export const BUNDLE_REJECTIONS = {
  malformed: 'not a well-formed bundle',
  wrong_type: 'not an interlock bundle (typ)',
  unknown_key: 'signed with a key the peer does not publish',
  keys_unavailable: "the signer's public keys could not be fetched",
  bad_signature: 'bundle signature does not verify',
  wrong_issuer: 'bundle issued by another hub than the peer',
  wrong_audience: 'bundle made for another hub',
  issued_in_future: 'bundle issued in the future',
  owner_not_spoken_for: 'record owned by an agency the peer may not speak for',
  unknown_origin: "no known hub is the origin of the record's owner",
  origin_mismatch: "record signed as origin by a hub that is not its owner's",
  bad_origin_signature: "the origin's signature of the record does not verify",
  record_mismatch: 'entry differs from what its origin signed',
  digest_mismatch: 'released value differs from the digest its origin signed',
  hop_chain_broken: 'hop chain does not lead from the origin to this hub link by link',
  bad_hop_signature: 'a hop link signature does not verify',
  hop_limit_exceeded: 'hop chain re-shares further than the origin allowed',
  // Found when applying: the bundle is proven, but this hub cannot hold what it carries.
  unsupported_type: 'record type this hub does not receive yet',
  unknown_owner: 'record owned by an agency this hub does not know (policies/agencies.yaml)',
  unusable_record: 'record values this hub cannot store',
  local_record: 'record id of a record this hub owns',
} as const;
export type BundleRejectionReason = keyof typeof BUNDLE_REJECTIONS;

export class BundleRejected extends Error {
  constructor(
    readonly reason: BundleRejectionReason,
    /** Which entry and what about it, e.g. `records[3].values.primaryName`. */
    readonly detail?: string,
  ) {
    super(`bundle rejected: ${BUNDLE_REJECTIONS[reason]}${detail ? ` (${detail})` : ''}`);
    this.name = 'BundleRejected';
  }
}

export const rejectBundle = (reason: BundleRejectionReason, detail?: string) => new BundleRejected(reason, detail);
