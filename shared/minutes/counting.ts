/**
 * Drafting the counting record: Decree 59/2023 form 02 (the counting committee of a meeting held by secret ballot,
 * Art. 3(5)(c)) or form 04 (the ballot team of a household ballot, Art. 4(6)(a)), each with 2 household witnesses.
 * The slips issued, returned and entered come from the signed result; the spoiled ones are entered by the officials.
 * Pure, like the decision record.
 */
import { DomainError } from '../errors.ts';
import type { Consultation, Manifest } from '../schemas.ts';
import { type Hash, sha256 } from '../sha256.ts';
import { CountingRecord, type Slips } from './document.ts';
import { checkBelongs, invalid, letterheadOf, nfc, parsedOr, questionsOf } from './questions.ts';

/** What the officials enter for the counting record. */
export interface CountingEntries {
  letterhead: { authority: string; unit: string };
  place: string;
  /** When the count was made (a meeting: at the meeting; household ballot: after the deadline). */
  at: string;
  members: readonly { name: string; role: string }[];
  witnesses: readonly [string, string];
  /** Slips not valid; 0 for a show of hands. */
  spoiled: number;
}

export interface CountingInput {
  consultation: Consultation;
  manifest: Manifest;
  manifestHash: string;
  rollIds: readonly string[];
  participantIds: readonly string[];
  entries: CountingEntries;
}

/**
 * Issued, returned and entered slips from the manifest: at a meeting one slip to each household present, returned as
 * the ballots counted; in a household ballot one slip to each household of the roll (Law 10/2022 Art. 19(3)), returned
 * by the households ticked off. None for a show of hands.
 */
function slipsOf(c: Consultation, m: Manifest, spoiled: number): Slips | undefined {
  if (c.method === 'meeting' && m.voting === 'show_of_hands') {
    if (spoiled !== 0) throw invalid('a show of hands has no slips', [{ path: 'spoiled', message: 'must be 0 for a show of hands' }]);
    return undefined;
  }
  const entered = m.ballots.count;
  const issued = c.method === 'meeting' ? m.participants.count : m.roll.count;
  const returned = c.method === 'meeting' ? m.ballots.count : m.participants.count;
  if (!Number.isSafeInteger(spoiled) || spoiled < 0 || spoiled > entered)
    throw invalid(`the spoiled slips must be between 0 and ${entered}`, [{ path: 'spoiled', message: `0 to ${entered}` }]);
  return { issued, returned, entered, spoiled, valid: entered - spoiled };
}

/**
 * The counting record of a published meeting or household-ballot round; an online round has none (its result is in
 * the decision record, Decree 59/2023 Art. 5(4)(b)).
 * @example const counting = draftCounting({ consultation, manifest, manifestHash, rollIds, participantIds, entries })
 */
export function draftCounting(input: CountingInput, hash: Hash = sha256): CountingRecord {
  const { consultation: c, manifest: m, entries } = input;
  checkBelongs(c, m, input.manifestHash, hash);
  if (c.method === 'online') throw new DomainError('wrong_state', 'an online round has no counting record; its counts are in the decision record');
  const roll = new Set(input.rollIds);
  const present = new Set(input.participantIds);
  entries.witnesses.forEach((id, i) => {
    const path = `witnesses.${i}`;
    if (!roll.has(id)) throw invalid(`household ${id} is not on the roll`, [{ path, message: 'not on the roll' }]);
    if (c.method === 'meeting' && !present.has(id)) throw invalid(`household ${id} was not at the meeting`, [{ path, message: 'not present' }]);
  });
  const slips = slipsOf(c, m, entries.spoiled);
  const draft = {
    kind: 'counting/1',
    consultationId: c.id,
    manifest: input.manifestHash,
    form: c.method === 'meeting' ? 'mau_02' : 'mau_04',
    letterhead: letterheadOf(entries.letterhead),
    scope: c.scope,
    title: c.title,
    method: c.method,
    ...(c.method === 'meeting' && m.voting ? { voting: m.voting } : {}),
    place: nfc(entries.place),
    at: entries.at,
    members: entries.members.map((p) => ({ name: nfc(p.name), role: nfc(p.role) })),
    witnesses: [...entries.witnesses],
    eligible: m.roll.count,
    ...(slips ? { slips } : {}),
    questions: questionsOf(c, m),
  };
  return parsedOr(CountingRecord.safeParse(draft), 'counting record');
}

/** What a counting record states of the officials' entries. */
export function countingEntriesOf(record: CountingRecord): CountingEntries {
  return {
    letterhead: record.letterhead,
    place: record.place,
    at: record.at,
    members: record.members,
    witnesses: record.witnesses,
    spoiled: record.slips?.spoiled ?? 0,
  };
}
