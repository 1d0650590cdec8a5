/**
 * The checklist of a process for officials and monitors: the village head's election or dismissal, a board's
 * election, a community rule. Each step in the law's words with its article, its limit as a Vietnamese day, when it
 * was done, and its status in words with a mark (never colour alone); the late steps flagged at the top. Vietnamese
 * alone unless the request asks for English (`?lang=en`). Pure rendering from `checklist()`'s rows.
 */
import type { Child } from 'hono/jsx';
import type { ChecklistRow } from '../../shared/process/checklist.ts';
import { StaffFrame, type StaffRole } from '../officials/frame.tsx';
import type { Official } from '../officials/model.ts';
import { Bi } from '../officials/parts.tsx';
import { En } from '../lang.tsx';
import { dayEn, dayVi, DoneWords, DueWords, isLate, lateWords, StatusWords } from './words.tsx';

/** The kinds of process that have a checklist, and their names. */
export type ProcessKind = 'village_head_election' | 'dismissal' | 'board_election' | 'community_rule';

export const PROCESS_WORDS: Readonly<Record<ProcessKind, { vi: string; en: string }>> = {
  village_head_election: { vi: 'Bầu Trưởng thôn, Tổ trưởng tổ dân phố', en: 'Electing the village head' },
  dismissal: { vi: 'Cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố', en: 'Dismissing the village head' },
  board_election: { vi: 'Bầu thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng', en: 'Electing board members' },
  community_rule: { vi: 'Hương ước, quy ước', en: 'Community rule' },
};

export interface ChecklistViewInput {
  /** Whose pages: the officials' or the monitors'. */
  role: Extract<StaffRole, 'official' | 'monitor'>;
  who?: Official | undefined;
  kind: ProcessKind;
  /** The hamlet (thôn, tổ dân phố) as the roll names it. */
  hamlet: string;
  /** The day of the community meeting every limit is computed from. */
  meeting: string;
  /** `checklist(steps, events, now)` of the process. */
  rows: readonly ChecklistRow[];
  /** Where the link back goes (the process's page, or the staff home). */
  back?: string | undefined;
  /** Forms or links below the list (recording a step), rendered by the route. */
  children?: Child;
}

const CHECKLIST_STYLE = `
.checklist .step-status{white-space:normal}.checklist td{vertical-align:top}
.checklist [aria-hidden=true]{display:inline-block;min-width:1.2em;font-weight:700}
ol.late li{margin:.25rem 0}
`;

/** The flag at the top: how many steps are late, each linking to its row; or that none is. */
export function LateFlag(props: { rows: readonly ChecklistRow[] }) {
  const late = props.rows.filter(isLate);
  if (late.length === 0) {
    return (
      <div class="panel panel-ok" role="status">
        <p>
          <Bi vi="Không có bước nào trễ hạn." en="No step is late." />
        </p>
      </div>
    );
  }
  const words = lateWords(late.length);
  return (
    <div class="panel panel-alert" role="alert" id="late">
      <h2>
        <span aria-hidden="true">⚠</span> <Bi vi={words.vi} en={words.en} />
      </h2>
      <ol class="late">
        {late.map((r) => (
          <li>
            <a href={`#step-${r.step}`}>{r.vi}</a> — <StatusWords status={r.status} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/** One step as a row: stacked into a card on a narrow screen, each cell labelled. */
function ChecklistRowView(props: { row: ChecklistRow; n: number }) {
  const r = props.row;
  return (
    <tr id={`step-${r.step}`}>
      <td data-label="Bước">
        <strong>{props.n}.</strong> {r.vi} <En>{r.en}</En>
        <br />
        <span class="hint">
          Căn cứ: {r.cite.vi} <En>{`Basis: ${r.cite.en}`}</En>
        </span>
      </td>
      <td data-label="Thời hạn">
        <DueWords row={r} />
      </td>
      <td data-label="Đã thực hiện">
        <DoneWords row={r} />
      </td>
      <td data-label="Trạng thái">
        <StatusWords status={r.status} />
      </td>
    </tr>
  );
}

/** The table of steps, in the process's order. */
export function ChecklistTable(props: { rows: readonly ChecklistRow[] }) {
  return (
    <table class="stack checklist">
      <caption class="hint">
        <Bi vi="Các bước theo quy định, thời hạn và tình trạng" en="The law's steps, their limits and their status" />
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <Bi vi="Bước" en="Step" />
          </th>
          <th scope="col">
            <Bi vi="Thời hạn" en="Limit" />
          </th>
          <th scope="col">
            <Bi vi="Đã thực hiện" en="Done" />
          </th>
          <th scope="col">
            <Bi vi="Trạng thái" en="Status" />
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <ChecklistRowView row={r} n={i + 1} />
        ))}
      </tbody>
    </table>
  );
}

/** The whole page, in the staff frame; the route wraps it in the request's languages. */
export function ChecklistView(props: ChecklistViewInput) {
  const name = PROCESS_WORDS[props.kind];
  return (
    <StaffFrame role={props.role} title={`${name.vi} — ${props.hamlet}`} who={props.who} wide style={CHECKLIST_STYLE}>
      {props.back ? (
        <p>
          <a href={props.back}>
            ← <Bi vi="Quay lại" en="Back" />
          </a>
        </p>
      ) : null}
      <h1>
        <Bi vi={`${name.vi} — ${props.hamlet}`} en={name.en} />
      </h1>
      <p>
        <Bi vi={`Ngày họp cộng đồng dân cư: ${dayVi(props.meeting)}.`} en={`Community meeting: ${dayEn(props.meeting)}.`} />{' '}
        <Bi vi="Các thời hạn được tính từ ngày họp." en="Every limit is counted from the meeting day." />
      </p>
      <LateFlag rows={props.rows} />
      <ChecklistTable rows={props.rows} />
      {props.children}
    </StaffFrame>
  );
}
