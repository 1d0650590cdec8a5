/**
 * Printing a published page to PDF: which pages may be printed and where the PDF goes, and that a page printed
 * twice in a row ends with the later version published. The renderer here is a stand-in that only wraps the HTML
 * it was given, so that the test can see which version reached which PDF; the real Chromium renders in
 * test/integration/minutes-pdf.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../../shared/bytes.ts';
import type { PdfRenderer, Publisher, PublishOptions } from '../../../functions/core/ports.ts';
import { InProcessPrinter, isPdf, printJobOf, printPage, PrintJob } from '../../../functions/core/printing.ts';

class MemoryPublisher implements Publisher {
  readonly files = new Map<string, { body: Uint8Array; options: PublishOptions }>();
  async put(key: string, body: Uint8Array | string, options: PublishOptions) {
    this.files.set(key, { body: typeof body === 'string' ? utf8(body) : body, options });
  }
  async get(key: string) {
    return this.files.get(key)?.body;
  }
  url(key: string) {
    return `https://site.example/${key}`;
  }
}

/** Wraps the page in a fake PDF after `delays.shift()` ms, so that a later job may finish first. */
function fakeRenderer(delays: number[] = []): PdfRenderer & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async render(html) {
      seen.push(fromUtf8(html));
      await new Promise((r) => setTimeout(r, delays.shift() ?? 0));
      return utf8(`%PDF-1.4\n${fromUtf8(html)}`);
    },
  };
}

describe('print jobs', () => {
  it('print the minutes of a consultation beside them', () => {
    expect(printJobOf('c/01JABC/record/decision.html')).toEqual({ htmlKey: 'c/01JABC/record/decision.html', pdfKey: 'c/01JABC/record/decision.pdf' });
  });

  it.each([
    ['another file', { htmlKey: 'c/01JABC/result.jws', pdfKey: 'c/01JABC/result.pdf' }],
    ['a page outside a consultation', { htmlKey: 'index.html', pdfKey: 'index.pdf' }],
    ['a climb out of the folder', { htmlKey: 'c/../keys/record/decision.html', pdfKey: 'c/../keys/record/decision.pdf' }],
    ['a PDF written elsewhere', { htmlKey: 'c/01JABC/record/decision.html', pdfKey: 'c/01JABC/result.jws' }],
    ['an extra field', { htmlKey: 'c/01JABC/record/decision.html', pdfKey: 'c/01JABC/record/decision.pdf', bucket: 'other' }],
  ])('refuse %s', (_what, job) => {
    expect(PrintJob.safeParse(job).success).toBe(false);
  });

  it('tell a PDF by its first bytes', () => {
    expect(isPdf(utf8('%PDF-1.7\n...'))).toBe(true);
    expect(isPdf(utf8('<!doctype html><html>'))).toBe(false);
    expect(isPdf(new Uint8Array())).toBe(false);
  });
});

describe('printing a page', () => {
  it('renders the page as published and publishes the PDF beside it', async () => {
    const publisher = new MemoryPublisher();
    await publisher.put('c/x1/record/decision.html', '<p>Biên bản</p>', { contentType: 'text/html', cacheControl: 'no-cache' });
    const renderer = fakeRenderer();
    const out = await printPage({ publisher, renderer }, printJobOf('c/x1/record/decision.html'));
    expect(renderer.seen).toEqual(['<p>Biên bản</p>']);
    const pdf = publisher.files.get('c/x1/record/decision.pdf')!;
    expect(fromUtf8(pdf.body)).toBe('%PDF-1.4\n<p>Biên bản</p>');
    expect(pdf.options.contentType).toBe('application/pdf');
    expect(out.bytes).toBe(pdf.body.length);
  });

  it('refuses a page that is not published, and publishes nothing that is not a PDF', async () => {
    const publisher = new MemoryPublisher();
    await expect(printPage({ publisher, renderer: fakeRenderer() }, printJobOf('c/x1/record/decision.html'))).rejects.toMatchObject({ code: 'not_found' });
    await publisher.put('c/x1/record/decision.html', '<p>x</p>', { contentType: 'text/html', cacheControl: 'no-cache' });
    const broken: PdfRenderer = { render: async (html) => html };
    await expect(printPage({ publisher, renderer: broken }, printJobOf('c/x1/record/decision.html'))).rejects.toThrow(/not produce a PDF/);
    expect(publisher.files.has('c/x1/record/decision.pdf')).toBe(false);
  });

  it('prints a page asked twice in order, so the later version is the one published', async () => {
    const publisher = new MemoryPublisher();
    // The first rendering waits until the second job has been asked for: without the queue both would run at once.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    const seen: string[] = [];
    const renderer: PdfRenderer = {
      async render(html) {
        seen.push(fromUtf8(html));
        if (seen.length === 1) {
          started();
          await held;
        }
        return utf8(`%PDF-1.4\n${fromUtf8(html)}`);
      },
    };
    const printer = new InProcessPrinter({ publisher, renderer });
    const job = printJobOf('c/x1/record/decision.html');
    await publisher.put(job.htmlKey, 'v1', { contentType: 'text/html', cacheControl: 'no-cache' });
    const first = printer.request(job);
    await firstStarted;
    const second = printer.request(job);
    expect(seen).toEqual(['v1']);
    await publisher.put(job.htmlKey, 'v2', { contentType: 'text/html', cacheControl: 'no-cache' });
    release();
    await Promise.all([first, second]);
    // The first job saw the page change under it and printed v2 as well; the second printed v2.
    expect(seen).toEqual(['v1', 'v2', 'v2']);
    expect(fromUtf8(publisher.files.get(job.pdfKey)!.body)).toBe('%PDF-1.4\nv2');
  });

  it('leaves the PDF of the last page when two jobs run at once and the older one finishes last', async () => {
    const publisher = new MemoryPublisher();
    const job = printJobOf('c/x1/record/decision.html');
    await publisher.put(job.htmlKey, 'v1', { contentType: 'text/html', cacheControl: 'no-cache' });
    // Job A renders v1 and is held; meanwhile the page becomes v2 and job B prints it; then A finishes and writes.
    let releaseA!: () => void;
    const heldA = new Promise<void>((r) => (releaseA = r));
    const slow: PdfRenderer = {
      async render(html) {
        if (fromUtf8(html) === 'v1') await heldA;
        return utf8(`%PDF-1.4\n${fromUtf8(html)}`);
      },
    };
    let startedA!: () => void;
    const aStarted = new Promise<void>((r) => (startedA = r));
    const watched: PdfRenderer = { render: (html) => (fromUtf8(html) === 'v1' && startedA(), slow.render(html)) };
    const a = printPage({ publisher, renderer: watched }, job);
    await aStarted;
    await publisher.put(job.htmlKey, 'v2', { contentType: 'text/html', cacheControl: 'no-cache' });
    await printPage({ publisher, renderer: slow }, job);
    releaseA();
    const out = await a;
    expect(out.rounds).toBe(2);
    expect(fromUtf8(publisher.files.get(job.pdfKey)!.body)).toBe('%PDF-1.4\nv2');
  });

  it('goes on with the next job after a failed one', async () => {
    const publisher = new MemoryPublisher();
    let calls = 0;
    const renderer: PdfRenderer = {
      async render(html) {
        calls++;
        if (calls === 1) throw new Error('Chromium crashed');
        return utf8(`%PDF-1.4\n${fromUtf8(html)}`);
      },
    };
    const printer = new InProcessPrinter({ publisher, renderer });
    const job = printJobOf('c/x1/record/decision.html');
    await publisher.put(job.htmlKey, 'v1', { contentType: 'text/html', cacheControl: 'no-cache' });
    await expect(printer.request(job)).rejects.toThrow('Chromium crashed');
    await printer.request(job);
    expect(fromUtf8(publisher.files.get(job.pdfKey)!.body)).toBe('%PDF-1.4\nv1');
  });
});
