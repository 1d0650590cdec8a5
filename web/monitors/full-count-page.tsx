/**
 * The monitors' page of a full hand count (../../functions/core/full-count.ts): why the count is held (the audit's
 * conclusion, or the monitors' decision and its reason; a form to decide one otherwise), a form to record one slip by
 * its serial (every question, "no opinion" where the slip says nothing, or the slip not found), every slip with what it
 * said and who read it, the recount once every slip is read and where it differs from the published tally, and the
 * conclusion: the count agrees, or the correction round that replaces the result, with its link.
 */
import type { Question } from '../../shared/schemas.ts';
import { OUTCOME_VI, vnNumber, vnTime } from '../format.ts';
import type { Official } from '../officials/model.ts';
import { Bi } from '../officials/parts.tsx';
import { MonitorFrame } from './frame.tsx';

type Answer = string | string[];
type Actor = { role: string; id: string };
type Counts = { counts: Record<string, number>; abstain: number; cast: number; outcome: { status: string; options: string[] } };

/** What the page shows: the core's FullCountState, restated here so that web/ needs nothing of functions/. */
export interface FullCountPageState {
  open: boolean;
  why?: { by: 'rla' } | { by: 'decision'; reason: string; actor: Actor; at: string };
  population: number;
  slips: Array<{ serial: string; answers?: Record<string, Answer>; notFound?: boolean; readBy?: Actor; at?: string; times: number }>;
  read: number;
  differences?: Array<{ questionId: string; published: Counts; counted: Counts }>;
  concluded?: { agrees: boolean; at: string; actor: Actor; correctedBy?: string; correctionUrl?: string };
  noPaper?: { vi: string; en: string };
}

const ANSWER: Record<string, { vi: string; en: string }> = {
  yes: { vi: 'Đồng ý', en: 'Yes' },
  no: { vi: 'Không đồng ý', en: 'No' },
  abstain: { vi: 'Không có ý kiến', en: 'No opinion' },
};

function label(q: Question, a: string): { vi: string; en: string } {
  const o = q.options.find((x) => x.id === a);
  return ANSWER[a] ?? { vi: o?.label ?? a, en: o?.labelEn ?? o?.label ?? a };
}

function answerText(q: Question, a: Answer | undefined): string {
  if (a === undefined) return '—';
  if (Array.isArray(a)) return a.length ? a.map((x) => label(q, x).vi).join(', ') : 'không chọn';
  return label(q, a).vi;
}

const countsText = (q: Question | undefined, c: Counts) =>
  `${Object.entries(c.counts)
    .map(([k, n]) => `${q ? label(q, k).vi : k} ${vnNumber(n)}`)
    .join(', ')}; không có ý kiến ${vnNumber(c.abstain)} — ${OUTCOME_VI[c.outcome.status as keyof typeof OUTCOME_VI] ?? c.outcome.status}`;

/** A question's allowed answers: radio buttons with "no opinion" (checkboxes for approval). */
function AnswerInputs(props: { q: Question }) {
  const { q } = props;
  const choices =
    q.type === 'yes_no' ? ['yes', 'no', 'abstain'] : q.type === 'single' ? [...q.options.map((o) => o.id), 'abstain'] : q.options.map((o) => o.id);
  return (
    <fieldset class="reading">
      <legend>
        {q.id}. {q.text}
      </legend>
      {choices.map((a) => {
        const l = label(q, a);
        return (
          <label>
            <input type={q.type === 'approval' ? 'checkbox' : 'radio'} name={`answer_${q.id}`} value={a} /> <Bi vi={l.vi} en={l.en} />{' '}
          </label>
        );
      })}
    </fieldset>
  );
}

function Why(props: { state: FullCountPageState; base: string }) {
  const { why } = props.state;
  if (why?.by === 'rla')
    return (
      <p id="why">
        <Bi
          vi="Cuộc kiểm tra theo mẫu ngẫu nhiên kết luận phải đếm lại toàn bộ phiếu giấy."
          en="The risk-limiting audit concluded that every slip must be counted."
        />
      </p>
    );
  if (why?.by === 'decision')
    return (
      <p id="why">
        <Bi vi="Ban giám sát quyết định đếm lại toàn bộ" en="The monitors decided a full count" /> ({why.actor.id}, {vnTime(why.at)}): «{why.reason}»
      </p>
    );
  return (
    <form method="post" action={`${props.base}/start`} class="panel" id="start">
      <p>
        <Bi
          vi="Chưa có quyết định đếm lại toàn bộ. Ban giám sát có thể quyết định (ví dụ khi cách biệt quá nhỏ để kiểm tra theo mẫu), ghi rõ lý do."
          en="No full count is open. The monitors may decide one (when the margin is too small to audit, say), with their reason."
        />
      </p>
      <label for="reason">
        <Bi vi="Lý do" en="Reason" />
      </label>
      <input id="reason" name="reason" required minlength={5} maxlength={500} />
      <button type="submit">
        <Bi vi="Quyết định đếm lại toàn bộ" en="Decide a full count" />
      </button>
    </form>
  );
}

function ReadingForm(props: { questions: readonly Question[]; base: string }) {
  return (
    <form method="post" action={`${props.base}/readings`} class="panel" id="reading">
      <h2>
        <Bi vi="Ghi một phiếu" en="Record one slip" />
      </h2>
      <label for="serial">
        <Bi vi="Số sê-ri trên phiếu" en="Serial on the slip" />
      </label>
      <input id="serial" name="serial" required autocomplete="off" />
      {props.questions.map((q) => (
        <AnswerInputs q={q} />
      ))}
      <label>
        <input type="checkbox" name="notFound" value="1" />{' '}
        <Bi vi="Không tìm thấy phiếu trong hòm (tính là không có ý kiến)" en="Slip not in the box (counted as no opinion)" />
      </label>
      <button type="submit">
        <Bi vi="Ghi phiếu" en="Record the slip" />
      </button>
    </form>
  );
}

function Conclusion(props: { state: FullCountPageState; base: string; questions: readonly Question[] }) {
  const { concluded, differences, read, population } = props.state;
  const q = (id: string) => props.questions.find((x) => x.id === id);
  if (concluded?.agrees)
    return (
      <p class="panel" id="conclusion">
        <strong>
          <Bi vi="Đếm lại toàn bộ: khớp" en="Full count: agrees" />
        </strong>{' '}
        — {concluded.actor.id}, {vnTime(concluded.at)}
      </p>
    );
  if (concluded)
    return (
      <p class="panel" id="conclusion">
        <strong>
          <Bi vi="Đếm lại toàn bộ cho số liệu khác: kết quả được sửa bởi vòng" en="The full count differs: the result is corrected by round" />
        </strong>{' '}
        <a href={concluded.correctionUrl ?? '#'}>{concluded.correctedBy}</a> — {concluded.actor.id}, {vnTime(concluded.at)}
      </p>
    );
  if (!differences)
    return (
      <p id="conclusion">
        <Bi vi={`Còn ${vnNumber(population - read)} phiếu chưa đọc.`} en={`${population - read} slips still to read.`} />
      </p>
    );
  return (
    <form method="post" action={`${props.base}/conclude`} class="panel" id="conclusion">
      {differences.length === 0 ? (
        <p>
          <Bi vi="Số liệu đếm lại khớp với số liệu đã công bố." en="The count agrees with the published tally." />
        </p>
      ) : (
        <ul>
          {differences.map((d) => (
            <li>
              {d.questionId}: <Bi vi="đã công bố" en="published" /> {countsText(q(d.questionId), d.published)}; <Bi vi="đếm lại" en="counted" />{' '}
              {countsText(q(d.questionId), d.counted)}
            </li>
          ))}
        </ul>
      )}
      <button type="submit">
        {differences.length === 0 ? (
          <Bi vi="Kết luận: khớp" en="Conclude: agrees" />
        ) : (
          <Bi vi="Kết luận và công bố vòng sửa kết quả" en="Conclude and publish the correction round" />
        )}
      </button>
    </form>
  );
}

export function FullCountPage(props: { monitor: Official; id: string; title: string; questions: readonly Question[]; state: FullCountPageState }) {
  const { state, id, questions } = props;
  const base = `/monitors/c/${id}/full-count`;
  return (
    <MonitorFrame title={`Đếm lại toàn bộ — ${props.title}`} monitor={props.monitor}>
      <p>
        <a href={`/monitors/c/${id}`}>← {props.title}</a> ·{' '}
        <a href={`/monitors/c/${id}/rla`}>
          <Bi vi="Kiểm tra theo mẫu ngẫu nhiên" en="Risk-limiting audit" />
        </a>
      </p>
      <h1>
        <Bi vi="Đếm lại toàn bộ phiếu giấy" en="Full hand count of the paper slips" />
      </h1>
      {state.noPaper ? (
        <p class="panel" id="no-paper">
          <Bi vi={state.noPaper.vi} en={state.noPaper.en} />
        </p>
      ) : (
        <Why state={state} base={base} />
      )}
      <p id="progress">
        <Bi vi={`Đã đọc ${vnNumber(state.read)} / ${vnNumber(state.population)} phiếu.`} en={`${state.read} of ${state.population} slips read.`} />
      </p>
      {state.open && !state.concluded ? <ReadingForm questions={questions} base={base} /> : null}
      {state.open ? <Conclusion state={state} base={base} questions={questions} /> : null}
      <table id="slips">
        <thead>
          <tr>
            <th>
              <Bi vi="Số sê-ri" en="Serial" />
            </th>
            {questions.map((q) => (
              <th>{q.id}</th>
            ))}
            <th>
              <Bi vi="Người đọc" en="Read by" />
            </th>
          </tr>
        </thead>
        <tbody>
          {state.slips.map((s) => (
            <tr>
              <td>
                <code>{s.serial}</code>
              </td>
              {questions.map((q) => (
                <td>{s.notFound ? 'không tìm thấy' : answerText(q, s.answers?.[q.id])}</td>
              ))}
              <td>
                {s.readBy ? `${s.readBy.id}, ${vnTime(s.at!)}` : '—'}
                {s.times > 1 ? ` (${s.times} lần)` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </MonitorFrame>
  );
}
