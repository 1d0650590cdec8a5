/**
 * The decision record and the counting record printed to PDF by headless Chromium (the machine's, as `npm start`
 * uses it): published beside each page on A4 when the record is drafted, printed again when an officer signs, and
 * linked from the page. The PDF is read back for its page size, its title and the characters its fonts carry (the
 * Vietnamese letters of the text).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { DecisionRecord, signMinutes } from '../../shared/minutes.ts';
import { ChromiumRenderer, findChromium, PRINT_POLICY, withPrintPolicy } from '../../functions/adapters/chromium-renderer.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf } from '../support/pdf.ts';
import { COUNTING, officerKey, publishedMeeting, RECORD } from '../support/record-round.ts';
import { testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

async function chromiumPath(): Promise<string> {
  const path = await findChromium();
  if (!path) throw new Error('No Chromium: install Debian’s chromium package (as .ci/run does), or set CHROMIUM_PATH');
  return path;
}

/** A4 is 210 × 297 mm: 595.3 × 841.9 points. */
const isA4 = (box: number[]) => Math.abs(box[2]! - box[0]! - 595.3) < 1.5 && Math.abs(box[3]! - box[1]! - 841.9) < 1.5;

describe('the record as a PDF', () => {
  let s: Sys;
  let id = '';
  let official = '';

  beforeAll(async () => {
    s = await testSystem('minutes-pdf', { chromium: await chromiumPath() });
    official = await s.token('official');
    id = await publishedMeeting(s.call, official);
  });
  afterAll(() => s.cleanup());

  const pdf = (name: 'decision' | 'counting') => s.core.publisher.get(`c/${id}/record/${name}.pdf`);
  const page = async (name: 'decision' | 'counting') => fromUtf8((await s.core.publisher.get(`c/${id}/record/${name}.html`))!);

  it.each([
    ['decision', () => s.call('POST', `/api/consultations/${id}/record/decision`, { token: official, body: RECORD }), 'Nguyễn Văn An Lê Văn Cường'],
    ['counting', () => s.call('POST', `/api/consultations/${id}/record/counting`, { token: official, body: COUNTING }), 'Trần Thị Bình Hoàng Thị Em'],
  ] as const)('prints the %s record on A4 when it is drafted, with the Vietnamese text and the title of the page', async (name, drafted, names) => {
    expect(await pdf(name)).toBeUndefined();
    const r = await drafted();
    expect(r.status, r.text).toBe(201);
    const bytes = (await pdf(name))!;
    expect(bytes).toBeDefined();
    const facts = readPdf(bytes);
    expect(facts.pages).toBeGreaterThanOrEqual(1);
    expect(facts.boxes.every(isA4)).toBe(true);
    const html = await page(name);
    const title = /<title>([^<]*)<\/title>/.exec(html)![1]!.replace(/&quot;/g, '"');
    expect(facts.title).toBe(title.normalize('NFC'));
    // Every letter of the motto and the officers' names is in the fonts (the text is there, not boxes).
    for (const ch of `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc ${names}`.replace(/\s/g, '')) {
      expect(facts.characters.has(ch), ch).toBe(true);
    }
    expect(html).toContain(`<a href="${name}.pdf" type="application/pdf">`);
  });

  it('prints the decision record again when an officer signs, from the page that shows the signature', async () => {
    const before = (await pdf('decision'))!;
    const minutes = DecisionRecord.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/record/decision.json`))!)));
    const key = await officerKey();
    const jws = await signMinutes({ minutes, role: 'village_head', at: '2026-12-02T02:00:00Z', jwk: key.jwk }, key.sign);
    expect((await s.call('POST', `/api/consultations/${id}/record/signatures`, { token: official, body: { jws } })).status).toBe(201);
    const after = (await pdf('decision'))!;
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(false);
    expect(await page('decision')).toContain('Đã ký số (khóa');
    expect(readPdf(after).boxes.every(isA4)).toBe(true);
  });

  it('prints with the network off: a page that asks for an address or a name gets nothing', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('x');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    try {
      const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="http://127.0.0.1:${port}/a.css"></head><body><img src="http://127.0.0.1:${port}/b.png"><img src="http://localhost:${port}/c.png"><img src="https://example.org/d.png"><p>Biên bản</p></body></html>`;
      const pdf = await new ChromiumRenderer({ executablePath: await chromiumPath() }).render(utf8(html));
      expect(readPdf(pdf).pages).toBe(1);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('prints no other file of the machine, whatever the page asks for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'danban-secret-'));
    try {
      // Letters the page itself never shows: if they are in the PDF's fonts, the file was printed.
      writeFileSync(join(dir, 'secret.html'), '<p>ỸỹỴỵẞ ƠơƯư</p>');
      const html = `<!doctype html><html><head><meta charset="utf-8"></head><body><p>Biên bản</p><iframe src="file://${join(dir, 'secret.html')}"></iframe><object data="file://${join(dir, 'secret.html')}"></object></body></html>`;
      const facts = readPdf(await new ChromiumRenderer({ executablePath: await chromiumPath() }).render(utf8(html)));
      expect(facts.characters.has('B')).toBe(true);
      for (const ch of 'ỸỹỴỵẞƠơƯư') expect(facts.characters.has(ch), ch).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts the policy first in the page’s head, or gives it a head', () => {
    const text = (html: string) => fromUtf8(withPrintPolicy(utf8(html)));
    expect(text('<!doctype html><html lang="vi"><head><title>x</title></head></html>')).toBe(
      `<!doctype html><html lang="vi"><head>${PRINT_POLICY}<title>x</title></head></html>`,
    );
    expect(text('<!DOCTYPE html><p>x</p>')).toBe(`<!DOCTYPE html><head>${PRINT_POLICY}</head><p>x</p>`);
    expect(text('<p>x</p>')).toBe(`<head>${PRINT_POLICY}</head><p>x</p>`);
  });

  it('fails with a clear message when Chromium cannot be started, and on a page it cannot print in time', async () => {
    await expect(new ChromiumRenderer({ executablePath: '/nonexistent/chromium' }).render(utf8('<p>x</p>'))).rejects.toThrow(/Chromium could not be started/);
    const slow = new ChromiumRenderer({ executablePath: await chromiumPath(), timeoutMs: 1 });
    await expect(slow.render(utf8('<p>x</p>'))).rejects.toThrow(/Chromium failed \(SIGKILL\)/);
  });
});
