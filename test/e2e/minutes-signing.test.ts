/**
 * The minutes (biên bản) signed in Chromium, each officer with a P-256 key of their own made by WebCrypto and kept
 * in IndexedDB: the chair and the secretary on the officials' signing page (an office computer, 1280 px), the Front
 * representative on the monitors' consultation page (a 360 px phone). The published `minutes/<role>.jws` files then
 * verify against the published minutes, and the minutes and result pages show all three signed. Without JavaScript
 * the signing page says that signing needs it and that the paper minutes can be signed by hand. axe-core finds no
 * serious or critical violation, and no page logs an error (no CSP violation). The steps run in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Minutes, signatureStatus, verifyMinutesSignature, type MinutesRole } from '../../shared/minutes.ts';
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

const OFFICERS = {
  place: 'Nhà văn hóa Thôn Đông',
  chair: { name: 'Nguyễn Văn An', title: 'Trưởng thôn' },
  secretary: { name: 'Trần Thị Bình', title: 'Thư ký' },
  frontRepresentative: { name: 'Lê Văn Cường', organisation: 'Ban công tác Mặt trận thôn' },
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
  await page.getByRole('button', { name: /Ký số biên bản/ }).click();
  await expect.poll(async () => page.locator('#ms-status').innerText(), { timeout: 10_000 }).toMatch(/Đã ký biên bản|Bị từ chối|Không ký được/);
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

describe('the officers sign the minutes in Chromium', () => {
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
    const drafted = await site.api('POST', `/api/consultations/${id}/minutes`, OFFICERS, { token });
    expect(drafted.status).toBe(201);
    ({ page: official, errors: officialErrors, close: closeOfficial } = await desktopPage(browser));
    await signIn(official, site, '/officials', 'official', 'pw-official');
  });
  afterAll(async () => {
    await closeOfficial?.();
    await browser.close();
    await site?.close();
  });

  it('without JavaScript the signing page says that signing needs it and that the paper minutes can be signed by hand', async () => {
    const { page, errors, close } = await phonePage(browser, { javaScript: false });
    try {
      await signIn(page, site, '/officials', 'official', 'pw-official');
      await page.goto(`${site.origin}/officials/c/${id}/minutes/sign`);
      await expect(page.locator('#ms-nojs').isVisible()).resolves.toBe(true);
      await expect(page.locator('#ms-form').isVisible()).resolves.toBe(false);
      const notice = await page.locator('#ms-nojs').innerText();
      expect(notice).toMatch(
        /^Ký số biên bản cần JavaScript.*biên bản giấy vẫn có thể ký tay\. Signing the minutes needs JavaScript.*the paper minutes can still be signed by hand\.$/s,
      );
      // What is signed is shown all the same: the hash and who has not signed.
      await expect(page.locator('#ms-hash').innerText()).resolves.toMatch(/^[0-9a-f]{64}$/);
      await expect(page.locator('#ms-state-chair').innerText()).resolves.toBe('Chưa ký Not signed yet');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('an official reaches the signing page from the consultation page; it shows the form and the hash, and passes axe', async () => {
    await official.goto(`${site.origin}/officials/c/${id}`);
    await official.getByRole('link', { name: /Ký số biên bản/ }).click();
    await official.waitForURL((u) => u.pathname === `/officials/c/${id}/minutes/sign`);
    await expect(official.locator('#ms-form').isVisible()).resolves.toBe(true);
    await expect(official.locator('#ms-nojs').isVisible()).resolves.toBe(false);
    const published = readFileSync(join(site.siteDir, 'c', id, 'minutes.json'));
    const hash = Buffer.from(await crypto.subtle.digest('SHA-256', published)).toString('hex');
    await expect(official.locator('#ms-hash').innerText()).resolves.toBe(hash);
    // Two roles to sign here, none chosen yet: no key is shown until one is.
    expect(await official.getByRole('radio').count()).toBe(2);
    await expect(official.locator('#ms-fingerprint').innerText()).resolves.toBe('—');
    await axeClean(official, 'officials minutes signing');
    expect(pngSize(readFileSync(await screenshotAt(official, 'minutes-sign-officials', DESKTOP.width))).width).toBe(DESKTOP.width);
    expect(officialErrors).toEqual([]);
  });

  it('each role and person has a key of their own, kept across a reload', async () => {
    await official.getByRole('radio', { name: /Chủ trì/ }).check();
    const chair = await fingerprintOf(official);
    await official.getByRole('radio', { name: /Thư ký/ }).check();
    const secretary = await fingerprintOf(official);
    expect(secretary).not.toBe(chair);
    await official.reload();
    await official.getByRole('radio', { name: /Chủ trì/ }).check();
    await expect(fingerprintOf(official)).resolves.toBe(chair);
    kids.chair = chair;
    kids.secretary = secretary;
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
      await Promise.all([first, second].map((tab) => tab.getByRole('radio', { name: /Chủ trì/ }).check()));
      const [one, two] = await Promise.all([fingerprintOf(first), fingerprintOf(second)]);
      expect(two).toBe(one);
      // The key kept is the one both show: a reload reads it back; and it is not this computer's other key.
      await second.reload();
      await second.getByRole('radio', { name: /Chủ trì/ }).check();
      await expect(fingerprintOf(second)).resolves.toBe(one);
      expect(one).not.toBe(kids.chair);
      await expect(first.locator('#ms-status').innerText()).resolves.toBe('');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the chair signs, then the secretary; the page marks each signed and then offers nothing more', async () => {
    await expect(signAndWait(official)).resolves.toBe(`Đã ký biên bản với vai trò Chủ trì / Signed as the chair: ${kids.chair}`);
    await expect(official.locator('#ms-state-chair').innerText()).resolves.toBe(`Đã ký số (khóa ${kids.chair}) / Signed`);
    await expect(official.getByRole('radio', { name: /Chủ trì/ }).isVisible()).resolves.toBe(false);

    await official.getByRole('radio', { name: /Thư ký/ }).check();
    await expect(fingerprintOf(official)).resolves.toBe(kids.secretary);
    await expect(signAndWait(official)).resolves.toBe(`Đã ký biên bản với vai trò Thư ký / Signed as the secretary: ${kids.secretary}`);
    await expect(official.locator('#ms-form').isVisible()).resolves.toBe(false);

    // From the server after a reload: both signed with the keys shown, the Front representative not yet.
    await official.reload();
    for (const role of ['chair', 'secretary'] as const)
      await expect(official.locator(`#ms-state-${role}`).innerText()).resolves.toMatch(new RegExp(`^Đã ký số lúc .* \\(khóa ${kids[role]}\\) Signed$`));
    await expect(official.locator('#ms-state-front').innerText()).resolves.toBe('Chưa ký Not signed yet');
    await expect(official.locator('#ms-form').count()).resolves.toBe(0);
    expect(officialErrors).toEqual([]);
  });

  it('the Front representative signs on the monitors’ page on a phone', async () => {
    const { page, errors, close } = await phonePage(browser);
    try {
      await signIn(page, site, '/monitors', 'monitor', 'pw-monitor');
      await page.goto(`${site.origin}/monitors/c/${id}`);
      await page.locator('#minutes-sign').scrollIntoViewIfNeeded();
      await expect(page.locator('#ms-form').isVisible()).resolves.toBe(true);
      // The only role signed here, so already chosen.
      await expect(page.getByRole('radio', { name: /Đại diện Ban công tác Mặt trận/ }).isChecked()).resolves.toBe(true);
      kids.front = await fingerprintOf(page);
      expect([kids.chair, kids.secretary]).not.toContain(kids.front);
      await expect(page.locator('#ms-state-chair').innerText()).resolves.toMatch(/^Đã ký số/);
      await axeClean(page, 'monitors consultation with the minutes to sign');
      const { overflow, culprits } = await sidewaysOverflow(page, 'div.scroll');
      expect(culprits, 'wider than the screen').toEqual([]);
      expect(overflow).toBe(0);
      expect(pngSize(readFileSync(await screenshot(page, 'minutes-sign-monitor'))).width).toBe(360);

      await expect(signAndWait(page)).resolves.toBe(
        `Đã ký biên bản với vai trò Đại diện Ban công tác Mặt trận / Signed as the Front representative: ${kids.front}`,
      );
      await page.reload();
      await expect(page.locator('#ms-state-front').innerText()).resolves.toMatch(new RegExp(`^Đã ký số lúc .* \\(khóa ${kids.front}\\) Signed$`));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the published signatures verify against the published minutes, each with the key its page showed', async () => {
    const dir = join(site.siteDir, 'c', id);
    const minutes = Minutes.parse(JSON.parse(readFileSync(join(dir, 'minutes.json'), 'utf8')));
    const signatures: string[] = [];
    for (const role of ['chair', 'secretary', 'front'] as const) {
      const jws = readFileSync(join(dir, 'minutes', `${role}.jws`), 'utf8');
      signatures.push(jws);
      const check = await verifyMinutesSignature(jws, minutes);
      expect(check.problems).toEqual([]);
      expect(check).toMatchObject({ ok: true, role, kid: kids[role] });
    }
    const status = await signatureStatus(minutes, signatures);
    expect(status).toMatchObject({ complete: true, missing: [], invalid: [] });
  });

  it('the minutes page and the result page show all three signed', async () => {
    const { page, errors, close } = await phonePage(browser);
    try {
      await page.goto(`${site.origin}/c/${id}/minutes.html`);
      const text = await page.locator('body').innerText();
      for (const role of ['chair', 'secretary', 'front'] as const) expect(text).toContain(kids[role]!);
      expect(text).not.toContain('Chưa ký số');
      await page.goto(`${site.origin}/c/${id}/`);
      await expect(page.locator('#minutes').innerText()).resolves.toContain('đã ký số: Chủ trì, Thư ký, Đại diện Mặt trận. Signed: ');
      await axeClean(page, 'result with the minutes signed');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
    await official.goto(`${site.origin}/officials/c/${id}/minutes`);
    await expect(official.locator('#minutes-signed').innerText()).resolves.toMatch(/Chưa ký: Not signed yet: —$/);
    expect(officialErrors).toEqual([]);
  });
});
