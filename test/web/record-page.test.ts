import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../shared/bundle.ts';
import { draftCounting, draftDecision, type SignedRole } from '../../shared/minutes.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { countingPage } from '../../web/counting-page.tsx';
import { decisionPage } from '../../web/record-page.tsx';
import { auditLog, bundleInput, consultation, rollIds } from '../shared/bundle-fixture.ts';
import { scriptsOf } from './markup.ts';

// The fixture's round: 10 households, 7 ballots; q1 rejected, q2 no option adopted, q3 adopted.
const input = bundleInput();
const bundle = buildBundle(input);
const base = {
  consultation,
  manifest: bundle.manifest,
  manifestHash: sha256Hex(bundle.manifestBytes),
  rollIds: input.rollIds,
  participantIds: input.participants.map((p) => p.id),
};
const present = input.participants.map((p) => p.id);
const record = draftDecision({
  ...base,
  audit: auditLog(),
  entries: {
    form: 'bien_ban',
    letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
    place: 'Nhà văn hóa thôn Đông',
    summary: 'Bàn về <đường> thôn.',
    discussion: [{ question: 'Khi nào làm?', answers: ['Sau mùa mưa.'] }],
    signers: { villageHead: 'Nguyễn <Văn> An', frontHead: 'Trần Văn Cường', households: [present[0]!, present[1]!] },
  },
});
const KID = 'Q2hhaXJLZXlUaHVtYnByaW50AAAAAAAAAAAAAAAAAAA';
const signed: SignedRole[] = [{ role: 'village_head', kid: KID, at: '2026-11-20T11:00:00Z' }];

describe('the decision record page (D59 form 03)', () => {
  it('carries the letterhead, the national motto, the form chosen and every content (a) to (g)', () => {
    const html = decisionPage({ record });
    expect(html).toContain('UBND XÃ AN BÌNH<br/><span class="line">THÔN ĐÔNG</span>');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/><span class="line">Độc lập - Tự do - Hạnh phúc</span>');
    expect(html).toContain('<h1>Biên bản cuộc họp của cộng đồng dân cư</h1>');
    expect(html).toContain('a) Thời gian cộng đồng dân cư bàn và quyết định');
    expect(html).toContain(`Tổng số hộ gia đình thuộc cộng đồng dân cư: <strong>10</strong> hộ`);
    expect(html).toContain(`mã hộ: ${record.households.absent.ids.join(', ')}`);
    expect(html).toContain('Bàn về &lt;đường&gt; thôn.');
    expect(html).toContain('<p>Hỏi: Khi nào làm?</p><p>Trả lời: Sau mùa mưa.</p>');
    expect(html).toContain('d) Hình thức cộng đồng dân cư quyết định');
    expect(html).toContain('đ) Kết quả biểu quyết');
    for (const line of record.decision.split('\n')) expect(html).toContain(`<p>${line}</p>`);
    expect(html).toContain(`<code>${record.manifest}</code>`);
    expect(html).toContain('Nguyễn &lt;Văn&gt; An');
    expect(html).toContain(`Đại diện hộ gia đình (mã hộ ${present[0]})`);
  });

  it('shows a key signature as signed, an empty line to sign by hand for the others, and the scans with their hashes', () => {
    const html = decisionPage({
      record,
      signed,
      scans: [{ document: 'decision', file: `record/scans/${'ab'.repeat(32)}.pdf`, sha256: 'ab'.repeat(32), at: '2026-11-21T02:00:00Z' }],
    });
    expect(html).toContain(`Đã ký số (khóa <code>${KID}</code>)`);
    expect(html.match(/class="sign-here"/g)).toHaveLength(3);
    expect(html).toContain(`<a href="scans/${'ab'.repeat(32)}.pdf">`);
  });

  it('lists a departure with its reason, and nothing when there was none', () => {
    expect(decisionPage({ record })).not.toContain('Những điểm khác với trình tự luật định');
    const early = {
      ...record,
      departures: [{ kind: 'early_opening' as const, at: '2026-11-01T00:00:00Z', days: 30, disclosedAt: null, earliest: null, reason: 'Gấp.' }],
    };
    expect(decisionPage({ record: early })).toContain('Lý do: Gấp.');
  });

  it('prints on A4 and runs nothing; no other roll id than those the record gives', () => {
    const html = decisionPage({ record, pdf: true });
    expect(html).toContain('@page{size:A4;margin:20mm}');
    expect(html).toContain('<a href="decision.pdf" type="application/pdf">');
    expect(scriptsOf(html)).toEqual([]);
    expect(gzipSync(html).length).toBeLessThan(12 * 1024);
    const named = new Set([...record.households.absent.ids, ...record.signers.households]);
    for (const id of rollIds.filter((r) => !named.has(r))) expect(html).not.toContain(id);
  });
});

describe('the counting record page (D59 forms 02, 04)', () => {
  it('names the members, the witnesses by roll id, and the slips', () => {
    const counting = draftCounting({
      ...base,
      entries: {
        letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
        place: 'Nhà văn hóa thôn Đông',
        at: '2026-11-20T11:00:00Z',
        members: [
          { name: 'Trần Văn Cường', role: 'Tổ trưởng' },
          { name: 'Phạm Thị Dung', role: 'Thành viên' },
          { name: 'Hoàng Văn Em', role: 'Thành viên' },
        ],
        witnesses: [present[2]!, present[3]!],
        spoiled: 0,
      },
    });
    const html = countingPage({ record: counting });
    expect(html).toContain('Ông (bà) Phạm Thị Dung — Thành viên');
    expect(html).toContain(`mã hộ ${present[2]}, ${present[3]}`);
    expect(html).toContain('Số phiếu phát ra');
    expect(scriptsOf(html)).toEqual([]);
  });
});
