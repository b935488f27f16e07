/**
 * The audit log's Merkle tree, as RFC 9162 (Certificate Transparency 2.0, §2.1) defines it for
 * RFC 6962 logs: SHA-256, a leaf hashed as 0x00 ‖ data and an interior node as 0x01 ‖ left ‖
 * right (domain separation: a leaf can never pass for a node), the left subtree of n leaves
 * holding the largest power of two below n. Pure functions over leaf hashes, so that the hub,
 * `interlock audit verify` and any partner holding an old tree head compute the same thing.
 */
import { createHash } from 'node:crypto';

export type Hash = Buffer;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 ‖ d). */
export function leafHash(data: Uint8Array | string): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH of no entries: SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** The largest power of two strictly below n (n ≥ 2): where RFC 9162 splits a tree. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]) over leaf hashes. */
function subtreeRoot(leaves: readonly Hash[], start: number, end: number): Hash {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[start]!;
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/** The root hash of the tree of the first `size` leaves (all of them by default). */
export function rootHash(leaves: readonly Hash[], size = leaves.length): Hash {
  checkSize(size, leaves.length);
  return subtreeRoot(leaves, 0, size);
}

/**
 * The compact range of a tree: its perfect subtrees from left to right, sizes strictly
 * decreasing (one per set bit of the tree size). Enough to append leaves and to compute the
 * root without reading the earlier leaves again, which is how the hub keeps its current root.
 */
export type Frontier = readonly (readonly [Hash, number])[];

/** The frontier after appending `leaves`. */
export function extendFrontier(frontier: Frontier, leaves: Iterable<Hash>): Frontier {
  const stack = frontier.map(([hash, count]) => [hash, count] as [Hash, number]);
  for (const leaf of leaves) {
    stack.push([leaf, 1]);
    while (stack.length >= 2 && stack[stack.length - 1]![1] === stack[stack.length - 2]![1]) {
      const [right, count] = stack.pop()!;
      const [left] = stack.pop()!;
      stack.push([nodeHash(left, right), count * 2]);
    }
  }
  return stack;
}

/** The root of the tree a frontier describes: its subtrees folded from the right, exactly RFC 9162's split. */
export function frontierRoot(frontier: Frontier): Hash {
  if (frontier.length === 0) return EMPTY_ROOT;
  let root = frontier[frontier.length - 1]![0];
  for (let j = frontier.length - 2; j >= 0; j--) root = nodeHash(frontier[j]![0], root);
  return root;
}

export const frontierSize = (frontier: Frontier) => frontier.reduce((sum, [, count]) => sum + count, 0);

/**
 * Root hashes of every prefix named in `sizes`, in one pass over the leaves, so that checking
 * every stored tree head costs O(n log n) rather than a full recomputation per head.
 */
export function rootsAt(leaves: readonly Hash[], sizes: readonly number[]): Map<number, Hash> {
  const wanted = new Set(sizes);
  const roots = new Map<number, Hash>();
  if (wanted.has(0)) roots.set(0, EMPTY_ROOT);
  let frontier: Frontier = [];
  for (let i = 0; i < leaves.length; i++) {
    frontier = extendFrontier(frontier, [leaves[i]!]);
    if (wanted.has(i + 1)) roots.set(i + 1, frontierRoot(frontier));
  }
  return roots;
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the inclusion proof of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(leaves: readonly Hash[], index: number, size = leaves.length): Hash[] {
  checkSize(size, leaves.length);
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const proof: Hash[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      proof.push(subtreeRoot(leaves, start + k, end));
    } else {
      path(m - k, start + k, end);
      proof.push(subtreeRoot(leaves, start, start + k));
    }
  };
  path(index, 0, size);
  return proof;
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the tree of `from` leaves is a prefix of the tree of `to`. */
export function consistencyProof(leaves: readonly Hash[], from: number, to = leaves.length): Hash[] {
  checkSize(to, leaves.length);
  if (!Number.isInteger(from) || from < 0 || from > to) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  if (from === 0 || from === to) return [];
  const proof: Hash[] = [];
  const subproof = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!complete) proof.push(subtreeRoot(leaves, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, complete);
      proof.push(subtreeRoot(leaves, start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      proof.push(subtreeRoot(leaves, start, start + k));
    }
  };
  subproof(from, 0, to, true);
  return proof;
}

/** RFC 9162 §2.1.3.2: does `proof` show `leaf` at `index` in the tree of `size` with `root`? */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (`from`, `fromRoot`) is a prefix of (`to`, `toRoot`)? */
export function verifyConsistency(from: number, to: number, fromRoot: Hash, toRoot: Hash, proof: readonly Hash[]): boolean {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to) return false;
  if (from === to) return proof.length === 0 && fromRoot.equals(toRoot);
  if (from === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  // A first tree that is a perfect subtree of the second is itself the proof's first node.
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(fromRoot) && sr.equals(toRoot) && sn === 0;
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

function checkSize(size: number, available: number) {
  if (!Number.isInteger(size) || size < 0 || size > available) throw new RangeError(`a tree of ${size} needs ${size} leaves; ${available} given`);
}
