/** M1: minutes.json is canonical `minutes/1` and names this consultation and the hash of this signed manifest. */
import type { Published } from './load.ts';
import { both, noMinutes, type Outcome, Unmet } from './outcome.ts';

/** M1: the minutes read and name this result. */
export function checkMinutesNameResult(published: Published): Outcome {
  if (!published.minutes) return noMinutes;
  const m = published.needMinutes();
  const { manifest, manifestHash } = published.signed();
  const problems: string[] = [];
  if (m.consultationId !== manifest.consultationId)
    problems.push(
      both(`biên bản ghi cuộc lấy ý kiến ${m.consultationId}`, `the minutes name consultation ${m.consultationId}, not ${manifest.consultationId}`),
    );
  if (m.manifest !== manifestHash)
    problems.push(both('biên bản ghi mã băm của một kết quả khác', `the minutes name manifest ${m.manifest}, not this result's ${manifestHash}`));
  if (problems.length) throw new Unmet(problems);
  return both(`Biên bản của kết quả ${manifestHash}`, `the minutes of result ${manifestHash}`);
}
