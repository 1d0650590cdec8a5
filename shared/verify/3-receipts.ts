/** Step 3 of bundle.md: every ballot's receipt recomputes (result/2: with its serial); receipts are distinct; ballots are sorted by receipt. */
import { toHex } from '../bytes.ts';
import { fail, summarize } from './failure.ts';
import type { Bundle } from './load.ts';

/** Order of leaves i and j (negative, zero, positive), byte by byte. */
function compareLeaves(leaves: Uint8Array, i: number, j: number): number {
  for (let k = 0; k < 32; k++) {
    const d = leaves[i * 32 + k]! - leaves[j * 32 + k]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** The ballots whose receipt does not recompute, with a few examples, or nothing. */
function wrongReceipts(count: number, leaves: Uint8Array, receiptOk: Uint8Array): string | undefined {
  let wrong = 0;
  const examples: string[] = [];
  for (let i = 0; i < count; i++) {
    if (receiptOk[i] === 0 && wrong++ < 5) examples.push(`ballot ${i + 1} (${toHex(leaves.subarray(i * 32, i * 32 + 6))}…)`);
  }
  return wrong ? `${wrong} receipt(s) do not recompute: ${examples.join(', ')}` : undefined;
}

/** Pushes to `problems` whether the receipts are out of order and whether two are equal. */
function orderProblems(count: number, leaves: Uint8Array, problems: string[]): void {
  // One pass: strictly ascending means sorted and distinct at once. Bytes sort as their lowercase hex does.
  let unsorted = -1;
  let duplicate = false;
  for (let i = 1; i < count; i++) {
    const order = compareLeaves(leaves, i - 1, i);
    if (order === 0) duplicate = true;
    else if (order > 0 && unsorted < 0) unsorted = i;
  }
  if (unsorted >= 0) {
    problems.push(`ballots are not sorted by receipt (ballot ${unsorted + 1} should come before ballot ${unsorted})`);
    // Unsorted, equal receipts need not be neighbours: look for them the slower way.
    const seen = new Set<string>();
    for (let i = 0; i < count && !duplicate; i++) {
      const receipt = toHex(leaves.subarray(i * 32, i * 32 + 32));
      duplicate = seen.has(receipt);
      seen.add(receipt);
    }
  }
  if (duplicate) problems.push('two ballots have the same receipt');
}

/**
 * Step 3: each receipt recomputes from its ballot (with its serial, for a result/2 paper slip), and the receipts are
 * strictly ascending. A result/1 ballot has no serial.
 */
export async function checkReceipts(bundle: Bundle): Promise<string> {
  const { count, leaves, receiptOk, serials } = await bundle.ballots();
  const problems: string[] = [];
  const wrong = wrongReceipts(count, leaves, receiptOk);
  if (wrong) problems.push(wrong);
  orderProblems(count, leaves, problems);
  const format = await bundle.manifest().then(
    (m) => m.format,
    () => undefined,
  );
  if (format === 'result/1' && serials.size > 0)
    problems.push(`${serials.size} phiếu result/1 có số sê-ri / ${serials.size} result/1 ballot(s) carry a serial`);
  if (problems.length) fail(summarize(problems));
  return `${count} receipts recompute, distinct and sorted`;
}
