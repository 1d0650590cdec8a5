/**
 * The open-data page in real Chromium on a 360 px wide phone: reached from the home page's link, no serious or
 * critical axe-core violation, no error in the browser, nothing scrolling sideways (every example opened), and each
 * schema link answering with the schema the page names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OPEN_DATA_FILES } from '../../shared/open-data/catalogue.ts';
import { launchChromium, phonePage, reportMinor, runAxe, serveSystem, sidewaysOverflow, type ServedSystem } from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than being skipped.
const browser = await launchChromium();

describe('the open-data page on a 360 px wide phone', () => {
  let site: ServedSystem;
  let page: Page;
  let errors: string[];
  let closePage: () => Promise<void>;

  beforeAll(async () => {
    site = await serveSystem('open-data');
    ({ page, errors, close: closePage } = await phonePage(browser));
    await page.goto(`${site.origin}/`);
    await page.locator('a[href="open-data.html"]').first().click();
    await page.waitForURL(`${site.origin}/open-data.html`);
  });
  afterAll(async () => {
    await closePage?.();
    await browser.close();
    await site?.close();
  });

  it('is reached from the home page and says what it is, Vietnamese first', async () => {
    await expect(page.locator('h1').innerText()).resolves.toBe('Dữ liệu mở');
    await expect(page.locator('main section h2').count()).resolves.toBe(OPEN_DATA_FILES.length);
  });

  it('has no serious or critical axe-core violation and logs no error', async () => {
    const { serious, other, passed } = await runAxe(page);
    reportMinor('open-data page', other);
    expect(passed).toBeGreaterThan(10);
    expect(serious).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('fits a 360 px screen with every example opened', async () => {
    await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
    const { overflow, culprits } = await sidewaysOverflow(page);
    expect(culprits, 'wider than the screen').toEqual([]);
    expect(overflow).toBe(0);
  });

  it('links each file to its schema, served as JSON with the $id of its link', async () => {
    const hrefs = await page.locator('a[href^="schemas/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(OPEN_DATA_FILES.map((f) => `schemas/${f.name}.schema.json`));
    for (const href of hrefs) {
      const res = await page.request.get(`${site.origin}/${href}`);
      expect(res.status(), href!).toBe(200);
      expect((await res.json()).$id).toBe(`/${href}`);
    }
  });
});
