/**
 * What the in-memory store keeps of one consultation, item for item what the DynamoDB store keeps
 * (functions/adapters/dynamo-table.ts), and the helpers every act shares: copies, the chain, the gate.
 */
import { sealEvent } from '../../../shared/audit.ts';
import type { Comment, Hidden } from '../../../shared/discussion.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { AuditEvent, Ballot, Channel, Consultation, Document, Household, State } from '../../../shared/schemas.ts';
import type { AuditDraft, ChannelCounts } from '../../../functions/core/store.ts';

/** A household's slot: its current credential hash and the receipt (and channel) of its counted ballot. */
export interface Slot {
  /** None in a round without voting codes (household ballots). */
  credHash?: string;
  receipt?: string;
  channel?: Channel;
  /** A household-ballot round: the household's slip came back (ticked off, channel `paper`). */
  returned?: boolean;
}

/** A recorded ballot; a paper or meeting entry remembers the ballot it replaced, so that it can be withdrawn. */
export interface StoredBallot {
  ballot: Ballot;
  status: 'counted' | 'replaced' | 'withdrawn';
  prevReceipt?: string;
  prevChannel?: Channel;
}

/** The voting gate: opened with the consultation's dates at opening, shut by close. */
export interface Gate {
  open: boolean;
  opensAt: string;
  closesAt: string;
}

export interface Entry {
  doc: Consultation;
  st: State;
  createdAt: string;
  updatedAt: string;
  rollCount: number;
  /** The roll in force, ordered by roll id as the table's sort key orders it. */
  roll: Household[];
  audit: AuditEvent[];
  closedAt?: string;
  publishedAt?: string;
  resultUrl?: string;
  gate?: Gate;
  slots: Map<string, Slot>;
  ballots: Map<string, StoredBallot>;
  /** Slip serials: issued at opening (household ballots) or taken at entry (a meeting), with the receipt once entered. */
  serials?: Map<string, string | undefined>;
  /** Serials issued at opening; undefined in a round that issues none. */
  slipsIssued?: number;
  slipsEntered?: number;
  slipsReturned?: number;
}

export interface StoredComment {
  comment: Omit<Comment, 'hidden'>;
  hidden?: Hidden;
}

/**
 * A copy as DynamoDB gives it back: undefined fields dropped (the document client removes them), nothing shared
 * with the caller.
 */
export function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Ascending by code unit, as DynamoDB orders ASCII sort keys. */
export function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Seals the act's event after the chain's last one, and takes its time as the consultation's updatedAt. */
export function appendEvent(entry: Entry, draft: AuditDraft): AuditEvent {
  const event = sealEvent(entry.audit[entry.audit.length - 1], copy(draft));
  entry.audit.push(event);
  entry.updatedAt = draft.at;
  return event;
}

/** The consultation, or `not_found`. */
export function required(entry: Entry | undefined): Entry {
  if (!entry) throw new DomainError('not_found', 'no such consultation');
  return entry;
}

/** Whether the gate lets a ballot in at `now`: open, and opensAt <= now < closesAt (instants compare as strings). */
export function gateOpen(gate: Gate | undefined, now: string): boolean {
  return gate?.open === true && gate.closesAt > now && gate.opensAt <= now;
}

/** Households whose ballot counts now, by the channel of their last ballot. */
export function turnout(entry: Entry): ChannelCounts {
  const counts: ChannelCounts = { online: 0, paper: 0, meeting: 0 };
  for (const slot of entry.slots.values()) {
    if (slot.receipt && slot.channel) counts[slot.channel] += 1;
    else if (slot.returned) counts.paper += 1;
  }
  return counts;
}

/** The consultation with these documents; without the field when there are none, as before any was attached. */
export function withDocuments(c: Consultation, documents: readonly Document[]): Consultation {
  const { documents: _old, ...rest } = c;
  return documents.length > 0 ? { ...rest, documents: copy([...documents]) } : rest;
}
