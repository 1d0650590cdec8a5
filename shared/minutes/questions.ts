/**
 * What the decision record and the counting record share: each question's counts and outcome in words, the decision
 * in words and the contribution decided, and the checks that the inputs belong together.
 */
import { adoptedLevel } from '../contributions/levels.ts';
import { DomainError } from '../errors.ts';
import { jcsBytes } from '../jcs.ts';
import { percentOfH, vnNumber } from '../numbers.ts';
import type { Consultation, Manifest, Question, QuestionTally } from '../schemas.ts';
import { type Hash, sha256Hex } from '../sha256.ts';
import type { DecidedContribution, RecordQuestion } from './document.ts';
import { answerLabel, OUTCOME_VI, outcomeSentence, shareInWords } from './words.ts';

const BASIS_VI = { per_household: 'hộ', per_person: 'nhân khẩu', per_frontage_metre: 'mét mặt tiền' } as const;
const EXEMPTION_VI = { poor: 'hộ nghèo', near_poor: 'hộ cận nghèo', policy: 'gia đình chính sách' } as const;

/** Text as it is stored: NFC, trimmed. */
export const nfc = (s: string) => s.normalize('NFC').trim();

export function invalid(message: string, details?: { path: string; message: string }[]): DomainError {
  return new DomainError('invalid_request', message, details);
}

/** Throws `integrity_error` unless the manifest is this consultation's, hashes to `manifestHash` and tallies its questions. */
export function checkBelongs(c: Consultation, m: Manifest, manifestHash: string, hash: Hash): void {
  if (m.consultationId !== c.id) throw new DomainError('integrity_error', `the manifest is of consultation ${m.consultationId}, not ${c.id}`);
  if (sha256Hex(jcsBytes(m), hash) !== manifestHash) throw new DomainError('integrity_error', 'the manifest hash is not the hash of this manifest');
  if (m.tally.length !== c.questions.length || m.tally.some((t, i) => t.questionId !== c.questions[i]!.id)) {
    throw new DomainError('integrity_error', 'the manifest does not tally the questions of this consultation');
  }
}

/**
 * Law 10/2022 Art. 15(1): the level is voted together with the costs, the basis and the exemptions. The level is
 * `adoptedLevel` of contributions/levels.ts, the one the dues schedule uses: none when the work itself was refused.
 */
export function contributionOf(c: Consultation, m: Manifest): DecidedContribution | undefined {
  const terms = c.contribution;
  const level = c.matter === 'contribution' && terms ? adoptedLevel(c, m) : undefined;
  if (!terms || !level) return undefined;
  const exemptions = (['poor', 'near_poor', 'policy'] as const)
    .map((category) => terms.exemptions.find((e) => e.category === category))
    .filter((e) => e !== undefined && e.percent > 0)
    .map((e) => ({ category: e!.category as 'poor' | 'near_poor' | 'policy', percent: e!.percent }));
  return {
    amountPerUnit: level.amountPerUnit,
    basis: terms.basis,
    totalCost: terms.totalCost,
    stateBudget: terms.stateBudget,
    residentsShare: terms.residentsShare,
    exemptions,
  };
}

function contributionWords(c: Consultation, decided: DecidedContribution | undefined): string {
  if (!decided) return c.contribution ? 'Không có mức đóng góp nào được thông qua.' : '';
  const amount = `Mức đóng góp được thông qua: ${vnNumber(decided.amountPerUnit)} đồng/${BASIS_VI[decided.basis]} (tổng kinh phí ${vnNumber(decided.totalCost)} đồng; ngân sách nhà nước hỗ trợ ${vnNumber(decided.stateBudget)} đồng; nhân dân đóng góp ${vnNumber(decided.residentsShare)} đồng).`;
  const exemptions = decided.exemptions.map((e) => `${EXEMPTION_VI[e.category]} ${e.percent === 100 ? 'được miễn' : `được giảm ${e.percent}%`}`);
  return `${amount} ${exemptions.length ? `Miễn, giảm: ${exemptions.join('; ')}.` : 'Không có trường hợp miễn, giảm.'}`;
}

/** The decision, one line per question, then the contribution terms of a contribution matter. */
export function decisionOf(c: Consultation, m: Manifest, decided: DecidedContribution | undefined): string {
  // Law 10/2022 Art. 25: on an opinion matter the residents advise and the authority decides.
  const lead =
    c.matter === 'opinion'
      ? `Ý kiến của cộng đồng dân cư ${c.scope.name} được tổng hợp để cơ quan có thẩm quyền xem xét, quyết định:`
      : `Căn cứ kết quả biểu quyết, cộng đồng dân cư ${c.scope.name} quyết định:`;
  const lines = c.questions.map((q, i) => {
    const { status, options } = m.tally[i]!.outcome;
    const labels = options.map((id) => `«${answerLabel(q, id)}»`).join(', ');
    const adopted = status === 'adopted' && q.type !== 'yes_no' ? ` ${options.length > 1 ? 'các phương án' : 'phương án'} ${labels}` : '';
    return `${i + 1}. «${q.text}»: ${OUTCOME_VI[status]}${adopted}.`;
  });
  if (c.matter === 'contribution' && c.contribution) lines.push(contributionWords(c, decided));
  return [lead, ...lines].join('\n');
}

function questionOf(q: Question, t: QuestionTally): RecordQuestion {
  const ids = q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.id);
  const share = (votes: number) => ({ votes, percentOfH: percentOfH(votes, t.eligible) });
  return {
    id: q.id,
    text: q.text,
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

/** Each question of the consultation with its tally. */
export function questionsOf(c: Consultation, m: Manifest): RecordQuestion[] {
  return c.questions.map((q, i) => questionOf(q, m.tally[i]!));
}

/** The letterhead as entered, NFC and upper case the Vietnamese way ("UBND XÃ AN BÌNH", "THÔN ĐÔNG"). */
export function letterheadOf(entered: { authority: string; unit: string }): { authority: string; unit: string } {
  return { authority: nfc(entered.authority).toLocaleUpperCase('vi'), unit: nfc(entered.unit).toLocaleUpperCase('vi') };
}

/** A parse of `schema`, or `invalid_request` with each issue. */
export function parsedOr<T>(
  result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
  what: string,
): T {
  if (result.success) return result.data;
  // The pages put these in Vietnamese when they show them (issue-words.ts `detailWords`); the verifier's bundle stays small.
  throw invalid(
    `the ${what} is incomplete`,
    result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}
