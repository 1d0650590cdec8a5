/**
 * The signers' keys as the built signing script keeps them in Chromium's IndexedDB, on the real officials' signing
 * page of the decision record (./sign-site.ts), where the village head's role is the only one and is chosen as the
 * page opens: made on first use with a non-extractable private key and read back after a reload, an earlier key read
 * as it was kept, a record that is not a key pair replaced, a failed attempt tried again without a
 * reload, and two tabs that make the same key at once both using the one that is kept.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMinutesSignature } from '../../shared/minutes.ts';
import { MINUTES } from '../support/minutes-fixture.ts';
import { desktopPage, launchChromium } from './browser.ts';
import { KEY_RACE, keptKeys, keyGeneration, OFFICIALS_PAGE, seedKey, serveSigningSite, type SigningSite, violations, WATCH_CSP } from './sign-site.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than skips.
const browser = await launchChromium();

const DATABASE = 'danban-minutes';
/** The village head's key, under the role and the name the record gives (test/support/minutes-fixture.ts). */
const VILLAGE_HEAD = 'village_head:Nguyễn Văn An';
const KID = /^[A-Za-z0-9_-]{43}$/;

let site: SigningSite;

beforeAll(async () => {
  site = await serveSigningSite();
});
afterAll(async () => {
  await browser.close();
  await site?.close();
});

/** The fingerprint the page shows once it is one (not "—" or "…"). */
async function fingerprintOf(page: Page): Promise<string> {
  await expect.poll(async () => (await page.locator('#ms-fingerprint').innerText()).trim(), { timeout: 10_000 }).toMatch(KID);
  return (await page.locator('#ms-fingerprint').innerText()).trim();
}

/** The village head's role is the page's only one, chosen as it opens: its key is made or read at once. */
async function villageHeadChosen(page: Page): Promise<void> {
  expect(await page.getByRole('radio').count()).toBe(1);
  await expect(page.getByRole('radio', { name: /Trưởng thôn/ }).isChecked()).resolves.toBe(true);
}

const keysMade = (page: Page) => page.evaluate('__keysMade()') as Promise<number>;

describe('a signer’s key kept in IndexedDB by the built script', () => {
  it('is made on first use, kept under the role and name in store keys of version 1, and read back after a reload', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      await page.addInitScript(keyGeneration());
      // Nothing is kept before the signing page is first opened.
      await page.goto(`${site.origin}/blank`);
      await expect(keptKeys(page, DATABASE)).resolves.toBeUndefined();
      await page.goto(site.origin + OFFICIALS_PAGE);
      await villageHeadChosen(page);
      const shown = await fingerprintOf(page);
      await expect(keysMade(page)).resolves.toBe(1);
      const kept = await keptKeys(page, DATABASE);
      expect(kept).toEqual({
        version: 1,
        stores: ['keys'],
        records: [{ name: VILLAGE_HEAD, members: ['privateKey', 'publicKey'], privateExtractable: false, thumbprint: shown }],
      });
      await page.reload();
      await villageHeadChosen(page);
      await expect(fingerprintOf(page)).resolves.toBe(shown);
      await expect(keysMade(page)).resolves.toBe(0);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reads a key kept by an earlier script exactly as it was kept, and makes none', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      await page.goto(`${site.origin}/blank`);
      const seeded = await seedKey(page, DATABASE, VILLAGE_HEAD, 'pair');
      await page.addInitScript(keyGeneration(Number.POSITIVE_INFINITY));
      await page.goto(site.origin + OFFICIALS_PAGE);
      await villageHeadChosen(page);
      await expect(fingerprintOf(page)).resolves.toBe(seeded);
      await expect(keysMade(page)).resolves.toBe(0);
      await expect(page.locator('#ms-status').innerText()).resolves.toBe('');
      expect((await keptKeys(page, DATABASE))?.records.map((r) => r.thumbprint)).toEqual([seeded]);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('replaces a record that is not a key pair with a new key', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      await page.goto(`${site.origin}/blank`);
      const seeded = await seedKey(page, DATABASE, VILLAGE_HEAD, 'public key only');
      await page.addInitScript(keyGeneration());
      await page.goto(site.origin + OFFICIALS_PAGE);
      await villageHeadChosen(page);
      const shown = await fingerprintOf(page);
      expect(shown).not.toBe(seeded);
      await expect(keysMade(page)).resolves.toBe(1);
      expect((await keptKeys(page, DATABASE))?.records).toEqual([
        { name: VILLAGE_HEAD, members: ['privateKey', 'publicKey'], privateExtractable: false, thumbprint: shown },
      ]);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says when the key could not be made, and makes it once when the role is chosen again, without a reload', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      await page.addInitScript(keyGeneration(1));
      await page.goto(site.origin + OFFICIALS_PAGE);
      await villageHeadChosen(page);
      await expect.poll(() => page.locator('#ms-status').innerText(), { timeout: 10_000 }).toBe('Không tạo được khóa: no key this time');
      await expect(page.locator('#ms-fingerprint').innerText()).resolves.toBe('…');
      expect((await keptKeys(page, DATABASE))?.records).toEqual([]);
      // Chosen again twice at once: one key is made for both (one attempt per key at a time), the failed one is not kept.
      await page.evaluate(`for (let i = 0; i < 2; i++) document.getElementById('ms-form').dispatchEvent(new Event('change'))`);
      const shown = await fingerprintOf(page);
      await expect(keysMade(page)).resolves.toBe(2);
      expect((await keptKeys(page, DATABASE))?.records.map((r) => [r.name, r.thumbprint])).toEqual([[VILLAGE_HEAD, shown]]);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('when two tabs make the key at once, both show the one that is kept, and both sign with it', async () => {
    const { page: first, context, errors, close } = await desktopPage(browser);
    try {
      const second = await context.newPage();
      second.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      second.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      for (const tab of [first, second]) {
        await tab.addInitScript(WATCH_CSP);
        await tab.addInitScript(KEY_RACE);
        await tab.goto(site.origin + OFFICIALS_PAGE);
      }
      for (const tab of [first, second]) await villageHeadChosen(tab);
      const [one, two] = await Promise.all([fingerprintOf(first), fingerprintOf(second)]);
      expect(two).toBe(one);
      expect((await keptKeys(first, DATABASE))?.records.map((r) => r.thumbprint)).toEqual([one]);
      // Each tab signs: both signatures are by the kept key, and both verify.
      const before = site.posted.length;
      for (const tab of [first, second]) {
        await tab.getByRole('button', { name: /Ký số văn bản/ }).click();
        await expect.poll(() => tab.locator('#ms-status').innerText(), { timeout: 10_000 }).toBe(`Đã ký số văn bản với vai trò Trưởng thôn: ${one}`);
      }
      const posted = site.posted.slice(before);
      expect(posted).toHaveLength(2);
      for (const { body } of posted) await expect(verifyMinutesSignature(body, MINUTES)).resolves.toMatchObject({ ok: true, role: 'village_head', kid: one });
      for (const tab of [first, second]) await expect(violations(tab)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
