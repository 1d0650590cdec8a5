/**
 * What the officials' pages render, as plain values: the consultation form as typed (strings, so a form with
 * mistakes comes back exactly as sent), the problems found in it, turnout, and the code slips. The HTTP layer
 * fills these; the pages only read them.
 */
import type { Category, Channel, Question } from '../../shared/schemas.ts';

/** The signed-in official, as the header shows them. */
export interface Official {
  sub: string;
  commune: string;
  /** The commune's display name ("Xã An Bình"), once UBND xã has set it; the header shows the id, labelled, until then. */
  communeName?: string | undefined;
}

/** One thing to fix: `field` is a form field name (`title`, `q2.options`, `c.totalCost`), or '' for the whole form. */
export interface FieldProblem {
  field: string;
  /** Vietnamese, when there is a translation; the English is always there. */
  vi?: string | undefined;
  en: string;
}

export type QuestionKind = '' | 'yes_no' | 'single' | 'approval';

/** One question slot of the form; an empty `type` leaves the slot unused. */
export interface QuestionFormValues {
  id: string;
  type: string;
  text: string;
  textEn: string;
  /** One option a line: `id|label|amount|English label` (all but the label may be left out). */
  options: string;
  max: string;
  /** `preset`: the matter's rule under the commune's legal profile; `custom`: the fields below. */
  rule: string;
  base: string;
  op: string;
  num: string;
  den: string;
  quorumOp: string;
  quorumNum: string;
  quorumDen: string;
}

export interface ContributionFormValues {
  totalCost: string;
  stateBudget: string;
  residentsShare: string;
  basis: string;
  amountPerUnit: string;
  /** money, labour or property (schemas.ts ContributionForm); missing reads as money. */
  form?: string;
  /** Labour: the workdays residents give in all. */
  workdays?: string;
  /** Property: what is given, and its value in dong. */
  propertyDescription?: string;
  propertyValue?: string;
  poor: string;
  near_poor: string;
  policy: string;
}

export interface ConsultationFormValues {
  scopeKind: string;
  scopeName: string;
  matter: string;
  method: string;
  title: string;
  titleEn: string;
  description: string;
  /** `datetime-local` values in Vietnam time (UTC+7). */
  opensAt: string;
  closesAt: string;
  contribution: ContributionFormValues;
  questions: QuestionFormValues[];
  /** The id of the earlier round this one follows, or empty. */
  follows?: string;
}

/** The id of a form field's input: `q2.options` -> `f-q2-options`. */
export function fieldId(name: string): string {
  return `f-${name.replace(/\./g, '-')}`;
}

export interface Turnout {
  eligible: number;
  participants: number;
  byChannel: Record<Channel, number>;
}

export type CategoryCounts = Record<Category, number>;

/** One printed slip: the household, its hamlet, its code, and the link its QR code opens. */
export interface Slip {
  household: string;
  hamlet: string;
  code: string;
  /** `<site>/vote/<id>#code=<code>`: the fragment never reaches a server. */
  qrUrl: string;
}

/** A paper entry just recorded, shown above the next one. */
export interface PaperEntry {
  household: string;
  receipt: string;
  replaced: boolean;
}

/** One key the vote-counting committee types for an answer, and what it means. */
export interface AnswerKey {
  key: string;
  /** The Vietnamese letter meaning the same, shown beside the number: Đ (Đồng ý), K (Không đồng ý), Y (Ý kiến khác). */
  letter?: string;
  /** Read too but never shown: D for Đ on a keyboard without it, and the letters of the earlier form (n, a). */
  also?: readonly string[];
  /** `yes`, `no`, `abstain` or an option id. */
  value: string;
  label: string;
}

/**
 * The keys of a question on the paper-entry form, case ignored: 1 or Đ, 2 or K, 0 or Y for a yes/no question; an
 * option's number for a choice, 0 (or Y, Ý kiến khác) to abstain, 0 to choose none of an approval question's options.
 * @example answerKeys({ type: 'yes_no', ... })[0] // { key: '1', letter: 'Đ', also: ['d'], value: 'yes', label: 'Đồng ý' }
 */
export function answerKeys(q: Pick<Question, 'type' | 'options'>): AnswerKey[] {
  if (q.type === 'yes_no') {
    return [
      { key: '1', letter: 'Đ', also: ['d'], value: 'yes', label: 'Đồng ý' },
      { key: '2', letter: 'K', also: ['n'], value: 'no', label: 'Không đồng ý' },
      { key: '0', letter: 'Y', also: ['a'], value: 'abstain', label: 'Ý kiến khác' },
    ];
  }
  const options = q.options.map((o, i) => ({ key: String(i + 1), value: o.id, label: o.label }));
  if (q.type === 'approval') return [...options, { key: '0', also: ['a'], value: 'abstain', label: 'Không chọn phương án nào' }];
  return [...options, { key: '0', letter: 'Y', also: ['a'], value: 'abstain', label: 'Ý kiến khác' }];
}

/** The form field of a question's typed answer on the paper-entry form. */
export function paperField(questionId: string): string {
  return `a.${questionId}`;
}
