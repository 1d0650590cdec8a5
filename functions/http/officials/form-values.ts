/**
 * The consultation form's values as typed: whole numbers of dong, option lines, an empty form, a form filled from a
 * saved consultation, and the values read back from a post.
 */
import type { LegalProfile } from '../../../shared/matters.ts';
import { applyMeetingAttendance, presetRule } from '../../../shared/matters.ts';
import type { ConsultationInput, Option, Rule } from '../../../shared/schemas.ts';
import type { ConsultationFormValues, ContributionFormValues, QuestionFormValues } from '../../../web/officials/model.ts';
import { instantToVnLocal } from './vietnam-time.ts';

/** Question slots on a new form; a draft with more questions gets one slot each, up to the schema's 20. */
export const DEFAULT_SLOTS = 5;
export const MAX_SLOTS = 20;
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
  form: 'money',
  workdays: '',
  propertyDescription: '',
  propertyValue: '',
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
  if (a.base !== b.base || !sameShare(a.attendance ?? a.quorum, b.attendance ?? b.quorum)) return false;
  return a.base === 'plurality' || b.base === 'plurality' || sameShare(a, b);
}

/** The form of a saved draft: a question whose rule is its matter's preset (as saved) shows "preset". */
export function formOf(input: ConsultationInput, profile: LegalProfile): ConsultationFormValues {
  const k = input.contribution;
  const rate = (category: string) => String(k?.exemptions.find((e) => e.category === category)?.percent ?? '');
  const preset = presetRule(input.matter, profile);
  const presetAsSaved = applyMeetingAttendance({ ...input, questions: [{ id: 'q', type: 'yes_no', text: 'q', options: [], rule: preset }] }, profile)
    .questions[0]!.rule;
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
          form: k.form ?? 'money',
          workdays: k.workdays === undefined ? '' : String(k.workdays),
          propertyDescription: k.property?.description ?? '',
          propertyValue: k.property === undefined ? '' : String(k.property.value),
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
        quorumOp: (r.attendance ?? r.quorum)?.op ?? '',
        quorumNum: (r.attendance ?? r.quorum) ? String((r.attendance ?? r.quorum)!.fraction[0]) : '',
        quorumDen: (r.attendance ?? r.quorum) ? String((r.attendance ?? r.quorum)!.fraction[1]) : '',
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
      form: t('c.form') || 'money',
      workdays: t('c.workdays'),
      propertyDescription: t('c.propertyDescription'),
      propertyValue: t('c.propertyValue'),
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
