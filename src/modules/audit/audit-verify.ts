/**
 * `interlock audit verify`: recomputes every leaf from the stored entry text, the tree from the
 * leaves, and checks every stored tree head against it. Pure over what was read, so that the
 * same check runs on a copy of the tables anywhere.
 *
 * Three layers name what was done, each catching what the one before cannot:
 * - a row's own `index` and leaf hash: a row moved, dropped or edited in place;
 * - the chain (`previous`, the leaf hash of the entry before, inside each entry): an entry edited
 *   together with its stored leaf hash is named by the next entry, which hashed the original;
 * - the signed tree heads: a rewrite of the chain up to the end still changes the roots the hub
 *   signed, which nobody without the hub key can sign again.
 */
import { canonicalJson } from '../../lib/canonical-json.ts';
import { leafHash, rootsAt, type Hash } from './merkle.ts';
import type { StoredEntry, TreeHead } from './audit-log.ts';

export type AuditProblemKind = 'edited' | 'removed' | 'reordered' | 'inserted' | 'tree_head_mismatch' | 'bad_signature' | 'unsigned';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  /** The entry named (for a tree head: its size). */
  readonly entry: number;
  readonly message: string;
}

export interface AuditVerification {
  readonly entries: number;
  readonly treeHeads: number;
  /** Every problem found, earliest entry first; the first is the one to look at. */
  readonly problems: readonly AuditProblem[];
}

export type SignatureCheck = (head: TreeHead) => Promise<'valid' | 'invalid' | 'unsigned'>;

export async function verifyAuditLog(
  rows: readonly StoredEntry[],
  heads: readonly TreeHead[],
  checkSignature: SignatureCheck,
  /** The size the log's counter says it has: rows beyond it were not appended by the hub. */
  recordedSize?: number,
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const leaves: Hash[] = [];
  let entryProblemFound = false;
  const report = (problem: AuditProblem) => {
    problems.push(problem);
    entryProblemFound = true;
  };
  // The index each entry says it was written at (null when unreadable), to tell a move from a removal.
  const claimedIndexes = rows.map((row) => {
    try {
      const index = (JSON.parse(row.entry) as { index?: unknown }).index;
      return typeof index === 'number' ? index : null;
    } catch {
      return null;
    }
  });
  for (let position = 0; position < rows.length && !entryProblemFound; position++) {
    const row = rows[position]!;
    const recomputed = leafHash(row.entry);
    leaves.push(recomputed);
    if (row.entryIndex !== position) {
      report({ kind: 'removed', entry: position, message: `entry ${position} was removed: the log jumps from entry ${position - 1} to ${row.entryIndex}` });
      break;
    }
    let parsed: { index?: unknown; previous?: unknown };
    try {
      parsed = JSON.parse(row.entry) as typeof parsed;
    } catch {
      report({ kind: 'edited', entry: position, message: `entry ${position} was edited: its text is no longer JSON` });
      break;
    }
    if (typeof parsed.index === 'number' && parsed.index !== position) {
      const movedTo = claimedIndexes.indexOf(position, position + 1);
      if (parsed.index < position) {
        // The entry written at parsed.index is here, late: what stands before it was inserted.
        report({ kind: 'inserted', entry: parsed.index, message: `entry ${parsed.index} was inserted: the entry written at ${parsed.index} now stands at ${position}` });
      } else if (movedTo > position) {
        report({ kind: 'reordered', entry: position, message: `entry ${position} was reordered: it now stands at ${movedTo}, and entry ${parsed.index} stands in its place` });
      } else {
        report({ kind: 'removed', entry: position, message: `entry ${position} was removed: the entry at this position was written as entry ${parsed.index}` });
      }
      break;
    }
    if (canonicalJson(parsed) !== row.entry || recomputed.toString('hex') !== row.leafHash || typeof parsed.index !== 'number') {
      report({ kind: 'edited', entry: position, message: `entry ${position} was edited: its text no longer hashes to the leaf written when it was appended` });
      break;
    }
    const expectedPrevious = position === 0 ? null : leaves[position - 1]!.toString('hex');
    if (parsed.previous !== expectedPrevious) {
      report({
        kind: 'edited',
        entry: position - 1,
        message: `entry ${position - 1} was edited: entry ${position} was appended after an entry ${position - 1} with another hash`,
      });
      break;
    }
  }
  if (!entryProblemFound && recordedSize !== undefined && rows.length > recordedSize) {
    report({ kind: 'inserted', entry: recordedSize, message: `entry ${recordedSize} was inserted: the log's counter stands at ${recordedSize} entries, ${rows.length} rows are stored` });
  }
  if (!entryProblemFound && recordedSize !== undefined && rows.length < recordedSize) {
    report({ kind: 'removed', entry: rows.length, message: `entry ${rows.length} was removed: the log's counter stands at ${recordedSize} entries, ${rows.length} rows are stored` });
  }

  // The tree heads are checked against the leaves recomputed from the text, whatever was found above.
  const allLeaves = rows.map((row) => leafHash(row.entry));
  const roots = rootsAt(allLeaves, heads.map((head) => head.treeSize));
  let lastGood = 0;
  for (const head of [...heads].sort((a, b) => a.treeSize - b.treeSize || a.id - b.id)) {
    const signature = await checkSignature(head);
    if (signature === 'invalid') {
      problems.push({ kind: 'bad_signature', entry: head.treeSize, message: `tree head ${head.id} (size ${head.treeSize}) does not carry a valid hub signature` });
    } else if (signature === 'unsigned') {
      problems.push({ kind: 'unsigned', entry: head.treeSize, message: `tree head ${head.id} (size ${head.treeSize}) was stored without a signature (the hub had no key)` });
    }
    if (head.treeSize > allLeaves.length) {
      problems.push({
        kind: 'removed',
        entry: allLeaves.length,
        message: `entries from ${allLeaves.length} were removed: tree head ${head.id} signed ${head.treeSize} entries at ${head.signedAt.toISOString()}`,
      });
      continue;
    }
    const root = roots.get(head.treeSize);
    if (!root || root.toString('hex') !== head.rootHash) {
      problems.push({
        kind: 'tree_head_mismatch',
        entry: lastGood,
        message: `an entry from ${lastGood} to ${head.treeSize - 1} was changed: the first ${head.treeSize} entries no longer hash to the root of tree head ${head.id} signed at ${head.signedAt.toISOString()}`,
      });
    } else {
      lastGood = head.treeSize;
    }
  }
  // The entry named most precisely comes first: a row's own check, then a head's range, then
  // signatures (a head stored unsigned is a weakness, not a change).
  const RANK: Record<AuditProblemKind, number> = { edited: 0, removed: 0, reordered: 0, inserted: 0, tree_head_mismatch: 1, bad_signature: 2, unsigned: 2 };
  const rank = (problem: AuditProblem) => RANK[problem.kind];
  problems.sort((a, b) => rank(a) - rank(b) || a.entry - b.entry);
  return { entries: rows.length, treeHeads: heads.length, problems };
}
