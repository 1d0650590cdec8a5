/**
 * RFC 9162 §2.1 Merkle Tree Hash over the ballot receipts (bundle.md "The Merkle root of the ballots").
 * Leaves live in ONE contiguous buffer of n*32 bytes and the tree is reduced level by level in place: a million
 * separate leaf buffers would spend more time in the garbage collector than in hashing (perf.md).
 *
 * Pairing adjacent nodes level by level and promoting a lone last node unchanged gives exactly RFC 9162's
 * recursive split at the largest power of two smaller than n, because that split is always on a pair boundary
 * of every level below it.
 */
import { hexInto } from './bytes.ts';
import { DomainError } from './errors.ts';
import { sha256, type Hash } from './sha256.ts';

const NODE = 32;

/** Packs hex receipts, in order, into one buffer of n*32 bytes for the functions below. */
export function leavesFromHex(receipts: readonly string[]): Uint8Array<ArrayBuffer> {
  const leaves = new Uint8Array(receipts.length * NODE);
  for (let i = 0; i < receipts.length; i++) {
    const receipt = receipts[i]!;
    if (receipt.length !== 2 * NODE) throw new DomainError('invalid_request', `leaf ${i}: not 32 bytes of hex`);
    hexInto(receipt, leaves, i * NODE);
  }
  return leaves;
}

function leafCount(leaves: Uint8Array): number {
  if (leaves.length % NODE !== 0) throw new DomainError('invalid_request', 'leaves: length is not a multiple of 32');
  return leaves.length / NODE;
}

/** RFC 9162 leaf hash: H(0x00 || leaf). */
export function leafHash(leaf: Uint8Array, hash: Hash = sha256): Uint8Array {
  const input = new Uint8Array(1 + leaf.length);
  input.set(leaf, 1);
  return hash(input);
}

/** RFC 9162 interior node hash: H(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array, hash: Hash = sha256): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 1;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash(input);
}

/**
 * The root and, when `index` is given, the audit path of that leaf, in one pass over the tree (the verifier
 * needs both, and a pass over a million leaves is the expensive part).
 */
export function merkleRootAndPath(leaves: Uint8Array, index: number | undefined, hash: Hash = sha256): { root: Uint8Array; path: Uint8Array[] } {
  const n = leafCount(leaves);
  if (index !== undefined && !(Number.isInteger(index) && index >= 0 && index < n)) {
    throw new DomainError('invalid_request', `leaf index ${index} is outside a tree of ${n}`);
  }
  if (n === 0) return { root: hash(new Uint8Array(0)), path: [] };

  // One scratch buffer for every hash input: 0x00 || leaf, or 0x01 || left || right.
  const scratch = new Uint8Array(1 + 2 * NODE);
  const leafInput = scratch.subarray(0, 1 + NODE);
  const level = new Uint8Array(n * NODE);
  scratch[0] = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0, at = i * NODE; k < NODE; k++) scratch[1 + k] = leaves[at + k]!;
    level.set(hash(leafInput), i * NODE);
  }

  const path: Uint8Array[] = [];
  let at = index ?? -1;
  scratch[0] = 1;
  for (let size = n; size > 1; size = Math.ceil(size / 2)) {
    if (at >= 0) {
      const sibling = at ^ 1;
      // A lone last node has no sibling on this level: it is promoted and the path gets nothing.
      if (sibling < size) path.push(level.slice(sibling * NODE, sibling * NODE + NODE));
      at >>>= 1;
    }
    const pairs = size >>> 1;
    // Node i of the next level overwrites node i of this one, which pairs 2i and 2i+1 have already been read past.
    for (let i = 0; i < pairs; i++) {
      for (let k = 0, at = 2 * i * NODE; k < 2 * NODE; k++) scratch[1 + k] = level[at + k]!;
      level.set(hash(scratch), i * NODE);
    }
    if (size % 2 === 1) level.copyWithin(pairs * NODE, (size - 1) * NODE, size * NODE);
  }
  return { root: level.slice(0, NODE), path };
}

/** RFC 9162 Merkle Tree Hash of n leaves given as n*32 contiguous bytes; SHA-256("") for none. */
export function merkleRoot(leaves: Uint8Array, hash: Hash = sha256): Uint8Array {
  return merkleRootAndPath(leaves, undefined, hash).root;
}

/** RFC 9162 §2.1.3.1 audit path (inclusion proof) of leaf `index`, deepest node first. */
export function inclusionProof(leaves: Uint8Array, index: number, hash: Hash = sha256): Uint8Array[] {
  return merkleRootAndPath(leaves, index, hash).path;
}

/**
 * RFC 9162 §2.1.3.2: whether `leaf` (the raw 32-byte receipt, not its leaf hash) is leaf `index` of the tree of
 * `treeSize` leaves with this `root`, given its audit path.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  hash: Hash = sha256,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash(leaf, hash);
  for (const p of proof) {
    if (p.length !== NODE || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r, hash);
      // A right edge node: climb past the levels where it was promoted without a sibling.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p, hash);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0 || r.length !== root.length) return false;
  for (let i = 0; i < r.length; i++) if (r[i] !== root[i]) return false;
  return true;
}
