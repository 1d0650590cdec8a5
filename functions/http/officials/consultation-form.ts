/**
 * The consultation form (application/x-www-form-urlencoded, no script) to and from ConsultationInput. Reading
 * checks what the API checks at its edge, the schema, and what createConsultation checks, checkConsultation on the
 * input with the meeting quorum applied, so that every problem comes back next to its field, in Vietnamese when
 * there is a translation and in the check's own English always.
 */
import type * as z from 'zod';
import type { ErrorDetail } from '../../../shared/errors.ts';
import { detailProblem, type IssueLike, problemWords } from '../../../shared/issue-words.ts';
import { applyMeetingAttendance, checkConsultation, presetRule, type LegalProfile } from '../../../shared/matters.ts';
import { ConsultationInput, Matter, type Question, type Rule } from '../../../shared/schemas.ts';
import type { ConsultationFormValues, FieldProblem, QuestionFormValues } from '../../../web/officials/model.ts';
import { formValues, parseOptionLines, parseWhole } from './form-values.ts';
import { vnLocalToInstant } from './vietnam-time.ts';

const CATEGORIES = ['poor', 'near_poor', 'policy'] as const;
const AMOUNTS = ['totalCost', 'stateBudget', 'residentsShare', 'amountPerUnit'] as const;

export interface ConsultationForm {
  /** What to show again in the form. */
  values: ConsultationFormValues;
  /** The input to save, when there is nothing to fix. */
  input?: ConsultationInput | undefined;
  problems: FieldProblem[];
  /** Which form slot (1-based) each question of `input` came from, to place a use case's problems. */
  slots: number[];
  /** The category of each exemption of `input`, in order. */
  exemptions: string[];
}

/** Vietnamese for checkConsultation's problems, by their stable code (the English comes with each problem). */
const CHECK_VI: Record<string, string> = {
  method_not_allowed:
    'Nội dung này không được quyết định theo hình thức đã chọn (biểu quyết trực tuyến chỉ cho công việc tự quản khác và lấy ý kiến, Nghị định 59/2023 Điều 5).',
  invalid_time: 'Thời điểm này không tồn tại.',
  closes_before_opens: 'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
  duplicate_question: 'Mã câu hỏi bị trùng.',
  fraction_zero: '«Ít nhất 0» luôn đạt; hãy nhập tỷ lệ lớn hơn 0.',
  fraction_unreachable: 'Điều kiện «quá» toàn bộ không bao giờ đạt được.',
  rule_too_weak: 'Điều kiện thông qua thấp hơn quy định cho nội dung này (hộ vắng mặt, không biểu quyết được tính là không tán thành).',
  attendance_required: 'Cuộc họp về hương ước, quy ước cần trên 50% tổng số hộ gia đình dự họp (Nghị định 61/2023 Điều 10).',
  attendance_too_weak: 'Số hộ dự họp tối thiểu thấp hơn quy định (Nghị định 61/2023 Điều 10).',
  amount_required: 'Cần nhập mức đóng góp (số tiền mỗi đơn vị).',
  contribution_not_allowed: 'Chỉ nội dung «Chủ trương và mức đóng góp» mới có số tiền đóng góp.',
  contribution_required: 'Nội dung đóng góp cần kinh phí, cách tính, mức đóng góp và miễn giảm.',
  duplicate_exemption: 'Một loại hộ có hai mức miễn giảm.',
};

const problem = (field: string, vi: string, en: string): FieldProblem => ({ field, vi, en });

/** The form field a path of the input names (`questions.1.options.0.label` -> `q2.options`); '' for none. */
export function fieldOfPath(path: readonly PropertyKey[], slots: readonly number[], exemptions: readonly string[]): string {
  const [head, a, b] = path;
  switch (head) {
    case 'scope':
      return a === 'kind' ? 'scope.kind' : 'scope.name';
    case 'matter':
    case 'method':
    case 'title':
    case 'titleEn':
    case 'description':
    case 'opensAt':
    case 'closesAt':
      return head;
    case 'contribution':
      if (a === 'exemptions') return typeof b === 'number' && exemptions[b] ? `c.${exemptions[b]}` : 'c';
      if (a === 'form' || a === 'workdays') return `c.${a}`;
      if (a === 'property') return b === 'value' ? 'c.propertyValue' : 'c.propertyDescription';
      return a === 'basis' || (AMOUNTS as readonly PropertyKey[]).includes(a as PropertyKey) ? `c.${String(a)}` : 'c';
    case 'questions': {
      if (typeof a !== 'number') return 'questions';
      const n = slots[a] ?? a + 1;
      return b === 'text' || b === 'textEn' || b === 'options' || b === 'max' || b === 'rule' ? `q${n}.${b}` : `q${n}.type`;
    }
    default:
      return '';
  }
}

/** Where a field stands on the form, to list problems in the order the official reads them. */
function orderOf(field: string): number {
  const fixed = [
    'scope.kind',
    'scope.name',
    'matter',
    'method',
    'title',
    'titleEn',
    'description',
    'opensAt',
    'closesAt',
    'c',
    'c.totalCost',
    'c.stateBudget',
    'c.residentsShare',
    'c.form',
    'c.basis',
    'c.amountPerUnit',
    'c.workdays',
    'c.propertyDescription',
    'c.propertyValue',
    'c.poor',
    'c.near_poor',
    'c.policy',
    'questions',
  ];
  const at = fixed.indexOf(field);
  if (at >= 0) return at;
  const q = /^q(\d+)\.(\w+)$/.exec(field);
  const sub = ['type', 'text', 'textEn', 'options', 'max', 'rule'];
  return q ? fixed.length + Number(q[1]) * 10 + Math.max(0, sub.indexOf(q[2]!)) : 10_000;
}

const capitalProblem = (issue: z.core.$ZodIssue) => {
  const words = problemWords(issue as IssueLike);
  return words[0]!.toUpperCase() + words.slice(1);
};

/** A schema issue in words, in both languages (the uncommon ones from shared/issue-words.ts). */
function issueText(issue: z.core.$ZodIssue): { vi?: string; en: string } {
  const [head, , sub, index] = issue.path;
  const where =
    head === 'questions' && sub === 'options' && typeof index === 'number'
      ? { vi: `Phương án ${index + 1}: `, en: `Option ${index + 1}: ` }
      : { vi: '', en: '' };
  if (issue.code === 'too_small' && issue.origin === 'string') return { vi: `${where.vi}Bắt buộc.`, en: `${where.en}Required.` };
  if (issue.code === 'too_big' && issue.origin === 'string')
    return { vi: `${where.vi}Quá dài (tối đa ${issue.maximum} ký tự).`, en: `${where.en}Too long (at most ${issue.maximum} characters).` };
  if (issue.code === 'too_small' && issue.origin === 'array' && head === 'questions' && issue.path.length === 1) {
    return { vi: 'Cần ít nhất một câu hỏi: chọn loại cho câu hỏi 1.', en: 'At least one question: choose the type of question 1.' };
  }
  return { vi: `${where.vi}${capitalProblem(issue)}.`, en: `${where.en}${issue.message}` };
}

/** The problems of a use case's `invalid_request` details, placed on the form's fields. */
export function problemsFromDetails(details: readonly ErrorDetail[], form: Pick<ConsultationForm, 'slots' | 'exemptions'>): FieldProblem[] {
  return details.map((d) => {
    const path = d.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    return { field: fieldOfPath(path, form.slots, form.exemptions), vi: `${detailProblem(d)}.`, en: d.message };
  });
}

function ruleOf(q: QuestionFormValues, n: number, matter: Matter | undefined, profile: LegalProfile, problems: FieldProblem[]): Rule | undefined {
  if (q.rule !== 'custom') return matter ? presetRule(matter, profile) : undefined;
  const whole = (text: string) => {
    const v = parseWhole(text);
    if (typeof v === 'number') return v;
    problems.push(problem(`q${n}.rule`, 'Tỷ lệ gồm hai số nguyên, ví dụ 2 và 3 cho 2/3.', 'A fraction is two whole numbers, e.g. 2 and 3 for 2/3.'));
    return undefined;
  };
  let quorum: Rule['quorum'];
  if (q.quorumOp !== '') {
    const num = whole(q.quorumNum);
    const den = whole(q.quorumDen);
    if (num === undefined || den === undefined) return undefined;
    quorum = { op: q.quorumOp as 'at_least', fraction: [num, den] };
  }
  if (q.base === 'plurality') return { base: 'plurality', ...(quorum ? { attendance: quorum } : {}) };
  const num = whole(q.num);
  const den = whole(q.den);
  if (num === undefined || den === undefined) return undefined;
  return { base: q.base as 'eligible', op: q.op as 'at_least', fraction: [num, den], ...(quorum ? { attendance: quorum } : {}) };
}

/**
 * Reads a posted consultation form: the values to show again, the input when everything checks, and every
 * problem on its field (the schema's, then checkConsultation's under `profile`).
 */
/** The two times of the form, as instants (Vietnam time typed); a problem for each missing or unreadable one. */
function readTimes(values: ConsultationFormValues, problems: FieldProblem[]) {
  const time = (name: 'opensAt' | 'closesAt') => {
    const typed = values[name];
    if (typed === '') {
      problems.push(problem(name, 'Bắt buộc.', 'Required.'));
      return undefined;
    }
    const instant = vnLocalToInstant(typed);
    if (!instant)
      problems.push(
        problem(
          name,
          'Nhập ngày giờ dạng 2026-11-22T17:00 hoặc 22/11/2026 17:00 (giờ Việt Nam).',
          'Give the date and time as 2026-11-22T17:00 or 22/11/2026 17:00 (Vietnam time).',
        ),
      );
    return instant;
  };
  return { opensAt: time('opensAt'), closesAt: time('closesAt') };
}

/** The most options of an approval question; undefined (with a problem) when missing or not a number. */
function readMax(q: QuestionFormValues, n: number, problems: FieldProblem[]): number | undefined {
  const v = parseWhole(q.max);
  if (v === 'invalid') problems.push(problem(`q${n}.max`, 'Nhập một số nguyên.', 'Give a whole number.'));
  else if (v === 'blank')
    problems.push(
      problem(`q${n}.max`, 'Câu chọn nhiều phương án cần số phương án được chọn tối đa.', 'A several-options question needs the most options one may choose.'),
    );
  else return v;
  return undefined;
}

/** The questions of the form's filled slots, with the slot each came from. */
function readQuestions(values: ConsultationFormValues, profile: LegalProfile, problems: FieldProblem[]) {
  const matter = Matter.safeParse(values.matter).data;
  const slots: number[] = [];
  const questions: unknown[] = [];
  values.questions.forEach((q, i) => {
    const n = i + 1;
    if (q.type === '') {
      if (q.text !== '' || q.options !== '')
        problems.push(
          problem(`q${n}.type`, 'Hãy chọn loại câu hỏi (hoặc xóa nội dung nếu không dùng).', 'Choose the type of question (or clear it if unused).'),
        );
      return;
    }
    const parsed = parseOptionLines(q.options);
    for (const p of parsed.problems) problems.push({ field: `q${n}.options`, ...p });
    const max = q.type === 'approval' ? readMax(q, n, problems) : undefined;
    const question: Partial<Question> = {
      id: q.id,
      type: q.type as Question['type'],
      text: q.text,
      options: parsed.options,
      rule: ruleOf(q, n, matter, profile, problems) as Rule,
    };
    if (q.textEn) question.textEn = q.textEn;
    if (max !== undefined) question.max = max;
    slots.push(n);
    questions.push(question);
  });
  return { questions, slots };
}

/** The form of the terms (money, labour, property) and what it needs: the workdays, or the property and its value. */
function readContributionForm(k: ConsultationFormValues['contribution'], contribution: Record<string, unknown>, problems: FieldProblem[]): void {
  const form = k.form || 'money';
  // Money is terms without `form`, as every contribution was before forms existed.
  if (form !== 'money') contribution.form = form;
  if (form === 'labour') {
    const workdays = parseWhole(k.workdays ?? '');
    if (typeof workdays === 'number') contribution.workdays = workdays;
    else problems.push(problem('c.workdays', 'Nhập tổng số ngày công, số nguyên.', 'Give the total workdays, a whole number.'));
  }
  if (form === 'property') {
    const value = parseWhole(k.propertyValue ?? '');
    const description = (k.propertyDescription ?? '').trim();
    if (!description) problems.push(problem('c.propertyDescription', 'Mô tả tài sản đóng góp.', 'Describe the property given.'));
    if (typeof value !== 'number')
      problems.push(problem('c.propertyValue', 'Nhập giá trị tài sản, số nguyên đồng.', 'Give the property’s value in whole dong.'));
    if (description && typeof value === 'number') contribution.property = { description, value };
  }
}

/** The terms of a contribution, for a contribution matter only (for any other matter the fields are ignored, as the form says). */
function readContribution(values: ConsultationFormValues, problems: FieldProblem[]) {
  const k = values.contribution;
  const exemptions: string[] = [];
  const filled = [...AMOUNTS.map((a) => k[a]), ...CATEGORIES.map((c) => k[c])].some((v) => v !== '');
  if (values.matter !== 'contribution' || !filled) return { exemptions };
  const contribution: Record<string, unknown> = { basis: k.basis, exemptions: [] as unknown[] };
  for (const name of AMOUNTS) {
    const v = parseWhole(k[name]);
    if (v === 'invalid') problems.push(problem(`c.${name}`, 'Nhập số nguyên đồng, ví dụ 300.000.', 'Give whole dong, e.g. 300.000.'));
    else if (v === 'blank' && name !== 'amountPerUnit') problems.push(problem(`c.${name}`, 'Bắt buộc.', 'Required.'));
    else if (v !== 'blank') contribution[name] = v;
  }
  readContributionForm(k, contribution, problems);
  for (const category of CATEGORIES) {
    const v = parseWhole(k[category].replace(/%$/, ''));
    if (v === 'blank') continue;
    if (v === 'invalid' || v > 100) problems.push(problem(`c.${category}`, 'Nhập phần trăm từ 0 đến 100.', 'Give a percentage from 0 to 100.'));
    else {
      (contribution.exemptions as unknown[]).push({ category, percent: v });
      exemptions.push(category);
    }
  }
  return { contribution, exemptions };
}

/**
 * Reads the posted form: what to show again, and the input to save when the schema and the matter's rules
 * (checkConsultation, with the meeting quorum applied) find nothing to fix; every problem next to its field.
 */
export function readConsultationForm(params: URLSearchParams, profile: LegalProfile): ConsultationForm {
  const values = formValues(params);
  const problems: FieldProblem[] = [];
  const { opensAt, closesAt } = readTimes(values, problems);
  const { questions, slots } = readQuestions(values, profile, problems);
  const { contribution, exemptions } = readContribution(values, problems);
  const candidate = {
    scope: { kind: values.scopeKind, name: values.scopeName },
    matter: values.matter,
    method: values.method,
    title: values.title,
    ...(values.titleEn ? { titleEn: values.titleEn } : {}),
    description: values.description,
    opensAt,
    closesAt,
    questions,
    ...(contribution ? { contribution } : {}),
    ...(values.follows ? { follows: values.follows } : {}),
  };
  const said = new Set(problems.map((p) => p.field));
  const parsed = ConsultationInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path, slots, exemptions);
      if (!said.has(field)) problems.push({ field, ...issueText(issue) });
    }
  } else {
    for (const p of checkConsultation(applyMeetingAttendance(parsed.data, profile), profile)) {
      const field = fieldOfPath(p.path, slots, exemptions);
      if (!said.has(field)) problems.push({ field, vi: p.words?.vi ?? CHECK_VI[p.code], en: p.message });
    }
  }
  problems.sort((a, b) => orderOf(a.field) - orderOf(b.field));
  return { values, input: problems.length === 0 && parsed.success ? parsed.data : undefined, problems, slots, exemptions };
}
