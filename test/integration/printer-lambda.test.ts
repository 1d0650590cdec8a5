/**
 * The printer Lambda's handler with the machine's Chromium (on AWS the serverless build): it reads a published record
 * page (`record/decision.html`, `record/counting.html`) from S3 (mocked: S3 cannot run here), prints it, and puts
 * the PDF beside it; an event that is not a print job is refused without touching S3, and a page that is not there
 * fails (so Lambda retries).
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { utf8 } from '../../shared/bytes.ts';
import { ChromiumRenderer, findChromium } from '../../functions/adapters/chromium-renderer.ts';
import { S3Publisher } from '../../functions/adapters/s3-publisher.ts';
import { createPrinter } from '../../functions/lambda/printer.ts';
import { readPdf } from '../support/pdf.ts';

const s3 = mockClient(S3Client);
const context = { functionName: 'danban-printer', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
const id = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const PAGE =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Biên bản cuộc họp của cộng đồng dân cư</title><style>@page{size:A4;margin:20mm}</style></head><body><h1>Biên bản</h1><p>Cộng hòa xã hội chủ nghĩa Việt Nam</p></body></html>';

async function printer() {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error('No Chromium: install Debian’s chromium package (as .ci/run does), or set CHROMIUM_PATH');
  return createPrinter(async () => ({
    publisher: new S3Publisher(new S3Client({ region: 'ap-southeast-1' }), 'danban-site', '', 'https://d111.cloudfront.net/'),
    renderer: new ChromiumRenderer({ executablePath }),
  }));
}

describe('the printer Lambda', () => {
  afterEach(() => s3.reset());

  it.each(['decision', 'counting'])('prints the published record/%s.html and puts an A4 PDF beside it', async (name) => {
    s3.on(GetObjectCommand, { Bucket: 'danban-site', Key: `c/${id}/record/${name}.html` }).resolves({
      Body: { transformToByteArray: async () => utf8(PAGE) } as unknown as GetObjectCommandOutput['Body'],
    });
    s3.on(PutObjectCommand).resolves({});
    const out = await (await printer())({ htmlKey: `c/${id}/record/${name}.html`, pdfKey: `c/${id}/record/${name}.pdf` }, context);
    expect(out).toMatchObject({ status: 'printed', pdfKey: `c/${id}/record/${name}.pdf` });
    const put = s3.commandCalls(PutObjectCommand);
    expect(put).toHaveLength(1);
    expect(put[0]!.args[0].input).toMatchObject({ Bucket: 'danban-site', Key: `c/${id}/record/${name}.pdf`, ContentType: 'application/pdf' });
    const pdf = readPdf(put[0]!.args[0].input.Body as Uint8Array);
    expect(pdf.title).toBe('Biên bản cuộc họp của cộng đồng dân cư');
    expect(pdf.boxes).toHaveLength(1);
    expect(out.bytes).toBe((put[0]!.args[0].input.Body as Uint8Array).length);
  });

  it('refuses an event that is not a print job, without reading or writing anything', async () => {
    const handler = await printer();
    for (const event of [
      {},
      { htmlKey: 'keys/jwks.json', pdfKey: 'keys/jwks.pdf' },
      { htmlKey: `c/${id}/record/decision.html`, pdfKey: `c/${id}/result.jws` },
      // The old minutes page is no longer printable.
      { htmlKey: `c/${id}/minutes.html`, pdfKey: `c/${id}/minutes.pdf` },
    ]) {
      expect(await handler(event, context)).toEqual({ status: 'refused' });
    }
    expect(s3.calls()).toHaveLength(0);
  });

  it('starts again at the next job when its start failed', async () => {
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => utf8(PAGE) } as unknown as GetObjectCommandOutput['Body'] });
    s3.on(PutObjectCommand).resolves({});
    const executablePath = await findChromium();
    let starts = 0;
    const handler = createPrinter(async () => {
      starts++;
      if (starts === 1) throw new Error('no space left to unpack Chromium');
      return {
        publisher: new S3Publisher(new S3Client({ region: 'ap-southeast-1' }), 'danban-site', '', 'https://d111.cloudfront.net/'),
        renderer: new ChromiumRenderer({ executablePath: executablePath! }),
      };
    });
    const job = { htmlKey: `c/${id}/record/decision.html`, pdfKey: `c/${id}/record/decision.pdf` };
    await expect(handler(job, context)).rejects.toThrow('no space left');
    expect(await handler(job, context)).toMatchObject({ status: 'printed' });
    expect(starts).toBe(2);
  });

  it('fails when the page is not published, so that Lambda tries again', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'missing', $metadata: {} }));
    const job = { htmlKey: `c/${id}/record/counting.html`, pdfKey: `c/${id}/record/counting.pdf` };
    await expect((await printer())(job, context)).rejects.toMatchObject({ code: 'not_found' });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
