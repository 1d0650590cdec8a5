import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Consultation, documentFile, Manifest, type Document } from '../../shared/schemas.ts';
import { disclosurePage } from '../../web/disclosure-page.tsx';
import { fileSize } from '../../web/format.ts';
import { resultPage } from '../../web/result-page.tsx';
import { expected, VECTORS_DIR } from '../support/vectors.ts';
import { scriptsOf } from './markup.ts';

const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as unknown;
const consultation = Consultation.parse(good('consultation.json'));
const manifest = Manifest.parse(good('result.json'));

const pdfHash = '0123456789abcdef'.repeat(4);
const pngHash = 'fedcba9876543210'.repeat(4);
const documents: Document[] = [
  { title: 'Quyết định <phê duyệt> dự án', file: documentFile(pdfHash, 'application/pdf'), sha256: pdfHash, bytes: 2_621_440, mediaType: 'application/pdf' },
  { title: 'Bản vẽ mặt cắt đường', file: documentFile(pngHash, 'image/png'), sha256: pngHash, bytes: 1536, mediaType: 'image/png' },
];
const withDocs = { ...consultation, documents };

/** The attached documents' section of a page, or undefined. */
const section = (html: string) => /<section class="docs"[\s\S]*?<\/section>/.exec(html)?.[0];

describe('the size of a file', () => {
  it.each([
    [0, '0 byte'],
    [512, '512 byte'],
    [1023, '1.023 byte'],
    [1024, '1 KB'],
    [1536, '1,5 KB'],
    [1_048_575, '1.024 KB'],
    [1_048_576, '1 MB'],
    [2_621_440, '2,5 MB'],
    [4_194_304, '4 MB'],
  ])('%i bytes is written %s', (bytes, text) => {
    expect(fileSize(bytes)).toBe(text);
  });
});

describe('the attached documents on the public pages', () => {
  it('lists each document on the disclosure page: escaped title, kind, size, link beside the page, short and full SHA-256', () => {
    const html = section(disclosurePage(withDocs, 'disclosure', 12))!;
    expect(html).toContain('Tài liệu đính kèm <span lang="en" class="en">/ Attached documents</span>');
    expect(html).toContain('Quyết định &lt;phê duyệt&gt; dự án');
    expect(html).toContain(`<a href="docs/${pdfHash}.pdf" type="application/pdf">`);
    expect(html).toContain(`<a href="docs/${pngHash}.png" type="image/png">`);
    expect(html).toContain('Tệp PDF <span lang="en" class="en">/ PDF</span>, 2,5 MB');
    expect(html).toContain('Ảnh PNG <span lang="en" class="en">/ PNG image</span>, 1,5 KB');
    // Short where it is read, whole one step away (and as the title of the short form).
    expect(html).toContain(`<code title="${pdfHash}">${pdfHash.slice(0, 12)}…</code>`);
    expect(html).toMatch(new RegExp(`<details><summary>SHA-256: .*?</summary><code class="mono">${pdfHash}</code></details>`));
    expect(scriptsOf(disclosurePage(withDocs, 'disclosure', 12))).toEqual([]);
  });

  it('keeps the order in which they were attached, and links them at the site when shown elsewhere', () => {
    const html = section(disclosurePage(withDocs, 'voting', 12, 'https://site.example/c/x/'))!;
    expect(html.indexOf(pdfHash)).toBeLessThan(html.indexOf(pngHash));
    expect(html).toContain(`href="https://site.example/c/x/docs/${pdfHash}.pdf"`);
  });

  it('lists them on the result page too, beside the signed files', () => {
    const html = resultPage({ consultation: withDocs, manifest, kid: expected.key.kid, attestations: [] });
    expect(section(html)).toContain(`href="docs/${pngHash}.png"`);
    expect(section(html)).toContain('consultation.json');
  });

  it('has no section when nothing is attached', () => {
    expect(section(disclosurePage(consultation, 'disclosure', 12))).toBeUndefined();
    expect(section(disclosurePage({ ...consultation, documents: [] }, 'disclosure', 12))).toBeUndefined();
    expect(section(resultPage({ consultation, manifest, kid: expected.key.kid, attestations: [] }))).toBeUndefined();
  });
});
