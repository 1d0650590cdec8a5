/**
 * An official's round in Chromium through the officials' pages (`/officials/`), on an office computer's screen
 * (1280 px): sign in, create an opinion voted online through the form, paste the roll, record the five Decree 59/2023
 * Art. 5 conditions, open voting and print the A4 code slips, enter paper ballots with the
 * keyboard only, close, and follow the link to the signed result. axe-core finds no
 * serious or critical violation on the pages an official works on; screenshots go to docs/screenshots/.
 * The steps run in order and share one page.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOnlineConditions } from '../support/system.ts';
import { castByApi } from './round.ts';
import {
  DESKTOP,
  desktopPage,
  launchChromium,
  MONITOR,
  phonePage,
  pngSize,
  reportMinor,
  runAxe,
  screenshotAt,
  serveSystem,
  sidewaysOverflow,
  type ServedSystem,
} from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

/** A date and time in Vietnam (UTC+7) as a datetime-local field takes it, `minutes` from now. */
function vietnamLocal(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString().slice(0, 16);
}

const HOUSEHOLDS = 10;
const TITLE = 'Ý kiến về giờ thắp đèn đường Thôn Tây';

function rollCsv(n: number): string {
  const lines = ['id,hamlet,head,members,category'];
  for (let i = 1; i <= n; i++) lines.push(`T-${String(i).padStart(3, '0')},Thôn Tây,Chủ hộ ${i},${1 + (i % 4)},standard`);
  return `${lines.join('\n')}\n`;
}

/** No serious or critical axe-core violation (the moderate and minor ones are printed). */
async function axeClean(page: Page, label: string): Promise<void> {
  const { serious, other, passed } = await runAxe(page);
  reportMinor(label, other);
  expect(passed).toBeGreaterThan(10);
  expect(serious, `axe on ${label}`).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  const size = pngSize(readFileSync(await screenshotAt(page, name, DESKTOP.width)));
  expect(size.width).toBe(DESKTOP.width);
}

describe('an official runs a round through the officials’ pages in Chromium', () => {
  let site: ServedSystem;
  let page: Page;
  let errors: string[];
  let closePage: () => Promise<void>;
  let id: string;
  /** The codes printed on the slips, by roll id. */
  const codes = new Map<string, string>();

  beforeAll(async () => {
    site = await serveSystem('officials');
    ({ page, errors, close: closePage } = await desktopPage(browser));
  });
  afterAll(async () => {
    await closePage?.();
    await browser.close();
    await site?.close();
  });

  it('signs in with the local account and lands on the dashboard; login and dashboard have no serious axe violation', async () => {
    await page.goto(`${site.origin}/officials/`);
    // Without a session the pages send the browser to sign in.
    expect(new URL(page.url()).pathname).toBe('/officials/login');
    await axeClean(page, 'officials login');
    await page.locator('#username').fill('official');
    await page.locator('#password').fill('pw-official');
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
    await page.waitForURL((u) => u.pathname === '/officials/');
    await expect(page.locator('h1').innerText()).resolves.toContain('Các cuộc lấy ý kiến của xã');
    await axeClean(page, 'officials dashboard');
    expect(errors).toEqual([]);
  });

  it('shows the dashboard on a 360 px phone with nothing scrolling sideways', async () => {
    const phone = await phonePage(browser);
    try {
      await phone.context.addCookies(await page.context().cookies());
      await phone.page.goto(`${site.origin}/officials/`);
      expect(new URL(phone.page.url()).pathname).toBe('/officials/');
      const { overflow, culprits } = await sidewaysOverflow(phone.page);
      expect(culprits, 'wider than the screen').toEqual([]);
      expect(overflow).toBe(0);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('creates an opinion consultation voted online with one yes/no question through the form', async () => {
    await page.getByRole('link', { name: /Tạo cuộc lấy ý kiến mới/ }).click();
    await page.waitForURL((u) => u.pathname === '/officials/c/new');
    await axeClean(page, 'officials form');
    await page.locator('#f-scope-kind').selectOption('hamlet');
    await page.locator('#f-scope-name').fill('Thôn Tây');
    await page.locator('#f-matter').selectOption('opinion');
    await page.locator('#f-method').selectOption('online');
    await page.locator('#f-title').fill(TITLE);
    await page.locator('#f-description').fill('Lấy ý kiến các hộ về việc bật đèn đường từ 18 giờ đến 22 giờ mỗi ngày.');
    await page.locator('#f-opensAt').fill(vietnamLocal(-5));
    await page.locator('#f-closesAt').fill(vietnamLocal(24 * 60));
    await page.locator('#f-q1-type').selectOption('yes_no');
    await page.locator('#f-q1-text').fill('Đồng ý bật đèn đường từ 18 giờ đến 22 giờ?');
    // Nothing focused, so the screenshot shows no caret or focus ring.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await shot(page, 'officials-form');
    await page.getByRole('button', { name: /Lưu dự thảo/ }).click();
    await page.waitForURL((u) => /^\/officials\/c\/[^/]+$/.test(u.pathname) && u.pathname !== '/officials/c/new');
    id = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.locator('h1').innerText()).resolves.toBe(TITLE);
    const saved = await site.api('GET', `/api/consultations/${id}`, undefined, { token: await site.officialToken() });
    expect(saved.status).toBe(200);
    expect(saved.json.state).toBe('draft');
    expect(saved.json.matter).toBe('opinion');
    expect(saved.json.method).toBe('online');
    expect(saved.json.questions.map((q: { type: string }) => q.type)).toEqual(['yes_no']);
    expect(errors).toEqual([]);
  });

  it('uploads the roll by pasting CSV text', async () => {
    await page.getByRole('link', { name: /Danh sách hộ/ }).click();
    await page.locator('#csv').fill(rollCsv(HOUSEHOLDS));
    await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
    await page.waitForLoadState('load');
    const view = await site.api('GET', `/api/consultations/${id}`, undefined, { token: await site.officialToken() });
    expect(view.json.counts.eligible).toBe(HOUSEHOLDS);
    expect(errors).toEqual([]);
  });

  it('cannot open before the five Decree 59/2023 Art. 5 conditions; opens once they are recorded', async () => {
    const token = await site.officialToken();
    const early = await site.api('POST', `/api/consultations/${id}/open`, undefined, { token });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('conditions_missing');
    // Recorded as the online team hands them in (the opening page has a form for each; it answers 409 until then).
    await recordOnlineConditions(
      (method, path, opts = {}) => site.api(method, path, opts.body, opts.token ? { token: opts.token } : {}),
      token,
      id,
      HOUSEHOLDS,
    );
    const audit = await site.api('GET', `/api/consultations/${id}/audit`, undefined, { token: await site.issuer.issue(MONITOR) });
    const recorded = (audit.json as Array<{ action: string; data: { condition: string } }>).filter((e) => e.action === 'online_condition_recorded');
    expect(recorded.map((e) => e.data.condition)).toEqual(['leaders_agreed', 'reported', 'team', 'poll', 'devices']);
  });

  it('opens voting and gets A4 slips: 8 a printed page, a QR code and a code on each', async () => {
    await page.goto(`${site.origin}/officials/c/${id}/open`);
    await page.getByRole('button', { name: new RegExp(`Mở biểu quyết cho ${HOUSEHOLDS} hộ`) }).click();
    await page.waitForURL((u) => u.pathname === `/officials/c/${id}/codes`);
    await page.waitForLoadState('load');
    await expect(page.locator('h1').innerText()).resolves.toContain('Phiếu mã biểu quyết: in từng trang');
    await axeClean(page, 'officials slips');
    await shot(page, 'officials-slips');
    // The print button is shown by this origin's script (the CSP allows no inline one), and prints the page.
    const print = page.getByRole('button', { name: /In trang này/ });
    await expect(print.isVisible()).resolves.toBe(true);
    await page.evaluate('window.__printed = 0; window.print = () => { window.__printed++; }');
    await print.click();
    await expect(page.evaluate('window.__printed')).resolves.toBe(1);

    await page.emulateMedia({ media: 'print' });
    // The warning is not printed; the sheets are, each after a page break. Nor is the print button.
    await expect(page.locator('.no-print').first().isVisible()).resolves.toBe(false);
    await expect(print.isVisible()).resolves.toBe(false);
    const perSheet = await page.locator('section.sheet').evaluateAll((sheets) => sheets.map((s) => s.querySelectorAll('article.slip').length));
    expect(perSheet).toEqual([8, HOUSEHOLDS - 8]);
    const breaks = await page.locator('section.sheet').evaluateAll((sheets) => sheets.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks).toEqual(['auto', 'page']);
    const slips = page.locator('article.slip');
    expect(await slips.count()).toBe(HOUSEHOLDS);
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const slip = slips.nth(i);
      expect(await slip.locator('svg.qr path').count()).toBe(1);
      const code = (await slip.locator('.slip-code').innerText()).trim();
      expect(code.length).toBeGreaterThan(6);
      codes.set((await slip.getAttribute('data-household'))!, code);
    }
    // Each sheet fits on one A4 page inside the 10 mm margins (190 × 277 mm; 1 mm = 96 / 25.4 CSS px).
    const mm = 96 / 25.4;
    for (const box of await page.locator('section.sheet').evaluateAll((s) => s.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(box.width).toBeLessThanOrEqual(190 * mm + 1);
      expect(box.height).toBeLessThanOrEqual(277 * mm + 1);
    }
    // Headless Chromium prints: the PDF has one A4 page a sheet.
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
    expect(pages.length).toBe(Math.ceil(HOUSEHOLDS / 8));
    await page.emulateMedia({ media: 'screen' });
    expect(codes.size).toBe(HOUSEHOLDS);
    expect(errors).toEqual([]);
  });

  it('enters a paper ballot with the keyboard only and sees the running count', async () => {
    await page.goto(`${site.origin}/officials/c/${id}/paper`);
    await axeClean(page, 'officials paper entry');
    // The roll id field has the focus: type it, Tab to the answer, type its key, Enter.
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('f-household');
    await page.keyboard.type('T-001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    await expect(page.locator('#last').innerText()).resolves.toContain('Đã ghi phiếu của hộ T-001.');
    await expect(page.locator('section[aria-labelledby=count]').innerText()).resolves.toContain('Đã nhập ở màn hình này: 1 phiếu.');
    // Ready for the next one: the focus is back on the roll id.
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('f-household');
    await axeClean(page, 'officials paper entry after a ballot');
    await shot(page, 'officials-paper');
    expect(errors).toEqual([]);
  });

  it('warns before a paper ballot replaces an online one, records it on Enter, and undoes it', async () => {
    await castByApi(site, id, codes.get('T-002')!, { q1: 'no' });
    // The roll id in lower case and the Vietnamese key Đ (Đồng ý): both are taken.
    await page.keyboard.type('t-002');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Đ');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    await expect(page.locator('#already-voted').innerText()).resolves.toContain('Hộ T-002 đã biểu quyết');
    // Nothing was recorded yet; Enter on the focused Record button confirms.
    await expect(page.locator('section[aria-labelledby=count]').innerText()).resolves.toContain('Đã nhập ở màn hình này: 1 phiếu.');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    await expect(page.locator('#last').innerText()).resolves.toContain('Đã ghi phiếu của hộ T-002.');
    await expect(page.locator('#recorded-answers').innerText()).resolves.toContain('Đồng ý');
    await expect(page.locator('#replaced').isVisible()).resolves.toBe(true);
    await expect(page.locator('section[aria-labelledby=count]').innerText()).resolves.toContain('Đã nhập ở màn hình này: 2 phiếu.');

    await page.locator('#undo button').click();
    await page.waitForLoadState('load');
    await expect(page.locator('#undone').innerText()).resolves.toContain('Đã hoàn tác phiếu vừa nhập của hộ T-002.');
    await expect(page.locator('#undone').innerText()).resolves.toContain('được tính lại');
    await expect(page.locator('section[aria-labelledby=count]').innerText()).resolves.toContain('Đã nhập ở màn hình này: 1 phiếu.');
    const view = await site.api('GET', `/api/consultations/${id}`, undefined, { token: await site.officialToken() });
    // T-001 on paper, and T-002's online ballot, which counts again.
    expect(view.json.counts.participants).toBe(2);
    expect(view.json.counts.byChannel).toMatchObject({ online: 1, paper: 1 });
    expect(errors).toEqual([]);
  });

  it('closes voting and follows the link to the signed result', async () => {
    await page.goto(`${site.origin}/officials/c/${id}`);
    await page.getByRole('link', { name: /Kết thúc và công bố kết quả/ }).click();
    // Before the planned close the confirmation asks why; the reason is published with the result.
    await page.locator('#reason').fill('Các hộ đã biểu quyết xong, thôn thống nhất kết thúc sớm');
    await page.getByRole('button', { name: /Kết thúc ngay và công bố/ }).click();
    await page.locator('#result').waitFor();
    await page.locator('#result').click();
    await page.waitForURL((u) => u.pathname === `/c/${id}/` || u.pathname === `/c/${id}/index.html`);
    await expect(page.locator('h1').innerText()).resolves.toContain('đèn đường');
    const view = await site.api('GET', `/api/consultations/${id}`, undefined, { token: await site.officialToken() });
    expect(view.json.state).toBe('published');
    expect(errors).toEqual([]);
  });
});
