/**
 * The decision record (Law 10/2022 Art. 20) signed with keys in Chromium, each officer with a P-256 key of their own
 * made by WebCrypto and kept in IndexedDB: the village head on the officials' signing page (an office computer,
 * 1280 px), the head of the Front working committee on the monitors' consultation page (a 360 px phone). The
 * published `record/signatures/<role>.jws` files then verify against the published `record/decision.json`, and the
 * record's page and the result page show both signed. Without JavaScript the signing page says that signing needs it
 * and that the paper copy is signed by hand. axe-core finds no serious or critical violation, and no page logs an
 * error (no CSP violation). The steps run in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionRecord, signatureStatus, verifyMinutesSignature, type MinutesRole } from '../../shared/minutes.ts';
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

/** The decision record of an online opinion round: no meeting, so no time of one. */
const RECORD = {
  form: 'bien_ban',
  letterhead: { authority: 'UBND XÃ AN BÌNH', unit: 'THÔN ĐÔNG' },
  place: 'Nhà văn hóa Thôn Đông',
  summary: 'Các hộ góp ý về sân chơi cho trẻ em và giờ mở cửa nhà văn hóa.',
  signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Lê Văn Cường', households: ['H-001', 'H-002'] },
};

const KID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Run in a tab before its own scripts (addInitScript is not bound by the page's CSP): the tab's first generateKey
 * waits until another tab of the context has reached its first one. A tab tells the others with 'making'; a tab
 * already waiting answers 'seen', so that neither misses the other whichever comes first.
 */
const RACE = `(() => {
  if (!globalThis.crypto || !crypto.subtle || typeof BroadcastChannel !== 'function') return;
  const subtle = crypto.subtle;
  const real = subtle.generateKey.bind(subtle);
  const channel = new BroadcastChannel('test-key-race');
  let release;
  const other = new Promise((resolve) => { release = resolve; });
  let waiting = false;
  let first = true;
  channel.onmessage = (event) => {
    if (event.data === 'making' && waiting) channel.postMessage('seen');
    release();
  };
  subtle.generateKey = (...args) => {
    if (!first) return real(...args);
    first = false;
    waiting = true;
    channel.postMessage('making');
    return other.then(() => real(...args));
  };
})();`;

/** No serious or critical axe-core violation (the moderate and minor ones are printed). */
async function axeClean(page: Page, label: string): Promise<void> {
  const { serious, other, passed } = await runAxe(page);
  reportMinor(label, other);
  expect(passed).toBeGreaterThan(10);
  expect(serious, `axe on ${label}`).toEqual([]);
}

/** The fingerprint the page shows once the key is loaded or made. The CSP forbids eval, so this polls from outside. */
async function fingerprintOf(page: Page): Promise<string> {
  await expect.poll(async () => (await page.locator('#ms-fingerprint').innerText()).trim(), { timeout: 10_000 }).toMatch(KID);
  return (await page.locator('#ms-fingerprint').innerText()).trim();
}

/** Presses "sign" and waits for the page's answer. */
async function signAndWait(page: Page): Promise<string> {
  await page.getByRole('button', { name: /Ký số văn bản/ }).click();
  await expect.poll(async () => page.locator('#ms-status').innerText(), { timeout: 10_000 }).toMatch(/Đã ký số văn bản|Bị từ chối|Không ký được/);
  return page.locator('#ms-status').innerText();
}

/** Signs in on the officials' or the monitors' sign-in form. */
async function signIn(page: Page, site: ServedSystem, home: '/officials' | '/monitors', username: string, password: string): Promise<void> {
  await page.goto(`${site.origin}${home}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /Đăng nhập/ }).click();
  await page.waitForURL((u) => u.pathname === `${home}/`);
}

describe('the officers sign the decision record with keys in Chromium', () => {
  let site: ServedSystem;
  let id: string;
  let official: Page;
  let officialErrors: string[];
  let closeOfficial: () => Promise<void>;
  const kids: Partial<Record<MinutesRole, string>> = {};

  beforeAll(async () => {
    site = await serveSystem('minutes-signing');
    const token = await site.officialToken();
    const round = await openRound(site, token, 6);
    id = round.id;
    for (const code of round.codes.slice(0, 4)) await castByApi(site, id, code, { q1: 'yes', q2: 'dinh', q3: ['sang'] });
    await closeRound(site, token, id);
    const drafted = await site.api('POST', `/api/consultations/${id}/record/decision`, RECORD, { token });
    expect(drafted.status, drafted.text).toBe(201);
    ({ page: official, errors: officialErrors, close: closeOfficial } = await desktopPage(browser));
    await signIn(official, site, '/officials', 'official', 'pw-official');
  });
  afterAll(async () => {
    await closeOfficial?.();
    await browser.close();
    await site?.close();
  });

  it('without JavaScript the signing page says that signing needs it and that the paper copy is signed by hand', async () => {
    const { page, errors, close } = await phonePage(browser, { javaScript: false });
    try {
      await signIn(page, site, '/officials', 'official', 'pw-official');
      // With the English beside the Vietnamese (?lang=en), which this test reads too.
      await page.goto(`${site.origin}/officials/c/${id}/minutes/sign?lang=en`);
      await expect(page.locator('#ms-nojs').isVisible()).resolves.toBe(true);
      await expect(page.locator('#ms-form').isVisible()).resolves.toBe(false);
      const notice = await page.locator('#ms-nojs').innerText();
      expect(notice).toMatch(
        /^Ký số cần JavaScript.*bản giấy vẫn được ký tay\. Signing with a key needs JavaScript.*the paper copy is still signed by hand\.$/s,
      );
      // What is signed is shown all the same: the hash and who has not signed.
      await expect(page.locator('#ms-hash').innerText()).resolves.toMatch(/^[0-9a-f]{64}$/);
      await expect(page.locator('#ms-state-village_head').innerText()).resolves.toBe('Chưa ký Not signed yet');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('an official reaches the signing page from the consultation page; it shows the form, the hash and the key, and passes axe', async () => {
    await official.goto(`${site.origin}/officials/c/${id}`);
    await official.getByRole('link', { name: /Ký số văn bản quyết định/ }).click();
    await official.waitForURL((u) => u.pathname === `/officials/c/${id}/minutes/sign`);
    await expect(official.locator('#ms-form').isVisible()).resolves.toBe(true);
    await expect(official.locator('#ms-nojs').isVisible()).resolves.toBe(false);
    const published = readFileSync(join(site.siteDir, 'c', id, 'record', 'decision.json'));
    const hash = Buffer.from(await crypto.subtle.digest('SHA-256', published)).toString('hex');
    await expect(official.locator('#ms-hash').innerText()).resolves.toBe(hash);
    // One role signs here, the village head, already chosen: the key is shown at once.
    expect(await official.getByRole('radio').count()).toBe(1);
    await expect(official.getByRole('radio', { name: /Trưởng thôn/ }).isChecked()).resolves.toBe(true);
    kids.village_head = await fingerprintOf(official);
    await axeClean(official, 'officials record signing');
    expect(pngSize(readFileSync(await screenshotAt(official, 'minutes-sign-officials', DESKTOP.width))).width).toBe(DESKTOP.width);
    expect(officialErrors).toEqual([]);
  });

  it('the village head’s key is kept in this browser across a reload', async () => {
    await official.reload();
    await expect(fingerprintOf(official)).resolves.toBe(kids.village_head);
    expect(officialErrors).toEqual([]);
  });

  it('two tabs that make the same role’s key at once both show the one key that is kept', async () => {
    // Another office computer (a context of its own, so its own IndexedDB), with the signing page open in two tabs.
    // Each tab's first generateKey waits until the other tab has reached its own (told over a BroadcastChannel):
    // both found no key, so both make one, and only one of them can be kept.
    const { page: first, context, errors, close } = await desktopPage(browser);
    try {
      const second = await context.newPage();
      second.on('console', (m) => {
        if (m.type() === 'error' && new URL(m.location().url || site.origin).pathname !== '/favicon.ico') errors.push(m.text());
      });
      second.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      for (const tab of [first, second]) await tab.addInitScript(RACE);
      await signIn(first, site, '/officials', 'official', 'pw-official');
      await Promise.all([first, second].map((tab) => tab.goto(`${site.origin}/officials/c/${id}/minutes/sign`)));
      const [one, two] = await Promise.all([fingerprintOf(first), fingerprintOf(second)]);
      expect(two).toBe(one);
      // The key kept is the one both show: a reload reads it back; and it is not the other computer's key.
      await second.reload();
      await expect(fingerprintOf(second)).resolves.toBe(one);
      expect(one).not.toBe(kids.village_head);
      await expect(first.locator('#ms-status').innerText()).resolves.toBe('');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the village head signs; the page marks the role signed and then offers nothing more', async () => {
    // The page with the English beside it (?lang=en): what the page says is checked in both languages.
    await official.goto(`${site.origin}/officials/c/${id}/minutes/sign?lang=en`);
    await expect(fingerprintOf(official)).resolves.toBe(kids.village_head);
    await expect(signAndWait(official)).resolves.toBe(`Đã ký số văn bản với vai trò Trưởng thôn / Signed as the village head: ${kids.village_head}`);
    await expect(official.locator('#ms-state-village_head').innerText()).resolves.toBe(`Đã ký số (khóa ${kids.village_head}) / Signed`);
    await expect(official.getByRole('radio', { name: /Trưởng thôn/ }).isVisible()).resolves.toBe(false);
    await expect(official.locator('#ms-form').isVisible()).resolves.toBe(false);

    // From the server after a reload: signed with the key shown, the Front head not yet.
    await official.reload();
    await expect(official.locator('#ms-state-village_head').innerText()).resolves.toMatch(
      new RegExp(`^Đã ký số lúc .* \\(khóa ${kids.village_head}\\) Signed$`),
    );
    await expect(official.locator('#ms-state-front_head').innerText()).resolves.toBe('Chưa ký Not signed yet');
    await expect(official.locator('#ms-form').count()).resolves.toBe(0);
    expect(officialErrors).toEqual([]);
  });

  it('the head of the Front working committee signs on the monitors’ page on a phone', async () => {
    const { page, errors, close } = await phonePage(browser);
    try {
      await signIn(page, site, '/monitors', 'monitor', 'pw-monitor');
      await page.goto(`${site.origin}/monitors/c/${id}?lang=en`);
      await page.locator('#minutes-sign').scrollIntoViewIfNeeded();
      await expect(page.locator('#ms-form').isVisible()).resolves.toBe(true);
      // The only role signed here, so already chosen.
      await expect(page.getByRole('radio', { name: /Trưởng ban công tác Mặt trận/ }).isChecked()).resolves.toBe(true);
      kids.front_head = await fingerprintOf(page);
      expect(kids.front_head).not.toBe(kids.village_head);
      await expect(page.locator('#ms-state-village_head').innerText()).resolves.toMatch(/^Đã ký số/);
      await axeClean(page, 'monitors consultation with the record to sign');
      const { overflow, culprits } = await sidewaysOverflow(page, 'div.scroll');
      expect(culprits, 'wider than the screen').toEqual([]);
      expect(overflow).toBe(0);
      expect(pngSize(readFileSync(await screenshot(page, 'minutes-sign-monitor'))).width).toBe(360);

      await expect(signAndWait(page)).resolves.toBe(
        `Đã ký số văn bản với vai trò Trưởng ban công tác Mặt trận / Signed as the head of the Front working committee: ${kids.front_head}`,
      );
      await page.reload();
      await expect(page.locator('#ms-state-front_head').innerText()).resolves.toMatch(new RegExp(`^Đã ký số lúc .* \\(khóa ${kids.front_head}\\) Signed$`));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the published signatures verify against the published record, each with the key its page showed', async () => {
    const dir = join(site.siteDir, 'c', id, 'record');
    const record = DecisionRecord.parse(JSON.parse(readFileSync(join(dir, 'decision.json'), 'utf8')));
    const signatures: string[] = [];
    for (const role of ['village_head', 'front_head'] as const) {
      const jws = readFileSync(join(dir, 'signatures', `${role}.jws`), 'utf8');
      signatures.push(jws);
      const check = await verifyMinutesSignature(jws, record);
      expect(check.problems).toEqual([]);
      expect(check).toMatchObject({ ok: true, role, kid: kids[role] });
    }
    const status = await signatureStatus(record, signatures);
    expect(status).toMatchObject({ complete: true, missing: [], invalid: [] });
  });

  it('the record’s page and the result page show both signed', async () => {
    const { page, errors, close } = await phonePage(browser);
    try {
      await page.goto(`${site.origin}/c/${id}/record/decision.html`);
      const text = await page.locator('body').innerText();
      for (const role of ['village_head', 'front_head'] as const) expect(text).toContain(kids[role]!);
      await page.goto(`${site.origin}/c/${id}/`);
      await expect(page.locator('#decision-record').innerText()).resolves.toContain(
        'đã ký số: Trưởng thôn, Trưởng ban công tác Mặt trận. Signed with a key: village head, head of the Front working committee.',
      );
      await page.getByRole('link', { name: /Văn bản quyết định/ }).click();
      await page.waitForURL((u) => u.pathname === `/c/${id}/record/decision.html`);
      await page.goto(`${site.origin}/c/${id}/`);
      await axeClean(page, 'result with the record signed');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
    await official.goto(`${site.origin}/officials/c/${id}/minutes?lang=en`);
    await expect(official.locator('#minutes-signed').innerText()).resolves.toMatch(/Chưa ký số: Not signed with a key yet: —$/);
    expect(officialErrors).toEqual([]);
  });
});
