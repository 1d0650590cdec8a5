/**
 * The officials' page of a contribution after publication: the schedule's totals in its form's unit, what was
 * collected and spent, a form for a collection (money, workdays or property) and one for spending (no script; amounts
 * as people write them, `300.000`), the village head's report (Law 10/2022 Art. 23(2)), a correction of an entry,
 * and the latest entries. Every entry is recorded in the audit log and published at once.
 */
import { formOf, type LedgerEntry, type LedgerEvent, type LedgerTotals, type Schedule } from '../../shared/contributions.ts';
import type { Consultation, ContributionForm } from '../../shared/schemas.ts';
import { vnNumber } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';
import { ReportForm } from './report-form.tsx';
import { En, showsEnglish, viEn } from '../lang.tsx';

export interface ContributionsPageInput {
  official: Official;
  consultation: Consultation;
  schedule: Schedule;
  ledger: readonly LedgerEvent[];
  totals: LedgerTotals;
  /** The public page of the contributions on the site. */
  publicUrl: string;
  done?: string | undefined;
  /** Why an entry was refused, and the form it came from with what was typed, to show it again. */
  /** The refusal: its general message, the specific reason in Vietnamese (`detail`) and in English (`reason`, shown with the English). */
  problem?: { vi: string; en: string; detail?: string | undefined; reason?: string | undefined } | undefined;
  form?: { kind: string; values: Record<string, string> } | undefined;
}

const DONE: Record<string, readonly [string, string]> = {
  collection: ['Đã ghi khoản thu; trang công khai đã được cập nhật.', 'The collection is recorded; the public page is updated.'],
  spending: ['Đã ghi khoản chi; trang công khai đã được cập nhật.', 'The spending is recorded; the public page is updated.'],
  report: ['Đã đăng báo cáo; trang công khai đã được cập nhật.', 'The report is published; the public page is updated.'],
  correction: ['Đã ghi đính chính; trang công khai đã được cập nhật.', 'The correction is recorded; the public page is updated.'],
};
const KIND: Record<LedgerEntry['type'], readonly [string, string]> = {
  collection: ['Thu', 'Collected'],
  spending: ['Chi', 'Spent'],
  report: ['Báo cáo', 'Report'],
  correction: ['Đính chính', 'Correction'],
};
/** The choices of a collection's form; the schedule's own comes first. */
const FORMS: Record<ContributionForm, readonly [string, string]> = {
  money: ['Tiền (đồng)', 'Money (dong)'],
  labour: ['Ngày công', 'Workdays'],
  property: ['Tài sản (giá trị, đồng)', 'Property (value, dong)'],
};
/** How many entries the page lists, newest first; the public page and ledger.jsonl hold them all. */
const LATEST = 20;

const dong = (n: number) => `${vnNumber(n)} đồng`;
/** An amount in a form's unit: dong, or workdays for labour. */
const amount = (n: number, form: ContributionForm) => (form === 'labour' ? `${vnNumber(n)} ngày công` : dong(n));
const vnDate = (day: string) => day.split('-').reverse().join('/');

function what(e: LedgerEntry): string {
  if (e.type === 'collection') {
    const given = e.form === 'property' ? `tài sản «${e.description ?? ''}» trị giá ${dong(e.amount)}` : amount(e.amount, e.form ?? 'money');
    return `Hộ ${e.rollId}, biên lai ${e.receiptNo}, ngày ${vnDate(e.date)}: ${given}`;
  }
  if (e.type === 'spending') return `${e.purpose}${e.document ? ` (chứng từ ${e.document})` : ''}, ngày ${vnDate(e.date)}: ${dong(e.amount)}`;
  if (e.type === 'report') return `Báo cáo ngày ${vnDate(e.date)}${e.document ? ` (tệp ${e.document.title})` : ''}`;
  return `Hủy mục số ${e.ref}: ${e.reason}`;
}

function Field(props: {
  form: string;
  name: string;
  vi: string;
  en: string;
  value: string | undefined;
  type?: string;
  required?: boolean;
  hint?: string;
  inputmode?: 'numeric';
}) {
  const id = `${props.form}-${props.name}`;
  return (
    <>
      <label class="field" for={id}>
        <Bi vi={props.vi} en={props.en} />
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        type={props.type ?? 'text'}
        id={id}
        name={props.name}
        value={props.value ?? ''}
        required={props.required ?? true}
        {...(props.inputmode ? { inputmode: props.inputmode } : {})}
        {...(props.hint ? { 'aria-describedby': `${id}-hint` } : {})}
      />
    </>
  );
}

export function ContributionsPage(props: ContributionsPageInput) {
  const c = props.consultation;
  const base = `/officials/c/${c.id}/contributions`;
  const t = props.totals;
  const s = props.schedule.totals;
  const done = props.done ? DONE[props.done] : undefined;
  const typed = (kind: string) => (props.form?.kind === kind ? props.form.values : {});
  const col = typed('collection');
  const spe = typed('spending');
  const cor = typed('correction');
  const form = formOf(props.schedule);
  const given = (col.form as ContributionForm | undefined) ?? form;
  const choices = [form, ...(['money', 'labour', 'property'] as const).filter((f) => f !== form)];
  const latest = [...props.ledger].reverse().slice(0, LATEST);
  return (
    <OfficialFrame title={`Đóng góp — ${c.title}`} official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a> · <a href={props.publicUrl}>Trang công khai</a> <En>Public page</En>
      </p>
      <h1>
        <Bi vi="Thu, chi đóng góp" en="Contributions collected and spent" />
      </h1>
      {done ? (
        <div class="panel panel-ok" role="status">
          <p>
            <Bi vi={done[0]} en={done[1]} />
          </p>
        </div>
      ) : null}
      {props.problem ? (
        <div class="panel panel-alert" role="alert" id="problems">
          <h2>
            <Bi vi="Chưa ghi được" en="Not recorded" />
          </h2>
          <p>
            <Bi vi={props.problem.vi} en={props.problem.en} />
          </p>
          {props.problem.detail ? <p>{props.problem.detail}</p> : null}
          {props.problem.reason && showsEnglish() ? <p lang="en">{props.problem.reason}</p> : null}
        </div>
      ) : null}
      <table>
        <tbody>
          <tr>
            <th scope="row">
              <Bi vi="Mức đã thông qua" en="Adopted level" />
            </th>
            <td>
              {amount(props.schedule.level.amountPerUnit, form)}
              {props.schedule.property ? ` — ${props.schedule.property.description}` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">
              <Bi vi="Số hộ (miễn; giảm)" en="Households (exempt; reduced)" />
            </th>
            <td>
              {vnNumber(s.households)} ({vnNumber(s.exempt)}; {vnNumber(s.reduced)})
            </td>
          </tr>
          <tr>
            <th scope="row">
              <Bi vi="Phải thu" en="Due" />
            </th>
            <td>{amount(t.due, form)}</td>
          </tr>
          <tr>
            <th scope="row">
              <Bi vi="Đã thu" en="Collected" />
            </th>
            <td>{amount(t.collected, form)}</td>
          </tr>
          <tr>
            <th scope="row">
              <Bi vi="Còn phải thu" en="Outstanding" />
            </th>
            <td>{amount(t.outstanding, form)}</td>
          </tr>
          <tr>
            <th scope="row">
              <Bi vi="Đã chi" en="Spent" />
            </th>
            <td>{dong(t.spent)}</td>
          </tr>
          <tr>
            <th scope="row">
              <Bi vi="Tồn quỹ" en="Balance" />
            </th>
            <td>{dong(t.balance)}</td>
          </tr>
        </tbody>
      </table>

      <form method="post" action={`${base}/collection`}>
        <h2>
          <Bi vi="Ghi khoản thu" en="Record a collection" />
        </h2>
        <Field form="collection" name="rollId" vi="Mã hộ" en="Roll id" value={col.rollId} />
        <label class="field" for="collection-form">
          <Bi vi="Hình thức" en="Form" />
        </label>
        <select id="collection-form" name="form">
          {choices.map((f) => (
            <option value={f} selected={f === given}>
              {viEn(FORMS[f][0], FORMS[f][1])}
            </option>
          ))}
        </select>
        <Field
          form="collection"
          name="amount"
          vi="Số tiền, số ngày công, hoặc giá trị tài sản (đồng)"
          en="Amount: dong, workdays, or the property's value in dong"
          value={col.amount}
          inputmode="numeric"
          hint="Ví dụ 300.000 đồng, hoặc 2 ngày công / e.g. 300.000 dong, or 2 workdays"
        />
        <Field
          form="collection"
          name="description"
          vi="Tài sản đã nhận (chỉ với tài sản)"
          en="Property received (property only)"
          value={col.description}
          required={false}
        />
        <Field form="collection" name="date" vi="Ngày thu" en="Date" value={col.date} type="date" />
        <Field form="collection" name="receiptNo" vi="Số biên lai" en="Receipt number" value={col.receiptNo} />
        <p>
          <button type="submit">
            Ghi khoản thu <En bare>Record</En>
          </button>
        </p>
      </form>

      <form method="post" action={`${base}/spending`}>
        <h2>
          <Bi vi="Ghi khoản chi" en="Record spending" />
        </h2>
        <Field
          form="spending"
          name="amount"
          vi="Số tiền (đồng)"
          en="Amount (dong)"
          value={spe.amount}
          inputmode="numeric"
          hint="Ví dụ 1.200.000 / e.g. 1.200.000"
        />
        <Field form="spending" name="date" vi="Ngày chi" en="Date" value={spe.date} type="date" />
        <Field form="spending" name="purpose" vi="Nội dung chi" en="Purpose" value={spe.purpose} />
        <Field form="spending" name="document" vi="Số chứng từ (nếu có)" en="Voucher or invoice (if any)" value={spe.document} required={false} />
        <p>
          <button type="submit">
            Ghi khoản chi <En bare>Record</En>
          </button>
        </p>
      </form>

      <ReportForm action={`${base}/report`} values={typed('report')} />

      <form method="post" action={`${base}/correction`}>
        <h2>
          <Bi vi="Đính chính một mục đã ghi" en="Correct an entry" />
        </h2>
        <p>
          <Bi
            vi="Sổ không sửa, không xóa: mục sai được hủy bằng một mục đính chính, rồi ghi lại cho đúng."
            en="Entries are never edited or deleted: a wrong one is reversed by a correction, then recorded again."
          />
        </p>
        <Field form="correction" name="ref" vi="Số thứ tự của mục" en="Entry number" value={cor.ref} inputmode="numeric" />
        <Field form="correction" name="reason" vi="Lý do" en="Reason" value={cor.reason} />
        <p>
          <button type="submit" class="secondary">
            Ghi đính chính <En bare>Record the correction</En>
          </button>
        </p>
      </form>

      <h2>
        <Bi vi="Các mục mới nhất" en="Latest entries" />
      </h2>
      {latest.length === 0 ? (
        <p>
          <Bi vi="Chưa có mục nào." en="No entry yet." />
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <Bi vi="Số" en="No." />
              </th>
              <th scope="col">
                <Bi vi="Loại" en="Kind" />
              </th>
              <th scope="col">
                <Bi vi="Nội dung" en="Entry" />
              </th>
            </tr>
          </thead>
          <tbody>
            {latest.map((e) => (
              <tr>
                <td>{e.seq}</td>
                <td>
                  <Bi vi={KIND[e.entry.type][0]} en={KIND[e.entry.type][1]} />
                </td>
                <td>{what(e.entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OfficialFrame>
  );
}
