/**
 * A citizens' initiative in Chromium on a 360 px phone, without JavaScript (the pages need none): a household
 * proposes with its code, another consents, a second consent of the same household is refused with the reason, a
 * third household brings it to 10 % of H; the page counts by roll id, shows the 3-month limit, never a name, and in
 * English beside the Vietnamese under `?lang=en`. axe-core finds no serious or critical violation; no console error.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phonePage, reportMinor, runAxe, screenshot, serveSystem, sidewaysOverflow, type ServedSystem } from './browser.ts';
import { openRound } from './round.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than skips.
const browser = await launchChromium();

/** Nothing reaches past a 360 px phone's screen. */
async function fitsPhone(page: Page): Promise<void> {
  const { overflow, culprits } = await sidewaysOverflow(page);
  expect(culprits, 'wider than the screen').toEqual([]);
  expect(overflow).toBe(0);
}

/** No serious or critical axe-core violation on the page at `url` (axe itself needs JavaScript: a page of its own). */
async function axeClean(url: string, label: string): Promise<void> {
  const { page, errors, close } = await phonePage(browser);
  await page.goto(url);
  const { serious, other, passed } = await runAxe(page);
  reportMinor(label, other);
  expect(passed).toBeGreaterThan(10);
  expect(serious, `axe on ${label}`).toEqual([]);
  expect(errors).toEqual([]);
  await close();
}

describe('a citizens’ initiative on a phone', () => {
  let site: ServedSystem;
  let round: { id: string; codes: string[] };

  beforeAll(async () => {
    site = await serveSystem('initiative');
    round = await openRound(site, await site.officialToken(), 20);
  });
  afterAll(async () => {
    await site.close();
    await browser.close();
  });

  const consent = async (page: Page, code: string) => {
    await page.fill('#consent input[name="code"]', code);
    await Promise.all([page.waitForLoadState('load'), page.click('#consent button[type="submit"]')]);
  };

  it('is proposed, collects consents once per household, and reaches 10 % of H', async () => {
    const { page, errors, close } = await phonePage(browser, { javaScript: false });
    page.setDefaultTimeout(15_000);
    await page.goto(`${site.origin}/vote/${round.id}/initiative`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await fitsPhone(page);
    await page.fill('#title', 'Lắp đèn đường trục thôn Đông');
    await page.fill('#text', 'Lắp 12 bóng đèn năng lượng mặt trời từ nhà văn hóa đến cầu Đông.');
    await page.fill('#propose input[name="code"]', round.codes[0]!);
    await Promise.all([page.waitForURL(/\/vote\/initiatives\/[0-9A-Z]{26}\?proposed=1$/), page.click('#propose button[type="submit"]')]);
    await expect.poll(() => page.locator('#sent').innerText()).toContain('Đã ghi nhận đề xuất');
    expect(await page.locator('#standing').innerText()).toContain('Đang lấy ý kiến đồng thuận, chưa đủ 10%');
    expect(await page.locator('#standing').innerText()).toContain('cần ít nhất 2 hộ');
    await fitsPhone(page);

    await consent(page, round.codes[1]!);
    expect(await page.locator('#sent').innerText()).toContain('Đã ghi nhận ý kiến đồng thuận');
    const table = await page.locator('table').innerText();
    expect(table).toContain('H-002');
    expect(table).toContain('Trực tuyến');
    expect(await page.locator('#standing').innerText()).toContain('sẽ giảm sau ngày');

    await consent(page, round.codes[1]!);
    expect(await page.locator('#problem').innerText()).toContain('Hộ đã đồng thuận');
    await fitsPhone(page);

    await consent(page, round.codes[2]!);
    expect(await page.locator('#standing').innerText()).toContain('Đã đủ 10% tổng số hộ gia đình đồng thuận');
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/Chủ hộ|Nguyễn/);
    for (const code of round.codes.slice(0, 3)) expect(text).not.toContain(code);
    await screenshot(page, 'initiative');

    await page.goto(`${page.url().split('?')[0]}?lang=en`);
    expect(await page.locator('#standing').innerText()).toContain('Reached 10 % of all households');
    expect(await page.locator('#standing').innerText()).toContain('Đã đủ 10%');
    const url = page.url();
    // The refused consent is answered 409 (the API's status), which the browser logs; nothing else is.
    const refused = (e: string) => /status of 409 .*\/consent\)$/.test(e);
    expect(errors.filter(refused)).toHaveLength(1);
    expect(errors.filter((e) => !refused(e))).toEqual([]);
    await close();
    await axeClean(`${site.origin}/vote/${round.id}/initiative`, 'propose');
    await axeClean(url, 'initiative');
  });
});
