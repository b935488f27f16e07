import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  extendFrontier,
  frontierRoot,
  frontierSize,
  type Frontier,
  inclusionProof,
  leafHash,
  rootHash,
  rootsAt,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from '../../src/modules/audit/merkle.ts';

// The eight leaves of the Certificate Transparency reference tests (RFC 6962 logs) and the roots
// of their first 1..8 leaves.
const REFERENCE_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const REFERENCE_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const referenceLeaves = REFERENCE_LEAVES.map((hex) => leafHash(Buffer.from(hex, 'hex')));
const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`entry ${i}`));
const flip = (hash: Hash) => {
  const copy = Buffer.from(hash);
  copy[0] = copy[0]! ^ 1;
  return copy;
};

describe('audit Merkle tree (RFC 9162 §2.1)', () => {
  it('matches the reference roots, with the empty tree hashing the empty string', () => {
    expect(rootHash([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(EMPTY_ROOT.equals(rootHash([]))).toBe(true);
    REFERENCE_ROOTS.forEach((root, i) => expect(rootHash(referenceLeaves, i + 1).toString('hex')).toBe(root));
  });

  it('separates leaves from nodes: a leaf hash is not SHA-256 of its data', () => {
    expect(leafHash('').toString('hex')).toBe(REFERENCE_ROOTS[0]);
    expect(leafHash('').toString('hex')).not.toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('computes every prefix root in one pass exactly as the recursive definition', () => {
    const leaves = leavesOf(70);
    const sizes = Array.from({ length: 71 }, (_, i) => i);
    const roots = rootsAt(leaves, sizes);
    for (const size of sizes) expect(roots.get(size)!.equals(rootHash(leaves, size))).toBe(true);
  });

  it('inclusion proofs verify for every leaf of every tree up to 33 leaves, and fail when anything is tampered with', () => {
    const leaves = leavesOf(33);
    for (let size = 1; size <= 33; size++) {
      const root = rootHash(leaves, size);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(leaves, index, size);
        expect(verifyInclusion(index, size, leaves[index]!, proof, root)).toBe(true);
        // Another leaf, another position, an edited proof node, a shortened or lengthened proof.
        expect(verifyInclusion(index, size, leafHash('forged'), proof, root)).toBe(false);
        if (size > 1) expect(verifyInclusion((index + 1) % size, size, leaves[index]!, proof, root)).toBe(false);
        if (proof.length > 0) {
          expect(verifyInclusion(index, size, leaves[index]!, [flip(proof[0]!), ...proof.slice(1)], root)).toBe(false);
          expect(verifyInclusion(index, size, leaves[index]!, proof.slice(0, -1), root)).toBe(false);
        }
        expect(verifyInclusion(index, size, leaves[index]!, [...proof, leaves[0]!], root)).toBe(false);
      }
    }
  });

  it('an inclusion proof against a log whose entry was edited fails', () => {
    const leaves = leavesOf(20);
    const root = rootHash(leaves);
    const tampered = [...leaves];
    tampered[7] = leafHash('edited entry 7');
    expect(verifyInclusion(3, 20, leaves[3]!, inclusionProof(tampered, 3), root)).toBe(false);
    expect(verifyInclusion(7, 20, tampered[7]!, inclusionProof(tampered, 7), root)).toBe(false);
  });

  it('consistency proofs verify between every pair of sizes up to 33, and fail when tampered with', () => {
    const leaves = leavesOf(33);
    const roots = rootsAt(leaves, Array.from({ length: 34 }, (_, i) => i));
    for (let to = 1; to <= 33; to++) {
      for (let from = 1; from <= to; from++) {
        const proof = consistencyProof(leaves, from, to);
        expect(verifyConsistency(from, to, roots.get(from)!, roots.get(to)!, proof)).toBe(true);
        if (from < to) {
          expect(verifyConsistency(from, to, flip(roots.get(from)!), roots.get(to)!, proof)).toBe(false);
          expect(verifyConsistency(from, to, roots.get(from)!, flip(roots.get(to)!), proof)).toBe(false);
          expect(verifyConsistency(from, to, roots.get(from)!, roots.get(to)!, [flip(proof[0]!), ...proof.slice(1)])).toBe(false);
          expect(verifyConsistency(from, to, roots.get(from)!, roots.get(to)!, proof.slice(0, -1))).toBe(false);
          if (to < 33) expect(verifyConsistency(from, to + 1, roots.get(from)!, roots.get(to + 1)!, proof)).toBe(false);
        }
      }
    }
  });

  it('a rewritten history is caught by the consistency proof from an old tree head', () => {
    const leaves = leavesOf(25);
    const oldRoot = rootHash(leaves, 10);
    const rewritten = [...leaves];
    rewritten[4] = leafHash('rewritten entry 4');
    const proof = consistencyProof(rewritten, 10, 25);
    expect(verifyConsistency(10, 25, oldRoot, rootHash(rewritten), proof)).toBe(false);
  });

  it('refuses proofs for positions outside the tree', () => {
    expect(() => inclusionProof(leavesOf(4), 4)).toThrow(RangeError);
    expect(() => consistencyProof(leavesOf(4), 5, 4)).toThrow(RangeError);
    expect(verifyInclusion(0, 0, leafHash('x'), [], EMPTY_ROOT)).toBe(false);
  });
});

describe('audit Merkle frontier', () => {
  it('appending in batches of any size keeps the same root as the full tree', () => {
    const leaves = leavesOf(100);
    let frontier: Frontier = [];
    let appended = 0;
    for (const batch of [1, 2, 3, 7, 13, 1, 40, 33]) {
      frontier = extendFrontier(frontier, leaves.slice(appended, appended + batch));
      appended += batch;
      expect(frontierSize(frontier)).toBe(appended);
      expect(frontierRoot(frontier).equals(rootHash(leaves, appended))).toBe(true);
    }
  });
});
