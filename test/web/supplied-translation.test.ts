import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Consultation, Manifest } from '../../shared/schemas.ts';
import type { SuppliedTranslation } from '../../shared/translations.ts';
import { disclosurePage } from '../../web/disclosure-page.tsx';
import { PaperSlipsPage, SlipsPage } from '../../web/officials/slips-page.tsx';
import { resultPage } from '../../web/result-page.tsx';
import { VECTORS_DIR } from '../support/vectors.ts';

const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as object;
const consultation = Consultation.parse(good('consultation.json'));
const manifest = Manifest.parse(good('result.json'));
const official = { sub: 'o1', commune: consultation.commune };

/** An H'Mông translation of the vectors' round (each text tagged so a test can find it). */
const supplied: SuppliedTranslation = {
  file: 'translations/hmn.json',
  sha256: 'b'.repeat(64),
  translation: {
    format: 'translation/1',
    consultationId: consultation.id,
    language: { tag: 'hmn', name: 'Lus Hmoob' },
    title: 'HMN-TITLE',
    description: 'HMN-DESCRIPTION',
    questions: consultation.questions.map((q) => ({ id: q.id, text: `HMN-${q.id}`, options: q.options.map((o) => ({ id: o.id, label: `HMN-${o.id}` })) })),
  },
};

describe('the commune’s translation on the pages and slips', () => {
  it('goes under the Vietnamese on the disclosure page, labelled as the commune’s, and nowhere without one', () => {
    const html = disclosurePage(consultation, 'disclosure', 100, '', [], undefined, supplied);
    expect(html.indexOf(consultation.title)).toBeLessThan(html.indexOf('HMN-TITLE'));
    expect(html).toContain('<p lang="hmn" class="translation">HMN-DESCRIPTION</p>');
    expect(html).toContain('<p lang="hmn" class="translation">HMN-q2</p>');
    expect(html).toContain('HMN-level-300k');
    expect(html).toContain('do xã cung cấp, không phải do hệ thống dịch');
    expect(html).toContain('href="translations/hmn.json"');
    const plain = disclosurePage(consultation, 'disclosure', 100, '', []);
    expect(plain).not.toContain('HMN-');
    expect(plain).not.toContain('do xã cung cấp');
  });

  it('goes under the Vietnamese on the result page, each option’s label beside its own', () => {
    const html = resultPage({ consultation, manifest, kid: 'k', attestations: [], translation: supplied });
    expect(html).toContain('<p lang="hmn" class="translation">HMN-TITLE</p>');
    expect(html).toContain('<p lang="hmn" class="translation">HMN-q1</p>');
    expect(html).toContain('<span lang="hmn" class="translation"> / HMN-level-400k</span>');
    expect(html).toContain('do xã cung cấp');
    expect(resultPage({ consultation, manifest, kid: 'k', attestations: [] })).not.toContain('class="translation');
  });

  it('is printed on the paper slips and the code slips under the Vietnamese', () => {
    const paper = String(PaperSlipsPage({ official, consultation, serials: ['S-0001'], translation: supplied }));
    expect(paper.indexOf(consultation.title)).toBeLessThan(paper.indexOf('HMN-TITLE'));
    expect(paper).toContain('<p lang="hmn" class="translation">HMN-q3</p>');
    expect(paper).toContain('HMN-den-duong');
    expect(String(PaperSlipsPage({ official, consultation, serials: ['S-0001'] }))).not.toContain('HMN-');
    const slip = { household: 'TT-01', hamlet: 'Thôn Đông', code: 'ABCD-EFGH-JKMN-PQRS', qrUrl: 'https://site.test/vote/x#code=ABCD-EFGH-JKMN-PQRS' };
    const codes = String(SlipsPage({ official, consultation, slips: [slip], voteUrl: 'https://site.test/vote/x', translation: supplied }));
    expect(codes).toContain('<p lang="hmn" class="translation">HMN-TITLE</p>');
  });
});
