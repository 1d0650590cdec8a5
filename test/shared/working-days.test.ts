import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  deadlineAfter,
  endOfVietnamDay,
  holidaysOf,
  isIsoDate,
  isPast,
  isWorkingDay,
  vietnamDate,
  workingDaysBetween,
} from '../../shared/working-days.ts';

const NEW_YEAR = ['2027-01-01'];
/** A Tết-like run: Thursday 4 to Friday 12 February 2027, joined by the weekend after it. */
const TET = ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'];
const NATIONAL_DAY = ['2026-09-01', '2026-09-02'];

describe('adding working days', () => {
  it.each([
    ['Monday to the next Monday', '2026-12-07', 5, [], '2026-12-14'],
    ['Friday over one weekend', '2026-12-11', 5, [], '2026-12-18'],
    ['a Saturday start counts from Monday', '2026-12-12', 5, [], '2026-12-18'],
    ['over the year end, no holiday', '2026-12-31', 5, [], '2027-01-07'],
    ['over the year end with New Year’s Day', '2026-12-31', 5, NEW_YEAR, '2027-01-08'],
    ['over a Tết-like run of holidays', '2027-02-03', 5, TET, '2027-02-19'],
    ['over National Day', '2026-08-31', 5, NATIONAL_DAY, '2026-09-09'],
    ['one working day from Friday', '2026-12-11', 1, [], '2026-12-14'],
    ['none', '2026-12-12', 0, [], '2026-12-12'],
  ])('%s: %s + %i = %s', (_, from, n, holidays, to) => {
    expect(addWorkingDays(from, n, holidays)).toBe(to);
    expect(workingDaysBetween(from, to, holidays)).toBe(n);
  });

  it('refuses a count that is not a whole number of days, and a date that is not one', () => {
    expect(() => addWorkingDays('2026-12-07', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-12-07', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('working days', () => {
  it.each([
    ['2026-12-07', [], true],
    ['2026-12-12', [], false],
    ['2026-12-13', [], false],
    ['2027-01-01', NEW_YEAR, false],
    ['2027-01-01', [], true],
    ['2027-02-10', TET, false],
  ])('%s with holidays %j is a working day: %s', (date, holidays, working) => {
    expect(isWorkingDay(date, holidays)).toBe(working);
  });

  it('counts the days between two dates either way, the start not counted', () => {
    expect(workingDaysBetween('2026-12-11', '2026-12-14')).toBe(1);
    expect(workingDaysBetween('2026-12-14', '2026-12-11')).toBe(-1);
    expect(workingDaysBetween('2026-12-12', '2026-12-13')).toBe(0);
    expect(workingDaysBetween('2027-02-03', '2027-02-15', TET)).toBe(1);
  });
});

describe('Vietnam time', () => {
  it.each([
    ['2026-12-31T16:59:59Z', '2026-12-31'],
    ['2026-12-31T17:00:00Z', '2027-01-01'],
    ['2026-12-07T00:00:00Z', '2026-12-07'],
  ])('%s is on %s in Vietnam', (at, date) => {
    expect(vietnamDate(at)).toBe(date);
    expect(vietnamDate(new Date(at))).toBe(date);
  });

  it('puts the deadline 5 working days after the Vietnamese day of the close', () => {
    // Friday 18:00 UTC is already Saturday in Vietnam.
    expect(deadlineAfter('2026-12-11T18:00:00Z')).toBe('2026-12-18');
    expect(deadlineAfter('2026-12-11T10:00:00Z')).toBe('2026-12-18');
    expect(deadlineAfter('2026-12-07T10:00:00Z')).toBe('2026-12-14');
    expect(deadlineAfter('2026-12-31T03:00:00Z', NEW_YEAR)).toBe('2027-01-08');
  });

  it('is past a deadline only once its whole day is over in Vietnam', () => {
    expect(endOfVietnamDay('2026-12-14')).toBe('2026-12-14T17:00:00Z');
    expect(isPast('2026-12-14', new Date('2026-12-14T16:59:59Z'))).toBe(false);
    expect(isPast('2026-12-14', new Date('2026-12-14T17:00:00Z'))).toBe(true);
  });
});

describe('a commune’s holidays', () => {
  it('are the valid dates of its profile’s setting, none without one', () => {
    expect(holidaysOf({ holidays: ['2027-01-01', 'mùng 1 Tết', '2027-02-30', 3] })).toEqual(['2027-01-01']);
    expect(holidaysOf({})).toEqual([]);
    expect(holidaysOf({ holidays: 'none' })).toEqual([]);
  });

  it('are calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-1-1')).toBe(false);
  });
});
