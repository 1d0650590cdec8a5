/**
 * The decision record with its notices still fits its A4 layout when printed: in Chromium, with the print media and
 * the width of an A4 page inside its 20 mm margins, the notices' table is no wider than the page and its rows are not
 * split across pages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../shared/bundle.ts';
import { draftDecision } from '../../shared/minutes.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { noticeEvidenceOf } from '../../web/notice-evidence.ts';
import { decisionPage } from '../../web/record-page.tsx';
import { auditLog, bundleInput, consultation } from '../shared/bundle-fixture.ts';
import { launchChromium } from './browser.ts';

const input = bundleInput();
const bundle = buildBundle(input);
const present = input.participants.map((p) => p.id);
const record = draftDecision({
  consultation,
  manifest: bundle.manifest,
  manifestHash: sha256Hex(bundle.manifestBytes),
  rollIds: input.rollIds,
  participantIds: present,
  audit: auditLog(),
  entries: {
    form: 'nghi_quyet',
    letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
    place: 'Nhà văn hóa thôn Đông',
    summary: 'Bàn về đường thôn.',
    discussion: [],
    signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Trần Văn Cường', households: [present[0]!, present[1]!] },
  },
});
const KINDS = ['meeting_invitation', 'documents_link', 'household_ballot_notice', 'voting_opened', 'reminder_not_voted', 'result'];
const events = KINDS.map((kind, i) => ({
  action: 'notice_sent',
  at: `2026-11-1${i}T02:00:00Z`,
  data: { kind, households: 12_345, sent: 11_999, failed: 1, optedOut: 2, noContact: 343, channels: { sms: 10_000, zalo: 1_999 } },
}));

/** An A4 page's width inside 20 mm margins, in CSS pixels (96 per inch). */
const A4_CONTENT_PX = Math.floor(((210 - 2 * 20) / 25.4) * 96);

describe('the decision record’s notices, printed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keep the table within the A4 page and print the record', async () => {
    const page = await browser.newPage({ viewport: { width: A4_CONTENT_PX, height: 1000 } });
    await page.emulateMedia({ media: 'print' });
    await page.setContent(decisionPage({ record, notices: noticeEvidenceOf(events) }));
    const sizes = await page.evaluate(() => {
      const table = document.querySelector('table.notices') as HTMLElement;
      return {
        table: table.scrollWidth,
        page: document.documentElement.clientWidth,
        body: document.documentElement.scrollWidth,
        rows: table.querySelectorAll('tbody tr').length,
      };
    });
    expect(sizes.rows).toBe(KINDS.length);
    expect(sizes.table).toBeLessThanOrEqual(sizes.page);
    expect(sizes.body).toBeLessThanOrEqual(sizes.page);
    const rowBreak = await page.evaluate(() => getComputedStyle(document.querySelector('table.notices tr') as HTMLElement).breakInside);
    expect(rowBreak).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' } });
    expect(new TextDecoder('latin1').decode(pdf.subarray(0, 5))).toBe('%PDF-');
    await page.close();
  });

  it('keep each date whole and the table within a 360 px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.setContent(decisionPage({ record, notices: noticeEvidenceOf(events) }));
    const found = await page.evaluate(() => {
      const cells = [...document.querySelectorAll('table.notices tbody td:nth-child(2)')];
      const broken = cells.filter((td) => {
        const text = td.firstChild as Text;
        const at = (text.textContent ?? '').search(/\d\d\/\d\d\/\d{4}/);
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + 10);
        return at < 0 || range.getClientRects().length !== 1;
      });
      const table = document.querySelector('table.notices') as HTMLElement;
      return { cells: cells.length, broken: broken.map((td) => td.textContent), table: table.scrollWidth, page: document.documentElement.clientWidth };
    });
    expect(found.cells).toBe(KINDS.length);
    expect(found.broken).toEqual([]);
    expect(found.table).toBeLessThanOrEqual(found.page);
    await page.close();
  });
});
