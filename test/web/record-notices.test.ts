/**
 * The notices sent, on the decision record as evidence of notice: which notice, when (Vietnam time), to how many
 * households, how many reached and through which channel, read from the round's `notice_sent` events; nothing when no
 * notice was sent, and never a number or a name.
 */
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../shared/bundle.ts';
import { draftDecision } from '../../shared/minutes.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { channelWords, noticeEvidenceOf } from '../../web/notice-evidence.ts';
import { decisionPage } from '../../web/record-page.tsx';
import { auditLog, bundleInput, consultation } from '../shared/bundle-fixture.ts';

const input = bundleInput();
const bundle = buildBundle(input);
const present = input.participants.map((p) => p.id);
const record = draftDecision({
  consultation,
  manifest: bundle.manifest,
  manifestHash: sha256Hex(bundle.manifestBytes),
  rollIds: input.rollIds,
  participantIds: present,
  audit: auditLog(),
  entries: {
    form: 'bien_ban',
    letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
    place: 'Nhà văn hóa thôn Đông',
    summary: 'Bàn về đường thôn.',
    discussion: [],
    signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Trần Văn Cường', households: [present[0]!, present[1]!] },
  },
});

const counts = { failed: 0, optedOut: 1, noContact: 1, textSha256: 'a'.repeat(64) };
const events = [
  { action: 'disclosed', at: '2026-11-10T01:00:00Z', data: {} },
  {
    action: 'notice_sent',
    at: '2026-11-10T02:00:00Z',
    data: { kind: 'meeting_invitation', households: 10, sent: 8, ...counts, channels: { sms: 7, zalo: 1 } },
  },
  { action: 'notice_sent', at: '2026-11-18T03:30:00Z', data: { kind: 'reminder_not_voted', households: 3, sent: 2, ...counts, channels: { sms: 2, zalo: 0 } } },
  // An event written before the channels were counted.
  { action: 'notice_sent', at: '2026-11-20T12:00:00Z', data: { kind: 'result', households: 10, sent: 8, ...counts } },
];

describe('the notices on the decision record', () => {
  it('reads each notice_sent event, oldest first, with its channels', () => {
    const notices = noticeEvidenceOf(events);
    expect(notices.map((n) => n.kind)).toEqual(['meeting_invitation', 'reminder_not_voted', 'result']);
    expect(notices[0]).toEqual({
      kind: 'meeting_invitation',
      at: '2026-11-10T02:00:00Z',
      households: 10,
      sent: 8,
      failed: 0,
      optedOut: 1,
      noContact: 1,
      channels: { sms: 7, zalo: 1 },
    });
    expect(notices.map(channelWords)).toEqual(['SMS 7, Zalo 1', 'SMS 2', '—']);
  });

  it('lists them in a table of five columns, in Vietnam time, before the signatures', () => {
    const html = decisionPage({ record, notices: noticeEvidenceOf(events) });
    expect(html).toContain('Thông báo đã gửi đến các hộ gia đình');
    const table = /<table class="notices">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(table.match(/<th /g)).toHaveLength(5);
    expect(table.match(/<tr data-kind=/g)).toHaveLength(3);
    expect(table).toContain('Giấy mời họp');
    expect(table).toContain('Nhắc hộ chưa biểu quyết');
    // 02:00 UTC is 09:00 in Vietnam.
    expect(table).toContain('09:00 10/11/2026');
    expect(table).toContain('SMS 7, Zalo 1');
    expect(table).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(html.indexOf('id="notices"')).toBeLessThan(html.indexOf('class="signatures"'));
    // The table is laid out to the page's width and breaks long words, so it never runs past the A4 margins.
    expect(html).toContain('.notices{width:100%;border-collapse:collapse;font-size:.9em;table-layout:fixed}');
    expect(html).toContain('@page{size:A4;margin:20mm}');
  });

  it('shows no section when no notice was sent', () => {
    const html = decisionPage({ record, notices: [] });
    expect(html).not.toContain('id="notices"');
    expect(decisionPage({ record })).not.toContain('class="notices"');
  });
});
