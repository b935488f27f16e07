/**
 * The audit log in PostgreSQL: appends (serialised by the one-row `audit_log_state`, locked FOR
 * UPDATE inside the appending transaction, so indexes are dense and unique whichever process or
 * connection appends), signed tree heads, and the proofs partners check them with.
 */
import { sql } from 'drizzle-orm';
import { CompactSign } from 'jose';
import type { HubSigningKey } from '../../auth/hub-keys.ts';
import { queryRows, type Database, type Executor } from '../../db/client.ts';
import { outsideRequestScope } from '../../db/row-security.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { AppError } from '../../lib/errors.ts';
import { releaseSetsFrom, releaseSetsInsert } from './access-log.ts';
import { canonicalEntry, type AuditEntry, type AuditEntryContent } from './audit-entry.ts';
import {
  consistencyProof,
  extendFrontier,
  frontierRoot,
  inclusionProof,
  leafHash,
  type Frontier,
  type Hash,
} from './merkle.ts';

export interface AuditDraft {
  readonly content: AuditEntryContent;
  readonly at: Date;
}

export interface TreeHead {
  readonly id: number;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: Date;
  readonly keyId: string | null;
  /** Compact JWS over the canonical claims (`treeHeadClaims`), or null when the hub has no signing key. */
  readonly signature: string | null;
}

/** The JWS `typ` of a signed tree head: never taken for a bundle or a record signature. */
export const TREE_HEAD_TYPE = 'interlock-audit-tree-head+jws';

/** What a tree head signs: the hub commits to this size and root at this time. */
export const treeHeadClaims = (head: Pick<TreeHead, 'treeSize' | 'rootHash' | 'signedAt'>) => ({
  log: 'interlock-audit',
  treeSize: head.treeSize,
  rootHash: head.rootHash,
  timestamp: head.signedAt.toISOString(),
});

const hex = (hash: Hash) => hash.toString('hex');
const fromHex = (text: string) => Buffer.from(text, 'hex');
const storedFrontier = (value: unknown): Frontier =>
  ((typeof value === 'string' ? JSON.parse(value) : value) as [string, number][]).map(([hash, count]) => [fromHex(hash), count] as const);

/** Where the log ends: what the next append must extend. */
interface LogEnd {
  readonly size: number;
  readonly lastLeafHash: string | null;
  readonly frontier: Frontier;
}

const logEndFrom = (row: { size: string | number; last: string | null; frontier: unknown }): LogEnd => ({
  size: Number(row.size),
  lastLeafHash: row.last,
  frontier: storedFrontier(row.frontier),
});

async function readLogEnd(db: Executor, lock: 'lock' | 'no lock'): Promise<LogEnd> {
  const [row] = await queryRows<{ size: string | number; last: string | null; frontier: unknown }>(
    db,
    lock === 'lock'
      ? sql`SELECT size, last_leaf_hash AS last, frontier FROM audit_log_state WHERE singleton FOR UPDATE`
      : sql`SELECT size, last_leaf_hash AS last, frontier FROM audit_log_state WHERE singleton`,
  );
  if (!row) throw new Error('audit_log_state has no row: the audit migration did not run');
  return logEndFrom(row);
}

/** The drafts as entries placed after `end`: their canonical texts, leaf hashes and the log's new end. */
function placeAfter(end: LogEnd, drafts: readonly AuditDraft[]) {
  let index = end.size;
  let previous = end.lastLeafHash;
  const entries: AuditEntry[] = [];
  const texts: string[] = [];
  const leaves: Hash[] = [];
  for (const draft of drafts) {
    const entry = { ...draft.content, v: 1, index, at: draft.at.toISOString(), previous } as AuditEntry;
    const text = canonicalEntry(entry);
    const leaf = leafHash(text);
    entries.push(entry);
    texts.push(text);
    leaves.push(leaf);
    previous = hex(leaf);
    index += 1;
  }
  const next: LogEnd = { size: index, lastLeafHash: previous, frontier: extendFrontier(end.frontier, leaves) };
  return { entries, texts, leaves, next };
}

/**
 * Stores the placed entries if the log still ends at `end`, in one statement: the counter moves
 * from `end` to the new end (a compare-and-swap on size and last leaf, which together fix the
 * whole log before them), and the entries and their release sets are inserted only if it moved.
 * A concurrent append holds the counter row until it commits; this one then finds the counter
 * moved and stores nothing. Returns whether it stored them.
 */
async function storeIfLogEndsAt(db: Executor, end: LogEnd, placed: ReturnType<typeof placeAfter>): Promise<boolean> {
  const { entries, texts, leaves, next } = placed;
  const entryRows = sql.join(
    entries.map((entry, i) => {
      const who = 'agency' in entry ? entry : undefined;
      const operation = entry.kind === 'request' ? entry.operation.name : entry.kind === 'scheduled' ? entry.job : null;
      return sql`(${entry.index}::bigint, ${entry.at}::timestamptz, ${entry.kind}::text, ${who?.agency ?? null}::text, ${who && 'user' in who ? who.user : null}::text, ${operation}::text, ${texts[i]!}::text, ${hex(leaves[i]!)}::text)`;
    }),
    sql`, `,
  );
  const releaseSets = releaseSetsFrom(entries);
  const [row] = await queryRows<{ moved: number }>(
    db,
    sql`WITH moved AS (
        UPDATE audit_log_state
        SET size = ${next.size}, last_leaf_hash = ${next.lastLeafHash}, frontier = ${JSON.stringify(next.frontier.map(([hash, count]) => [hex(hash), count]))}::jsonb
        WHERE singleton AND size = ${end.size} AND last_leaf_hash IS NOT DISTINCT FROM ${end.lastLeafHash}::text
        RETURNING 1
      ), stored_entries AS (
        INSERT INTO audit_entries (entry_index, recorded_at, kind, agency_id, user_id, operation, entry, leaf_hash)
        SELECT * FROM (VALUES ${entryRows}) AS placed WHERE EXISTS (SELECT 1 FROM moved)
      )${releaseSets ? sql`, stored_release_sets AS (${releaseSetsInsert(releaseSets, sql`EXISTS (SELECT 1 FROM moved)`)})` : sql``}
      SELECT count(*)::int AS moved FROM moved`,
  );
  return Number(row?.moved ?? 0) === 1;
}

/**
 * Appends entries in order in one transaction (a savepoint when `db` is already one, so that a
 * write and its audit entry commit together), holding the counter row from the start. Returns
 * them as stored.
 */
export async function appendAuditEntries(db: Executor, drafts: readonly AuditDraft[]): Promise<AuditEntry[]> {
  if (drafts.length === 0) return [];
  return db.transaction(async (tx) => {
    const end = await readLogEnd(tx, 'lock');
    const placed = placeAfter(end, drafts);
    if (!(await storeIfLogEndsAt(tx, end, placed))) throw new Error('the audit log moved while its counter was locked');
    return placed.entries;
  });
}

/**
 * Collects the entries of concurrent requests and appends them together: one statement per
 * round instead of a transaction per request. It remembers where its last append left the log,
 * so a round is one compare-and-swap statement: no transaction held open while entries are
 * hashed (on the embedded database, one open transaction stops every other request's
 * statements), no lock waited for. When another writer moved the log (another hub process, the
 * scheduler, a policy change, a rolled-back write), it reads the end again and retries. Each
 * caller waits for the commit of the round holding its entry, so a response is never sent
 * before its audit entry is stored.
 */
export class AuditAppender {
  private pending: { draft: AuditDraft; settle: (error?: unknown) => void }[] = [];
  private draining: Promise<void> | null = null;
  private knownEnd: LogEnd | undefined;

  constructor(private readonly db: Database) {}

  append(content: AuditEntryContent, at = new Date()): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ draft: { content, at }, settle: (error) => (error === undefined ? resolve() : reject(error as Error)) });
      // The round holds several requests' entries: it is the hub's work, not the first caller's.
      this.draining ??= outsideRequestScope(() => this.drain()).finally(() => (this.draining = null));
    });
  }

  /** Resolves when everything appended so far is stored. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const round = this.pending.splice(0);
      try {
        await this.store(round.map((p) => p.draft));
        for (const p of round) p.settle();
      } catch (error) {
        this.knownEnd = undefined;
        for (const p of round) p.settle(error ?? new Error('audit append failed'));
      }
    }
  }

  private async store(drafts: readonly AuditDraft[]): Promise<void> {
    // Another writer may move the log between reading its end and storing; each retry follows a
    // move, so a few suffice unless appends are very contended, which the lock then orders.
    for (let attempt = 0; attempt < 5; attempt++) {
      const end = this.knownEnd ?? (await readLogEnd(this.db, 'no lock'));
      const placed = placeAfter(end, drafts);
      if (await storeIfLogEndsAt(this.db, end, placed)) {
        this.knownEnd = placed.next;
        return;
      }
      this.knownEnd = undefined;
    }
    await appendAuditEntries(this.db, drafts);
  }
}

/** The log's current size and root, from the stored compact range. */
export async function currentTree(db: Executor): Promise<{ size: number; rootHash: string }> {
  const [state] = await queryRows<{ size: string | number; frontier: unknown }>(db, sql`SELECT size, frontier FROM audit_log_state WHERE singleton`);
  return { size: Number(state?.size ?? 0), rootHash: hex(frontierRoot(storedFrontier(state?.frontier ?? []))) };
}

const headFrom = (row: { id: string | number; tree_size: string | number; root_hash: string; signed_at: Date | string; key_id: string | null; signature: string | null }): TreeHead => ({
  id: Number(row.id),
  treeSize: Number(row.tree_size),
  rootHash: row.root_hash,
  signedAt: new Date(row.signed_at),
  keyId: row.key_id,
  signature: row.signature,
});

export async function treeHeads(db: Executor): Promise<TreeHead[]> {
  const rows = await queryRows<Parameters<typeof headFrom>[0]>(db, sql`SELECT id, tree_size, root_hash, signed_at, key_id, signature FROM audit_tree_heads ORDER BY id`);
  return rows.map(headFrom);
}

export async function latestTreeHead(db: Executor): Promise<TreeHead | undefined> {
  const [row] = await queryRows<Parameters<typeof headFrom>[0]>(
    db,
    sql`SELECT id, tree_size, root_hash, signed_at, key_id, signature FROM audit_tree_heads ORDER BY id DESC LIMIT 1`,
  );
  return row ? headFrom(row) : undefined;
}

/**
 * Signs and stores a tree head for the log as it is now, unless the latest head already covers
 * this size (a head per interval, not per tick of an idle hub). The counter row is read FOR
 * SHARE, so no append lands between reading the size and the root.
 */
export async function publishTreeHead(db: Database, key: HubSigningKey | undefined, now = new Date()): Promise<TreeHead> {
  return db.transaction(async (tx) => {
    const [state] = await queryRows<{ size: string | number; frontier: unknown }>(tx, sql`SELECT size, frontier FROM audit_log_state WHERE singleton FOR SHARE`);
    const size = Number(state?.size ?? 0);
    const latest = await latestTreeHead(tx);
    if (latest && latest.treeSize === size) return latest;
    const signedAt = new Date(Math.floor(now.getTime()));
    const head = { treeSize: size, rootHash: hex(frontierRoot(storedFrontier(state?.frontier ?? []))), signedAt };
    const signature = key ? await signTreeHead(key, head) : null;
    const [row] = await queryRows<Parameters<typeof headFrom>[0]>(
      tx,
      sql`INSERT INTO audit_tree_heads (tree_size, root_hash, signed_at, key_id, signature)
          VALUES (${head.treeSize}, ${head.rootHash}, ${signedAt.toISOString()}, ${key?.kid ?? null}, ${signature})
          RETURNING id, tree_size, root_hash, signed_at, key_id, signature`,
    );
    return headFrom(row!);
  });
}

async function signTreeHead(key: HubSigningKey, head: Pick<TreeHead, 'treeSize' | 'rootHash' | 'signedAt'>): Promise<string> {
  return new CompactSign(new TextEncoder().encode(canonicalJson(treeHeadClaims(head))))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: TREE_HEAD_TYPE })
    .sign(key.privateKey);
}

/** The stored leaf hashes of the first `size` entries, in order. */
async function leavesUpTo(db: Executor, size: number): Promise<Hash[]> {
  const rows = await queryRows<{ leaf_hash: string }>(db, sql`SELECT leaf_hash FROM audit_entries WHERE entry_index < ${size} ORDER BY entry_index`);
  if (rows.length !== size) throw new AppError('NOT_FOUND', `The audit log holds ${rows.length} entries, not ${size}.`);
  return rows.map((row) => fromHex(row.leaf_hash));
}

/** The tree size a proof is given for: the one asked, or the latest signed tree head's. */
async function proofTreeSize(db: Executor, treeSize: number | undefined | null): Promise<number> {
  const current = await currentTree(db);
  const size = treeSize ?? (await latestTreeHead(db))?.treeSize ?? current.size;
  if (!Number.isInteger(size) || size < 0 || size > current.size) {
    throw new AppError('BAD_USER_INPUT', `treeSize must be between 0 and ${current.size}, the log's size.`, { field: 'treeSize' });
  }
  return size;
}

export async function auditInclusionProof(db: Executor, entryIndex: number, treeSize?: number | null) {
  const size = await proofTreeSize(db, treeSize);
  if (!Number.isInteger(entryIndex) || entryIndex < 0 || entryIndex >= size) {
    throw new AppError('BAD_USER_INPUT', `Entry ${entryIndex} is not in the tree of ${size} entries.`, { field: 'entry' });
  }
  const leaves = await leavesUpTo(db, size);
  return { entryIndex, treeSize: size, leafHash: hex(leaves[entryIndex]!), path: inclusionProof(leaves, entryIndex, size).map(hex) };
}

export async function auditConsistencyProof(db: Executor, from: number, to: number) {
  const size = await proofTreeSize(db, to);
  if (!Number.isInteger(from) || from < 0 || from > size) {
    throw new AppError('BAD_USER_INPUT', `from must be between 0 and ${size}.`, { field: 'from' });
  }
  const leaves = await leavesUpTo(db, size);
  return { from, to: size, proof: consistencyProof(leaves, from, size).map(hex) };
}

/** One stored entry for verification: its row index, stored text and leaf hash as written. */
export interface StoredEntry {
  readonly entryIndex: number;
  readonly entry: string;
  readonly leafHash: string;
}

export async function storedEntries(db: Executor, afterIndex = -1, limit = 10_000): Promise<StoredEntry[]> {
  const rows = await queryRows<{ entry_index: string | number; entry: string; leaf_hash: string }>(
    db,
    sql`SELECT entry_index, entry, leaf_hash FROM audit_entries WHERE entry_index > ${afterIndex} ORDER BY entry_index LIMIT ${limit}`,
  );
  return rows.map((row) => ({ entryIndex: Number(row.entry_index), entry: row.entry, leafHash: row.leaf_hash }));
}

/** The entry text at `index`, for its own requester. */
export async function storedEntry(db: Executor, index: number): Promise<{ entry: string; agencyId: string | null } | undefined> {
  const [row] = await queryRows<{ entry: string; agency_id: string | null }>(db, sql`SELECT entry, agency_id FROM audit_entries WHERE entry_index = ${index}`);
  return row ? { entry: row.entry, agencyId: row.agency_id } : undefined;
}
