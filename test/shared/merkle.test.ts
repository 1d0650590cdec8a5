import { createHash, hash as nodeHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../shared/bytes.ts';
import { inclusionProof, leafHash, leavesFromHex, merkleRoot, merkleRootAndPath, nodeHash as merkleNode, verifyInclusion } from '../../shared/merkle.ts';

// An independent, straightforward RFC 9162 §2.1.1 construction: recursion, split at the largest power of two
// smaller than n, node:crypto for the hash.
const H = (...parts: Uint8Array[]) => new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
function mth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return H();
  if (leaves.length === 1) return H(new Uint8Array([0]), leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return H(new Uint8Array([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}
// RFC 9162 §2.1.3.1 PATH(m, D[n]), recursively.
function path(m: number, leaves: Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))] : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

function makeLeaves(n: number, seed = 0): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => H(new TextEncoder().encode(`leaf ${seed} ${i}`)));
}
const pack = (leaves: Uint8Array[]) => new Uint8Array(Buffer.concat(leaves));
const viaNode = (d: Uint8Array) => nodeHash('sha256', d, 'buffer') as unknown as Uint8Array;

describe('Merkle tree (RFC 9162)', () => {
  it('the root of no leaves is SHA-256 of the empty string', () => {
    expect(toHex(merkleRoot(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the root of one leaf is its leaf hash H(0x00 || leaf)', () => {
    const [leaf] = makeLeaves(1) as [Uint8Array];
    expect(toHex(merkleRoot(leaf))).toBe(toHex(H(new Uint8Array([0]), leaf)));
    expect(toHex(leafHash(leaf))).toBe(toHex(H(new Uint8Array([0]), leaf)));
  });

  it('node hashes are H(0x01 || left || right)', () => {
    const [a, b] = makeLeaves(2) as [Uint8Array, Uint8Array];
    expect(toHex(merkleNode(a, b))).toBe(toHex(H(new Uint8Array([1]), a, b)));
  });

  it('the root equals the recursive construction for every size from 0 to 130', () => {
    for (let n = 0; n <= 130; n++) {
      const leaves = makeLeaves(n);
      expect(toHex(merkleRoot(pack(leaves))), `n = ${n}`).toBe(toHex(mth(leaves)));
    }
  });

  it('the root equals the recursive construction for random sizes, with the pure-JS and the node:crypto hash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer(), (n, seed) => {
        const leaves = makeLeaves(n, seed);
        const expected = toHex(mth(leaves));
        return toHex(merkleRoot(pack(leaves))) === expected && toHex(merkleRoot(pack(leaves), viaNode)) === expected;
      }),
      { numRuns: 40 },
    );
  });

  it('every index of every tree of 1 to 20 leaves has the RFC audit path, which verifies', () => {
    for (let n = 1; n <= 20; n++) {
      const leaves = makeLeaves(n);
      const root = merkleRoot(pack(leaves));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(pack(leaves), m);
        expect(proof.map(toHex), `n = ${n}, m = ${m}`).toEqual(path(m, leaves).map(toHex));
        expect(verifyInclusion(leaves[m]!, m, n, proof, root)).toBe(true);
      }
    }
  });

  it('a tampered leaf, index, proof node, proof length or root, or an index past the size, fails inclusion, for every index of trees of 1 to 20', () => {
    for (let n = 1; n <= 20; n++) {
      const leaves = makeLeaves(n);
      const root = merkleRoot(pack(leaves));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(pack(leaves), m);
        const leaf = leaves[m]!;
        const flipped = new Uint8Array(leaf);
        flipped[0]! ^= 1;
        expect(verifyInclusion(flipped, m, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaf, (m + 1) % n, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, n, n, proof, root)).toBe(false);
        const badRoot = new Uint8Array(root);
        badRoot[31]! ^= 0x80;
        expect(verifyInclusion(leaf, m, n, proof, badRoot)).toBe(false);
        proof.forEach((_, k) => {
          const tampered = proof.map((p) => new Uint8Array(p));
          tampered[k]![5]! ^= 4;
          expect(verifyInclusion(leaf, m, n, tampered, root)).toBe(false);
        });
        if (proof.length > 0) expect(verifyInclusion(leaf, m, n, proof.slice(0, -1), root)).toBe(false);
        expect(verifyInclusion(leaf, m, n, [...proof, root], root)).toBe(false);
      }
    }
  });

  it('the root and path of one pass equal those of merkleRoot and inclusionProof', () => {
    const leaves = pack(makeLeaves(37));
    const { root, path: p } = merkleRootAndPath(leaves, 36);
    expect(toHex(root)).toBe(toHex(merkleRoot(leaves)));
    expect(p.map(toHex)).toEqual(inclusionProof(leaves, 36).map(toHex));
  });

  it('refuses a leaf buffer that is not whole 32-byte leaves, and an index outside the tree', () => {
    expect(() => merkleRoot(new Uint8Array(33))).toThrow(/multiple of 32/);
    expect(() => inclusionProof(new Uint8Array(64), 2)).toThrow(/outside/);
    expect(() => inclusionProof(new Uint8Array(0), 0)).toThrow(/outside/);
  });

  it('leavesFromHex packs receipts in order and refuses anything but 64 hex characters', () => {
    const leaves = makeLeaves(3);
    expect(toHex(leavesFromHex(leaves.map(toHex)))).toBe(toHex(pack(leaves)));
    expect(() => leavesFromHex(['ab'])).toThrow();
    expect(() => leavesFromHex(['G'.repeat(64)])).toThrow();
  });

  it('hashes a million leaves in one buffer to the same root as the recursive construction over their hashes', () => {
    const leaves = new Uint8Array(randomBytes(1_000_000 * 32));
    const root = merkleRoot(leaves);
    expect(root).toHaveLength(32);
    // The same tree split by hand at 2^19 (RFC 9162: the largest power of two smaller than n).
    const k = 524_288;
    const left = merkleRoot(leaves.subarray(0, k * 32));
    const right = merkleRoot(leaves.subarray(k * 32));
    expect(toHex(root)).toBe(toHex(merkleNode(left, right)));
  }, 60_000);
});
