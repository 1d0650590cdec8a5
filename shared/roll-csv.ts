/**
 * The household roll as CSV (api.md): header `id,hamlet,head,members,category`, RFC 4180 quoting, UTF-8 with or
 * without a byte-order mark, CRLF or LF. Every bad line is reported with its number and reason; nothing is
 * half-accepted.
 *
 * One extension of api.md: an optional sixth column `frontage_m`, the household's frontage on the road in metres
 * with at most one decimal (`12.5` or `12,5` quoted), for a contribution by metre of frontage. A roll without it is
 * read exactly as before; with it, a cell may stay empty where the basis does not need it.
 */
import { FrontageMetres } from './contributions.ts';
import { Household } from './schemas.ts';
import type { ErrorDetail } from './errors.ts';

const HEADER = ['id', 'hamlet', 'head', 'members', 'category'] as const;
const WITH_FRONTAGE = [...HEADER, 'frontage_m'] as const;

/** Splits CSV text into rows of fields, keeping the 1-based line number where each row starts. */
export function parseCsvRows(text: string): Array<{ line: number; fields: string[] }> {
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
    else if (ch === ',') {
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

/** Parses and validates a roll: the households, or one detail per bad line. */
export function parseRollCsv(text: string): { households: Household[]; errors: ErrorDetail[] } {
  const rows = parseCsvRows(text.normalize('NFC'));
  const errors: ErrorDetail[] = [];
  const households: Household[] = [];
  const header = rows.shift();
  const names = header?.fields.map((f) => f.trim().toLowerCase()).join(',');
  const columns = names === HEADER.join(',') ? HEADER.length : names === WITH_FRONTAGE.join(',') ? WITH_FRONTAGE.length : 0;
  if (!header || columns === 0) {
    return {
      households,
      errors: [{ path: 'header', line: header?.line ?? 1, message: `the first line must be ${HEADER.join(',')} (or ${WITH_FRONTAGE.join(',')})` }],
    };
  }
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== columns) {
      errors.push({ path: `line ${line}`, line, message: `expected ${columns} fields, found ${fields.length}` });
      continue;
    }
    const [id, hamlet, head, members, category, frontage = ''] = fields.map((f) => f.trim()) as [string, string, string, string, string, string?];
    const metres = frontage === '' ? undefined : FrontageMetres.safeParse(frontage);
    if (metres && !metres.success) {
      errors.push({ path: `line ${line}`, line, message: metres.error.issues.map((i) => i.message).join('; ') });
      continue;
    }
    const parsed = Household.safeParse({
      id,
      hamlet,
      head,
      members: /^\d+$/.test(members) ? Number(members) : members,
      category,
      ...(metres?.success ? { frontageDecimetres: metres.data } : {}),
    });
    if (!parsed.success) {
      // One detail per bad line, naming every bad field of it.
      const fieldsBad = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      errors.push({ path: `line ${line}`, line, message: fieldsBad.join('; ') });
      continue;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      errors.push({ path: `line ${line}.id`, line, message: `household id ${parsed.data.id} already on line ${first}` });
      continue;
    }
    seen.set(parsed.data.id, line);
    households.push(parsed.data);
  }
  return { households, errors };
}
