/**
 * The decision record of a published result on the officials' pages (Law 10/2022 Art. 20; Decree 59/2023 form 03):
 * the form of the document, the letterhead, the place (and for a meeting when it began and ended), the secretary's
 * summary of the discussion and who signs; then the drafted record to print, its key signatures, the counting record
 * (form 02 or 04) and the scans of the paper copies signed by hand. Drafting again is possible until the first key
 * signature.
 */
import type { DocumentForm, MinutesRole } from '../../shared/minutes.ts';
import type { Consultation } from '../../shared/schemas.ts';
import { FORM_WORDS } from '../record-page.tsx';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';
import { CountingForm, type CountingFormValues, Field, ScanForm } from './record-forms.tsx';
import { En, showsEnglish } from '../lang.tsx';

export type { CountingFormValues } from './record-forms.tsx';

export interface MinutesFormValues {
  form: DocumentForm | '';
  authority: string;
  unit: string;
  place: string;
  from: string;
  to: string;
  summary: string;
  villageHead: string;
  frontHead: string;
  household1: string;
  household2: string;
}

export interface MinutesFormPageInput {
  official: Official;
  consultation: Consultation;
  values: MinutesFormValues;
  counting: CountingFormValues;
  /** The published decision record and counting record, once drafted. */
  minutesUrl?: string | undefined;
  countingUrl?: string | undefined;
  /** The roles whose key signature holds, and those still to sign (shared/minutes.ts `signatureStatus`). */
  signed: readonly MinutesRole[];
  missing: readonly MinutesRole[];
  /** The scans published, each with its link. */
  scans?: readonly { url: string; sha256: string; document: 'decision' | 'counting' }[];
  /** After the first key signature the decision record is fixed. */
  locked: boolean;
  /** What stopped the record, in Vietnamese, and in English (shown with the English). */
  problem?: { vi: string; en?: string | undefined } | undefined;
}

const ROLE_VI: Record<MinutesRole, string> = { village_head: 'Trưởng thôn', front_head: 'Trưởng ban công tác Mặt trận' };
const ROLE_EN: Record<MinutesRole, string> = { village_head: 'village head', front_head: 'head of the Front working committee' };
const roles = (list: readonly MinutesRole[]) =>
  list.length === 0 ? '—' : <Bi vi={list.map((r) => ROLE_VI[r]).join(', ')} en={list.map((r) => ROLE_EN[r]).join(', ')} />;

function State(props: MinutesFormPageInput) {
  const c = props.consultation;
  return (
    <div class="panel panel-ok" role="status">
      <p>
        <a href={props.minutesUrl} id="minutes">
          <Bi vi="Xem và in văn bản quyết định" en="Read and print the decision record" />
        </a>
        {props.countingUrl ? (
          <>
            {' · '}
            <a href={props.countingUrl} id="counting">
              <Bi vi="biên bản kiểm phiếu" en="the counting record" />
            </a>
          </>
        ) : null}
      </p>
      <p id="minutes-signed">
        <Bi vi="Đã ký số:" en="Signed with a key:" /> {roles(props.signed)}
        <br />
        <Bi vi="Chưa ký số:" en="Not signed with a key yet:" /> {roles(props.missing)}
      </p>
      <p>
        <a class="button" href={`/officials/c/${c.id}/minutes/sign`}>
          <Bi vi="Trưởng thôn ký số văn bản" en="The village head signs with a key" />
        </a>
      </p>
      {props.scans?.length ? (
        <ul id="scans">
          {props.scans.map((s) => (
            <li>
              <a href={s.url}>{s.document === 'counting' ? 'Biên bản kiểm phiếu' : 'Văn bản quyết định'}</a> — SHA-256 <code>{s.sha256}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <p class="hint">
        <Bi
          vi="Văn bản in ra được Trưởng thôn, Trưởng ban công tác Mặt trận và 02 đại diện hộ gia đình ký tay, rồi chụp và đăng lên. Trưởng thôn (tài khoản cán bộ) và Trưởng ban công tác Mặt trận (tài khoản Ban giám sát) còn có thể ký số; sau chữ ký số đầu tiên văn bản không sửa được nữa."
          en="The printed record is signed by hand by the village head, the head of the Front working committee and 2 household representatives, then scanned and published. The village head (an official's account) and the Front head (a monitor's) may also sign with their keys; after the first key signature the record is fixed."
        />
      </p>
    </div>
  );
}

function DecisionForm(props: { c: Consultation; v: MinutesFormValues; drafted: boolean }) {
  const { c, v } = props;
  return (
    <form method="post" action={`/officials/c/${c.id}/minutes`} id="decision-form">
      <h2>
        <Bi vi="Văn bản quyết định" en="The decision record" />
      </h2>
      <label class="field" for="r-form">
        <Bi vi="Hình thức văn bản (Trưởng thôn thống nhất với Trưởng ban công tác Mặt trận)" en="Form of the document (agreed with the Front head)" />
      </label>
      <select id="r-form" name="form" required>
        {(Object.keys(FORM_WORDS) as DocumentForm[]).map((f) => (
          <option value={f} selected={v.form === f}>
            {showsEnglish() ? `${FORM_WORDS[f][0]} / ${FORM_WORDS[f][1]}` : FORM_WORDS[f][0]}
          </option>
        ))}
      </select>
      <Field name="authority" value={v.authority} vi="Tiêu đề: cơ quan (UBND XÃ …)" en="Letterhead: authority" />
      <Field name="unit" value={v.unit} vi="Tiêu đề: thôn, tổ dân phố" en="Letterhead: hamlet" />
      <Field name="place" value={v.place} vi="Địa điểm" en="Place" />
      {c.method === 'meeting' ? (
        <>
          <Field name="from" value={v.from} type="datetime-local" vi="Cuộc họp bắt đầu (giờ Việt Nam)" en="Meeting began (Vietnam time)" />
          <Field name="to" value={v.to} type="datetime-local" vi="Cuộc họp kết thúc (giờ Việt Nam)" en="Meeting ended (Vietnam time)" />
        </>
      ) : null}
      <label class="field" for="r-summary">
        <Bi vi="Tóm tắt nội dung thảo luận (thư ký ghi)" en="Summary of the discussion (by the secretary)" />
      </label>
      <textarea id="r-summary" name="summary" rows={6} maxlength={10000} required>
        {v.summary}
      </textarea>
      <p class="hint">
        <Bi
          vi="Các câu hỏi đã được giải trình trong phần thảo luận được đưa vào văn bản kèm câu trả lời."
          en="The discussion's answered questions go into the record with their answers."
        />
      </p>
      <Field name="villageHead" value={v.villageHead} vi="Trưởng thôn: họ tên" en="Village head: name" />
      <Field name="frontHead" value={v.frontHead} vi="Trưởng ban công tác Mặt trận: họ tên" en="Head of the Front working committee: name" />
      <Field name="household1" value={v.household1} vi="Đại diện hộ gia đình ký thứ nhất (mã hộ)" en="First household representative (roll id)" max={64} />
      <Field name="household2" value={v.household2} vi="Đại diện hộ gia đình ký thứ hai (mã hộ)" en="Second household representative (roll id)" max={64} />
      <p>
        <button type="submit">
          {props.drafted ? 'Lập lại văn bản' : 'Lập văn bản'} <En bare>{props.drafted ? 'Draft again' : 'Draft the record'}</En>
        </button>
      </p>
    </form>
  );
}

export function MinutesFormPage(props: MinutesFormPageInput) {
  const c = props.consultation;
  return (
    <OfficialFrame title="Văn bản quyết định" official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a>
      </p>
      <h1>
        <Bi vi="Quyết định của cộng đồng dân cư" en="The community's decision record" />
      </h1>
      {props.problem ? (
        <p class="panel panel-alert" role="alert">
          Chưa lập được: {props.problem.vi} {props.problem.en ? <En>Not done: {props.problem.en}</En> : null}
        </p>
      ) : null}
      {props.minutesUrl ? <State {...props} /> : null}
      {props.locked ? null : <DecisionForm c={c} v={props.values} drafted={props.minutesUrl !== undefined} />}
      {c.method === 'online' ? null : (
        <CountingForm id={c.id} meeting={c.method === 'meeting'} values={props.counting} drafted={props.countingUrl !== undefined} />
      )}
      {props.minutesUrl ? <ScanForm id={c.id} counting={props.countingUrl !== undefined} /> : null}
    </OfficialFrame>
  );
}
