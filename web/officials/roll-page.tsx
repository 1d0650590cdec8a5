/**
 * The household roll: upload a CSV or Excel (.xlsx) file (or paste CSV), see every bad line with its reason, or the
 * households counted by category. The upload's answer shows counts only; the households with their heads' names are
 * on the preview page (`RollPreviewPage`), private to the commune's officials, 200 a page, stacked on a phone.
 */
import type { Child } from 'hono/jsx';
import { vnNumber } from '../../shared/numbers.ts';
import type { Category, Consultation, Household, State } from '../../shared/schemas.ts';
import { OfficialFrame } from './frame.tsx';
import type { CategoryCounts, Official } from './model.ts';
import { Bi, StateLabel } from './parts.tsx';
import { En } from '../lang.tsx';

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
          <p>
            <a class="button" href={`/officials/c/${c.id}/roll/households`} id="preview-link">
              Xem trước danh sách vừa tải lên <En bare>Preview the roll just uploaded</En>
            </a>
          </p>
        </div>
      ) : (
        <>
          <ByCategory counts={props.current} caption="Danh sách hiện tại" captionEn="The roll now" />
          {props.current.count > 0 ? (
            <p>
              <a href={`/officials/c/${c.id}/roll/households`} id="preview-link">
                <Bi vi="Xem từng hộ (tên chủ hộ, thôn, số nhân khẩu, diện)" en="See each household (head, hamlet, members, category)" />
              </a>
            </p>
          ) : null}
        </>
      )}
      {open ? (
        <form method="post" action={`/officials/c/${c.id}/roll`} enctype="multipart/form-data">
          <h2>
            <Bi vi="Tải lên danh sách mới" en="Upload a new roll" />
          </h2>
          <p id="roll-hint">
            <Bi
              vi="Tệp Excel (.xlsx, trang tính đầu tiên) hoặc tệp CSV (UTF-8, ngăn cách bằng dấu phẩy hoặc dấu chấm phẩy), tối đa 5 MB. Dòng đầu là tiêu đề cột, theo thứ tự bất kỳ: Mã hộ, Thôn, Chủ hộ, Số nhân khẩu, Diện (hoặc id,hamlet,head,members,category). Diện là Thường, Nghèo, Cận nghèo hoặc Chính sách. Đóng góp theo mét mặt tiền: thêm cột Mặt tiền (m) (số mét, một chữ số thập phân). Danh sách mới thay thế danh sách cũ."
              en="An Excel file (.xlsx, its first sheet) or a CSV file (UTF-8, separated by commas or semicolons), at most 5 MB. The first line names the columns, in any order: id,hamlet,head,members,category (or the Vietnamese names); category is standard, poor, near_poor or policy. For a contribution by metre of frontage, add a column frontage_m (metres, one decimal). It replaces the roll."
            />
          </p>
          <p>
            <a href={`/officials/c/${c.id}/roll/template.csv`} download="mau-danh-sach-ho.csv">
              Tải mẫu danh sách hộ (CSV)
            </a>{' '}
            <En>Download the roll template (CSV)</En>
          </p>
          <p>
            <a href={`/officials/c/${c.id}/roll/template.xlsx`} download="mau-danh-sach-ho.xlsx">
              Tải mẫu danh sách hộ (Excel .xlsx)
            </a>{' '}
            <En>Download the roll template (Excel .xlsx)</En>
          </p>
          <label class="field" for="file">
            <Bi vi="Tệp Excel (.xlsx) hoặc CSV" en="Excel (.xlsx) or CSV file" />
          </label>
          <input
            type="file"
            id="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="roll-hint"
          />
          <label class="field" for="csv">
            <Bi vi="Hoặc dán nội dung CSV" en="Or paste the CSV" />
          </label>
          <textarea id="csv" name="csv" rows={8} aria-describedby="roll-hint" spellcheck={false}>
            {props.pasted ?? ''}
          </textarea>
          <p>
            <button type="submit">
              Tải lên <En bare>Upload</En>
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

/** Households on one page of the preview: a 5,000-household roll is 25 pages, each light on a phone. */
export const PREVIEW_PAGE_SIZE = 200;

/** A hamlet's households by category. */
export interface HamletCounts {
  name: string;
  count: number;
  byCategory: CategoryCounts;
}

/** One page of the preview, worked out from the stored roll (`rollPreview`). */
export interface RollPreview {
  /** The whole roll counted, and each hamlet in Vietnamese order. */
  total: { count: number; byCategory: CategoryCounts };
  hamlets: HamletCounts[];
  /** The households of this page, by hamlet, then by roll id (TD-2 before TD-10). */
  households: Household[];
  page: number;
  pages: number;
  /** The hamlet shown alone, and how many households the list has (all, or that hamlet's). */
  hamlet?: string | undefined;
  listed: number;
}

const emptyCounts = (): CategoryCounts => ({ standard: 0, poor: 0, near_poor: 0, policy: 0 });

/**
 * Sorts, counts and cuts the roll into the page asked for: by hamlet in Vietnamese order, then by roll id with its
 * numbers read as numbers. A page past the end is the last page; an unknown hamlet lists nothing.
 */
export function rollPreview(roll: readonly Household[], options: { page: number; hamlet?: string | undefined }): RollPreview {
  const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
  const sorted = [...roll].sort((a, b) => collator.compare(a.hamlet, b.hamlet) || collator.compare(a.id, b.id) || (a.id < b.id ? -1 : 1));
  const total = { count: roll.length, byCategory: emptyCounts() };
  const byHamlet = new Map<string, HamletCounts>();
  for (const h of sorted) {
    total.byCategory[h.category]++;
    const counts = byHamlet.get(h.hamlet) ?? { name: h.hamlet, count: 0, byCategory: emptyCounts() };
    byHamlet.set(h.hamlet, counts);
    counts.count++;
    counts.byCategory[h.category]++;
  }
  const listed = options.hamlet === undefined ? sorted : sorted.filter((h) => h.hamlet === options.hamlet);
  const pages = Math.max(1, Math.ceil(listed.length / PREVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pages);
  return {
    total,
    hamlets: [...byHamlet.values()],
    households: listed.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE),
    page,
    pages,
    hamlet: options.hamlet,
    listed: listed.length,
  };
}

const CATEGORY_VI: Record<Category, string> = { standard: 'Hộ thường', poor: 'Hộ nghèo', near_poor: 'Hộ cận nghèo', policy: 'Gia đình chính sách' };
const CATEGORY_EN: Record<Category, string> = { standard: 'Standard', poor: 'Poor', near_poor: 'Near-poor', policy: 'Policy' };

/** Decimetres as metres the Vietnamese way: 125 -> "12,5". */
const metres = (dm: number) => (dm % 10 === 0 ? vnNumber(dm / 10) : `${vnNumber(Math.floor(dm / 10))},${dm % 10}`);

/**
 * The counts table and the household list: a table on a wide screen, and below 600 px every row a block with each
 * cell under its own label, so that a 360 px phone never scrolls sideways.
 */
export const PREVIEW_STYLE = `
table.by-hamlet{border-collapse:collapse;width:100%}table.by-hamlet th,table.by-hamlet td{padding:.3rem .5rem;border-bottom:1px solid #ccc;text-align:left}
table.by-hamlet td.n{text-align:right}
ol.households{list-style:none;padding:0;margin:0}ol.households li{border-bottom:1px solid #ccc;padding:.5rem 0}
ol.households .head{font-weight:600;overflow-wrap:anywhere}ol.households .facts{margin:.15rem 0 0;color:#444;overflow-wrap:anywhere}
ol.households .cat{display:inline-block;padding:0 .4rem;border:1px solid #767676;border-radius:4px;font-size:.9rem;margin-left:.35rem}
nav.pager a{display:inline-flex;align-items:center;min-height:44px;margin-right:.75rem}
@media (max-width:600px){table.by-hamlet,table.by-hamlet tbody,table.by-hamlet tr,table.by-hamlet td,table.by-hamlet th{display:block;width:auto}
table.by-hamlet thead{display:none}table.by-hamlet tr{border-bottom:1px solid #ccc;padding:.4rem 0}
table.by-hamlet th,table.by-hamlet td{border:0;padding:.05rem 0}table.by-hamlet td.n{text-align:left}
table.by-hamlet td[data-label]::before{content:attr(data-label) ": ";color:#444}}`;

function HamletTable(props: { preview: RollPreview; href: (page: number, hamlet?: string) => string }) {
  const { total, hamlets, hamlet } = props.preview;
  const labels = CATEGORIES.map(([, vi]) => vi);
  const row = (name: Child, counts: { count: number; byCategory: CategoryCounts }, strong = false) => (
    <tr>
      <th scope="row">{name}</th>
      <td class="n" data-label="Tổng số hộ">
        {strong ? <strong>{vnNumber(counts.count)}</strong> : vnNumber(counts.count)}
      </td>
      {CATEGORIES.map(([key], i) => (
        <td class="n" data-label={labels[i]}>
          {vnNumber(counts.byCategory[key])}
        </td>
      ))}
    </tr>
  );
  return (
    <table class="by-hamlet" id="by-hamlet">
      <caption>
        <Bi vi="Số hộ theo thôn, tổ và theo diện" en="Households by hamlet and category" />
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <Bi vi="Thôn, tổ" en="Hamlet" />
          </th>
          <th scope="col">
            <Bi vi="Tổng số hộ" en="Households" />
          </th>
          {CATEGORIES.map(([, vi, en]) => (
            <th scope="col">
              <Bi vi={vi} en={en} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {hamlets.map((h) =>
          row(
            h.name === hamlet || h.name.length > 100 ? (
              h.name
            ) : (
              <a href={props.href(1, h.name)} aria-label={`Chỉ xem ${h.name}`}>
                {h.name}
              </a>
            ),
            h,
          ),
        )}
        {hamlets.length > 1 ? row(<Bi vi="Cả danh sách" en="Whole roll" />, total, true) : null}
      </tbody>
    </table>
  );
}

function Pager(props: { preview: RollPreview; href: (page: number, hamlet?: string) => string }) {
  const { page, pages, hamlet } = props.preview;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Trang danh sách hộ">
      <p>
        <Bi vi={`Trang ${page}/${pages}`} en={`Page ${page} of ${pages}`} />{' '}
        {page > 1 ? (
          <a href={props.href(page - 1, hamlet)} rel="prev">
            <Bi vi="← Trang trước" en="Previous" />
          </a>
        ) : null}
        {page < pages ? (
          <a href={props.href(page + 1, hamlet)} rel="next">
            <Bi vi="Trang sau →" en="Next" />
          </a>
        ) : null}
      </p>
    </nav>
  );
}

export interface RollPreviewPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  preview: RollPreview;
}

/**
 * The roll as uploaded, for the commune's officials to check before voting opens: the counts by hamlet and
 * category, then each household with its head's name, hamlet, members and category, 200 a page. The names stay
 * here: they are never published.
 */
export function RollPreviewPage(props: RollPreviewPageInput) {
  const c = props.consultation;
  const p = props.preview;
  const base = `/officials/c/${c.id}/roll/households`;
  const href = (page: number, hamlet?: string) => `${base}?page=${page}${hamlet !== undefined ? `&hamlet=${encodeURIComponent(hamlet)}` : ''}`;
  const first = (p.page - 1) * PREVIEW_PAGE_SIZE + 1;
  const last = first + p.households.length - 1;
  return (
    <OfficialFrame title={`Xem trước danh sách hộ — ${c.title}`} official={props.official} style={PREVIEW_STYLE}>
      <p>
        <a href={`/officials/c/${c.id}`} id="round-link">
          ← {c.title}
        </a>{' '}
        · <a href={`/officials/c/${c.id}/roll`}>Danh sách hộ gia đình</a> <StateLabel state={props.state} />
      </p>
      <h1>
        <Bi vi="Xem trước danh sách hộ" en="Roll preview" />
      </h1>
      <p class="panel panel-warn">
        <Bi
          vi="Trang riêng của cán bộ xã: tên chủ hộ không bao giờ được công bố. Kiểm tra từng hộ; nếu có sai, sửa tệp rồi tải lên lại."
          en="Private to the commune's officials: the heads' names are never published. Check each household; if one is wrong, fix the file and upload it again."
        />
      </p>
      {p.total.count === 0 ? (
        <p id="empty">
          <Bi vi="Chưa có hộ nào trong danh sách." en="The roll is empty." />
        </p>
      ) : (
        <>
          <HamletTable preview={p} href={href} />
          <h2 id="list">
            {p.hamlet !== undefined ? <Bi vi={`Các hộ của ${p.hamlet}`} en={`Households of ${p.hamlet}`} /> : <Bi vi="Các hộ" en="Households" />}
          </h2>
          <p id="shown">
            {p.households.length > 0 ? (
              <Bi
                vi={`Hộ thứ ${vnNumber(first)}–${vnNumber(last)} trong ${vnNumber(p.listed)} hộ${p.listed > last ? `, còn ${vnNumber(p.listed - last)} hộ ở các trang sau` : ''}.`}
                en={`Households ${first}–${last} of ${p.listed}.`}
              />
            ) : (
              <Bi vi="Không có hộ nào." en="No households." />
            )}{' '}
            {p.hamlet !== undefined ? (
              <a href={href(1)}>
                <Bi vi="Xem tất cả các thôn" en="All hamlets" />
              </a>
            ) : null}
          </p>
          <Pager preview={p} href={href} />
          <ol class="households" start={first}>
            {p.households.map((h) => (
              <li data-household={h.id}>
                <span class="head">{h.head}</span>
                <span class="cat" data-category={h.category}>
                  <Bi vi={CATEGORY_VI[h.category]} en={CATEGORY_EN[h.category]} />
                </span>
                <p class="facts">
                  Mã hộ {h.id} · {h.hamlet} · {h.members} nhân khẩu
                  {h.frontageDecimetres !== undefined ? ` · mặt tiền ${metres(h.frontageDecimetres)} m` : ''}
                </p>
              </li>
            ))}
          </ol>
          <Pager preview={p} href={href} />
        </>
      )}
    </OfficialFrame>
  );
}
