import { describe, expect, it } from 'vitest';
import { appendEntry, dueSchedule, type LedgerEntry, type LedgerEvent } from '../../shared/contributions.ts';
import type { Consultation, Household } from '../../shared/schemas.ts';
import { contributionsPage } from '../../web/contributions-page.tsx';
import { scriptsOf, xmlProblems } from './markup.ts';

const consultation: Consultation = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  commune: 'xa-a',
  scope: { kind: 'hamlet', name: 'Thôn Tây' },
  matter: 'contribution',
  method: 'household_ballot',
  title: 'Làm đường bê tông thôn Tây',
  titleEn: 'Concrete road, West hamlet',
  description: 'Đường dài 600 m, rộng 3 m.',
  opensAt: '2026-12-01T01:00:00Z',
  closesAt: '2026-12-08T10:00:00Z',
  questions: [
    { id: 'q1', type: 'yes_no', text: 'Tán thành mức đóng góp 400.000 đồng/hộ?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } },
  ],
  contribution: {
    totalCost: 900_000_000,
    stateBudget: 898_000_000,
    residentsShare: 2_000_000,
    basis: 'per_household',
    amountPerUnit: 400_000,
    exemptions: [
      { category: 'poor', percent: 100 },
      { category: 'near_poor', percent: 50 },
    ],
  },
};
const households: Household[] = [
  { id: 'TT-03', hamlet: 'Thôn Tây', head: 'Đỗ Văn Ba', members: 5, category: 'near_poor' },
  { id: 'TT-01', hamlet: 'Thôn Tây', head: 'Lê Văn Một', members: 4, category: 'standard' },
  { id: 'TT-02', hamlet: 'Thôn Tây', head: 'Phạm Thị Hai', members: 3, category: 'poor' },
];
const schedule = dueSchedule({ consultation, households, level: { questionId: 'q1', amountPerUnit: 400_000 } });
const official = { role: 'official' as const, id: 'official-1' };
function ledger(entries: LedgerEntry[]): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const entry of entries) events.push(appendEntry(events, { at: '2027-01-10T03:00:00Z', actor: official, entry }));
  return events;
}
const events = ledger([
  { type: 'collection', rollId: 'TT-01', amount: 400_000, date: '2027-01-05', receiptNo: 'BL-0001' },
  { type: 'collection', rollId: 'TT-03', amount: 20_000, date: '2027-01-06', receiptNo: 'BL-0002' },
  { type: 'correction', ref: 2, reason: 'Ghi nhầm số tiền' },
  { type: 'collection', rollId: 'TT-03', amount: 100_000, date: '2027-01-06', receiptNo: 'BL-0002' },
  { type: 'spending', amount: 300_000, date: '2027-01-20', purpose: 'Mua <b>xi măng</b>', document: 'HĐ 0042' },
]);
const html = contributionsPage({ consultation, schedule, ledger: events });

describe('the contributions page', () => {
  it('shows households by roll id only, never the head’s name', () => {
    for (const h of households) {
      expect(html).toContain(`<th scope="row">${h.id}</th>`);
      expect(html).not.toContain(h.head);
    }
    expect(html).not.toContain('Thôn Tây</td>');
  });

  it('says the adopted level in words, the basis, the exemptions and the rounding rule', () => {
    expect(html).toContain('400.000 đồng/hộ');
    expect(html).toContain('400,000 dong per household');
    expect(html).toContain('Cách tính: theo hộ.');
    expect(html).toContain('Hộ nghèo: được miễn');
    expect(html).toContain('Hộ cận nghèo: được giảm 50%');
    expect(html).toContain('làm tròn xuống đến đồng');
    expect(html).toContain('Tán thành mức đóng góp 400.000 đồng/hộ?');
  });

  it('tells the residents’ share against the total due', () => {
    // 400,000 + 0 + 200,000 due against a share of 2,000,000.
    expect(html).toContain('tổng số phải đóng theo bảng kê: 600.000 đồng; còn thiếu 1.400.000 đồng so với dự toán');
  });

  it('has a captioned table of dues with column and row headers, and totals', () => {
    expect(html).toMatch(/<table><caption>Số tiền phải đóng và đã nộp của từng hộ/);
    expect(html.match(/<th scope="col"/g)?.length).toBeGreaterThanOrEqual(9 + 5);
    expect(html).toContain(
      '<tr><th scope="row">TT-03</th><td>Hộ cận nghèo</td><td class="n">1</td><td class="n">400.000</td><td class="n">50%</td><td class="n">200.000</td><td class="n">100.000</td><td class="n">100.000</td><td>Nộp một phần</td></tr>',
    );
    expect(html).toContain('<th scope="row">Tổng cộng</th>');
  });

  it('shows collected against due and spent against collected as numbers and bars', () => {
    expect(html).toContain('Đã thu 500.000 đồng trên tổng số phải thu 600.000 đồng (83,3%); còn phải thu 100.000 đồng.');
    expect(html).toContain('Đã chi 300.000 đồng trên số đã thu 500.000 đồng; còn lại 200.000 đồng.');
    const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(xmlProblems(svg)).toEqual([]);
    expect(html).toContain('aria-labelledby="bar-collected"');
    expect(html).toContain('<rect x="0" y="0" width="250" height="16" fill="#0b4f8a"></rect>');
  });

  it('lists the ledger newest first, with corrections and escaped text', () => {
    const order = [...html.matchAll(/<th scope="row" class="n">(\d+)<\/th>/g)].map((m) => Number(m[1]));
    expect(order).toEqual([5, 4, 3, 2, 1]);
    expect(html).toContain('Hủy mục số 2: Ghi nhầm số tiền');
    expect(html).toContain('— đã hủy bởi mục số 3');
    expect(html).toContain('Mua &lt;b&gt;xi măng&lt;/b&gt; (chứng từ: HĐ 0042)');
    expect(html).toContain('−20.000');
    expect(html).toContain('05/01/2027');
  });

  it('links the open data beside it, runs no script and is NFC', () => {
    for (const f of ['schedule.json', 'schedule.csv', 'ledger.jsonl']) expect(html).toContain(`<a href="${f}">${f}</a>`);
    expect(scriptsOf(html)).toEqual([]);
    expect(html).toContain('<html lang="vi">');
    expect(html).toBe(html.normalize('NFC'));
  });

  it('says so when nothing was collected or spent yet', () => {
    const empty = contributionsPage({ consultation, schedule, ledger: [] });
    expect(empty).toContain('Chưa có khoản thu, chi nào.');
    expect(empty).toContain('Chưa nộp: 2 hộ');
  });
});
