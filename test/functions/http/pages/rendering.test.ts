import { describe, expect, it } from 'vitest';
import type { Consultation, State } from '../../../../shared/schemas.ts';
import { BallotPage } from '../../../../web/vote/ballot-page.tsx';
import { maskedCode, trackingCode, votingStatus, withLang, type VotingStatus } from '../../../../web/vote/model.ts';
import { RecordedPage } from '../../../../web/vote/recorded-page.tsx';
import { ReviewPage } from '../../../../web/vote/review-page.tsx';

const consultation: Consultation = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  commune: 'xa-thu-nghiem',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'opinion',
  method: 'household_ballot',
  title: 'Giờ mở nhà văn hóa',
  titleEn: 'Opening hours of the cultural house',
  description: 'Lấy ý kiến.',
  opensAt: '2026-11-01T00:00:00Z',
  closesAt: '2026-11-22T10:00:00Z',
  questions: [
    {
      id: 'q1',
      type: 'single',
      text: 'Chọn <b>giờ</b>',
      textEn: 'Choose the hours',
      options: [
        { id: 'a', label: '<script>alert(1)</script>' },
        { id: 'b', label: 'Buổi tối' },
      ],
      rule: { base: 'plurality' },
    },
  ],
};
const RECEIPT = `3fa9c107b2${'e'.repeat(54)}`;
const html = (node: unknown) => String(node);

describe('where a round stands for a resident', () => {
  const before = new Date('2026-11-10T00:00:00Z');
  const after = new Date('2026-11-23T00:00:00Z');
  it.each<[State, Date, Consultation['method'], VotingStatus]>([
    ['disclosure', before, 'household_ballot', 'not_yet'],
    ['voting', before, 'household_ballot', 'open'],
    ['voting', new Date('2026-10-31T23:59:59Z'), 'household_ballot', 'scheduled'],
    ['voting', new Date('2026-11-01T00:00:00Z'), 'household_ballot', 'open'],
    ['voting', after, 'household_ballot', 'ended'],
    ['voting', before, 'meeting', 'meeting'],
    ['closed', before, 'household_ballot', 'counting'],
    ['published', after, 'household_ballot', 'published'],
    ['cancelled', before, 'household_ballot', 'cancelled'],
  ])('a round in %s at %s by %s is %s', (state, now, method, status) => {
    expect(votingStatus({ ...consultation, method }, state, now)).toBe(status);
  });
});

describe('the small formats of the resident pages', () => {
  it('groups the tracking code, the receipt’s first 10 characters, in two fives', () => {
    expect(trackingCode(RECEIPT)).toBe('3fa9c 107b2');
  });

  it('adds the English parameter only for English', () => {
    expect(withLang('/vote/x', 'vi')).toBe('/vote/x');
    expect(withLang('/vote/x', 'en')).toBe('/vote/x?lang=en');
    expect(withLang('/vote/x/receipt?r=1', 'en')).toBe('/vote/x/receipt?r=1&lang=en');
  });

  it('shows only the last group of a code', () => {
    expect(maskedCode('ABCD-EFGH-JKMN-PQRS')).toBe('••••-••••-••••-PQRS');
  });
});

describe('the resident pages as rendered', () => {
  it('say the ballot is recorded in both languages, with the receipt and its tracking code', () => {
    const page = html(RecordedPage({ lang: 'vi', consultation, receipt: RECEIPT, replaced: false }));
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ</h1>');
    expect(page).toContain('<p lang="en">YOUR HOUSEHOLD’S BALLOT IS RECORDED</p>');
    expect(page).toContain(`<code id="receipt" class="receipt">${RECEIPT}</code>`);
    expect(page).toContain('<p class="tracking">3fa9c 107b2</p>');
    expect(page).toContain('17:00 22/11/2026');
    expect(page).toContain(`href="/vote/${consultation.id}/receipt/${RECEIPT}"`);
    expect(page).not.toContain('<form');
  });

  it('say when a cast replaced the household’s earlier ballot', () => {
    expect(html(RecordedPage({ lang: 'en', consultation, receipt: RECEIPT, replaced: true }))).toContain(
      'This ballot replaces the one your household sent earlier',
    );
  });

  it('escape the consultation’s text, and mark Vietnamese text on an English page', () => {
    const vi = html(BallotPage({ lang: 'vi', consultation, status: 'open', disclosureUrl: '/c/x/' }));
    expect(vi).not.toContain('<script>alert');
    expect(vi).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(vi).toContain('Chọn &lt;b&gt;giờ&lt;/b&gt;');
    const en = html(BallotPage({ lang: 'en', consultation, status: 'open', disclosureUrl: '/c/x/' }));
    expect(en).toContain('<h1>Opening hours of the cultural house</h1>');
    expect(en).toContain('Choose the hours');
    expect(en).toContain('<span lang="vi">Buổi tối</span>');
  });

  it('show no form when voting is not open, only where the round stands', () => {
    const page = html(BallotPage({ lang: 'vi', consultation, status: 'counting', disclosureUrl: '/c/x/' }));
    expect(page).toContain('Ban kiểm phiếu đang kiểm phiếu');
    expect(page).not.toContain('<form');
  });

  it('carry the code and answers of the review step in hidden fields, escaped', () => {
    const page = html(ReviewPage({ lang: 'vi', consultation, code: 'ABCD-EFGH-JKMN-PQRS', answers: { q1: 'a"><b>' } }));
    expect(page).toContain('<input type="hidden" name="code" value="ABCD-EFGH-JKMN-PQRS"/>');
    expect(page).toContain('<input type="hidden" name="a.q1" value="a&quot;&gt;&lt;b&gt;"/>');
    expect(page).toContain('Kiểm tra lại lựa chọn — phiếu CHƯA được gửi');
  });
});
