import { describe, expect, it } from 'vitest';
import { AuditLog, type AuditRow, middleEllipsis } from '../../../web/monitors/audit-log.tsx';
import { xmlProblems } from '../markup.ts';

const HASH = 'abcdef012345';
const events: AuditRow[] = [
  {
    seq: 1,
    at: '2026-12-01T01:00:00Z',
    actor: { role: 'official', id: 'official-a' },
    action: 'created',
    data: { consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', title: 'Làm đường thôn Đông' },
    hash: HASH,
  },
  {
    seq: 2,
    at: '2026-12-01T01:05:00Z',
    actor: { role: 'official', id: 'official-a' },
    action: 'roll_uploaded',
    data: { count: 8, byCategory: { regular: 8 } },
    hash: HASH,
  },
  {
    seq: 3,
    at: '2026-12-02T03:00:00Z',
    actor: { role: 'official', id: 'official-a' },
    action: 'voting_opened',
    data: { households: 120, credentialsIssued: 120 },
    hash: HASH,
  },
  { seq: 4, at: '2026-12-08T10:00:00Z', actor: { role: 'system', id: 'scheduler' }, action: 'closed', data: {}, hash: HASH },
  {
    seq: 5,
    at: '2026-12-08T11:00:00Z',
    actor: { role: 'monitor', id: 'monitor-1' },
    action: 'attestation_accepted',
    data: { kid: 'k'.repeat(43), organisation: 'Ban giám sát' },
    hash: HASH,
  },
  { seq: 6, at: '2026-12-09T11:00:00Z', actor: { role: 'commune', id: 'ubnd' }, action: 'moon_landed', data: { x: 1 }, hash: HASH },
];
const html = String(AuditLog({ events }));
const rows = html.split('<tr id="e').slice(1);

describe('the monitors’ audit log in words', () => {
  it('is well-formed markup with one row per event, in order, tagged by action', () => {
    expect(xmlProblems(html)).toEqual([]);
    expect([...html.matchAll(/<tr id="e(\d+)" data-action="([a-z_]+)"/g)].map((m) => [Number(m[1]), m[2]])).toEqual(events.map((e) => [e.seq, e.action]));
  });

  it('shows each event’s number, Vietnam time, who by role and id, and its sentence', () => {
    expect(rows[0]).toContain('<td class="n">1</td><td class="at">08:00 01/12/2026</td>');
    expect(rows[0]).toContain('Cán bộ <span lang="en" class="en">Official</span> <span class="mono">official-a</span>');
    expect(rows[0]).toContain('Tạo cuộc lấy ý kiến: “Làm đường thôn Đông”');
    expect(rows[1]).toContain('Đã tải danh sách hộ: 8 hộ <span lang="en" class="en">Roll uploaded: 8 households</span>');
    expect(rows[2]).toContain('Mở biểu quyết: 120 hộ, 120 mã');
    expect(rows[3]).toContain('Hệ thống');
    expect(rows[3]).toContain('Đóng biểu quyết');
    expect(rows[4]).toContain('Giám sát viên');
    expect(rows[4]).toContain('Nhận chữ ký xác nhận của Ban giám sát');
    expect(rows[5]).toContain('UBND xã');
    expect(rows[5]).toContain('Hành động: moon_landed');
  });

  it('shows the data as key and value, a long value cut in the middle with the whole in its title', () => {
    expect(rows[1]).toContain('<th scope="row" class="mono">count</th><td class="mono">8</td>');
    expect(rows[1]).toContain('<td class="mono">{&quot;regular&quot;:8}</td>');
    const kid = 'k'.repeat(43);
    expect(rows[4]).toContain(`<td class="mono" title="${kid}">${middleEllipsis(kid)}</td>`);
    expect(middleEllipsis(kid)).toHaveLength(24);
    expect(rows[0]).toContain(`title="01ARZ3NDEKTSV4RRFFQ69G5FAV">01ARZ3NDEKT…RRFFQ69G5FAV</td>`);
    expect(rows[3]).not.toContain('class="kv"');
  });

  it('keeps the raw JSON and the hash behind a “chi tiết” toggle', () => {
    for (const [i, e] of events.entries()) {
      expect(rows[i]).toMatch(/<details><summary>chi tiết<\/summary>/);
      const raw = /<pre class="mono raw">([^<]*)<\/pre>/.exec(rows[i]!)![1]!.replaceAll('&quot;', '"');
      expect(JSON.parse(raw)).toEqual(e.data);
      expect(rows[i]).toContain(HASH);
    }
  });

  it('cuts in the middle only what is longer than 24 characters', () => {
    expect(middleEllipsis('x'.repeat(24))).toBe('x'.repeat(24));
    expect(middleEllipsis('0123456789abcdefghijklmnopq')).toBe('0123456789a…fghijklmnopq');
    expect(middleEllipsis('Làm đường bê tông thôn Đông Hạ')).toHaveLength(24);
  });
});
