/**
 * The printer Lambda: prints a published page (the decision record or the counting record) to PDF with the
 * serverless build of Chromium and publishes it beside the page. Invoked asynchronously by the API and the officials' pages with a `PrintJob`; it may
 * read only the printable pages and write only their PDFs (infra/constructs/printing.ts). Chromium lives in this
 * function alone, so the voters' API stays small; its binary is shipped beside the bundle (`chromium/`) and
 * unpacked into /tmp at the first print of a container.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import Chromium from '@sparticuz/chromium';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { ChromiumRenderer } from '../adapters/chromium-renderer.ts';
import { S3Publisher } from '../adapters/s3-publisher.ts';
import type { PdfRenderer, Publisher } from '../core/ports.ts';
import { printPage, PrintJob } from '../core/printing.ts';

const logger = new Logger({ serviceName: 'danban-printer' });

export const PrinterConfig = z.object({ AWS_REGION: z.string().min(1), SITE_BUCKET: z.string().min(3), SITE_URL: z.url() });

/** The middy-wrapped handler over the given publisher and renderer (built lazily, once per cold start). */
export function createPrinter(deps: () => Promise<{ publisher: Publisher; renderer: PdfRenderer }>) {
  let built: Promise<{ publisher: Publisher; renderer: PdfRenderer }> | undefined;
  return middy()
    .use(injectLambdaContext(logger))
    .handler(async (event: unknown) => {
      const job = PrintJob.safeParse(event);
      // Not a job of ours: nothing to retry.
      if (!job.success) {
        logger.error('not a print job', { issues: job.error.issues.map((i) => i.message) });
        return { status: 'refused' as const };
      }
      // A failed start (Chromium not unpacked: /tmp full, say) is tried again at the next job, not kept.
      built ??= deps().catch((err: unknown) => {
        built = undefined;
        throw err;
      });
      const out = await printPage(await built, job.data);
      logger.info('printed', { pdfKey: job.data.pdfKey, bytes: out.bytes });
      return { status: 'printed' as const, pdfKey: job.data.pdfKey, bytes: out.bytes };
    });
}

/** Where the bundling puts Chromium's packed files: `chromium/` beside index.mjs (infra/lambda-bundling.ts). */
const CHROMIUM_FILES = join(dirname(fileURLToPath(import.meta.url)), 'chromium');

export const handler = createPrinter(async () => {
  const parsed = PrinterConfig.safeParse(process.env);
  if (!parsed.success) throw new Error(`bad function configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const config = parsed.data;
  return {
    publisher: new S3Publisher(new S3Client({ region: config.AWS_REGION }), config.SITE_BUCKET, '', config.SITE_URL),
    renderer: new ChromiumRenderer({ executablePath: await Chromium.executablePath(CHROMIUM_FILES), args: Chromium.args, timeoutMs: 45_000 }),
  };
});
