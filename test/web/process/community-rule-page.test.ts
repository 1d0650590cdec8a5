import { describe, expect, it } from 'vitest';
import { linkProblems, ROUND_WORDS, type RuleRound, ruleState } from '../../../shared/process/rule-rounds.ts';
import { communityRulePage } from '../../../web/process/community-rule-page.tsx';
import type { RoundRecord } from '../../../web/process/rule-parts.tsx';
import { dayVi } from '../../../web/process/words.tsx';
import { textOf } from './render.ts';

const adoption: RuleRound = { id: 'r1', kind: 'adoption', effective: '2026-06-01' };
const amendment: RuleRound = { id: 'r2', kind: 'amendment', rule: 'r1', effective: '2026-09-15' };
const suspension: RuleRound = { id: 'r3', kind: 'suspension', rule: 'r1', effective: '2026-10-01', until: '2026-11-01' };
const annulment: RuleRound = { id: 'r4', kind: 'annulment', rule: 'r1', effective: '2027-02-01' };

const records: RoundRecord[] = [
  {
    round: adoption,
    title: 'Hương ước thôn Đông',
    href: '../../c/r1/',
    text: { vi: 'Điều 1. Mỗi hộ giữ gìn vệ sinh đường làng.', translations: [{ language: 'Tày', lang: 'tyz', text: 'Điều 1 (tiếng Tày).' }] },
    recognition: { on: '2026-06-01', decision: '101/QĐ-UBND', copy: 'r1-recognition.pdf' },
  },
  {
    round: amendment,
    title: 'Sửa đổi Điều 1',
    href: '../../c/r2/',
    text: { vi: 'Điều 1 được sửa: thêm việc phân loại rác.' },
    recognition: { on: '2026-09-15' },
  },
  { round: suspension, title: 'Tạm ngưng Điều 3 mùa lũ', href: '../../c/r3/', recognition: { on: '2026-10-01' } },
  { round: annulment, title: 'Bãi bỏ hương ước', href: '../../c/r4/', recognition: { on: '2027-02-01' } },
];
const rounds = records.map((r) => r.round);
const page = (on: string) =>
  communityRulePage({
    hamlet: 'Thôn Đông',
    communeName: 'Xã An Bình',
    base: '../../',
    on,
    rule: { title: 'Hương ước thôn Đông', state: ruleState(rounds, 'r1', on), rounds: records },
  });

describe('the public page of a hamlet’s community rule', () => {
  it('shows the rule in force, its text with the translation beside it, its amendments and recognitions', () => {
    const on = '2026-12-01';
    expect(linkProblems({ id: 'r5', kind: 'amendment', rule: 'r1' }, rounds, on)).toEqual([]);
    const html = page(on);
    expect(html).toBe(html.normalize('NFC'));
    expect(html).toContain('lang="en"');
    expect(textOf(html)).toContain('Đang có hiệu lực');
    expect(html).toContain('lang="vi">Điều 1. Mỗi hộ giữ gìn vệ sinh đường làng.</div>');
    expect(html).toContain('lang="tyz">Điều 1 (tiếng Tày).</div>');
    expect(html.indexOf('Điều 1 được sửa')).toBeGreaterThan(html.indexOf('Mỗi hộ giữ gìn'));
    expect(textOf(html)).toContain(`công nhận theo Quyết định số 101/QĐ-UBND ngày ${dayVi('2026-06-01')}`);
    expect(html).toContain('href="r1-recognition.pdf"');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('lists the history as linked rounds, oldest first, a suspension with its end', () => {
    const html = page('2026-12-01');
    const history = html.slice(html.indexOf('id="history"'));
    const order = ['r1', 'r2', 'r3'].map((id) => history.indexOf(`href="../../c/${id}/"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(textOf(history)).toContain(`${ROUND_WORDS.suspension.vi} đến ${dayVi('2026-11-01')}`);
    expect(history).not.toContain('href="../../c/r4/"');
  });

  it('says when the rule is suspended, and shows no text in force once annulled', () => {
    expect(textOf(page('2026-10-15'))).toContain('Đang tạm ngưng thực hiện');
    const annulled = page('2027-03-01');
    expect(textOf(annulled)).toContain('Đã bị bãi bỏ');
    expect(annulled).not.toContain('id="in-force"');
    expect(annulled).toContain('href="../../c/r4/"');
  });

  it('says so when the hamlet has no rule', () => {
    const html = communityRulePage({ hamlet: 'Thôn Tây', on: '2026-12-01' });
    expect(textOf(html)).toContain('Thôn Tây chưa có hương ước, quy ước được công nhận.');
    expect(html).toBe(html.normalize('NFC'));
  });
});
