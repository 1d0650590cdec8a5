/**
 * Step 7 of bundle.md: recounting the ballots (or, for a show of hands, the `handCount`) gives `tally` exactly, and so
 * the outcome that the rule gives; at a meeting (result/2), with the households present of participants.json.
 */
import { canonicalize } from '../jcs.ts';
import type { Consultation, HandCount, Manifest } from '../schemas.ts';
import { type TallyOptions, tally } from '../tally.ts';
import { fail, summarize } from './failure.ts';
import type { Bundle } from './load.ts';

/**
 * What is wrong with a show of hands (bundle.md "Show of hands"): a question it leaves out or that does not exist, a
 * key that is not an answer of its question, counts that add up to more than the households present.
 */
export function handCountProblems(questions: Consultation['questions'], handCount: HandCount, present: number): string[] {
  const problems: string[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(handCount)) if (!known.has(id)) problems.push(`giơ tay cho câu hỏi không có / handCount names no question ${id}`);
  for (const q of questions) {
    const hands = Object.hasOwn(handCount, q.id) ? handCount[q.id]! : undefined;
    if (!hands) {
      problems.push(`thiếu kết quả giơ tay của ${q.id} / handCount has no entry for question ${q.id}`);
      continue;
    }
    const allowed = new Set([...(q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.id)), 'abstain']);
    const unknown = Object.keys(hands).filter((k) => !allowed.has(k));
    if (unknown.length) problems.push(`câu ${q.id}: ${unknown.join(', ')} không phải phương án / question ${q.id}: ${unknown.join(', ')} is not an answer`);
    const counts = Object.values(hands);
    // Each household raises a hand once for a yes/no or single choice; for approval, once per option.
    const most = q.type === 'approval' ? Math.max(0, ...counts) : counts.reduce((a, b) => a + b, 0);
    if (most > present)
      problems.push(
        `câu ${q.id}: ${most} phiếu giơ tay, chỉ ${present} hộ có mặt / question ${q.id}: ${most} hands, more than the ${present} households present`,
      );
  }
  return problems;
}

/** The recount's options for this manifest: a meeting's households present, and a show of hands' counts. */
async function recountOptions(bundle: Bundle, manifest: Manifest, questions: Consultation['questions'], problems: string[]): Promise<TallyOptions> {
  if (manifest.format !== 'result/2' || manifest.method !== 'meeting') return {};
  const present = (await bundle.participants()).households.length;
  if (manifest.voting !== 'show_of_hands') return { present };
  if (manifest.handCount === undefined) {
    problems.push('biểu quyết giơ tay nhưng không có handCount / a show of hands without its handCount');
    return { present, handCount: {} };
  }
  problems.push(...handCountProblems(questions, manifest.handCount, present));
  return { present, handCount: manifest.handCount };
}

/** Step 7: the recount over the roll, question by question, is byte for byte the manifest's tally. */
export async function checkRecount(bundle: Bundle): Promise<string> {
  const { raw, manifest } = await bundle.usableManifest();
  const c = await bundle.consultation();
  const { ids } = await bundle.roll();
  const problems: string[] = [];
  const options = await recountOptions(bundle, manifest, c.questions, problems);
  let answers: Parameters<typeof tally>[1] = [];
  if (options.handCount === undefined) {
    const { answerSet, distinct } = await bundle.ballots();
    answers = Array.from(answerSet, (set) => distinct[set]!);
  }
  const recount = tally(c, answers, ids.length, options);
  const published = Array.isArray(raw.tally) ? (raw.tally as unknown[]) : [];
  if (published.length !== recount.length) problems.push(`the manifest tallies ${published.length} question(s), the consultation has ${recount.length}`);
  recount.forEach((q, i) => {
    const mine = canonicalize(q);
    const theirs = i < published.length ? canonicalize(published[i]) : undefined;
    if (mine !== theirs) problems.push(`question ${q.questionId}: the recount gives ${mine}, the manifest says ${theirs ?? 'nothing'}`);
  });
  if (problems.length) fail(summarize(problems));
  const from = options.handCount !== undefined ? 'giơ tay / show of hands: ' : '';
  return from + recount.map((q) => `${q.questionId}: ${q.outcome.status}${q.outcome.options.length ? ` ${q.outcome.options.join(', ')}` : ''}`).join('; ');
}
