import { describe, expect, it } from 'vitest';
import { boardSteps } from '../../../shared/process/boards.ts';
import { addDays, addMonths, daysBetween, lastWorkingDayBy, periodEnd } from '../../../shared/process/calendar.ts';
import { checklist, dueAfterAct, dueBefore, firstDone, hasLateSteps, STATUS_WORDS, type Step } from '../../../shared/process/checklist.ts';
import { communityRuleSteps } from '../../../shared/process/community-rules.ts';
import { dismissalSteps } from '../../../shared/process/dismissal.ts';
import { electionSteps } from '../../../shared/process/village-head.ts';

const cite = { vi: 'Điều 1', en: 'Art. 1' };
const step = (id: string, more: Partial<Step> = {}): Step => ({ id, due: null, vi: `bước ${id}`, en: `step ${id}`, cite, ...more });
/** A Tết-like run: Thursday 4 to Friday 12 February 2027. */
const TET = ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'];

describe('calendar days', () => {
  it.each([
    ['2027-03-07', -20, '2027-02-15'],
    ['2027-03-07', -19, '2027-02-16'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
  ])('%s %i days is %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
    expect(daysBetween(from, to)).toBe(n);
  });

  it.each([
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-12-31', 3, '2027-03-31'],
    ['2027-01-31', 3, '2027-04-30'],
    ['2027-10-31', 3, '2028-01-31'],
    ['2027-05-31', 1, '2027-06-30'],
  ])('%s plus %i months is %s (the last day of a shorter month)', (from, n, to) => {
    expect(addMonths(from, n)).toBe(to);
  });

  it('refuses dates that are not dates and counts that are not whole', () => {
    expect(() => addDays('2027-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2027-02-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('2027-02-01', -1)).toThrow(RangeError);
  });

  it.each([
    ['a weekday stays', '2027-01-01', 60, [], '2027-03-02'],
    ['a Sunday moves to Monday', '2027-03-17', 60, [], '2027-05-17'],
    ['a Saturday moves past a Monday holiday', '2027-03-16', 60, ['2027-05-17'], '2027-05-18'],
  ])('a period of days for an act: %s', (_, from, n, holidays, to) => {
    expect(periodEnd(from, n, holidays)).toBe(to);
  });

  it('the working day on or before a day goes back over a weekend and a Tết run', () => {
    expect(lastWorkingDayBy('2027-02-14', [])).toBe('2027-02-12');
    expect(lastWorkingDayBy('2027-02-14', TET)).toBe('2027-02-03');
    expect(lastWorkingDayBy('2027-02-15', TET)).toBe('2027-02-15');
  });
});

describe('limits of steps', () => {
  it('a step due 20 days before is on time exactly 20 days before', () => {
    expect(dueBefore('2027-03-07', 20, [])).toEqual({ due: '2027-02-15' });
  });

  it('a limit on a weekend or holiday stays, with the working day before it for the office', () => {
    expect(dueBefore('2027-03-07', 15, [])).toEqual({ due: '2027-02-20', officeDay: '2027-02-19' });
    expect(dueBefore('2027-03-01', 20, TET)).toEqual({ due: '2027-02-09', officeDay: '2027-02-03' });
  });

  it('a limit in working days runs from the Vietnamese day of the act, or is unknown before it', () => {
    expect(dueAfterAct(undefined, 5, [])).toBeNull();
    expect(dueAfterAct('2027-03-10T02:00:00Z', 5, [])).toBe('2027-03-17');
    // 23:30 UTC on the 9th is already the 10th in Vietnam.
    expect(dueAfterAct('2027-03-09T23:30:00Z', 5, [])).toBe('2027-03-17');
    expect(dueAfterAct('2027-03-10T02:00:00Z', 5, ['2027-03-15'])).toBe('2027-03-18');
  });
});

describe('the checklist', () => {
  const steps = [step('a', { due: '2027-01-10' }), step('b', { due: '2027-01-10', after: 'a' }), step('c', { opens: '2027-01-15' }), step('d')];

  it.each([
    ['done on the last day, 23:59 in Vietnam', '2027-01-10T16:59:59Z', 'done'],
    ['done a minute after the last day ended in Vietnam', '2027-01-10T17:00:00Z', 'done_late'],
    ['done days before', '2027-01-02T03:00:00Z', 'done'],
  ])('%s: %s', (_, at, status) => {
    const [row] = checklist(steps, [{ id: 'a', at }], new Date('2027-01-20T00:00:00Z'));
    expect(row).toMatchObject({ step: 'a', due: '2027-01-10', doneAt: at, status });
  });

  it.each([
    ['before the last day ends', '2027-01-10T16:59:00Z', 'due'],
    ['once the last day ended in Vietnam', '2027-01-10T17:00:00Z', 'overdue'],
  ])('a step not done %s is %s', (_, now, status) => {
    expect(checklist(steps, [], new Date(now))[0]?.status).toBe(status);
  });

  it('a step waiting for another is not yet, then due; overdue once its limit passed even so', () => {
    expect(checklist(steps, [], new Date('2027-01-05T00:00:00Z'))[1]?.status).toBe('not_yet');
    expect(checklist(steps, [{ id: 'a', at: '2027-01-04T00:00:00Z' }], new Date('2027-01-05T00:00:00Z'))[1]?.status).toBe('due');
    expect(checklist(steps, [], new Date('2027-01-11T00:00:00Z'))[1]?.status).toBe('overdue');
  });

  it('a step that opens on a day is not yet before it', () => {
    expect(checklist(steps, [], new Date('2027-01-14T16:59:00Z'))[2]?.status).toBe('not_yet');
    expect(checklist(steps, [], new Date('2027-01-14T17:00:00Z'))[2]?.status).toBe('due');
  });

  it('a step with no limit is due until done, and never late', () => {
    expect(checklist(steps, [], new Date('2030-01-01T00:00:00Z'))[3]?.status).toBe('due');
    expect(checklist(steps, [{ id: 'd', at: '2030-01-01T00:00:00Z' }], new Date('2030-01-02T00:00:00Z'))[3]?.status).toBe('done');
  });

  it('a step recorded twice was done at its first record; events of other steps are ignored', () => {
    const events = [
      { id: 'a', at: '2027-01-12T00:00:00Z' },
      { id: 'a', at: '2027-01-09T00:00:00Z' },
      { id: 'zz', at: '2027-01-01T00:00:00Z' },
    ];
    expect(firstDone(events).get('a')).toBe('2027-01-09T00:00:00Z');
    const rows = checklist(steps, events, new Date('2027-01-20T00:00:00Z'));
    expect(rows.map((r) => r.step)).toEqual(['a', 'b', 'c', 'd']);
    expect(rows[0]?.status).toBe('done');
  });

  it('rows carry the words, the article and the office day', () => {
    const [row] = checklist([step('x', { due: '2027-02-20', officeDay: '2027-02-19' })], [], new Date('2027-02-01T00:00:00Z'));
    expect(row).toEqual({ step: 'x', vi: 'bước x', en: 'step x', cite, due: '2027-02-20', officeDay: '2027-02-19', status: 'due' });
  });

  it('flags a process with a late step', () => {
    const now = new Date('2027-01-20T00:00:00Z');
    expect(
      hasLateSteps(
        checklist(
          steps,
          [
            { id: 'a', at: '2027-01-01T00:00:00Z' },
            { id: 'b', at: '2027-01-02T00:00:00Z' },
          ],
          now,
        ),
      ),
    ).toBe(false);
    expect(hasLateSteps(checklist(steps, [{ id: 'a', at: '2027-01-01T00:00:00Z' }], now))).toBe(true);
    expect(
      hasLateSteps(
        checklist(
          steps,
          [
            { id: 'a', at: '2027-01-12T00:00:00Z' },
            { id: 'b', at: '2027-01-12T00:00:00Z' },
          ],
          now,
        ),
      ),
    ).toBe(true);
  });

  it('every status has words in both languages', () => {
    for (const w of Object.values(STATUS_WORDS)) expect(w.vi.length * w.en.length).toBeGreaterThan(0);
    expect(STATUS_WORDS.overdue.vi).toBe('Quá thời hạn, chưa thực hiện');
  });
});

describe('every step of every process in the law’s words', () => {
  const meeting = { meeting: '2027-03-07', holidays: [] as string[] };
  const all: [string, Step[]][] = [
    ['village-head election', electionSteps(meeting, [])],
    ['dismissal, own request', dismissalSteps({ ...meeting, ground: 'own_request', headLeadsFront: true }, [])],
    ['dismissal, Front proposal', dismissalSteps({ ...meeting, ground: 'front_proposal', headLeadsFront: false }, [])],
    ['inspection board', boardSteps('inspection', meeting, [])],
    ['investment supervision board', boardSteps('investment_supervision', meeting, [])],
    ['community rule', communityRuleSteps({ ...meeting, proposal: { by: 'initiative', initiative: 'i1' }, ballotEnds: '2027-03-20' }, [])],
  ];

  it.each(all)('%s: Vietnamese (NFC) and English words, the article in both, ids unique', (_, steps) => {
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
    for (const s of steps) {
      for (const text of [s.vi, s.en, s.cite.vi, s.cite.en]) expect(text.trim().length).toBeGreaterThan(0);
      expect(s.vi.normalize('NFC')).toBe(s.vi);
      expect(s.cite.vi.normalize('NFC')).toBe(s.cite.vi);
      expect(s.cite.vi).toMatch(/Điều \d+/);
      expect(s.cite.en).toMatch(/Art\. \d+/);
    }
  });

  it('a step that waits for another names one of the same process', () => {
    for (const [, steps] of all) {
      const ids = new Set(steps.map((s) => s.id));
      for (const s of steps) if (s.after !== undefined) expect(ids.has(s.after)).toBe(true);
    }
  });
});
