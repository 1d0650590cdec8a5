/**
 * Checking a ballot by what the resident kept: the full receipt (64 hex characters) or its tracking code, the
 * receipt's first characters as the recorded page prints them ("e1615 10682"), found by prefix in the store.
 */
import { DomainError } from '../../shared/errors.ts';
import { load } from './access.ts';
import type { CoreDeps } from './deps.ts';

/** The fewest hex characters looked up: 40 bits, so a code cannot be guessed among a commune's ballots. */
export const TRACKING_CODE_MIN = 10;
const RECEIPT_LENGTH = 64;

/**
 * What a typed code names: a full receipt, checked (`unknown` when no ballot has it), or why no single ballot was
 * found: no ballot starts with the tracking code, several do, too few characters, or not hex at all.
 */
export type ReceiptLookup =
  | { kind: 'checked'; receipt: string; status: 'counted' | 'replaced' | 'unknown' }
  | { kind: 'not_found' | 'ambiguous' | 'too_short' | 'malformed' };

/**
 * A receipt or tracking code as people copy it (spaces, dashes, any case, full-width digits) as lowercase hex,
 * or why it cannot be one.
 * @example readTrackingCode(' E1615-10682 ') // { hex: 'e161510682' }
 */
export function readTrackingCode(typed: string): { hex: string } | { problem: 'too_short' | 'malformed' } {
  const hex = typed.normalize('NFKC').replace(/[\s-]/g, '').toLowerCase();
  if (!/^[0-9a-f]*$/.test(hex) || hex.length > RECEIPT_LENGTH) return { problem: 'malformed' };
  if (hex.length < TRACKING_CODE_MIN) return { problem: 'too_short' };
  return { hex };
}

/** The ballot of consultation `id` that a receipt or tracking code names, and its status; `not_found` if no such consultation. */
export async function receiptByTrackingCode(deps: CoreDeps, id: string, typed: string): Promise<ReceiptLookup> {
  await load(deps, id);
  const read = readTrackingCode(typed);
  if ('problem' in read) return { kind: read.problem };
  if (read.hex.length === RECEIPT_LENGTH) return { kind: 'checked', receipt: read.hex, status: (await deps.store.receiptStatus(id, read.hex)) ?? 'unknown' };
  const [receipt, ...more] = await deps.store.findReceipts(id, read.hex);
  if (more.length > 0) return { kind: 'ambiguous' };
  const status = receipt === undefined ? undefined : await deps.store.receiptStatus(id, receipt);
  return receipt !== undefined && status ? { kind: 'checked', receipt, status } : { kind: 'not_found' };
}

/** The status of the ballot a tracking code names, for the API: `not_found` unless exactly one ballot has it. */
export async function trackingCodeStatus(deps: CoreDeps, id: string, code: string) {
  const found = await receiptByTrackingCode(deps, id, code);
  if (found.kind === 'checked' && found.status !== 'unknown') return { receipt: found.receipt, status: found.status };
  if (found.kind === 'too_short' || found.kind === 'malformed')
    throw new DomainError('invalid_request', `a tracking code is ${TRACKING_CODE_MIN} to ${RECEIPT_LENGTH} hex characters`);
  if (found.kind === 'ambiguous') throw new DomainError('invalid_request', 'more than one ballot starts with this code; give more characters');
  throw new DomainError('not_found', 'no ballot has this tracking code');
}
