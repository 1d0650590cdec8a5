/** The result page says how far the monitors' audit of the paper slips went, in Vietnamese then English. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PaperAuditSummary } from '../../shared/rla/summary.ts';
import { Consultation, Manifest } from '../../shared/schemas.ts';
import { resultPage } from '../../web/result-page.tsx';
import { expected, VECTORS_DIR } from '../support/vectors.ts';

const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as unknown;
const consultation = Consultation.parse(good('consultation.json'));
const manifest = Manifest.parse(good('result.json'));
const section = (paperAudit?: PaperAuditSummary) => {
  const html = resultPage({ consultation, manifest, kid: expected.key.kid, attestations: [], ...(paperAudit ? { paperAudit } : {}) });
  return /<section class="panel" id="paper-audit">(.*?)<\/section>/s.exec(html)?.[1];
};

describe('the paper audit on the result page', () => {
  it('says an audit confirmed the outcome to its risk limit, with the files, Vietnamese first', () => {
    const text = section({ stage: 'concluded', conclusion: 'confirmed', draws: 61, riskPercent: 5 }) ?? '';
    expect(text).toContain('so 61 phiếu giấy rút ngẫu nhiên');
    expect(text).toContain('dưới 5%');
    expect(text).toContain('risk of a wrong outcome below 5%');
    expect(text.indexOf('Đã kiểm tra rủi ro')).toBeLessThan(text.indexOf('Risk-limiting audit'));
    expect(text).toContain('href="audit/rla.json"');
    expect(text).toContain('href="audit/rla.jws"');
  });

  it('says the stage reached otherwise, and that a show of hands has no paper', () => {
    expect(section({ stage: 'concluded', conclusion: 'escalated', draws: 40, riskPercent: 5 })).toContain('chưa đủ để khẳng định');
    expect(section({ stage: 'concluded', conclusion: 'full_count', draws: 12, riskPercent: 5 })).toContain('kiểm lại toàn bộ phiếu giấy');
    expect(section({ stage: 'under_way', readings: 7 })).toContain('đã đọc 7 phiếu');
    expect(section({ stage: 'not_started' })).toContain('Chưa kiểm tra phiếu giấy');
    expect(section({ stage: 'no_paper' })).toContain('không có phiếu giấy để kiểm tra');
    expect(section()).toBeUndefined();
  });
});
