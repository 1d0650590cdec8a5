/**
 * The consultation form (application/x-www-form-urlencoded, no script) to and from ConsultationInput. Reading
 * checks what the API checks at its edge, the schema, and what createConsultation checks, checkConsultation on the
 * input with the meeting quorum applied, so that every problem comes back next to its field, in Vietnamese when
 * there is a translation and in the check's own English always.
 */
import type * as z from 'zod';
import type { ErrorDetail } from '../../../shared/errors.ts';
import { applyMeetingQuorum, checkConsultation, presetRule, type LegalProfile } from '../../../shared/matters.ts';
import { ConsultationInput, Matter, type Option, type Question, type Rule } from '../../../shared/schemas.ts';
import type { ConsultationFormValues, ContributionFormValues, FieldProblem, QuestionFormValues } from '../../../web/officials/model.ts';
import { instantToVnLocal, vnLocalToInstant } from './vietnam-time.ts';

/** Question slots on a new form; a draft with more questions gets one slot each, up to the schema's 20. */
export const DEFAULT_SLOTS = 5;
export const MAX_SLOTS = 20;

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

const problem = (field: string, vi: string, en: string): FieldProblem => ({ field, vi, en });

/**
 * A whole number of dong (or a percentage) as people write it: digits, with dots or spaces between groups of
 * three (`300.000`, `1 200 000`). 'blank' for nothing, 'invalid' for anything else (`1,5` or `1.5` are not dong).
 * @example parseWhole('1.200.000') // 1200000
 */
export function parseWhole(typed: string): number | 'blank' | 'invalid' {
  const text = typed.trim().replace(/[\s\u00a0]+/g, '');
  if (text === '') return 'blank';
  if (!/^\d+$/.test(text) && !/^\d{1,3}(\.\d{3})+$/.test(text)) return 'invalid';
  const n = Number(text.replace(/\./g, ''));
  return Number.isSafeInteger(n) ? n : 'invalid';
}

/**
 * The options of a question, one a line: `id|label|amount|English label`; a line with no `|` is a label alone,
 * and an empty id is made from the line's place (`o1`, `o2`). The schema checks ids and labels afterwards.
 * @example parseOptionLines('dinh|Cạnh đình làng\nTruong mầm non').options // [{id:'dinh',label:'Cạnh đình làng'},{id:'o2',label:'Truong mầm non'}]
 */
export function parseOptionLines(text: string): { options: Option[]; problems: Array<{ vi: string; en: string }> } {
  const options: Option[] = [];
  const problems: Array<{ vi: string; en: string }> = [];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  lines.forEach((line, i) => {
    const k = i + 1;
    const parts = line.split('|').map((p) => p.trim());
    if (parts.length > 4) {
      problems.push({ vi: `Dòng ${k}: có quá nhiều dấu |.`, en: `Line ${k}: too many | separators.` });
      return;
    }
    const [id, label, amount, labelEn] = parts.length === 1 ? ['', parts[0]!, '', ''] : [parts[0]!, parts[1] ?? '', parts[2] ?? '', parts[3] ?? ''];
    const option: Option = { id: id || `o${k}`, label };
    if (labelEn) option.labelEn = labelEn;
    const value = parseWhole(amount);
    if (value === 'invalid')
      problems.push({ vi: `Dòng ${k}: số tiền «${amount}» không phải số nguyên đồng.`, en: `Line ${k}: the amount “${amount}” is not whole dong.` });
    else if (value !== 'blank') option.amountPerUnit = value;
    options.push(option);
  });
  return { options, problems };
}

/** The option lines of `options`, as parseOptionLines reads them back. */
export function formatOptionLines(options: readonly Option[]): string {
  return options
    .map((o) => {
      const tail = [o.amountPerUnit === undefined ? '' : String(o.amountPerUnit), o.labelEn ?? ''];
      while (tail.length > 0 && tail.at(-1) === '') tail.pop();
      return [o.id, o.label, ...tail].join('|');
    })
    .join('\n');
}

function emptyQuestion(n: number, type = ''): QuestionFormValues {
  return {
    id: `q${n}`,
    type,
    text: '',
    textEn: '',
    options: '',
    max: '',
    rule: 'preset',
    base: 'eligible',
    op: 'at_least',
    num: '',
    den: '',
    quorumOp: '',
    quorumNum: '',
    quorumDen: '',
  };
}

const emptyContribution = (): ContributionFormValues => ({
  totalCost: '',
  stateBudget: '',
  residentsShare: '',
  basis: 'per_household',
  amountPerUnit: '',
  poor: '',
  near_poor: '',
  policy: '',
});

/** A new form: a hamlet, a contribution decided by household ballot, one yes/no question. */
export function emptyForm(): ConsultationFormValues {
  return {
    scopeKind: 'hamlet',
    scopeName: '',
    matter: 'contribution',
    method: 'household_ballot',
    title: '',
    titleEn: '',
    description: '',
    opensAt: '',
    closesAt: '',
    contribution: emptyContribution(),
    questions: Array.from({ length: DEFAULT_SLOTS }, (_, i) => emptyQuestion(i + 1, i === 0 ? 'yes_no' : '')),
  };
}

function sameShare(a: { op: string; fraction: readonly number[] } | undefined, b: { op: string; fraction: readonly number[] } | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.op === b.op && a.fraction[0] === b.fraction[0] && a.fraction[1] === b.fraction[1];
}

function sameRule(a: Rule, b: Rule): boolean {
  if (a.base !== b.base || !sameShare(a.quorum, b.quorum)) return false;
  return a.base === 'plurality' || b.base === 'plurality' || sameShare(a, b);
}

/** The form of a saved draft: a question whose rule is its matter's preset (as saved) shows "preset". */
export function formOf(input: ConsultationInput, profile: LegalProfile): ConsultationFormValues {
  const k = input.contribution;
  const rate = (category: string) => String(k?.exemptions.find((e) => e.category === category)?.percent ?? '');
  const preset = presetRule(input.matter, profile);
  const presetAsSaved = applyMeetingQuorum({ ...input, questions: [{ id: 'q', type: 'yes_no', text: 'q', options: [], rule: preset }] }, profile).questions[0]!
    .rule;
  const slots = Math.min(MAX_SLOTS, Math.max(DEFAULT_SLOTS, input.questions.length));
  return {
    scopeKind: input.scope.kind,
    scopeName: input.scope.name,
    matter: input.matter,
    method: input.method,
    title: input.title,
    titleEn: input.titleEn ?? '',
    description: input.description,
    opensAt: instantToVnLocal(input.opensAt),
    closesAt: instantToVnLocal(input.closesAt),
    ...(input.follows ? { follows: input.follows } : {}),
    contribution: k
      ? {
          totalCost: String(k.totalCost),
          stateBudget: String(k.stateBudget),
          residentsShare: String(k.residentsShare),
          basis: k.basis,
          amountPerUnit: k.amountPerUnit === undefined ? '' : String(k.amountPerUnit),
          poor: rate('poor'),
          near_poor: rate('near_poor'),
          policy: rate('policy'),
        }
      : emptyContribution(),
    questions: Array.from({ length: slots }, (_, i) => {
      const q = input.questions[i];
      if (!q) return emptyQuestion(i + 1);
      const r = q.rule;
      return {
        id: q.id,
        type: q.type,
        text: q.text,
        textEn: q.textEn ?? '',
        options: formatOptionLines(q.options),
        max: q.max === undefined ? '' : String(q.max),
        rule: sameRule(r, preset) || sameRule(r, presetAsSaved) ? 'preset' : 'custom',
        base: r.base,
        op: r.base === 'plurality' ? 'at_least' : r.op,
        num: r.base === 'plurality' ? '' : String(r.fraction[0]),
        den: r.base === 'plurality' ? '' : String(r.fraction[1]),
        quorumOp: r.quorum?.op ?? '',
        quorumNum: r.quorum ? String(r.quorum.fraction[0]) : '',
        quorumDen: r.quorum ? String(r.quorum.fraction[1]) : '',
      };
    }),
  };
}

/** Form text as the API takes text: NFC, line ends as \n, trimmed. */
function textOf(params: URLSearchParams, name: string): string {
  return (params.get(name) ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** The form as posted, every field a string. */
export function formValues(params: URLSearchParams): ConsultationFormValues {
  const t = (name: string) => textOf(params, name);
  const posted = Number.parseInt(t('slots'), 10);
  const slots = Number.isInteger(posted) ? Math.min(MAX_SLOTS, Math.max(1, posted)) : DEFAULT_SLOTS;
  return {
    scopeKind: t('scope.kind'),
    scopeName: t('scope.name'),
    matter: t('matter'),
    method: t('method'),
    title: t('title'),
    titleEn: t('titleEn'),
    description: t('description'),
    opensAt: t('opensAt'),
    closesAt: t('closesAt'),
    ...(t('follows') ? { follows: t('follows') } : {}),
    contribution: {
      totalCost: t('c.totalCost'),
      stateBudget: t('c.stateBudget'),
      residentsShare: t('c.residentsShare'),
      basis: t('c.basis'),
      amountPerUnit: t('c.amountPerUnit'),
      poor: t('c.poor'),
      near_poor: t('c.near_poor'),
      policy: t('c.policy'),
    },
    questions: Array.from({ length: slots }, (_, i) => {
      const f = (name: string) => t(`q${i + 1}.${name}`);
      return {
        id: f('id') || `q${i + 1}`,
        type: f('type'),
        text: f('text'),
        textEn: f('textEn'),
        options: f('options'),
        max: f('max'),
        rule: f('rule') === 'custom' ? 'custom' : 'preset',
        base: f('base'),
        op: f('op'),
        num: f('num'),
        den: f('den'),
        quorumOp: f('quorumOp'),
        quorumNum: f('quorumNum'),
        quorumDen: f('quorumDen'),
      };
    }),
  };
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
  quorum_required: 'Cuộc họp cần điều kiện về số hộ tham dự.',
  quorum_too_weak: 'Số hộ tham dự tối thiểu thấp hơn quy định.',
  amount_required: 'Cần nhập mức đóng góp (số tiền mỗi đơn vị).',
  contribution_not_allowed: 'Chỉ nội dung «Chủ trương và mức đóng góp» mới có số tiền đóng góp.',
  contribution_required: 'Nội dung đóng góp cần kinh phí, cách tính, mức đóng góp và miễn giảm.',
  duplicate_exemption: 'Một loại hộ có hai mức miễn giảm.',
};

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
    'c.basis',
    'c.amountPerUnit',
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

/** A schema issue in words: the common ones in both languages, the rest in the schema's English. */
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
  return { en: `${where.en}${issue.message}` };
}

/** The problems of a use case's `invalid_request` details, placed on the form's fields. */
export function problemsFromDetails(details: readonly ErrorDetail[], form: Pick<ConsultationForm, 'slots' | 'exemptions'>): FieldProblem[] {
  return details.map((d) => {
    const path = d.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    return { field: fieldOfPath(path, form.slots, form.exemptions), en: d.message };
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
  if (q.base === 'plurality') return { base: 'plurality', ...(quorum ? { quorum } : {}) };
  const num = whole(q.num);
  const den = whole(q.den);
  if (num === undefined || den === undefined) return undefined;
  return { base: q.base as 'eligible', op: q.op as 'at_least', fraction: [num, den], ...(quorum ? { quorum } : {}) };
}

/**
 * Reads a posted consultation form: the values to show again, the input when everything checks, and every
 * problem on its field (the schema's, then checkConsultation's under `profile`).
 */
export function readConsultationForm(params: URLSearchParams, profile: LegalProfile): ConsultationForm {
  const values = formValues(params);
  const problems: FieldProblem[] = [];
  const matter = Matter.safeParse(values.matter).data;

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
  const opensAt = time('opensAt');
  const closesAt = time('closesAt');

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
    let max: number | undefined;
    if (q.type === 'approval') {
      const v = parseWhole(q.max);
      if (v === 'invalid') problems.push(problem(`q${n}.max`, 'Nhập một số nguyên.', 'Give a whole number.'));
      else if (v === 'blank')
        problems.push(
          problem(
            `q${n}.max`,
            'Câu chọn nhiều phương án cần số phương án được chọn tối đa.',
            'A several-options question needs the most options one may choose.',
          ),
        );
      else max = v;
    }
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

  // The terms belong to a contribution matter only; for any other matter the fields are ignored (the form says so).
  const k = values.contribution;
  let contribution: Record<string, unknown> | undefined;
  const exemptions: string[] = [];
  if (matter === 'contribution' && [...AMOUNTS.map((a) => k[a]), ...CATEGORIES.map((c) => k[c])].some((v) => v !== '')) {
    contribution = { basis: k.basis, exemptions: [] as unknown[] };
    for (const name of AMOUNTS) {
      const v = parseWhole(k[name]);
      if (v === 'invalid') problems.push(problem(`c.${name}`, 'Nhập số nguyên đồng, ví dụ 300.000.', 'Give whole dong, e.g. 300.000.'));
      else if (v === 'blank' && name !== 'amountPerUnit') problems.push(problem(`c.${name}`, 'Bắt buộc.', 'Required.'));
      else if (v !== 'blank') contribution[name] = v;
    }
    for (const category of CATEGORIES) {
      const v = parseWhole(k[category].replace(/%$/, ''));
      if (v === 'blank') continue;
      if (v === 'invalid' || v > 100) problems.push(problem(`c.${category}`, 'Nhập phần trăm từ 0 đến 100.', 'Give a percentage from 0 to 100.'));
      else {
        (contribution.exemptions as unknown[]).push({ category, percent: v });
        exemptions.push(category);
      }
    }
  }

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
    for (const p of checkConsultation(applyMeetingQuorum(parsed.data, profile), profile)) {
      const field = fieldOfPath(p.path, slots, exemptions);
      if (!said.has(field)) problems.push({ field, vi: CHECK_VI[p.code], en: p.message });
    }
  }
  problems.sort((a, b) => orderOf(a.field) - orderOf(b.field));
  return { values, input: problems.length === 0 && parsed.success ? parsed.data : undefined, problems, slots, exemptions };
}
