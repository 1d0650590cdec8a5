import { describe, expect, it } from 'vitest';
import { decisionPage } from '../../web/record-page.tsx';
import { scansLinkedFrom } from '../../shared/verify-after/scan-links.ts';
import { MINUTES } from '../support/minutes-fixture.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('the scans a record page links', () => {
  it('are read from the published decision page as names under c/<id>/, each once, sorted', () => {
    const html = decisionPage({
      record: MINUTES,
      scans: [
        { file: `record/scans/${B}.png`, sha256: B, document: 'decision', at: '2026-12-02T02:00:00Z' },
        { file: `record/scans/${A}.pdf`, sha256: A, document: 'decision', at: '2026-12-02T03:00:00Z' },
      ],
    });
    expect(scansLinkedFrom(html)).toEqual([`record/scans/${A}.pdf`, `record/scans/${B}.png`]);
    expect(scansLinkedFrom(decisionPage({ record: MINUTES }))).toEqual([]);
  });

  it('take only links to a scan named by a SHA-256 with a scan’s extension', () => {
    const html = `<a href="scans/${A}.pdf">x</a><a href="scans/${A}.pdf">again</a><a href="scans/${B}.exe">x</a><a href="scans/abc.pdf">x</a><a href="../scans/${B}.jpg">x</a><a href="decision.pdf">x</a>`;
    expect(scansLinkedFrom(html)).toEqual([`record/scans/${A}.pdf`]);
  });
});
