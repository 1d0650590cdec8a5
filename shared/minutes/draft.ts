/**
 * Drafting the decision record (Law 10/2022 Art. 20; Decree 59/2023 form 03) from the consultation, its signed
 * result, the bundle's roll, participants and audit log, and what the officials entered. Pure: the same inputs give
 * the same JCS bytes, so a verifier redrafts it from the published files and compares byte for byte.
 */
import { percentOfH } from '../numbers.ts';
import { type AuditEvent, type Consultation, type Manifest, type Opinion, OPINIONS_FILE } from '../schemas.ts';
import { type Hash, sha256 } from '../sha256.ts';
import { DecisionRecord, type Departure, type DiscussedQuestion, type DocumentForm } from './document.ts';
import { checkBelongs, contributionOf, decisionOf, invalid, letterheadOf, nfc, parsedOr, questionsOf } from './questions.ts';
import { DomainError } from '../errors.ts';

/** What the officials enter; everything else comes from the published files. */
export interface DecisionEntries {
  form: DocumentForm;
  letterhead: { authority: string; unit: string };
  /** Where the meeting was held or the slips and votes were summed up. */
  place: string;
  /** A meeting only: when it began and ended. */
  meeting?: { from: string; to: string } | undefined;
  /** The secretary's summary of what was discussed. */
  summary: string;
  /** The discussion's questions with their official answers (shared/discussion.ts `answeredQuestions`). */
  discussion: readonly DiscussedQuestion[];
  signers: { villageHead: string; frontHead: string; households: readonly [string, string] };
}

export interface DecisionInput {
  consultation: Consultation;
  manifest: Manifest;
  /** H(result.jws payload bytes); checked against the manifest. */
  manifestHash: string;
  /** roll.json's ids and participants.json's ids. */
  rollIds: readonly string[];
  participantIds: readonly string[];
  /** The bundle's audit log (up to the close): the opening's departures are read from it. */
  audit: readonly AuditEvent[];
  /** opinions.json's list, in the file's order: needed when the manifest lists that file, read only then. */
  opinions?: readonly Opinion[] | undefined;
  entries: DecisionEntries;
}

/** The opening before the notice period ran out, with the reason logged in the `voting_opened` event. */
export function departuresOf(audit: readonly AuditEvent[]): Departure[] {
  const departures: Departure[] = [];
  for (const e of audit) {
    if (e.action !== 'voting_opened') continue;
    const d = e.data.disclosure as Record<string, unknown> | undefined;
    if (!d || typeof d !== 'object' || typeof d.overrideReason !== 'string') continue;
    const instantOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
    departures.push({
      kind: 'early_opening',
      at: e.at,
      days: typeof d.days === 'number' ? d.days : 0,
      disclosedAt: instantOrNull(d.disclosedAt),
      earliest: instantOrNull(d.earliest),
      reason: nfc(d.overrideReason),
    });
  }
  return departures;
}

/** The other opinions the record lists: opinions.json's, when the signed result lists that file; else none. */
function opinionsOf(input: DecisionInput): Opinion[] | undefined {
  if (input.manifest.files[OPINIONS_FILE] === undefined) return undefined;
  if (!input.opinions) throw new DomainError('integrity_error', 'the signed result lists opinions.json, and its opinions are not given');
  const questions = new Set(input.consultation.questions.map((q) => q.id));
  for (const o of input.opinions) {
    if (!questions.has(o.questionId))
      throw new DomainError('integrity_error', `an opinion names question ${o.questionId}, which the consultation does not have`);
  }
  return input.opinions.map((o) => ({ questionId: o.questionId, text: o.text }));
}

function householdsOf(input: DecisionInput) {
  const { manifest: m, rollIds, participantIds } = input;
  if (rollIds.length !== m.roll.count || participantIds.length !== m.participants.count)
    throw new DomainError('integrity_error', 'the roll or the participants do not match the signed result');
  const present = new Set(participantIds);
  const absent = rollIds.filter((id) => !present.has(id)).sort();
  return {
    total: m.roll.count,
    present: m.participants.count,
    presentPercentOfH: percentOfH(m.participants.count, m.roll.count),
    byChannel: m.participants.byChannel,
    absent: { count: absent.length, ids: absent },
  };
}

function checkSigners(input: DecisionInput): void {
  const roll = new Set(input.rollIds);
  const present = new Set(input.participantIds);
  input.entries.signers.households.forEach((id, i) => {
    const path = `signers.households.${i}`;
    if (!roll.has(id)) throw invalid(`household ${id} is not on the roll`, [{ path, message: 'not on the roll' }]);
    if (!present.has(id)) throw invalid(`household ${id} did not take part`, [{ path, message: 'did not take part' }]);
  });
}

function timeOf(input: DecisionInput): { from: string; to: string } {
  const { consultation: c, manifest: m, entries } = input;
  if ((c.method === 'meeting') !== (entries.meeting !== undefined))
    throw invalid(c.method === 'meeting' ? 'a meeting needs when it began and ended' : 'only a meeting has a start and an end', [
      { path: 'meeting', message: c.method === 'meeting' ? 'required for a meeting' : `not for ${c.method}` },
    ]);
  if (entries.meeting) {
    if (Date.parse(entries.meeting.from) > Date.parse(entries.meeting.to))
      throw invalid('the meeting must end after it begins', [{ path: 'meeting.to', message: 'before meeting.from' }]);
    return { from: entries.meeting.from, to: entries.meeting.to };
  }
  const opened = input.audit.find((e) => e.action === 'voting_opened');
  return { from: opened?.at ?? c.opensAt, to: m.closedAt };
}

/**
 * The decision record of a published round. Deterministic (no clock, no randomness). Throws a DomainError when the
 * inputs do not belong together (`integrity_error`) or an entry is missing or malformed (`invalid_request`).
 * @example const record = draftDecision({ consultation, manifest, manifestHash, rollIds, participantIds, audit, entries })
 */
export function draftDecision(input: DecisionInput, hash: Hash = sha256): DecisionRecord {
  const { consultation: c, manifest: m, entries } = input;
  checkBelongs(c, m, input.manifestHash, hash);
  const time = timeOf(input);
  const contribution = contributionOf(c, m);
  const opinions = opinionsOf(input);
  const draft = {
    kind: 'decision/1',
    consultationId: c.id,
    manifest: input.manifestHash,
    form: entries.form,
    letterhead: letterheadOf(entries.letterhead),
    commune: c.commune,
    scope: c.scope,
    title: c.title,
    matter: c.matter,
    place: nfc(entries.place),
    time,
    households: householdsOf(input),
    discussion: {
      summary: nfc(entries.summary),
      questions: entries.discussion.map((q) => ({ question: nfc(q.question), answers: q.answers.map(nfc) })),
      ...(opinions ? { opinions } : {}),
    },
    method: c.method,
    ...(c.method === 'meeting' && m.voting ? { voting: m.voting } : {}),
    questions: questionsOf(c, m),
    decision: decisionOf(c, m, contribution),
    ...(contribution ? { contribution } : {}),
    signers: { villageHead: nfc(entries.signers.villageHead), frontHead: nfc(entries.signers.frontHead), households: [...entries.signers.households] },
    departures: departuresOf(input.audit),
    closedAt: m.closedAt,
    publishedAt: m.publishedAt,
  };
  const record = parsedOr(DecisionRecord.safeParse(draft), 'decision record');
  checkSigners(input);
  return record;
}

/** What a record states of the officials' entries: redrafting from these and the published files gives it again. */
export function entriesOf(record: DecisionRecord): DecisionEntries {
  return {
    form: record.form,
    letterhead: record.letterhead,
    place: record.place,
    ...(record.method === 'meeting' ? { meeting: record.time } : {}),
    summary: record.discussion.summary,
    discussion: record.discussion.questions,
    signers: record.signers,
  };
}
