/** Step 7 of bundle.md: recounting the ballots gives `tally` exactly (and so the outcome that the rule gives). */
import { canonicalize } from '../jcs.ts';
import { tally } from '../tally.ts';
import { fail, summarize } from './failure.ts';
import type { Bundle } from './load.ts';

/** Step 7: the recount of the ballots over the roll, question by question, is byte for byte the manifest's tally. */
export async function checkRecount(bundle: Bundle): Promise<string> {
  const { raw } = await bundle.usableManifest();
  const c = await bundle.consultation();
  const { answerSet, distinct } = await bundle.ballots();
  const { ids } = await bundle.roll();
  const recount = tally(
    c,
    Array.from(answerSet, (set) => distinct[set]!),
    ids.length,
  );
  const published = Array.isArray(raw.tally) ? (raw.tally as unknown[]) : [];
  const problems: string[] = [];
  if (published.length !== recount.length) problems.push(`the manifest tallies ${published.length} question(s), the consultation has ${recount.length}`);
  recount.forEach((q, i) => {
    const mine = canonicalize(q);
    const theirs = i < published.length ? canonicalize(published[i]) : undefined;
    if (mine !== theirs) problems.push(`question ${q.questionId}: the recount gives ${mine}, the manifest says ${theirs ?? 'nothing'}`);
  });
  if (problems.length) fail(summarize(problems));
  return recount.map((q) => `${q.questionId}: ${q.outcome.status}${q.outcome.options.length ? ` ${q.outcome.options.join(', ')}` : ''}`).join('; ');
}
