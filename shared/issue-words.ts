/**
 * A field's problem in plain Vietnamese: the field's name as the forms call it and what is wrong with it, from zod's
 * issue code (its own messages are English). The one place a validation failure is put in words for a page.
 */
import type * as z from 'zod';
import type { ErrorDetail } from './errors.ts';

/** The fields of the forms and the API, by the last name of their path. */
const FIELDS: Record<string, string> = {
  title: 'tiêu đề',
  titleEn: 'tiêu đề tiếng Anh',
  description: 'mô tả',
  descriptionEn: 'mô tả tiếng Anh',
  questions: 'câu hỏi',
  text: 'nội dung',
  textEn: 'nội dung tiếng Anh',
  options: 'phương án',
  type: 'loại',
  max: 'số phương án được chọn tối đa',
  rule: 'tỷ lệ thông qua',
  fraction: 'tỷ lệ',
  quorum: 'tỷ lệ có mặt',
  attendance: 'tỷ lệ có mặt',
  opensAt: 'thời điểm mở biểu quyết',
  closesAt: 'thời điểm kết thúc biểu quyết',
  members: 'thành viên',
  hamlet: 'thôn',
  hamlets: 'các thôn',
  reason: 'lý do',
  name: 'họ tên',
  organisation: 'cơ quan, tổ chức',
  role: 'vai trò',
  matter: 'nội dung quyết định',
  method: 'hình thức',
  scope: 'phạm vi',
  households: 'hộ',
  household: 'hộ',
  id: 'mã',
  rollId: 'mã hộ',
  rollIds: 'mã hộ',
  category: 'diện',
  file: 'tệp',
  serial: 'số phiếu',
  answers: 'câu trả lời',
  cluster: 'cụm',
  present: 'số hộ có mặt',
  parent: 'ý kiến được trả lời',
  date: 'ngày',
  day: 'ngày',
  at: 'thời điểm',
  place: 'địa điểm',
  sent: 'ngày gửi',
  agreed: 'số hộ đồng ý',
  amountPerUnit: 'mức đóng góp',
  totalCost: 'tổng kinh phí',
  stateBudget: 'ngân sách nhà nước',
  amount: 'số tiền',
  receipt: 'số biên lai',
  reference: 'số hiệu',
  page: 'trang',
  cursor: 'trang danh sách',
  follows: 'vòng trước',
  group: 'nhóm',
  exemptions: 'trường hợp miễn',
  contribution: 'đóng góp',
  statement: 'nội dung',
  decisionText: 'nội dung quyết định',
  effectiveDate: 'ngày có hiệu lực',
  witnesses: 'người chứng kiến',
  villageHead: 'trưởng thôn',
  frontHead: 'trưởng ban công tác Mặt trận',
  signature: 'chữ ký',
  authority: 'cơ quan cấp trên',
  unit: 'đơn vị',
  meeting: 'thời gian họp',
  from: 'giờ bắt đầu',
  to: 'giờ kết thúc',
  summary: 'tóm tắt',
  form: 'mẫu văn bản',
  spoiled: 'số phiếu không hợp lệ',
  username: 'tên đăng nhập',
  password: 'mật khẩu',
  code: 'mã',
  body: 'nội dung gửi lên',
  '(body)': 'nội dung gửi lên',
};

/** A path segment that names nothing a person typed (the wrapper of a query or a request). */
const SILENT = new Set(['query', 'consultation', 'input', 'values', 'c', 'letterhead', 'signers']);

const capital = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);

/**
 * The field of a detail's path in Vietnamese: each named part, an item of a list by its number from 1.
 * @example fieldWords('questions.0.options.2') // 'Câu hỏi 1, phương án 3'
 */
export function fieldWords(path: string): string {
  const parts: string[] = [];
  for (const segment of path.split('.')) {
    if (/^\d+$/.test(segment)) {
      const last = parts.length - 1;
      if (last >= 0) parts[last] = `${parts[last]} ${Number(segment) + 1}`;
      continue;
    }
    const named = FIELDS[segment];
    if (named) parts.push(named);
    else if (!SILENT.has(segment) && /^q\d+$/.test(segment)) parts.push(`câu hỏi ${segment.slice(1)}`);
  }
  return capital(parts.join(', ')) || 'Một mục';
}

/** Whether a text is Vietnamese (it has a letter only Vietnamese writes), so it may be shown as it is. */
export function isVietnamese(text: string): boolean {
  return /[đăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text.normalize('NFC'));
}

/** The parts of a zod issue that its words depend on (zod 4's issue, or one read back from its English message). */
export interface IssueLike {
  code: string;
  message: string;
  origin?: string | undefined;
  minimum?: number | bigint | undefined;
  maximum?: number | bigint | undefined;
  inclusive?: boolean | undefined;
  format?: string | undefined;
  expected?: string | undefined;
  divisor?: number | bigint | undefined;
}

function tooSmall(i: IssueLike): string {
  const n = Number(i.minimum ?? 0);
  const least = i.inclusive === false ? n + 1 : n;
  if (i.origin === 'string') return least <= 1 ? 'chưa điền' : `quá ngắn (phải có ít nhất ${least} ký tự)`;
  if (i.origin === 'array' || i.origin === 'set') return least <= 1 ? 'cần ít nhất một mục' : `cần ít nhất ${least} mục`;
  if (i.origin === 'date') return 'quá sớm';
  return i.inclusive === false ? `phải lớn hơn ${n}` : `phải từ ${n} trở lên`;
}

function tooBig(i: IssueLike): string {
  const n = Number(i.maximum ?? 0);
  const most = i.inclusive === false ? n - 1 : n;
  if (i.origin === 'string') return `quá dài (tối đa ${most} ký tự)`;
  if (i.origin === 'array' || i.origin === 'set') return `quá nhiều (tối đa ${most} mục)`;
  if (i.origin === 'date') return 'quá muộn';
  return i.inclusive === false ? `phải nhỏ hơn ${n}` : `không được quá ${n}`;
}

const FORMATS: Record<string, string> = {
  datetime: 'không phải một thời điểm hợp lệ',
  date: 'không phải một ngày hợp lệ',
  time: 'không phải một giờ hợp lệ',
  email: 'không phải một địa chỉ thư điện tử hợp lệ',
  url: 'không phải một địa chỉ hợp lệ',
  ulid: 'không phải một mã hợp lệ',
  uuid: 'không phải một mã hợp lệ',
};

/**
 * What is wrong, in Vietnamese, from the issue's code; a custom issue keeps its own message when that is Vietnamese.
 * @example problemWords({ code: 'too_small', origin: 'string', minimum: 10, message: '' }) // 'quá ngắn (phải có ít nhất 10 ký tự)'
 */
export function problemWords(issue: IssueLike): string {
  switch (issue.code) {
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_type':
      if (/received undefined|received null/.test(issue.message)) return 'chưa điền';
      if (issue.expected === 'number' || issue.expected === 'int' || issue.expected === 'bigint') return 'phải là một số';
      return 'không đúng dạng';
    case 'invalid_format':
      return FORMATS[issue.format ?? ''] ?? 'không đúng định dạng';
    case 'invalid_value':
      return 'không phải một lựa chọn hợp lệ';
    case 'not_multiple_of':
      return `phải là bội số của ${Number(issue.divisor ?? 1)}`;
    case 'unrecognized_keys':
      return 'có mục không được nhận';
    default:
      return isVietnamese(issue.message) ? issue.message.replace(/\.$/, '') : (plainWords(issue.message) ?? 'không hợp lệ');
  }
}

/** A field and its problem as one line: `Tiêu đề: chưa điền`. */
export function issueWords(path: string, issue: IssueLike): string {
  return `${fieldWords(path)}: ${problemWords(issue)}`;
}

/**
 * zod's issues as the `details` of an `invalid_request` (api.md), each with its Vietnamese words in `vi`; `path`
 * names the field (given, or the issue's own path under `prefix`).
 */
export function detailsOf(error: Pick<z.ZodError, 'issues'> | { issues: readonly Issued[] }, options: { prefix?: string; path?: string } = {}): ErrorDetail[] {
  return (error.issues as readonly Issued[]).map((i) => {
    const path = options.path ?? ([options.prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)');
    return { path, message: i.message, vi: issueWords(path, { ...i, code: i.code ?? 'custom' } as IssueLike) };
  });
}

/** An issue as zod gives it (or as a caller typed it loosely). */
type Issued = { path: readonly PropertyKey[]; message: string; code?: string };

/** zod's English messages read back into an issue, for details made before `vi` was attached. */
const ZOD_MESSAGES: Array<[RegExp, (m: RegExpExecArray) => Omit<IssueLike, 'message'>]> = [
  [/^Too small: expected (\w+) to (?:have|be) (>=?)(\d+)/, (m) => ({ code: 'too_small', origin: m[1], inclusive: m[2] === '>=', minimum: Number(m[3]) })],
  [/^Too big: expected (\w+) to (?:have|be) (<=?)(\d+)/, (m) => ({ code: 'too_big', origin: m[1], inclusive: m[2] === '<=', maximum: Number(m[3]) })],
  [/^Invalid input: expected (\w+), received/, (m) => ({ code: 'invalid_type', expected: m[1] })],
  [/^Invalid (?:option|input: expected ")/, () => ({ code: 'invalid_value' })],
  [/^Invalid ISO (datetime|date|time)/, (m) => ({ code: 'invalid_format', format: m[1] })],
  [/^Invalid (string|ULID|UUID|email|URL)/i, (m) => ({ code: 'invalid_format', format: m[1]!.toLowerCase() })],
  [/^Unrecognized keys?/, () => ({ code: 'unrecognized_keys' })],
];

/** The hand-written English details of the use cases, in Vietnamese. */
const PLAIN_MESSAGES: Array<[RegExp, string | ((m: RegExpExecArray) => string)]> = [
  [/^required$/i, 'chưa điền'],
  [/^one of /, 'hãy chọn một lý do trong danh sách'],
  [/^(\d+) to (\d+) characters$/, (m) => `phải có từ ${m[1]} đến ${m[2]} ký tự`],
  [/^1 to (\d+)$/, (m) => `phải từ 1 đến ${m[1]}`],
  [/^not on the roll$/, 'không có trong danh sách hộ'],
  [/^not on the schedule$/, 'không có trong bảng mức đóng góp'],
  [/^household id (.+) appears twice$/, (m) => `mã hộ ${m[1]} bị trùng`],
  [/^no such cluster$|^not a cluster name$/, 'không có cụm này'],
  [/^never issued$/, 'phiếu có số này chưa được phát'],
  [/^the file is empty$/, 'tệp rỗng'],
  [/^no such comment$/, 'không có ý kiến này'],
  [/^is a reply$/, 'là một câu trả lời, không trả lời tiếp được'],
  [/^is hidden$/, 'đã bị ẩn'],
  [/^unknown cursor$/, 'không hợp lệ'],
  [/YYYY-MM-DD/, 'không phải một ngày hợp lệ'],
  [/^a refusal states its reasons$/, 'cần ghi rõ lý do từ chối'],
];

/** The Vietnamese problem of a detail that carries only its English message. */
function problemOfMessage(message: string): string {
  const roll = /^Dòng \d+: (.*?)(?: \/ line \d+: .*)?$/s.exec(message);
  if (roll) return roll[1]!;
  if (isVietnamese(message)) return message.replace(/\.$/, '');
  for (const [pattern, issue] of ZOD_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return problemWords({ ...issue(m), message });
  }
  return plainWords(message) ?? 'không hợp lệ';
}

/** A hand-written English message in Vietnamese, when it is one of the known ones. */
function plainWords(message: string): string | undefined {
  for (const [pattern, words] of PLAIN_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return typeof words === 'string' ? words : words(m);
  }
  return undefined;
}

/**
 * One detail of an error as a person reads it: `Dòng 3: …` for a line of a file, `<field>: <problem>` otherwise,
 * from its `vi` when it has one.
 * @example detailWords({ path: 'title', message: 'Too small: expected string to have >=1 characters' }) // 'Tiêu đề: chưa điền'
 */
export function detailWords(detail: ErrorDetail): string {
  if (detail.line !== undefined) {
    const problem = detail.vi ?? problemOfMessage(detail.message);
    return /^Dòng \d+/.test(problem) ? problem : `Dòng ${detail.line}: ${problem}`;
  }
  if (detail.vi) return detail.vi;
  // A Vietnamese message is a sentence of its own, naming its field.
  if (isVietnamese(detail.message)) return detail.message;
  return `${fieldWords(detail.path)}: ${problemOfMessage(detail.message)}`;
}

/** Only the problem of a detail, for a form that shows it under its field. */
export function detailProblem(detail: ErrorDetail): string {
  if (detail.vi) {
    const prefix = `${fieldWords(detail.path)}: `;
    return capital(detail.vi.startsWith(prefix) ? detail.vi.slice(prefix.length) : detail.vi);
  }
  return capital(problemOfMessage(detail.message));
}
