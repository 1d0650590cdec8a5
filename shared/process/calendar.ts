/**
 * Calendar days and months for the law's deadlines that are not in working days: "chậm nhất 20 ngày trước ngày tổ
 * chức cuộc họp" (Decree 59/2023 Art. 6), "không ít hơn 30 ngày" (Decree 61/2023 Art. 9(1)), "60 ngày" (Decree
 * 59/2023 Art. 9(3)), "03 tháng" (Law 10/2022 Art. 16(3)). Counted as the Civil Code 2015 counts a period (Art. 147,
 * 148): the day it starts from is not counted; a period of months ends on the same day of the last month, or on that
 * month's last day when it has no such day. Dates are ISO calendar dates `YYYY-MM-DD` in Vietnam; pure, no clock.
 */
import { addWorkingDays, isIsoDate, isWorkingDay } from '../working-days.ts';

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The date `n` calendar days after `date` (before it when `n` is negative).
 * @example addDays('2027-03-01', -20) // '2027-02-09'
 */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`a count of days: ${n}`);
  return dateOf(dayNumber(date) + n);
}

/**
 * The calendar days from `from` to `to` (negative when `to` is earlier): 20 when a decision is issued exactly 20 days
 * before the meeting.
 * @example daysBetween('2027-02-09', '2027-03-01') // 20
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The same day `n` months later, or the last day of that month when it has no such day (Civil Code 2015 Art. 148):
 * three months from 30 November end on 28 (or 29) February.
 * @example addMonths('2026-11-30', 3) // '2027-02-28'
 */
export function addMonths(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count of months: ${n}`);
  dayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = m - 1 + n;
  const year = y + Math.floor(month / 12);
  const monthIndex = month % 12;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, monthIndex, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/**
 * The last day of a period of `n` calendar days for an act after `date`: when that day is a Saturday, a Sunday or a
 * holiday, the period ends at the end of the next working day (Civil Code 2015 Art. 148).
 * @example periodEnd('2027-01-01', 60, []) // '2027-03-02' (a Tuesday)
 */
export function periodEnd(date: string, n: number, holidays: Iterable<string> = []): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count of days: ${n}`);
  const off = [...holidays];
  const last = addDays(date, n);
  return isWorkingDay(last, off) ? last : addWorkingDays(last, 1, off);
}

/**
 * The latest working day on or before a date: when a step must be done "at least N days before" a meeting and the
 * last allowed day is a Saturday, a Sunday or a holiday, the office must act on this day (the minimum is not shortened).
 * @example lastWorkingDayBy('2027-02-14', []) // '2027-02-12' (Sunday to Friday)
 */
export function lastWorkingDayBy(date: string, holidays: Iterable<string> = []): string {
  const off = [...holidays];
  let day = date;
  while (!isWorkingDay(day, off)) day = addDays(day, -1);
  return day;
}
