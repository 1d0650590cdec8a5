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
    expect(html).toMatch(/<table class="stack"><caption>Số tiền phải đóng và đã nộp của từng hộ/);
    expect(html.match(/<th scope="col"/g)?.length).toBeGreaterThanOrEqual(9 + 5);
    expect(html).toContain(
      '<tr><th scope="row">TT-03</th><td data-label="Loại hộ">Hộ cận nghèo</td><td class="n" data-label="Số hộ">1</td><td class="n" data-label="Theo mức">400.000</td><td class="n" data-label="Miễn, giảm">50%</td><td class="n" data-label="Phải đóng">200.000</td><td class="n" data-label="Đã nộp">100.000</td><td class="n" data-label="Còn phải nộp">100.000</td><td data-label="Tình trạng">Nộp một phần</td></tr>',
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

describe('the contributions page in each form', () => {
  it('labour: the level, the dues and what was given in workdays, money given instead told apart', () => {
    const labour: Consultation = { ...consultation, contribution: { ...consultation.contribution!, form: 'labour', workdays: 10, amountPerUnit: 3 } };
    const s = dueSchedule({ consultation: labour, households, level: { questionId: 'q1', amountPerUnit: 3 } });
    const page = contributionsPage({
      consultation: labour,
      schedule: s,
      ledger: ledger([
        { type: 'collection', form: 'labour', rollId: 'TT-01', amount: 3, date: '2027-01-05', receiptNo: 'NC-1' },
        { type: 'collection', rollId: 'TT-03', amount: 100_000, date: '2027-01-05', receiptNo: 'BL-1' },
      ]),
    });
    expect(page).toContain('3 ngày công/hộ');
    expect(page).toContain('3 workdays per household');
    expect(page).toContain('Hình thức đóng góp: bằng ngày công lao động.');
    expect(page).toContain('làm tròn xuống đến ngày công');
    // TT-01 3, TT-02 exempt, TT-03 3 at 50 % = 1 (rounded down).
    expect(page).toContain('Số ngày công nhân dân đóng góp theo dự toán: 10 ngày công; tổng số phải đóng theo bảng kê: 4 ngày công; còn thiếu 6 ngày công');
    expect(page).toContain('Đã góp 3 ngày công trên tổng số phải góp 4 ngày công (75%); còn phải góp 1 ngày công.');
    expect(page).toContain('Ngoài ra đã nhận 100.000 đồng bằng tiền; không tính vào số phải đóng');
    expect(page).toContain('<caption>Số ngày công phải góp và đã góp của từng hộ');
    expect(page).toContain('+3 ngày công');
    expect(page).toContain('Phải đóng (ngày công)');
    expect(page).toBe(page.normalize('NFC'));
  });

  it('property: what is given and its value, each due a share of that value in dong', () => {
    const property = { description: 'Đá hộc 30 m³', value: 1_000_000 };
    const terms: Consultation = { ...consultation, contribution: { ...consultation.contribution!, form: 'property', property } };
    const s = dueSchedule({ consultation: terms, households, level: { questionId: 'q1', amountPerUnit: 400_000 } });
    const page = contributionsPage({
      consultation: terms,
      schedule: s,
      ledger: ledger([
        { type: 'collection', form: 'property', rollId: 'TT-01', amount: 400_000, description: '12 m³ đá hộc', date: '2027-01-05', receiptNo: 'TS-1' },
      ]),
    });
    expect(page).toContain('Hình thức đóng góp: bằng tài sản — Đá hộc 30 m³, trị giá 1.000.000 đồng');
    expect(page).toContain('Giá trị tài sản nhân dân đóng góp theo dự toán: 1.000.000 đồng');
    expect(page).toContain('Đã nhận tài sản trị giá 400.000 đồng trên tổng giá trị phải góp 600.000 đồng');
    expect(page).toContain('Hộ TT-01, biên lai số TS-1: tài sản — 12 m³ đá hộc');
  });

  it('publishes the village head’s reports that stand, newest first, with the file each was signed on', () => {
    const sha = 'b'.repeat(64);
    const document = { title: 'Báo cáo tháng 1', file: `docs/${sha}.pdf`, sha256: sha, bytes: 2048, mediaType: 'application/pdf' as const };
    const page = contributionsPage({
      consultation,
      schedule,
      ledger: ledger([
        { type: 'report', date: '2027-01-31', text: 'Đã đổ 200 m <bê tông>.', document },
        { type: 'report', date: '2027-02-28', text: 'Nhầm' },
        { type: 'correction', ref: 2, reason: 'Đăng nhầm' },
        { type: 'report', date: '2027-03-31', text: 'Hoàn thành.' },
      ]),
    });
    expect(page).toContain('Báo cáo kết quả thực hiện');
    expect(page).toContain(`<a href="../../../c/${consultation.id}/docs/${sha}.pdf">Báo cáo tháng 1`);
    expect(page).toContain('Đã đổ 200 m &lt;bê tông&gt;.');
    expect(page.indexOf('Báo cáo ngày 31/03/2027')).toBeLessThan(page.indexOf('Báo cáo ngày 31/01/2027'));
    expect(page).not.toContain('Báo cáo ngày 28/02/2027 (mục');
    expect(page).toContain('Hủy mục số 2: Đăng nhầm');
    const none = contributionsPage({ consultation, schedule, ledger: [] });
    expect(none).toContain('Chưa có báo cáo nào.');
  });
});
