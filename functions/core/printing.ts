/**
 * Printing a published page to PDF (the decision record, Decree 59/2023 form 03, and the counting record, on A4):
 * the page's HTML is read back from the site, rendered by headless Chromium (a `PdfRenderer`) and published beside it. Only the pages listed in
 * `PRINTABLE` can be printed, so a print job (on AWS an event from another function) can neither read nor write
 * anything else.
 */
import * as z from 'zod';
import { DomainError } from '../../shared/errors.ts';
import type { PdfRenderer, PrintRequester, Publisher } from './ports.ts';

/** `c/<id>/record/decision.html` and `record/counting.html` -> their `.pdf`: the pages printed. */
const PRINTABLE = /^c\/[A-Za-z0-9_-]{1,64}\/record\/(decision|counting)\.html$/;

export const PrintJob = z
  .strictObject({ htmlKey: z.string().regex(PRINTABLE, 'not a printable page'), pdfKey: z.string() })
  .refine((job) => job.pdfKey === pdfKeyOf(job.htmlKey), { message: 'the PDF goes beside its page', path: ['pdfKey'] });
export type PrintJob = z.infer<typeof PrintJob>;

export const pdfKeyOf = (htmlKey: string) => htmlKey.replace(/\.html$/, '.pdf');
export const printJobOf = (htmlKey: string): PrintJob => PrintJob.parse({ htmlKey, pdfKey: pdfKeyOf(htmlKey) });

/** The record's page changes as it is signed and scanned: a printed copy may be looked at for a minute, never cached for long. */
const PDF_CACHE = 'public, max-age=60';

/**
 * Renders the page as published now and publishes its PDF; the page must exist. Jobs may run at once and finish in
 * any order (on AWS, one function instance each): after writing, the page is read again, and if it changed while
 * this job printed, the newer page is printed too. So the job that finishes last leaves the PDF of the last page.
 */
export async function printPage(deps: { publisher: Publisher; renderer: PdfRenderer }, job: PrintJob): Promise<{ bytes: number; rounds: number }> {
  let html = await deps.publisher.get(job.htmlKey);
  if (!html) throw new DomainError('not_found', `${job.htmlKey} is not published`);
  for (let round = 1; ; round++) {
    const pdf = await deps.renderer.render(html);
    if (!isPdf(pdf)) throw new Error('the renderer did not produce a PDF');
    await deps.publisher.put(job.pdfKey, pdf, { contentType: 'application/pdf', cacheControl: PDF_CACHE });
    const now = await deps.publisher.get(job.htmlKey);
    // A page that keeps changing is left to the jobs its changes started.
    if (!now || sameBytes(now, html) || round >= 3) return { bytes: pdf.length, rounds: round };
    html = now;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 8 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

/**
 * Prints in this process (locally), one job at a time for each page, so that the last version of a page that was
 * asked for is also the last one printed. `request` resolves once the PDF is published.
 */
export class InProcessPrinter implements PrintRequester {
  private readonly queues = new Map<string, Promise<unknown>>();
  constructor(private readonly deps: { publisher: Publisher; renderer: PdfRenderer }) {}

  request(job: { htmlKey: string; pdfKey: string }): Promise<void> {
    const parsed = PrintJob.parse(job);
    const previous = this.queues.get(parsed.pdfKey) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => printPage(this.deps, parsed));
    this.queues.set(parsed.pdfKey, next);
    void next
      .finally(() => {
        if (this.queues.get(parsed.pdfKey) === next) this.queues.delete(parsed.pdfKey);
      })
      .catch(() => undefined);
    return next.then(() => undefined);
  }
}
