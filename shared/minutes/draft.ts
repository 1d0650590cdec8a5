/**
 * Drafting the minutes at close from the consultation, its signed result and what the officials entered.
 * Pure: the same inputs give the same JCS bytes, so drafting twice (a retried close) writes the same file.
 */
import { adoptedLevel } from '../contributions/levels.ts';
import { DomainError } from '../errors.ts';
import { jcsBytes } from '../jcs.ts';
import { percentOfH, vnNumber } from '../numbers.ts';
import { quorumSatisfied, threshold } from '../rules.ts';
import type { Consultation, Manifest, Question, QuestionTally } from '../schemas.ts';
import { sha256, sha256Hex, type Hash } from '../sha256.ts';
import { type FrontRepresentative, Minutes, type MinutesQuestion, type Officer } from './document.ts';
import { answerLabel, OUTCOME_VI, outcomeSentence, shareInWords } from './words.ts';

/** What the officials enter for the minutes; everything else comes from the consultation and its signed result. */
export interface MinutesInput {
  consultation: Consultation;
  manifest: Manifest;
  /** H(result.jws payload bytes); checked against the manifest. */
  manifestHash: string;
  officers: { chair: Officer; secretary: Officer; frontRepresentative?: FrontRepresentative };
  /** Where the meeting was held or the ballots were summed up ("Nhà văn hóa thôn Đông"). */
  place: string;
  /** A meeting only: households present (counted at the door) and when it began and ended. */
  meeting?: { present: number; from: string; to: string };
}

const BASIS_VI = { per_household: 'hộ', per_person: 'nhân khẩu', per_frontage_metre: 'mét mặt tiền' } as const;
const EXEMPTION_VI = { poor: 'hộ nghèo', near_poor: 'hộ cận nghèo', policy: 'gia đình chính sách' } as const;

/**
 * Law 10/2022 Art. 15(1): the level is voted together with the costs, the basis and the exemptions. The level is
 * `adoptedLevel` of contributions/levels.ts, the one the dues schedule uses: none when the work itself was refused
 * (`goingAheadRefused`).
 */
function contributionDecision(c: Consultation, m: Manifest): string {
  const terms = c.contribution!;
  const level = adoptedLevel(c, m);
  if (!level) return 'Không có mức đóng góp nào được thông qua.';
  const amount = `Mức đóng góp được thông qua: ${vnNumber(level.amountPerUnit)} đồng/${BASIS_VI[terms.basis]} (tổng kinh phí ${vnNumber(terms.totalCost)} đồng; ngân sách nhà nước hỗ trợ ${vnNumber(terms.stateBudget)} đồng; nhân dân đóng góp ${vnNumber(terms.residentsShare)} đồng).`;
  const exemptions = (['poor', 'near_poor', 'policy'] as const)
    .map((category) => terms.exemptions.find((e) => e.category === category))
    .filter((e) => e !== undefined && e.percent > 0)
    .map((e) => `${EXEMPTION_VI[e!.category]} ${e!.percent === 100 ? 'được miễn' : `được giảm ${e!.percent}%`}`);
  return `${amount} ${exemptions.length ? `Miễn, giảm: ${exemptions.join('; ')}.` : 'Không có trường hợp miễn, giảm.'}`;
}

/** The decision, one line per question, then the contribution terms of a contribution matter. */
function decisionOf(c: Consultation, m: Manifest): string {
  const tallies = m.tally;
  // Law 10/2022 Art. 25: on an opinion matter the residents advise and the authority decides.
  const lead =
    c.matter === 'opinion'
      ? `Ý kiến của cộng đồng dân cư ${c.scope.name} được tổng hợp để cơ quan có thẩm quyền xem xét, quyết định:`
      : `Căn cứ kết quả biểu quyết, cộng đồng dân cư ${c.scope.name} quyết định:`;
  const lines = c.questions.map((q, i) => {
    const { status, options } = tallies[i]!.outcome;
    const labels = options.map((id) => `«${answerLabel(q, id)}»`).join(', ');
    const adopted = status === 'adopted' && q.type !== 'yes_no' ? ` ${options.length > 1 ? 'các phương án' : 'phương án'} ${labels}` : '';
    return `${i + 1}. «${q.text}»: ${OUTCOME_VI[status]}${adopted}.`;
  });
  if (c.matter === 'contribution' && c.contribution) lines.push(contributionDecision(c, m));
  return [lead, ...lines].join('\n');
}

function questionOf(c: Consultation, q: Question, t: QuestionTally): MinutesQuestion {
  const ids = q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.id);
  const share = (votes: number) => ({ votes, percentOfH: percentOfH(votes, t.eligible) });
  return {
    id: q.id,
    text: q.text,
    method: c.method,
    rule: t.rule,
    counts: ids.map((id) => ({ id, label: answerLabel(q, id), ...share(t.counts[id] ?? 0) })),
    abstain: share(t.abstain),
    absent: share(Math.max(0, t.eligible - t.cast)),
    threshold: t.threshold,
    ruleInWords: shareInWords(t.rule),
    status: t.outcome.status,
    adoptedOptions: t.outcome.options,
    decisionText: outcomeSentence(q, t),
  };
}

function invalid(message: string, details?: { path: string; message: string }[]): DomainError {
  return new DomainError('invalid_request', message, details);
}

function attendanceOf(c: Consultation, meeting: NonNullable<MinutesInput['meeting']>, eligible: number): Minutes['attendance'] {
  const { present } = meeting;
  if (!Number.isSafeInteger(present) || present < 0 || present > eligible)
    throw invalid(`households present must be between 0 and ${eligible}, got ${present}`);
  // The strictest quorum of the questions (a meeting's questions normally share the profile's): Law 10/2022 Art. 18.
  let quorum: { required: number; met: boolean } | undefined;
  for (const q of c.questions) {
    if (q.rule.quorum === undefined) continue;
    const required = threshold({ base: 'eligible', op: q.rule.quorum.op, fraction: q.rule.quorum.fraction }, eligible, 0);
    if (quorum === undefined || required > quorum.required) quorum = { required, met: quorumSatisfied(q.rule.quorum, present, eligible) };
  }
  return { present, percentOfH: percentOfH(present, eligible), ...(quorum ? { quorum } : {}) };
}

/**
 * The minutes of a closed round, from its consultation, its signed manifest and what the officials entered.
 * Deterministic (no clock, no randomness). Throws a DomainError when the inputs do not belong together
 * (`integrity_error`) or an entry is missing or malformed (`invalid_request`).
 * @example const minutes = draftMinutes({ consultation, manifest, manifestHash: sha256Hex(payloadBytes), officers, place: 'Nhà văn hóa thôn Đông' })
 */
export function draftMinutes(input: MinutesInput, hash: Hash = sha256): Minutes {
  const { consultation: c, manifest: m, officers, meeting } = input;
  if (m.consultationId !== c.id) throw new DomainError('integrity_error', `the manifest is of consultation ${m.consultationId}, not ${c.id}`);
  if (sha256Hex(jcsBytes(m), hash) !== input.manifestHash) throw new DomainError('integrity_error', 'the manifest hash is not the hash of this manifest');
  if (m.tally.length !== c.questions.length || m.tally.some((t, i) => t.questionId !== c.questions[i]!.id)) {
    throw new DomainError('integrity_error', 'the manifest does not tally the questions of this consultation');
  }
  if ((c.method === 'meeting') !== (meeting !== undefined))
    throw invalid(c.method === 'meeting' ? 'a meeting needs its attendance and times' : 'only a meeting has attendance');

  const eligible = m.roll.count;
  const text = (s: string) => s.normalize('NFC');
  const officer = (o: Officer) => ({ name: text(o.name), title: text(o.title) });
  const front = officers.frontRepresentative;
  const draft = {
    kind: 'minutes/1',
    consultationId: c.id,
    manifest: input.manifestHash,
    commune: c.commune,
    scope: c.scope,
    title: c.title,
    matter: c.matter,
    place: text(input.place),
    time: meeting ? { from: meeting.from, to: meeting.to } : { from: c.opensAt, to: m.closedAt },
    method: c.method,
    chair: officer(officers.chair),
    secretary: officer(officers.secretary),
    ...(front ? { frontRepresentative: { name: text(front.name), organisation: text(front.organisation) } } : {}),
    eligible,
    participants: { total: m.participants.count, byChannel: m.participants.byChannel, percentOfH: percentOfH(m.participants.count, eligible) },
    ...(meeting ? { attendance: attendanceOf(c, meeting, eligible) } : {}),
    questions: c.questions.map((q, i) => questionOf(c, q, m.tally[i]!)),
    decision: decisionOf(c, m),
    closedAt: m.closedAt,
    publishedAt: m.publishedAt,
  };
  const parsed = Minutes.safeParse(draft);
  if (!parsed.success) {
    throw invalid(
      'the minutes are incomplete',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (meeting && Date.parse(meeting.from) > Date.parse(meeting.to)) throw invalid('the meeting must end after it begins');
  return parsed.data;
}
