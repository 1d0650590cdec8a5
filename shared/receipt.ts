/**
 * The ballot receipt (bundle.md "Ballots and receipts"): the hash a voter is shown when casting and later finds
 * in the published ballots, with its Merkle inclusion proof.
 */
import { toHex } from './bytes.ts';
import { jcsBytes } from './jcs.ts';
import type { Answers } from './schemas.ts';
import { sha256, type Hash } from './sha256.ts';

/**
 * H(JCS({"kind": "ballot/1", consultationId, answers, nonce})) as lowercase hex; a slip entered from paper adds its
 * `serial` to the preimage (bundle.md `result/2`). The `kind` separates this hash's domain from every other hash of
 * the system.
 * @example receiptOf('01J...', { q1: 'yes' }, '00112233445566778899aabbccddeeff')
 * @example receiptOf('01J...', { q1: 'yes' }, '00112233445566778899aabbccddeeff', sha256, 'A-0017')
 */
export function receiptOf(consultationId: string, answers: Answers, nonce: string, hash: Hash = sha256, serial?: string): string {
  const preimage = serial === undefined ? { kind: 'ballot/1', consultationId, answers, nonce } : { kind: 'ballot/1', consultationId, answers, nonce, serial };
  return toHex(hash(jcsBytes(preimage)));
}
