/**
 * Paper ballots that replaced an online ballot. In an online round the committee may enter a household's paper ballot
 * (`paper_ballot_entered`); the household's last ballot counts, so an entry for a household that had voted online
 * replaces that ballot. The entry's audit event says so in its data, `replaced: true` and `previousChannel` (the
 * channel of the ballot replaced), added by the store from the household's slot as written in the same transaction,
 * so the log shows how many online ballots the committee's entries set aside. Events of logs published before these
 * fields existed have neither and count as replacing nothing.
 */
import type { Channel } from './schemas.ts';

export const PAPER_BALLOT_ENTERED = 'paper_ballot_entered';
export const PAPER_BALLOT_WITHDRAWN = 'paper_ballot_withdrawn';

/**
 * An entry's audit draft with what it replaced, when it replaced a ballot: `replaced: true` and, if known,
 * `previousChannel`. An entry that replaced nothing keeps its data as it was.
 * @example withReplacement({ ...draft, data: { household: 'H-001', channel: 'paper' } }, { previousChannel: 'online' })
 * // data: { household: 'H-001', channel: 'paper', replaced: true, previousChannel: 'online' }
 */
export function withReplacement<T extends { data: Record<string, unknown> }>(draft: T, replaced: { previousChannel?: Channel | undefined } | undefined): T {
  if (!replaced) return draft;
  return { ...draft, data: { ...draft.data, replaced: true, ...(replaced.previousChannel ? { previousChannel: replaced.previousChannel } : {}) } };
}

/**
 * How many paper entries of the log replaced an online ballot and still stand: an entry withdrawn later (the
 * committee's undo, which takes back the household's last entry and lets the ballot it replaced count again) is not
 * counted.
 * @example paperReplacedOnline(events) // 2
 */
export function paperReplacedOnline(events: ReadonlyArray<{ action: string; data: Record<string, unknown> }>): number {
  const entries = new Map<string, boolean[]>();
  for (const e of events) {
    const household = e.data.household;
    if (typeof household !== 'string') continue;
    if (e.action === PAPER_BALLOT_ENTERED) {
      const list = entries.get(household) ?? [];
      list.push(e.data.replaced === true && e.data.previousChannel === 'online');
      entries.set(household, list);
    } else if (e.action === PAPER_BALLOT_WITHDRAWN) entries.get(household)?.pop();
  }
  let n = 0;
  for (const list of entries.values()) n += list.filter(Boolean).length;
  return n;
}
