/**
 * The workbook reader of the roll, without a store: each kind of cell as text, the rows as Excel numbers them, the
 * sheet it reads, and the refusals before exceljs unpacks anything.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, isOle2, isZip, readRollXlsx, rollTemplateXlsx, UNPACKED_MAX, zipEntries } from '../../../../functions/http/officials/roll-xlsx.ts';
import { readRollRows } from '../../../../shared/roll-csv.ts';

async function bytesOf(book: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a cell as text', () => {
  it('reads numbers, text, rich text, formulas, links, errors and dates as they read in the cell', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(4)).toBe('4');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(7, '000')).toBe('007');
    expect(cellText(7, '0.0')).toBe('7');
    expect(cellText('Thôn Đông')).toBe('Thôn Đông');
    expect(cellText({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn An', font: { bold: true } }] })).toBe('Nguyễn Văn An');
    expect(cellText({ formula: 'B2+1', result: 5 })).toBe('5');
    expect(cellText({ sharedFormula: 'D2', result: 'Nghèo' })).toBe('Nghèo');
    expect(cellText({ formula: 'X1' })).toBe('');
    expect(cellText({ text: 'TD-01', hyperlink: 'https://example.org/' })).toBe('TD-01');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(new Date(Date.UTC(2026, 11, 6)))).toBe('2026-12-06');
    expect(cellText(true)).toBe('TRUE');
  });
});

describe('reading a workbook into the roll parser’s rows', () => {
  it('reads the first visible sheet, from the header’s first column, rows as Excel numbers them, merged hamlets filled', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cũ', { state: 'hidden' }).getCell('A1').value = 'không đọc';
    const sheet = book.addWorksheet('Danh sách');
    sheet.getRow(3).values = [null, null, 'Mã hộ', 'Thôn', 'Chủ hộ', 'Số nhân khẩu', 'Diện'];
    sheet.getRow(4).values = [null, null, 'A-1', 'Thôn Đông', 'Lê Văn A', 3, 'Nghèo'];
    sheet.getRow(5).values = [null, null, 'A-2', null, 'Lê Văn B', 2, 'Thường'];
    sheet.mergeCells('D4:D5');
    sheet.getRow(7).values = [null, null, 'A-3', 'Thôn Tây', 'Lê Văn C', 1, 'Chính sách'];
    sheet.getCell('H3').value = '';
    const read = await readRollXlsx(await bytesOf(book));
    expect('rows' in read && read.rows).toEqual([
      { line: 3, fields: ['Mã hộ', 'Thôn', 'Chủ hộ', 'Số nhân khẩu', 'Diện'] },
      { line: 4, fields: ['A-1', 'Thôn Đông', 'Lê Văn A', '3', 'Nghèo'] },
      { line: 5, fields: ['A-2', 'Thôn Đông', 'Lê Văn B', '2', 'Thường'] },
      { line: 7, fields: ['A-3', 'Thôn Tây', 'Lê Văn C', '1', 'Chính sách'] },
    ]);
    const parsed = readRollRows('rows' in read ? read.rows : []);
    expect(parsed.problems).toEqual([]);
    expect(parsed.households.map((h) => h.category)).toEqual(['poor', 'standard', 'policy']);
  });

  it('keeps a value outside the header’s columns, so that the parser refuses its row by number', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.getRow(1).values = [null, null, 'Mã hộ', 'Thôn', 'Chủ hộ', 'Số nhân khẩu', 'Diện'];
    sheet.getRow(2).values = [null, 'ghi chú', 'A-1', 'Thôn Đông', 'Lê Văn A', 3, 'Nghèo'];
    sheet.getRow(3).values = [null, null, 'A-2', 'Thôn Đông', 'Lê Văn B', 3, 'Nghèo', 'thừa'];
    sheet.getRow(4).values = [null, null, 'A-3', 'Thôn Đông', 'Lê Văn C', 3];
    const read = await readRollXlsx(await bytesOf(book));
    const { problems } = readRollRows('rows' in read ? read.rows : []);
    expect(problems.map((p) => [p.line, p.vi])).toEqual([
      [2, 'cần 5 cột, dòng này có 6'],
      [3, 'cần 5 cột, dòng này có 6'],
      [4, 'diện phải là thường, nghèo, cận nghèo hoặc chính sách'],
    ]);
  });

  it('tells a workbook by its bytes, and refuses an old .xls, a ZIP without a workbook, an empty sheet and a bomb', async () => {
    const template = await rollTemplateXlsx();
    expect(isZip(template)).toBe(true);
    expect(isOle2(template)).toBe(false);
    const names = zipEntries(template)!.map((e) => e.name);
    expect(names).toContain('xl/workbook.xml');
    expect(names).toContain('xl/worksheets/sheet2.xml');

    const ole2 = new Uint8Array(512);
    ole2.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(isOle2(ole2)).toBe(true);
    const old = await readRollXlsx(ole2);
    expect('problem' in old && old.problem.vi).toMatch(/^Tệp Excel dạng cũ \(\.xls\)/);

    const text = await readRollXlsx(new TextEncoder().encode('Mã hộ,Thôn\n'));
    expect('problem' in text && text.problem.vi).toMatch(/^Tệp không phải bảng tính Excel/);

    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Trống');
    const none = await readRollXlsx(await bytesOf(empty));
    expect('problem' in none && none.problem.vi).toBe('Bảng tính không có trang tính nào có dữ liệu.');

    // The central directory promises more than a roll can unpack to: refused before anything is inflated.
    const bomb = template.slice();
    const view = new DataView(bomb.buffer);
    let end = bomb.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    const cd = view.getUint32(end + 16, true);
    expect(view.getUint32(cd, true)).toBe(0x02014b50);
    view.setUint32(cd + 24, UNPACKED_MAX + 1, true);
    const big = await readRollXlsx(bomb);
    expect('problem' in big && big.problem.vi).toMatch(/^Bảng tính quá lớn khi giải nén/);
  });

  it('builds the template once, and it reads back as the CSV template’s two households', async () => {
    const first = await rollTemplateXlsx();
    expect(await rollTemplateXlsx()).toBe(first);
    const read = await readRollXlsx(first);
    const { households, problems } = readRollRows('rows' in read ? read.rows : []);
    expect(problems).toEqual([]);
    expect(households.map((h) => [h.id, h.head, h.members, h.category, h.frontageDecimetres])).toEqual([
      ['TD-001', 'Nguyễn Văn An', 4, 'standard', 125],
      ['TD-002', 'Trần Thị Bình', 3, 'near_poor', undefined],
    ]);
  });
});
