/**
 * Where a person reads a time it is Vietnam time (UTC+7), never the RFC 3339 instant the data keeps; and a household's
 * roll id is labelled "Mã hộ", the count "Tổng số hộ trong danh sách".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { complaintsSummary } from '../../shared/complaints.ts';
import { Consultation, Manifest } from '../../shared/schemas.ts';
import { disclosurePage } from '../../web/disclosure-page.tsx';
import { vnAt, vnTime } from '../../web/format.ts';
import { SlipsPage } from '../../web/officials/slips-page.tsx';
import { resultPage } from '../../web/result-page.tsx';
import { expected, VECTORS_DIR } from '../support/vectors.ts';

const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as unknown;
const consultation = Consultation.parse({ ...(good('consultation.json') as object), opensAt: '2026-10-20T01:00:00Z', closesAt: '2026-10-27T10:00:00Z' });
const manifest = Manifest.parse({ ...(good('result.json') as object), closedAt: '2026-10-27T10:00:00Z', publishedAt: '2026-10-27T17:30:00Z' });

/** What a reader sees: the text without scripts, styles, tags and their attributes. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');
}

const ISO = /\d{4}-\d{2}-\d{2}T/;

describe('Vietnam time', () => {
  it('writes an instant as a sentence says it, in UTC+7 across midnight and the year', () => {
    expect(vnAt('2026-12-06T07:00:00Z')).toBe('14:00 ngày 6/12/2026');
    expect(vnAt('2026-12-31T17:05:00Z')).toBe('00:05 ngày 1/1/2027');
    expect(vnTime('2026-12-31T17:05:00Z')).toBe('00:05 01/01/2027');
  });

  it('is every time the result page shows, with no RFC 3339 instant in its text', () => {
    const html = resultPage({
      consultation,
      manifest,
      kid: expected.key.kid,
      attestations: [{ kid: expected.monitorKid, monitor: { name: 'Trần Thị B', organisation: 'Ban Thanh tra nhân dân' }, at: '2026-10-28T03:00:00Z' }],
      departures: [{ at: '2026-10-20T01:00:00Z', vi: 'Mở biểu quyết sớm.', en: 'Opened early.', reason: 'Mùa mưa' }],
      complaints: complaintsSummary([
        { id: '01ARZ3NDEKTSV4RRFFQ69G5FC2', consultationId: consultation.id, rollId: 'H-003', text: 'Kiến nghị', at: '2026-10-29T18:15:00Z', official: false },
      ]),
      record: {
        takesEffect: 'ubnd_xa',
        sending: {
          deadline: '2026-11-03',
          sent: [{ date: '2026-10-29', reference: '12/TB-TĐ', at: '2026-10-29T03:00:00Z', to: 'ubnd_xa', late: false }],
          pending: [],
          overdue: false,
        },
      },
    });
    const text = visibleText(html);
    expect(text).toContain('Kết thúc lúc 17:00 27/10/2026, công bố lúc 00:30 28/10/2026 (giờ Việt Nam).');
    expect(text).toContain('lúc 10:00 28/10/2026');
    expect(text).toContain('08:00 20/10/2026: Mở biểu quyết sớm.');
    expect(text).toContain('Hộ H-003 · 01:15 30/10/2026');
    expect(text).toContain('Tổng số hộ trong danh sách');
    expect(text).not.toMatch(ISO);
  });

  it('is the voting window on the disclosure page, with no RFC 3339 instant in its text', () => {
    const text = visibleText(disclosurePage(consultation, 'voting', 12));
    expect(text).toContain('Thời gian biểu quyết: từ 08:00 20/10/2026 đến 17:00 27/10/2026 (giờ Việt Nam).');
    expect(text).not.toMatch(ISO);
  });

  it('labels a printed slip\'s roll id "Mã hộ" and gives its deadline in Vietnam time', () => {
    const html = String(
      SlipsPage({
        official: { sub: 'o1', commune: consultation.commune },
        consultation,
        slips: [{ household: 'TT-01', hamlet: 'Thôn Đông', code: 'ABCD-EFGH-JKMN-PQRS', qrUrl: 'https://site.test/vote/x#code=ABCD-EFGH-JKMN-PQRS' }],
        voteUrl: 'https://site.test/vote/x',
      }),
    );
    const text = visibleText(html);
    expect(text).toContain('Mã hộ: TT-01');
    expect(text).not.toContain('Số hộ trong danh sách');
    expect(text).toContain('Hạn chót: 17:00 27/10/2026 (giờ Việt Nam)');
    expect(text).not.toMatch(ISO);
  });
});
