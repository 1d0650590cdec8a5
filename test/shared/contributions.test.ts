import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS, hashOfEvent, sealEvent } from '../../shared/audit.ts';
import { fromUtf8 } from '../../shared/bytes.ts';
import {
  adoptedLevel,
  appendEntry,
  FrontageMetres,
  goingAheadRefused,
  hashOfLedgerEvent,
  LedgerEntry,
  ledgerTotals,
  ROUNDING,
  Schedule,
  scheduleCsv,
  dueSchedule,
  toLedgerJsonl,
  verifyLedger,
  type LedgerEvent,
  type ScheduleHousehold,
} from '../../shared/contributions.ts';
import { DomainError } from '../../shared/errors.ts';
import { canonicalize } from '../../shared/jcs.ts';
import type { Consultation, Contribution, Household, Question, QuestionTally, Rule } from '../../shared/schemas.ts';

const TWO_THIRDS: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const terms: Contribution = {
  totalCost: 1_000_000_000,
  stateBudget: 998_000_000,
  residentsShare: 2_000_000,
  basis: 'per_household',
  amountPerUnit: 333_333,
  exemptions: [
    { category: 'poor', percent: 100 },
    { category: 'near_poor', percent: 50 },
  ],
};
const yesNo = (id: string, text = `Tán thành mức ${id}?`): Question => ({ id, type: 'yes_no', text, options: [], rule: TWO_THIRDS });
const levels: Question = {
  id: 'level',
  type: 'single',
  text: 'Mức đóng góp mỗi hộ',
  options: [
    { id: 'level-50k', label: '50.000 đồng', amountPerUnit: 50_000 },
    { id: 'level-80k', label: '80.000 đồng', amountPerUnit: 80_000 },
  ],
  rule: TWO_THIRDS,
};
const consultation: Consultation = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  commune: 'xa-a',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'contribution',
  method: 'household_ballot',
  title: 'Bê tông hóa đường thôn',
  description: 'Đường dài 600 m.',
  opensAt: '2026-12-01T01:00:00Z',
  closesAt: '2026-12-08T10:00:00Z',
  questions: [levels],
  contribution: terms,
};

function tallyOf(q: Question, status: QuestionTally['outcome']['status'], options: string[] = []): QuestionTally {
  return { questionId: q.id, type: q.type, rule: q.rule, eligible: 30, cast: 25, abstain: 0, counts: {}, threshold: 20, outcome: { status, options } };
}
const resultOf = (c: Consultation, tally: QuestionTally[]) => ({ consultationId: c.id, tally });

describe('the adopted level', () => {
  it('is the adopted option of a single-choice question', () => {
    expect(adoptedLevel(consultation, resultOf(consultation, [tallyOf(levels, 'adopted', ['level-80k'])]))).toEqual({
      questionId: 'level',
      optionId: 'level-80k',
      amountPerUnit: 80_000,
    });
  });

  it('is nothing when the single-choice question adopts no option', () => {
    expect(adoptedLevel(consultation, resultOf(consultation, [tallyOf(levels, 'no_decision')]))).toBeUndefined();
    expect(adoptedLevel(consultation, resultOf(consultation, [tallyOf(levels, 'quorum_not_met')]))).toBeUndefined();
  });

  it('is the first adopted of sequential yes/no questions, each adopting the amount of the terms', () => {
    const [low, mid, high] = [yesNo('low'), yesNo('mid'), yesNo('high')];
    const c = { ...consultation, questions: [low, mid, high] };
    const level = adoptedLevel(c, resultOf(c, [tallyOf(low, 'rejected'), tallyOf(mid, 'adopted', ['yes']), tallyOf(high, 'adopted', ['yes'])]));
    expect(level).toEqual({ questionId: 'mid', amountPerUnit: 333_333 });
  });

  it('is nothing when every sequential yes/no question is rejected', () => {
    const [low, high] = [yesNo('low'), yesNo('high')];
    const c = { ...consultation, questions: [low, high] };
    expect(adoptedLevel(c, resultOf(c, [tallyOf(low, 'rejected'), tallyOf(high, 'rejected')]))).toBeUndefined();
  });

  it('is nothing when the going-ahead question was rejected, whatever the level question says', () => {
    const goAhead = yesNo('go', 'Tán thành chủ trương bê tông hóa đường thôn?');
    const { amountPerUnit: _perUnit, ...levelsOnBallot } = terms;
    const c: Consultation = { ...consultation, questions: [goAhead, levels], contribution: levelsOnBallot };
    for (const status of ['rejected', 'no_decision', 'quorum_not_met'] as const) {
      const result = resultOf(c, [tallyOf(goAhead, status), tallyOf(levels, 'adopted', ['level-50k'])]);
      expect(goingAheadRefused(c, result)).toBe(true);
      expect(adoptedLevel(c, result)).toBeUndefined();
    }
    const agreed = resultOf(c, [tallyOf(goAhead, 'adopted', ['yes']), tallyOf(levels, 'adopted', ['level-50k'])]);
    expect(goingAheadRefused(c, agreed)).toBe(false);
    expect(adoptedLevel(c, agreed)).toEqual({ questionId: 'level', optionId: 'level-50k', amountPerUnit: 50_000 });
  });

  it('is nothing for a matter other than a contribution, and an approval question carries no level', () => {
    const opinion: Consultation = { ...consultation, matter: 'opinion', contribution: undefined };
    expect(adoptedLevel(opinion, resultOf(opinion, [tallyOf(levels, 'adopted', ['level-50k'])]))).toBeUndefined();
    const approval: Question = { ...levels, id: 'items', type: 'approval', max: 2 };
    const c = { ...consultation, questions: [approval] };
    expect(adoptedLevel(c, resultOf(c, [tallyOf(approval, 'adopted', ['level-50k', 'level-80k'])]))).toBeUndefined();
  });

  it('refuses the result of another consultation', () => {
    expect(() => adoptedLevel(consultation, { consultationId: 'other', tally: [] })).toThrow(DomainError);
  });
});

const hh = (id: string, category: Household['category'], members = 4, frontage?: number): Household & ScheduleHousehold => ({
  id,
  hamlet: 'Thôn Đông',
  head: `Nguyễn Văn ${id}`,
  members,
  category,
  frontageDecimetres: frontage,
});
const level = (amountPerUnit: number) => ({ questionId: 'level', optionId: 'x', amountPerUnit });
const withTerms = (patch: Partial<Contribution>) => ({ ...consultation, contribution: { ...terms, ...patch } });

describe('the schedule of dues', () => {
  it('per household: exemptions of 100 % and 50 %, rounded down to whole dong after the reduction, sorted by roll id', () => {
    const s = dueSchedule({
      consultation,
      households: [hh('DG-003', 'near_poor'), hh('DG-001', 'standard'), hh('DG-002', 'poor'), hh('DG-004', 'policy')],
      level: level(333_333),
    });
    expect(s.households).toEqual([
      { id: 'DG-001', category: 'standard', units: 1, basis: 'per_household', gross: 333_333, exemptPercent: 0, due: 333_333 },
      { id: 'DG-002', category: 'poor', units: 1, basis: 'per_household', gross: 333_333, exemptPercent: 100, due: 0 },
      { id: 'DG-003', category: 'near_poor', units: 1, basis: 'per_household', gross: 333_333, exemptPercent: 50, due: 166_666 },
      { id: 'DG-004', category: 'policy', units: 1, basis: 'per_household', gross: 333_333, exemptPercent: 0, due: 333_333 },
    ]);
    expect(s.totals).toEqual({ households: 4, exempt: 1, reduced: 1, gross: 1_333_332, due: 833_332 });
    expect(s.rounding).toEqual({ mode: 'down', multiple: 1 });
    expect(ROUNDING).toEqual({ mode: 'down', multiple: 1 });
  });

  it('per person: the household’s members are its units', () => {
    const s = dueSchedule({
      consultation: withTerms({ basis: 'per_person' }),
      households: [hh('A', 'standard', 4), hh('B', 'near_poor', 3)],
      level: level(25_001),
    });
    expect(s.households.map((r) => [r.units, r.gross, r.due])).toEqual([
      [4, 100_004, 100_004],
      [3, 75_003, 37_501], // 37,501.5 rounded down
    ]);
  });

  it('per frontage metre: decimetres in integer arithmetic, one rounding down of the exact amount', () => {
    const s = dueSchedule({
      consultation: withTerms({ basis: 'per_frontage_metre' }),
      households: [hh('A', 'standard', 4, 125), hh('B', 'near_poor', 2, 125), hh('C', 'standard', 1, 73), hh('D', 'standard', 1, 0)],
      level: level(30_001),
    });
    expect(s.households.map((r) => [r.id, r.units, r.gross, r.due])).toEqual([
      ['A', 12.5, 375_012, 375_012], // 375,012.5
      ['B', 12.5, 375_012, 187_506], // 187,506.25
      ['C', 7.3, 219_007, 219_007], // 219,007.3
      ['D', 0, 0, 0],
    ]);
  });

  it('reads frontage in metres with at most one decimal as decimetres', () => {
    expect(['12.5', '12,5', 12.5, 7, '0.3', ' 40 '].map((v) => FrontageMetres.parse(v))).toEqual([125, 125, 125, 70, 3, 400]);
    for (const bad of ['12.55', '-1', 'abc', '', 1.25, '1e3']) expect(FrontageMetres.safeParse(bad).success, String(bad)).toBe(false);
  });

  it('refuses a frontage basis when households have no frontage, naming every roll id', () => {
    const make = () =>
      dueSchedule({
        consultation: withTerms({ basis: 'per_frontage_metre' }),
        households: [hh('DG-005', 'standard'), hh('DG-001', 'standard', 4, 100), hh('DG-002', 'poor')],
        level: level(10_000),
      });
    expect(make).toThrow('households without frontage: DG-002, DG-005');
    try {
      make();
    } catch (e) {
      expect((e as DomainError).code).toBe('invalid_request');
      expect((e as DomainError).details?.map((d) => d.path)).toEqual(['households.DG-002.frontage', 'households.DG-005.frontage']);
    }
  });

  it('refuses a roll id listed twice', () => {
    expect(() => dueSchedule({ consultation, households: [hh('A', 'standard'), hh('A', 'poor')], level: level(1) })).toThrow('roll ids listed twice: A');
  });

  it('rounds each due down to a multiple of 1,000 dong when the setting asks', () => {
    const s = dueSchedule({ consultation, households: [hh('A', 'standard'), hh('B', 'near_poor'), hh('C', 'poor')], level: level(333_333), roundTo: 1_000 });
    expect(s.households.map((r) => [r.gross, r.due])).toEqual([
      [333_333, 333_000],
      [333_333, 166_000],
      [333_333, 0],
    ]);
    expect(s.rounding).toEqual({ mode: 'down', multiple: 1_000 });
    for (const bad of [0, -1000, 1.5]) expect(() => dueSchedule({ consultation, households: [], level: level(1), roundTo: bad })).toThrow(DomainError);
  });

  it('reports a shortfall or a surplus against the residents’ share without changing any amount', () => {
    const households = [hh('A', 'standard'), hh('B', 'standard')];
    const make = (residentsShare: number) => dueSchedule({ consultation: withTerms({ residentsShare }), households, level: level(400_000) });
    expect(make(1_000_000).residentsShare).toEqual({ amount: 1_000_000, shortfall: 200_000, surplus: 0 });
    expect(make(700_000).residentsShare).toEqual({ amount: 700_000, shortfall: 0, surplus: 100_000 });
    expect(make(800_000).residentsShare).toEqual({ amount: 800_000, shortfall: 0, surplus: 0 });
    expect(make(1_000_000).totals.due).toBe(make(700_000).totals.due);
  });

  it('needs contribution terms', () => {
    expect(() => dueSchedule({ consultation: { ...consultation, contribution: undefined }, households: [], level: level(1) })).toThrow('no contribution terms');
  });

  it('carries no head name, and reads back through its own schema', () => {
    const s = dueSchedule({ consultation, households: [hh('DG-001', 'standard'), hh('DG-002', 'poor')], level: level(50_000) });
    expect(JSON.stringify(s)).not.toContain('Nguyễn');
    expect(Schedule.parse(JSON.parse(canonicalize(s)))).toEqual(s);
  });

  it('dues add up to the total, never exceed the gross amount, and respect the rounding multiple (property)', () => {
    const household = fc.record({
      category: fc.constantFrom('standard', 'poor', 'near_poor', 'policy' as const),
      members: fc.integer({ min: 1, max: 100 }),
      frontageDecimetres: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(household, { maxLength: 40 }),
        fc.constantFrom('per_household', 'per_person', 'per_frontage_metre' as const),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(1, 500, 1_000),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (list, basis, amount, roundTo, poor, nearPoor) => {
          const households = list.map((h, i) => ({ ...h, id: `H-${String(list.length - i).padStart(3, '0')}` }));
          const c = withTerms({
            basis,
            exemptions: [
              { category: 'poor', percent: poor },
              { category: 'near_poor', percent: nearPoor },
            ],
          });
          const s = dueSchedule({ consultation: c, households, level: level(amount), roundTo });
          expect(s.households.reduce((sum, r) => sum + r.due, 0)).toBe(s.totals.due);
          expect(s.households.reduce((sum, r) => sum + r.gross, 0)).toBe(s.totals.gross);
          for (const r of s.households) {
            expect(r.due).toBeLessThanOrEqual(r.gross);
            expect(r.due % roundTo).toBe(0);
            expect(Number.isSafeInteger(r.due) && r.due >= 0).toBe(true);
          }
          expect(s.households.map((r) => r.id)).toEqual(households.map((h) => h.id).sort());
          expect(s.residentsShare.shortfall * s.residentsShare.surplus).toBe(0);
        },
      ),
    );
  });
});

const official = { role: 'official' as const, id: 'official-1' };
function ledger(entries: LedgerEntry[]): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const [i, entry] of entries.entries()) events.push(appendEntry(events, { at: `2027-01-${String(i + 10)}T03:00:00Z`, actor: official, entry }));
  return events;
}
const collection = (rollId: string, amount: number, receiptNo: string): LedgerEntry => ({ type: 'collection', rollId, amount, date: '2027-01-05', receiptNo });
const spending = (amount: number, purpose = 'Mua xi măng'): LedgerEntry => ({ type: 'spending', amount, date: '2027-01-20', purpose, document: 'HĐ 0042' });
const correction = (ref: number, reason = 'Ghi nhầm số tiền'): LedgerEntry => ({ type: 'correction', ref, reason });
const sample = () =>
  ledger([
    collection('DG-001', 400_000, '0001'),
    collection('DG-003', 10_000, '0002'),
    correction(2),
    collection('DG-003', 100_000, '0002'),
    spending(300_000),
  ]);
const lines = (events: LedgerEvent[]) => fromUtf8(toLedgerJsonl(events)).split('\n').slice(0, -1);
const jsonl = (ls: string[]) => ls.map((l) => `${l}\n`).join('');

describe('the ledger hash chain', () => {
  it('chains each entry exactly as the audit log does: seq from 1, prev of the first 64 zeros, hash of the JCS without hash', () => {
    const events = sample();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]!.prev).toBe(GENESIS);
    for (const [i, e] of events.entries()) {
      if (i > 0) expect(e.prev).toBe(events[i - 1]!.hash);
      const { hash, ...body } = e;
      expect(hash).toBe(createHash('sha256').update(canonicalize(body), 'utf8').digest('hex'));
      expect(e.kind).toBe('ledger/1');
    }
  });

  it('hashes an audit event to the same bytes as the audit log’s own function', () => {
    const audit = sealEvent(undefined, { at: '2026-11-20T10:00:00Z', actor: official, action: 'closed', data: { reason: 'manual' } });
    expect(hashOfLedgerEvent(audit)).toBe(hashOfEvent(audit));
  });

  it('verifies a good ledger.jsonl with no problem and gives back its events', () => {
    const events = sample();
    expect(verifyLedger(toLedgerJsonl(events))).toEqual({ events, problems: [] });
    expect(verifyLedger('')).toEqual({ events: [], problems: [] });
  });

  it('finds a tampered amount', () => {
    const ls = lines(sample());
    const event = JSON.parse(ls[1]!) as LedgerEvent;
    ls[1] = canonicalize({ ...event, entry: { ...event.entry, amount: 1_000 } });
    expect(verifyLedger(jsonl(ls)).problems).toEqual(['line 2: hash does not recompute']);
  });

  it('finds reordered lines', () => {
    const ls = lines(sample());
    [ls[3], ls[4]] = [ls[4]!, ls[3]!];
    expect(verifyLedger(jsonl(ls)).problems).toEqual([
      'line 4: seq is 5',
      'line 4: prev does not name the hash of the line before',
      'line 5: seq is 4',
      'line 5: prev does not name the hash of the line before',
    ]);
  });

  it('finds a broken prev, a dropped line, a line that is not canonical, a bad entry and a missing last newline', () => {
    const ls = lines(sample());
    const third = JSON.parse(ls[2]!) as LedgerEvent;
    const broken = [...ls];
    broken[2] = canonicalize({ ...third, prev: 'f'.repeat(64) });
    expect(verifyLedger(jsonl(broken)).problems).toEqual(['line 3: prev does not name the hash of the line before', 'line 3: hash does not recompute']);

    expect(verifyLedger(jsonl([ls[0]!, ls[2]!])).problems).toContain('line 2: prev does not name the hash of the line before');
    expect(verifyLedger(jsonl([JSON.stringify(JSON.parse(ls[0]!), null, 1).replaceAll('\n', '')])).problems).toEqual([
      'line 1: not in canonical form (RFC 8785)',
    ]);

    const first = JSON.parse(ls[0]!) as LedgerEvent;
    expect(verifyLedger(jsonl([canonicalize({ ...first, entry: { ...first.entry, amount: 0 } })])).problems).toEqual([
      'line 1: entry.amount amount: more than 0 dong',
    ]);
    expect(verifyLedger(ls[0]!).problems).toEqual(['the last line does not end with a newline']);
    expect(verifyLedger('{\n').problems).toEqual(['line 1: not JSON']);
  });

  it('finds a correction that makes no sense even when the chain holds', () => {
    const events = sample();
    // Sealed by hand, as a writer that skipped appendEntry's checks would.
    const body = { kind: 'ledger/1' as const, seq: 6, at: '2027-02-01T00:00:00Z', actor: official, entry: correction(3), prev: events[4]!.hash };
    const bad = [...events, { ...body, hash: hashOfLedgerEvent(body) }];
    expect(verifyLedger(toLedgerJsonl(bad)).problems).toEqual(['line 6: correction: entry 3 is itself a correction; record the entry again instead']);
  });
});

describe('corrections', () => {
  it('reverse an entry by a new one; the entry stays in the ledger', () => {
    const events = sample();
    expect(events[1]!.entry).toEqual(collection('DG-003', 10_000, '0002'));
    expect(ledgerTotals({ households: [] }, events).collected).toBe(500_000);
  });

  it('must name an earlier collection or spending not yet corrected', () => {
    const events = sample();
    const add = (entry: LedgerEntry) => () => appendEntry(events, { at: '2027-02-01T00:00:00Z', actor: official, entry });
    expect(add(correction(9))).toThrow('there is no earlier entry 9');
    expect(add(correction(3))).toThrow('entry 3 is itself a correction');
    expect(add(correction(2))).toThrow('entry 2 is already corrected');
    expect(add(correction(5))()).toMatchObject({ seq: 6, prev: events[4]!.hash });
  });

  it('free a receipt number; otherwise a receipt number is recorded once', () => {
    const events = sample();
    expect(() => appendEntry(events, { at: '2027-02-01T00:00:00Z', actor: official, entry: collection('DG-004', 5_000, '0001') })).toThrow(
      'receipt 0001 is already recorded as entry 1',
    );
  });
});

describe('ledger entries', () => {
  it.each([
    [{ ...collection('DG-001', 0, '1') }, 'amount: more than 0 dong'],
    [{ ...collection('DG-001', -5, '1') }, 'amount: more than 0 dong'],
    [{ ...collection('DG-001', 1.5, '1') }, 'amount: a whole number of dong'],
    [{ ...collection('DG-001', 1, '1'), date: '2027/01/05' }, 'date: YYYY-MM-DD'],
    [{ ...collection('DG-001', 1, '1'), date: '2026-02-30' }, 'date: not a day of the calendar'],
    [{ ...collection('DG-001', 1, '') }, 'receiptNo: 1 to 40 characters'],
    [{ ...collection('DG-001', 1, 'x'.repeat(41)) }, 'receiptNo: 1 to 40 characters'],
    [{ ...collection('DG-001', 1, '1'), rollId: 'a b' }, 'roll id'],
    [{ ...spending(1), purpose: '   ' }, 'purpose: 1 to 500 characters'],
    [{ ...spending(1), purpose: 'x'.repeat(501) }, 'purpose: 1 to 500 characters'],
    [{ ...correction(0) }, 'ref: the seq of an earlier entry'],
    [{ type: 'refund', amount: 1 }, 'type: collection, spending, report or correction'],
  ])('refuses %j with a clear message', (entry, message) => {
    const parsed = LedgerEntry.safeParse(entry);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });

  it('accepts a spending without a document, and trims text', () => {
    expect(LedgerEntry.parse({ type: 'spending', amount: 1, date: '2028-02-29', purpose: ' Thuê máy trộn ' })).toEqual({
      type: 'spending',
      amount: 1,
      date: '2028-02-29',
      purpose: 'Thuê máy trộn',
    });
  });
});

describe('ledger totals', () => {
  const schedule = dueSchedule({
    consultation,
    households: [hh('DG-001', 'standard'), hh('DG-002', 'poor'), hh('DG-003', 'near_poor'), hh('DG-004', 'standard'), hh('DG-005', 'poor')],
    level: level(400_000),
  });

  it('give collected against due per household and in total, spent against collected, and flag overpayments', () => {
    const events = ledger([
      collection('DG-001', 400_000, '0001'),
      collection('DG-002', 50_000, '0002'),
      collection('DG-003', 100_000, '0003'),
      collection('DG-004', 40_000, '0004'),
      correction(4),
      collection('DG-999', 10_000, '0005'),
      spending(300_000),
    ]);
    const t = ledgerTotals(schedule, events);
    expect(t.households).toEqual([
      { id: 'DG-001', due: 400_000, collected: 400_000, outstanding: 0, status: 'paid' },
      { id: 'DG-002', due: 0, collected: 50_000, outstanding: 0, status: 'overpaid' },
      { id: 'DG-003', due: 200_000, collected: 100_000, outstanding: 100_000, status: 'partly' },
      { id: 'DG-004', due: 400_000, collected: 0, outstanding: 400_000, status: 'not_yet' },
      { id: 'DG-005', due: 0, collected: 0, outstanding: 0, status: 'nothing_due' },
    ]);
    expect(t).toMatchObject({ due: 1_000_000, collected: 560_000, outstanding: 500_000, spent: 300_000, balance: 260_000 });
    expect(t.count).toEqual({ paid: 1, overpaid: 1, partly: 1, not_yet: 1, nothing_due: 1 });
    expect(t.overpayments).toEqual([{ id: 'DG-002', amount: 50_000 }]);
    expect(t.unknown).toEqual([{ rollId: 'DG-999', amount: 10_000 }]);
  });

  it('show more spent than collected as a negative balance', () => {
    expect(ledgerTotals(schedule, ledger([collection('DG-001', 100_000, '1'), spending(150_000)])).balance).toBe(-50_000);
  });
});

describe('schedule.csv', () => {
  it('is exactly the fixed header and one row per household, with a BOM and CRLF as the other open data', () => {
    const s = dueSchedule({
      consultation: withTerms({ basis: 'per_frontage_metre' }),
      households: [hh('DG-002', 'near_poor', 2, 125), hh('DG-001', 'standard', 3, 80)],
      level: level(30_001),
    });
    const bytes = scheduleCsv(s, ledger([collection('DG-001', 100_000, '0001'), collection('DG-002', 200_000, '0002')]));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fromUtf8(bytes.subarray(3))).toBe(
      'roll id,category,basis,units,gross,exempt_percent,due,collected,outstanding\r\n' +
        'DG-001,standard,per_frontage_metre,8,240008,0,240008,100000,140008\r\n' +
        'DG-002,near_poor,per_frontage_metre,12.5,375012,50,187506,200000,0\r\n',
    );
  });
});
