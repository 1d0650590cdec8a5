/**
 * Casting and withdrawing in memory, refusing in the order the DynamoDB store's transactions do: the state of an
 * audited entry, then the gate, then the household's slot and credential, then the receipt.
 */
import { DomainError } from '../../../shared/errors.ts';
import { withReplacement } from '../../../shared/paper-replacements.ts';
import type { AuditDraft, CastInput, CastOutcome } from '../../../functions/core/store.ts';
import { appendEvent, copy, gateOpen, required, type Entry } from './state.ts';

/** One cast: replaces the household's earlier ballot and, for an entry by an official, records its event. */
export function cast(found: Entry | undefined, input: CastInput): CastOutcome {
  const { household, ballot, channel, now } = input;
  if (input.audit) {
    const entry = required(found);
    if (entry.st !== 'voting') throw new DomainError('not_open', `consultation is ${entry.st}`);
  }
  if (!found || !gateOpen(found.gate, now)) throw new DomainError('not_open', 'voting is not open');
  const entry = found;
  // The first try of an online ballot writes without reading the slot: a taken receipt is found before the slot.
  if (!input.audit && entry.ballots.has(ballot.receipt)) throw new DomainError('busy', 'this ballot was already recorded');
  const slot = entry.slots.get(household);
  if (!slot) throw new DomainError(input.credentialHash ? 'invalid_code' : 'not_found', `household ${household} is not on the frozen roll`);
  if (input.credentialHash !== undefined && slot.credHash !== input.credentialHash) throw new DomainError('invalid_code');
  if (entry.ballots.has(ballot.receipt)) throw new DomainError('busy', 'too many simultaneous ballots for this household; try again');

  const prev = slot.receipt;
  const prevChannel = slot.channel;
  if (prev) {
    const replaced = entry.ballots.get(prev);
    if (replaced) replaced.status = 'replaced';
  }
  entry.ballots.set(ballot.receipt, {
    ballot: copy(ballot),
    status: 'counted',
    ...(prev && channel !== 'online' ? { prevReceipt: prev, ...(prevChannel ? { prevChannel } : {}) } : {}),
  });
  slot.receipt = ballot.receipt;
  slot.channel = channel;
  if (input.audit) appendEvent(entry, withReplacement(input.audit, prev ? { previousChannel: prevChannel } : undefined));
  return prev ? { replaced: true, ...(prevChannel ? { previousChannel: prevChannel } : {}) } : { replaced: false };
}

/** Undoes the household's current paper or meeting entry; the ballot it replaced, if any, counts again. */
export function withdraw(found: Entry | undefined, household: string, receipt: string, now: string, audit: AuditDraft): { restored: boolean } {
  const moved = () => new DomainError('busy', "this entry is no longer the household's current ballot");
  const slot = found?.slots.get(household);
  if (!found || !slot) throw new DomainError('not_found', `household ${household} is not on the frozen roll`);
  const entry = found;
  if (slot.receipt !== receipt || !slot.channel || slot.channel === 'online') throw moved();
  const stored = entry.ballots.get(receipt);
  if (stored?.status !== 'counted') throw moved();
  if (entry.st !== 'voting') throw new DomainError('not_open', `consultation is ${entry.st}`);
  if (!gateOpen(entry.gate, now)) throw new DomainError('not_open', 'voting is not open');
  const prev = stored.prevReceipt;
  const prevChannel = prev ? stored.prevChannel : undefined;
  const restoring = prev ? entry.ballots.get(prev) : undefined;
  // The DynamoDB store retries until it gives up when the ballot to restore is not the replaced one it expects.
  if (prev && restoring?.status !== 'replaced') throw new DomainError('busy', 'too many simultaneous changes for this household; try again');

  stored.status = 'withdrawn';
  if (restoring) restoring.status = 'counted';
  if (prev) {
    slot.receipt = prev;
    if (prevChannel) slot.channel = prevChannel;
    else delete slot.channel;
  } else {
    delete slot.receipt;
    delete slot.channel;
  }
  appendEvent(entry, audit);
  return { restored: Boolean(prev) };
}
