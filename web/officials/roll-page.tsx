/**
 * The household roll: upload a CSV file (or paste it), see every bad line with its reason, or the households
 * counted by category. Only the count leaves this page: household heads' names are never shown back.
 */
import type { Consultation, State } from '../../shared/schemas.ts';
import { OfficialFrame } from './frame.tsx';
import type { CategoryCounts, Official } from './model.ts';
import { Bi, StateLabel } from './parts.tsx';

/** A bad line of the file (`line`), or a problem of the whole upload: always in Vietnamese, then in English. */
export interface RollProblem {
  line?: number | undefined;
  vi: string;
  en: string;
}

export interface RollPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  /** The roll as stored now. */
  current: { count: number; byCategory: CategoryCounts };
  /** The roll just uploaded. */
  uploaded?: { count: number; byCategory: CategoryCounts } | undefined;
  /** Why the upload was refused: one entry per bad line (or a problem of the whole file). */
  problems?: readonly RollProblem[] | undefined;
  /** The pasted text, shown again after a refusal (when small). */
  pasted?: string | undefined;
}

const CATEGORIES = [
  ['standard', 'Hộ thường', 'Standard'],
  ['poor', 'Hộ nghèo', 'Poor'],
  ['near_poor', 'Hộ cận nghèo', 'Near-poor'],
  ['policy', 'Gia đình chính sách', 'Policy'],
] as const;

function ByCategory(props: { counts: { count: number; byCategory: CategoryCounts }; caption: string; captionEn: string }) {
  return (
    <table>
      <caption>
        <Bi vi={props.caption} en={props.captionEn} />
      </caption>
      <tbody>
        {CATEGORIES.map(([key, vi, en]) => (
          <tr>
            <th scope="row">
              <Bi vi={vi} en={en} />
            </th>
            <td class="n" data-category={key}>
              {props.counts.byCategory[key]}
            </td>
          </tr>
        ))}
        <tr>
          <th scope="row">
            <Bi vi="Tổng số hộ" en="All households" />
          </th>
          <td class="n">
            <strong data-total="">{props.counts.count}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function RollPage(props: RollPageInput) {
  const c = props.consultation;
  const open = props.state === 'draft' || props.state === 'disclosure';
  const problems = props.problems ?? [];
  return (
    <OfficialFrame title={`Danh sách hộ — ${c.title}`} official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a> <StateLabel state={props.state} />
      </p>
      <h1>
        <Bi vi="Danh sách hộ gia đình" en="Household roll" />
      </h1>
      {problems.length > 0 ? (
        <div class="panel panel-alert" role="alert" id="problems">
          <h2>
            <Bi vi={`Chưa tải lên: ${problems.length} lỗi`} en={`Not uploaded: ${problems.length} problem(s)`} />
          </h2>
          <p>
            <Bi vi="Không dòng nào được nhận. Hãy sửa tệp rồi tải lên lại." en="Nothing was taken. Fix the file and upload it again." />
          </p>
          <ul>
            {problems.map((p) => (
              <li>
                {p.line !== undefined ? <strong>Dòng {p.line}: </strong> : null}
                <Bi vi={p.vi} en={p.en} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.uploaded ? (
        <div class="panel panel-ok" role="status" id="uploaded">
          <h2>
            <Bi vi={`Đã tải lên ${props.uploaded.count} hộ`} en={`${props.uploaded.count} households uploaded`} />
          </h2>
          <ByCategory counts={props.uploaded} caption="Số hộ theo loại" captionEn="Households by category" />
        </div>
      ) : (
        <ByCategory counts={props.current} caption="Danh sách hiện tại" captionEn="The roll now" />
      )}
      {open ? (
        <form method="post" action={`/officials/c/${c.id}/roll`} enctype="multipart/form-data">
          <h2>
            <Bi vi="Tải lên danh sách mới" en="Upload a new roll" />
          </h2>
          <p id="roll-hint">
            <Bi
              vi="Tệp CSV (UTF-8, tối đa 5 MB), ngăn cách bằng dấu phẩy hoặc dấu chấm phẩy. Dòng đầu là tiêu đề cột, theo thứ tự bất kỳ: Mã hộ, Thôn, Chủ hộ, Số nhân khẩu, Diện (hoặc id,hamlet,head,members,category). Diện là Thường, Nghèo, Cận nghèo hoặc Chính sách. Đóng góp theo mét mặt tiền: thêm cột Mặt tiền (m) (số mét, một chữ số thập phân). Danh sách mới thay thế danh sách cũ."
              en="A CSV file (UTF-8, at most 5 MB), separated by commas or semicolons. The first line names the columns, in any order: id,hamlet,head,members,category (or the Vietnamese names); category is standard, poor, near_poor or policy. For a contribution by metre of frontage, add a column frontage_m (metres, one decimal). It replaces the roll."
            />
          </p>
          <p>
            <a href={`/officials/c/${c.id}/roll/template.csv`} download="mau-danh-sach-ho.csv">
              Tải mẫu danh sách hộ (CSV)
            </a>{' '}
            <span lang="en" class="en">
              Download the roll template (CSV)
            </span>
          </p>
          <label class="field" for="file">
            <Bi vi="Tệp CSV" en="CSV file" />
          </label>
          <input type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby="roll-hint" />
          <label class="field" for="csv">
            <Bi vi="Hoặc dán nội dung CSV" en="Or paste the CSV" />
          </label>
          <textarea id="csv" name="csv" rows={8} aria-describedby="roll-hint" spellcheck={false}>
            {props.pasted ?? ''}
          </textarea>
          <p>
            <button type="submit">
              Tải lên <span lang="en">Upload</span>
            </button>
          </p>
        </form>
      ) : (
        <p class="panel panel-warn">
          <Bi vi="Danh sách đã được chốt khi mở biểu quyết; không thể thay đổi." en="The roll was frozen when voting opened; it cannot change." />
        </p>
      )}
    </OfficialFrame>
  );
}
