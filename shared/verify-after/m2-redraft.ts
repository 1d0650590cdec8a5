/**
 * M2: drafting again from consultation.json, the signed manifest, roll.json, participants.json, audit.jsonl and, when
 * the manifest lists it, opinions.json, with what each record states of the officials' entries, gives decision.json
 * and counting.json byte for byte.
 */
import { bytesEqual } from '../bytes.ts';
import { jcsBytes } from '../jcs.ts';
import { countingEntriesOf, draftCounting, draftDecision, entriesOf } from '../minutes.ts';
import type { Published } from './load.ts';
import { both, differingMembers, list, need, noMinutes, type Outcome, reasonOf, unmet } from './outcome.ts';

function inputs(published: Published) {
  const { manifest, manifestHash } = published.signed();
  return {
    consultation: need(published.consultation, 'không đọc được consultation.json', 'consultation.json does not read'),
    manifest,
    manifestHash,
    rollIds: need(published.rollList, 'không đọc được roll.json', 'roll.json does not read'),
    participantIds: need(published.participantIds, 'không đọc được participants.json', 'participants.json does not read'),
  };
}

function compare(file: string, redraft: () => Record<string, unknown>, bytes: Uint8Array, stated: Record<string, unknown>): void {
  let again: Record<string, unknown>;
  try {
    again = redraft();
  } catch (e) {
    unmet(`không lập lại được ${file} từ kết quả đã ký`, `${file} cannot be redrafted from the signed result`, reasonOf(e));
    return;
  }
  if (!bytesEqual(jcsBytes(again), bytes)) {
    const differ = differingMembers(stated, again);
    unmet(`${file} khác bản lập lại ở: ${list(differ)}`, `${file} differs from the redraft in: ${list(differ)}`);
  }
}

/** M2: redrafting each published record gives it byte for byte. */
export function checkMinutesRedraft(published: Published): Outcome {
  if (!published.minutes && !published.counting) return noMinutes;
  const base = inputs(published);
  const done: string[] = [];
  if (published.minutes) {
    const record = published.needMinutes();
    const audit = need(published.bundleAudit, 'không đọc được audit.jsonl', 'audit.jsonl does not read');
    const opinions = need(published.opinions, 'không đọc được opinions.json', 'opinions.json does not read');
    compare('decision.json', () => draftDecision({ ...base, audit, opinions, entries: entriesOf(record) }, published.hash), published.minutesBytes!, record);
    done.push('decision.json');
  }
  if (published.counting) {
    const counting = need(published.counting, 'không đọc được counting.json', 'counting.json does not read');
    compare('counting.json', () => draftCounting({ ...base, entries: countingEntriesOf(counting) }, published.hash), published.countingBytes!, counting);
    done.push('counting.json');
  }
  return both(`Khớp từng byte: ${done.join(', ')}`, `byte for byte: ${done.join(', ')}`);
}
