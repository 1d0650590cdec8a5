/**
 * Reads the paper-entry form: the roll id and one short typed key per question (answerKeys), into the household
 * and answers that enterPaperBallot takes, and lists what the committee must fix. enterPaperBallot checks the
 * answers again, and whether the household is on the frozen roll.
 */
import type { ErrorDetail } from '../../../shared/errors.ts';
import { type Answers, type Question, RollId, Serial } from '../../../shared/schemas.ts';
import { answerKeys, paperField, type FieldProblem } from '../../../web/officials/model.ts';

export interface PaperInput {
  values: { household: string; answers: Record<string, string> };
  /** Ballots entered from this form so far (the form carries it). */
  entered: number;
  ballot?: { household: string; answers: Answers } | undefined;
  problems: FieldProblem[];
}

/** What people type: NFKC (full-width digits are digits), trimmed, at most `max` characters. */
const typedOf = (value: string | null, max: number) => (value ?? '').normalize('NFKC').trim().slice(0, max);

/** The answer a typed key stands for, by its number, its letter, or the option's own id; undefined if none. */
function answerOf(q: Question, token: string): string | undefined {
  const t = token.toLowerCase();
  const key = answerKeys(q).find((k) => k.key === t || k.alias === t);
  if (key) return key.value;
  return q.options.find((o) => o.id.toLowerCase() === t)?.id;
}

function readAnswer(q: Question, typed: string): { answer?: string | string[]; problem?: FieldProblem } {
  const field = paperField(q.id);
  const keys = answerKeys(q)
    .map((k) => k.key)
    .join(', ');
  if (typed === '') return { problem: { field, vi: `Bắt buộc: gõ ${keys}.`, en: `Required: type ${keys}.` } };
  if (q.type !== 'approval') {
    const value = answerOf(q, typed);
    return value === undefined
      ? { problem: { field, vi: `«${typed}» không phải lựa chọn của câu này (${keys}).`, en: `“${typed}” is not a choice here (${keys}).` } }
      : { answer: value };
  }
  let tokens = typed.split(/[\s,;+.]+/).filter(Boolean);
  // With at most 9 options each digit is one option: "13" is options 1 and 3.
  if (tokens.length === 1 && /^\d{2,}$/.test(tokens[0]!) && q.options.length <= 9) tokens = [...tokens[0]!];
  const values = tokens.map((t) => answerOf(q, t));
  const unknown = tokens.filter((_, i) => values[i] === undefined);
  if (unknown.length > 0)
    return { problem: { field, vi: `«${unknown.join(' ')}» không phải phương án của câu này.`, en: `“${unknown.join(' ')}” is not an option here.` } };
  if (values.includes('abstain')) {
    return values.length === 1
      ? { answer: [] }
      : { problem: { field, vi: '0 (không chọn) không đi cùng phương án khác.', en: '0 (none) cannot go with other options.' } };
  }
  const chosen = values as string[];
  if (new Set(chosen).size !== chosen.length) return { problem: { field, vi: 'Một phương án được gõ hai lần.', en: 'An option is typed twice.' } };
  const max = q.max ?? q.options.length;
  if (chosen.length > max) return { problem: { field, vi: `Chỉ được chọn tối đa ${max} phương án.`, en: `At most ${max} options.` } };
  return { answer: chosen };
}

/**
 * The household and answers of a posted paper-entry form, and its problems (none when `ballot` is set).
 * @example readPaperForm([yesNoQ1], new URLSearchParams('household=H-001&a.q1=1')).ballot // { household: 'H-001', answers: { q1: 'yes' } }
 */
export function readPaperForm(questions: readonly Question[], params: URLSearchParams): PaperInput {
  const problems: FieldProblem[] = [];
  const household = typedOf(params.get('household'), 40);
  const count = Number.parseInt(params.get('entered') ?? '', 10);
  const entered = Number.isInteger(count) && count >= 0 ? Math.min(count, 1_000_000) : 0;
  if (household === '') problems.push({ field: 'household', vi: 'Bắt buộc.', en: 'Required.' });
  else if (!RollId.safeParse(household).success)
    problems.push({ field: 'household', vi: 'Số hộ chỉ gồm chữ, số và . _ - (tối đa 32 ký tự).', en: 'A roll id has letters, digits and . _ - (at most 32).' });
  const { typed, answers } = readAnswers(questions, params, problems);
  const values = { household, answers: typed };
  return problems.length === 0 ? { values, entered, ballot: { household, answers }, problems } : { values, entered, problems };
}

/** Each question's typed key and the answer it stands for; what cannot be read goes to `problems`. */
function readAnswers(questions: readonly Question[], params: URLSearchParams, problems: FieldProblem[]) {
  const typed: Record<string, string> = {};
  const answers: Answers = {};
  for (const q of questions) {
    typed[q.id] = typedOf(params.get(paperField(q.id)), 200);
    const r = readAnswer(q, typed[q.id]!);
    if (r.problem) problems.push(r.problem);
    else answers[q.id] = r.answer!;
  }
  return { typed, answers };
}

export interface SlipInput {
  values: { serial: string; answers: Record<string, string> };
  slip?: { serial: string; answers: Answers } | undefined;
  problems: FieldProblem[];
}

/**
 * A slip typed from paper: its serial (upper-cased, as printed) and one key per question; never a household.
 * @example readSlipForm([yesNoQ1], new URLSearchParams('serial=7kq2-m9xd&a.q1=1')).slip // { serial: '7KQ2-M9XD', answers: { q1: 'yes' } }
 */
export function readSlipForm(questions: readonly Question[], params: URLSearchParams): SlipInput {
  const problems: FieldProblem[] = [];
  const serial = typedOf(params.get('serial'), 40).toUpperCase();
  if (serial === '') problems.push({ field: 'serial', vi: 'Bắt buộc: số phiếu in trên phiếu.', en: 'Required: the serial printed on the slip.' });
  else if (!Serial.safeParse(serial).success)
    problems.push({
      field: 'serial',
      vi: 'Số phiếu chỉ gồm chữ in hoa, số và dấu - (tối đa 32 ký tự).',
      en: 'A serial has capitals, digits and - (at most 32).',
    });
  const { typed, answers } = readAnswers(questions, params, problems);
  const values = { serial, answers: typed };
  return problems.length === 0 ? { values, slip: { serial, answers }, problems } : { values, problems };
}

/** enterPaperBallot's `invalid_request` details (`answers.q1`) on the form's fields. */
export function paperProblemsFromDetails(details: readonly ErrorDetail[]): FieldProblem[] {
  return details.map((d) => {
    const [head, id] = d.path.split('.');
    return { field: head === 'answers' && id ? paperField(id) : head === 'household' || head === 'serial' ? head : '', en: d.message };
  });
}
