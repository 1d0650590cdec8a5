/**
 * The village head's phone, in real Chromium at 360 px: an Excel roll chosen with the file picker goes up, and the
 * preview of the households it made (long names, a 100-character hamlet, 32-character roll ids) fits the screen with
 * nothing scrolling sideways and no serious axe violation.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadConsultation } from '../support/system.ts';
import { launchChromium, phonePage, runAxe, type ServedSystem, serveSystem, sidewaysOverflow } from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than being skipped.
const browser = await launchChromium();

const HAMLET = 'Thôn Thượng Phước Nghĩa Hưng Đông Xuân Trường Khánh Thịnh Lộc Điền Phú Quý An Khương Tường Huyền Diệu'.slice(0, 100);
const HEAD = 'Nguyễn Thị Phương Huyền Trang Ngọc Diễm Quỳnh Hương Xuân Thảo Tường Vy Khánh Linh Bảo Ngọc';
const CATEGORIES = ['Thường', 'Nghèo', 'Cận nghèo', 'Chính sách'];

async function rollXlsx(n: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách hộ');
  sheet.addRow(['Mã hộ', 'Thôn, tổ', 'Chủ hộ', 'Số nhân khẩu', 'Diện']);
  for (let i = 1; i <= n; i++) {
    sheet.addRow([`THUONGPHUOCNGHIAHUNGDONGXUAN${String(i).padStart(4, '0')}`, i % 2 ? HAMLET : 'Thôn Đông', `${HEAD} ${i}`, (i % 9) + 1, CATEGORIES[i % 4]]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the roll from Excel on a 360 px phone', () => {
  let site: ServedSystem;
  let id = '';

  beforeAll(async () => {
    site = await serveSystem('roll-xlsx');
    const created = await site.api('POST', '/api/consultations', roadConsultation(), { token: await site.officialToken() });
    expect(created.status).toBe(201);
    id = created.json.id;
  });
  afterAll(async () => {
    await site?.close();
    await browser.close();
  });

  it('uploads an .xlsx chosen on the phone, then shows the households with their names, fitting the screen', async () => {
    const phone = await phonePage(browser);
    try {
      const { page } = phone;
      await page.goto(`${site.origin}/officials/c/${id}/roll`);
      await page.locator('#username').fill('official');
      await page.locator('#password').fill('pw-official');
      await page.getByRole('button', { name: /Đăng nhập/ }).click();
      await page.waitForURL((u) => u.pathname.startsWith('/officials'));
      if (new URL(page.url()).pathname !== `/officials/c/${id}/roll`) await page.goto(`${site.origin}/officials/c/${id}/roll`);
      expect(await page.locator('#file').getAttribute('accept')).toContain('.xlsx');

      await page
        .locator('#file')
        .setInputFiles({ name: 'danh-sach.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await rollXlsx(260) });
      await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
      await page.waitForLoadState('load');
      await expect(page.locator('#uploaded h2').innerText()).resolves.toContain('Đã tải lên 260 hộ');

      await page.locator('#preview-link').click();
      await page.waitForURL((u) => u.pathname === `/officials/c/${id}/roll/households`);
      await expect(page.locator('ol.households > li').count()).resolves.toBe(200);
      await expect(page.locator('#shown').innerText()).resolves.toContain('còn 60 hộ ở các trang sau');
      await expect(page.locator('ol.households').innerText()).resolves.toContain(`${HEAD} 1`);
      const { overflow, culprits } = await sidewaysOverflow(page);
      expect(culprits, 'wider than the screen').toEqual([]);
      expect(overflow).toBe(0);
      // The counts table is stacked: its rows are blocks, each number under its label.
      await expect(
        page
          .locator('table.by-hamlet tbody tr')
          .first()
          .evaluate((e) => getComputedStyle(e).display),
      ).resolves.toBe('block');
      const axe = await runAxe(page);
      expect(axe.serious).toEqual([]);

      await page
        .getByRole('link', { name: /Trang sau/ })
        .first()
        .click();
      await expect(page.locator('ol.households > li').count()).resolves.toBe(60);
      expect((await sidewaysOverflow(page)).overflow).toBe(0);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  }, 120_000);
});
