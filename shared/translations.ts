/**
 * A round's second language, in the commune's own words (Decree 61/2023 Art. 6(5): community rules may be translated
 * into a minority language; the system never machine-translates). An official uploads a file, JSON (`translation/1`)
 * or CSV (`khóa,nội dung` rows), giving the translated title, description, each question's text and each option's
 * label, and optionally the notices' texts. Strict: every field must match the round (question and option ids, none
 * missing, none extra); text is NFC. What is published is the JCS of the checked translation, questions and options
 * in the round's order. Pure: the same code checks a file in the API and in a verifier.
 *
 * @example
 * const read = readTranslation(bytes, consultation);
 * if ('errors' in read) show(read.errors); else publish(jcsBytes(read.translation));
 */
import * as z from 'zod';
import { fromUtf8 } from './bytes.ts';
import type { ErrorDetail } from './errors.ts';
import { fieldWords, type IssueLike, problemWords } from './issue-words.ts';
import { parseCsvRows } from './roll-csv.ts';
import { type Consultation, Slug, Ulid } from './schemas.ts';

export const TRANSLATION_FORMAT = 'translation/1';
/** The canonical file at most (the audit event carries it whole; a DynamoDB item holds at most 400 KB). */
export const TRANSLATION_MAX_BYTES = 256 * 1024;
/** A notice's translation at most: it is sent after the Vietnamese, and both must fit one message (notifier.ts). */
export const NOTICE_TRANSLATION_MAX_CHARS = 340;

/** The notices a round sends that a commune may translate (the kinds of functions/core/notifier.ts). */
export const TRANSLATED_NOTICES = [
  'meeting_invitation',
  'documents_link',
  'household_ballot_notice',
  'voting_opened',
  'reminder_not_voted',
  'result',
  'election_notice',
] as const;
export type TranslatedNotice = (typeof TRANSLATED_NOTICES)[number];

const NOTICE_VI: Record<TranslatedNotice, string> = {
  meeting_invitation: 'mời họp',
  documents_link: 'tài liệu',
  household_ballot_notice: 'phát phiếu lấy ý kiến',
  voting_opened: 'mở biểu quyết',
  reminder_not_voted: 'nhắc hộ chưa biểu quyết',
  result: 'kết quả',
  election_notice: 'bầu trưởng thôn',
};

const isControl = (code: number) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => ![...s].some((ch) => isControl(ch.charCodeAt(0))), 'control characters are not allowed');

/** BCP 47 case: language lower, script title, region upper (`hmn`, `km-KH`, `zh-Hant`). */
function bcp47Case(tag: string): string {
  return tag
    .split('-')
    .map((part, i) =>
      i === 0
        ? part.toLowerCase()
        : part.length === 4
          ? part[0]!.toUpperCase() + part.slice(1).toLowerCase()
          : part.length === 2
            ? part.toUpperCase()
            : part.toLowerCase(),
    )
    .join('-');
}

/**
 * A BCP 47 language tag (language, then script, region or variant subtags). Vietnamese is the first language and
 * English the system's own second, so neither is a commune's translation.
 */
export const LanguageTag = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag (km, hmn, tay, ede)')
  .transform(bcp47Case)
  .refine((tag) => !/^(vi|en)(-|$)/.test(tag), 'Vietnamese and English are the system’s own; name another language');

export const TranslatedOption = z.strictObject({ id: Slug, label: Text(500) });
export const TranslatedQuestion = z.strictObject({ id: Slug, text: Text(2000), options: z.array(TranslatedOption).max(50).default([]) });

/** The file an official uploads, and (in canonical order, as JCS) the file published at `c/<id>/translations/<tag>.json`. */
export const Translation = z.strictObject({
  format: z.literal(TRANSLATION_FORMAT),
  consultationId: Ulid,
  /** The language's tag and its name as the commune writes it ("Tiếng Khmer", "Lus Hmoob"). */
  language: z.strictObject({ tag: LanguageTag, name: Text(100) }),
  title: Text(300),
  description: Text(20_000),
  questions: z.array(TranslatedQuestion).min(1).max(20),
  notices: z.partialRecord(z.enum(TRANSLATED_NOTICES), Text(NOTICE_TRANSLATION_MAX_CHARS)).optional(),
});
export type Translation = z.infer<typeof Translation>;

/** A translation as the pages show it: the text, and where its file is published with its hash. */
export interface SuppliedTranslation {
  translation: Translation;
  /** Relative to `c/<id>/`: `translations/<tag>.json`. */
  file: string;
  sha256: string;
}

/** Where a translation is published, relative to `c/<id>/`. */
export const translationFile = (tag: string) => `translations/${tag}.json`;

/** The translated text of a question, if any. */
export const translatedQuestion = (t: Translation | undefined, questionId: string): string | undefined => t?.questions.find((q) => q.id === questionId)?.text;

/** The translated label of an option, if any. */
export const translatedOption = (t: Translation | undefined, questionId: string, optionId: string): string | undefined =>
  t?.questions.find((q) => q.id === questionId)?.options.find((o) => o.id === optionId)?.label;

/** Every string of a value in NFC (keys too), so that what is checked, hashed and shown is one spelling. */
function nfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v)]));
  return value;
}

/** A translation's field in Vietnamese, by its path in the JSON file. */
export function translationFieldWords(path: string): string {
  if (path === 'format') return 'Định dạng';
  if (path === 'consultationId') return 'Mã vòng biểu quyết';
  if (path === 'language') return 'Ngôn ngữ';
  if (path === 'language.tag') return 'Mã ngôn ngữ';
  if (path === 'language.name') return 'Tên ngôn ngữ';
  const notice = /^notices(?:\.(\w+))?/.exec(path);
  if (notice) return notice[1] && notice[1] in NOTICE_VI ? `Thông báo “${NOTICE_VI[notice[1] as TranslatedNotice]}”` : 'Thông báo';
  if (path === 'file' || path === '(body)') return 'Tệp';
  return fieldWords(path);
}

/** A detail of the api.md error shape, its `vi` the field and the problem in Vietnamese. */
const detailAt = (path: string, message: string, problemVi: string, line?: number): ErrorDetail => {
  const vi = path === 'file' ? problemVi : `${translationFieldWords(path)}: ${problemVi}`;
  return line === undefined ? { path, message, vi: path === 'file' ? `Tệp: ${vi}` : vi } : { path, message, line, vi: `Dòng ${line}: ${vi}` };
};

function issueProblem(issue: z.core.$ZodIssue, path: string): string {
  if (issue.code === 'custom' && path === 'language.tag') return 'tiếng Việt và tiếng Anh đã có sẵn; hãy ghi mã của ngôn ngữ khác (km, hmn, tay, ede)';
  if (issue.code === 'invalid_format' && path === 'language.tag') return 'không phải mã ngôn ngữ BCP 47 (ví dụ km, hmn, tay, ede)';
  if (issue.code === 'invalid_value' && path === 'format') return `phải là "${TRANSLATION_FORMAT}"`;
  if (issue.code === 'custom' && /control/.test(issue.message)) return 'có ký tự điều khiển';
  return problemWords({ ...issue, code: issue.code } as IssueLike);
}

/**
 * What does not match the round: the round's id, each of its questions translated once (none missing, none unknown),
 * and for each question exactly its options (a yes/no question has none). Paths are the file's.
 */
export function matchProblems(t: Translation, c: Pick<Consultation, 'id' | 'questions'>, lines?: ReadonlyMap<string, number>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const detail = (path: string, message: string, problemVi: string) => detailAt(path, message, problemVi, lineOf(lines, path));
  if (t.consultationId !== c.id)
    problems.push(
      detail('consultationId', `this file is for round ${t.consultationId}, not ${c.id}`, `tệp này dành cho vòng ${t.consultationId}, không phải vòng ${c.id}`),
    );
  const seen = new Set<string>();
  for (const [i, tq] of t.questions.entries()) {
    const q = c.questions.find((x) => x.id === tq.id);
    if (!q) {
      problems.push(detail(`questions.${i}.id`, `the round has no question ${tq.id}`, `vòng biểu quyết không có câu hỏi “${tq.id}”`));
      continue;
    }
    if (seen.has(tq.id)) {
      problems.push(detail(`questions.${i}.id`, `question ${tq.id} is translated twice`, `câu hỏi “${tq.id}” được dịch hai lần`));
      continue;
    }
    seen.add(tq.id);
    const optionsSeen = new Set<string>();
    tq.options.forEach((o, j) => {
      const path = `questions.${i}.options.${j}.id`;
      if (!q.options.some((x) => x.id === o.id))
        problems.push(
          q.type === 'yes_no'
            ? detail(path, `question ${q.id} is yes/no: it has no options`, `câu hỏi “${q.id}” là câu đồng ý/không đồng ý, không có phương án`)
            : detail(path, `question ${q.id} has no option ${o.id}`, `câu hỏi “${q.id}” không có phương án “${o.id}”`),
        );
      else if (optionsSeen.has(o.id)) problems.push(detail(path, `option ${o.id} is translated twice`, `phương án “${o.id}” được dịch hai lần`));
      optionsSeen.add(o.id);
    });
    for (const o of q.options)
      if (!optionsSeen.has(o.id))
        problems.push(
          detail(`questions.${i}.options`, `option ${o.id} of question ${q.id} is missing`, `thiếu bản dịch phương án “${o.id}” của câu hỏi “${q.id}”`),
        );
  }
  for (const q of c.questions) if (!seen.has(q.id)) problems.push(detail('questions', `question ${q.id} is missing`, `thiếu bản dịch câu hỏi “${q.id}”`));
  return problems;
}

/** The translation in the round's order (questions, then each question's options): one file for one translation. */
export function canonicalTranslation(t: Translation, c: Pick<Consultation, 'questions'>): Translation {
  const questions = c.questions.map((q) => {
    const tq = t.questions.find((x) => x.id === q.id)!;
    return { id: q.id, text: tq.text, options: q.options.map((o) => ({ id: o.id, label: tq.options.find((x) => x.id === o.id)!.label })) };
  });
  const { notices, ...rest } = t;
  return { ...rest, questions, ...(notices && Object.keys(notices).length > 0 ? { notices } : {}) };
}

/** The header of a CSV translation: `khóa,nội dung` (or `key,text`). */
const CSV_HEADERS = [
  ['khóa', 'nội dung'],
  ['key', 'text'],
];

/** A CSV file read into the JSON file's shape, with the line each path came from. */
export function csvToTranslationInput(text: string): { input: Record<string, unknown>; lines: Map<string, number>; errors: ErrorDetail[] } {
  const rows = parseCsvRows(text);
  const errors: ErrorDetail[] = [];
  const lines = new Map<string, number>();
  const input: Record<string, unknown> = { format: TRANSLATION_FORMAT };
  const language: Record<string, unknown> = {};
  const questions: Array<{ id: string; text?: string; options: Array<{ id: string; label: string }> }> = [];
  const notices: Record<string, string> = {};
  const header = rows[0]?.fields.map((f) => f.normalize('NFC').trim().toLowerCase());
  if (!header || !CSV_HEADERS.some((h) => h[0] === header[0] && h[1] === header[1])) {
    errors.push(detailAt('file', 'the first line must be the header "khóa,nội dung" (or "key,text")', 'dòng đầu phải là tiêu đề cột “khóa,nội dung”', 1));
    return { input, lines, errors };
  }
  const keyLine = new Map<string, number>();
  const question = (id: string) => {
    const q = questions.find((x) => x.id === id);
    if (q) return { q, i: questions.indexOf(q) };
    const added = { id, options: [] };
    questions.push(added);
    return { q: added as (typeof questions)[number], i: questions.length - 1 };
  };
  for (const { line, fields } of rows.slice(1)) {
    const key = (fields[0] ?? '').normalize('NFC').trim();
    const value = fields[1] ?? '';
    if (fields.length !== 2) {
      errors.push(
        detailAt('file', `line ${line} must have 2 fields (key, text), not ${fields.length}`, `cần đúng 2 cột (khóa, nội dung), có ${fields.length}`, line),
      );
      continue;
    }
    if (keyLine.has(key)) {
      errors.push(detailAt('file', `key ${key} is given twice (line ${keyLine.get(key)})`, `khóa “${key}” đã có ở dòng ${keyLine.get(key)}`, line));
      continue;
    }
    keyLine.set(key, line);
    const [kind, a, b, extra] = key.split('.');
    if (key === 'format' || key === 'consultationId' || key === 'title' || key === 'description') {
      input[key] = value;
      lines.set(key, line);
    } else if (kind === 'language' && (a === 'tag' || a === 'name') && b === undefined) {
      language[a] = value;
      lines.set(key, line);
    } else if (kind === 'question' && a && b === undefined) {
      const { q, i } = question(a);
      q.text = value;
      lines.set(`questions.${i}`, line);
    } else if (kind === 'option' && a && b && extra === undefined) {
      const { q, i } = question(a);
      q.options.push({ id: b, label: value });
      lines.set(`questions.${i}.options.${q.options.length - 1}`, line);
      if (!lines.has(`questions.${i}`)) lines.set(`questions.${i}`, line);
    } else if (kind === 'notice' && a && b === undefined) {
      notices[a] = value;
      lines.set(`notices.${a}`, line);
    } else {
      errors.push(
        detailAt(
          'file',
          `unknown key ${key}: use format, consultationId, language.tag, language.name, title, description, question.<id>, option.<question id>.<option id>, notice.<kind>`,
          `không có khóa “${key}” (dùng language.tag, language.name, title, description, question.<mã câu>, option.<mã câu>.<mã phương án>, notice.<loại>)`,
          line,
        ),
      );
    }
  }
  if (Object.keys(language).length > 0) input.language = language;
  input.questions = questions;
  if (Object.keys(notices).length > 0) input.notices = notices;
  return { input, lines, errors };
}

/** The line a path of the JSON shape came from in a CSV file: its own, or the nearest enclosing path's. */
function lineOf(lines: ReadonlyMap<string, number> | undefined, path: string): number | undefined {
  if (!lines) return undefined;
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const line = lines.get(p);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** Checks the JSON shape (already NFC) against the schema and the round: the translation, or every problem. */
export function checkTranslation(
  value: unknown,
  c: Pick<Consultation, 'id' | 'questions'>,
  lines?: ReadonlyMap<string, number>,
): { translation: Translation } | { errors: ErrorDetail[] } {
  const parsed = Translation.safeParse(value);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => {
        const path = issue.path.map(String).join('.') || '(body)';
        return detailAt(path, issue.message, issueProblem(issue, path), lineOf(lines, path));
      }),
    };
  }
  const problems = matchProblems(parsed.data, c, lines);
  if (problems.length > 0) return { errors: problems };
  return { translation: canonicalTranslation(parsed.data, c) };
}

/**
 * Reads an uploaded file (JSON when it starts with `{`, else CSV), NFC, and checks it against the round: the
 * canonical translation, or every problem in the api.md detail shape (a CSV's with their line, `Dòng N`).
 */
export function readTranslation(bytes: Uint8Array, c: Pick<Consultation, 'id' | 'questions'>): { translation: Translation } | { errors: ErrorDetail[] } {
  let text: string;
  try {
    text = fromUtf8(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { errors: [detailAt('file', 'the file is not UTF-8 text', 'không phải văn bản UTF-8')] };
  }
  if (text.trim() === '') return { errors: [detailAt('file', 'the file is empty', 'tệp rỗng')] };
  if (text.trimStart().startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { errors: [detailAt('file', `malformed JSON: ${(e as Error).message}`, 'không đọc được JSON (kiểm tra dấu ngoặc, dấu phẩy và dấu nháy)')] };
    }
    return checkTranslation(nfc(value), c);
  }
  const csv = csvToTranslationInput(text);
  if (csv.errors.length > 0) return { errors: csv.errors };
  return checkTranslation(nfc(csv.input), c, csv.lines);
}
