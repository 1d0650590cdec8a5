import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../shared/bundle.ts';
import { draftMinutes, outcomeSentence, percentOfH, ruleInWords, vnNumber, vnPercent, type MinutesInput, type SignedRole } from '../../shared/minutes.ts';
import type { Rule } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { percent, vnNumber as webNumber } from '../../web/format.ts';
import { minutesPage } from '../../web/minutes-page.tsx';
import { outcomeSentence as webSentence, ruleInWords as webRule } from '../../web/result-page.tsx';
import { bundleInput, consultation } from '../shared/bundle-fixture.ts';
import { scriptsOf } from './markup.ts';

// The fixture's round: 10 households, 7 ballots; q1 rejected, q2 no option adopted, q3 adopted.
const input = bundleInput();
const bundle = buildBundle(input);
const officers: MinutesInput['officers'] = {
  chair: { name: 'Nguyễn Văn An', title: 'Trưởng thôn Đông' },
  secretary: { name: 'Lê <Thị> Bình', title: 'Thư ký cuộc họp' },
  frontRepresentative: { name: 'Trần Văn Cường', organisation: 'Ban công tác Mặt trận thôn Đông' },
};
const draft = (over: Partial<MinutesInput> = {}) =>
  draftMinutes({ consultation, manifest: bundle.manifest, manifestHash: sha256Hex(bundle.manifestBytes), officers, place: 'Nhà văn hóa thôn Đông', ...over });
const minutes = draft();
const KID = {
  chair: 'Q2hhaXJLZXlUaHVtYnByaW50AAAAAAAAAAAAAAAAAAA',
  secretary: 'U2VjcmV0YXJ5S2V5VGh1bWJwcmludAAAAAAAAAAAAAA',
  front: 'RnJvbnRLZXlUaHVtYnByaW50AAAAAAAAAAAAAAAAAAA',
};
const signedBy = (...roles: SignedRole['role'][]): SignedRole[] => roles.map((role) => ({ role, kid: KID[role], at: '2026-11-20T11:00:00Z' }));

describe('the minutes page', () => {
  it("carries the national motto, the form's title for the method, place, time and H", () => {
    const html = minutesPage({ minutes });
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/><span class="line">Độc lập - Tự do - Hạnh phúc</span>');
    expect(html).toContain('<h1>Biên bản tổng hợp kết quả lấy ý kiến hộ gia đình</h1>');
    expect(html).toContain('<p class="dateline">Thôn Đông, ngày 20 tháng 11 năm 2026</p>');
    expect(html).toContain('Từ 07:00 01/11/2026 đến 17:00 20/11/2026 (giờ Việt Nam), tại Nhà văn hóa thôn Đông');
    expect(html).toContain('Tổng số hộ gia đình trong danh sách: <strong>10</strong> hộ.');
    expect(html).toContain(`<code>${minutes.manifest}</code>`);
    const meeting = minutesPage({
      minutes: { ...minutes, method: 'meeting', attendance: { present: 6, percentOfH: '60.0', quorum: { required: 6, met: true } } },
    });
    expect(meeting).toContain('<h1>Biên bản cuộc họp của cộng đồng dân cư</h1>');
    expect(meeting).toContain('Số hộ gia đình có đại diện tham dự cuộc họp: <strong>6</strong> (60,0%)');
    expect(meeting).toContain('Cần ít nhất 6 hộ có mặt: cuộc họp đủ điều kiện.');
  });

  it('gives participation by channel with shares of H', () => {
    const html = minutesPage({ minutes });
    expect(html).toContain('<tr><th scope="row">Trực tuyến</th><td class="n">4</td><td class="n">40,0%</td></tr>');
    expect(html).toContain('<tr><th scope="row">Phiếu giấy</th><td class="n">2</td><td class="n">20,0%</td></tr>');
    expect(html).toContain('<tr><th scope="row">Tại cuộc họp</th><td class="n">1</td><td class="n">10,0%</td></tr>');
    expect(html).toContain('<tr><th scope="row">Tổng cộng</th><td class="n">7</td><td class="n">70,0%</td></tr>');
  });

  it("shows each question's counts, rule, threshold and THÔNG QUA or KHÔNG THÔNG QUA, and the decision", () => {
    const html = minutesPage({ minutes });
    expect(minutes.questions.map((q) => q.status)).toEqual(['rejected', 'no_decision', 'adopted']);
    const statuses = [...html.matchAll(/<p class="status (\w+)">([^<]+)</g)].map((m) => [m[1], m[2]]);
    expect(statuses).toEqual([
      ['rejected', 'KHÔNG THÔNG QUA'],
      ['no_decision', 'KHÔNG THÔNG QUA'],
      ['adopted', 'THÔNG QUA'],
    ]);
    expect(html).toContain('<h3 id="q-q1">Nội dung 1: Tán thành chủ trương làm đường?</h3>');
    expect(html).toContain('<tr><th scope="row">Tán thành</th><td class="n">5</td><td class="n">50,0%</td></tr>');
    expect(html).toContain('<tr><th scope="row">Không tham gia</th><td class="n">3</td><td class="n">30,0%</td></tr>');
    expect(html).toContain('Điều kiện thông qua: ít nhất 2/3 tổng số hộ, tức ít nhất 7 hộ.');
    expect(html).toContain('Điều kiện thông qua: phương án được nhiều phiếu nhất.');
    expect(html).toContain(`<p>${minutes.questions[0]!.decisionText}</p>`);
    for (const line of minutes.decision.split('\n')) expect(html).toContain(`<p>${line}</p>`);
  });

  it('shows a signed role as signed with its key, and an empty line to sign by hand for the others', () => {
    const none = minutesPage({ minutes });
    expect(none.match(/<div class="sign-here"><\/div>/g)).toHaveLength(3);
    expect(none).not.toContain('Đã ký số');
    const chairOnly = minutesPage({ minutes, signed: signedBy('chair') });
    expect(chairOnly).toContain(`Đã ký số (khóa <code>${KID.chair}</code>) lúc 18:00 20/11/2026`);
    expect(chairOnly.match(/<div class="sign-here"><\/div>/g)).toHaveLength(2);
    const all = minutesPage({ minutes, signed: signedBy('chair', 'secretary', 'front') });
    expect(all).not.toContain('class="sign-here"');
    for (const kid of Object.values(KID)) expect(all).toContain(`<code>${kid}</code>`);
    expect(all).toContain('<p><strong>Trần Văn Cường</strong></p><p>Ban công tác Mặt trận thôn Đông</p>');
  });

  it("leaves the Front representative's line to be filled by hand when none is named", () => {
    const { frontRepresentative: _, ...noFront } = minutes;
    const html = minutesPage({ minutes: noFront, signed: signedBy('chair', 'secretary', 'front') });
    expect(html.match(/<div class="sign-here"><\/div>/g)).toHaveLength(1);
    expect(html).not.toContain(KID.front);
    expect(html).toContain('<p><strong>……………………</strong></p>');
  });

  it('names the officers, escaped, and no resident: no roll id, receipt or nonce appears', () => {
    const html = minutesPage({ minutes });
    expect(html).toContain('Thư ký: Ông (bà) Lê &lt;Thị&gt; Bình. Chức vụ: Thư ký cuộc họp.');
    expect(html).not.toContain('<Thị>');
    expect(html).not.toMatch(/DG-\d{3}/);
    for (const b of input.ballots) {
      expect(html).not.toContain(b.receipt);
      expect(html).not.toContain(b.nonce);
    }
  });

  it('prints on A4 with 20 mm margins and no navigation, and loads nothing and runs nothing', () => {
    const html = minutesPage({ minutes });
    expect(html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
    expect(html).toContain('@page{size:A4;margin:20mm}');
    expect(html).toMatch(/@media print\{[^}]*\}?header,footer,\.no-print\{display:none!important\}/);
    expect(html).toContain('<header><a href="../../">');
    expect(scriptsOf(html)).toEqual([]);
    expect(html).not.toMatch(/<link\b|\bsrc=|url\(|@import/);
    expect(gzipSync(html).length).toBeLessThan(10 * 1024);
  });

  it('puts English in small text beside the Vietnamese headings, marked as English', () => {
    const html = minutesPage({ minutes });
    expect(html).toContain('.en{font-size:.8em}');
    expect(html).toContain('<h2>I. Thành phần tham dự<span lang="en" class="en"> Composition</span></h2>');
    expect(html).toContain('<h3 id="sign-chair">Chủ trì<span lang="en" class="en"> Chair</span></h3>');
  });
});

describe('the words of shared/minutes.ts', () => {
  // The result page has its own copies; until it imports these, they must say the same thing.
  const _rules: Rule[] = [
    { base: 'eligible', op: 'at_least', fraction: [2, 3] },
    { base: 'eligible', op: 'more_than', fraction: [1, 2] },
    { base: 'cast', op: 'more_than', fraction: [2, 4] },
    { base: 'cast', op: 'at_least', fraction: [3, 5] },
    { base: 'plurality' },
  ];

  it("are the result page's words for rules and outcomes (one source), and its percentages and numbers", () => {
    // The result page takes its rule and outcome sentences from shared/minutes.ts; here they are, in words.
    expect(webRule).toBe(ruleInWords);
    expect(webSentence).toBe(outcomeSentence);
    expect(ruleInWords({ base: 'eligible', op: 'at_least', fraction: [2, 3] }, 20)).toBe('cần ít nhất 20 hộ (2/3 tổng số hộ)');
    expect(ruleInWords({ base: 'eligible', op: 'more_than', fraction: [1, 2] }, 6)).toBe('cần ít nhất 6 hộ (quá 1/2 tổng số hộ)');
    // One source of digits: the pages' formats are the minutes' (shared/numbers.ts).
    expect(percent).toBe(vnPercent);
    expect(webNumber).toBe(vnNumber);
    expect([vnPercent(2, 3), vnPercent(4, 5), vnPercent(0, 0), vnPercent(1, 8), percentOfH(1, 8)]).toEqual(['66,7%', '80%', '0%', '12,5%', '12.5']);
    expect(vnNumber(1_200_000_000)).toBe('1.200.000.000');
    // Sums of money beyond exact arithmetic, or a negative correction, still show (a page must not fail on them).
    expect(vnPercent(9e15, 1e16)).toBe('90%');
    expect(vnPercent(-5, 10)).toBe('-50%');
    expect(vnPercent(1, 0)).toBe('0%');
    expect(() => percentOfH(9e15, 1e16)).toThrow(RangeError);
    const q1 = consultation.questions[0]!;
    const t1 = bundle.manifest.tally[0]!;
    expect(outcomeSentence(q1, { ...t1, outcome: { status: 'quorum_not_met', options: [] } })).toBe(
      `Không đủ số hộ tham gia theo quy định: ${t1.cast}/${t1.eligible} hộ tham gia.`,
    );
  });
});
