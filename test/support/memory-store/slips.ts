/**
 * Paper slips by serial in memory, refusing as the DynamoDB store does (functions/adapters/dynamo/slips.ts): the
 * state first, then the serial, then the meeting's limit; a household ticked off once; a round with issued slips
 * closes only reconciled; the recount's extra fields of a meeting.
 */
import { DomainError } from '../../../shared/errors.ts';
import type { Ballot, Participant } from '../../../shared/schemas.ts';
import { meetingLog } from '../../../functions/core/meeting-log.ts';
import type { AuditDraft, SlipInput, TallyInput } from '../../../functions/core/store.ts';
import { appendEvent, byKey, copy, type Entry, required } from './state.ts';

function voting(entry: Entry): void {
  if (entry.st !== 'voting') throw new DomainError('not_open', `consultation is ${entry.st}`);
}

/** Opening a household-ballot round: the serials, linked to no household. */
export function issueSerials(entry: Entry, serials: readonly string[]): void {
  entry.serials = new Map(serials.map((s) => [s, undefined]));
  entry.slipsIssued = entry.serials.size;
  entry.slipsEntered = 0;
  entry.slipsReturned = 0;
}

export function listSerials(entry: Entry): string[] {
  return entry.slipsIssued === undefined ? [] : [...(entry.serials?.keys() ?? [])].sort(byKey);
}

export function tickReturn(found: Entry | undefined, household: string, audit: AuditDraft): void {
  const entry = required(found);
  voting(entry);
  const slot = entry.slots.get(household);
  if (!slot) throw new DomainError('not_found', `household ${household} is not on the frozen roll`);
  if (slot.returned || slot.receipt) throw new DomainError('already_returned', `household ${household} is already ticked off`);
  slot.returned = true;
  entry.slipsReturned = (entry.slipsReturned ?? 0) + 1;
  appendEvent(entry, audit);
}

export function enterSlip(found: Entry | undefined, input: SlipInput): void {
  const entry = required(found);
  voting(entry);
  const { serial, receipt } = input.ballot;
  const serials = (entry.serials ??= new Map());
  if (input.atMost === undefined && !serials.has(serial))
    throw new DomainError('invalid_request', `no slip with serial ${serial} was issued`, [{ path: 'serial', message: 'never issued' }]);
  if (serials.get(serial) !== undefined) throw new DomainError('duplicate_serial', `the slip ${serial} is already entered`);
  if (input.atMost !== undefined && (entry.slipsEntered ?? 0) >= input.atMost)
    throw new DomainError('too_many_slips', `${entry.slipsEntered ?? 0} slips entered for ${input.atMost} households present`);
  if (entry.ballots.has(receipt)) throw new DomainError('busy', 'this ballot was already recorded');
  serials.set(serial, receipt);
  entry.ballots.set(receipt, { ballot: copy(input.ballot), status: 'counted' });
  entry.slipsEntered = (entry.slipsEntered ?? 0) + 1;
  appendEvent(entry, input.audit);
}

/** Throws `slips_unreconciled` when a round with issued slips has entered a different number than came back. */
export function reconciled(entry: Entry): void {
  if (entry.slipsIssued === undefined) return;
  const entered = entry.slipsEntered ?? 0;
  const returned = entry.slipsReturned ?? 0;
  if (entered !== returned)
    throw new DomainError('slips_unreconciled', `${entered} slips entered but ${returned} households ticked off as returned`, [
      { path: 'slipsEntered', message: String(entered) },
      { path: 'returned', message: String(returned) },
    ]);
}

/** The recount's input: slips with their serials; at a meeting, those present and how it voted. */
export function tallyOf(entry: Entry): TallyInput {
  const participants: Participant[] = [];
  for (const [household, slot] of entry.slots) {
    if (slot.receipt && slot.channel) participants.push({ id: household, channel: slot.channel });
    else if (slot.returned) participants.push({ id: household, channel: 'paper' });
  }
  const ballots: Ballot[] = [...entry.ballots.values()].filter((b) => b.status === 'counted').map((b) => copy(b.ballot));
  const base = { rollIds: entry.roll.map((h) => h.id), ballots: ballots.sort((a, b) => byKey(a.receipt, b.receipt)) };
  if (entry.doc.method !== 'meeting') return { ...base, participants: participants.sort((a, b) => byKey(a.id, b.id)) };
  const log = meetingLog(entry.audit);
  const present: Participant[] = log.present.map((p) => ({ id: p.household, channel: 'meeting' }));
  return {
    ...base,
    participants: present.sort((a, b) => byKey(a.id, b.id)),
    present: present.length,
    ...(log.voting ? { voting: log.voting } : {}),
    ...(log.voting === 'show_of_hands' && log.handCount ? { handCount: log.handCount } : {}),
  };
}
