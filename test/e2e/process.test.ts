/**
 * The pages of the legal process in Chromium: the residents' discussion (dân bàn) and its moderation by an official,
 * the secretary's meeting page (attendance and quorum, procedural votes), a document attached to the disclosure,
 * and the printable decision record (văn bản quyết định, Law 10/2022 Art. 20). Residents' and public pages on a 360 px
 * phone, officials' pages at 1280 px; axe-core finds no serious or critical violation on any of them and no page logs
 * an error (no CSP violation). The steps run in order: the discussion's round is the one whose decision record is
 * printed at the end.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { castByApi, closeRound, meetingRound, opinionRound, openRound, rollCsv } from './round.ts';

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

/** Markup that would run if a page printed a comment as HTML. */
const XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>';
/** A long word (a link) must wrap on a 360 px screen rather than push the page sideways. */
const LINK = 'https://xathunghiem.example/thongbao?tep=sanchoitreemthondongbanvevitrisanchoicanhdinhlang';
const QUESTION = `Sân chơi có làm qua ngõ nhà tôi không? Xem ${LINK} ${XSS}`;
const SPAM = 'Bán đất nền giá rẻ, xem https://bandatnengiare.example/lienhengayhomnaydeduocgiamgiabandatnengiare';
const ANSWER = 'Sân chơi làm trên đất công cạnh đình, không đi qua ngõ nhà dân.';

/** A tiny valid PDF: one empty page. */
const PDF = [
  '%PDF-1.4',
  '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
  '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
  '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj',
  'trailer <</Root 1 0 R>>',
  '%%EOF',
  '',
].join('\n');

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

describe('the legal process pages in Chromium', () => {
  let site: ServedSystem;
  let token: string;
  let official: Page;
  let officialErrors: string[];
  let officialDialogs: string[];
  let closeOfficial: () => Promise<void>;
  /** The round discussed, voted on, closed and given its decision record. */
  let id: string;
  let codes: string[];

  beforeAll(async () => {
    site = await serveSystem('process');
    token = await site.officialToken();
    ({ id, codes } = await openRound(site, token, 6));
    ({ page: official, errors: officialErrors, close: closeOfficial } = await desktopPage(browser));
    officialDialogs = dialogsOf(official);
    // Through the officials' sign-in form, as an official does.
    await official.goto(`${site.origin}/officials/`);
    await official.locator('#username').fill('official');
    await official.locator('#password').fill('pw-official');
    await official.getByRole('button', { name: /Đăng nhập/ }).click();
    await official.waitForURL((u) => u.pathname === '/officials/');
  });
  afterAll(async () => {
    await closeOfficial?.();
    await browser.close();
    await site?.close();
  });

  describe('the discussion', () => {
    it('a resident posts a comment with markup on a phone: it shows as text under the roll id, and nothing runs', async () => {
      const { page, errors, close } = await phonePage(browser);
      const dialogs = dialogsOf(page);
      try {
        await page.goto(`${site.origin}/vote/${id}/discuss`);
        await expect(page.locator('h1').innerText()).resolves.toBe('Ý kiến và giải trình');
        await axeClean(page, 'discussion (empty)');
        await fitsPhone(page);
        await page.locator('#code').fill(codes[0]!);
        await page.locator('#text').fill(QUESTION);
        await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
        await page.waitForURL((u) => u.pathname === `/vote/${id}/discuss` && u.searchParams.get('sent') === '1');
        await expect(page.getByRole('status').innerText()).resolves.toContain('Đã gửi ý kiến');
        const thread = page.locator('article.thread', { hasText: 'alert(1)' });
        await expect(thread.locator('.comment-text').innerText()).resolves.toBe(QUESTION);
        // openRound's codes are in roll order: the first is H-001's.
        await expect(thread.locator('strong').first().innerText()).resolves.toBe('Hộ H-001');
        expect(await page.locator('main script, main img').count()).toBe(0);
        await fitsPhone(page);
        expect(dialogs).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('a resident posts a comment with JavaScript off', async () => {
      const { page, errors, close } = await phonePage(browser, { javaScript: false });
      try {
        await page.goto(`${site.origin}/vote/${id}/discuss`);
        await page.locator('#code').fill(codes[1]!);
        await page.locator('#author').fill('Bà Tư');
        await page.locator('#text').fill(SPAM);
        await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
        await page.waitForURL((u) => u.searchParams.get('sent') === '1');
        const thread = page.locator('article.thread', { hasText: SPAM });
        await expect(thread.locator('strong').first().innerText()).resolves.toBe('Hộ H-002');
        await expect(thread.innerText()).resolves.toContain('Bà Tư');
        await fitsPhone(page);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('an official answers the question and hides the spam with a reason on the moderation page', async () => {
      await official.goto(`${site.origin}/officials/c/${id}/discussion`);
      await axeClean(official, 'officials discussion');
      const question = official.locator('div.comment', { hasText: 'alert(1)' });
      await expect(question.locator('.comment-text').innerText()).resolves.toBe(QUESTION);
      await question.locator('textarea[name=text]').fill(ANSWER);
      await question.getByRole('button', { name: /Trả lời \(giải trình\)/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${id}/discussion` && u.searchParams.get('done') === 'answered');
      await expect(official.getByRole('status').innerText()).resolves.toContain('Đã đăng câu trả lời');

      const spam = official.locator('div.comment', { hasText: SPAM });
      await spam.locator('select[name=reason]').selectOption('spam');
      await spam.getByRole('button', { name: /Ẩn/ }).click();
      await official.waitForURL((u) => u.searchParams.get('done') === 'hidden');
      // The official still reads the hidden text, marked with the reason.
      await expect(official.locator('div.comment', { hasText: SPAM }).innerText()).resolves.toContain('Đã ẩn (quảng cáo, tin rác)');
      await expect(official.locator('main').innerText()).resolves.toContain('1 bị ẩn; 1 câu hỏi đã giải trình.');
      await axeClean(official, 'officials discussion after moderation');
      expect(officialDialogs).toEqual([]);
      expect(officialErrors).toEqual([]);
    });

    it('the resident page shows the answer as the official’s and the hidden comment as a placeholder', async () => {
      const { page, errors, close } = await phonePage(browser);
      const dialogs = dialogsOf(page);
      try {
        await page.goto(`${site.origin}/vote/${id}/discuss`);
        const thread = page.locator('article.thread', { hasText: 'alert(1)' });
        const answer = thread.locator('.comment.official');
        await expect(answer.locator('strong').innerText()).resolves.toBe('Giải trình của cán bộ');
        await expect(answer.locator('.comment-text').innerText()).resolves.toBe(ANSWER);
        const main = await page.locator('main').innerText();
        expect(main).toContain('1 ý kiến bị ẩn; 1 câu hỏi đã được giải trình.');
        expect(main).toContain('Ý kiến này đã bị ẩn (lý do: quảng cáo, tin rác).');
        expect(main).not.toContain(SPAM);
        await axeClean(page, 'discussion');
        await fitsPhone(page);
        await page.evaluate('document.activeElement && document.activeElement.blur()');
        expect(pngSize(readFileSync(await screenshot(page, 'discussion'))).width).toBe(360);
        expect(dialogs).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('the published disclosure page shows the answer marked as giải trình and the hidden count', async () => {
      const { page, errors, close } = await phonePage(browser);
      const dialogs = dialogsOf(page);
      try {
        await page.goto(`${site.origin}/c/${id}/`);
        const section = page.locator('#discussion');
        await expect(section.locator('[data-count=hidden]').innerText()).resolves.toBe('1');
        await expect(section.locator('[data-count=answered]').innerText()).resolves.toBe('1');
        const qa = section.locator('article.qa');
        await expect(qa.locator('blockquote').first().innerText()).resolves.toBe(QUESTION);
        await expect(qa.locator('blockquote.official').innerText()).resolves.toBe(ANSWER);
        await expect(qa.innerText()).resolves.toContain('Giải trình');
        expect(await section.locator('script, img').count()).toBe(0);
        expect(await section.innerText()).not.toContain(SPAM);
        await axeClean(page, 'disclosure with the discussion');
        await fitsPhone(page);
        expect(dialogs).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('the meeting', () => {
    it('the secretary types roll ids with the keyboard only and watches the quorum reached', async () => {
      const meeting = await openRound(site, token, 4, meetingRound());
      await official.goto(`${site.origin}/officials/c/${meeting.id}/meeting`);
      const quorum = official.locator('#quorum');
      await expect(quorum.innerText()).resolves.toContain('Chưa đủ số hộ tham dự');
      await axeClean(official, 'officials meeting');
      // More than half of 4 households: 3 are needed.
      for (const [i, household] of ['H-001', 'H-002', 'H-003'].entries()) {
        await expect(official.evaluate('document.activeElement.id')).resolves.toBe('household');
        await official.keyboard.type(household);
        await official.keyboard.press('Enter');
        await official.locator('#last', { hasText: household }).waitFor();
        await expect(official.locator('#last').innerText()).resolves.toContain(`Đã ghi nhận hộ ${household} có mặt.`);
        await expect(quorum.innerText()).resolves.toContain(`${i + 1} / 4`);
        if (i < 2) await expect(quorum.innerText()).resolves.toContain('Chưa đủ số hộ tham dự');
      }
      await expect(quorum.innerText()).resolves.toContain('Đủ số hộ tham dự (cần ít nhất 3 hộ)');
      await expect(quorum.getAttribute('class')).resolves.toContain('panel-ok');
      // A household typed twice is not counted twice.
      await official.keyboard.type('H-001');
      await official.keyboard.press('Enter');
      await official.locator('#last', { hasText: 'từ trước' }).waitFor();
      await expect(quorum.innerText()).resolves.toContain('3 / 4');

      await official.locator('#subject').selectOption('secretary');
      await official.locator('#text').fill('Bầu bà Trần Thị Bình làm thư ký cuộc họp');
      await official.locator('#n-for').fill('3');
      await official.getByRole('button', { name: /Ghi biểu quyết/ }).click();
      const row = official.locator('tbody tr', { hasText: 'Trần Thị Bình' });
      await row.waitFor();
      await expect(row.innerText()).resolves.toContain('Thông qua');
      await expect(row.locator('td.n').innerText()).resolves.toBe('3 / 0 / 0');
      await axeClean(official, 'officials meeting with a quorum and a procedural vote');
      await official.evaluate('document.activeElement && document.activeElement.blur()');
      expect(pngSize(readFileSync(await screenshotAt(official, 'officials-meeting', DESKTOP.width))).width).toBe(DESKTOP.width);

      const status = await site.api('GET', `/api/consultations/${meeting.id}/meeting`, undefined, { token });
      expect(status.json).toMatchObject({ present: 3, quorum: { required: 3, met: true } });
      expect(status.json.procedural).toHaveLength(1);
      expect(officialErrors).toEqual([]);
    });
  });

  describe('the documents', () => {
    it('an official uploads a PDF through the file input and it is on the published disclosure page', async () => {
      const draft = await site.api('POST', '/api/consultations', opinionRound('Sửa cống thoát nước Thôn Đông'), { token });
      expect(draft.status).toBe(201);
      const docId = draft.json.id as string;
      // A roll first: a draft with an empty roll is not disclosed.
      expect((await site.api('PUT', `/api/consultations/${docId}/roll`, rollCsv(4), { token, type: 'text/csv' })).status).toBe(200);
      expect((await site.api('POST', `/api/consultations/${docId}/disclose`, undefined, { token })).status).toBe(200);
      await official.goto(`${site.origin}/officials/c/${docId}/documents`);
      await axeClean(official, 'officials documents');
      await official.locator('#document-title').fill('Tờ trình sửa cống');
      await official.locator('#document-file').setInputFiles({ name: 'to-trinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF, 'latin1') });
      await official.getByRole('button', { name: /Đính kèm/ }).click();
      await official.waitForURL((u) => u.pathname === `/officials/c/${docId}/documents` && u.searchParams.get('done') === 'attached');
      await axeClean(official, 'officials documents with one attached');
      expect(officialErrors).toEqual([]);

      const { page, errors, close } = await phonePage(browser);
      try {
        await page.goto(`${site.origin}/c/${docId}/`);
        const link = page.getByRole('link', { name: /Tờ trình sửa cống/ });
        const href = await link.getAttribute('href');
        expect(href).toMatch(/docs\/[0-9a-f]{64}\.pdf$/);
        const file = await fetch(new URL(href!, page.url()));
        expect(file.status).toBe(200);
        expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toBe(PDF);
        await axeClean(page, 'disclosure with a document');
        await fitsPhone(page);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('the decision record', () => {
    it('the decision record of the closed round shows the national motto and each outcome, and prints as A4', async () => {
      for (const code of codes.slice(0, 4)) await castByApi(site, id, code, { q1: 'yes', q2: 'dinh', q3: ['sang'] });
      await closeRound(site, token, id);
      // An online opinion round: no meeting, so no time of one, and no counting record.
      const drafted = await site.api(
        'POST',
        `/api/consultations/${id}/record/decision`,
        {
          form: 'bien_ban',
          letterhead: { authority: 'UBND XÃ AN BÌNH', unit: 'THÔN ĐÔNG' },
          place: 'Nhà văn hóa Thôn Đông',
          summary: 'Các hộ góp ý về sân chơi cho trẻ em và giờ mở cửa nhà văn hóa.',
          signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Lê Văn Cường', households: ['H-001', 'H-002'] },
        },
        { token },
      );
      expect(drafted.status, drafted.text).toBe(201);

      const { page, errors, close } = await phonePage(browser);
      try {
        await page.goto(`${site.origin}/c/${id}/record/decision.html`);
        const text = await page.locator('body').innerText();
        expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        await expect(page.locator('.motto').innerText()).resolves.toContain('Độc lập - Tự do - Hạnh phúc');
        // One outcome per question; 4 of 6 households said yes to the first.
        const statuses = page.locator('p.status');
        expect(await statuses.count()).toBe(3);
        await expect(statuses.first().getAttribute('class')).resolves.toBe('status adopted');
        await expect(statuses.first().innerText()).resolves.toMatch(/^THÔNG QUA/);
        expect(text).toContain('Nguyễn Văn An');
        expect(text).toContain('Lê Văn Cường');
        await axeClean(page, 'decision record');
        await fitsPhone(page);
        expect(pngSize(readFileSync(await screenshot(page, 'minutes'))).width).toBe(360);

        const pdf = await page.pdf({ format: 'A4' });
        const bytes = pdf.toString('latin1');
        expect(bytes.startsWith('%PDF')).toBe(true);
        expect((bytes.match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length).toBeGreaterThanOrEqual(1);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });
});
