/**
 * The site has no /favicon.ico, and a browser asks for one for every page that names no icon: a failed request on a
 * phone's data plan. Every frame names an inline icon (a data URL the CSP allows), so Chromium asks for none: the
 * published home page, an officials' and a monitors' page, and a resident's page. A page without the link, put in
 * the site folder beside them, shows that this Chromium does ask when no icon is named.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phonePage, serveSystem, type ServedSystem } from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than skips.
const browser = await launchChromium();

describe('the inline icon', () => {
  let sys: ServedSystem;
  let id = '';
  /**
   * A pass-through in front of the system that notes every path asked of it: the browser's own icon request never
   * shows among a page's requests, only at the server.
   */
  let proxy: Server;
  let proxyOrigin = '';
  const asked: string[] = [];

  beforeAll(async () => {
    sys = await serveSystem('favicon');
    const token = await sys.officialToken();
    const now = Date.now();
    const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
    const created = await sys.api(
      'POST',
      '/api/consultations',
      {
        scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
        matter: 'other_self_managed',
        method: 'online',
        title: 'Lắp đèn chiếu sáng đường thôn',
        description: 'Lắp 20 bóng đèn.',
        opensAt: at(now),
        closesAt: at(now + 86_400_000),
        questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
      },
      { token },
    );
    expect(created.status, created.text).toBe(201);
    id = created.json.id;
    expect(
      (await sys.api('PUT', `/api/consultations/${id}/roll`, 'id,hamlet,head,members,category\nH-1,Thôn A,A,3,standard\n', { token, type: 'text/csv' })).status,
    ).toBe(200);
    expect((await sys.api('POST', `/api/consultations/${id}/disclose`, undefined, { token })).status).toBe(200);
    proxy = createServer((req, res) => {
      asked.push(new URL(req.url ?? '/', 'http://x').pathname);
      fetch(sys.origin + (req.url ?? '/'), { headers: { cookie: req.headers.cookie ?? '' }, redirect: 'manual' })
        .then(async (r) => {
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyOrigin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    writeFileSync(
      join(sys.siteDir, 'no-icon.html'),
      '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Không có biểu tượng</title></head><body><p>Trang thử</p></body></html>',
    );
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await sys?.close();
    await browser.close();
  });

  /** The paths the server was asked for while a new page loaded `path` and for a moment after (the icon comes after load). */
  async function requestsOf(path: string): Promise<string[]> {
    const { page, close } = await phonePage(browser);
    asked.length = 0;
    try {
      const res = await page.goto(proxyOrigin + path, { waitUntil: 'load' });
      expect(res?.status(), path).toBeLessThan(400);
      await page.waitForTimeout(1500);
      return [...asked];
    } finally {
      await close();
    }
  }

  it('a page that names no icon makes Chromium ask for /favicon.ico', async () => {
    expect(await requestsOf('/no-icon.html')).toContain('/favicon.ico');
  });

  it.each(['/', '/c/{id}/', '/officials/login', '/monitors/login', '/vote/{id}/discuss'])(
    '%s names its icon, so no /favicon.ico is asked for',
    async (path) => {
      const seen = await requestsOf(path.replace('{id}', id));
      expect(seen.length).toBeGreaterThan(0);
      expect(seen).not.toContain('/favicon.ico');
    },
  );
});
