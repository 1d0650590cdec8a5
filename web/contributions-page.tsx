/**
 * The public page of a contribution after adoption: the level adopted, the dues by roll id, and what was collected
 * and spent against them (Law 10/2022 Art. 11: contributions and their use are disclosed). Households appear only by
 * roll id; the page reads the schedule, which holds no name. No script: the bars are inline SVG with the numbers beside.
 */
import { ledgerTotals, type LedgerEntry, type LedgerEvent, type LedgerTotals, type PaymentStatus, type Schedule } from '../shared/contributions.ts';
import type { Category, Consultation } from '../shared/schemas.ts';
import { percent, vnNumber } from './format.ts';
import { Page, render } from './layout.tsx';

const CATEGORY: Record<Category, readonly [vi: string, en: string]> = {
  standard: ['Hộ thường', 'Standard'],
  poor: ['Hộ nghèo', 'Poor'],
  near_poor: ['Hộ cận nghèo', 'Near-poor'],
  policy: ['Gia đình chính sách', 'Policy household'],
};
const BASIS: Record<Schedule['basis'], readonly [unitVi: string, unitEn: string, howVi: string, howEn: string]> = {
  per_household: ['hộ', 'household', 'theo hộ', 'per household'],
  per_person: ['nhân khẩu', 'person', 'theo nhân khẩu của hộ', 'per member of the household'],
  per_frontage_metre: ['mét mặt tiền', 'metre of frontage', 'theo số mét mặt tiền của hộ', 'per metre of the household’s frontage'],
};
const STATUS: Record<PaymentStatus, readonly [vi: string, en: string]> = {
  paid: ['Đã nộp đủ', 'Paid in full'],
  overpaid: ['Nộp thừa', 'Overpaid'],
  partly: ['Nộp một phần', 'Paid in part'],
  not_yet: ['Chưa nộp', 'Not yet paid'],
  nothing_due: ['Không phải nộp', 'Nothing due'],
};
const ENTRY: Record<LedgerEntry['type'], readonly [vi: string, en: string]> = {
  collection: ['Thu', 'Collected'],
  spending: ['Chi', 'Spent'],
  correction: ['Đính chính', 'Correction'],
};
/** The files of the page's folder, with what each holds. */
const FILES: ReadonlyArray<readonly [name: string, vi: string, en: string]> = [
  ['schedule.json', 'Bảng kê số tiền phải đóng theo mã hộ', 'The dues by roll id'],
  ['schedule.csv', 'Bảng kê kèm số đã nộp (mở bằng Excel)', 'The dues and what was paid, for a spreadsheet'],
  ['ledger.jsonl', 'Sổ thu chi, nối chuỗi bằng mã băm', 'The hash-chained ledger of collections and spending'],
];

/** 12.5 -> "12,5" (Vietnamese decimal comma). */
const vnUnits = (n: number) => String(n).replace('.', ',');
/** "2027-01-05" -> "05/01/2027". */
const vnDate = (day: string) => day.split('-').reverse().join('/');
const dong = (n: number) => `${vnNumber(n)} đồng`;
/** 1234567 -> "1,234,567" for the English beside. */
const enNumber = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** The day of an instant in Vietnam (UTC+7 all year), as "05/01/2027". */
const vnDay = (at: string) => vnDate(new Date(Date.parse(at) + 7 * 3600_000).toISOString().slice(0, 10));

function En(props: { children: string }) {
  return (
    <span lang="en" class="en">
      / {props.children}
    </span>
  );
}

/** One bar of `part` against `whole`, named with its numbers for a screen reader; the same numbers are printed beside. */
function Bar(props: { id: string; title: string; part: number; whole: number }) {
  const width = props.whole > 0 ? Math.round((300 * Math.min(props.part, props.whole)) / props.whole) : 0;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 300 16"
      width="100%"
      style="max-width:20rem;height:auto;display:block"
      role="img"
      aria-labelledby={props.id}
    >
      <title id={props.id}>{props.title}</title>
      <rect x="0" y="0" width="300" height="16" fill="#e6e6e6" stroke="#6b6b6b" stroke-width="1" />
      <rect x="0" y="0" width={width} height="16" fill="#0b4f8a" />
    </svg>
  );
}

function Level(props: { c: Consultation; s: Schedule }) {
  const { c, s } = props;
  const q = c.questions.find((x) => x.id === s.level.questionId);
  const option = q?.options.find((o) => o.id === s.level.optionId);
  const [unitVi, unitEn, howVi, howEn] = BASIS[s.basis];
  const share = s.residentsShare;
  return (
    <section>
      <h2>
        Mức đóng góp đã được thông qua <En>Adopted contribution level</En>
      </h2>
      <p class="outcome adopted">
        {dong(s.level.amountPerUnit)}/{unitVi} <En>{`${enNumber(s.level.amountPerUnit)} dong per ${unitEn}`}</En>
      </p>
      {q ? (
        <p>
          Theo kết quả biểu quyết câu hỏi «{q.text}»{option ? `, phương án «${option.label}»` : ''}.{' '}
          <En>{`Adopted by question ${q.id}${option ? `, option ${option.id}` : ''}.`}</En>
        </p>
      ) : null}
      <p>
        Cách tính: {howVi}. <En>{`Basis: ${howEn}.`}</En>
      </p>
      {s.exemptions.length === 0 ? (
        <p>
          Không có miễn, giảm. <En>No exemptions or reductions.</En>
        </p>
      ) : (
        <ul>
          {s.exemptions.map((e) => (
            <li>
              {CATEGORY[e.category][0]}: {e.percent === 100 ? 'được miễn' : `được giảm ${e.percent}%`}{' '}
              <En>{`${CATEGORY[e.category][1]}: ${e.percent === 100 ? 'exempt' : `${e.percent}% off`}`}</En>
            </li>
          ))}
        </ul>
      )}
      <p>
        Số tiền mỗi hộ phải đóng được làm tròn xuống đến đồng{s.rounding.multiple > 1 ? `, rồi xuống bội số của ${dong(s.rounding.multiple)}` : ''}: không hộ
        nào phải đóng nhiều hơn mức đã biểu quyết.{' '}
        <En>{`Each due is rounded down to whole dong${s.rounding.multiple > 1 ? `, then down to a multiple of ${enNumber(s.rounding.multiple)} dong` : ''}: no household owes more than the vote said.`}</En>
      </p>
      <p>
        Phần nhân dân đóng góp theo dự toán: {dong(share.amount)}; tổng số phải đóng theo bảng kê: {dong(s.totals.due)}
        {share.shortfall > 0
          ? `; còn thiếu ${dong(share.shortfall)} so với dự toán`
          : share.surplus > 0
            ? `; dư ${dong(share.surplus)} so với dự toán`
            : '; vừa đủ'}
        .{' '}
        <En>{`Residents' share ${enNumber(share.amount)} dong; total due ${enNumber(s.totals.due)} dong${share.shortfall > 0 ? `; ${enNumber(share.shortfall)} dong short` : share.surplus > 0 ? `; ${enNumber(share.surplus)} dong over` : '; exactly covered'}.`}</En>
      </p>
    </section>
  );
}

function Progress(props: { t: LedgerTotals }) {
  const { t } = props;
  const order: PaymentStatus[] = ['paid', 'overpaid', 'partly', 'not_yet', 'nothing_due'];
  return (
    <section>
      <h2>
        Thu và chi <En>Collected and spent</En>
      </h2>
      <p>
        Đã thu {dong(t.collected)} trên tổng số phải thu {dong(t.due)} ({percent(t.collected, t.due)}); còn phải thu {dong(t.outstanding)}.{' '}
        <En>{`Collected ${enNumber(t.collected)} of ${enNumber(t.due)} dong due; ${enNumber(t.outstanding)} dong outstanding.`}</En>
      </p>
      <Bar
        id="bar-collected"
        title={`Đã thu ${dong(t.collected)} trên ${dong(t.due)} phải thu (${percent(t.collected, t.due)})`}
        part={t.collected}
        whole={t.due}
      />
      <p>
        Đã chi {dong(t.spent)} trên số đã thu {dong(t.collected)}; {t.balance >= 0 ? `còn lại ${dong(t.balance)}` : `chi vượt số đã thu ${dong(-t.balance)}`}.{' '}
        <En>{`Spent ${enNumber(t.spent)} of ${enNumber(t.collected)} dong collected; ${t.balance >= 0 ? `${enNumber(t.balance)} dong left` : `${enNumber(-t.balance)} dong more than collected`}.`}</En>
      </p>
      <Bar id="bar-spent" title={`Đã chi ${dong(t.spent)} trên ${dong(t.collected)} đã thu`} part={t.spent} whole={t.collected} />
      <ul>
        {order.map((status) => (
          <li>
            {STATUS[status][0]}: {vnNumber(t.count[status])} hộ <En>{`${STATUS[status][1]}: ${t.count[status]}`}</En>
          </li>
        ))}
      </ul>
      {t.overpayments.length > 0 ? (
        <p>
          Nộp thừa, cần hoàn lại hoặc đính chính: {t.overpayments.map((o) => `${o.id} (${dong(o.amount)})`).join(', ')}.{' '}
          <En>Overpaid, to be refunded or corrected.</En>
        </p>
      ) : null}
      {t.unknown.length > 0 ? (
        <p>
          Khoản thu ghi cho mã hộ không có trong bảng kê: {t.unknown.map((u) => `${u.rollId} (${dong(u.amount)})`).join(', ')}.{' '}
          <En>Collections for roll ids not on the schedule.</En>
        </p>
      ) : null}
    </section>
  );
}

function Dues(props: { s: Schedule; t: LedgerTotals }) {
  const { s, t } = props;
  return (
    <section>
      <h2 id="dues-heading">
        Bảng kê theo mã hộ <En>Dues by roll id</En>
      </h2>
      <div role="region" aria-labelledby="dues-heading" tabindex={0} style="overflow-x:auto">
        <table>
          <caption>
            Số tiền phải đóng và đã nộp của từng hộ, theo mã hộ (không ghi tên). <En>What each household owes and has paid, by roll id (no names).</En>
          </caption>
          <thead>
            <tr>
              <th scope="col">Mã hộ</th>
              <th scope="col">Loại hộ</th>
              <th scope="col" class="n">
                Số {BASIS[s.basis][0]}
              </th>
              <th scope="col" class="n">
                Theo mức
              </th>
              <th scope="col" class="n">
                Miễn, giảm
              </th>
              <th scope="col" class="n">
                Phải đóng
              </th>
              <th scope="col" class="n">
                Đã nộp
              </th>
              <th scope="col" class="n">
                Còn phải nộp
              </th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {s.households.map((r, i) => {
              const p = t.households[i]!;
              return (
                <tr>
                  <th scope="row">{r.id}</th>
                  <td>{CATEGORY[r.category][0]}</td>
                  <td class="n">{vnUnits(r.units)}</td>
                  <td class="n">{vnNumber(r.gross)}</td>
                  <td class="n">{r.exemptPercent > 0 ? `${r.exemptPercent}%` : ''}</td>
                  <td class="n">{vnNumber(r.due)}</td>
                  <td class="n">{vnNumber(p.collected)}</td>
                  <td class="n">{vnNumber(p.outstanding)}</td>
                  <td>{STATUS[p.status][0]}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Tổng cộng</th>
              <td>{vnNumber(s.totals.households)} hộ</td>
              <td class="n"></td>
              <td class="n">{vnNumber(s.totals.gross)}</td>
              <td class="n"></td>
              <td class="n">{vnNumber(s.totals.due)}</td>
              <td class="n">{vnNumber(t.households.reduce((sum, h) => sum + h.collected, 0))}</td>
              <td class="n">{vnNumber(t.outstanding)}</td>
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** What a ledger entry says, in Vietnamese; the amount column carries the money. */
function entryDetail(entry: LedgerEntry): string {
  if (entry.type === 'collection') return `Hộ ${entry.rollId}, biên lai số ${entry.receiptNo}`;
  if (entry.type === 'spending') return entry.document ? `${entry.purpose} (chứng từ: ${entry.document})` : entry.purpose;
  return `Hủy mục số ${entry.ref}: ${entry.reason}`;
}

function Ledger(props: { ledger: readonly LedgerEvent[] }) {
  const bySeq = new Map(props.ledger.map((e) => [e.seq, e]));
  const correctedBy = new Map(props.ledger.flatMap((e) => (e.entry.type === 'correction' ? [[e.entry.ref, e.seq] as const] : [])));
  const signed = (e: LedgerEvent | undefined): number => (e?.entry.type === 'collection' ? e.entry.amount : e?.entry.type === 'spending' ? -e.entry.amount : 0);
  const newestFirst = [...props.ledger].sort((a, b) => b.seq - a.seq);
  return (
    <section>
      <h2 id="ledger-heading">
        Sổ thu chi <En>Ledger</En>
      </h2>
      {newestFirst.length === 0 ? (
        <p>
          Chưa có khoản thu, chi nào. <En>Nothing collected or spent yet.</En>
        </p>
      ) : (
        // As wide as the dues on a 360 px phone: it scrolls in its own region, the page does not.
        <div role="region" aria-labelledby="ledger-heading" tabindex={0} style="overflow-x:auto">
          <table>
            <caption>
              Mọi khoản thu, chi, mới nhất trước; sai sót được sửa bằng một mục đính chính, không xóa.{' '}
              <En>Every entry, newest first; a mistake is corrected by a new entry, never erased.</En>
            </caption>
            <thead>
              <tr>
                <th scope="col" class="n">
                  Số
                </th>
                <th scope="col">Ngày</th>
                <th scope="col">Loại</th>
                <th scope="col">Nội dung</th>
                <th scope="col" class="n">
                  Số tiền (đồng)
                </th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((e) => {
                const amount = e.entry.type === 'correction' ? -signed(bySeq.get(e.entry.ref)) : signed(e);
                const by = correctedBy.get(e.seq);
                return (
                  <tr>
                    <th scope="row" class="n">
                      {e.seq}
                    </th>
                    <td>{e.entry.type === 'correction' ? vnDay(e.at) : vnDate(e.entry.date)}</td>
                    <td>
                      {ENTRY[e.entry.type][0]} <En>{ENTRY[e.entry.type][1]}</En>
                    </td>
                    <td>
                      {entryDetail(e.entry)}
                      {by !== undefined ? ` — đã hủy bởi mục số ${by}` : ''}
                    </td>
                    <td class="n">{amount > 0 ? `+${vnNumber(amount)}` : amount < 0 ? `−${vnNumber(-amount)}` : '0'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export interface ContributionsPageInput {
  consultation: Consultation;
  schedule: Schedule;
  /** The ledger's events in order (verifyLedger's `events`). */
  ledger: readonly LedgerEvent[];
  /** The site root relative to the page; the page sits beside schedule.json, schedule.csv and ledger.jsonl. */
  base?: string;
}

/** The page `c/<id>/contributions/index.html` (the folder is the caller's choice; `base` leads back to the site root). */
export function contributionsPage({ consultation: c, schedule, ledger, base = '../../../' }: ContributionsPageInput): string {
  const totals = ledgerTotals(schedule, ledger);
  return render(
    <Page title={`Đóng góp: ${c.title}`} base={base}>
      <h1>Đóng góp: {c.title}</h1>
      {c.titleEn ? (
        <p lang="en" class="en">
          Contributions: {c.titleEn}
        </p>
      ) : null}
      <p>
        {c.scope.name} · <a href={`${base}c/${c.id}/`}>Kết quả biểu quyết</a> <En>Result of the vote</En>
      </p>
      <Level c={c} s={schedule} />
      <Progress t={totals} />
      <Dues s={schedule} t={totals} />
      <Ledger ledger={ledger} />
      <section>
        <h2>
          Dữ liệu mở <En>Open data</En>
        </h2>
        <ul>
          {FILES.map(([name, vi, en]) => (
            <li>
              <a href={name}>{name}</a> — {vi} <En>{en}</En>
            </li>
          ))}
        </ul>
      </section>
    </Page>,
  );
}
