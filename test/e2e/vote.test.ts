import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phonePage, serveSystem, type ServedSystem } from './browser.ts';
import { fillBallot, openRound, send, toReview } from './round.ts';

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

describe('a resident votes with the household code in Chromium on a 360 px wide phone', () => {
  let site: ServedSystem;
  let id: string;
  let codes: string[];

  beforeAll(async () => {
    site = await serveSystem('vote');
    ({ id, codes } = await openRound(site, await site.officialToken()));
  });
  afterAll(async () => {
    await browser.close();
    await site?.close();
  });

  let sent = 0;
  const participants = async () => {
    const view = await site.api('GET', `/api/consultations/${id}`, undefined, { token: await site.officialToken() });
    return view.json.counts.participants as number;
  };

  /** From the review page on: CHƯA before sending, ĐÃ GHI NHẬN with a receipt after, and the API counts the receipt. */
  const reviewAndSend = async (page: Page) => {
    await toReview(page);
    await expect(page.locator('h1').innerText()).resolves.toContain('phiếu CHƯA được gửi');
    const answers = await page.locator('dl.answers').innerText();
    for (const chosen of ['Đồng ý', 'Sau trường mầm non', 'Buổi sáng', 'Buổi tối']) expect(answers).toContain(chosen);
    expect(answers).not.toContain('Buổi chiều');
    // Nothing is recorded before the cast.
    await expect(participants()).resolves.toBe(sent);

    await send(page);
    await expect(page.locator('h1').innerText()).resolves.toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
    await expect(page.getByRole('status').innerText()).resolves.toContain('Đây là phiếu đầu tiên của hộ');
    const receipt = (await page.locator('#receipt').innerText()).trim();
    expect(receipt).toMatch(/^[0-9a-f]{64}$/);
    const tracking = (await page.locator('.tracking').innerText()).trim();
    expect(tracking).toBe(`${receipt.slice(0, 5)} ${receipt.slice(5, 10)}`);
    const status = await site.api('GET', `/api/consultations/${id}/receipts/${receipt}`);
    expect(status.status).toBe(200);
    expect(status.json).toEqual({ status: 'counted' });
    sent++;
    return receipt;
  };

  it('with JavaScript on: types the code, chooses, sees CHƯA on the review page, sends, and gets a receipt the API counts', async () => {
    const { page, errors, close } = await phonePage(browser);
    await page.goto(`${site.origin}/vote/${id}`);
    await fillBallot(page, codes[0]!);
    await reviewAndSend(page);
    // The helper script ran: it shows the print and copy buttons of the recorded page.
    await expect(page.locator('#tools').isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('with JavaScript off: the same forms record the ballot and give a receipt the API counts', async () => {
    const { page, errors, close } = await phonePage(browser, { javaScript: false });
    await page.goto(`${site.origin}/vote/${id}`);
    await fillBallot(page, codes[1]!.toLowerCase());
    await reviewAndSend(page);
    // No script ran: the buttons that need it stay hidden.
    await expect(page.locator('#tools').isVisible()).resolves.toBe(false);
    expect(errors).toEqual([]);
    await close();
  });

  it('from the QR link /vote/<id>#code=…: the code fills the code field and the fragment leaves the address bar', async () => {
    const { page, errors, close } = await phonePage(browser);
    const code = codes[2]!;
    await page.goto(`${site.origin}/vote/${id}#code=${encodeURIComponent(code)}`);
    await expect(page.getByLabel('Mã biểu quyết của hộ').inputValue()).resolves.toBe(code);
    expect(page.url()).toBe(`${site.origin}/vote/${id}`);
    await expect(page.evaluate('location.hash')).resolves.toBe('');
    await fillBallot(page, undefined);
    await reviewAndSend(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('counts three households, one per ballot sent from the browser', async () => {
    await expect(participants()).resolves.toBe(3);
  });
});
