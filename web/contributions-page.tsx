/**
 * The public page of a contribution after adoption: the level adopted, the dues by roll id, and what was collected
 * and spent against them (Law 10/2022 Art. 11: contributions and their use are disclosed). Households appear only by
 * roll id; the page reads the schedule, which holds no name. No script: the bars are inline SVG with the numbers beside.
 */
import { formOf, ledgerTotals, type LedgerEvent, type LedgerTotals, type PaymentStatus, type Schedule } from '../shared/contributions.ts';
import type { Consultation, ContributionForm } from '../shared/schemas.ts';
import { Ledger, Reports } from './contributions-ledger.tsx';
import { BASIS, CATEGORY, En, enAmount, enNumber, FORM, GIVEN, STATUS, vnAmount, vnUnits } from './contributions-words.tsx';
import { percent, vnNumber } from './format.ts';
import { Page, render } from './layout.tsx';

/** The files of the page's folder, with what each holds. */
const FILES: ReadonlyArray<readonly [name: string, vi: string, en: string]> = [
  ['schedule.json', 'Bảng kê số phải đóng góp theo mã hộ', 'The dues by roll id'],
  ['schedule.csv', 'Bảng kê kèm số đã nộp (mở bằng Excel)', 'The dues and what was given, for a spreadsheet'],
  ['ledger.jsonl', 'Sổ thu chi và báo cáo thực hiện, nối chuỗi bằng mã băm', 'The hash-chained ledger of collections, spending and reports'],
];

const dong = (n: number) => `${vnNumber(n)} đồng`;

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

/** The level in its unit, and for property what is given: "400.000 đồng/hộ", "2 ngày công/nhân khẩu". */
function LevelWords(props: { s: Schedule; form: ContributionForm }) {
  const { s, form } = props;
  const [unitVi, unitEn] = BASIS[s.basis];
  return (
    <>
      <p class="outcome adopted">
        {vnAmount(s.level.amountPerUnit, form)}/{unitVi} <En>{`${enAmount(s.level.amountPerUnit, form)} per ${unitEn}`}</En>
      </p>
      <p>
        Hình thức đóng góp: {FORM[form][0]}
        {s.property ? ` — ${s.property.description}, trị giá ${dong(s.property.value)}; mỗi hộ góp phần giá trị theo mức trên` : ''}.{' '}
        <En>{`Given ${FORM[form][1]}${s.property ? `, valued at ${enNumber(s.property.value)} dong; each household gives its share of that value` : ''}.`}</En>
      </p>
    </>
  );
}

/** The rounding rule in the form's unit (schedule.ts ROUNDING). */
function Rounding(props: { s: Schedule; form: ContributionForm }) {
  const { s, form } = props;
  const unitVi = form === 'labour' ? 'ngày công' : 'đồng';
  const unitEn = form === 'labour' ? 'workday' : 'dong';
  const multiple = s.rounding.multiple;
  return (
    <p>
      Số {form === 'labour' ? 'ngày công' : 'tiền'} mỗi hộ phải đóng được làm tròn xuống đến {unitVi}
      {multiple > 1 ? `, rồi xuống bội số của ${vnAmount(multiple, form)}` : ''}: không hộ nào phải đóng nhiều hơn mức đã biểu quyết.{' '}
      <En>{`Each due is rounded down to a whole ${unitEn}${multiple > 1 ? `, then down to a multiple of ${enAmount(multiple, form)}` : ''}: no household owes more than the vote said.`}</En>
    </p>
  );
}

/** The residents' share in the form's unit against the total due. */
function Share(props: { s: Schedule; form: ContributionForm }) {
  const { s, form } = props;
  const share = s.residentsShare;
  const what = { money: 'Phần nhân dân đóng góp', labour: 'Số ngày công nhân dân đóng góp', property: 'Giá trị tài sản nhân dân đóng góp' }[form];
  const vi = (n: number) => vnAmount(n, form);
  const en = (n: number) => enAmount(n, form);
  return (
    <p>
      {what} theo dự toán: {vi(share.amount)}; tổng số phải đóng theo bảng kê: {vi(s.totals.due)}
      {share.shortfall > 0 ? `; còn thiếu ${vi(share.shortfall)} so với dự toán` : share.surplus > 0 ? `; dư ${vi(share.surplus)} so với dự toán` : '; vừa đủ'}.{' '}
      <En>{`Residents' share ${en(share.amount)}; total due ${en(s.totals.due)}${share.shortfall > 0 ? `; ${en(share.shortfall)} short` : share.surplus > 0 ? `; ${en(share.surplus)} over` : '; exactly covered'}.`}</En>
    </p>
  );
}

function Level(props: { c: Consultation; s: Schedule }) {
  const { c, s } = props;
  const form = formOf(s);
  const q = c.questions.find((x) => x.id === s.level.questionId);
  const option = q?.options.find((o) => o.id === s.level.optionId);
  const [, , howVi, howEn] = BASIS[s.basis];
  return (
    <section>
      <h2>
        Mức đóng góp đã được thông qua <En>Adopted contribution level</En>
      </h2>
      <LevelWords s={s} form={form} />
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
      <Rounding s={s} form={form} />
      <Share s={s} form={form} />
    </section>
  );
}

/** What was given in other forms than the schedule's: recorded, not counted against any due. */
function OtherForms(props: { t: LedgerTotals }) {
  const others = (['money', 'labour', 'property'] as const).filter((f) => f !== props.t.form && props.t.collectedByForm[f] > 0);
  if (others.length === 0) return null;
  const words = (vi: boolean) =>
    others
      .map((f) => (vi ? `${vnAmount(props.t.collectedByForm[f], f)} ${FORM[f][0]}` : `${enAmount(props.t.collectedByForm[f], f)} ${FORM[f][1]}`))
      .join('; ');
  return (
    <p>
      Ngoài ra đã nhận {words(true)}; không tính vào số phải đóng, vì mức đã thông qua không quy đổi giữa các hình thức.{' '}
      <En>{`Also received ${words(false)}; not counted against any due, as the adopted level sets no rate between forms.`}</En>
    </p>
  );
}

function Progress(props: { t: LedgerTotals }) {
  const { t } = props;
  const form = t.form;
  const [given, dueWords, left] = GIVEN[form];
  const vi = (n: number) => vnAmount(n, form);
  const en = (n: number) => enAmount(n, form);
  const order: PaymentStatus[] = ['paid', 'overpaid', 'partly', 'not_yet', 'nothing_due'];
  // Money is spent in every form; for labour and property the spending lines show once there is money to speak of.
  const money = form === 'money' || t.collectedByForm.money > 0 || t.spent > 0;
  return (
    <section>
      <h2>
        Thu và chi <En>Collected and spent</En>
      </h2>
      <p>
        {given} {vi(t.collected)} trên {dueWords} {vi(t.due)} ({percent(t.collected, t.due)}); {left} {vi(t.outstanding)}.{' '}
        <En>{`Collected ${en(t.collected)} of ${en(t.due)} due; ${en(t.outstanding)} outstanding.`}</En>
      </p>
      <Bar id="bar-collected" title={`${given} ${vi(t.collected)} trên ${vi(t.due)} (${percent(t.collected, t.due)})`} part={t.collected} whole={t.due} />
      <OtherForms t={t} />
      {money ? (
        <>
          <p>
            Đã chi {dong(t.spent)} trên số{form === 'money' ? '' : ' tiền'} đã thu {dong(t.collectedByForm.money)};{' '}
            {t.balance >= 0 ? `còn lại ${dong(t.balance)}` : `chi vượt số đã thu ${dong(-t.balance)}`}.{' '}
            <En>{`Spent ${enNumber(t.spent)} of ${enNumber(t.collectedByForm.money)} dong collected; ${t.balance >= 0 ? `${enNumber(t.balance)} dong left` : `${enNumber(-t.balance)} dong more than collected`}.`}</En>
          </p>
          <Bar id="bar-spent" title={`Đã chi ${dong(t.spent)} trên ${dong(t.collectedByForm.money)} đã thu`} part={t.spent} whole={t.collectedByForm.money} />
        </>
      ) : null}
      <ul>
        {order.map((status) => (
          <li>
            {STATUS[status][0]}: {vnNumber(t.count[status])} hộ <En>{`${STATUS[status][1]}: ${t.count[status]}`}</En>
          </li>
        ))}
      </ul>
      {t.overpayments.length > 0 ? (
        <p>
          Nộp thừa, cần hoàn lại hoặc đính chính: {t.overpayments.map((o) => `${o.id} (${vi(o.amount)})`).join(', ')}.{' '}
          <En>Overpaid, to be refunded or corrected.</En>
        </p>
      ) : null}
      {t.unknown.length > 0 ? (
        <p>
          Khoản thu ghi cho mã hộ không có trong bảng kê: {t.unknown.map((u) => `${u.rollId} (${vi(u.amount)})`).join(', ')}.{' '}
          <En>Collections for roll ids not on the schedule.</En>
        </p>
      ) : null}
    </section>
  );
}

function Dues(props: { s: Schedule; t: LedgerTotals }) {
  const { s, t } = props;
  const form = t.form;
  const unit = form === 'money' ? '' : form === 'labour' ? ' (ngày công)' : ' (đồng)';
  const captionEn = {
    money: 'What each household owes and has paid, by roll id (no names).',
    labour: 'The workdays each household owes and has given, by roll id (no names).',
    property: 'The property value in dong each household owes and has given, by roll id (no names).',
  }[form];
  return (
    <section>
      <h2 id="dues-heading">
        Bảng kê theo mã hộ <En>Dues by roll id</En>
      </h2>
      <div role="region" aria-labelledby="dues-heading" tabindex={0} style="overflow-x:auto">
        <table class="stack">
          <caption>
            {GIVEN[form][3]}, theo mã hộ (không ghi tên). <En>{captionEn}</En>
          </caption>
          <thead>
            <tr>
              <th scope="col">Mã hộ</th>
              <th scope="col">Loại hộ</th>
              <th scope="col" class="n">
                Số {BASIS[s.basis][0]}
              </th>
              <th scope="col" class="n">
                Theo mức{unit}
              </th>
              <th scope="col" class="n">
                Miễn, giảm
              </th>
              <th scope="col" class="n">
                Phải đóng{unit}
              </th>
              <th scope="col" class="n">
                Đã nộp{unit}
              </th>
              <th scope="col" class="n">
                Còn phải nộp{unit}
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
                  <td data-label="Loại hộ">{CATEGORY[r.category][0]}</td>
                  <td class="n" data-label={`Số ${BASIS[s.basis][0]}`}>
                    {vnUnits(r.units)}
                  </td>
                  <td class="n" data-label={`Theo mức${unit}`}>
                    {vnNumber(r.gross)}
                  </td>
                  <td class="n" data-label="Miễn, giảm">
                    {r.exemptPercent > 0 ? `${r.exemptPercent}%` : ''}
                  </td>
                  <td class="n" data-label={`Phải đóng${unit}`}>
                    {vnNumber(r.due)}
                  </td>
                  <td class="n" data-label={`Đã nộp${unit}`}>
                    {vnNumber(p.collected)}
                  </td>
                  <td class="n" data-label={`Còn phải nộp${unit}`}>
                    {vnNumber(p.outstanding)}
                  </td>
                  <td data-label="Tình trạng">{STATUS[p.status][0]}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Tổng cộng</th>
              <td>{vnNumber(s.totals.households)} hộ</td>
              <td class="n"></td>
              <td class="n" data-label={`Theo mức${unit}`}>
                {vnNumber(s.totals.gross)}
              </td>
              <td class="n"></td>
              <td class="n" data-label={`Phải đóng${unit}`}>
                {vnNumber(s.totals.due)}
              </td>
              <td class="n" data-label={`Đã nộp${unit}`}>
                {vnNumber(t.households.reduce((sum, h) => sum + h.collected, 0))}
              </td>
              <td class="n" data-label={`Còn phải nộp${unit}`}>
                {vnNumber(t.outstanding)}
              </td>
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>
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
      <Reports ledger={ledger} docsBase={`${base}c/${c.id}/`} />
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
