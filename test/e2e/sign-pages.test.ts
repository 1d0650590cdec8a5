/**
 * The built signing scripts at work in Chromium on the real staff pages (./sign-site.ts), under the site's CSP: what
 * they post (a compact JWS as application/jose to the page's own route, the signature shared/ verifies), what the
 * page then says and shows, a refusal in both languages, minutes drafted again since the page was opened, and on the
 * monitors' page both parts: the countersignature after a failed first key, and the Front representative's signature.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws } from '../../shared/jws.ts';
import { verifyMinutesSignature } from '../../shared/minutes.ts';
import { MINUTES, MINUTES_BYTES } from '../support/minutes-fixture.ts';
import { desktopPage, launchChromium, phonePage } from './browser.ts';
import { ID, keyGeneration, MONITORS_PAGE, OFFICIALS_PAGE, serveSigningSite, type SigningSite, violations, WATCH_CSP } from './sign-site.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than skips.
const browser = await launchChromium();

const KID = /^[A-Za-z0-9_-]{43}$/;
const DONE = /^(Đã ký biên bản|Đã ghi nhận|Bị từ chối|Không ký được)/;

let site: SigningSite;

beforeAll(async () => {
  site = await serveSigningSite();
});
afterEach(() => {
  site.state.minutesBytes = MINUTES_BYTES;
  site.state.refusal = undefined;
});
afterAll(async () => {
  await browser.close();
  await site?.close();
});

async function fingerprintOf(page: Page, id: string): Promise<string> {
  await expect.poll(async () => (await page.locator(id).innerText()).trim(), { timeout: 10_000 }).toMatch(KID);
  return (await page.locator(id).innerText()).trim();
}

/** Presses the button and waits for the status line to say how it went. */
async function press(page: Page, button: RegExp, status: string): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => page.locator(status).innerText(), { timeout: 10_000 }).toMatch(DONE);
  return page.locator(status).innerText();
}

/** The posts sent from now on. */
function postsFrom(): () => SigningSite['posted'] {
  const before = site.posted.length;
  return () => site.posted.slice(before);
}

describe('the officials’ script on the minutes signing page', () => {
  it('the chair, then the secretary, sign: each posts the shared signature, and the page marks each signed', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      const posts = postsFrom();
      await page.goto(site.origin + OFFICIALS_PAGE);
      await expect(page.locator('#ms-form').isVisible()).resolves.toBe(true);
      await expect(page.locator('#ms-nojs').isVisible()).resolves.toBe(false);
      await page.getByRole('radio', { name: /Chủ trì/ }).check();
      const chair = await fingerprintOf(page, '#ms-fingerprint');
      await expect(press(page, /Ký số biên bản/, '#ms-status')).resolves.toBe(`Đã ký biên bản với vai trò Chủ trì / Signed as the chair: ${chair}`);
      await expect(page.locator('#ms-state-chair').innerText()).resolves.toBe(`Đã ký số (khóa ${chair}) / Signed`);
      await expect(page.locator('#ms-choice-chair').isVisible()).resolves.toBe(false);
      await expect(page.locator('#ms-fingerprint').innerText()).resolves.toBe('—');
      const [post] = posts();
      expect({ ...post, body: undefined }).toEqual({ path: `/officials/c/${ID}/minutes/signatures`, contentType: 'application/jose', body: undefined });
      await expect(verifyMinutesSignature(post!.body, MINUTES)).resolves.toMatchObject({ ok: true, role: 'chair', kid: chair, problems: [] });

      await page.getByRole('radio', { name: /Thư ký/ }).check();
      const secretary = await fingerprintOf(page, '#ms-fingerprint');
      expect(secretary).not.toBe(chair);
      await expect(press(page, /Ký số biên bản/, '#ms-status')).resolves.toBe(`Đã ký biên bản với vai trò Thư ký / Signed as the secretary: ${secretary}`);
      // No role left to sign here: the form goes.
      await expect(page.locator('#ms-form').isVisible()).resolves.toBe(false);
      expect(posts().map((p) => decodeJws(p.body).header.kid)).toEqual([chair, secretary]);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('refuses minutes drafted again since the page was opened, and posts nothing', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      site.state.minutesBytes = jcsBytes({ ...MINUTES, place: 'Nơi khác' });
      const posts = postsFrom();
      await page.goto(site.origin + OFFICIALS_PAGE);
      await page.getByRole('radio', { name: /Chủ trì/ }).check();
      await fingerprintOf(page, '#ms-fingerprint');
      await expect(press(page, /Ký số biên bản/, '#ms-status')).resolves.toBe(
        'Không ký được / Could not sign: Biên bản đã được lập lại sau khi mở trang này; hãy tải lại trang. / The minutes were drafted again since this page was opened; reload it.',
      );
      expect(posts()).toEqual([]);
      await expect(page.getByRole('button', { name: /Ký số biên bản/ }).isEnabled()).resolves.toBe(true);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a refusal Vietnamese first, then the status and the English reason, and the role can be signed again', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      site.state.refusal = { status: 403, error: { code: 'forbidden', message: 'not yours', vi: 'Bạn không có quyền.' } };
      await page.goto(site.origin + OFFICIALS_PAGE);
      await page.getByRole('radio', { name: /Chủ trì/ }).check();
      await fingerprintOf(page, '#ms-fingerprint');
      await expect(press(page, /Ký số biên bản/, '#ms-status')).resolves.toBe('Bị từ chối: Bạn không có quyền. / Refused (HTTP 403): not yours');
      await expect(page.locator('#ms-state-chair').innerText()).resolves.toBe('Chưa ký Not signed yet');
      await expect(page.getByRole('radio', { name: /Chủ trì/ }).isChecked()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: /Ký số biên bản/ }).isEnabled()).resolves.toBe(true);
      await expect(violations(page)).resolves.toEqual([]);
      // The browser logs the 403 of the post; nothing else.
      expect(errors).toEqual([expect.stringMatching(/status of 403/)]);
    } finally {
      await close();
    }
  });
});

describe('the monitors’ script on the consultation page', () => {
  it('countersigns after a failed first key: signing makes the key, shows it and signs with it; the Front representative signs too', async () => {
    const { page, errors, close } = await phonePage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      // Both parts' first keys fail: the countersignature's and the minutes'.
      await page.addInitScript(keyGeneration(2));
      const posts = postsFrom();
      await page.goto(site.origin + MONITORS_PAGE);
      for (const status of ['#cs-status', '#ms-status'])
        await expect.poll(() => page.locator(status).innerText(), { timeout: 10_000 }).toBe('Không tạo được khóa / Could not make the key: no key this time');
      await expect(page.locator('#cs-fingerprint').innerText()).resolves.toBe('…');

      await page.locator('#cs-name').fill(` ${'Trần Văn Giám'.normalize('NFD')} `);
      await page.locator('#cs-organisation').fill('Ban Thanh tra nhân dân xã');
      const accepted = await press(page, /Ký xác nhận/, '#cs-status');
      const monitor = await fingerprintOf(page, '#cs-fingerprint');
      expect(accepted).toBe(`Đã ghi nhận chữ ký xác nhận / Attestation accepted: ${monitor}`);
      const [attest] = posts();
      expect({ path: attest!.path, contentType: attest!.contentType }).toEqual({ path: `/monitors/c/${ID}/attest`, contentType: 'application/jose' });
      const payload = JSON.parse(fromUtf8(decodeJws(attest!.body).payloadBytes));
      expect(payload).toMatchObject({
        consultationId: ID,
        monitor: { name: 'Trần Văn Giám', organisation: 'Ban Thanh tra nhân dân xã' },
        statement: 'verified',
      });
      expect(payload.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

      // The Front representative's role is the only one here, already chosen: signing makes its key.
      await expect(page.getByRole('radio', { name: /Đại diện Ban công tác Mặt trận/ }).isChecked()).resolves.toBe(true);
      const signed = await press(page, /Ký số biên bản/, '#ms-status');
      const front = /: ([A-Za-z0-9_-]{43})$/.exec(signed)?.[1];
      expect(signed).toBe(`Đã ký biên bản với vai trò Đại diện Ban công tác Mặt trận / Signed as the Front representative: ${front}`);
      expect(front).not.toBe(monitor);
      const [, minutes] = posts();
      expect(minutes!.path).toBe(`/monitors/c/${ID}/minutes/signatures`);
      await expect(verifyMinutesSignature(minutes!.body, MINUTES)).resolves.toMatchObject({ ok: true, role: 'front', kid: front });
      await expect(page.evaluate('__keysMade()')).resolves.toBe(4);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
