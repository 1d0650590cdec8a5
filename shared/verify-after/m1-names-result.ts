/** M1: the decision record and the counting record are canonical and name this consultation and this signed manifest. */
import type { Published } from './load.ts';
import { both, need, noMinutes, type Outcome, Unmet } from './outcome.ts';

/** M1: each record published reads and names this result. */
export function checkMinutesNameResult(published: Published): Outcome {
  if (!published.minutes && !published.counting) return noMinutes;
  const { manifest, manifestHash } = published.signed();
  const records = [
    published.minutes && { file: 'decision.json', r: need(published.minutes, 'không đọc được decision.json', 'decision.json does not read') },
    published.counting && { file: 'counting.json', r: need(published.counting, 'không đọc được counting.json', 'counting.json does not read') },
  ].filter((x) => x !== undefined);
  const problems: string[] = [];
  for (const { file, r } of records) {
    if (r.consultationId !== manifest.consultationId)
      problems.push(both(`${file} ghi cuộc lấy ý kiến ${r.consultationId}`, `${file} names consultation ${r.consultationId}, not ${manifest.consultationId}`));
    if (r.manifest !== manifestHash)
      problems.push(both(`${file} ghi mã băm của một kết quả khác`, `${file} names manifest ${r.manifest}, not this result's ${manifestHash}`));
  }
  if (problems.length) throw new Unmet(problems);
  const files = records.map((x) => x.file).join(', ');
  return both(`${files} thuộc kết quả ${manifestHash}`, `${files} of result ${manifestHash}`);
}
