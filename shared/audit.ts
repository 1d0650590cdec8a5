/**
 * The audit log's hash chain (bundle.md "The audit log"): each event names the hash of the one before, so an
 * event cannot be changed, dropped or reordered without breaking every hash after it.
 */
import { fromUtf8, utf8 } from './bytes.ts';
import { DomainError } from './errors.ts';
import { canonicalize } from './jcs.ts';
import { AuditEvent, type Actor } from './schemas.ts';
import { sha256, sha256Hex, type Hash } from './sha256.ts';

/** The `prev` of the first event: 64 zeros. */
export const GENESIS = '0'.repeat(64);

/** What the caller says happened; the chain adds kind, seq, prev and hash. */
export interface AuditEntry {
  at: string;
  actor: Actor;
  action: string;
  data: Record<string, unknown>;
}

/** H(JCS(the event without `hash`)). */
export function hashOfEvent(event: Omit<AuditEvent, 'hash'> & { hash?: string }, hash: Hash = sha256): string {
  const { hash: _ignored, ...body } = event;
  return sha256Hex(utf8(canonicalize(body)), hash);
}

/**
 * The next event of the chain after `prev` (undefined for the first).
 * @example sealEvent(undefined, { at, actor: { role: 'official', id }, action: 'created', data: {} }) // seq 1
 */
export function sealEvent(prev: Pick<AuditEvent, 'seq' | 'hash'> | undefined, entry: AuditEntry, hash: Hash = sha256): AuditEvent {
  const body = {
    kind: 'audit/1' as const,
    seq: prev ? prev.seq + 1 : 1,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    data: entry.data,
    prev: prev ? prev.hash : GENESIS,
  };
  return { ...body, hash: hashOfEvent(body, hash) };
}

/** Every break of the chain, one sentence each: wrong kind, seq, prev or hash. Empty when the chain holds. */
export function checkChain(events: readonly AuditEvent[], hash: Hash = sha256): string[] {
  const problems: string[] = [];
  let prevHash = GENESIS;
  events.forEach((event, i) => {
    const where = `event ${i + 1}`;
    if (event.kind !== 'audit/1') problems.push(`${where}: kind is not audit/1`);
    if (event.seq !== i + 1) problems.push(`${where}: seq is ${event.seq}`);
    if (event.prev !== prevHash) problems.push(`${where}: prev does not name the hash of the event before`);
    if (hashOfEvent(event, hash) !== event.hash) problems.push(`${where}: hash does not recompute`);
    prevHash = event.hash;
  });
  return problems;
}

/** Parses `audit.jsonl`: one JSON event per line, each line ended by `\n`; throws naming the bad line. */
export function parseAuditJsonl(bytes: Uint8Array): AuditEvent[] {
  const text = fromUtf8(bytes);
  if (text.length === 0) return [];
  if (!text.endsWith('\n')) throw new DomainError('invalid_request', 'audit.jsonl: the last line does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  return lines.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DomainError('invalid_request', `audit.jsonl line ${i + 1}: not JSON`);
    }
    const parsed = AuditEvent.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError('invalid_request', `audit.jsonl line ${i + 1}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'not an audit event'}`);
    }
    return parsed.data;
  });
}

/** The `audit.jsonl` bytes of events: the canonical JSON of each, each followed by `\n`. */
export function toAuditJsonl(events: readonly AuditEvent[]): Uint8Array<ArrayBuffer> {
  let text = '';
  for (const event of events) text += `${canonicalize(event)}\n`;
  return utf8(text);
}
