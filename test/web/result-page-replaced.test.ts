import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Consultation, Manifest } from '../../shared/schemas.ts';
import { resultPage } from '../../web/result-page.tsx';
import { expected, VECTORS_DIR } from '../support/vectors.ts';

const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as unknown;
const consultation = Consultation.parse(good('consultation.json'));
const manifest = Manifest.parse(good('result.json'));
const kid = expected.key.kid;
const page = (c: Consultation, paperReplacedOnline?: number) =>
  resultPage({ consultation: c, manifest, kid, attestations: [], ...(paperReplacedOnline !== undefined ? { paperReplacedOnline } : {}) });

describe('the result page and paper entries that replaced online ballots', () => {
  it('says how many paper ballots replaced an online ballot, in Vietnamese then English', () => {
    const html = page({ ...consultation, method: 'online' }, 2);
    const line = /<p id="paper-replaced-online">(.*?)<\/p>/s.exec(html)?.[1] ?? '';
    expect(line).toContain('<strong>2</strong> phiếu giấy thay phiếu trực tuyến');
    expect(line).toContain('2 paper ballots replaced an online ballot');
    expect(line.indexOf('phiếu giấy thay')).toBeLessThan(line.indexOf('paper ballots replaced'));
    expect(page({ ...consultation, method: 'online' }, 1)).toContain('1 paper ballot replaced an online ballot');
  });

  it('says none in an online round, and nothing in a round with no online vote or when the count is not given', () => {
    expect(page({ ...consultation, method: 'online' }, 0)).toContain('<strong>0</strong> phiếu giấy thay phiếu trực tuyến');
    expect(page({ ...consultation, method: 'household_ballot' }, 0)).not.toContain('paper-replaced-online');
    expect(page({ ...consultation, method: 'online' })).not.toContain('paper-replaced-online');
  });
});
