import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { complaintsSummary } from '../../shared/complaints.ts';
import type { Comment, HideReason } from '../../shared/discussion.ts';
import { Consultation, Manifest } from '../../shared/schemas.ts';
import { outcomeSentence, resultPage } from '../../web/result-page.tsx';
import { expected, VECTORS_DIR } from '../support/vectors.ts';
import { scriptsOf } from './markup.ts';

const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as unknown;
const consultation = Consultation.parse(good('consultation.json'));
const manifest = Manifest.parse(good('result.json'));
const kid = expected.key.kid;
const page = (attestations: Parameters<typeof resultPage>[0]['attestations'] = []) => resultPage({ consultation, manifest, kid, attestations });

describe('the result page', () => {
  it("keeps the outcome of each question in one sentence, the issue's example word for word", () => {
    const q = consultation.questions[0]!;
    const t = { ...manifest.tally[0]!, eligible: 30, cast: 28, counts: { yes: 24, no: 4 }, threshold: 20 };
    expect(outcomeSentence(q, t)).toBe('Được thông qua: 24/30 hộ tán thành (80%); cần từ 20 hộ trở lên (từ 2/3 tổng số hộ gia đình trở lên).');
    expect(page()).toContain('Được thông qua: 8/12 hộ tán thành (66,7%); cần từ 8 hộ trở lên (từ 2/3 tổng số hộ gia đình trở lên).');
  });

  it('draws one chart per question, each with its threshold line', () => {
    const html = page();
    expect(html.match(/<svg\b/g)).toHaveLength(3);
    expect(html.match(/stroke-dasharray/g)).toHaveLength(3);
    for (const q of consultation.questions) expect(html).toContain(`aria-labelledby="chart-${q.id}-title chart-${q.id}-desc"`);
  });

  it('gives turnout by channel, adding up to the households that took part', () => {
    const html = page();
    expect(html).toContain('<th scope="row">Trực tuyến <span lang="en" class="en">/ Online</span></th><td class="n">5</td><td class="n">41,7%</td>');
    expect(html).toContain('<th scope="row">Phiếu giấy <span lang="en" class="en">/ Paper ballot</span></th><td class="n">3</td>');
    expect(html).toContain('<th scope="row">Tại cuộc họp <span lang="en" class="en">/ At the meeting</span></th><td class="n">2</td>');
  });

  it('links every bundle file, the spreadsheets, the verify page and the key, and shows the key fingerprint', () => {
    const html = page();
    for (const f of [
      'consultation.json',
      'roll.json',
      'participants.json',
      'ballots.json',
      'audit.jsonl',
      'result.json',
      'result.jws',
      'ballots.csv',
      'tally.csv',
      'verify.html',
    ]) {
      expect(html, f).toContain(`<a href="${f}">`);
    }
    expect(html).toContain(`<a href="../../keys/${kid}.pem">`);
    expect(html).toContain(`<code>${kid}</code>`);
  });

  it('names the monitors who countersigned, escaped, and links their attestations', () => {
    const html = page([
      'AAAA',
      { kid: expected.monitorKid, monitor: { name: 'Trần <Thị> B', organisation: 'Ban Thanh tra nhân dân' }, at: '2026-10-28T03:00:00Z' },
    ]);
    expect(html).toContain(`<li data-kid="${expected.monitorKid}"><strong>Trần &lt;Thị&gt; B</strong> — Ban Thanh tra nhân dân, lúc 10:00 28/10/2026.`);
    // The fingerprint shortened beside the name, whole in its title and behind a toggle.
    expect(html).toContain(
      `<a href="attestations/${expected.monitorKid}.jws" title="${expected.monitorKid}"><code>${expected.monitorKid.slice(0, 12)}…</code></a>`,
    );
    expect(html).toContain(`<code>${expected.monitorKid}</code></details>`);
    expect(html).toContain('<a href="attestations/AAAA.jws" title="AAAA">');
    expect(page()).toContain('Chưa có chữ ký xác nhận nào.');
  });

  it('links the decision record and the counting record once drafted, with which officers have signed with a key', () => {
    expect(page()).not.toContain('record/decision.html');
    const drafted = resultPage({ consultation, manifest, kid, attestations: [], decisionRecord: { signed: [], counting: false } });
    expect(drafted).toContain('<p id="decision-record"><a href="record/decision.html">');
    expect(drafted).not.toContain('record/counting.html');
    expect(drafted).toContain('đã ký số: chưa ai; chưa ký: Trưởng thôn, Trưởng ban công tác Mặt trận.');
    const signed = resultPage({ consultation, manifest, kid, attestations: [], decisionRecord: { signed: ['village_head'], counting: true } });
    expect(signed).toContain('<a href="record/counting.html">');
    expect(signed).toContain('đã ký số: Trưởng thôn; chưa ký: Trưởng ban công tác Mặt trận.');
    expect(signed).toContain('Signed with a key: village head; not yet: head of the Front working committee.');
    expect(signed).not.toContain('minutes.html');
  });

  it('is Vietnamese first, runs no script, and is under 30 KB compressed', () => {
    const html = page();
    expect(html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
    expect(scriptsOf(html)).toEqual([]);
    expect(gzipSync(html).length).toBeLessThan(30 * 1024);
  });
});

describe('the petitions on the result page', () => {
  const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
  const at = (d: number) => `2026-12-0${d}T00:00:00Z`;
  const complaint = (n: number, rollId: string, hidden?: HideReason): Comment => ({
    id: `01ARZ3NDEKTSV4RRFFQ69G5FC${n}`,
    consultationId: ID,
    rollId,
    text: `nội dung riêng của ${rollId}`,
    at: at(n),
    official: false,
    ...(hidden ? { hidden: { reason: hidden, at: at(n + 1), by: 'official-a' } } : {}),
  });
  const withComplaints = (items: Comment[]) => resultPage({ consultation, manifest, kid, attestations: [], complaints: complaintsSummary(items) });

  it('counts the hidden petitions by reason and shows each as a placeholder without its text or household', () => {
    const html = withComplaints([complaint(2, 'H-001', 'spam'), complaint(3, 'H-002', 'personal_data'), complaint(4, 'H-003')]);
    expect(html).toContain('Số kiến nghị, phản ánh bị ẩn: <strong data-count="complaints-hidden">2</strong> (quảng cáo, tin rác: 1; lộ thông tin cá nhân: 1).');
    expect(html).toContain('Hidden by moderation: 2 (spam: 1; personal data: 1).');
    expect(html).toContain('Kiến nghị này đã bị ẩn (lý do: lộ thông tin cá nhân)');
    // Spam needs no answer; a petition hidden for personal data waits for one like any other.
    expect(html.match(/Không cần trả lời: tin rác không phải là kiến nghị\./g)).toHaveLength(1);
    expect(html.match(/Chưa có trả lời\./g)).toHaveLength(2);
    expect(html).toContain('Hộ H-003');
    for (const secret of ['H-001', 'H-002', 'nội dung riêng của H-001', 'official-a']) expect(html).not.toContain(secret);
  });

  it('says none were hidden when none were', () => {
    expect(withComplaints([complaint(2, 'H-001')])).toContain('Số kiến nghị, phản ánh bị ẩn: <strong data-count="complaints-hidden">0</strong>.');
  });
});

describe('sending and recognition on the result page', () => {
  const sent = { date: '2026-12-03', reference: '12/TB-TĐ', at: '2026-12-03T03:00:00Z' };
  it('shows the deadline, each sending, a refusal with its reasons, and flags what is overdue', () => {
    const html = resultPage({
      consultation,
      manifest,
      kid,
      attestations: [],
      record: {
        takesEffect: 'ubnd_xa',
        sending: { deadline: '2026-12-08', sent: [{ ...sent, to: 'ubnd_xa', late: false }], pending: ['ubmttq_xa'], overdue: true },
        recognition: {
          by: 'ubnd_xa',
          deadline: '2026-12-10',
          overdue: false,
          decision: { decision: 'refused', date: '2026-12-09', reference: '45/QĐ-UBND', at: '2026-12-09T02:00:00Z', reason: 'Trái pháp luật', late: false },
        },
        amendmentRequest: { date: '2026-12-10', reference: '46/UBND', at: '2026-12-10T02:00:00Z', reason: 'Sai thủ tục' },
      },
    });
    expect(html).toContain('Gửi và công nhận / Sending and recognition');
    expect(html).toContain('Hạn gửi quyết định đến UBND xã và UBMTTQ xã: <strong>08/12/2026</strong>');
    expect(html).toContain('Đã gửi UBND xã ngày 03/12/2026, văn bản số 12/TB-TĐ.');
    expect(html).toContain('Chưa ghi nhận việc gửi UBMTTQ xã.');
    expect(html.match(/class="overdue"/g)).toHaveLength(2);
    expect(html).toContain('UBND xã không công nhận ngày 09/12/2026, văn bản số 45/QĐ-UBND; lý do: Trái pháp luật.');
    expect(html).toContain('đề nghị cộng đồng dân cư sửa đổi, bổ sung, thay thế quyết định (Điều 22) ngày 10/12/2026');
    expect(html).not.toContain('Chưa có quyết định công nhận.');
  });

  it('says a decision that takes effect on the vote needs no recognition, and shows no recognition step', () => {
    const html = resultPage({
      consultation,
      manifest,
      kid,
      attestations: [],
      record: { takesEffect: 'on_vote', sending: { deadline: '2026-12-08', sent: [], pending: ['ubnd_xa', 'ubmttq_xa'], overdue: false } },
    });
    expect(html).toContain('không cần công nhận');
    expect(html).not.toContain('class="overdue"');
    expect(html).not.toContain('Chưa có quyết định công nhận.');
  });
});
