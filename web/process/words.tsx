/**
 * Pieces shared by the process pages (the staff checklist, the public timelines, the hamlet's community rule): a
 * calendar day in Vietnamese words, a step's status as a mark AND words (never colour alone), the processes' names,
 * and the steps as a list. Vietnamese first; English beside it through `<En>` (both on the published site, only under
 * `?lang=en` on a staff page). Pure rendering.
 */
import { type ChecklistRow, STATUS_WORDS, type StepStatus } from '../../shared/process/checklist.ts';
import { vnDate } from '../contributions-words.tsx';
import { vnAt } from '../format.ts';
import { En } from '../lang.tsx';

const WEEKDAY_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/**
 * A calendar day (Vietnam) as a Vietnamese page writes it, with its weekday.
 * @example dayVi('2027-02-09') // 'Thứ Ba, 09/02/2027'
 */
export function dayVi(day: string): string {
  return `${WEEKDAY_VI[weekday(day)]}, ${vnDate(day)}`;
}

/** The same day for the English beside it. */
export function dayEn(day: string): string {
  return `${WEEKDAY_EN[weekday(day)]} ${vnDate(day)}`;
}

/** The mark beside a status's words, so that it never rests on colour: ✓ done, ⚠ late, ○ open, – not yet. */
export const STATUS_MARK: Readonly<Record<StepStatus, string>> = {
  done: '✓',
  done_late: '⚠',
  due: '○',
  overdue: '✗',
  not_yet: '–',
};

/** The site's colour classes (layout.tsx): green for done, red for late; the words and the mark say the same. */
const STATUS_CLASS: Readonly<Record<StepStatus, string>> = {
  done: 'adopted',
  done_late: 'rejected',
  due: '',
  overdue: 'rejected',
  not_yet: '',
};

/** Whether a row is late: overdue, or done after its limit. */
export const isLate = (r: ChecklistRow) => r.status === 'overdue' || r.status === 'done_late';

/** A step's status: the mark (hidden from screen readers, which read the words) and the words in both languages. */
export function StatusWords(props: { status: StepStatus }) {
  const w = STATUS_WORDS[props.status];
  const cls = STATUS_CLASS[props.status];
  return (
    <span class={`step-status status-${props.status}`}>
      <strong class={cls || undefined}>
        <span aria-hidden="true">{STATUS_MARK[props.status]}</span> {w.vi}
      </strong>{' '}
      <En>{w.en}</En>
    </span>
  );
}

/** A step's limit: the day, the working day before it when the day is not one, or no limit yet. */
export function DueWords(props: { row: ChecklistRow }) {
  const r = props.row;
  if (r.due === null) {
    return (
      <>
        Chưa có thời hạn <En>No limit set</En>
      </>
    );
  }
  return (
    <>
      {dayVi(r.due)} <En>{dayEn(r.due)}</En>
      {r.officeDay !== undefined ? (
        <>
          <br />
          <span class="hint">
            Hạn rơi vào ngày nghỉ: làm chậm nhất {dayVi(r.officeDay)}. <En>{`The limit is a day off: act by ${dayEn(r.officeDay)}.`}</En>
          </span>
        </>
      ) : null}
    </>
  );
}

/** When a step was done, in Vietnam time, or nothing. */
export function DoneWords(props: { row: ChecklistRow }) {
  const at = props.row.doneAt;
  return at === undefined ? (
    <>
      Chưa thực hiện <En>Not done</En>
    </>
  ) : (
    vnAt(at)
  );
}

/** The number of late steps as the page's flag says it: "2 bước trễ hạn". */
export function lateWords(n: number): { vi: string; en: string } {
  return { vi: `${n} bước trễ hạn`, en: `${n} ${n === 1 ? 'step' : 'steps'} late` };
}

/** The steps as an ordered list (the public timeline): each in the law's words, its article, limit, date and status. */
export function StepList(props: { rows: readonly ChecklistRow[] }) {
  return (
    <ol class="timeline">
      {props.rows.map((r) => (
        <li id={`step-${r.step}`}>
          <p>
            <StatusWords status={r.status} />
          </p>
          <p>
            {r.vi} <En>{r.en}</En>
          </p>
          <p class="hint">
            Căn cứ: {r.cite.vi}. <En>{`Basis: ${r.cite.en}.`}</En>
          </p>
          <p>
            Thời hạn <En bare>(limit)</En>: <DueWords row={r} />
            <br />
            Ngày thực hiện <En bare>(done)</En>: <DoneWords row={r} />
          </p>
        </li>
      ))}
    </ol>
  );
}
