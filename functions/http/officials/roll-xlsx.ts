/**
 * The roll as an Excel workbook (.xlsx), read and written with exceljs. Reading turns the first visible worksheet
 * into the rows the CSV parser takes (shared/roll-csv.ts `readRollRows`): the header row, then each household's row
 * under the number Excel shows it with, every cell as text (numbers, text, rich text, a formula's result), empty
 * rows skipped. The validation and its per-line reasons are the CSV's own.
 *
 * exceljs is loaded with `import()` on the first workbook only, so the officials' function starts without it; the
 * API never imports this file.
 *
 * An upload is told apart by its bytes: a workbook is a ZIP ("PK\x03\x04") holding `xl/workbook.xml`; an old binary
 * .xls (or a workbook with a password) is an OLE2 compound file. Before exceljs unpacks anything, the ZIP's central
 * directory is read and a workbook that would unpack to more than `UNPACKED_MAX` bytes is refused.
 */
import type { CellValue, DataValidation, Workbook, Worksheet, XlsxReadOptions } from 'exceljs';

/** A problem of the whole file, in Vietnamese and in English. */
export interface SheetProblem {
  vi: string;
  en: string;
}

/** A row of the worksheet as the roll parser reads it: its number in Excel, its cells as text. */
export interface SheetRow {
  line: number;
  fields: string[];
}

/** What a 5 MiB upload may unpack to: a 50,000-household roll is some 10 MB of XML. */
export const UNPACKED_MAX = 200 * 1024 * 1024;
/** Rows and cells a row exceljs reads before it gives up (a roll has a few thousand rows of six cells). */
const MAX_ROWS = 100_000;
const MAX_COLS = 200;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** True for a ZIP file, which every .xlsx is. */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_MAGIC);
}

/** True for an OLE2 compound file: an Excel 97–2003 .xls, or an .xlsx saved with a password. */
export function isOle2(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE2_MAGIC);
}

export const OLD_EXCEL: SheetProblem = {
  vi: 'Tệp Excel dạng cũ (.xls) hoặc tệp có đặt mật khẩu: không đọc được. Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) kiểu Sổ làm việc Excel (.xlsx), không đặt mật khẩu, hoặc kiểu CSV UTF-8, rồi tải lên lại.',
  en: 'An old Excel file (.xls) or a file with a password cannot be read. Save it as an Excel Workbook (.xlsx) without a password, or as CSV UTF-8, and upload it again.',
};

export const NOT_A_WORKBOOK: SheetProblem = {
  vi: 'Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng. Hãy mở lại bằng Excel và lưu thành .xlsx, hoặc lưu thành CSV UTF-8.',
  en: 'The file is not an Excel workbook (.xlsx), or it is damaged. Open it in Excel and save it as .xlsx, or as CSV UTF-8.',
};

const TOO_LARGE: SheetProblem = {
  vi: 'Bảng tính quá lớn khi giải nén (quá 200 MB hoặc quá 100.000 dòng). Hãy chỉ để danh sách hộ trong trang tính đầu tiên.',
  en: 'The workbook is too large once unpacked (over 200 MB or 100,000 rows). Keep only the roll in the first sheet.',
};

const NO_SHEET: SheetProblem = {
  vi: 'Bảng tính không có trang tính nào có dữ liệu.',
  en: 'The workbook has no worksheet with data.',
};

/**
 * The names and unpacked sizes of a ZIP's entries, from its central directory; undefined if there is none to read
 * (not a ZIP, cut short, or ZIP64, which no roll needs).
 */
export function zipEntries(bytes: Uint8Array): Array<{ name: string; size: number }> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = u16(end + 10);
  let at = u32(end + 16);
  if (count === 0xffff || at === 0xffffffff) return undefined;
  const entries: Array<{ name: string; size: number }> = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return undefined;
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (size === 0xffffffff || next > bytes.length) return undefined;
    entries.push({ name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)), size });
    at = next;
  }
  return entries;
}

type ExcelModule = typeof import('exceljs');
let excel: Promise<ExcelModule> | undefined;

/** exceljs, imported on first use (a CommonJS package: its exports are the default export under Node's ESM). */
function loadExcel(): Promise<ExcelModule> {
  excel ??= import('exceljs').then((m: ExcelModule & { default?: ExcelModule }) => m.default ?? m);
  return excel;
}

/** A number as a person wrote it: no binary tail (0.1 + 0.2), zero-padded when the cell's format pads it ("000"). */
function numberText(n: number, numFmt: string | undefined): string {
  const text = Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
  if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(n) && n >= 0) return text.padStart(numFmt.length, '0');
  return text;
}

/** A cell's value as text, as it reads in the cell. */
export function cellText(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null, numFmt);
  if ('error' in value) return value.error;
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue, numFmt);
  return '';
}

/** The roll's sheet: the first visible worksheet with a cell in it, in the order of the tabs. */
function rollSheet(book: Workbook): Worksheet | undefined {
  const sheets = book.worksheets.filter((s) => s.actualRowCount > 0);
  return sheets.find((s) => s.state === undefined || s.state === 'visible') ?? sheets[0];
}

/**
 * Reads an .xlsx upload into the roll parser's rows: the header row (the first row with a cell), then every other
 * row that has one, each under its number in Excel and as wide as the header (a longer row keeps its extra cells,
 * so that the parser names it). Or why the file cannot be read.
 */
export async function readRollXlsx(bytes: Uint8Array): Promise<{ rows: SheetRow[] } | { problem: SheetProblem }> {
  if (isOle2(bytes)) return { problem: OLD_EXCEL };
  if (!isZip(bytes)) return { problem: NOT_A_WORKBOOK };
  const entries = zipEntries(bytes);
  if (!entries?.some((e) => e.name === 'xl/workbook.xml')) return { problem: NOT_A_WORKBOOK };
  if (entries.reduce((sum, e) => sum + e.size, 0) > UNPACKED_MAX) return { problem: TOO_LARGE };
  const { Workbook } = await loadExcel();
  const book = new Workbook();
  try {
    // Only the cells and their merges matter; a whole-column list or format would otherwise be read cell by cell.
    // maxRows and maxCols are read by exceljs's worksheet parser, though its types name only ignoreNodes.
    const options: XlsxReadOptions & { maxRows: number; maxCols: number } = {
      maxRows: MAX_ROWS,
      maxCols: MAX_COLS,
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'drawing', 'legacyDrawing', 'tableParts', 'picture', 'extLst'],
    };
    await book.xlsx.load(new Uint8Array(bytes).buffer, options);
  } catch (err) {
    return { problem: err instanceof Error && /^Max \w+ count/.test(err.message) ? TOO_LARGE : NOT_A_WORKBOOK };
  }
  const sheet = rollSheet(book);
  if (!sheet) return { problem: NO_SHEET };
  const raw: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const fields: string[] = [];
    for (let col = 1; col <= row.cellCount; col++) {
      const cell = row.getCell(col);
      fields.push(cellText(cell.value, cell.numFmt).trim());
    }
    if (fields.some((f) => f !== '')) raw.push({ line: number, fields });
  });
  const header = raw[0];
  if (!header) return { problem: NO_SHEET };
  const first = header.fields.findIndex((f) => f !== '');
  let width = header.fields.length;
  while (width > first + 1 && header.fields[width - 1] === '') width--;
  return {
    rows: raw.map(({ line, fields }) => {
      // Columns left of the header are dropped when empty; a value there is an extra field, so the row is refused.
      const before = fields.slice(0, first).filter((f) => f !== '');
      const cells = fields.slice(first);
      while (cells.length > width - first && cells[cells.length - 1] === '') cells.pop();
      while (cells.length < width - first) cells.push('');
      return { line, fields: [...before, ...cells] };
    }),
  };
}

/** The template's columns: the header, the two made-up households of the CSV template, each column's width. */
const TEMPLATE_COLUMNS = [
  { header: 'Mã hộ', width: 12, rows: ['TD-001', 'TD-002'] },
  { header: 'Thôn, tổ', width: 18, rows: ['Thôn Đông', 'Thôn Đông'] },
  { header: 'Chủ hộ', width: 24, rows: ['Nguyễn Văn An', 'Trần Thị Bình'] },
  { header: 'Số nhân khẩu', width: 14, rows: [4, 3] },
  { header: 'Diện', width: 16, rows: ['Thường', 'Cận nghèo'] },
  { header: 'Mặt tiền (m)', width: 14, rows: [12.5, null] },
] as const;

const CATEGORY_LIST = ['Thường', 'Nghèo', 'Cận nghèo', 'Chính sách'];
/** Rows under the header where Diện is chosen from the list: room for a 5,000-household roll. */
const TEMPLATE_ROWS = 5000;

/** What each column holds, on the template's second sheet. */
const TEMPLATE_GUIDE: ReadonlyArray<readonly [string, string]> = [
  ['Mã hộ', 'Mã riêng của mỗi hộ, không trùng nhau: chữ không dấu, chữ số và . _ -, tối đa 32 ký tự (ví dụ TD-001).'],
  ['Thôn, tổ', 'Tên thôn hoặc tổ dân phố của hộ.'],
  ['Chủ hộ', 'Họ và tên chủ hộ. Tên chỉ cán bộ xã xem được, không bao giờ được công bố.'],
  ['Số nhân khẩu', 'Số người trong hộ: số nguyên từ 1 đến 100.'],
  [
    'Diện',
    'Một trong bốn diện: Thường (hộ thường), Nghèo (hộ nghèo), Cận nghèo (hộ cận nghèo), Chính sách (gia đình chính sách). Chọn trong danh sách của ô, hoa thường và dấu không quan trọng.',
  ],
  ['Mặt tiền (m)', 'Chỉ cần khi đóng góp tính theo mét mặt tiền: số mét, nhiều nhất một chữ số thập phân (ví dụ 12,5). Không cần thì để trống hoặc xoá cột.'],
  ['', 'Dữ liệu đặt ở trang tính đầu tiên, dòng 1 là tiêu đề cột. Xoá hai hộ ví dụ trước khi điền danh sách thật. Danh sách mới thay thế danh sách cũ.'],
];

/** A fixed date for the template's properties, so that the same template is the same bytes. */
const TEMPLATE_DATE = new Date(Date.UTC(2026, 0, 1));

let template: Promise<Uint8Array> | undefined;

/**
 * The roll template as a workbook: the CSV template's Vietnamese headers and two households on the first sheet
 * (Mã hộ kept as text, Diện chosen from a list), and a second sheet that explains each column.
 */
export function rollTemplateXlsx(): Promise<Uint8Array> {
  template ??= (async () => {
    const { Workbook } = await loadExcel();
    const book = new Workbook();
    book.creator = 'Dân bàn';
    book.created = TEMPLATE_DATE;
    book.modified = TEMPLATE_DATE;
    const sheet = book.addWorksheet('Danh sách hộ', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    sheet.getColumn(1).numFmt = '@';
    for (let r = 0; r < 2; r++) sheet.addRow(TEMPLATE_COLUMNS.map((c) => c.rows[r] ?? null));
    sheet.getRow(1).font = { bold: true };
    sheet.getCell('E1').note = 'Diện: Thường, Nghèo, Cận nghèo hoặc Chính sách';
    // One list for the whole column as a range (exceljs writes a range key as it is; its types do not name it).
    const validations = (sheet as Worksheet & { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations;
    validations.add(`E2:E${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${CATEGORY_LIST.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Diện không hợp lệ',
      error: 'Chọn Thường, Nghèo, Cận nghèo hoặc Chính sách.',
    });
    const guide = book.addWorksheet('Hướng dẫn');
    guide.columns = [
      { header: 'Cột', width: 16 },
      { header: 'Cách điền', width: 90 },
    ];
    guide.getRow(1).font = { bold: true };
    for (const row of TEMPLATE_GUIDE) guide.addRow([...row]).alignment = { wrapText: true, vertical: 'top' };
    return new Uint8Array(await book.xlsx.writeBuffer());
  })();
  template.catch(() => {
    template = undefined;
  });
  return template;
}
