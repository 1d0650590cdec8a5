/** M2: drafting again from consultation.json, the signed manifest and what the minutes state (place, officers, meeting). */
import { bytesEqual } from '../bytes.ts';
import { jcsBytes } from '../jcs.ts';
import { draftMinutes, type Minutes } from '../minutes.ts';
import type { Published } from './load.ts';
import { both, differingMembers, list, need, noMinutes, type Outcome, reasonOf, unmet } from './outcome.ts';

/** M2: redrafting the minutes from the signed result gives minutes.json byte for byte. */
export function checkMinutesRedraft(published: Published): Outcome {
  if (!published.minutes) return noMinutes;
  const m = published.needMinutes();
  const { manifest, manifestHash } = published.signed();
  const c = need(published.consultation, 'không đọc được consultation.json', 'consultation.json does not read');
  const front = m.frontRepresentative;
  const meeting = m.attendance ? { present: m.attendance.present, from: m.time.from, to: m.time.to } : undefined;
  let redraft: Minutes;
  try {
    redraft = draftMinutes(
      {
        consultation: c,
        manifest,
        manifestHash,
        officers: { chair: m.chair, secretary: m.secretary, ...(front ? { frontRepresentative: front } : {}) },
        place: m.place,
        ...(meeting ? { meeting } : {}),
      },
      published.hash,
    );
  } catch (e) {
    return unmet('không lập lại được biên bản từ kết quả đã ký', 'the minutes cannot be redrafted from the signed result', reasonOf(e));
  }
  if (!bytesEqual(jcsBytes(redraft), published.minutesBytes!)) {
    const differ = differingMembers(m, redraft);
    unmet(`biên bản khác bản lập lại ở: ${list(differ)}`, `the minutes differ from the redraft in: ${list(differ)}`);
  }
  return both(`Khớp từng byte (${m.questions.length} câu hỏi)`, `byte for byte (${m.questions.length} question(s))`);
}
