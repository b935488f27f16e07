/**
 * Applies a verified bundle (docs/sync.md §4): every record, tombstone and withdrawal, and the
 * peer's new cursor, in one transaction, so a crash at any point leaves either all of it or none
 * of it, and the next pull resumes from the cursor that matches what is held.
 */
import type { Database, Executor } from '../../db/client.ts';
import type { SyncReceivedRecordRow } from '../../db/schema/index.ts';
import { decideRecord, decideWithdrawal, followsCursor, type HeldVersion, type RecordDecision, type WithdrawalDecision } from './apply-plan.ts';
import type { VerifiedBundle, VerifiedRecord, VerifiedWithdrawal } from './bundle.ts';
import type { KnownHub } from './hub-directory.ts';
import { rejectBundle } from './sync.errors.ts';
import { SyncRepository, type ReceivedRecordWrite } from './sync.repository.ts';
import { SYNCED_KINDS, type Stored, type SyncedKind } from './synced-kinds.ts';
import { appendAuditEntries } from '../audit/audit-log.ts';

export interface ApplyCounts {
  /** Live versions stored (new, newer, or released again). */
  applied: number;
  /** Origin tombstones stored. */
  deleted: number;
  unchanged: number;
  /** Older than held: replayed, reordered or from a stale relay. */
  older: number;
  /** Same-version live copies of a record its origin deleted: refused. */
  notResurrected: number;
  /** Versions held only as proof: released without a name, kind or status to keep a copy by. */
  notStored: number;
  withdrawn: number;
  /** Withdrawals of records this hub does not hold from this peer, or of older versions. */
  withdrawalsIgnored: number;
}

export type ApplyOutcome =
  | { readonly outcome: 'applied'; readonly cursor: string; readonly counts: ApplyCounts }
  /** The bundle does not start at the held cursor (a replay, or another pull got there first): nothing changed. */
  | { readonly outcome: 'out_of_sequence'; readonly cursor: string | null; readonly counts: ApplyCounts };

export interface ApplyOptions {
  /** Called after each entry is written, inside the transaction; a throw rolls the whole bundle back. */
  onEntryApplied?: (entry: { type: string; id: string; result: RecordDecision | WithdrawalDecision }) => void | Promise<void>;
}

export type ApplyingPeer = Pick<KnownHub, 'id' | 'issuer'>;

/** Applies a bundle from `peer` that `verifyBundle` accepted; throws `BundleRejected` for what this hub cannot hold. */
export async function applyBundle(db: Database, peer: ApplyingPeer, bundle: VerifiedBundle, options: ApplyOptions = {}): Promise<ApplyOutcome> {
  if (bundle.issuer !== peer.issuer) throw rejectBundle('wrong_issuer', bundle.issuer);
  return db.transaction(async (tx) => {
    const sync = new SyncRepository(tx);
    const state = await sync.lockPeer(peer.id);
    const counts: ApplyCounts = { applied: 0, deleted: 0, unchanged: 0, older: 0, notResurrected: 0, notStored: 0, withdrawn: 0, withdrawalsIgnored: 0 };
    if (!followsCursor(state.cursor, bundle.from)) return { outcome: 'out_of_sequence', cursor: state.cursor, counts };

    const receivedAt = new Date();
    const plan = await planRecords(tx, peer, bundle, receivedAt);
    await writePlan(tx, plan);
    for (const entry of plan.entries) {
      tally(counts, entry.result);
      await options.onEntryApplied?.({ type: entry.record.type, id: entry.record.id, result: entry.result.decision });
    }
    for (const withdrawal of bundle.withdrawals) {
      const result = await applyWithdrawal(tx, peer, withdrawal);
      if (result === 'withdraw') counts.withdrawn += 1;
      else counts.withdrawalsIgnored += 1;
      await options.onEntryApplied?.({ type: withdrawal.type, id: withdrawal.id, result });
    }
    await sync.advancePeer(peer.id, { cursor: bundle.to, hash: bundle.hash, issuedAt: bundle.issuedAt, hasMore: bundle.hasMore });
    await appendAuditEntries(tx, [
      {
        content: {
          kind: 'bundle_applied',
          peer: peer.id,
          bundleHash: bundle.hash,
          records: bundle.records.length,
          tombstones: bundle.records.filter((record) => record.deleted).length,
          withdrawals: bundle.withdrawals.length,
          applied: counts.applied,
        },
        at: receivedAt,
      },
    ]);
    return { outcome: 'applied', cursor: bundle.to, counts };
  });
}

interface RecordResult {
  decision: RecordDecision;
  stored: boolean;
  deleted: boolean;
}

interface PlannedRecord {
  readonly record: VerifiedRecord;
  readonly result: RecordResult;
}

interface Plan {
  readonly entries: PlannedRecord[];
  /** Per kind: versions to store, and ids whose local copy goes (released too little to keep one). */
  readonly saves: Map<SyncedKind, Stored[]>;
  readonly removals: Map<SyncedKind, string[]>;
  readonly received: ReceivedRecordWrite[];
}

/**
 * Decides every record of the bundle against what is held (read for the whole bundle at once and
 * locked), checking each as it goes: the first fault rejects the bundle before anything is written.
 */
async function planRecords(tx: Executor, peer: ApplyingPeer, bundle: VerifiedBundle, receivedAt: Date): Promise<Plan> {
  const sync = new SyncRepository(tx);
  const agencies = await sync.existingAgencies([...new Set(bundle.records.map((record) => record.owner))]);
  const held = new Map<string, SyncReceivedRecordRow>();
  const local = new Map<string, Set<string>>();
  for (const type of new Set(bundle.records.map((record) => record.type))) {
    const kind = SYNCED_KINDS[type];
    if (!kind) continue;
    const ids = bundle.records.filter((record) => record.type === type).map((record) => record.id);
    for (const [id, row] of await sync.lockReceivedMany(type, ids)) held.set(`${type}:${id}`, row);
    local.set(type, await kind.existing(tx, ids));
  }

  const plan: Plan = { entries: [], saves: new Map(), removals: new Map(), received: [] };
  for (const [index, record] of bundle.records.entries()) {
    const at = `entry ${index}`;
    const kind = SYNCED_KINDS[record.type];
    if (!kind) throw rejectBundle('unsupported_type', `${at}: ${record.type}`);
    if (!agencies.has(record.owner)) throw rejectBundle('unknown_owner', `${at}: ${record.owner}`);
    const heldRow = held.get(`${record.type}:${record.id}`);
    // Only records received from a hub are ever written here: a peer cannot overwrite one of ours.
    if (!heldRow && local.get(record.type)!.has(record.id)) throw rejectBundle('local_record', at);

    const decision = decideRecord(heldRow && heldVersion(heldRow), record);
    if (decision !== 'apply') {
      plan.entries.push({ record, result: { decision, stored: false, deleted: record.deleted } });
      continue;
    }
    const content = kind.parse(record.values);
    if ('problem' in content) throw rejectBundle('unusable_record', `${at}.values.${content.problem}`);
    if (content.storable) {
      const stored: Stored = { id: record.id, owner: record.owner, version: record.version, content: content.content, tombstone: { deleted: record.deleted, at: bundle.issuedAt } };
      plan.saves.set(kind, [...(plan.saves.get(kind) ?? []), stored]);
    } else {
      plan.removals.set(kind, [...(plan.removals.get(kind) ?? []), record.id]);
    }
    plan.received.push({
      recordType: record.type,
      recordId: record.id,
      ownerAgencyId: record.owner,
      originHub: record.origin,
      version: record.version,
      deleted: record.deleted,
      originProof: record.proof,
      releasedValues: record.values,
      salts: record.salts,
      hopChain: record.chain.links,
      hopsLeft: record.chain.hopsLeft,
      receivedFromPeer: peer.id,
      receivedFromHub: peer.issuer,
      receivedAt,
      bundleHash: bundle.hash,
      hops: record.chain.hops,
    });
    plan.entries.push({ record, result: { decision, stored: content.storable, deleted: record.deleted } });
  }
  return plan;
}

/** Writes what the plan decided: per record type a few statements for the whole bundle. */
async function writePlan(tx: Executor, plan: Plan): Promise<void> {
  for (const [kind, ids] of plan.removals) for (const id of ids) await kind.remove(tx, id);
  for (const [kind, items] of plan.saves) await kind.saveMany(tx, items);
  await new SyncRepository(tx).saveReceivedMany(plan.received);
}

async function applyWithdrawal(tx: Executor, peer: ApplyingPeer, withdrawal: VerifiedWithdrawal): Promise<WithdrawalDecision> {
  const sync = new SyncRepository(tx);
  const held = await sync.lockReceived(withdrawal.type, withdrawal.id);
  const decision = decideWithdrawal(held && heldVersion(held), peer.id, withdrawal.version);
  if (decision === 'withdraw') {
    await SYNCED_KINDS[withdrawal.type]?.remove(tx, withdrawal.id);
    await sync.markWithdrawn(withdrawal.type, withdrawal.id);
  }
  return decision;
}

function heldVersion(row: SyncReceivedRecordRow): HeldVersion {
  return {
    version: row.version,
    deleted: row.deleted,
    withdrawn: row.withdrawnAt !== null,
    receivedFromPeer: row.receivedFromPeer,
    releasedValues: row.releasedValues,
  };
}

function tally(counts: ApplyCounts, result: RecordResult): void {
  if (result.decision === 'unchanged') counts.unchanged += 1;
  else if (result.decision === 'older') counts.older += 1;
  else if (result.decision === 'deleted') counts.notResurrected += 1;
  else if (!result.stored) counts.notStored += 1;
  else if (result.deleted) counts.deleted += 1;
  else counts.applied += 1;
}
