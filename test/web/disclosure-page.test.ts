import { describe, expect, it } from 'vitest';
import { disclosurePage, paymentRows } from '../../web/disclosure-page.tsx';
import type { Consultation } from '../../shared/schemas.ts';

const base: Consultation = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  commune: 'xa-a',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'contribution',
  method: 'household_ballot',
  title: 'Đường <b>thôn</b>',
  description: 'Mô tả',
  opensAt: '2026-12-01T01:00:00Z',
  closesAt: '2026-12-08T10:00:00Z',
  questions: [{ id: 'q1', type: 'yes_no', text: 'Tán thành?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } }],
  contribution: {
    totalCost: 1_000_000_000,
    stateBudget: 900_000_000,
    residentsShare: 100_000_000,
    basis: 'per_household',
    amountPerUnit: 333_333,
    exemptions: [
      { category: 'poor', percent: 100 },
      { category: 'near_poor', percent: 50 },
    ],
  },
};

describe('the disclosure page', () => {
  it('tells each kind of household what it pays, exemptions applied and rounded down to whole dong', () => {
    expect(paymentRows(base)).toEqual([
      {
        level: 'Mức đề xuất',
        amounts: [
          { category: 'Hộ thường', dong: 333_333 },
          { category: 'Hộ nghèo', dong: 0 },
          { category: 'Hộ cận nghèo', dong: 166_666 },
          { category: 'Gia đình chính sách', dong: 333_333 },
        ],
      },
    ]);
    const html = disclosurePage(base, 'disclosure', 30);
    expect(html).toContain('166.666');
    expect(html).toContain('Mỗi loại hộ đóng bao nhiêu');
  });

  it('has one row per contribution level of a single-choice question', () => {
    const c: Consultation = {
      ...base,
      contribution: { ...base.contribution!, amountPerUnit: undefined },
      questions: [
        {
          id: 'q1',
          type: 'single',
          text: 'Mức nào?',
          options: [
            { id: 'l1', label: 'Mức 1', amountPerUnit: 200_000 },
            { id: 'l2', label: 'Mức 2', amountPerUnit: 300_000 },
          ],
          rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] },
        },
      ],
    };
    expect(paymentRows(c).map((r) => [r.level, r.amounts[2]!.dong])).toEqual([
      ['Mức 1', 100_000],
      ['Mức 2', 150_000],
    ]);
  });

  it('escapes text from the consultation and links to the ballot only while voting', () => {
    expect(disclosurePage(base, 'disclosure', 30)).toContain('Đường &lt;b&gt;thôn&lt;/b&gt;');
    expect(disclosurePage(base, 'disclosure', 30)).not.toContain('/vote/');
    expect(disclosurePage(base, 'voting', 30)).toContain(`../../vote/${base.id}`);
  });
});
