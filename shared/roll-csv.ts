/**
 * The household roll as CSV (api.md): header `id,hamlet,head,members,category`, RFC 4180 quoting, UTF-8 with or
 * without a byte-order mark, CRLF or LF. Every bad line is reported with its number and reason; nothing is
 * half-accepted.
 *
 * One extension of api.md: an optional sixth column `frontage_m`, the household's frontage on the road in metres
 * with at most one decimal (`12.5` or `12,5` quoted), for a contribution by metre of frontage. A roll without it is
 * read exactly as before; with it, a cell may stay empty where the basis does not need it.
 *
 * The roll a commune already keeps is read as well: Vietnamese headers (`mã hộ`, `thôn`, `chủ hộ`, `số nhân khẩu`,
 * `diện`, `mặt tiền (m)`) in any order and without regard to case or diacritics, Vietnamese categories (`thường`,
 * `nghèo`, `cận nghèo`, `chính sách`), and `;` between fields, as Excel writes CSV with Vietnamese settings. Each
 * reason is given in Vietnamese first, then in English after ` / `.
 */
import { FrontageMetres } from './contributions.ts';
import { type Category, Household, RollId } from './schemas.ts';
import type { ErrorDetail } from './errors.ts';

type Column = 'id' | 'hamlet' | 'head' | 'members' | 'category' | 'frontage_m';
const HEADER = ['id', 'hamlet', 'head', 'members', 'category'] as const;
const WITH_FRONTAGE = [...HEADER, 'frontage_m'] as const;

/** Lower case, no diacritics (đ as d), single spaces: how headers and categories are compared. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every header name a column is known by, folded. */
const COLUMN_NAMES: Record<string, Column> = {
  id: 'id',
  'ma ho': 'id',
  hamlet: 'hamlet',
  thon: 'hamlet',
  to: 'hamlet',
  'thon, to': 'hamlet',
  'thon/to': 'hamlet',
  'thon / to': 'hamlet',
  head: 'head',
  'chu ho': 'head',
  members: 'members',
  'so nhan khau': 'members',
  category: 'category',
  dien: 'category',
  frontage_m: 'frontage_m',
  'mat tien (m)': 'frontage_m',
  'mat tien': 'frontage_m',
};

/** Every category value known, folded: the English of api.md and the Vietnamese a commune writes. */
const CATEGORY_NAMES: Record<string, Category> = {
  standard: 'standard',
  poor: 'poor',
  near_poor: 'near_poor',
  policy: 'policy',
  thuong: 'standard',
  'ho thuong': 'standard',
  ngheo: 'poor',
  'ho ngheo': 'poor',
  'can ngheo': 'near_poor',
  'ho can ngheo': 'near_poor',
  'chinh sach': 'policy',
  'gia dinh chinh sach': 'policy',
};

/** The Vietnamese name of each column, for the reasons. */
const COLUMN_VI: Record<Column, string> = {
  id: 'mã hộ',
  hamlet: 'thôn',
  head: 'chủ hộ',
  members: 'số nhân khẩu',
  category: 'diện',
  frontage_m: 'mặt tiền',
};

/** The delimiter of a file: `;` when its header line has more semicolons than commas outside quotes, else `,`. */
export function csvDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Splits CSV text into rows of fields, keeping the 1-based line number where each row starts. The delimiter is
 * read from the header line unless given.
 */
export function parseCsvRows(text: string, delimiter: ',' | ';' = csvDelimiter(text)): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/** A reason a roll is refused, in Vietnamese and in English, with the line it is on. */
export interface RollProblemDetail {
  path: string;
  line: number;
  vi: string;
  en: string;
}

/** Reads the header row: the column of each field, or undefined if it is not a roll's header. */
function columnsOf(fields: readonly string[]): Column[] | undefined {
  const columns = fields.map((f) => COLUMN_NAMES[fold(f)]);
  if (columns.some((c) => c === undefined)) return undefined;
  const known = columns as Column[];
  if (new Set(known).size !== known.length) return undefined;
  if (!HEADER.every((c) => known.includes(c))) return undefined;
  return known;
}

/** Control characters, as the schema refuses them: tabs and line breaks are text. */
function isControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** The reasons a text cell (hamlet or head) is refused, in both languages. */
function textProblems(column: 'hamlet' | 'head', value: string): Array<[string, string]> {
  const vi = COLUMN_VI[column];
  if (value === '') return [[`${vi} không được để trống`, `${column}: must not be empty`]];
  const out: Array<[string, string]> = [];
  if (value.length > 200) out.push([`${vi} dài quá 200 ký tự`, `${column}: at most 200 characters`]);
  if (isControl(value)) out.push([`${vi} có ký tự điều khiển, không được phép`, `${column}: control characters are not allowed`]);
  return out;
}

/**
 * Parses and validates a roll: the households, or one problem per bad line with its reason in Vietnamese and in
 * English (the officials' page shows them side by side).
 */
export function readRollCsv(text: string): { households: Household[]; problems: RollProblemDetail[] } {
  return readRollRows(parseCsvRows(text.normalize('NFC')));
}

/**
 * Validates a roll already split into rows (a header row, then one row a household), each with the line number it
 * is shown under: the CSV's line, or the row of a spreadsheet. The same reasons as `readRollCsv`.
 */
export function readRollRows(input: ReadonlyArray<{ line: number; fields: readonly string[] }>): {
  households: Household[];
  problems: RollProblemDetail[];
} {
  const rows = input.map(({ line, fields }) => ({ line, fields: fields.map((f) => f.normalize('NFC')) }));
  const problems: RollProblemDetail[] = [];
  const households: Household[] = [];
  const header = rows.shift();
  const columns = header ? columnsOf(header.fields) : undefined;
  if (!header || !columns) {
    return {
      households,
      problems: [
        {
          path: 'header',
          line: header?.line ?? 1,
          vi: 'dòng đầu phải là tiêu đề cột: mã hộ, thôn, chủ hộ, số nhân khẩu, diện (thêm mặt tiền (m) nếu cần), theo thứ tự bất kỳ',
          en: `the first line must be ${HEADER.join(',')} (or ${WITH_FRONTAGE.join(',')}), or the same in Vietnamese`,
        },
      ],
    };
  }
  const seen = new Map<string, number>();
  const bad = (line: number, reasons: Array<[string, string]>, path = `line ${line}`) =>
    problems.push({ path, line, vi: reasons.map(([vi]) => vi).join('; '), en: reasons.map(([, en]) => en).join('; ') });
  for (const { line, fields } of rows) {
    if (fields.length !== columns.length) {
      bad(line, [[`cần ${columns.length} cột, dòng này có ${fields.length}`, `expected ${columns.length} fields, found ${fields.length}`]]);
      continue;
    }
    const cell = Object.fromEntries(columns.map((c, i) => [c, fields[i]!.trim()])) as Record<Column, string | undefined>;
    const id = cell.id ?? '';
    const hamlet = cell.hamlet ?? '';
    const head = cell.head ?? '';
    const members = cell.members ?? '';
    const frontage = cell.frontage_m ?? '';
    const category = CATEGORY_NAMES[fold(cell.category ?? '')];
    const reasons: Array<[string, string]> = [];
    if (!RollId.safeParse(id).success)
      reasons.push(['mã hộ chỉ gồm chữ không dấu, chữ số và . _ -, tối đa 32 ký tự', 'id: letters, digits, . _ -, at most 32']);
    reasons.push(...textProblems('hamlet', hamlet), ...textProblems('head', head));
    const count = /^\d{1,3}$/.test(members) ? Number(members) : 0;
    if (count < 1 || count > 100) reasons.push(['số nhân khẩu phải là số nguyên từ 1 đến 100', 'members: a whole number from 1 to 100']);
    if (!category) reasons.push(['diện phải là thường, nghèo, cận nghèo hoặc chính sách', 'category: standard, poor, near_poor or policy']);
    const metres = frontage === '' ? undefined : FrontageMetres.safeParse(frontage);
    if (metres && !metres.success) {
      reasons.push(['mặt tiền phải là số mét, nhiều nhất một chữ số thập phân, ví dụ 12,5', 'frontage: metres with at most one decimal, e.g. 12.5']);
    }
    if (reasons.length > 0) {
      bad(line, reasons);
      continue;
    }
    const parsed = Household.safeParse({
      id,
      hamlet,
      head,
      members: count,
      category,
      ...(metres?.success ? { frontageDecimetres: metres.data } : {}),
    });
    if (!parsed.success) {
      // Checked above field by field; a rule added to the schema alone still refuses the line, naming its columns.
      const named = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))];
      bad(line, [[`không hợp lệ: ${named.map((n) => COLUMN_VI[n as Column] ?? n).join(', ')}`, `invalid: ${named.join(', ')}`]]);
      continue;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      bad(line, [[`mã hộ ${parsed.data.id} đã có ở dòng ${first}`, `household id ${parsed.data.id} already on line ${first}`]], `line ${line}.id`);
      continue;
    }
    seen.set(parsed.data.id, line);
    households.push(parsed.data);
  }
  return { households, problems };
}

/**
 * Parses and validates a roll: the households, or one detail per bad line (api.md's `details`), its message in
 * Vietnamese first, then in English after ` / `.
 *
 * @example
 * parseRollCsv('mã hộ;thôn;chủ hộ;số nhân khẩu;diện\nH-1;Thôn Đông;Nguyễn Văn A;0;nghèo\n').errors[0].message
 * // 'Dòng 2: số nhân khẩu phải là số nguyên từ 1 đến 100 / line 2: members: a whole number from 1 to 100'
 */
export function parseRollCsv(text: string): { households: Household[]; errors: ErrorDetail[] } {
  const { households, problems } = readRollCsv(text);
  return { households, errors: problems.map(({ path, line, vi, en }) => ({ path, line, message: rollMessage(line, vi, en) })) };
}

/** One bad line's message as the API gives it: `Dòng N: …` in Vietnamese, then ` / line N: …` in English. */
export function rollMessage(line: number, vi: string, en: string): string {
  return `Dòng ${line}: ${vi} / line ${line}: ${en}`;
}
