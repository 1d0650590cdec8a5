/**
 * The built signing scripts at work in Chromium on the real staff pages (./sign-site.ts), under the site's CSP: what
 * they post (a compact JWS as application/jose to the page's own route, the signature shared/ verifies), what the
 * page then says and shows (Vietnamese alone, as a staff page is by default; English beside it under `?lang=en`), a
 * refusal, a decision record drafted again since the page was opened,
 * and on the monitors' page both parts: the countersignature after a failed first key, and the key signature of the
 * head of the Front working committee.
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
const DONE = /^(Đã ký số văn bản|Đã ghi nhận|Bị từ chối|Không ký được)/;

let site: SigningSite;

beforeAll(async () => {
  site = await serveSigningSite();
});
afterEach(() => {
  site.state.decisionBytes = MINUTES_BYTES;
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

describe('the officials’ script on the decision record’s signing page', () => {
  it('the village head, the only role there and already chosen, signs: the shared signature is posted, the role is marked signed and the form goes', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      const posts = postsFrom();
      await page.goto(site.origin + OFFICIALS_PAGE);
      await expect(page.locator('#ms-form').isVisible()).resolves.toBe(true);
      await expect(page.locator('#ms-nojs').isVisible()).resolves.toBe(false);
      // The Front head signs on the monitors' page: here the village head only, chosen already.
      expect(await page.getByRole('radio').count()).toBe(1);
      await expect(page.getByRole('radio', { name: /Trưởng thôn/ }).isChecked()).resolves.toBe(true);
      const head = await fingerprintOf(page, '#ms-fingerprint');
      await expect(press(page, /Ký số văn bản/, '#ms-status')).resolves.toBe(`Đã ký số văn bản với vai trò Trưởng thôn: ${head}`);
      await expect(page.locator('#ms-state-village_head').innerText()).resolves.toBe(`Đã ký số (khóa ${head})`);
      await expect(page.locator('#ms-state-front_head').innerText()).resolves.toBe('Chưa ký');
      await expect(page.locator('#ms-choice-village_head').isVisible()).resolves.toBe(false);
      await expect(page.locator('#ms-fingerprint').innerText()).resolves.toBe('—');
      // No role left to sign here: the form goes.
      await expect(page.locator('#ms-form').isVisible()).resolves.toBe(false);
      const [post, ...more] = posts();
      expect(more).toEqual([]);
      expect({ ...post, body: undefined }).toEqual({ path: `/officials/c/${ID}/minutes/signatures`, contentType: 'application/jose', body: undefined });
      expect(decodeJws(post!.body).header).toMatchObject({ typ: 'record+jws', kid: head });
      await expect(verifyMinutesSignature(post!.body, MINUTES)).resolves.toMatchObject({ ok: true, role: 'village_head', kid: head, problems: [] });
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('refuses a decision record drafted again since the page was opened, and posts nothing', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      site.state.decisionBytes = jcsBytes({ ...MINUTES, place: 'Nơi khác' });
      const posts = postsFrom();
      await page.goto(site.origin + OFFICIALS_PAGE);
      await fingerprintOf(page, '#ms-fingerprint');
      await expect(press(page, /Ký số văn bản/, '#ms-status')).resolves.toBe('Không ký được: Văn bản đã được lập lại sau khi mở trang này; hãy tải lại trang.');
      expect(posts()).toEqual([]);
      await expect(page.getByRole('button', { name: /Ký số văn bản/ }).isEnabled()).resolves.toBe(true);
      await expect(page.locator('#ms-state-village_head').innerText()).resolves.toBe('Chưa ký');
      // The same page in English says it in both languages.
      await page.goto(`${site.origin + OFFICIALS_PAGE}?lang=en`);
      await fingerprintOf(page, '#ms-fingerprint');
      await expect(press(page, /Ký số văn bản/, '#ms-status')).resolves.toBe(
        'Không ký được / Could not sign: Văn bản đã được lập lại sau khi mở trang này; hãy tải lại trang. / The record was drafted again since this page was opened; reload it.',
      );
      expect(posts()).toEqual([]);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a refusal in the route’s Vietnamese; in English, then the status and the English reason; the role can be signed again', async () => {
    const { page, errors, close } = await desktopPage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      site.state.refusal = { status: 403, error: { code: 'forbidden', message: 'not yours', vi: 'Bạn không có quyền.' } };
      await page.goto(site.origin + OFFICIALS_PAGE);
      await fingerprintOf(page, '#ms-fingerprint');
      await expect(press(page, /Ký số văn bản/, '#ms-status')).resolves.toBe('Bị từ chối: Bạn không có quyền.');
      await page.goto(`${site.origin + OFFICIALS_PAGE}?lang=en`);
      await fingerprintOf(page, '#ms-fingerprint');
      await expect(press(page, /Ký số văn bản/, '#ms-status')).resolves.toBe('Bị từ chối: Bạn không có quyền. / Refused (HTTP 403): not yours');
      await expect(page.locator('#ms-state-village_head').innerText()).resolves.toBe('Chưa ký Not signed yet');
      await expect(page.getByRole('radio', { name: /Trưởng thôn/ }).isChecked()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: /Ký số văn bản/ }).isEnabled()).resolves.toBe(true);
      await expect(violations(page)).resolves.toEqual([]);
      // The browser logs the 403 of each post; nothing else.
      expect(errors).toEqual([expect.stringMatching(/status of 403/), expect.stringMatching(/status of 403/)]);
    } finally {
      await close();
    }
  });
});

describe('the monitors’ script on the consultation page', () => {
  it('countersigns after a failed first key: signing makes the key, shows it and signs with it; the head of the Front working committee signs too', async () => {
    const { page, errors, close } = await phonePage(browser);
    try {
      await page.addInitScript(WATCH_CSP);
      // Both parts' first keys fail: the countersignature's and the decision record's.
      await page.addInitScript(keyGeneration(2));
      const posts = postsFrom();
      await page.goto(site.origin + MONITORS_PAGE);
      // The countersign form waits for the page's own verification of the published bundle (the good test vector).
      await expect(page.locator('#cs-form').isVisible()).resolves.toBe(false);
      await page.locator('#cs-run').click();
      await expect.poll(() => page.locator('#cs-verify-status').innerText(), { timeout: 30_000 }).toMatch(/^(Cả 9 bước đều đạt|Không)/);
      await expect(page.locator('#cs-verify-status').innerText()).resolves.toMatch(/^Cả 9 bước đều đạt/);
      await expect(page.locator('#cs-form').isVisible()).resolves.toBe(true);
      for (const status of ['#cs-status', '#ms-status'])
        await expect.poll(() => page.locator(status).innerText(), { timeout: 10_000 }).toBe('Không tạo được khóa: no key this time');
      await expect(page.locator('#cs-fingerprint').innerText()).resolves.toBe('…');

      await page.locator('#cs-name').fill(` ${'Trần Văn Giám'.normalize('NFD')} `);
      await page.locator('#cs-organisation').fill('Ban Thanh tra nhân dân xã');
      const accepted = await press(page, /Ký xác nhận/, '#cs-status');
      const monitor = await fingerprintOf(page, '#cs-fingerprint');
      expect(accepted).toBe(`Đã ghi nhận chữ ký xác nhận: ${monitor}`);
      const [attest] = posts();
      expect({ path: attest!.path, contentType: attest!.contentType }).toEqual({ path: `/monitors/c/${ID}/attest`, contentType: 'application/jose' });
      const payload = JSON.parse(fromUtf8(decodeJws(attest!.body).payloadBytes));
      expect(payload).toMatchObject({
        consultationId: ID,
        monitor: { name: 'Trần Văn Giám', organisation: 'Ban Thanh tra nhân dân xã' },
        statement: 'verified',
      });
      expect(payload.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

      // The Front head's role is the only one here, already chosen: signing makes its key.
      expect(await page.getByRole('radio').count()).toBe(1);
      await expect(page.getByRole('radio', { name: /Trưởng ban công tác Mặt trận/ }).isChecked()).resolves.toBe(true);
      const signed = await press(page, /Ký số văn bản/, '#ms-status');
      const front = /: ([A-Za-z0-9_-]{43})$/.exec(signed)?.[1];
      expect(signed).toBe(`Đã ký số văn bản với vai trò Trưởng ban công tác Mặt trận: ${front}`);
      expect(front).not.toBe(monitor);
      await expect(page.locator('#ms-state-front_head').innerText()).resolves.toBe(`Đã ký số (khóa ${front})`);
      const [, record] = posts();
      expect({ path: record!.path, contentType: record!.contentType }).toEqual({
        path: `/monitors/c/${ID}/minutes/signatures`,
        contentType: 'application/jose',
      });
      await expect(verifyMinutesSignature(record!.body, MINUTES)).resolves.toMatchObject({ ok: true, role: 'front_head', kid: front, problems: [] });
      await expect(page.evaluate('__keysMade()')).resolves.toBe(4);
      await expect(violations(page)).resolves.toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
