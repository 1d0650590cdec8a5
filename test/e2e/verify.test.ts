import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPage } from '../../web/verify/page.tsx';
import { launchChromium, phonePage, serveSystem, type ServedSystem } from './browser.ts';
import { castByApi, closeRound, openRound } from './round.ts';

const VECTORS = fileURLToPath(new URL('../vectors/', import.meta.url));
const expected = JSON.parse(readFileSync(join(VECTORS, 'expected.json'), 'utf8')) as {
  key: { kid: string; pem: string };
  copies: Record<string, { checks: Record<string, boolean> }>;
};

/** Pastes the pinned key (and a receipt), presses verify and waits for the summary; returns each row's state. */
async function verifyInPage(page: Page, pem: string, receipt?: string) {
  await page.getByLabel(/Khóa công khai của xã/).fill(pem);
  if (receipt) await page.getByLabel(/Mã biên nhận của phiếu/).fill(receipt);
  // Enabled by the page's script once it finds a Worker and WebCrypto (127.0.0.1 is a secure context).
  await page.getByRole('button', { name: 'Kiểm tra / Verify' }).click();
  const summary = page.locator('#summary');
  await summary.waitFor({ state: 'visible', timeout: 30_000 });
  const rows: Record<string, string | null> = {};
  for (let step = 1; step <= 9; step++) rows[step] = await page.locator(`#check-${step}`).getAttribute('data-state');
  return { rows, summary: await summary.innerText(), verdict: await summary.getAttribute('data-state') };
}

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

describe('the verify page in Chromium, on a real round and on tampered test vectors', () => {
  let site: ServedSystem;

  beforeAll(async () => {
    site = await serveSystem('verify');
  });
  afterAll(async () => {
    await browser.close();
    await site?.close();
  });

  it('passes all 9 checks on the published bundle of a real round, with the pinned key and a voter’s receipt', async () => {
    const token = await site.officialToken();
    const { id, codes } = await openRound(site, token, 6);
    const receipts = [
      await castByApi(site, id, codes[0]!, { q1: 'yes', q2: 'truong', q3: ['sang', 'toi'] }),
      await castByApi(site, id, codes[1]!, { q1: 'yes', q2: 'dinh', q3: ['chieu'] }),
      await castByApi(site, id, codes[2]!, { q1: 'no', q2: 'abstain', q3: [] }),
      await castByApi(site, id, codes[3]!, { q1: 'abstain', q2: 'truong', q3: ['toi'] }),
    ];
    await closeRound(site, token, id);

    const { page, errors, close } = await phonePage(browser);
    await page.goto(`${site.origin}/c/${id}/verify.html`);
    const pem = await (await fetch(`${site.origin}/keys/${site.kid}.pem`)).text();
    expect(pem).toContain('-----BEGIN PUBLIC KEY-----');
    const result = await verifyInPage(page, pem, receipts[2]);
    expect(result.rows).toEqual({ 1: 'pass', 2: 'pass', 3: 'pass', 4: 'pass', 5: 'pass', 6: 'pass', 7: 'pass', 8: 'pass', 9: 'pass' });
    expect(result.verdict).toBe('pass');
    expect(result.summary).toContain('Kết quả hợp lệ: cả 9 bước đều đạt.');
    // A pinned key leaves nothing to warn about.
    expect(result.summary).not.toContain('cảnh báo');
    // The receipt's inclusion proof is shown.
    await expect(page.locator('#inclusion').isVisible()).resolves.toBe(true);
    await expect(page.locator('#inclusion-receipt').innerText()).resolves.toBe(receipts[2]);
    await expect(page.locator('#inclusion-position').innerText()).resolves.toMatch(/^\d \/ 4$/);
    expect(errors).toEqual([]);
    await close();
  });

  // Copies of test/vectors made to fail one check each, put in the site folder with their verify page.
  for (const [copy, step] of [
    ['7-tally', 7],
    ['3-receipt', 3],
  ] as const) {
    it(`fails naming check ${step} on the tampered copy ${copy}, and passes the other eight`, async () => {
      const folder = `c/vectors-${copy}/`;
      const dir = join(site.siteDir, folder);
      cpSync(join(VECTORS, 'tampered', copy), dir, { recursive: true });
      const consultation = JSON.parse(readFileSync(join(dir, 'consultation.json'), 'utf8'));
      writeFileSync(join(dir, 'verify.html'), verifyPage({ consultation, kid: expected.key.kid, url: `${site.origin}/${folder}` }));

      const { page, errors, close } = await phonePage(browser);
      await page.goto(`${site.origin}/${folder}verify.html`);
      const result = await verifyInPage(page, readFileSync(join(VECTORS, expected.key.pem), 'utf8'));
      const want = Object.fromEntries(Object.entries(expected.copies[copy]!.checks).map(([n, ok]) => [n, ok ? 'pass' : 'fail']));
      expect(want[step]).toBe('fail');
      expect(result.rows).toEqual(want);
      expect(result.verdict).toBe('fail');
      expect(result.summary).toContain(`KHÔNG hợp lệ: bước ${step} không đạt.`);
      await expect(page.locator(`#check-${step} .state`).innerText()).resolves.toBe('✗ Không đạt / Fail');
      await expect(page.locator(`#check-${step} .detail`).innerText()).resolves.not.toBe('');
      expect(errors).toEqual([]);
      await close();
    });
  }
});
