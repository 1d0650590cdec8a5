/**
 * The village head's phone: a scripted walk through a whole round on a 360 px phone in Chromium, by tapping and
 * typing only. The village head signs in, creates an other self-managed matter voted online (Law 10/2022 Art. 15(6)),
 * uploads the roll as an Excel file with Vietnamese headers, looks at the households, discloses, records the five
 * Decree 59/2023 Art. 5 conditions, opens, finds the print button of the code slips, enters a paper ballot and closes
 * early with a reason. A resident votes with a code from the slips and checks the tracking code on the receipt page;
 * a monitor sees the outcome, verifies the result on the page and countersigns, and the public result lists it.
 * Every page each walk reaches scrolls nothing sideways, shows no English (the published static pages are bilingual,
 * Vietnamese first) and no raw time; the taps and pages of each walk are counted and held under a ceiling.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phonePage, PHONE, type ServedSystem, serveSystem } from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than being skipped.
const browser = await launchChromium();

const TITLE = 'Sửa chữa mái nhà văn hóa Thôn Phước Hưng bằng ngày công của các hộ';
const HAMLET = 'Thôn Phước Hưng';
const HOUSEHOLDS = 8;
const HEAD = 'Nguyễn Thị Phương Huyền Trang Ngọc Diễm Quỳnh Hương Xuân Thảo';
const REASON = 'Các hộ đã biểu quyết xong, thôn thống nhất kết thúc sớm';
const MONITOR_NAME = 'Trần Văn Khánh';
const MONITOR_ORG = 'Ban Thanh tra nhân dân xã';

/** English words these pages would show if a word escaped translation (whole words, case as written). */
const ENGLISH = [
  'Sign',
  'Back',
  'Household',
  'Close',
  'Invalid',
  'expected',
  'Submit',
  'Open voting',
  'Result',
  'Record',
  'Save',
  'Cancel',
  'Upload',
  'required',
  'Attestation',
  'accepted',
  'Refused',
];
const ENGLISH_RE = new RegExp(`\\b(?:${ENGLISH.join('|')})\\b`);
/** A raw RFC 3339 time, or UTC named outright. */
const RAW_TIME = [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, /\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/, /\bUTC\b/];
/**
 * The one English line a resident's page shows on purpose: the recorded page repeats its confirmation in the other
 * language, so that a helper who reads only that one can tell the household its ballot is in.
 */
const RECORDED_EN = 'YOUR HOUSEHOLD’S BALLOT IS RECORDED';
/** A letter only Vietnamese has (among the languages of these pages). */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

async function rollXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách hộ');
  sheet.addRow(['Mã hộ', 'Thôn', 'Chủ hộ', 'Số nhân khẩu', 'Diện']);
  const categories = ['Thường', 'Nghèo', 'Cận nghèo', 'Chính sách'];
  for (let i = 1; i <= HOUSEHOLDS; i++) sheet.addRow([`PH-${String(i).padStart(3, '0')}`, HAMLET, `${HEAD} ${i}`, (i % 6) + 1, categories[i % 4]]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What one page showed that it should not have. */
interface PageCheck {
  path: string;
  overflow: [number, number];
  englishVisible: string[];
  englishWords: string[];
  rawTimes: string[];
  bilingual: boolean;
  h1: string;
}

/**
 * One role's walk on one phone: every tap (a click or a form sent with Enter) goes through `tap`, every page load is
 * counted, and `arrive` checks the page just loaded. At the end every page loaded must have been checked.
 */
class Walk {
  taps = 0;
  loads = 0;
  readonly checked: string[] = [];
  /** The page loads (by their number) that were checked, some more than once as the page changed. */
  readonly seen = new Set<number>();
  constructor(
    readonly role: string,
    readonly page: Page,
    readonly errors: string[],
  ) {
    page.on('load', () => {
      this.loads++;
    });
  }

  /** A tap on `locator`-like target, or a key that sends a form. */
  async tap(target: { click: () => Promise<void> }): Promise<void> {
    this.taps++;
    await target.click();
  }
  async enter(): Promise<void> {
    this.taps++;
    await this.page.keyboard.press('Enter');
  }

  /** Waits until the page is `path` (a test of the pathname) and loaded, then checks it. */
  async arrive(path: (p: string) => boolean, label: string): Promise<void> {
    await this.page.waitForURL((u) => path(u.pathname));
    await this.page.waitForLoadState('load');
    await this.check(label);
  }

  async check(label: string): Promise<void> {
    const found = (await this.page.evaluate(`(() => {
      const html = document.documentElement;
      const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      // The language switch is written in the language it leads to, by design.
      const englishVisible = [...document.querySelectorAll('[lang="en"]')]
        .filter((e) => e !== html && !e.closest('[hreflang], .switch') && visible(e))
        .map((e) => e.textContent.trim().slice(0, 60));
      const h1 = document.querySelector('h1');
      return {
        path: location.pathname,
        overflow: [html.scrollWidth, html.clientWidth],
        englishVisible,
        text: document.body.innerText,
        h1: h1 ? h1.innerText : '',
      };
    })()`)) as Omit<PageCheck, 'englishWords' | 'rawTimes' | 'bilingual'> & { text: string };
    // The published site (/c/<id>/…) is bilingual by design: Vietnamese first.
    const bilingual = found.path.startsWith('/c/');
    const check: PageCheck = {
      path: found.path,
      overflow: found.overflow,
      englishVisible: bilingual ? [] : found.englishVisible.filter((t) => !(found.path.endsWith('/cast') && t === RECORDED_EN)),
      englishWords: bilingual ? [] : [...found.text.matchAll(new RegExp(ENGLISH_RE.source, 'g'))].map((m) => m[0]),
      rawTimes: RAW_TIME.flatMap((re) => found.text.match(re)?.[0] ?? []),
      bilingual,
      h1: found.h1,
    };
    const where = `${this.role}: ${label} (${check.path})`;
    expect(check.overflow[0], `${where} scrolls sideways`).toBeLessThanOrEqual(check.overflow[1]);
    expect(check.englishVisible, `${where} shows English`).toEqual([]);
    expect(check.englishWords, `${where} shows English words`).toEqual([]);
    expect(check.rawTimes, `${where} shows a raw time`).toEqual([]);
    if (bilingual) expect(check.h1.split(' / ')[0], `${where}: the h1 is Vietnamese first`).toMatch(VIETNAMESE);
    expect(this.errors, where).toEqual([]);
    this.checked.push(`${label} ${check.path}`);
    this.seen.add(this.loads);
  }

  /** Every page this walk loaded was checked. */
  allChecked(): void {
    expect(
      [...this.seen].sort((a, b) => a - b),
      `${this.role}: pages loaded and checked`,
    ).toEqual(Array.from({ length: this.loads }, (_, i) => i + 1));
  }
}

/**
 * The ceilings of each walk's taps and pages, a little above what it takes today (village head 24 taps and 25 pages,
 * resident 5 and 6, monitor 4 and 4), so that a change adding steps fails here.
 */
const CEILING = {
  'village head': { taps: 26, pages: 27 },
  resident: { taps: 6, pages: 7 },
  monitor: { taps: 5, pages: 5 },
} as const;

describe('the village head’s phone: a whole round at 360 px, by tapping and typing only', () => {
  let site: ServedSystem;
  let id = '';
  const codes = new Map<string, string>();
  let tracking = '';
  const walks: Walk[] = [];

  beforeAll(async () => {
    site = await serveSystem('walk');
  });
  afterAll(async () => {
    await site?.close();
    await browser.close();
  });

  /** Opens a phone for a role; its walk is closed by the caller. */
  async function newWalk(role: string): Promise<{ walk: Walk; close: () => Promise<void> }> {
    const phone = await phonePage(browser);
    expect(phone.page.viewportSize()).toEqual(PHONE);
    const walk = new Walk(role, phone.page, phone.errors);
    walks.push(walk);
    return { walk, close: phone.close };
  }

  let head: Walk;
  let closeHead: () => Promise<void>;
  const base = () => `/officials/c/${id}`;
  const isConsultation = (p: string) => p === base();

  it('the village head signs in, creates the round, uploads the Excel roll and looks at the households', async () => {
    ({ walk: head, close: closeHead } = await newWalk('village head'));
    const page = head.page;
    await page.goto(`${site.origin}/officials/`);
    await head.arrive((p) => p === '/officials/login', 'sign in');
    await page.locator('#username').fill('official');
    await page.locator('#password').fill('pw-official');
    await head.tap(page.getByRole('button', { name: /Đăng nhập/ }));
    await head.arrive((p) => p === '/officials/', 'dashboard');

    await head.tap(page.getByRole('link', { name: /Tạo cuộc lấy ý kiến mới/ }));
    await head.arrive((p) => p === '/officials/c/new', 'new round');
    await page.locator('#f-scope-kind').selectOption('hamlet');
    await page.locator('#f-scope-name').fill(HAMLET);
    await page.locator('#f-matter').selectOption('other_self_managed');
    await page.locator('#f-method').selectOption('online');
    await page.locator('#f-title').fill(TITLE);
    await page.locator('#f-description').fill('Mỗi hộ góp hai ngày công để thay mái tôn nhà văn hóa thôn trước mùa mưa bão.');
    const local = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString().slice(0, 16);
    await page.locator('#f-opensAt').fill(local(-5));
    await page.locator('#f-closesAt').fill(local(24 * 60));
    await page.locator('#f-q1-type').selectOption('yes_no');
    await page.locator('#f-q1-text').fill('Đồng ý mỗi hộ góp hai ngày công sửa mái nhà văn hóa?');
    await head.tap(page.getByRole('button', { name: /Lưu dự thảo/ }));
    await page.waitForURL((u) => /^\/officials\/c\/[^/]+$/.test(u.pathname) && u.pathname !== '/officials/c/new');
    id = new URL(page.url()).pathname.split('/').pop()!;
    await head.arrive(isConsultation, 'draft');
    await expect(page.locator('h1').innerText()).resolves.toBe(TITLE);

    await head.tap(page.locator('div.actions').getByRole('link', { name: /Danh sách hộ/ }));
    await head.arrive((p) => p === `${base()}/roll`, 'roll');
    await page
      .locator('#file')
      .setInputFiles({ name: 'danh-sach-ho.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await rollXlsx() });
    await head.tap(page.locator('form[enctype="multipart/form-data"] button[type=submit]'));
    await page.locator('#uploaded').waitFor();
    await head.arrive((p) => p.startsWith(`${base()}/roll`), 'roll uploaded');
    await expect(page.locator('#uploaded h2').innerText()).resolves.toContain(`Đã tải lên ${HOUSEHOLDS} hộ`);

    await head.tap(page.locator('#preview-link'));
    await head.arrive((p) => p === `${base()}/roll/households`, 'households');
    await expect(page.locator('ol.households > li').count()).resolves.toBe(HOUSEHOLDS);
    await expect(page.locator('ol.households').innerText()).resolves.toContain(`${HEAD} 1`);
  }, 120_000);

  it('the village head discloses, records the five online conditions and opens; the slips have a print button', async () => {
    const page = head.page;
    await head.tap(page.locator(`a[href="${base()}/roll"]`).first());
    await head.arrive((p) => p === `${base()}/roll`, 'back to the roll');
    await head.tap(page.locator(`a[href="${base()}"]`).first());
    await head.arrive(isConsultation, 'back to the round');
    await head.tap(page.getByRole('link', { name: /Công khai để lấy ý kiến/ }));
    await head.arrive((p) => p === `${base()}/disclose`, 'disclose: confirm');
    await head.tap(page.getByRole('button', { name: /Công khai ngay/ }));
    await head.arrive(isConsultation, 'disclosed');

    await head.tap(page.getByRole('link', { name: /Mở biểu quyết, in phiếu/ }));
    await head.arrive((p) => p === `${base()}/open`, 'open: conditions');
    const form = (condition: string) => page.locator('form.condition', { has: page.locator(`input[name=condition][value=${condition}]`) });
    const record = async (condition: string) => {
      await head.tap(form(condition).getByRole('button', { name: /Ghi nhận điều kiện/ }));
      await head.arrive((p) => p === `${base()}/open`, `condition ${condition}`);
      await expect(form(condition).count()).resolves.toBe(0);
    };
    for (const condition of ['leaders_agreed', 'reported'] as const) {
      await page.locator(`#${condition}-date`).fill('2026-12-01');
      await page.locator(`#${condition}-reference`).fill('Biên bản số 01/BB-PH');
      await record(condition);
    }
    await page.locator('#team-members').fill('Lê Văn Minh, Ban công tác Mặt trận\nPhạm Thị Hoa, Chi hội Phụ nữ\nĐỗ Văn Nam, Chi đoàn Thanh niên');
    await page.locator('#team-leader').fill('Lê Văn Minh');
    await record('team');
    await page.locator('#poll-agreed').fill(String(HOUSEHOLDS));
    await page.locator('#poll-date').fill('2026-12-02');
    await page.locator('#poll-reference').fill('Biên bản thăm dò số 02/BB-PH');
    await record('poll');
    await page.locator('#devices-date').fill('2026-12-02');
    await page.locator('#devices-reference').fill('Biên bản số 03/BB-PH');
    await record('devices');
    await expect(page.locator('form.condition').count()).resolves.toBe(0);

    await head.tap(page.getByRole('button', { name: new RegExp(`Mở biểu quyết cho ${HOUSEHOLDS} hộ`) }));
    await head.arrive((p) => p === `${base()}/codes`, 'code slips');
    // The print button is there (shown by the page's script); it is not pressed.
    await expect(page.getByRole('button', { name: /In trang này/ }).isVisible()).resolves.toBe(true);
    const slips = page.locator('article.slip');
    expect(await slips.count()).toBe(HOUSEHOLDS);
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const slip = slips.nth(i);
      codes.set((await slip.getAttribute('data-household'))!, (await slip.locator('.slip-code').innerText()).trim());
    }
    expect(codes.size).toBe(HOUSEHOLDS);
  }, 120_000);

  it('the village head enters a paper ballot: the roll id in lower case, the answer key Đ', async () => {
    const page = head.page;
    await head.tap(page.getByRole('link', { name: /Quay lại cuộc lấy ý kiến/ }));
    await head.arrive(isConsultation, 'voting');
    await head.tap(page.getByRole('link', { name: /Nhập phiếu giấy/ }));
    await head.arrive((p) => p === `${base()}/paper`, 'paper entry');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('f-household');
    await page.keyboard.type('ph-002');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Đ');
    await head.enter();
    await page.locator('#last').waitFor();
    await head.arrive((p) => p === `${base()}/paper`, 'paper entered');
    await expect(page.locator('#last').innerText()).resolves.toContain('Đã ghi phiếu của hộ PH-002.');
  }, 60_000);

  it('the resident votes with the code from the slip, reviews, and gets the recorded page', async () => {
    const { walk, close } = await newWalk('resident');
    const page = walk.page;
    try {
      await page.goto(`${site.origin}/vote/${id}`);
      await walk.arrive((p) => p === `/vote/${id}`, 'ballot');
      await page.getByLabel('Mã biểu quyết của hộ').fill(codes.get('PH-001')!);
      const yes = page.getByRole('radio', { name: 'Đồng ý', exact: true });
      await walk.tap({ click: () => yes.check() });
      await walk.tap(page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại lựa chọn' }));
      await walk.arrive((p) => p.endsWith('/review'), 'review');
      await expect(page.locator('h1').innerText()).resolves.toContain('phiếu CHƯA được gửi');
      await walk.tap(page.getByRole('button', { name: 'Gửi phiếu' }));
      await walk.arrive((p) => p.endsWith('/cast'), 'recorded');
      await expect(page.locator('h1').innerText()).resolves.toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
      tracking = (await page.locator('.tracking').innerText()).trim();
      expect(tracking).toMatch(/^[0-9a-f]{5} [0-9a-f]{5}$/);
    } finally {
      await close();
    }
  }, 60_000);

  it('the village head closes early with a reason through the confirmation and reaches the signed result', async () => {
    const page = head.page;
    await head.tap(page.locator(`a[href="${base()}"]`).first());
    await head.arrive(isConsultation, 'voting, after paper');
    await head.tap(page.getByRole('link', { name: /Kết thúc và công bố kết quả/ }));
    await head.arrive((p) => p === `${base()}/close`, 'close: confirm');
    await page.locator('#reason').fill(REASON);
    await head.tap(page.getByRole('button', { name: /Kết thúc ngay và công bố/ }));
    await page.locator('#result').waitFor();
    await head.check('closed');
    await head.tap(page.locator('#result'));
    await head.arrive((p) => p === `/c/${id}/` || p === `/c/${id}/index.html`, 'published result');
    head.allChecked();
    await closeHead();
  }, 120_000);

  it('the resident checks the tracking code on the receipt page and finds the ballot counted', async () => {
    const { walk, close } = await newWalk('resident');
    const page = walk.page;
    try {
      await page.goto(`${site.origin}/c/${id}/`);
      await walk.arrive((p) => p.startsWith(`/c/${id}/`), 'published result');
      await walk.tap(page.getByRole('link', { name: 'Kiểm tra phiếu của hộ' }));
      await walk.arrive((p) => p === `/vote/${id}/receipt`, 'receipt check');
      await page.locator('#r').fill(tracking);
      await walk.tap(page.locator('#check-receipt button[type=submit]'));
      await walk.arrive((p) => p.startsWith(`/vote/${id}/receipt`), 'receipt found');
      await expect(page.getByRole('status').innerText()).resolves.toContain('ĐÃ ĐƯỢC TÍNH');
      walk.allChecked();
    } finally {
      await close();
    }
  }, 60_000);

  it('the monitor sees the outcome, verifies on the page, countersigns; the public result lists the countersignature', async () => {
    const { walk, close } = await newWalk('monitor');
    const page = walk.page;
    try {
      await page.goto(`${site.origin}/monitors/login`);
      await walk.arrive((p) => p === '/monitors/login', 'sign in');
      await page.locator('#username').fill('monitor');
      await page.locator('#password').fill('pw-monitor');
      await walk.tap(page.getByRole('button', { name: /Đăng nhập/ }));
      await walk.arrive((p) => p === '/monitors/', 'rounds');
      await walk.tap(page.locator(`a[href="/monitors/c/${id}"]`));
      await walk.arrive((p) => p === `/monitors/c/${id}`, 'round');
      const q1 = page.locator('section.outcome-question[data-question="q1"]');
      await expect(q1.innerText()).resolves.toMatch(/Được thông qua|Không được thông qua/);
      await expect(q1.locator('[data-field="eligible"]').innerText()).resolves.toBe(String(HOUSEHOLDS));

      await expect(page.locator('#cs-form').isVisible()).resolves.toBe(false);
      await walk.tap(page.locator('#cs-run'));
      await expect.poll(async () => page.locator('#cs-verify-status').innerText(), { timeout: 30_000 }).toMatch(/Không đạt|Không kiểm tra được|đều đạt/);
      await expect(page.locator('#cs-verify-status').innerText()).resolves.toMatch(/^Cả 9 bước đều đạt/);
      await expect(page.locator('#cs-form').isVisible()).resolves.toBe(true);
      await expect.poll(async () => (await page.locator('#cs-fingerprint').innerText()).trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const fingerprint = (await page.locator('#cs-fingerprint').innerText()).trim();
      await walk.check('verified');
      await page.locator('#cs-name').fill(MONITOR_NAME);
      await page.locator('#cs-organisation').fill(MONITOR_ORG);
      await walk.tap(page.getByRole('button', { name: /Ký xác nhận/ }));
      await expect.poll(async () => page.locator('#cs-status').innerText(), { timeout: 10_000 }).toMatch(/Đã ghi nhận|Bị từ chối|Không ký được/);
      await expect(page.locator('#cs-status').innerText()).resolves.toContain(`Đã ghi nhận chữ ký xác nhận`);
      await walk.check('countersigned');

      await page.goto(`${site.origin}/c/${id}/index.html`);
      await walk.arrive((p) => p === `/c/${id}/index.html`, 'published result');
      await expect(page.locator(`li[data-kid="${fingerprint}"]`).innerText()).resolves.toMatch(new RegExp(`^${MONITOR_NAME} — ${MONITOR_ORG}, lúc `));
      walk.allChecked();
    } finally {
      await close();
    }
  }, 120_000);

  it('counts the taps and pages of each walk, each under its ceiling', () => {
    const byRole = new Map<string, { taps: number; pages: number }>();
    for (const w of walks) {
      const sum = byRole.get(w.role) ?? { taps: 0, pages: 0 };
      byRole.set(w.role, { taps: sum.taps + w.taps, pages: sum.pages + w.loads });
    }
    console.table(Object.fromEntries(byRole));
    expect([...byRole.keys()].sort()).toEqual(Object.keys(CEILING).sort());
    for (const [role, counted] of byRole) {
      const ceiling = CEILING[role as keyof typeof CEILING];
      expect(counted.taps, `${role}: taps`).toBeLessThanOrEqual(ceiling.taps);
      expect(counted.pages, `${role}: pages`).toBeLessThanOrEqual(ceiling.pages);
    }
  });
});
