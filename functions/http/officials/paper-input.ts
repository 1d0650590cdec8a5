/**
 * Reads the paper-entry form: the roll id and one short typed key per question (answerKeys), into the household
 * and answers that enterPaperBallot takes, and lists what the committee must fix. enterPaperBallot checks the
 * answers again, and rollIdOf whether the household is on the frozen roll (case ignored). A refusal of the use case
 * becomes a problem on the form (paperRefusal), so that what was typed is shown again, never lost.
 */
import { DomainError, type ErrorDetail } from '../../../shared/errors.ts';
import { vnAt, vnTime } from '../../../web/format.ts';
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

/** What a typed key is compared as: case ignored (Đ and đ alike), in NFC. */
const folded = (s: string) => s.normalize('NFC').toLowerCase();

/**
 * The answer a typed key stands for, case ignored: its number or Vietnamese letter (Đ, K, Y), the option's own id, the
 * answer's words in full, or a letter read but not shown (D for Đ; n, a of the earlier form); undefined if none.
 */
function answerOf(q: Question, token: string): string | undefined {
  const t = folded(token);
  const keys = answerKeys(q);
  return (
    keys.find((k) => k.key === t || (k.letter !== undefined && folded(k.letter) === t))?.value ??
    q.options.find((o) => folded(o.id) === t)?.id ??
    keys.find((k) => folded(k.label) === t)?.value ??
    keys.find((k) => k.also?.includes(t))?.value
  );
}

/** The keys of a question as the messages list them: `1/Đ, 2/K, 0/Y`. */
function keysOf(q: Question): string {
  return answerKeys(q)
    .map((k) => (k.letter ? `${k.key}/${k.letter}` : k.key))
    .join(', ');
}

function readAnswer(q: Question, typed: string): { answer?: string | string[]; problem?: FieldProblem } {
  const field = paperField(q.id);
  const keys = keysOf(q);
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

/** enterPaperBallot's `invalid_request` details (`answers.q1`) on the form's fields, in Vietnamese. */
export function paperProblemsFromDetails(details: readonly ErrorDetail[], vi?: string): FieldProblem[] {
  return details.map((d) => {
    const [head, id] = d.path.split('.');
    if (head === 'answers' && id)
      return { field: paperField(id), vi: 'Câu trả lời không khớp với câu hỏi: hãy gõ lại theo các phím ghi dưới câu hỏi.', en: d.message };
    if (head === 'opinions' && id) return { field: paperField(id), vi: vi ?? 'Ý kiến khác chỉ ghi khi chọn «Ý kiến khác».', en: d.message };
    if (head === 'household') return { field: head, vi: vi ?? 'Mã hộ không đúng: hãy kiểm tra lại.', en: d.message };
    if (head === 'serial') return { field: head, vi: vi ?? 'Số phiếu không đúng: hãy kiểm tra lại.', en: d.message };
    return { field: '', vi: vi ?? 'Phiếu không hợp lệ; chưa được ghi.', en: d.message };
  });
}

const NOT_RECORDED = { vi: 'Phiếu chưa được ghi; những gì đã gõ vẫn còn trên mẫu.', en: 'Nothing was recorded; what was typed is kept.' };

/**
 * The problems a refusal of a paper entry shows on the form, which comes back with everything typed; undefined for a
 * refusal the form cannot answer (not signed in, another commune's round). Times are Vietnam time, in words.
 */
export function paperRefusal(err: unknown, opensAt: string): { status: number; problems: FieldProblem[] } | undefined {
  if (!(err instanceof DomainError)) return undefined;
  const one = (status: number, field: string, vi: string, en: string) => ({ status, problems: [{ field, vi, en }] });
  switch (err.code) {
    case 'not_found':
      return one(
        404,
        'household',
        'Không có hộ này trong danh sách đã chốt. Hãy so lại mã hộ với phiếu (chữ hoa hay chữ thường đều được).',
        'No such household on the frozen roll. Check the roll id against the slip (capitals or not does not matter).',
      );
    case 'not_open':
      // Slips may be handed out before the opening time (the details carry it): say when to enter them.
      return err.details?.[0]?.path === 'opensAt'
        ? one(
            409,
            '',
            `Chưa đến giờ nhận phiếu: phiếu được nhập từ ${vnAt(opensAt)} (giờ Việt Nam). ${NOT_RECORDED.vi} Hãy giữ phiếu giấy và bấm «Ghi phiếu» lại từ giờ đó.`,
            `Not open yet: ballots are entered from ${vnTime(opensAt)} (Vietnam time). ${NOT_RECORDED.en} Keep the slip and press Record again from then.`,
          )
        : one(
            409,
            '',
            `Cuộc biểu quyết không mở để nhận phiếu (chưa mở hoặc đã kết thúc). ${NOT_RECORDED.vi} Hãy giữ phiếu giấy và báo cho Ban kiểm phiếu.`,
            `Voting is not open. ${NOT_RECORDED.en} Keep the slip and tell the counting committee.`,
          );
    case 'wrong_state':
    case 'channel_not_allowed':
      return one(409, '', `${err.vi ?? 'Vòng này không nhận phiếu nhập theo cách này.'} ${NOT_RECORDED.vi}`, `${err.message}. ${NOT_RECORDED.en}`);
    case 'busy':
      return one(409, '', 'Hệ thống đang bận; phiếu chưa được ghi, hãy bấm ghi lại.', 'Busy; nothing was recorded, press Record again.');
    case 'invalid_request':
      return { status: 400, problems: paperProblemsFromDetails(err.details?.length ? err.details : [{ path: '', message: err.message }], err.vi) };
    default:
      return undefined;
  }
}
