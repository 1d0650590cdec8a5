/**
 * The bundle a close publishes (bundle.md "Format `result/2`"): the recount of what the store read, as ballots or as
 * a show of hands, with a meeting's households present, the slips' serials and the other opinions.
 */
import { buildBundle, type Bundle } from '../../shared/bundle.ts';
import { DomainError } from '../../shared/errors.ts';
import { Utf8Writer } from '../../shared/jcs.ts';
import type { AuditEvent, Ballot, Consultation, Question, Voting } from '../../shared/schemas.ts';
import { sha256, type Hash } from '../../shared/sha256.ts';
import { tally } from '../../shared/tally.ts';
import { csvField } from '../../web/open-data.ts';
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
 * The `result/2` bundle of a closed round, recounted from the store's input. `hash` is the SHA-256 the files and the
 * Merkle tree are hashed with (CoreDeps.sha256 where the runtime has a faster one); the bytes are the same with any.
 * @example const bundle = resultBundle(consultation, await store.readForTally(id), { audit, closedAt, publishedAt }, deps.sha256)
 */
export function resultBundle(consultation: Consultation, input: TallyInput, closing: Closing, hash: Hash = sha256): Bundle {
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
  return buildBundle(
    {
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
    },
    hash,
  );
}

/**
 * `ballots.csv` exactly as web/open-data.ts ballotsCsv writes it (a BOM, a header `receipt,<question id>...`, one CRLF
 * row per ballot sorted by receipt, an approval answer's ids joined with `;`), but written row by row into one buffer:
 * a million ballots as rows of arrays and then one string would take several times the file's size at close.
 */
export function ballotsCsvBytes(
  ballots: ReadonlyArray<Pick<Ballot, 'answers' | 'receipt'>>,
  questions: ReadonlyArray<Pick<Question, 'id'>>,
): Uint8Array<ArrayBuffer> {
  const receipts = ballots.map((b) => b.receipt);
  // Positions sorted by receipt; the sort is stable, as ballotsCsv's sort of the ballots is.
  const order = Array.from({ length: ballots.length }, (_, i) => i).sort((a, b) => {
    const x = receipts[a]!;
    const y = receipts[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const ids = questions.map((q) => q.id);
  const w = new Utf8Writer();
  w.text(`\uFEFF${['receipt', ...ids].map(csvField).join(',')}\r\n`);
  for (let i = 0; i < order.length; i++) {
    const b = ballots[order[i]!]!;
    let row = csvField(b.receipt);
    for (const id of ids) {
      const answer = b.answers[id];
      row += `,${csvField(Array.isArray(answer) ? answer.join(';') : (answer ?? ''))}`;
    }
    w.text(`${row}\r\n`);
    // The rows are alike: room for all of them once the first is written.
    if (i === 0) w.reserve(Math.ceil(w.byteLength * order.length * 1.1) + 256);
  }
  return w.bytes();
}
