/**
 * The acceptance test of the legal process: the road contribution of the README, decided by a hamlet from the first
 * notice to the published schedule of dues, through the pages only, in Chromium. An official (1280 px) creates the
 * consultation with the form, uploads the roll as a file, attaches a PDF and discloses; issues discussion codes; a
 * resident (360 px phone) asks a question, the official answers it; the official opens voting before the 30-day
 * disclosure period is over with a reason and prints the slips; residents vote online (some without JavaScript, one
 * changes the vote), the counting committee enters paper ballots; the official closes, the result page shows the
 * level adopted by 2/3 of ALL households, the official drafts the minutes, records a collection and a spending; the
 * public contributions page shows the dues by roll id with the exemptions, collected against due and spent against
 * collected; a monitor's live audit log shows every step in order, the published audit.jsonl a prefix of it.
 * The commune keeps the default legal profile (30 days of disclosure), so the reason to open early is required.
 * Every expected number is computed from the roll and the ballots this test casts.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../shared/matters.ts';
import type { Category } from '../../shared/schemas.ts';
import { vnNumber } from '../../web/format.ts';
import {
  desktopPage,
  launchChromium,
  phonePage,
  pngSize,
  reportMinor,
  runAxe,
  screenshot,
  serveSystem,
  sidewaysOverflow,
  type ServedSystem,
} from './browser.ts';
import { arrivedAt } from './round.ts';

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

const HAMLET = 'Thôn Tây';
const TITLE = 'Làm đường bê tông thôn Tây';
const QUESTION = 'Tán thành mức đóng góp 400.000 đồng/hộ để làm đường bê tông thôn Tây?';
const PER_HOUSEHOLD = 400_000;
const EXEMPT: Partial<Record<Category, number>> = { poor: 100, near_poor: 50 };
const TOTAL_COST = 900_000_000;
const REASON = 'Họp dân ngày 2/12 đã thống nhất biểu quyết sớm để kịp làm đường trước mùa mưa';
const COMMENT = 'Đường bê tông rộng bao nhiêu mét, có làm rãnh thoát nước hai bên không?';
const ANSWER = 'Mặt đường rộng 3 m, có rãnh thoát nước bên phải theo bản vẽ đính kèm.';
const DOCUMENT_TITLE = 'Quyết định phê duyệt dự toán đường thôn Tây';

/** The household roll: roll id, category and members, as the commune's CSV holds it. */
const ROLL: ReadonlyArray<{ id: string; category: Category; members: number }> = [
  { id: 'TT-01', category: 'standard', members: 4 },
  { id: 'TT-02', category: 'standard', members: 3 },
  { id: 'TT-03', category: 'poor', members: 5 },
  { id: 'TT-04', category: 'standard', members: 2 },
  { id: 'TT-05', category: 'near_poor', members: 4 },
  { id: 'TT-06', category: 'standard', members: 6 },
  { id: 'TT-07', category: 'standard', members: 3 },
  { id: 'TT-08', category: 'poor', members: 2 },
  { id: 'TT-09', category: 'standard', members: 5 },
  { id: 'TT-10', category: 'near_poor', members: 3 },
  { id: 'TT-11', category: 'standard', members: 4 },
  { id: 'TT-12', category: 'standard', members: 1 },
];
const ROLL_CSV = `${['id,hamlet,head,members,category', ...ROLL.map((h, i) => `${h.id},${HAMLET},Chủ hộ số ${i + 1},${h.members},${h.category}`)].join('\n')}\n`;

type Answer = 'yes' | 'no';
/** The online ballots in the order they are sent; TT-02 sends twice, and its last ballot counts. */
const ONLINE: ReadonlyArray<{ household: string; answer: Answer; javaScript: boolean }> = [
  { household: 'TT-01', answer: 'yes', javaScript: true },
  { household: 'TT-02', answer: 'no', javaScript: true },
  { household: 'TT-03', answer: 'yes', javaScript: false },
  { household: 'TT-04', answer: 'yes', javaScript: true },
  { household: 'TT-05', answer: 'yes', javaScript: false },
  { household: 'TT-06', answer: 'no', javaScript: true },
  { household: 'TT-07', answer: 'yes', javaScript: true },
  { household: 'TT-02', answer: 'yes', javaScript: false },
];
/** The paper ballots the counting committee types in. */
const PAPER: ReadonlyArray<{ household: string; answer: Answer }> = [
  { household: 'TT-08', answer: 'yes' },
  { household: 'TT-09', answer: 'yes' },
  { household: 'TT-10', answer: 'no' },
];

/** Each household's last ballot, as the count must see it. */
const FINAL = new Map<string, Answer>([...ONLINE.map((b) => [b.household, b.answer] as const), ...PAPER.map((b) => [b.household, b.answer] as const)]);
const ELIGIBLE = ROLL.length;
const YES = [...FINAL.values()].filter((a) => a === 'yes').length;
const NO = [...FINAL.values()].filter((a) => a === 'no').length;
const ONLINE_HOUSEHOLDS = new Set(ONLINE.map((b) => b.household)).size;
/** Law 10/2022 Art. 15(1): yes from at least 2/3 of ALL households on the roll. */
const THRESHOLD = Math.ceil((2 * ELIGIBLE) / 3);

/** Each household's due under the adopted level: the level less its category's exemption, rounded down to dong. */
const dueOf = (category: Category) => Math.floor((PER_HOUSEHOLD * (100 - (EXEMPT[category] ?? 0))) / 100);
const TOTAL_DUE = ROLL.reduce((sum, h) => sum + dueOf(h.category), 0);
/** The residents' share of the cost, set to what the schedule will collect; the state budget pays the rest. */
const RESIDENTS_SHARE = TOTAL_DUE;
const STATE_BUDGET = TOTAL_COST - RESIDENTS_SHARE;

/** What the official records after adoption: two collections and one spending. */
const COLLECTIONS = [
  { rollId: 'TT-01', amount: dueOf('standard'), receiptNo: 'BL-001' },
  { rollId: 'TT-05', amount: dueOf('near_poor'), receiptNo: 'BL-002' },
];
const SPENDING = { amount: 350_000, purpose: 'Mua xi măng đợt 1', document: 'HĐ-07/2026' };
const COLLECTED = COLLECTIONS.reduce((sum, c) => sum + c.amount, 0);

/** A tiny valid PDF: one empty A4 page. */
const PDF = [
  '%PDF-1.4',
  '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
  '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
  '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj',
  'trailer <</Root 1 0 R>>',
  '%%EOF',
  '',
].join('\n');

/** A date and time in Vietnam (UTC+7) as a datetime-local field takes it, `minutes` from now. */
function vietnamLocal(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString().slice(0, 16);
}
/** Today in Vietnam as a date field takes it. */
const vietnamToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const dong = (n: number) => `${vnNumber(n)} đồng`;

/** No serious or critical axe-core violation (the moderate and minor ones are printed). */
async function axeClean(page: Page, label: string): Promise<void> {
  const { serious, other, passed } = await runAxe(page);
  reportMinor(label, other);
  expect(passed).toBeGreaterThan(10);
  expect(serious, `axe on ${label}`).toEqual([]);
}

/** Nothing reaches past a 360 px phone's screen (but what scrolls inside its own region). */
async function fitsPhone(page: Page, excused?: string): Promise<void> {
  const { overflow, culprits } = await sidewaysOverflow(page, excused);
  expect(culprits, 'wider than the screen').toEqual([]);
  expect(overflow).toBe(0);
}

/** The text of a labelled row (`th` then its cells) of the first table holding it. */
async function rowText(page: Page, scope: string, label: string | RegExp): Promise<string> {
  return (
    await page
      .locator(`${scope} tr`, { has: page.locator('th', { hasText: label }) })
      .first()
      .innerText()
  ).replace(/\s+/g, ' ');
}

describe('a commune decides the road contribution of the README in the browser, from the first notice to the published schedule', () => {
  let site: ServedSystem;
  let official: Page;
  let officialErrors: string[];
  let closeOfficial: () => Promise<void>;
  let id: string;
  /** The discussion codes and the voting codes, by roll id, as the official's printed pages show them. */
  const discussionCodes = new Map<string, string>();
  const votingCodes = new Map<string, string>();
  /** The receipts of each household's online ballots, in the order sent. */
  const receipts = new Map<string, string[]>();

  beforeAll(async () => {
    // The commune's default legal profile: the disclosure stays public 30 days before voting may open.
    site = await serveSystem('road', { profile: DEFAULT_PROFILE });
    ({ page: official, errors: officialErrors, close: closeOfficial } = await desktopPage(browser));
  });
  afterAll(async () => {
    await closeOfficial?.();
    await browser.close();
    await site?.close();
  });

  /** The official's consultation page, from the dashboard by its title. */
  const toConsultation = async () => {
    await official.goto(`${site.origin}/officials/`);
    await official.getByRole('link', { name: TITLE }).click();
    await official.waitForURL((u) => u.pathname === `/officials/c/${id}`);
  };
  /** Follows one of the consultation page's actions to its page, `/officials/c/<id>/<page>`. */
  const action = async (name: RegExp, page: string) => {
    await official.locator('div.actions').getByRole('link', { name }).click();
    await official.waitForURL((u) => u.pathname === `/officials/c/${id}/${page}`);
  };

  it('the plan of the test passes the contribution by 2/3 of all households and leaves some households out', () => {
    expect(YES).toBeGreaterThanOrEqual(THRESHOLD);
    expect(FINAL.size).toBeLessThan(ELIGIBLE);
    expect(ROLL.some((h) => h.category === 'poor') && ROLL.some((h) => h.category === 'near_poor')).toBe(true);
  });

  describe('1. the notice: the consultation, its roll and its documents are disclosed', () => {
    it('the official signs in with the local password form', async () => {
      await official.goto(`${site.origin}/officials/`);
      expect(new URL(official.url()).pathname).toBe('/officials/login');
      await official.locator('#username').fill('official');
      await official.locator('#password').fill('pw-official');
      await official.getByRole('button', { name: /Đăng nhập/ }).click();
      await official.waitForURL((u) => u.pathname === '/officials/');
      expect(officialErrors).toEqual([]);
    });

    it('creates the road contribution: household ballot, 400.000 đồng a household, poor exempt, near-poor half', async () => {
      await official.getByRole('link', { name: /Tạo cuộc lấy ý kiến mới/ }).click();
      await official.waitForURL((u) => u.pathname === '/officials/c/new');
      await official.locator('#f-scope-kind').selectOption('hamlet');
      await official.locator('#f-scope-name').fill(HAMLET);
      await official.locator('#f-matter').selectOption('contribution');
      await official.locator('#f-method').selectOption('household_ballot');
      await official.locator('#f-title').fill(TITLE);
      await official
        .locator('#f-description')
        .fill('Đường dài 600 m, rộng 3 m, từ nhà văn hóa thôn đến cầu Đá. Nhà nước hỗ trợ phần lớn kinh phí; các hộ đóng góp phần còn lại.');
      // Voting from now for a week: sooner than the 30 days of disclosure, so opening needs a reason (below). Ballots
      // are taken from opensAt on, so an opening before it would issue codes that cannot vote yet.
      await official.locator('#f-opensAt').fill(vietnamLocal(-5));
      await official.locator('#f-closesAt').fill(vietnamLocal(7 * 24 * 60));
      await official.locator('#f-c-totalCost').fill(vnNumber(TOTAL_COST));
      await official.locator('#f-c-stateBudget').fill(vnNumber(STATE_BUDGET));
      await official.locator('#f-c-residentsShare').fill(vnNumber(RESIDENTS_SHARE));
      await official.locator('#f-c-basis').selectOption('per_household');
      await official.locator('#f-c-amountPerUnit').fill(vnNumber(PER_HOUSEHOLD));
      await official.locator('#f-c-poor').fill(String(EXEMPT.poor));
      await official.locator('#f-c-near_poor').fill(String(EXEMPT.near_poor));
      await official.locator('#f-q1-type').selectOption('yes_no');
      await official.locator('#f-q1-text').fill(QUESTION);
      await official.locator('#f-q1-rule').selectOption('preset');
      await official.getByRole('button', { name: /Lưu dự thảo/ }).click();
      await official.waitForURL((u) => /^\/officials\/c\/[^/]+$/.test(u.pathname) && u.pathname !== '/officials/c/new');
      id = new URL(official.url()).pathname.split('/').pop()!;
      await expect(official.locator('h1').innerText()).resolves.toBe(TITLE);
      await expect(official.getByRole('status').innerText()).resolves.toContain('Đã tạo dự thảo.');
      // The matter's rule, in words, for the roll's size once there is one.
      await expect(official.locator('main').innerText()).resolves.toContain(QUESTION);
      expect(officialErrors).toEqual([]);
    });

    it('uploads the household roll as a CSV file and sees it counted by category', async () => {
      await action(/Danh sách hộ/, 'roll');
      await official.locator('#file').setInputFiles({ name: 'thon-tay.csv', mimeType: 'text/csv', buffer: Buffer.from(ROLL_CSV, 'utf8') });
      await official.getByRole('button', { name: /Tải lên/ }).click();
      await official.locator('#uploaded').waitFor();
      const uploaded = official.locator('#uploaded');
      await expect(uploaded.locator('[data-total]').innerText()).resolves.toBe(String(ELIGIBLE));
      for (const category of ['standard', 'poor', 'near_poor', 'policy'] as const) {
        await expect(uploaded.locator(`[data-category=${category}]`).innerText()).resolves.toBe(String(ROLL.filter((h) => h.category === category).length));
      }
      // No head's name comes back on the page.
      expect(await official.locator('main').innerText()).not.toContain('Chủ hộ số');
      expect(officialErrors).toEqual([]);
    });

    it('attaches the approved estimate as a PDF through the file input', async () => {
      await official.getByRole('link', { name: `← ${TITLE}` }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}`);
      await action(/Tài liệu đính kèm/, 'documents');
      await official.locator('#document-title').fill(DOCUMENT_TITLE);
      await official.locator('#document-file').setInputFiles({ name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF, 'latin1') });
      await official.getByRole('button', { name: /Đính kèm/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/documents` && u.searchParams.get('done') === 'attached');
      await expect(official.locator('main').innerText()).resolves.toContain(DOCUMENT_TITLE);
      expect(officialErrors).toEqual([]);
    });

    it('discloses it: the public page shows the terms, the exemptions and the document', async () => {
      await official.getByRole('link', { name: `← ${TITLE}` }).click();
      await official.getByRole('button', { name: /Công khai để lấy ý kiến/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}` && u.searchParams.get('done') === 'disclosed');
      await expect(official.getByRole('status').innerText()).resolves.toContain('Đã công khai');
      // The rule in words for this roll: 2/3 of the 12 households is 8.
      await expect(official.locator('main').innerText()).resolves.toContain(String(THRESHOLD));

      const { page, errors, close } = await phonePage(browser);
      try {
        await page.goto(`${site.origin}/c/${id}/`);
        const text = await page.locator('main').innerText();
        expect(text).toContain(TITLE);
        expect(text).toContain(QUESTION);
        const href = await page.getByRole('link', { name: new RegExp(DOCUMENT_TITLE) }).getAttribute('href');
        expect(href).toMatch(/docs\/[0-9a-f]{64}\.pdf$/);
        const file = await fetch(new URL(href!, page.url()));
        expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toBe(PDF);
        // What each kind of household pays of the proposed level: standard, poor, near-poor, policy.
        const payments = page.getByRole('region', { name: /Mỗi loại hộ đóng bao nhiêu/ });
        await expect(payments.locator('tbody td').allInnerTexts()).resolves.toEqual(
          (['standard', 'poor', 'near_poor', 'policy'] as const).map((c) => vnNumber(dueOf(c))),
        );
        await axeClean(page, 'disclosure of a contribution');
        // The five columns scroll inside their own region on a phone; the page itself does not.
        await fitsPhone(page, '[role=region]');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('2. the discussion (dân bàn): codes, a question, the answer (giải trình)', () => {
    it('the official issues the discussion codes from the moderation page and gets one a household to print', async () => {
      await toConsultation();
      await action(/Ý kiến và giải trình/, 'discussion');
      await official.getByRole('button', { name: /Cấp mã thảo luận/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/discussion/codes`);
      await expect(official.locator('h1').innerText()).resolves.toContain('Mã thảo luận của các hộ');
      for (const row of await official.locator('tbody tr').all()) {
        const cells = await row.locator('td').allInnerTexts();
        expect(cells[0]).toBe(HAMLET);
        discussionCodes.set(cells[1]!.trim(), cells[2]!.trim());
      }
      expect([...discussionCodes.keys()].sort()).toEqual(ROLL.map((h) => h.id));
      expect(new Set(discussionCodes.values()).size).toBe(ELIGIBLE);
      await axeClean(official, 'officials discussion codes');
      expect(officialErrors).toEqual([]);
    });

    it('a resident follows the public page’s link and asks a question with the household’s discussion code', async () => {
      const { page, errors, close } = await phonePage(browser);
      try {
        await page.goto(`${site.origin}/c/${id}/`);
        await page.getByRole('link', { name: /Xem và gửi ý kiến bằng mã của hộ/ }).click();
        await page.waitForURL((u) => u.pathname === `/vote/${id}/discuss`);
        await page.locator('#code').fill(discussionCodes.get('TT-06')!);
        await page.locator('#text').fill(COMMENT);
        await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
        await page.waitForURL((u) => u.pathname === `/vote/${id}/discuss` && u.searchParams.get('sent') === '1');
        const thread = page.locator('article.thread', { hasText: COMMENT });
        await expect(thread.locator('strong').first().innerText()).resolves.toBe('Hộ TT-06');
        await fitsPhone(page);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('the official answers it on the moderation page, and the answer is on the resident’s page', async () => {
      // From the printed codes back to the moderation page.
      await official.getByRole('link', { name: `← ${TITLE}` }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/discussion`);
      const question = official.locator('div.comment', { hasText: COMMENT });
      await question.locator('textarea[name=text]').fill(ANSWER);
      await question.getByRole('button', { name: /Trả lời \(giải trình\)/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/discussion` && u.searchParams.get('done') === 'answered');
      await expect(official.locator('main').innerText()).resolves.toContain('1 câu hỏi đã giải trình');
      expect(officialErrors).toEqual([]);

      const { page, errors, close } = await phonePage(browser);
      try {
        await page.goto(`${site.origin}/vote/${id}/discuss`);
        const answer = page.locator('article.thread', { hasText: COMMENT }).locator('.comment.official');
        await expect(answer.locator('.comment-text').innerText()).resolves.toBe(ANSWER);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('3. voting opens before the disclosure period is over, with a reason, and the slips are printed', () => {
    it('the opening page asks why it opens early; with the reason it opens and shows the A4 slips once', async () => {
      await toConsultation();
      await action(/Mở biểu quyết, in phiếu/, 'open');
      await expect(official.locator('#early').innerText()).resolves.toContain(`công khai ${DEFAULT_PROFILE.disclosureDays} ngày`);
      await axeClean(official, 'officials opening with the reason field');
      await official.locator('#reason').fill(REASON);
      await official.getByRole('button', { name: new RegExp(`Mở biểu quyết cho ${ELIGIBLE} hộ`) }).click();
      // The slips are the answer to the post, at the same address.
      await official.locator('h1', { hasText: 'Đã mở biểu quyết' }).waitFor();
      const slips = official.locator('article.slip');
      expect(await slips.count()).toBe(ELIGIBLE);
      for (const slip of await slips.all()) {
        expect(await slip.locator('svg.qr path').count()).toBe(1);
        votingCodes.set((await slip.getAttribute('data-household'))!, (await slip.locator('.slip-code').innerText()).trim());
      }
      expect([...votingCodes.keys()].sort()).toEqual(ROLL.map((h) => h.id));
      // The voting codes are new codes, not the discussion codes.
      for (const [household, code] of votingCodes) expect(code).not.toBe(discussionCodes.get(household));
      await official.emulateMedia({ media: 'print' });
      const perSheet = await official.locator('section.sheet').evaluateAll((sheets) => sheets.map((s) => s.querySelectorAll('article.slip').length));
      expect(perSheet).toEqual([8, ELIGIBLE - 8]);
      await official.emulateMedia({ media: 'screen' });
      expect(officialErrors).toEqual([]);
    });
  });

  describe('4. the households vote online and on paper', () => {
    /** On the ballot page: the code, the answer, the review page (not sent yet), send, the receipt. */
    const vote = async (household: string, answer: Answer, javaScript: boolean, fromDisclosure: boolean) => {
      const { page, errors, close } = await phonePage(browser, { javaScript });
      try {
        if (fromDisclosure) {
          await page.goto(`${site.origin}/c/${id}/`);
          await page.getByRole('link', { name: /Bỏ phiếu trực tuyến bằng mã của hộ/ }).click();
          await page.waitForURL((u) => u.pathname === `/vote/${id}`);
        } else {
          await page.goto(`${site.origin}/vote/${id}`);
        }
        await page.getByLabel('Mã biểu quyết của hộ').fill(votingCodes.get(household)!);
        const label = answer === 'yes' ? 'Tán thành' : 'Không tán thành';
        await page
          .getByRole('group', { name: /Tán thành mức đóng góp/ })
          .getByRole('radio', { name: label, exact: true })
          .check();
        await page.getByRole('button', { name: 'Tiếp tục: kiểm tra lại lựa chọn' }).click();
        await arrivedAt(page, '/review');
        await expect(page.locator('h1').innerText()).resolves.toContain('phiếu CHƯA được gửi');
        await expect(page.locator('dl.answers dd').first().innerText()).resolves.toContain(label);
        await page.getByRole('button', { name: 'Gửi phiếu' }).click();
        await arrivedAt(page, '/cast');
        await expect(page.locator('h1').innerText()).resolves.toContain('ĐÃ GHI NHẬN PHIẾU CỦA HỘ');
        const earlier = receipts.get(household) ?? [];
        await expect(page.getByRole('status').innerText()).resolves.toContain(
          earlier.length > 0 ? 'Phiếu này thay thế phiếu hộ đã gửi trước đó' : 'Đây là phiếu đầu tiên của hộ',
        );
        const receipt = (await page.locator('#receipt').innerText()).trim();
        expect(receipt).toMatch(/^[0-9a-f]{64}$/);
        receipts.set(household, [...earlier, receipt]);
        await fitsPhone(page);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    };

    it('households vote with their codes, with JavaScript on and off, and one changes its vote', async () => {
      for (const [i, b] of ONLINE.entries()) await vote(b.household, b.answer, b.javaScript, i === 0);
      expect(receipts.get('TT-02')).toHaveLength(2);
    });

    it('the receipt page says the changed household’s first ballot was replaced and its last one counts', async () => {
      const [first, last] = receipts.get('TT-02')!;
      const { page, errors, close } = await phonePage(browser, { javaScript: false });
      try {
        await page.goto(`${site.origin}/vote/${id}/receipt/${first}`);
        await expect(page.getByRole('status').innerText()).resolves.toContain('ĐÃ ĐƯỢC THAY THẾ');
        await page.goto(`${site.origin}/vote/${id}/receipt/${last}`);
        await expect(page.getByRole('status').innerText()).resolves.toContain('ĐANG ĐƯỢC TÍNH');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('the counting committee enters the paper ballots with the keyboard and sees the running count', async () => {
      await toConsultation();
      await action(/Nhập phiếu giấy/, 'paper');
      for (const [i, b] of PAPER.entries()) {
        await expect(official.evaluate('document.activeElement.id')).resolves.toBe('f-household');
        await official.keyboard.type(b.household);
        await official.keyboard.press('Tab');
        await official.keyboard.type(b.answer === 'yes' ? '1' : '2');
        await official.keyboard.press('Enter');
        // The next page says which household it recorded (the page before it may still be showing the last one).
        await official.locator('#last', { hasText: `Đã ghi phiếu của hộ ${b.household}.` }).waitFor();
        await expect(official.locator('section[aria-labelledby=count]').innerText()).resolves.toContain(`Đã nhập ở màn hình này: ${i + 1} phiếu.`);
      }
      expect(officialErrors).toEqual([]);
    });

    it('the consultation page shows the turnout by channel, never the running tally', async () => {
      await official.getByRole('link', { name: `← ${TITLE}` }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}`);
      const turnout = official.locator('section[aria-labelledby=turnout]');
      await expect(rowText(official, 'section[aria-labelledby=turnout]', 'Trực tuyến')).resolves.toBe(`Trực tuyến ${ONLINE_HOUSEHOLDS}`);
      await expect(rowText(official, 'section[aria-labelledby=turnout]', 'Phiếu giấy')).resolves.toBe(`Phiếu giấy ${PAPER.length}`);
      await expect(turnout.locator('strong').innerText()).resolves.toBe(`${FINAL.size} / ${ELIGIBLE}`);
      expect(officialErrors).toEqual([]);
    });
  });

  describe('5. the close, the result and the minutes', () => {
    it('the official closes; the signed result shows the level adopted by 2/3 of all households', async () => {
      await action(/Kết thúc và công bố kết quả/, 'close');
      await official.getByRole('button', { name: /Kết thúc ngay và công bố/ }).click();
      await official.locator('#result').waitFor();
      await official.locator('#result').click();
      await official.waitForURL((u) => u.pathname === `/c/${id}/` || u.pathname === `/c/${id}/index.html`);
      const outcome = official.locator('p.outcome').first();
      await expect(outcome.getAttribute('class')).resolves.toBe('outcome adopted');
      const pct = `${Math.floor(Math.round((YES * 1000) / ELIGIBLE) / 10)}`;
      await expect(outcome.innerText()).resolves.toMatch(new RegExp(`^Được thông qua: ${YES}/${ELIGIBLE} hộ tán thành \\(${pct}`));
      const main = await official.locator('main').innerText();
      expect(main).toContain(`số hộ đã biểu quyết: ${FINAL.size}`);
      expect(main).toContain(`threshold ${THRESHOLD}, eligible ${ELIGIBLE}, ballots ${FINAL.size}`);
      await expect(rowText(official, 'main', /^Tán thành \/ Yes/)).resolves.toMatch(new RegExp(`^Tán thành / Yes ${YES} `));
      await expect(rowText(official, 'main', /^Không tán thành \/ No/)).resolves.toMatch(new RegExp(`^Không tán thành / No ${NO} `));
      expect(officialErrors).toEqual([]);
    });

    it('the official drafts the minutes on the minutes page, and they are published beside the result', async () => {
      await toConsultation();
      await action(/Biên bản/, 'minutes');
      await official.locator('#m-place').fill('Nhà văn hóa thôn Tây');
      await official.locator('#m-chairName').fill('Nguyễn Văn An');
      await official.locator('#m-secretaryName').fill('Trần Thị Bình');
      await official.locator('#m-frontName').fill('Lê Văn Cường');
      await official.getByRole('button', { name: /Lập biên bản/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/minutes`);
      await official.locator('#minutes').click();
      await official.waitForURL((u) => u.pathname === `/c/${id}/minutes.html`);
      const text = await official.locator('body').innerText();
      expect(text).toContain('Nguyễn Văn An');
      expect(text).toContain('Nhà văn hóa thôn Tây');
      expect(text).toContain(`${YES}/${ELIGIBLE} hộ tán thành`);
      expect(officialErrors).toEqual([]);
    });
  });

  describe('6. the contributions: the schedule of dues, a collection and a spending', () => {
    it('the official records a collection from two households and a spending on the contributions page', async () => {
      await toConsultation();
      await action(/Thu, chi đóng góp/, 'contributions');
      await expect(rowText(official, 'main', 'Mức đã thông qua')).resolves.toContain(dong(PER_HOUSEHOLD));
      await expect(rowText(official, 'main', 'Phải thu')).resolves.toContain(dong(TOTAL_DUE));
      await axeClean(official, 'officials contributions');
      for (const c of COLLECTIONS) {
        await official.locator('#collection-rollId').fill(c.rollId);
        await official.locator('#collection-amount').fill(vnNumber(c.amount));
        await official.locator('#collection-date').fill(vietnamToday());
        await official.locator('#collection-receiptNo').fill(c.receiptNo);
        await official.getByRole('button', { name: /Ghi khoản thu/ }).click();
        await official.waitForURL((u) => u.pathname === `/officials/c/${id}/contributions` && u.searchParams.get('done') === 'collection');
        // The latest entries list it (the address is the same after the second one).
        await official.locator('main tbody tr', { hasText: `biên lai ${c.receiptNo}` }).waitFor();
      }
      await official.locator('#spending-amount').fill(vnNumber(SPENDING.amount));
      await official.locator('#spending-date').fill(vietnamToday());
      await official.locator('#spending-purpose').fill(SPENDING.purpose);
      await official.locator('#spending-document').fill(SPENDING.document);
      await official.getByRole('button', { name: /Ghi khoản chi/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/contributions` && u.searchParams.get('done') === 'spending');
      await expect(rowText(official, 'main', 'Đã thu')).resolves.toContain(dong(COLLECTED));
      await expect(rowText(official, 'main', 'Còn phải thu')).resolves.toContain(dong(TOTAL_DUE - COLLECTED));
      await expect(rowText(official, 'main', 'Đã chi')).resolves.toContain(dong(SPENDING.amount));
      await expect(rowText(official, 'main', 'Tồn quỹ')).resolves.toContain(dong(COLLECTED - SPENDING.amount));
      expect(officialErrors).toEqual([]);
    });

    it('the public contributions page, reached from the result page, shows the dues by roll id with the exemptions applied', async () => {
      const { page, errors, close } = await phonePage(browser);
      try {
        await page.goto(`${site.origin}/c/${id}/`);
        await page.getByRole('link', { name: /Lịch thu đóng góp/ }).click();
        await page.waitForURL((u) => u.pathname === `/c/${id}/contributions/` || u.pathname === `/c/${id}/contributions/index.html`);
        const main = await page.locator('main').innerText();
        expect(main).toContain(`${dong(PER_HOUSEHOLD)}/hộ`);
        expect(main).toContain('Hộ nghèo: được miễn');
        expect(main).toContain(`Hộ cận nghèo: được giảm ${EXEMPT.near_poor}%`);
        // Every household by roll id, with what it owes; no name anywhere.
        const rows = page.locator('table tbody tr', { has: page.locator('th[scope=row]', { hasText: /^TT-\d\d$/ }) });
        expect(await rows.count()).toBe(ELIGIBLE);
        for (const h of ROLL) {
          const cells = (
            await page
              .locator('table tbody tr', { has: page.locator('th[scope=row]', { hasText: new RegExp(`^${h.id}$`) }) })
              .locator('td')
              .allInnerTexts()
          ).map((t) => t.trim());
          // Loại hộ, Số hộ, Theo mức, Miễn giảm, Phải đóng, Đã nộp, Còn phải nộp, Tình trạng.
          expect(cells[2]).toBe(vnNumber(PER_HOUSEHOLD));
          expect(cells[3]).toBe(EXEMPT[h.category] ? `${EXEMPT[h.category]}%` : '');
          expect(cells[4]).toBe(vnNumber(dueOf(h.category)));
          const paid = COLLECTIONS.filter((c) => c.rollId === h.id).reduce((sum, c) => sum + c.amount, 0);
          expect(cells[5]).toBe(vnNumber(paid));
          expect(cells[6]).toBe(vnNumber(dueOf(h.category) - paid));
        }
        // A poor household owes nothing, a near-poor one half the level.
        expect(dueOf('poor')).toBe(0);
        expect(dueOf('near_poor') * 2).toBe(PER_HOUSEHOLD);
        expect(main).not.toContain('Chủ hộ số');
        expect(main).toContain(`Đã thu ${dong(COLLECTED)} trên tổng số phải thu ${dong(TOTAL_DUE)}`);
        expect(main).toContain(`Đã chi ${dong(SPENDING.amount)} trên số đã thu ${dong(COLLECTED)}; còn lại ${dong(COLLECTED - SPENDING.amount)}`);
        expect(main).toContain(SPENDING.purpose);
        // The schedule file beside the page says the same.
        const schedule = (await (await fetch(new URL('schedule.json', page.url()))).json()) as {
          households: Array<{ id: string; due: number }>;
          totals: { due: number; exempt: number; reduced: number };
        };
        expect(Object.fromEntries(schedule.households.map((r) => [r.id, r.due]))).toEqual(Object.fromEntries(ROLL.map((h) => [h.id, dueOf(h.category)])));
        expect(schedule.totals).toMatchObject({
          due: TOTAL_DUE,
          exempt: ROLL.filter((h) => EXEMPT[h.category] === 100).length,
          reduced: ROLL.filter((h) => (EXEMPT[h.category] ?? 0) % 100 !== 0).length,
        });
        await axeClean(page, 'public contributions');
        await fitsPhone(page, '[role=region]');
        expect(pngSize(readFileSync(await screenshot(page, 'contributions'))).width).toBe(360);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('7. the monitors’ live audit log shows every step', () => {
    it('a monitor reads the log in order, with the reason for opening early; the published audit.jsonl is its prefix up to the close', async () => {
      const { page, errors, close } = await phonePage(browser);
      try {
        await page.goto(`${site.origin}/monitors/login`);
        await page.locator('#username').fill('monitor');
        await page.locator('#password').fill('pw-monitor');
        await page.getByRole('button', { name: /Đăng nhập/ }).click();
        await page.waitForURL((u) => u.pathname === '/monitors/');
        await page.getByRole('link', { name: TITLE }).click();
        await page.waitForURL((u) => u.pathname === `/monitors/c/${id}`);
        const rows = await page.locator('table.audit tbody tr').evaluateAll((trs) =>
          trs.map((tr) => {
            const td = [...tr.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim());
            return { seq: Number(td[0]), actor: td[2]!, action: td[3]!, data: td[4]!, hash: td[5]! };
          }),
        );
        expect(rows.map((r) => r.action)).toEqual([
          'created',
          'roll_uploaded',
          'document_attached',
          'disclosed',
          'discussion_codes_issued',
          'comment_answered',
          'voting_opened',
          ...PAPER.map(() => 'paper_ballot_entered'),
          'closed',
          'schedule_published',
          'published',
          'minutes_drafted',
          ...COLLECTIONS.map(() => 'contribution_collected'),
          'contribution_spent',
        ]);
        expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => rows[0]!.seq + i));
        const opened = rows.find((r) => r.action === 'voting_opened')!;
        expect(opened.data).toContain(REASON);
        expect(opened.data).toContain(`"households":${ELIGIBLE}`);
        expect(rows.find((r) => r.action === 'comment_answered')!.actor).toMatch(/^official\//);
        const turnout = await page.locator('main table').first().innerText();
        expect(turnout).toContain(`${FINAL.size} / ${ELIGIBLE}`);
        await axeClean(page, 'monitors audit log of the road round');
        await fitsPhone(page, 'div.scroll');

        // The signed bundle's log ends at the close; the live log goes on from it with the same hashes.
        const published = (await (await fetch(`${site.origin}/c/${id}/audit.jsonl`)).text())
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { seq: number; action: string; hash: string; data: Record<string, any> });
        expect(published.at(-1)!.action).toBe('closed');
        expect(published.map((e) => e.action)).toEqual(rows.slice(0, published.length).map((r) => r.action));
        expect(published.map((e) => e.hash.slice(0, 12))).toEqual(rows.slice(0, published.length).map((r) => r.hash));
        const signedOpening = published.find((e) => e.action === 'voting_opened')!;
        expect(signedOpening.data.disclosure).toMatchObject({ days: DEFAULT_PROFILE.disclosureDays, overrideReason: REASON });
        expect(published.filter((e) => e.action === 'paper_ballot_entered')).toHaveLength(PAPER.length);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });
});
