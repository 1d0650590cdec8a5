/**
 * C1: the schedule is the dues of the adopted level over the published roll ids: recomputed from its own rows'
 * categories and units (the roll's private fields are not published) under the terms of consultation.json, in their
 * form (money, labour, property: terms.ts), so every amount, total, the form and the property's terms are checked.
 */
import { bytesEqual } from '../bytes.ts';
import { dueSchedule, formOf, type Level, type Schedule, UNIT } from '../contributions.ts';
import { canonicalize, jcsBytes } from '../jcs.ts';
import type { Consultation } from '../schemas.ts';
import { noSchedule, type Published } from './load.ts';
import { both, differingMembers, dong, list, need, type Outcome, reasonOf, Unmet } from './outcome.ts';

/** Pushes to `problems` the roll ids of the schedule that are not on the roll, and those of the roll it leaves out. */
function rollProblems(s: Schedule, roll: ReadonlySet<string>, problems: string[]): void {
  const ids = s.households.map((h) => h.id);
  const notOnRoll = ids.filter((id) => !roll.has(id));
  const left = [...roll].filter((id) => !ids.includes(id));
  if (notOnRoll.length) problems.push(both(`hộ không có trong danh sách: ${list(notOnRoll)}`, `roll ids not on the roll: ${list(notOnRoll)}`));
  if (left.length) problems.push(both(`hộ trong danh sách bị bỏ sót: ${list(left)}`, `households of the roll left out: ${list(left)}`));
}

/** Why recomputing the schedule from its rows at the adopted level does not give its very bytes, or undefined. */
function recomputeProblem(s: Schedule, scheduleBytes: Uint8Array, c: Consultation, adopted: Level): string | undefined {
  const per = s.basis === 'per_person';
  const households = s.households.map((h) => ({
    id: h.id,
    category: h.category,
    members: per ? h.units : 0,
    ...(s.basis === 'per_frontage_metre' ? { frontageDecimetres: Math.round(h.units * 10) } : {}),
  }));
  try {
    const again = dueSchedule({ consultation: c, households, level: adopted, roundTo: s.rounding.multiple });
    if (bytesEqual(jcsBytes(again), scheduleBytes)) return undefined;
    const rows = s.households.filter((h, i) => canonicalize(h) !== canonicalize(again.households[i])).map((h) => h.id);
    const differ = differingMembers(s, again);
    return both(
      `tính lại khác ở: ${list(differ)}${rows.length ? ` (hộ ${list(rows)})` : ''}`,
      `the recomputation differs in: ${list(differ)}${rows.length ? ` (roll ids ${list(rows)})` : ''}`,
    );
  } catch (e) {
    return `${both('không tính lại được bảng', 'the schedule cannot be recomputed')}: ${reasonOf(e)}`;
  }
}

/** C1: schedule.json names this consultation, is at the adopted level, covers the roll, and recomputes. */
export function checkSchedule(published: Published): Outcome {
  if (!published.contributions) return noSchedule(published);
  const s = published.needSchedule();
  const { manifest } = published.signed();
  const c = need(published.consultation, 'không đọc được consultation.json', 'consultation.json does not read');
  const adopted: Level | undefined = need(published.level, 'không tính được mức được thông qua', 'the adopted level cannot be computed');
  const problems: string[] = [];
  if (s.consultationId !== manifest.consultationId)
    problems.push(both(`bảng ghi cuộc lấy ý kiến ${s.consultationId}`, `the schedule names consultation ${s.consultationId}, not ${manifest.consultationId}`));
  if (!adopted) problems.push(both('kết quả đã ký không thông qua mức đóng góp nào', 'the signed result adopted no contribution level'));
  else if (canonicalize(s.level) !== canonicalize(adopted))
    problems.push(
      both(
        `mức trong bảng khác mức được thông qua (${dong(adopted.amountPerUnit)} ${UNIT[formOf(c.contribution)].vi})`,
        `the level is not the adopted one ${canonicalize(adopted)}`,
      ),
    );
  rollProblems(s, need(published.rollIds, 'không đọc được roll.json', 'roll.json does not read'), problems);
  if (adopted) {
    const problem = recomputeProblem(s, published.scheduleBytes!, c, adopted);
    if (problem !== undefined) problems.push(problem);
  }
  if (problems.length) throw new Unmet(problems);
  const { totals } = s;
  const unit = UNIT[formOf(s)];
  return both(
    `${totals.households} hộ, ${dong(s.level.amountPerUnit)} ${unit.vi} mỗi đơn vị, tổng phải đóng ${dong(totals.due)} ${unit.vi}`,
    `${totals.households} households at ${s.level.amountPerUnit} ${unit.en} a unit, ${totals.due} ${unit.en} due`,
  );
}
