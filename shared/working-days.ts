/**
 * Working days in Vietnam time (UTC+7), for the law's deadlines after a vote: the decision is sent within 5 working
 * days of the vote (Law 10/2022 Art. 20(3)), and the recognising body answers within 5 working days of receiving it
 * (Art. 21(2)). Saturday, Sunday and a commune's public holidays (ISO dates, a setting of its profile) are not
 * working days. As the Civil Code counts a period of days (Bộ luật Dân sự 2015 Art. 147), the day the period starts
 * from is not counted: 5 working days after a Monday vote end on the next Monday, at the end of that day.
 * Dates are ISO calendar dates `YYYY-MM-DD`; pure, no clock.
 */

/** How many working days the law gives for sending the decision, and for recognising it (Art. 20(3), 21(2)). */
export const LEGAL_WORKING_DAYS = 5;

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date `YYYY-MM-DD` (no 30 February). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The calendar date in Vietnam of an instant.
 * @example vietnamDate('2026-12-31T17:30:00Z') // '2027-01-01'
 */
export function vietnamDate(at: string | Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnamese calendar day ends (midnight UTC+7 at its close), RFC 3339 UTC. */
export function endOfVietnamDay(date: string): string {
  return `${dateOf(dayNumber(date))}T17:00:00Z`;
}

/**
 * Whether a date is a working day: not a Saturday or Sunday, not one of `holidays`.
 * @example isWorkingDay('2027-02-06', ['2027-02-06']) // false
 */
export function isWorkingDay(date: string, holidays: Iterable<string> = []): boolean {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  for (const h of holidays) if (h === date) return false;
  return true;
}

/**
 * The date `n` working days after `date` (the start day not counted; n = 0 gives `date` itself).
 * @example addWorkingDays('2026-12-07', 5) // '2026-12-14' (Monday to the next Monday)
 */
export function addWorkingDays(date: string, n: number, holidays: Iterable<string> = []): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count of working days: ${n}`);
  const off = new Set(holidays);
  let day = dayNumber(date);
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWorkingDay(dateOf(day), off)) left -= 1;
  }
  return dateOf(day);
}

/**
 * The working days after `from` up to and including `to` (negative when `to` is earlier), so that
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
 * @example workingDaysBetween('2026-12-11', '2026-12-14') // 1 (Friday to Monday)
 */
export function workingDaysBetween(from: string, to: string, holidays: Iterable<string> = []): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -workingDaysBetween(to, from, holidays);
  const off = new Set(holidays);
  let n = 0;
  for (let day = a + 1; day <= b; day += 1) if (isWorkingDay(dateOf(day), off)) n += 1;
  return n;
}

/**
 * The last day of a period of the law's 5 working days starting from an instant (a vote's close, a receipt), as a
 * Vietnamese calendar date.
 * @example deadlineAfter('2026-12-07T10:00:00Z', []) // '2026-12-14'
 */
export function deadlineAfter(at: string, holidays: Iterable<string> = [], days = LEGAL_WORKING_DAYS): string {
  return addWorkingDays(vietnamDate(at), days, holidays);
}

/** Whether a deadline day is past at `now`: the whole day, in Vietnam time, is over. */
export function isPast(deadline: string, now: Date): boolean {
  return vietnamDate(now) > deadline;
}

/**
 * A commune's public holidays from its profile's `holidays` setting: the valid ISO dates, anything else left out
 * (a profile without the setting has none).
 */
export function holidaysOf(profile: object): string[] {
  const list = 'holidays' in profile ? profile.holidays : undefined;
  return Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string' && isIsoDate(d)) : [];
}
