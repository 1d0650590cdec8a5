/**
 * A monitor (Ban giám sát) in Chromium on a 360 px wide phone, after a round was closed and published: signs in at
 * `/monitors/`, reads the audit log, and countersigns the result with the page's script (a P-256 key made by
 * WebCrypto and kept in IndexedDB). The countersignature is published beside the result and passes the
 * verifier's check 9; the key survives a reload. The steps run in order and share one browser context.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/sha256.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { CHECK_NAMES_VI } from '../../web/verify/words.ts';
import { launchChromium, phonePage, sidewaysOverflow, PHONE, pngSize, reportMinor, runAxe, screenshot, serveSystem, type ServedSystem } from './browser.ts';
import { castByApi, closeRound, openRound } from './round.ts';

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

/** Every file under `dir`, by its path below it with `/` between folders. */
function filesUnder(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[relative(dir, full).split(sep).join('/')] = new Uint8Array(readFileSync(full));
  }
  return out;
}

describe('a monitor countersigns a published result in Chromium on a 360 px wide phone', () => {
  let site: ServedSystem;
  let page: Page;
  let errors: string[];
  let closePage: () => Promise<void>;
  let id: string;
  let fingerprint: string;

  beforeAll(async () => {
    site = await serveSystem('monitors');
    const token = await site.officialToken();
    const round = await openRound(site, token, 6);
    id = round.id;
    await castByApi(site, id, round.codes[0]!, { q1: 'yes', q2: 'dinh', q3: ['sang'] });
    await castByApi(site, id, round.codes[1]!, { q1: 'no', q2: 'truong', q3: ['chieu', 'toi'] });
    await closeRound(site, token, id);
    ({ page, errors, close: closePage } = await phonePage(browser));
  });
  afterAll(async () => {
    await closePage?.();
    await browser.close();
    await site?.close();
  });

  it('signs in and sees the audit log of the round with its closed event', async () => {
    await page.goto(`${site.origin}/monitors/login`);
    await page.locator('#username').fill('monitor');
    await page.locator('#password').fill('pw-monitor');
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
    await page.waitForURL((u) => u.pathname === '/monitors/');
    await page.locator(`a[href="/monitors/c/${id}"]`).click();
    await page.waitForURL((u) => u.pathname === `/monitors/c/${id}`);
    const actions = await page.locator('table.audit > tbody > tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(actions).toContain('voting_opened');
    expect(actions).toContain('closed');
    expect(errors).toEqual([]);
  });

  it('shows the outcome of the published round, question by question', async () => {
    await expect(page.locator('#outcome-none').count()).resolves.toBe(0);
    await expect(page.locator('section.outcome-question[data-question="q1"]').getAttribute('data-outcome')).resolves.toMatch(/^(adopted|rejected)$/);
    const q1 = await page.locator('section.outcome-question[data-question="q1"]').innerText();
    expect(q1).toMatch(/Được thông qua|Không được thông qua/);
    expect(q1).toContain('Tổng số hộ trong danh sách (H)');
    expect(q1).toContain('Điều kiện thông qua');
    await expect(page.locator('section.outcome-question[data-question="q1"] [data-field="eligible"]').innerText()).resolves.toBe('6');
    await expect(page.locator('section.outcome-question[data-question="q1"] tr[data-answer="yes"] td').first().innerText()).resolves.toBe('1');
    expect(errors).toEqual([]);
  });

  it('offers no countersign form before the page has verified the result, nor when a check fails', async () => {
    await page.locator('#countersign').scrollIntoViewIfNeeded();
    await expect(page.locator('#cs-verify').isVisible()).resolves.toBe(true);
    await expect(page.locator('#cs-nojs').isVisible()).resolves.toBe(false);
    await expect(page.locator('#cs-form').isVisible()).resolves.toBe(false);
    // One changed byte in ballots.json, as this browser receives it: check 2 fails and the form stays hidden.
    const path = `/c/${id}/ballots.json`;
    await page.route(`${site.origin}${path}`, async (route) => {
      const original = await route.fetch();
      const text = (await original.text()).replace('"yes"', '"no"');
      await route.fulfill({ response: original, body: text });
    });
    await page.locator('#cs-run').click();
    await expect.poll(async () => page.locator('#cs-verify-status').innerText(), { timeout: 30_000 }).toMatch(/Không đạt|Không kiểm tra được|đều đạt/);
    await expect(page.locator('#cs-verify-status').innerText()).resolves.toMatch(/^Không đạt ở bước [\d, ]*2/);
    await expect(page.locator('#cs-check-2').getAttribute('data-state')).resolves.toBe('fail');
    await expect(page.locator('#cs-form').isVisible()).resolves.toBe(false);
    await page.unroute(`${site.origin}${path}`);
    expect(errors).toEqual([]);
  });

  it('verifies the result on the page, then shows what it checked, the form and the key’s fingerprint; no serious axe violation', async () => {
    const pem = readFileSync(join(site.siteDir, 'keys', `${site.kid}.pem`), 'utf8');
    await page.locator('#cs-key').fill(pem);
    await page.locator('#cs-run').click();
    await expect.poll(async () => page.locator('#cs-verify-status').innerText(), { timeout: 30_000 }).toMatch(/Không đạt|Không kiểm tra được|đều đạt/);
    await expect(page.locator('#cs-verify-status').innerText()).resolves.toMatch(/^Cả 9 bước đều đạt/);
    for (let step = 1; step <= 9; step++) await expect(page.locator(`#cs-check-${step}`).getAttribute('data-state')).resolves.toBe('pass');
    // Each check's detail in Vietnamese: check 2 counts the files it hashed.
    await expect(page.locator('#cs-check-2 .cs-detail').innerText()).resolves.toMatch(/^\d+ tệp khớp với mã băm trong biên bản$/);
    await expect(page.locator('#cs-form').isVisible()).resolves.toBe(true);
    const passed = await page.locator('#cs-passed').innerText();
    expect(passed).toContain('cả 9 bước đều đạt');
    await expect(page.locator('#cs-passed-checks li').allInnerTexts()).resolves.toEqual(Object.values(CHECK_NAMES_VI).map((name) => `✓ ${name}`));
    expect(passed).toContain('khóa bạn đã dán');
    const manifest = sha256Hex(new Uint8Array(readFileSync(join(site.siteDir, 'c', id, 'result.json'))));
    expect(passed).toContain(manifest);
    await expect.poll(async () => (await page.locator('#cs-fingerprint').innerText()).trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    fingerprint = (await page.locator('#cs-fingerprint').innerText()).trim();
    const { serious, other, passed: rules } = await runAxe(page);
    reportMinor('monitor consultation page', other);
    expect(rules).toBeGreaterThan(10);
    expect(serious).toEqual([]);
    const size = pngSize(readFileSync(await screenshot(page, 'monitors-audit')));
    expect(size.width).toBe(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('fits a 360 px screen: the audit log is stacked, in words, and neither it nor the page scrolls sideways', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    const { overflow, culprits } = await sidewaysOverflow(page);
    expect(culprits, 'wider than the screen').toEqual([]);
    expect(overflow).toBe(0);
    const widths = (await page.evaluate(`(() => {
      const region = document.querySelector('div.scroll');
      const sentences = [...document.querySelectorAll('table.audit > tbody > tr p.what')].map((p) => p.getBoundingClientRect().width);
      return { page: [document.documentElement.scrollWidth, document.documentElement.clientWidth], region: [region.scrollWidth, region.clientWidth], sentences };
    })()`)) as { page: [number, number]; region: [number, number]; sentences: number[] };
    expect(widths.page[0]).toBeLessThanOrEqual(widths.page[1]);
    expect(widths.region[0]).toBeLessThanOrEqual(widths.region[1]);
    // Stacked, each sentence takes the screen's width instead of a column a few letters wide.
    expect(widths.sentences.length).toBeGreaterThan(3);
    expect(Math.min(...widths.sentences)).toBeGreaterThan(250);
    await expect(page.locator('tr[data-action="voting_opened"] p.what').innerText()).resolves.toMatch(/^Mở biểu quyết: 6 hộ, 6 mã/);
    await expect(page.locator('tr[data-action="closed"] details').evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    expect(errors).toEqual([]);
  });

  it('countersigns: the page reports success with the fingerprint, and the attestation is published', async () => {
    await page.locator('#cs-name').fill('Nguyễn Thị Lan');
    await page.locator('#cs-organisation').fill('Ban giám sát đầu tư của cộng đồng');
    await page.getByRole('button', { name: /Ký xác nhận/ }).click();
    // The page's CSP forbids eval, so the wait polls from outside instead of page.waitForFunction.
    await expect.poll(async () => page.locator('#cs-status').innerText(), { timeout: 10_000 }).toMatch(/Đã ghi nhận|Bị từ chối|Không ký được/);
    await expect(page.locator('#cs-status').innerText()).resolves.toBe(`Đã ghi nhận chữ ký xác nhận: ${fingerprint}`);
    await expect(page.locator('#cs-fingerprint').innerText()).resolves.toBe(fingerprint);

    const res = await fetch(`${site.origin}/c/${id}/attestations/${fingerprint}.jws`);
    expect(res.status).toBe(200);
    expect((await res.text()).split('.')).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('the public result page lists the countersignature with the name and organisation beside the fingerprint, within 360 px', async () => {
    const visitor = await phonePage(browser);
    await visitor.page.goto(`${site.origin}/c/${id}/index.html`);
    const item = visitor.page.locator(`li[data-kid="${fingerprint}"]`);
    const text = await item.innerText();
    expect(text).toMatch(/^Nguyễn Thị Lan — Ban giám sát đầu tư của cộng đồng, lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\./);
    expect(text).toContain(`${fingerprint.slice(0, 12)}…`);
    await expect(item.locator('a').getAttribute('title')).resolves.toBe(fingerprint);
    const { overflow, culprits } = await sidewaysOverflow(visitor.page);
    expect(culprits, 'wider than the screen').toEqual([]);
    expect(overflow).toBe(0);
    expect(visitor.errors).toEqual([]);
    await visitor.close();
  });

  it('the published folder, attestation included, passes the verifier’s check 9 with one attestation', async () => {
    const files = filesUnder(join(site.siteDir, 'c', id));
    expect(Object.keys(files).filter((n) => n.startsWith('attestations/') && n.endsWith('.jws'))).toEqual([`attestations/${fingerprint}.jws`]);
    const pem = readFileSync(join(site.siteDir, 'keys', `${site.kid}.pem`), 'utf8');
    const report = await verifyBundle(files, { pinned: pem });
    const check9 = report.checks.find((c) => c.step === 9)!;
    expect(check9.ok, check9.detail).toBe(true);
    expect(check9.detail).toBe(`1 attestation(s): ${fingerprint}`);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('shows the same fingerprint after a reload and a new verification: the key is kept in IndexedDB', async () => {
    await page.reload();
    await expect(page.locator('#cs-form').isVisible()).resolves.toBe(false);
    await expect(page.locator('#cs-given li').first().innerText()).resolves.toContain('Nguyễn Thị Lan — Ban giám sát đầu tư của cộng đồng');
    await page.locator('#cs-run').click();
    await expect.poll(async () => page.locator('#cs-verify-status').innerText(), { timeout: 30_000 }).toMatch(/Không đạt|Không kiểm tra được|đều đạt/);
    // Verified with the site's key this time (nothing pasted): check 9 now holds the monitor's countersignature.
    await expect(page.locator('#cs-verify-status').innerText()).resolves.toMatch(/^Cả 9 bước đều đạt/);
    await expect(page.locator('#cs-check-9 .cs-detail').innerText()).resolves.toBe(`1 chữ ký xác nhận, đều đúng: ${fingerprint}`);
    await expect(page.locator('#cs-passed').innerText()).resolves.toContain('khóa lấy từ trang web');
    await expect.poll(async () => (await page.locator('#cs-fingerprint').innerText()).trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(page.locator('#cs-fingerprint').innerText()).resolves.toBe(fingerprint);
    const actions = await page.locator('table.audit > tbody > tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(actions).toContain('attestation_accepted');
    const { overflow, culprits } = await sidewaysOverflow(page);
    expect(culprits, 'wider than the screen').toEqual([]);
    expect(overflow).toBe(0);
    expect(errors).toEqual([]);
  });
});
