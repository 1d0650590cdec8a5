/** Step 4 of bundle.md: the Merkle root recomputes. A given receipt (the voter's own) is found, with its inclusion proof. */
import { fromHex, toHex } from '../bytes.ts';
import { merkleRootAndPath, verifyInclusion } from '../merkle.ts';
import { fail, summarize } from './failure.ts';
import type { Bundle } from './load.ts';
import type { Inclusion } from './report.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/** Index of the leaf equal to `wanted` (32 bytes): binary search, which finds it when the leaves are sorted, else a scan. */
function findLeaf(leaves: Uint8Array, wanted: Uint8Array): number | undefined {
  const n = leaves.length / 32;
  const order = (i: number): number => {
    for (let k = 0; k < 32; k++) {
      const d = leaves[i * 32 + k]! - wanted[k]!;
      if (d !== 0) return d;
    }
    return 0;
  };
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = order(mid);
    if (d === 0) return mid;
    if (d < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  for (let i = 0; i < n; i++) if (order(i) === 0) return i;
  return undefined;
}

/** Step 4: the root over the receipts and the ballot count match the manifest; `receipt`, when given, is found with its proof. */
export async function checkMerkleRoot(bundle: Bundle, receipt: string | undefined, found: (inclusion: Inclusion) => void): Promise<string> {
  const { hash } = bundle;
  const manifest = await bundle.manifest();
  const { count, leaves } = await bundle.ballots();
  let index: number | undefined;
  let wanted: string | undefined;
  if (receipt !== undefined) {
    wanted = receipt.trim().toLowerCase();
    if (!HEX64.test(wanted)) return fail('the receipt to look for is not 64 hex characters');
    index = findLeaf(leaves, fromHex(wanted));
  }
  const { root, path } = merkleRootAndPath(leaves, index, hash);
  const rootHex = toHex(root);
  const problems: string[] = [];
  if (manifest.ballots.count !== count) problems.push(`the manifest counts ${manifest.ballots.count} ballots, ballots.json has ${count}`);
  if (rootHex !== manifest.ballots.merkleRoot) problems.push(`the root is ${rootHex}, the manifest says ${manifest.ballots.merkleRoot}`);
  if (wanted !== undefined) {
    if (index === undefined) problems.push(`receipt ${wanted} is not among the ${count} ballots`);
    else if (!verifyInclusion(fromHex(wanted), index, count, path, fromHex(manifest.ballots.merkleRoot), hash)) {
      problems.push(`the inclusion proof of receipt ${wanted} does not lead to the manifest's root`);
    } else {
      found({ receipt: wanted, index, treeSize: count, proof: path.map(toHex), root: manifest.ballots.merkleRoot });
    }
  }
  if (problems.length) fail(summarize(problems));
  return wanted !== undefined ? `root ${rootHex}; receipt found as ballot ${index! + 1} of ${count}` : `root ${rootHex} over ${count} ballots`;
}
