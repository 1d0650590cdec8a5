/**
 * The parts of the officials' record page (./minutes-form-page.tsx): a labelled field, the counting record's form
 * (form 02 or 04: the members, the 2 witnesses, the spoiled slips) and the upload of a scan of the paper copy.
 */
import type { Child } from 'hono/jsx';
import { DOCUMENT_MAX_BYTES } from '../../shared/schemas.ts';
import { Bi } from './parts.tsx';
import { En, showsEnglish } from '../lang.tsx';

/** A labelled input; `name` is the form field. */
export function Field(props: { name: string; value: string; vi: string; en: string; type?: string; required?: boolean; max?: number }): Child {
  return (
    <>
      <label class="field" for={`r-${props.name}`}>
        <Bi vi={props.vi} en={props.en} />
      </label>
      <input
        type={props.type ?? 'text'}
        id={`r-${props.name}`}
        name={props.name}
        value={props.value}
        maxlength={props.type === 'number' ? undefined : (props.max ?? 200)}
        min={props.type === 'number' ? 0 : undefined}
        required={props.required ?? true}
      />
    </>
  );
}

/** What the counting record's form holds, as typed. */
export interface CountingFormValues {
  authority: string;
  unit: string;
  place: string;
  at: string;
  /** Up to 5 members: name and role each. */
  members: { name: string; role: string }[];
  witness1: string;
  witness2: string;
  spoiled: string;
}

export const MEMBER_ROWS = 5;

/** The counting record's form: Decree 59/2023 form 02 (meeting) or 04 (household ballot). */
export function CountingForm(props: { id: string; meeting: boolean; values: CountingFormValues; drafted: boolean }) {
  const v = props.values;
  return (
    <form method="post" action={`/officials/c/${props.id}/minutes/counting`} id="counting-form">
      <h2>
        <Bi
          vi={props.meeting ? 'Biên bản kiểm phiếu (mẫu số 02)' : 'Biên bản kiểm phiếu lấy ý kiến hộ gia đình (mẫu số 04)'}
          en={props.meeting ? 'Counting record (form 02)' : 'Counting record of the household ballot (form 04)'}
        />
      </h2>
      <Field name="c-authority" value={v.authority} vi="Tiêu đề: cơ quan" en="Letterhead: authority" />
      <Field name="c-unit" value={v.unit} vi="Tiêu đề: thôn, tổ dân phố" en="Letterhead: hamlet" />
      <Field name="c-place" value={v.place} vi="Địa điểm kiểm phiếu" en="Where the slips were counted" />
      <Field name="c-at" value={v.at} type="datetime-local" vi="Thời điểm kiểm phiếu (giờ Việt Nam)" en="When (Vietnam time)" />
      <fieldset>
        <legend>
          <Bi vi={props.meeting ? 'Ban kiểm phiếu (3–5 người)' : 'Tổ phát phiếu (3–5 người)'} en="Members (3 to 5)" />
        </legend>
        {Array.from({ length: MEMBER_ROWS }, (_, i) => (
          <p>
            <Field name={`memberName${i + 1}`} value={v.members[i]?.name ?? ''} vi={`Thành viên ${i + 1}: họ tên`} en="name" required={i < 3} />
            <Field name={`memberRole${i + 1}`} value={v.members[i]?.role ?? ''} vi="chức danh trong ban, tổ" en="role" required={i < 3} />
          </p>
        ))}
      </fieldset>
      <Field name="witness1" value={v.witness1} vi="Hộ chứng kiến thứ nhất (mã hộ)" en="First household witness (roll id)" max={64} />
      <Field name="witness2" value={v.witness2} vi="Hộ chứng kiến thứ hai (mã hộ)" en="Second household witness (roll id)" max={64} />
      <Field name="spoiled" value={v.spoiled} type="number" vi="Số phiếu không hợp lệ" en="Spoiled slips" />
      <p class="hint">
        <Bi
          vi="Số phiếu phát ra, thu về và đã kiểm lấy từ kết quả đã ký. Họ tên hộ chứng kiến chỉ ghi trên bản giấy."
          en="The slips issued, returned and entered come from the signed result. The witnesses' names go on the paper copy only."
        />
      </p>
      <p>
        <button type="submit">
          {props.drafted ? 'Lập lại biên bản kiểm phiếu' : 'Lập biên bản kiểm phiếu'} <En bare>{props.drafted ? 'Draft again' : 'Draft'}</En>
        </button>
      </p>
    </form>
  );
}

/** The upload of a scan of the paper copy signed by hand. */
export function ScanForm(props: { id: string; counting: boolean }) {
  return (
    <form method="post" action={`/officials/c/${props.id}/minutes/scans`} enctype="multipart/form-data" id="scan-form">
      <h2>
        <Bi vi="Đăng bản chụp văn bản đã ký tay" en="Publish a scan of the paper copy signed by hand" />
      </h2>
      <p class="hint" id="scan-hint">
        <Bi
          vi={`Tệp PDF, PNG hoặc JPEG, tối đa ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB. Tệp được đăng công khai, mã băm được ghi vào nhật ký.`}
          en={`A PDF, PNG or JPEG file, at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB. It is published, and its hash is recorded in the audit log.`}
        />
      </p>
      <label class="field" for="scan-document">
        <Bi vi="Văn bản" en="Which record" />
      </label>
      <select id="scan-document" name="document">
        <option value="decision">{showsEnglish() ? 'Văn bản quyết định / Decision record' : 'Văn bản quyết định'}</option>
        {props.counting ? <option value="counting">{showsEnglish() ? 'Biên bản kiểm phiếu / Counting record' : 'Biên bản kiểm phiếu'}</option> : null}
      </select>
      <label class="field" for="scan-file">
        <Bi vi="Tệp" en="File" />
      </label>
      <input type="file" id="scan-file" name="file" required accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" aria-describedby="scan-hint" />
      <p>
        <button type="submit">
          Đăng bản chụp <En bare>Publish the scan</En>
        </button>
      </p>
    </form>
  );
}
