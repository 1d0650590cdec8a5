/**
 * A process as a checklist (the village head's election and dismissal, the board members' election, a community
 * rule): each step with its due date, when it was done, and whether it is done, done late, due, overdue or not yet
 * possible, with the step in the law's own words in Vietnamese and English and the article it comes from. Officials
 * and monitors see it; the public page shows its timeline. Pure: the recorded acts and the clock are passed in.
 */
import { addWorkingDays, isPast, vietnamDate } from '../working-days.ts';
import { addDays, lastWorkingDayBy } from './calendar.ts';

/** The article a step comes from, as each language cites it. */
export interface Cite {
  vi: string;
  en: string;
}

/** A step in the law's words: what is done, by whom, and its limit, with the article. */
export interface StepWords {
  vi: string;
  en: string;
  cite: Cite;
}

/**
 * One step of a process. `due` is the last day (Vietnam calendar date) on which it is on time, or null when the law
 * sets no limit or its limit is not known yet (it runs from a step not yet done). `opens` is the first day it can be
 * done (the election itself, on the meeting day); `after` names a step that must be done first.
 */
export interface Step extends StepWords {
  id: string;
  due: string | null;
  opens?: string;
  after?: string;
  /** For a step due "at least N days before": the latest working day on or before `due`, when `due` is not one. */
  officeDay?: string;
}

/** An act recorded for a step: the step's id and the instant it was done (RFC 3339). */
export interface StepEvent {
  id: string;
  at: string;
}

export type StepStatus = 'done' | 'done_late' | 'due' | 'overdue' | 'not_yet';

/** A row of the checklist. */
export interface ChecklistRow extends StepWords {
  step: string;
  due: string | null;
  officeDay?: string;
  doneAt?: string;
  status: StepStatus;
}

/** The statuses in words, for the checklist's column. */
export const STATUS_WORDS: Readonly<Record<StepStatus, { vi: string; en: string }>> = {
  done: { vi: 'Đã thực hiện', en: 'Done' },
  done_late: { vi: 'Đã thực hiện, quá thời hạn', en: 'Done late' },
  due: { vi: 'Đang trong thời hạn', en: 'Due' },
  overdue: { vi: 'Quá thời hạn, chưa thực hiện', en: 'Overdue' },
  not_yet: { vi: 'Chưa đến bước này', en: 'Not yet' },
};

/**
 * When each step was first done: the earliest recorded instant per step id (a step recorded twice was done once).
 * @example firstDone([{ id: 'a', at: '2027-01-02T03:00:00Z' }, { id: 'a', at: '2027-01-01T03:00:00Z' }]).get('a') // '2027-01-01T03:00:00Z'
 */
export function firstDone(events: readonly StepEvent[]): Map<string, string> {
  const done = new Map<string, string>();
  for (const e of events) {
    const seen = done.get(e.id);
    if (seen === undefined || Date.parse(e.at) < Date.parse(seen)) done.set(e.id, e.at);
  }
  return done;
}

/** A step's status: a day's limit is kept when the act is done on or before that day in Vietnam time. */
function statusOf(step: Step, doneAt: string | undefined, done: ReadonlyMap<string, string>, now: Date): StepStatus {
  if (doneAt !== undefined) return step.due === null || vietnamDate(doneAt) <= step.due ? 'done' : 'done_late';
  if (step.due !== null && isPast(step.due, now)) return 'overdue';
  if (step.after !== undefined && !done.has(step.after)) return 'not_yet';
  if (step.opens !== undefined && vietnamDate(now) < step.opens) return 'not_yet';
  return 'due';
}

/**
 * The checklist of a process at `now`, one row per step in the process's order.
 * @example checklist([{ id: 'notice', due: '2027-01-10', vi: '…', en: '…', cite }], [], new Date('2027-01-11T00:00:00Z'))[0].status // 'overdue'
 */
export function checklist(steps: readonly Step[], events: readonly StepEvent[], now: Date): ChecklistRow[] {
  const done = firstDone(events);
  return steps.map((s) => {
    const doneAt = done.get(s.id);
    return {
      step: s.id,
      vi: s.vi,
      en: s.en,
      cite: s.cite,
      due: s.due,
      ...(s.officeDay !== undefined ? { officeDay: s.officeDay } : {}),
      ...(doneAt !== undefined ? { doneAt } : {}),
      status: statusOf(s, doneAt, done, now),
    };
  });
}

/** Whether any step is late: overdue, or done after its limit (the page flags the process). */
export function hasLateSteps(rows: readonly ChecklistRow[]): boolean {
  return rows.some((r) => r.status === 'overdue' || r.status === 'done_late');
}

/**
 * The limit of a step due "at least `days` days before" a meeting (chậm nhất … ngày trước): the meeting date less that
 * many calendar days, so a step done exactly `days` days before is on time and one done `days - 1` days before is
 * late; with the working day on or before it when that day is not one.
 * @example dueBefore('2027-03-01', 20, []) // { due: '2027-02-09' }
 */
export function dueBefore(meeting: string, days: number, holidays: readonly string[]): { due: string; officeDay?: string } {
  const due = addDays(meeting, -days);
  const officeDay = lastWorkingDayBy(due, holidays);
  return officeDay === due ? { due } : { due, officeDay };
}

/**
 * The limit of a step due within `days` working days of an act recorded at `at` (an instant), or null while that act
 * is not recorded: a recognition runs from the day the decision was received.
 * @example dueAfterAct('2027-03-01T03:00:00Z', 5, []) // '2027-03-08'
 */
export function dueAfterAct(at: string | undefined, days: number, holidays: readonly string[]): string | null {
  return at === undefined ? null : addWorkingDays(vietnamDate(at), days, holidays);
}
