/**
 * The acceptance test of the legal process: the road contribution of the README, decided by a hamlet the law's way
 * (Law 10/2022 Art. 15(1), 17–19), from the first notice to the published schedule of dues, through the pages only, in
 * Chromium. An official (1280 px) creates the consultation as a community meeting with the form, uploads the roll as a
 * file, attaches a PDF and gives the notice; issues discussion codes; a resident (360 px phone) asks a question, the
 * official answers it; the official opens the meeting before the 2-day notice is over, with a reason; the secretary
 * records the households present, too few to reach 2/3 of all households, and the meeting ends "not enough present".
 * The household ballots follow it: a new round from the published meeting, opened early with a reason, one paper slip
 * per household printed by serial (no code, no online channel); the ballot team ticks off the households whose slips
 * came back and enters each slip by its serial with the keyboard; the official closes, the result page shows the level
 * adopted by 2/3 of ALL households, the official drafts the decision record (Law 10/2022 Art. 20) and the counting
 * record (form 04) on the record's page, records a collection and a spending; the public
 * contributions page shows the dues by roll id with the exemptions, collected against due and spent against collected;
 * a monitor's live audit log shows every step in order, the published audit.jsonl a prefix of it.
 * The commune keeps the default legal profile (2 days of notice), so the reason to open early is required.
 * Every expected number is computed from the roll and the slips this test enters.
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

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

const HAMLET = 'Thôn Tây';
const TITLE = 'Làm đường bê tông thôn Tây';
const QUESTION = 'Đồng ý mức đóng góp 400.000 đồng/hộ để làm đường bê tông thôn Tây?';
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

type Answer = 'yes' | 'no' | 'abstain';
/** The households at the meeting, and their show of hands: 6 of 12 cannot reach the 8 that 2/3 of all needs. */
const PRESENT = ['TT-01', 'TT-02', 'TT-04', 'TT-06', 'TT-07', 'TT-11'];
const HANDS: Record<Answer, number> = { yes: 5, no: 1, abstain: 0 };
/** The households whose slips came back, ticked off by the ballot team. */
const RETURNED = ['TT-01', 'TT-02', 'TT-03', 'TT-04', 'TT-05', 'TT-06', 'TT-07', 'TT-08', 'TT-09', 'TT-10'];
/** What the slips say, in the order they are entered (a shuffled stack: no slip is linked to a household). */
const SLIPS: readonly Answer[] = ['yes', 'yes', 'no', 'yes', 'yes', 'abstain', 'yes', 'yes', 'yes', 'yes'];
/** The keys the counting committee types for each answer (1 = Đồng ý, 2 = Không đồng ý, 0 = Ý kiến khác). */
const KEY: Record<Answer, string> = { yes: '1', no: '2', abstain: '0' };

const ELIGIBLE = ROLL.length;
const YES = SLIPS.filter((a) => a === 'yes').length;
const NO = SLIPS.filter((a) => a === 'no').length;
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
  /** The meeting round, then the household-ballot round that follows it (the one the rest of the test is about). */
  let meeting: string;
  let id: string;
  /** The discussion codes by roll id, as the official's printed page shows them. */
  const discussionCodes = new Map<string, string>();
  /** The serials printed on the slips, one per household, linked to none. */
  let serials: string[] = [];

  beforeAll(async () => {
    // The commune's default legal profile: notice of 2 days before a meeting or household ballots.
    site = await serveSystem('road', { profile: DEFAULT_PROFILE });
    ({ page: official, errors: officialErrors, close: closeOfficial } = await desktopPage(browser));
  });
  afterAll(async () => {
    await closeOfficial?.();
    await browser.close();
    await site?.close();
  });

  /** The official's consultation page, from the dashboard (both rounds carry the road's title). */
  const toConsultation = async (which = id) => {
    await official.goto(`${site.origin}/officials/`);
    await official.locator(`a[href="/officials/c/${which}"]`).click();
    await official.waitForURL((u) => u.pathname === `/officials/c/${which}`);
  };
  /** Follows one of the consultation page's actions to its page, `/officials/c/<id>/<page>`. */
  const action = async (name: RegExp, page: string, which = id) => {
    await official.locator('div.actions').getByRole('link', { name }).click();
    await official.waitForURL((u) => u.pathname === `/officials/c/${which}/${page}`);
  };

  it('the plan of the test: a meeting short of 2/3 of all households, then slips that pass it, with some households out', () => {
    expect(PRESENT.length).toBeLessThan(THRESHOLD);
    expect(HANDS.yes + HANDS.no + HANDS.abstain).toBe(PRESENT.length);
    expect(SLIPS).toHaveLength(RETURNED.length);
    expect(YES).toBeGreaterThanOrEqual(THRESHOLD);
    expect(RETURNED.length).toBeLessThan(ELIGIBLE);
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

    it('creates the road contribution: a community meeting first, 400.000 đồng a household, poor exempt, near-poor half', async () => {
      await official.getByRole('link', { name: /Tạo cuộc lấy ý kiến mới/ }).click();
      await official.waitForURL((u) => u.pathname === '/officials/c/new');
      await official.locator('#f-scope-kind').selectOption('hamlet');
      await official.locator('#f-scope-name').fill(HAMLET);
      await official.locator('#f-matter').selectOption('contribution');
      await official.locator('#f-method').selectOption('meeting');
      await official.locator('#f-title').fill(TITLE);
      await official
        .locator('#f-description')
        .fill('Đường dài 600 m, rộng 3 m, từ nhà văn hóa thôn đến cầu Đá. Nhà nước hỗ trợ phần lớn kinh phí; các hộ đóng góp phần còn lại.');
      // The meeting from now for a day: sooner than the 2 days of notice, so opening needs a reason (below).
      await official.locator('#f-opensAt').fill(vietnamLocal(-5));
      await official.locator('#f-closesAt').fill(vietnamLocal(24 * 60));
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
      await official.getByRole('link', { name: /Công khai để lấy ý kiến/ }).click();
      await official.getByRole('button', { name: /Công khai ngay/ }).click();
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

  describe('3. the meeting: opened early with a reason, too few households present', () => {
    it('the opening page asks why it opens before the notice is over; with the reason the meeting is in session', async () => {
      await toConsultation();
      await action(/Mở biểu quyết, in phiếu/, 'open');
      await expect(official.locator('#early').innerText()).resolves.toContain(`trước ít nhất ${DEFAULT_PROFILE.notice.meeting} ngày`);
      await axeClean(official, 'officials opening with the reason field');
      await official.locator('#reason').fill(REASON);
      await official.getByRole('button', { name: new RegExp(`Mở biểu quyết cho ${ELIGIBLE} hộ`) }).click();
      await official.waitForLoadState('load');
      // A meeting hands out no codes and no slips.
      expect(await official.locator('article.slip, article.paper-slip').count()).toBe(0);
      const view = await site.api('GET', `/api/consultations/${id}`, undefined, { token: await site.officialToken() });
      expect(view.json.state).toBe('voting');
      expect(officialErrors).toEqual([]);
    });

    it('the secretary types the roll ids of those present; the page says they cannot reach 2/3 of all households', async () => {
      await toConsultation();
      await action(/Cuộc họp: điểm danh/, 'meeting');
      for (const household of PRESENT) {
        await expect(official.evaluate('document.activeElement.id')).resolves.toBe('household');
        await official.keyboard.type(household);
        await official.keyboard.press('Enter');
        await official.locator('#last', { hasText: household }).waitFor();
      }
      const threshold = official.locator('#threshold');
      await expect(threshold.getAttribute('class')).resolves.toContain('panel-alert');
      await expect(threshold.innerText()).resolves.toContain('không đủ số hộ tham dự');
      await axeClean(official, 'officials meeting short of households');
      const status = await site.api('GET', `/api/consultations/${id}/meeting`, undefined, { token: await site.officialToken() });
      expect(status.json).toMatchObject({ present: PRESENT.length, eligible: ELIGIBLE, canReachThreshold: false });

      await official.locator('#voting-method input[value=show_of_hands]').check();
      await official.locator('#voting-method').getByRole('button').click();
      await official.locator('#hand-count').waitFor();
      for (const [answer, n] of Object.entries(HANDS)) await official.locator(`#hand-count input[name="n.q1.${answer}"]`).fill(String(n));
      await official.locator('#hand-count').getByRole('button').click();
      await official.waitForLoadState('load');
      await expect(official.locator('#hand-count input[name="n.q1.yes"]').inputValue()).resolves.toBe(String(HANDS.yes));
      expect(officialErrors).toEqual([]);
    });

    it('the official closes the meeting; its signed result says too few households were present', async () => {
      await toConsultation();
      await action(/Kết thúc và công bố kết quả/, 'close');
      if ((await official.locator('#reason').count()) > 0) await official.locator('#reason').fill('Đã xong cuộc họp, thôn thống nhất kết thúc');
      await official.getByRole('button', { name: /Kết thúc ngay và công bố/ }).click();
      await official.locator('#result').waitFor();
      await official.locator('#result').click();
      await official.waitForURL((u) => u.pathname === `/c/${id}/` || u.pathname === `/c/${id}/index.html`);
      const outcome = official.locator('p.outcome').first();
      await expect(outcome.getAttribute('class')).resolves.toBe('outcome not_enough_present');
      await expect(outcome.innerText()).resolves.toContain('Không đủ số hộ dự họp để thông qua');
      expect(officialErrors).toEqual([]);
    });
  });

  describe('4. the household ballots follow the meeting: one paper slip per household, by serial', () => {
    it('the official starts the next round from the published meeting: household ballots, following it', async () => {
      await toConsultation();
      await action(/Vòng biểu quyết mới/, 'next');
      await expect(official.locator('#f-method').inputValue()).resolves.toBe('household_ballot');
      await expect(official.locator('#f-title').inputValue()).resolves.toBe(TITLE);
      await official.locator('#f-opensAt').fill(vietnamLocal(-5));
      await official.locator('#f-closesAt').fill(vietnamLocal(7 * 24 * 60));
      await official.getByRole('button', { name: /Lưu dự thảo/ }).click();
      await official.waitForURL((u) => /^\/officials\/c\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith(`/${id}`) && u.pathname !== '/officials/c/new');
      meeting = id;
      id = new URL(official.url()).pathname.split('/').pop()!;
      const saved = await site.api('GET', `/api/consultations/${id}`, undefined, { token: await site.officialToken() });
      expect(saved.json).toMatchObject({ matter: 'contribution', method: 'household_ballot', follows: meeting, state: 'draft' });
      expect(officialErrors).toEqual([]);
    });

    it('uploads the roll, gives the notice, records the plan and the ballot team, and opens early with the reason: the A4 slips carry serials, no code', async () => {
      await action(/Danh sách hộ/, 'roll');
      await official.locator('#file').setInputFiles({ name: 'thon-tay.csv', mimeType: 'text/csv', buffer: Buffer.from(ROLL_CSV, 'utf8') });
      await official.getByRole('button', { name: /Tải lên/ }).click();
      await official.locator('#uploaded').waitFor();
      await expect(official.locator('#uploaded [data-total]').innerText()).resolves.toBe(String(ELIGIBLE));
      await toConsultation();
      await official.getByRole('link', { name: /Công khai để lấy ý kiến/ }).click();
      await official.getByRole('button', { name: /Công khai ngay/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}` && u.searchParams.get('done') === 'disclosed');
      await action(/Mở biểu quyết, in phiếu/, 'open');
      // No slip goes out before the plan, sent to both chairs within 2 days, and the ballot team (Decree 59/2023 Art. 4).
      const conditionForm = (field: string) => official.locator('form.condition', { has: official.locator(field) });
      await expect(official.locator('main').innerText()).resolves.toContain('Phát phiếu lấy ý kiến của hộ gia đình cần ghi nhận trước các điều kiện');
      expect(await official.locator('form.condition').count()).toBe(2);
      await axeClean(official, 'officials household-ballot conditions');
      await official.locator('#ballot_plan-issued').fill('2026-12-01');
      await official.locator('#ballot_plan-sent').fill('2026-12-03');
      await official.locator('#ballot_plan-reference').fill('Kế hoạch số 07/KH-TĐ');
      await conditionForm('#ballot_plan-issued')
        .getByRole('button', { name: /Ghi nhận điều kiện/ })
        .click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/open`);
      await expect(official.locator('form.condition').count()).resolves.toBe(1);
      await official
        .locator('#ballot_team-members')
        .fill('Dương Văn Tài, Trưởng ban công tác Mặt trận\nPhan Văn Hòa, Phó trưởng thôn\nĐỗ Thị Lan, Chi hội Phụ nữ');
      await official.locator('#ballot_team-leader').fill('Dương Văn Tài');
      await conditionForm('#ballot_team-members')
        .getByRole('button', { name: /Ghi nhận điều kiện/ })
        .click();
      await official.locator('#early').waitFor();
      expect(await official.locator('form.condition').count()).toBe(0);
      await expect(official.locator('#early').innerText()).resolves.toContain(`trước ít nhất ${DEFAULT_PROFILE.notice.household_ballot} ngày`);
      await official.locator('#reason').fill(REASON);
      await official.getByRole('button', { name: new RegExp(`Mở biểu quyết cho ${ELIGIBLE} hộ`) }).click();
      await official.locator('article.paper-slip').first().waitFor();
      const slips = official.locator('article.paper-slip');
      expect(await slips.count()).toBe(ELIGIBLE);
      serials = await slips.evaluateAll((all) => all.map((s) => s.getAttribute('data-serial') ?? ''));
      expect(new Set(serials).size).toBe(ELIGIBLE);
      for (const serial of serials) expect(serial).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // No slip names a household, and no code is printed.
      expect(await official.locator('article.slip, [data-household], .slip-code').count()).toBe(0);
      const printed = await official.locator('main').innerText();
      for (const h of ROLL) expect(printed).not.toContain(h.id);
      await axeClean(official, 'officials household-ballot slips');
      // No online channel in a household-ballot round.
      const online = await site.api('POST', `/api/consultations/${id}/ballots`, { code: 'ABCD-EFGH-JKMN-PQRS', answers: { q1: 'yes' } });
      expect(online.status).toBe(409);
      expect(online.json.error.code).toBe('channel_not_allowed');
      expect(officialErrors).toEqual([]);
    });

    it('the ballot team ticks off the returned slips and enters each by its serial with the keyboard', async () => {
      await toConsultation();
      await action(/Nhập phiếu giấy/, 'paper');
      await axeClean(official, 'officials slip entry');
      for (const household of RETURNED) {
        await official.locator('#f-household').fill(household);
        await official.locator('#f-household').press('Enter');
        await official.locator('#last', { hasText: `Đã đánh dấu hộ ${household} nộp phiếu.` }).waitFor();
      }
      // The stack is shuffled: the slips are entered in another order than the serials were printed.
      const stack = [...serials].reverse();
      for (const [i, answer] of SLIPS.entries()) {
        await expect(official.evaluate('document.activeElement.id')).resolves.toBe('f-serial');
        await official.keyboard.type(stack[i]!);
        await official.keyboard.press('Tab');
        await official.keyboard.type(KEY[answer]);
        await official.keyboard.press('Enter');
        await official.locator('#last', { hasText: `Đã ghi phiếu số ${stack[i]} (phiếu giấy).` }).waitFor();
      }
      await expect(official.locator('#slip-counts').innerText()).resolves.toContain(`Hộ đã nộp phiếu: ${RETURNED.length} · Phiếu đã nhập: ${SLIPS.length}`);
      await expect(official.locator('#slip-counts').getAttribute('class')).resolves.toContain('panel-ok');
      // A serial entered twice is refused.
      const again = await site.api(
        'POST',
        `/api/consultations/${id}/paper-ballots`,
        { serial: stack[0], answers: { q1: 'yes' } },
        { token: await site.officialToken() },
      );
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('duplicate_serial');
      expect(officialErrors).toEqual([]);
    });
  });

  describe('5. the close, the result, the decision record and the counting record', () => {
    it('the consultation page shows the turnout by channel, never the running tally', async () => {
      await toConsultation();
      const turnout = official.locator('section[aria-labelledby=turnout]');
      await expect(rowText(official, 'section[aria-labelledby=turnout]', 'Trực tuyến')).resolves.toBe('Trực tuyến 0');
      await expect(rowText(official, 'section[aria-labelledby=turnout]', 'Phiếu giấy')).resolves.toBe(`Phiếu giấy ${RETURNED.length}`);
      await expect(turnout.locator('strong').innerText()).resolves.toBe(`${RETURNED.length} / ${ELIGIBLE}`);
      expect(await official.locator('main').innerText()).not.toContain('Đồng ý / Yes');
      expect(officialErrors).toEqual([]);
    });

    it('the official closes; the signed result shows the level adopted by 2/3 of all households', async () => {
      await action(/Kết thúc và công bố kết quả/, 'close');
      if ((await official.locator('#reason').count()) > 0) await official.locator('#reason').fill('Đã xong cuộc họp, thôn thống nhất kết thúc');
      await official.getByRole('button', { name: /Kết thúc ngay và công bố/ }).click();
      await official.locator('#result').waitFor();
      await official.locator('#result').click();
      await official.waitForURL((u) => u.pathname === `/c/${id}/` || u.pathname === `/c/${id}/index.html`);
      const outcome = official.locator('p.outcome').first();
      await expect(outcome.getAttribute('class')).resolves.toBe('outcome adopted');
      const pct = `${Math.floor(Math.round((YES * 1000) / ELIGIBLE) / 10)}`;
      await expect(outcome.innerText()).resolves.toMatch(new RegExp(`^Được thông qua: ${YES}/${ELIGIBLE} hộ tán thành \\(${pct}`));
      const main = await official.locator('main').innerText();
      expect(main).toContain(`số hộ đã biểu quyết: ${RETURNED.length}`);
      expect(main).toContain(`threshold ${THRESHOLD}, eligible ${ELIGIBLE}, ballots ${SLIPS.length}`);
      expect(main).toContain('từ 2/3 tổng số hộ gia đình trở lên');
      await expect(rowText(official, 'main', /^Đồng ý \/ Yes/)).resolves.toMatch(new RegExp(`^Đồng ý / Yes ${YES} `));
      await expect(rowText(official, 'main', /^Không đồng ý \/ No/)).resolves.toMatch(new RegExp(`^Không đồng ý / No ${NO} `));
      expect(officialErrors).toEqual([]);
    });

    it('the official drafts the decision record on the record’s page, and it is published beside the result', async () => {
      await toConsultation();
      await action(/Văn bản quyết định/, 'minutes');
      await official.locator('#r-form').selectOption('bien_ban');
      await official.locator('#r-authority').fill('UBND XÃ THỬ NGHIỆM');
      await expect(official.locator('#r-unit').inputValue()).resolves.toBe(HAMLET.toLocaleUpperCase('vi'));
      await official.locator('#r-place').fill('Nhà văn hóa thôn Tây');
      // A household ballot has no meeting, so no time of one to enter.
      await expect(official.locator('#r-from').count()).resolves.toBe(0);
      await official.locator('#r-summary').fill('Các hộ góp ý về mức đóng góp làm đường bê tông thôn Tây.');
      await official.locator('#r-villageHead').fill('Nguyễn Văn An');
      await official.locator('#r-frontHead').fill('Lê Văn Cường');
      await official.locator('#r-household1').fill(RETURNED[0]!);
      await official.locator('#r-household2').fill(RETURNED[1]!);
      await official.getByRole('button', { name: /^Lập văn bản/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/minutes`);
      await expect(official.locator('#minutes-signed').innerText()).resolves.toMatch(/^Đã ký số: —\nChưa ký số: /);
      await axeClean(official, 'officials decision record');
      await official.locator('#minutes').click();
      await official.waitForURL((u) => u.pathname === `/c/${id}/record/decision.html`);
      const text = await official.locator('body').innerText();
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('UBND XÃ THỬ NGHIỆM');
      expect(text).toContain('Nguyễn Văn An');
      expect(text).toContain('Lê Văn Cường');
      expect(text).toContain('Nhà văn hóa thôn Tây');
      expect(text).toContain(`${YES}/${ELIGIBLE} hộ tán thành`);
      // The households that sign are roll ids; no head of a household is named.
      expect(text).toContain(RETURNED[0]!);
      expect(text).not.toContain('Chủ hộ số');
      const record = (await (await fetch(new URL('decision.json', official.url()))).json()) as {
        households: { total: number; present: number };
        signers: { households: string[] };
      };
      expect(record.households).toMatchObject({ total: ELIGIBLE, present: RETURNED.length });
      expect(record.signers.households).toEqual(RETURNED.slice(0, 2));
      expect(officialErrors).toEqual([]);
    });

    it('the official drafts the counting record of the household ballot (form 04): the slips come from the signed result', async () => {
      await official.goto(`${site.origin}/officials/c/${id}/minutes`);
      await expect(official.locator('#counting-form h2').innerText()).resolves.toMatch(/^Biên bản kiểm phiếu lấy ý kiến hộ gia đình \(mẫu số 04\)/);
      await official.locator('#r-c-authority').fill('UBND XÃ THỬ NGHIỆM');
      await official.locator('#r-c-place').fill('Nhà văn hóa thôn Tây');
      await official.locator('#r-c-at').fill(vietnamLocal(-5));
      const members = [
        ['Trần Thị Bình', 'Tổ trưởng'],
        ['Phạm Văn Dũng', 'Thành viên'],
        ['Hoàng Thị Em', 'Thư ký'],
      ];
      for (const [i, [name, role]] of members.entries()) {
        await official.locator(`#r-memberName${i + 1}`).fill(name!);
        await official.locator(`#r-memberRole${i + 1}`).fill(role!);
      }
      await official.locator('#r-witness1').fill(RETURNED[2]!);
      await official.locator('#r-witness2').fill(RETURNED[3]!);
      await official.locator('#r-spoiled').fill('0');
      await official.getByRole('button', { name: /^Lập biên bản kiểm phiếu/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/minutes`);
      await official.locator('#counting').click();
      await official.waitForURL((u) => u.pathname === `/c/${id}/record/counting.html`);
      const text = await official.locator('body').innerText();
      expect(text).toContain('Trần Thị Bình');
      expect(text).toContain(RETURNED[2]!);
      // One slip to each household of the roll, back from those ticked off, each entered; none spoiled.
      const slips: [vi: string, en: string, n: number][] = [
        ['Số phiếu phát ra', 'issued', ELIGIBLE],
        ['Số phiếu thu về', 'returned', RETURNED.length],
        ['Số phiếu đã kiểm', 'entered', SLIPS.length],
        ['Số phiếu không hợp lệ', 'spoiled', 0],
        ['Số phiếu hợp lệ', 'valid', SLIPS.length],
      ];
      for (const [vi, en, n] of slips) await expect(rowText(official, 'main', new RegExp(`^${vi}`))).resolves.toBe(`${vi} ${en} ${vnNumber(n)}`);
      // The result page links both records.
      await official.goto(`${site.origin}/c/${id}/`);
      for (const file of ['record/decision.html', 'record/counting.html']) await expect(official.locator(`a[href="${file}"]`).count()).resolves.toBe(1);
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
    it('a monitor reads the household ballots’ log in order, with the reason for opening early; the published audit.jsonl is its prefix up to the close', async () => {
      const { page, errors, close } = await phonePage(browser);
      try {
        await page.goto(`${site.origin}/monitors/login`);
        await page.locator('#username').fill('monitor');
        await page.locator('#password').fill('pw-monitor');
        await page.getByRole('button', { name: /Đăng nhập/ }).click();
        await page.waitForURL((u) => u.pathname === '/monitors/');
        await page.locator(`a[href="/monitors/c/${id}"]`).click();
        await page.waitForURL((u) => u.pathname === `/monitors/c/${id}`);
        const rows = await page.locator('table.audit > tbody > tr').evaluateAll((trs) =>
          trs.map((tr) => {
            const td = [...tr.querySelectorAll(':scope > td')].map((c) => (c.textContent ?? '').trim());
            const raw = tr.querySelector('pre.raw')?.textContent ?? '';
            const hash = (tr.querySelector('.hash')?.textContent ?? '').trim().split(' ').at(-1)!;
            return { seq: Number(td[0]), actor: td[2]!, action: tr.getAttribute('data-action')!, data: raw, hash };
          }),
        );
        // The result notice goes out at the sweep after publication, whenever that falls among the later acts: once, after
        // `published`, and it is left out of the order below.
        const notices = rows.filter((r) => r.action === 'notice_sent');
        expect(notices.length).toBeLessThanOrEqual(1);
        for (const n of notices) {
          expect(JSON.parse(n.data)).toMatchObject({ kind: 'result' });
          expect(n.seq).toBeGreaterThan(rows.find((r) => r.action === 'published')!.seq);
        }
        expect(rows.filter((r) => r.action !== 'notice_sent').map((r) => r.action)).toEqual([
          'created',
          'roll_uploaded',
          'disclosed',
          'online_condition_recorded',
          'online_condition_recorded',
          'voting_opened',
          ...RETURNED.map(() => 'slip_returned'),
          ...SLIPS.map(() => 'slip_entered'),
          'closed',
          'schedule_published',
          'published',
          'record_drafted',
          'counting_drafted',
          ...COLLECTIONS.map(() => 'contribution_collected'),
          'contribution_spent',
        ]);
        expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => rows[0]!.seq + i));
        const opened = rows.find((r) => r.action === 'voting_opened')!;
        expect(opened.data).toContain(REASON);
        expect(opened.data).toContain(`"households":${ELIGIBLE}`);
        expect(rows.find((r) => r.action === 'created')!.data).toContain(meeting);
        // The plan and the ballot team (Decree 59/2023 Art. 4): the team by roles and a hash, never a member's name.
        const conditions = rows.filter((r) => r.action === 'online_condition_recorded').map((r) => JSON.parse(r.data));
        expect(conditions.map((c) => c.condition)).toEqual(['ballot_plan', 'ballot_team']);
        expect(conditions[0]).toMatchObject({ issued: '2026-12-01', sent: '2026-12-03' });
        expect(conditions[1]).toMatchObject({ size: 3, leaderRole: 'Trưởng ban công tác Mặt trận' });
        expect(JSON.stringify(conditions)).not.toContain('Dương Văn Tài');
        // A returned slip names its household; an entered slip names its serial, never a household.
        expect(rows.filter((r) => r.action === 'slip_returned').map((r) => JSON.parse(r.data).household)).toEqual(RETURNED);
        for (const r of rows.filter((e) => e.action === 'slip_entered')) expect(r.data).not.toMatch(/TT-\d\d/);
        const turnout = await page.locator('main table').first().innerText();
        expect(turnout).toContain(`${RETURNED.length} / ${ELIGIBLE}`);
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
        expect(signedOpening.data.disclosure).toMatchObject({ days: DEFAULT_PROFILE.notice.household_ballot, overrideReason: REASON });
        expect(published.filter((e) => e.action === 'slip_entered')).toHaveLength(SLIPS.length);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });
});
