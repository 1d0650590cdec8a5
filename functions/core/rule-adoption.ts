/**
 * A community rule from the vote to its recognition (Decree 61/2023 Art. 10, 11): the vote at a meeting with more
 * than 50 % of the households present, a household ballot only after a meeting that missed that attendance, each
 * linked to the consultation round(s) that decided it; the adopted text signed by the village head, the head of the
 * Front working committee and 2 household representatives (Art. 6(1)); then UBND xã (role `commune`) recognises it
 * or answers with its reasons, and publishes the scan of its stamped copy at `p/<id>/copy/<sha256>.<ext>`, its hash
 * in the process's chain (as the scans of a signed record are, ./record-scans.ts).
 */
import * as z from 'zod';
import { toHex } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { earliestAdoption, type RuleVote, ruleAdoption, signatureProblems } from '../../shared/process/community-rules.ts';
import { linkProblems } from '../../shared/process/rule-rounds.ts';
import { type AuditEvent, DOCUMENT_EXTENSION } from '../../shared/schemas.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import type { CoreDeps } from './deps.ts';
import { checkUpload } from './documents.ts';
import type { Principal } from './ports.ts';
import {
  checkLinkedRound,
  checkStep,
  Day,
  done,
  doneOn,
  Line,
  loadRule,
  official,
  parse,
  ProcessId,
  Reference,
  refuse,
  saveRule,
  stepEntry,
  Text,
} from './rule-common.ts';
import { hamletRounds, type RuleProcess, roundOf } from './rule-pages.ts';

const Count = z.int().min(0).max(100_000);

/** The vote: at the meeting (H, present, in favour), or by household ballot after it (H, in favour). */
export const VoteBody = z.strictObject({
  on: Day,
  method: z.enum(['meeting', 'household_ballot']),
  households: z.int().min(1).max(100_000),
  present: Count.optional(),
  yes: Count,
  /** The consultation rounds that decided it, published. */
  rounds: z.array(ProcessId).max(5),
  /** The text as adopted, if the draft was changed after the comments. */
  text: Text(20_000).optional(),
});
/** The signatures on the adopted text (D61 Art. 6(1)); the households by roll id. */
export const SignaturesBody = z.strictObject({ on: Day, villageHead: Line(120), frontHead: Line(120), households: z.array(Line(40)).max(5) });
/** UBND xã's decision (D61 Art. 11(3)(b)): recognised, or refused with its reasons. */
export const RuleRecognitionBody = z.strictObject({ outcome: z.enum(['recognised', 'refused']), on: Day, decision: Reference, reasons: Text(5000).optional() });

/** The vote as the law counts it, from the form and the meeting before a household ballot. */
function voteOf(r: RuleProcess, b: z.infer<typeof VoteBody>): RuleVote {
  const meeting = r.rule.votes?.find((v) => v.vote.method === 'meeting');
  if (b.method === 'meeting') {
    if (meeting) throw new DomainError('already_recorded', 'the meeting is recorded', undefined, 'Kết quả cuộc họp đã được ghi nhận.');
    if (b.present === undefined) throw refuse('present', 'required', 'Cần ghi số hộ dự họp.');
    return { method: 'meeting', households: b.households, present: b.present, yes: b.yes };
  }
  if (!meeting || ruleAdoption(meeting.vote).status !== 'not_enough_present' || meeting.vote.method !== 'meeting')
    throw refuse(
      'method',
      'a household ballot only follows a meeting that more than 50 % of households did not attend',
      'Chỉ phát phiếu lấy ý kiến từng hộ gia đình sau khi cuộc họp không đạt tỷ lệ trên 50% tổng số hộ gia đình tham dự.',
    );
  if (b.on < meeting.on) throw refuse('on', 'the ballot follows the meeting', 'Việc lấy ý kiến bằng phiếu diễn ra sau cuộc họp.');
  return { method: 'household_ballot', households: b.households, meetingPresent: meeting.vote.present, yes: b.yes };
}

/**
 * An official records the vote on the rule, linked to the round(s) that decided it: at the meeting (not before its
 * day, nor before the draft was posted for the whole period), or by household ballot after a meeting that missed the
 * attendance. Adopted when more than 50 % of all households are in favour.
 */
export async function recordVote(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(VoteBody, body);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  const step = b.method === 'meeting' ? 'adoption_meeting' : 'household_ballot';
  checkStep(deps, r, step, b.on);
  const posted = doneOn(r, 'draft_posted');
  if (!posted) throw new DomainError('wrong_state', 'the draft is posted first', undefined, 'Cần ghi việc niêm yết dự thảo trước.');
  if (b.on < earliestAdoption(posted, r.rule.postingDays))
    throw refuse(
      'on',
      `the draft is posted ${r.rule.postingDays} days before the vote`,
      `Dự thảo phải được niêm yết không ít hơn ${r.rule.postingDays} ngày trước khi biểu quyết.`,
    );
  if (b.method === 'meeting' && b.on < r.meeting) throw refuse('on', 'not before the meeting day', 'Không trước ngày họp.');
  const vote = voteOf(r, b);
  let outcome: ReturnType<typeof ruleAdoption>;
  try {
    outcome = ruleAdoption(vote);
  } catch (err) {
    throw refuse('yes', err instanceof Error ? err.message : 'impossible counts', 'Số liệu không hợp lệ.');
  }
  for (const [i, round] of b.rounds.entries()) await checkLinkedRound(deps, me.commune, round, 'published', `rounds.${i}`, b.method);
  const text = outcome.status === 'adopted' ? (b.text ?? r.rule.draft?.text) : undefined;
  if (outcome.status === 'adopted' && !text) throw refuse('text', 'the adopted text is required', 'Cần nội dung đã được thông qua.');
  const votes = [...(r.rule.votes ?? []), { on: b.on, vote, rounds: b.rounds }];
  const next: RuleProcess = { ...r, rule: { ...r.rule, votes, ...(text ? { text } : {}) }, steps: [...r.steps, stepEntry(deps, step, b.on)] };
  return saveRule(deps, me, next, auditSeq, 'rule_voted', { on: b.on, ...vote, rounds: b.rounds, status: outcome.status, threshold: outcome.threshold });
}

/** An official records who signed the adopted text: the village head, the Front's head, 2 households (D61 Art. 6(1)). */
export async function recordSignatures(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = official(who);
  const b = parse(SignaturesBody, body);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  if (r.recognition) throw new DomainError('wrong_state', 'the round is decided', undefined, 'Ủy ban nhân dân cấp xã đã quyết định.');
  if (!r.rule.text) throw new DomainError('wrong_state', 'the rule is not adopted', undefined, 'Hương ước, quy ước chưa được thông qua.');
  if (r.rule.signatures) throw new DomainError('already_recorded', 'the signatures are recorded', undefined, 'Chữ ký đã được ghi nhận.');
  if (b.on > vietnamDate(deps.clock.now())) throw refuse('on', 'not in the future', 'Ngày ký không được ở tương lai.');
  const problems = signatureProblems({ villageHead: true, frontHead: true, households: b.households });
  if (problems.length > 0)
    throw new DomainError(
      'invalid_request',
      problems.map((p) => p.en).join('; '),
      [{ path: 'households', message: problems[0]!.en }],
      `${problems.map((p) => p.vi).join('; ')}.`,
    );
  const next: RuleProcess = {
    ...r,
    rule: { ...r.rule, signatures: { on: b.on, villageHead: b.villageHead, frontHead: b.frontHead, households: b.households } },
  };
  return saveRule(deps, me, next, auditSeq, 'rule_signed', { on: b.on, villageHead: b.villageHead, frontHead: b.frontHead, households: b.households });
}

function commune(who: Principal | undefined): Principal {
  if (!who) throw new DomainError('unauthorized');
  if (who.role !== 'commune') throw new DomainError('forbidden', 'UBND xã recognises the community rule');
  return who;
}

/**
 * UBND xã recognises the rule, or the change of it, or answers in writing with its reasons, once the dossier reached
 * it; a change is recognised only while the rule it changes is in force and not annulled.
 */
export async function recogniseRule(deps: CoreDeps, who: Principal | undefined, id: string, body: unknown): Promise<AuditEvent> {
  const me = commune(who);
  const b = parse(RuleRecognitionBody, body);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  if (r.recognition) throw new DomainError('already_recorded', 'the round is decided', undefined, 'Ủy ban nhân dân cấp xã đã quyết định.');
  if (!done(r, 'dossier_sent'))
    throw new DomainError('not_sent', 'the dossier has not reached UBND xã', undefined, 'Hồ sơ đề nghị công nhận chưa được gửi đến Ủy ban nhân dân cấp xã.');
  if (b.on > vietnamDate(deps.clock.now())) throw refuse('on', 'not in the future', 'Ngày quyết định không được ở tương lai.');
  if (b.outcome === 'refused' && !b.reasons) throw refuse('reasons', 'a refusal gives its reasons', 'Văn bản trả lời cần nêu rõ lý do.');
  if (b.outcome === 'recognised' && r.rule.round !== 'adoption') {
    const rounds = (await hamletRounds(deps, r.commune, r.hamlet)).map(roundOf);
    const problems = linkProblems(roundOf(r), rounds, b.on);
    if (problems.length > 0) throw new DomainError('invalid_request', problems[0]!.en, [{ path: 'outcome', message: problems[0]!.en }], `${problems[0]!.vi}.`);
  }
  const recognition = { outcome: b.outcome, on: b.on, ...(b.decision ? { decision: b.decision } : {}) };
  const next: RuleProcess = {
    ...r,
    recognition,
    rule: { ...r.rule, ...(b.reasons ? { reasons: b.reasons } : {}) },
    steps: [...r.steps, stepEntry(deps, 'rule_recognised', b.on, b.decision)],
  };
  return saveRule(deps, me, next, auditSeq, 'rule_recognised', { ...recognition, ...(b.reasons ? { reasons: b.reasons } : {}) });
}

/**
 * UBND xã publishes the scan of its stamped recognition (PDF, PNG or JPEG, the checks of an attached document) at
 * `p/<id>/copy/<sha256>.<ext>`, its hash recorded in the process's chain (`rule_copy_added`); one copy a round.
 */
export async function addRuleCopy(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  upload: { mediaType: string | undefined; bytes: Uint8Array<ArrayBuffer> },
) {
  const me = commune(who);
  const { record: r, auditSeq } = await loadRule(deps, me, id);
  if (r.recognition?.outcome !== 'recognised')
    throw new DomainError('wrong_state', 'the round is not recognised', undefined, 'Hương ước, quy ước chưa được công nhận.');
  if (r.rule.copy) throw new DomainError('already_attached', 'the stamped copy is published already');
  const mediaType = checkUpload(upload.mediaType ?? '', upload.bytes);
  const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', upload.bytes)));
  const file = `p/${r.id}/copy/${sha256}.${DOCUMENT_EXTENSION[mediaType]}`;
  // Content-addressed: the file first, so the chain never names a missing file.
  await deps.publisher.put(file, upload.bytes, { contentType: mediaType, cacheControl: 'public, max-age=31536000, immutable' });
  const next: RuleProcess = { ...r, rule: { ...r.rule, copy: { sha256, file, mediaType } } };
  const event = await saveRule(deps, me, next, auditSeq, 'rule_copy_added', { sha256, file, bytes: upload.bytes.length, mediaType });
  return { sha256, file, url: deps.publisher.url(file), at: event.at };
}
