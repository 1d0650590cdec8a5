/**
 * The complaint pages of a published result in Chromium: residents file complaints on a 360 px phone, from the result
 * page's link, with JavaScript on and with it off; a wrong code is told plainly and the typed text kept; an official
 * answers one complaint and hides another with a reason on the officials' page (1280 px); the public result page then
 * shows the answer, how many complaints were hidden and why, and no text of the hidden one. Markup in a complaint
 * stays text everywhere; axe-core finds no serious or critical violation on any page and no page logs an error.
 * The steps run in order on one published round.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../functions/http/messages.ts';
import {
  DESKTOP,
  desktopPage,
  launchChromium,
  phonePage,
  pngSize,
  reportMinor,
  runAxe,
  screenshot,
  screenshotAt,
  serveSystem,
  sidewaysOverflow,
  type ServedSystem,
} from './browser.ts';
import { castByApi, closeRound, openRound } from './round.ts';

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

/** Markup that would run if a page printed a complaint as HTML. */
const XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>';
/** A long word (a link) must wrap on a 360 px screen rather than push the page sideways. */
const LINK = 'https://xathunghiem.example/ketqua?phieu=hocuatoidagiophieunhungkhongthaytrongdanhsachthamgiacuaketqua';
const MARKUP = `Hộ tôi đã gửi phiếu nhưng không thấy trong danh sách ${LINK} ${XSS}`;
const PERSONAL = 'Tôi là Nguyễn Văn Ất, số CCCD 001099012345, điện thoại 0912345678: hộ tôi không nhận được phiếu.';
const PLAIN = 'Đề nghị xã kiểm tra lại số hộ tham gia ở Thôn Đông.';
const ANSWER = 'UBND xã đã đối chiếu danh sách: số hộ tham gia đúng như kết quả đã công bố.';

/** No serious or critical axe-core violation (the moderate and minor ones are printed). */
async function axeClean(page: Page, label: string): Promise<void> {
  const { serious, other, passed } = await runAxe(page);
  reportMinor(label, other);
  expect(passed).toBeGreaterThan(10);
  expect(serious, `axe on ${label}`).toEqual([]);
}

/** Nothing reaches past a 360 px phone's screen. */
async function fitsPhone(page: Page): Promise<void> {
  const { overflow, culprits } = await sidewaysOverflow(page);
  expect(culprits, 'wider than the screen').toEqual([]);
  expect(overflow).toBe(0);
}

/** Every JavaScript dialog (alert, confirm, prompt) the page opens, dismissed at once. */
function dialogsOf(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

describe('the complaint pages in Chromium', () => {
  let site: ServedSystem;
  let token: string;
  let id: string;
  let codes: string[];

  beforeAll(async () => {
    site = await serveSystem('complaints');
    token = await site.officialToken();
    ({ id, codes } = await openRound(site, token, 6));
    for (const code of codes.slice(0, 4)) await castByApi(site, id, code, { q1: 'yes', q2: 'dinh', q3: ['sang'] });
    await closeRound(site, token, id);
  });
  afterAll(async () => {
    await browser.close();
    await site?.close();
  });

  /** Sends the complaint form as typed and waits for the page the server answers with. */
  const sendComplaint = async (page: Page, code: string, text: string) => {
    await page.locator('#code').fill(code);
    await page.locator('#text').fill(text);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Gửi', exact: true }).click()]);
  };

  it('a resident on a phone follows the result page to the complaint form; a complaint with markup shows as text under the roll id', async () => {
    const { page, errors, close } = await phonePage(browser);
    const dialogs = dialogsOf(page);
    try {
      await page.goto(`${site.origin}/c/${id}/`);
      await axeClean(page, 'result with the petitions');
      await page.getByRole('link', { name: 'Gửi kiến nghị, phản ánh bằng mã của hộ' }).click();
      await page.waitForURL((u) => u.pathname === `/vote/${id}/complain`);
      await expect(page.locator('h1').innerText()).resolves.toBe('Kiến nghị, phản ánh về quyết định');
      await expect(page.locator('main').innerText()).resolves.toContain('Chưa có kiến nghị, phản ánh nào.');
      await axeClean(page, 'complaints (empty)');
      await fitsPhone(page);

      await sendComplaint(page, codes[0]!, MARKUP);
      expect(new URL(page.url()).searchParams.get('sent')).toBe('1');
      await expect(page.getByRole('status').innerText()).resolves.toContain('Đã gửi.');
      const thread = page.locator('article.thread', { hasText: 'alert(1)' });
      await expect(thread.locator('.comment-text').innerText()).resolves.toBe(MARKUP);
      // openRound's codes are in roll order: the first is H-001's.
      await expect(thread.locator('strong').first().innerText()).resolves.toBe('Hộ H-001');
      await expect(thread.innerText()).resolves.toContain('Chưa có trả lời.');
      expect(await page.locator('main script, main img').count()).toBe(0);
      await fitsPhone(page);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a wrong code is told plainly, the typed text is kept (the code is not), and the corrected form is filed', async () => {
    const { page, errors, close } = await phonePage(browser);
    try {
      await page.goto(`${site.origin}/vote/${id}/complain`);
      await sendComplaint(page, 'AAAA-BBBB-CCCC-DDDD', PERSONAL);
      const alert = page.getByRole('alert');
      await expect(alert.locator('h2').innerText()).resolves.toBe('Kiến nghị, phản ánh chưa được gửi');
      await expect(alert.innerText()).resolves.toContain(MESSAGES.invalid_code.vi);
      await expect(page.locator('#text').inputValue()).resolves.toBe(PERSONAL);
      await expect(page.locator('#code').inputValue()).resolves.toBe('');
      await axeClean(page, 'complaints with a wrong code');
      await fitsPhone(page);
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      expect(pngSize(readFileSync(await screenshot(page, 'complain-wrong-code'))).width).toBe(360);

      // Only the code is typed again: the text the resident wrote is sent as it was kept.
      await page.locator('#code').fill(codes[1]!);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Gửi', exact: true }).click()]);
      expect(new URL(page.url()).searchParams.get('sent')).toBe('1');
      const thread = page.locator('article.thread', { hasText: 'CCCD' });
      await expect(thread.locator('.comment-text').innerText()).resolves.toBe(PERSONAL);
      await expect(thread.locator('strong').first().innerText()).resolves.toBe('Hộ H-002');
      // The page that told of the wrong code came with the API's status, 401, which Chromium logs; nothing else is logged.
      expect(errors).toEqual([expect.stringMatching(new RegExp(`status of 401 \\(Unauthorized\\) \\(${site.origin}/vote/${id}/complain\\)$`))]);
    } finally {
      await close();
    }
  });

  it('a resident files a complaint with JavaScript off', async () => {
    const { page, errors, close } = await phonePage(browser, { javaScript: false });
    try {
      await page.goto(`${site.origin}/vote/${id}/complain`);
      await sendComplaint(page, codes[2]!, PLAIN);
      expect(new URL(page.url()).searchParams.get('sent')).toBe('1');
      await expect(page.getByRole('status').innerText()).resolves.toContain('Đã gửi.');
      const thread = page.locator('article.thread', { hasText: PLAIN });
      await expect(thread.locator('strong').first().innerText()).resolves.toBe('Hộ H-003');
      await expect(page.locator('main').innerText()).resolves.toContain('3 kiến nghị, phản ánh; 0 đã trả lời.');
      await fitsPhone(page);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('an official answers one complaint and hides another with a reason, still reading its text', async () => {
    const { page, errors, close } = await desktopPage(browser);
    const dialogs = dialogsOf(page);
    try {
      await page.goto(`${site.origin}/officials/`);
      await page.locator('#username').fill('official');
      await page.locator('#password').fill('pw-official');
      await page.getByRole('button', { name: /Đăng nhập/ }).click();
      await page.waitForURL((u) => u.pathname === '/officials/');

      await page.goto(`${site.origin}/officials/c/${id}/complaints`);
      await axeClean(page, 'officials complaints');
      const plain = page.locator('article.thread', { hasText: PLAIN });
      await plain.locator('textarea[name=text]').fill(ANSWER);
      await plain.getByRole('button', { name: /Trả lời/ }).click();
      await page.waitForURL((u) => u.pathname === `/officials/c/${id}/complaints` && u.searchParams.get('done') === 'answered');
      await expect(page.getByRole('status').innerText()).resolves.toContain('Đã đăng câu trả lời');

      const personal = page.locator('article.thread', { hasText: 'CCCD' });
      await personal.locator('select[name=reason]').selectOption('personal_data');
      await personal.getByRole('button', { name: /Ẩn/ }).click();
      await page.waitForURL((u) => u.searchParams.get('done') === 'hidden');
      await expect(page.getByRole('status').innerText()).resolves.toContain('Đã ẩn kiến nghị, phản ánh');
      const hidden = page.locator('article.thread', { hasText: 'CCCD' });
      await expect(hidden.innerText()).resolves.toContain('Đã ẩn (lộ thông tin cá nhân)');
      await expect(hidden.locator('select[name=reason]').count()).resolves.toBe(0);
      // Hidden for personal data, it still needs an answer.
      await expect(page.locator('main').innerText()).resolves.toContain('1 kiến nghị bị ẩn (lộ thông tin cá nhân: 1); 2 kiến nghị chưa được trả lời');
      await axeClean(page, 'officials complaints after moderation');
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      expect(pngSize(readFileSync(await screenshotAt(page, 'officials-complaints', DESKTOP.width))).width).toBe(DESKTOP.width);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the public result page shows the answer, the hidden count with its reason, no text of the hidden complaint, and markup as text', async () => {
    const { page, errors, close } = await phonePage(browser);
    const dialogs = dialogsOf(page);
    try {
      await page.goto(`${site.origin}/c/${id}/`);
      const section = page.locator('#complaints');
      await expect(section.locator('[data-count=complaints-hidden]').innerText()).resolves.toBe('1');
      const text = await section.innerText();
      expect(text).toContain('3 kiến nghị, phản ánh; 1 đã trả lời.');
      expect(text).toContain('(lộ thông tin cá nhân: 1)');
      expect(text).toContain('Kiến nghị này đã bị ẩn (lý do: lộ thông tin cá nhân)');
      for (const secret of ['CCCD', 'Nguyễn Văn Ất', '0912345678', 'Hộ H-002']) expect(text).not.toContain(secret);
      const answered = section.locator('article.thread', { hasText: PLAIN });
      await expect(answered.locator('.comment-text').last().innerText()).resolves.toBe(ANSWER);
      await expect(answered.innerText()).resolves.toContain('Trả lời của UBND xã');
      const marked = section.locator('article.thread', { hasText: 'alert(1)' });
      await expect(marked.locator('.comment-text').innerText()).resolves.toBe(MARKUP);
      expect(await section.locator('script, img').count()).toBe(0);
      await axeClean(page, 'result with complaints');
      await fitsPhone(page);
      expect(pngSize(readFileSync(await screenshot(page, 'result-complaints'))).width).toBe(360);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the residents’ complaint page shows the same: the answer, the placeholder of the hidden one and the count', async () => {
    const { page, errors, close } = await phonePage(browser);
    try {
      await page.goto(`${site.origin}/vote/${id}/complain`);
      const main = await page.locator('main').innerText();
      expect(main).toContain('Số kiến nghị bị ẩn: 1 (lộ thông tin cá nhân: 1).');
      expect(main).toContain('Kiến nghị này đã bị ẩn (lý do: lộ thông tin cá nhân).');
      expect(main).toContain(ANSWER);
      for (const secret of ['CCCD', 'Nguyễn Văn Ất', 'Hộ H-002']) expect(main).not.toContain(secret);
      await axeClean(page, 'complaints after moderation');
      await fitsPhone(page);
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      expect(pngSize(readFileSync(await screenshot(page, 'complain'))).width).toBe(360);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
