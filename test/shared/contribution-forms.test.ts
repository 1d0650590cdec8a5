import { describe, expect, it } from 'vitest';
import {
  appendEntry,
  dueSchedule,
  type LedgerEntry,
  type LedgerEvent,
  LedgerEntry as LedgerEntrySchema,
  ledgerTotals,
  scheduleCsv,
  termsProblems,
  toLedgerJsonl,
  verifyLedger,
} from '../../shared/contributions.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { type Consultation, Contribution, type Household } from '../../shared/schemas.ts';

const base: Contribution = {
  totalCost: 500_000_000,
  stateBudget: 400_000_000,
  residentsShare: 100_000_000,
  basis: 'per_person',
  amountPerUnit: 3,
  exemptions: [
    { category: 'poor', percent: 100 },
    { category: 'near_poor', percent: 50 },
  ],
};
const consultation = (contribution: Contribution): Pick<Consultation, 'id' | 'contribution'> => ({ id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', contribution });
const households: Household[] = [
  { id: 'H-1', hamlet: 'Thôn Tây', head: 'Một', members: 1, category: 'near_poor' },
  { id: 'H-2', hamlet: 'Thôn Tây', head: 'Hai', members: 2, category: 'poor' },
  { id: 'H-3', hamlet: 'Thôn Tây', head: 'Ba', members: 4, category: 'standard' },
];
const level = { questionId: 'q1', amountPerUnit: 3 };
const official = { role: 'official' as const, id: 'o1' };
function ledger(entries: LedgerEntry[]): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const entry of entries) events.push(appendEntry(events, { at: '2027-01-10T03:00:00Z', actor: official, entry }));
  return events;
}

describe('the form of the terms', () => {
  it('reads old terms without a form as money, and labour and property need what they count', () => {
    expect(Contribution.safeParse(base).success).toBe(true);
    const issues = (c: unknown) => (Contribution.safeParse(c).error?.issues ?? []).map((i) => i.message);
    expect(issues({ ...base, form: 'labour' })).toEqual(['a labour contribution needs its workdays']);
    expect(issues({ ...base, form: 'property' })).toEqual(['a property contribution needs its description and value']);
    expect(issues({ ...base, workdays: 10 })).toEqual(['workdays are only for labour']);
    expect(issues({ ...base, form: 'labour', workdays: 10, property: { description: 'Đất', value: 1 } })).toEqual([
      'property is only for a property contribution',
    ]);
    expect(issues({ ...base, form: 'property', property: { description: ' ', value: 1 } })).not.toEqual([]);
  });

  it('flags a labour level that looks like dong, and property worth more than the work', () => {
    const questions: Consultation['questions'] = [
      {
        id: 'q1',
        type: 'single',
        text: 'Mức?',
        options: [
          { id: 'a', label: '2 ngày', amountPerUnit: 2 },
          { id: 'b', label: '50.000', amountPerUnit: 50_000 },
        ],
        rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] },
      },
    ];
    const labour = { ...base, form: 'labour' as const, workdays: 20, amountPerUnit: 400 };
    expect(termsProblems({ matter: 'contribution', questions, contribution: labour }).map((p) => p.path.join('.'))).toEqual([
      'contribution.amountPerUnit',
      'questions.0.options.1.amountPerUnit',
    ]);
    const property = { ...base, form: 'property' as const, property: { description: 'Đất', value: 600_000_000 } };
    expect(termsProblems({ matter: 'contribution', questions, contribution: property })[0]?.code).toBe('property_over_cost');
    expect(termsProblems({ matter: 'contribution', questions, contribution: base })).toEqual([]);
  });
});

describe('the schedule in each form', () => {
  it('money: a schedule of terms with form money is the very bytes of one without a form (as before forms existed)', () => {
    const money = { ...base, amountPerUnit: 100_000 };
    const before = dueSchedule({ consultation: consultation(money), households, level: { questionId: 'q1', amountPerUnit: 100_000 } });
    const after = dueSchedule({ consultation: consultation({ ...money, form: 'money' }), households, level: { questionId: 'q1', amountPerUnit: 100_000 } });
    expect(jcsBytes(after)).toEqual(jcsBytes(before));
    expect('form' in before).toBe(false);
    expect(before.households.map((h) => h.due)).toEqual([50_000, 0, 400_000]);
  });

  it('labour: whole workdays, 100 % exempt, 50 % rounded down (3 workdays at 50 % is 1), against the workdays of the terms', () => {
    const s = dueSchedule({ consultation: consultation({ ...base, form: 'labour', workdays: 20 }), households, level });
    expect(s.form).toBe('labour');
    expect(s.households.map((h) => [h.id, h.gross, h.exemptPercent, h.due])).toEqual([
      ['H-1', 3, 50, 1],
      ['H-2', 6, 100, 0],
      ['H-3', 12, 0, 12],
    ]);
    expect(s.totals).toMatchObject({ due: 13, exempt: 1, reduced: 1 });
    expect(s.residentsShare).toEqual({ amount: 20, shortfall: 7, surplus: 0 });
  });

  it('property: each household’s share of the value in dong, the property described in the schedule', () => {
    const property = { description: 'Gạch xây 20.000 viên', value: 30_000_000 };
    const s = dueSchedule({
      consultation: consultation({ ...base, form: 'property', property }),
      households,
      level: { questionId: 'q1', amountPerUnit: 5_000_001 },
    });
    expect(s.form).toBe('property');
    expect(s.property).toEqual(property);
    // H-1: 5,000,001 at 50 % = 2,500,000.5, rounded down to whole dong.
    expect(s.households.map((h) => h.due)).toEqual([2_500_000, 0, 20_000_004]);
    expect(s.residentsShare).toEqual({ amount: 30_000_000, shortfall: 7_499_996, surplus: 0 });
  });

  it('schedule.csv names the unit of a labour or property schedule, and keeps the columns of money', () => {
    const head = (bytes: Uint8Array) => new TextDecoder().decode(bytes).split('\r\n').slice(0, 2);
    const labour = dueSchedule({ consultation: consultation({ ...base, form: 'labour', workdays: 20 }), households, level });
    expect(head(scheduleCsv(labour))).toEqual([
      'roll id,category,basis,units,gross,exempt_percent,due,collected,outstanding,unit',
      'H-1,near_poor,per_person,1,3,50,1,0,1,ngày công',
    ]);
    const property = dueSchedule({
      consultation: consultation({ ...base, form: 'property', property: { description: 'Gạch "A1", 20 viên', value: 9 } }),
      households,
      level,
    });
    expect(head(scheduleCsv(property))[1]).toBe('H-1,near_poor,per_person,1,3,50,1,0,1,"đồng (giá trị tài sản: Gạch ""A1"", 20 viên)"');
    const money = dueSchedule({ consultation: consultation(base), households, level });
    expect(head(scheduleCsv(money))[0]).toBe('roll id,category,basis,units,gross,exempt_percent,due,collected,outstanding');
  });
});

describe('the ledger in each form', () => {
  const labour = dueSchedule({ consultation: consultation({ ...base, form: 'labour', workdays: 20 }), households, level });

  it('counts against the dues only what was given in the schedule’s form; the rest per unit; money spent against money', () => {
    const events = ledger([
      { type: 'collection', form: 'labour', rollId: 'H-3', amount: 12, date: '2027-01-05', receiptNo: 'NC-1' },
      { type: 'collection', form: 'labour', rollId: 'H-1', amount: 1, date: '2027-01-05', receiptNo: 'NC-2' },
      { type: 'collection', rollId: 'H-1', amount: 200_000, date: '2027-01-06', receiptNo: 'BL-1' },
      { type: 'collection', form: 'property', rollId: 'H-2', amount: 1_500_000, description: '300 viên gạch', date: '2027-01-06', receiptNo: 'TS-1' },
      { type: 'spending', amount: 50_000, date: '2027-01-07', purpose: 'Nước uống' },
      { type: 'correction', ref: 2, reason: 'Ghi nhầm hộ' },
    ]);
    const t = ledgerTotals(labour, events);
    expect(t.form).toBe('labour');
    expect(t.households.map((h) => [h.id, h.collected, h.status])).toEqual([
      ['H-1', 0, 'not_yet'],
      ['H-2', 0, 'nothing_due'],
      ['H-3', 12, 'paid'],
    ]);
    expect(t).toMatchObject({ due: 13, collected: 12, outstanding: 1, spent: 50_000, balance: 150_000 });
    expect(t.collectedByForm).toEqual({ money: 200_000, labour: 12, property: 1_500_000 });
  });

  it('a collection says what it gave: property needs its description, labour a plausible number of workdays', () => {
    const issue = (entry: unknown) => LedgerEntrySchema.safeParse(entry).error?.issues[0]?.message;
    const c = { type: 'collection', rollId: 'H-1', amount: 1, date: '2027-01-05', receiptNo: '1' };
    expect(issue({ ...c, form: 'property' })).toBe('description: what property was received');
    expect(issue({ ...c, description: 'Gạch' })).toBe('description: only for property received');
    expect(issue({ ...c, form: 'labour', amount: 50_000 })).toBe('amount: at most 10000 workdays');
    expect(issue({ ...c, form: 'wheat' })).toBe('form: labour or property (none for money)');
  });

  it('chains the village head’s reports with the entries; a correction withdraws one; totals ignore them', () => {
    const document = {
      title: 'Báo cáo tháng 1',
      file: `docs/${'a'.repeat(64)}.pdf`,
      sha256: 'a'.repeat(64),
      bytes: 1200,
      mediaType: 'application/pdf' as const,
    };
    const events = ledger([
      { type: 'report', date: '2027-01-31', text: 'Đã làm xong 200 m đường.', document },
      { type: 'correction', ref: 1, reason: 'Đăng nhầm tệp' },
      { type: 'report', date: '2027-02-01', text: 'Đã làm xong 200 m đường.' },
    ]);
    expect(verifyLedger(toLedgerJsonl(events)).problems).toEqual([]);
    expect(ledgerTotals(labour, events)).toMatchObject({ collected: 0, spent: 0 });
    expect(LedgerEntrySchema.safeParse({ type: 'report', date: '2027-02-01', text: ' ' }).success).toBe(false);
    expect(LedgerEntrySchema.safeParse({ type: 'report', date: '2027-02-01', text: 'x', document: { ...document, file: 'docs/x.pdf' } }).success).toBe(false);
  });
});
