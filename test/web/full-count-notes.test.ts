/**
 * A full hand count on the public pages: the result page says the count agrees, or that the result is corrected by a
 * new round (with its link, near the top); a correction round names the round it corrects; the home page marks a
 * corrected round with the link onward. The correction lines come from the live log (functions/core/corrections.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Consultation, Manifest } from '../../shared/schemas.ts';
import { correctsOf, fullCountNote } from '../../functions/core/corrections.ts';
import { type FullCountNote, resultPage } from '../../web/result-page.tsx';
import { siteIndex } from '../../web/site-index.tsx';
import { expected, VECTORS_DIR } from '../support/vectors.ts';

const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as unknown;
const consultation = Consultation.parse(good('consultation.json'));
const manifest = Manifest.parse(good('result.json'));
const CORRECTION = '01JCORRECTED0000000000000Z';
const page = (fullCount?: FullCountNote, corrects?: string) =>
  resultPage({ consultation, manifest, kid: expected.key.kid, attestations: [], ...(fullCount ? { fullCount } : {}), ...(corrects ? { corrects } : {}) });
const event = (action: string, data: Record<string, unknown>) => ({
  seq: 1,
  at: '2026-12-06T10:00:00Z',
  actor: { role: 'monitor', id: 'm' },
  action,
  data,
  prev: '',
  hash: '',
});

describe('a full hand count on the public pages', () => {
  it('says the count agrees, or links to the round that corrects the result before the counts', () => {
    expect(page({ stage: 'agrees', slips: 40 })).toContain('Đếm lại toàn bộ: khớp (40 phiếu giấy');
    const corrected = page({ stage: 'corrected', by: CORRECTION });
    expect(corrected).toContain(`Kết quả này đã được sửa bởi vòng <a href="../${CORRECTION}/">`);
    expect(corrected.indexOf('id="full-count"')).toBeLessThan(corrected.indexOf('Tổng số hộ trong danh sách'));
    expect(page({ stage: 'under_way', read: 7 })).toContain('đã đọc 7 phiếu');
    expect(page()).not.toContain('id="full-count"');
    expect(page(undefined, consultation.id)).toContain(`Vòng này sửa kết quả của vòng <a href="../${consultation.id}/">`);
  });

  it('reads the stage from the log', () => {
    expect(fullCountNote([])).toBeUndefined();
    expect(fullCountNote([event('rla_published', { conclusion: 'confirmed' })] as never)).toBeUndefined();
    const open = [
      event('rla_published', { conclusion: 'full_count' }),
      event('full_count_reading', { serial: 'A' }),
      event('full_count_reading', { serial: 'A' }),
    ];
    expect(fullCountNote(open as never)).toEqual({ stage: 'under_way', read: 1 });
    expect(fullCountNote([...open, event('full_count_concluded', { agrees: true, slips: 40 })] as never)).toEqual({ stage: 'agrees', slips: 40 });
    expect(fullCountNote([...open, event('full_count_concluded', { agrees: false, correctedBy: CORRECTION })] as never)).toEqual({
      stage: 'corrected',
      by: CORRECTION,
    });
    expect(correctsOf([event('created', { corrects: consultation.id })] as never)).toBe(consultation.id);
    expect(correctsOf([event('created', {})] as never)).toBeUndefined();
  });

  it('marks a corrected round on the home page with the link onward', () => {
    const html = siteIndex([{ consultation, state: 'published', correctedBy: CORRECTION }], expected.key.kid);
    expect(html).toContain(`href="c/${CORRECTION}/"`);
    expect(html).toContain('đã được sửa');
    expect(siteIndex([{ consultation, state: 'published' }], expected.key.kid)).not.toContain('đã được sửa');
  });
});
