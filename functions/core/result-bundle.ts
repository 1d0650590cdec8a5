/**
 * The bundle a close publishes (bundle.md "Format `result/2`"): the recount of what the store read, as ballots or as
 * a show of hands, with a meeting's households present, the slips' serials and the other opinions.
 */
import { buildBundle, type Bundle } from '../../shared/bundle.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AuditEvent, Consultation, Voting } from '../../shared/schemas.ts';
import { tally } from '../../shared/tally.ts';
import type { TallyInput } from './store.ts';

/** What closed the round: its log up to the `closed` event, and the two times the manifest fixes. */
export interface Closing {
  audit: AuditEvent[];
  closedAt: string;
  publishedAt: string;
}

/** A meeting's voting: as the store recorded it, else a show of hands when there are hand counts, else slips. */
function votingOf(input: TallyInput): Voting {
  return input.voting ?? (input.handCount !== undefined ? 'show_of_hands' : 'secret_ballot');
}

/**
 * The `result/2` bundle of a closed round, recounted from the store's input.
 * @example const bundle = resultBundle(consultation, await store.readForTally(id), { audit, closedAt, publishedAt })
 */
export function resultBundle(consultation: Consultation, input: TallyInput, closing: Closing): Bundle {
  const meeting = consultation.method === 'meeting';
  // The verifier counts the households present from participants.json: a store that says otherwise is not published.
  if (meeting && input.present !== undefined && input.present !== input.participants.length) {
    throw new DomainError('integrity_error', `the meeting records ${input.present} households present but ${input.participants.length} participants`);
  }
  const voting = meeting ? votingOf(input) : undefined;
  const present = meeting ? input.participants.length : undefined;
  const handCount = voting === 'show_of_hands' ? (input.handCount ?? {}) : undefined;
  const ballots = voting === 'show_of_hands' ? [] : input.ballots;
  const results = tally(
    consultation,
    ballots.map((b) => b.answers),
    input.rollIds.length,
    { ...(present !== undefined ? { present } : {}), ...(handCount !== undefined ? { handCount } : {}) },
  );
  return buildBundle({
    format: 'result/2',
    consultation,
    method: consultation.method,
    rollIds: input.rollIds,
    participants: input.participants,
    ballots,
    ...closing,
    tally: results,
    ...(voting !== undefined ? { voting } : {}),
    ...(handCount !== undefined ? { handCount } : {}),
    ...(present !== undefined ? { present } : {}),
    ...(input.opinions !== undefined ? { opinions: input.opinions } : {}),
  });
}
