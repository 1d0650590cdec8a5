/**
 * The bundle builder as it was before the files were written into one buffer: every file as one JavaScript string,
 * then its UTF-8. Kept only as the reference the byte-for-byte tests and the close benchmark compare with; do not
 * use it anywhere else.
 */
import { toAuditJsonl, GENESIS } from '../../shared/audit.ts';
import { toHex } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { leavesFromHex, merkleRoot } from '../../shared/merkle.ts';
import {
  type AuditEvent,
  type Ballot,
  type BundleFileName,
  type Consultation,
  type HandCount,
  type Manifest,
  type Method,
  OPINIONS_FILE,
  type Opinion,
  type Participant,
  type QuestionTally,
  type Voting,
} from '../../shared/schemas.ts';
import { sha256, sha256Hex, type Hash } from '../../shared/sha256.ts';
import { tally } from '../../shared/tally.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Closing } from '../../functions/core/result-bundle.ts';
import type { TallyInput } from '../../functions/core/store.ts';

/** Everything a bundle is made of, as the store and the recount give it (any order; sorted here). */
export interface BundleInput {
  consultation: Consultation;
  rollIds: string[];
  participants: Participant[];
  /** The final ballots; in result/2 a slip entered from paper carries its `serial`. */
  ballots: Ballot[];
  /** The consultation's audit log up to and including its `closed` event. */
  audit: AuditEvent[];
  closedAt: string;
  publishedAt: string;
  tally: QuestionTally[];
  /** `result/1` unless asked; the fields below are result/2's. */
  format?: Manifest['format'];
  /** The round's method (by default the consultation's). */
  method?: Method;
  /** A meeting: how it voted. */
  voting?: Voting;
  /** A show of hands: the counts as entered and signed by the counting committee. */
  handCount?: HandCount;
  /** A meeting: the households present, which every question's tally must give. */
  present?: number;
  /** The "other opinion" texts after moderation, published apart from the ballots in `opinions.json`. */
  opinions?: Opinion[];
}

export interface ReferenceBundle {
  files: Record<BundleFileName, Uint8Array<ArrayBuffer>> & { [OPINIONS_FILE]?: Uint8Array<ArrayBuffer> };
  manifest: Manifest;
  /** The JCS bytes of the manifest: the JWS payload and `result.json`. */
  manifestBytes: Uint8Array<ArrayBuffer>;
}

/** bundle.md "Conventions": sorting is by UTF-16 code units, JavaScript's `<` on strings. */
function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** A caller's mistake that would publish a bundle its own verifier refuses: thrown before anything is signed. */
function refuse(reason: string): never {
  throw new RangeError(`cannot build the bundle: ${reason}`);
}

/** The result/2 rules of bundle.md that the inputs must follow ("Ballots", "Counts of ballots", "Show of hands"). */
function checkResult2(input: BundleInput, method: Method): void {
  const serials = input.ballots.flatMap((b) => (b.serial === undefined ? [] : [b.serial]));
  if (new Set(serials).size !== serials.length) refuse('two ballots have the same serial');
  if (method !== 'meeting' && (input.voting !== undefined || input.handCount !== undefined || input.present !== undefined)) {
    refuse('only a meeting has voting, handCount and present');
  }
  if (input.voting === 'show_of_hands' && (input.handCount === undefined || input.ballots.length > 0)) {
    refuse('a show of hands publishes its handCount and no ballot');
  }
  if (input.voting !== 'show_of_hands' && input.handCount !== undefined) refuse('a handCount is only for a show of hands');
  if (input.present !== undefined && input.tally.some((q) => q.present !== input.present))
    refuse('every question of the tally must give the households present');
}

/** The published ballots: only their named fields (no household id can reach the site), sorted by receipt. */
function publishedBallots(input: BundleInput, result2: boolean): Ballot[] {
  return input.ballots
    .map((b) => {
      if (b.serial !== undefined && !result2) refuse('a result/1 ballot has no serial');
      const ballot: Ballot = { answers: b.answers, nonce: b.nonce, receipt: b.receipt };
      return b.serial === undefined ? ballot : { ...ballot, serial: b.serial };
    })
    .sort(byKey((b) => b.receipt));
}

/** opinions.json's list: questionId and text only, sorted by (questionId, text). */
function sortedOpinions(opinions: readonly Opinion[]): Opinion[] {
  const order = byKey<Opinion>((o) => o.questionId);
  const byText = byKey<Opinion>((o) => o.text);
  return opinions.map((o) => ({ questionId: o.questionId, text: o.text })).sort((a, b) => order(a, b) || byText(a, b));
}

/**
 * The bundle's files and manifest.
 * @example const { files, manifestBytes } = buildBundle({ consultation, rollIds, participants, ballots, audit, closedAt, publishedAt, tally: tally(consultation, answers, rollIds.length) })
 */
export function referenceBuildBundle(input: BundleInput, hash: Hash = sha256): ReferenceBundle {
  const format = input.format ?? 'result/1';
  const result2 = format === 'result/2';
  const method = input.method ?? input.consultation.method;
  if (result2) checkResult2(input, method);
  else if (input.voting ?? input.handCount ?? input.present ?? input.opinions ?? input.method)
    refuse('result/1 has no method, voting, handCount, present or opinions');
  const consultationId = input.consultation.id;
  const households = [...input.rollIds].sort().map((id) => ({ id }));
  const participants = input.participants.map((p) => ({ id: p.id, channel: p.channel })).sort(byKey((p) => p.id));
  const ballots = publishedBallots(input, result2);

  const files: ReferenceBundle['files'] = {
    'consultation.json': jcsBytes(input.consultation),
    'roll.json': jcsBytes({ consultationId, households }),
    'participants.json': jcsBytes({ consultationId, households: participants }),
    'ballots.json': jcsBytes({ consultationId, ballots }),
    'audit.jsonl': toAuditJsonl(input.audit),
  };
  if (input.opinions !== undefined) files[OPINIONS_FILE] = jcsBytes({ consultationId, opinions: sortedOpinions(input.opinions) });

  const byChannel = { online: 0, paper: 0, meeting: 0 };
  for (const p of participants) byChannel[p.channel]++;
  const last = input.audit[input.audit.length - 1];
  const opinionsHash = files[OPINIONS_FILE] ? { [OPINIONS_FILE]: sha256Hex(files[OPINIONS_FILE], hash) } : {};

  const manifest: Manifest = {
    format,
    consultationId,
    files: {
      'consultation.json': sha256Hex(files['consultation.json'], hash),
      'roll.json': sha256Hex(files['roll.json'], hash),
      'participants.json': sha256Hex(files['participants.json'], hash),
      'ballots.json': sha256Hex(files['ballots.json'], hash),
      'audit.jsonl': sha256Hex(files['audit.jsonl'], hash),
      ...opinionsHash,
    },
    ...(result2 ? { method } : {}),
    ...(input.voting !== undefined ? { voting: input.voting } : {}),
    ...(input.handCount !== undefined ? { handCount: input.handCount } : {}),
    roll: { count: households.length },
    participants: { count: participants.length, byChannel },
    ballots: { count: ballots.length, merkleRoot: toHex(merkleRoot(leavesFromHex(ballots.map((b) => b.receipt)), hash)) },
    audit: { count: input.audit.length, head: last ? last.hash : GENESIS },
    tally: input.tally,
    closedAt: input.closedAt,
    publishedAt: input.publishedAt,
  };
  return { files, manifest, manifestBytes: jcsBytes(manifest) };
}

/** resultBundle of functions/core/result-bundle.ts as it was: the recount, then referenceBuildBundle. */
export function referenceResultBundle(consultation: Consultation, input: TallyInput, closing: Closing, hash: Hash = sha256): ReferenceBundle {
  const meeting = consultation.method === 'meeting';
  if (meeting && input.present !== undefined && input.present !== input.participants.length) {
    throw new DomainError('integrity_error', `the meeting records ${input.present} households present but ${input.participants.length} participants`);
  }
  const voting: Voting | undefined = meeting ? (input.voting ?? (input.handCount !== undefined ? 'show_of_hands' : 'secret_ballot')) : undefined;
  const present = meeting ? input.participants.length : undefined;
  const handCount = voting === 'show_of_hands' ? (input.handCount ?? {}) : undefined;
  const ballots = voting === 'show_of_hands' ? [] : input.ballots;
  const results = tally(
    consultation,
    ballots.map((b) => b.answers),
    input.rollIds.length,
    { ...(present !== undefined ? { present } : {}), ...(handCount !== undefined ? { handCount } : {}) },
  );
  return referenceBuildBundle(
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
