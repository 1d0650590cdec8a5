/**
 * The minutes of a published result on the officials' pages: who chaired, who kept the record, the Front's
 * representative and the place (and for a meeting when it began and ended), then the drafted minutes to print and
 * the state of the three signatures. Drafting again is possible until the first signature.
 */
import type { Child } from 'hono/jsx';
import type { MinutesRole } from '../../shared/minutes.ts';
import type { Consultation } from '../../shared/schemas.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';

export interface MinutesFormValues {
  place: string;
  chairName: string;
  chairTitle: string;
  secretaryName: string;
  secretaryTitle: string;
  frontName: string;
  frontOrganisation: string;
  from: string;
  to: string;
}

export interface MinutesFormPageInput {
  official: Official;
  consultation: Consultation;
  values: MinutesFormValues;
  /** The published minutes, once drafted. */
  minutesUrl?: string | undefined;
  /** The roles whose signature holds, and those still to sign (shared/minutes.ts `signatureStatus`). */
  signed: readonly MinutesRole[];
  missing: readonly MinutesRole[];
  /** After the first signature the minutes are fixed. */
  locked: boolean;
  problem?: string | undefined;
}

const ROLE_VI: Record<MinutesRole, string> = { chair: 'Chủ trì', secretary: 'Thư ký', front: 'Đại diện Ban công tác Mặt trận' };
const ROLE_EN: Record<MinutesRole, string> = { chair: 'chair', secretary: 'secretary', front: 'Front representative' };

function Field(props: { name: keyof MinutesFormValues; value: string; vi: string; en: string; type?: string; required?: boolean }): Child {
  return (
    <>
      <label class="field" for={`m-${props.name}`}>
        <Bi vi={props.vi} en={props.en} />
      </label>
      <input type={props.type ?? 'text'} id={`m-${props.name}`} name={props.name} value={props.value} maxlength={200} required={props.required ?? true} />
    </>
  );
}

export function MinutesFormPage(props: MinutesFormPageInput) {
  const c = props.consultation;
  const v = props.values;
  const meeting = c.method === 'meeting';
  return (
    <OfficialFrame title="Biên bản" official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a>
      </p>
      <h1>
        <Bi vi="Biên bản tổng hợp kết quả" en="The minutes of the result" />
      </h1>
      {props.problem ? (
        <p class="panel panel-alert" role="alert" lang="en">
          <Bi vi="Chưa lập được biên bản:" en="The minutes were not drafted:" /> {props.problem}
        </p>
      ) : null}
      {props.minutesUrl ? (
        <div class="panel panel-ok" role="status">
          <p>
            <a href={props.minutesUrl} id="minutes">
              <Bi vi="Xem và in biên bản" en="Read and print the minutes" />
            </a>
          </p>
          <p id="minutes-signed">
            <Bi vi="Đã ký số:" en="Signed:" />{' '}
            {props.signed.length === 0 ? '—' : <Bi vi={props.signed.map((r) => ROLE_VI[r]).join(', ')} en={props.signed.map((r) => ROLE_EN[r]).join(', ')} />}
            <br />
            <Bi vi="Chưa ký:" en="Not signed yet:" />{' '}
            {props.missing.length === 0 ? (
              '—'
            ) : (
              <Bi vi={props.missing.map((r) => ROLE_VI[r]).join(', ')} en={props.missing.map((r) => ROLE_EN[r]).join(', ')} />
            )}
          </p>
          <p>
            <a class="button" href={`/officials/c/${c.id}/minutes/sign`}>
              <Bi vi="Ký số biên bản (chủ trì, thư ký)" en="Sign the minutes (chair, secretary)" />
            </a>
          </p>
          <p class="hint">
            <Bi
              vi="Chủ trì, thư ký (gửi qua tài khoản cán bộ) và đại diện Mặt trận (qua tài khoản Ban giám sát) ký bằng khóa riêng của mình; sau chữ ký đầu tiên biên bản không sửa được nữa."
              en="The chair, the secretary (through an official's account) and the Front representative (through a monitor's) sign with their own keys; after the first signature the minutes are fixed."
            />
          </p>
        </div>
      ) : null}
      {props.locked ? null : (
        <form method="post" action={`/officials/c/${c.id}/minutes`}>
          <Field name="place" value={v.place} vi="Địa điểm" en="Place" />
          <Field name="chairName" value={v.chairName} vi="Người chủ trì: họ tên" en="Chair: name" />
          <Field name="chairTitle" value={v.chairTitle} vi="Người chủ trì: chức danh" en="Chair: office" />
          <Field name="secretaryName" value={v.secretaryName} vi="Thư ký: họ tên" en="Secretary: name" />
          <Field name="secretaryTitle" value={v.secretaryTitle} vi="Thư ký: chức danh" en="Secretary: office" />
          <Field
            name="frontName"
            value={v.frontName}
            vi="Đại diện Ban công tác Mặt trận: họ tên (không bắt buộc)"
            en="Front representative: name (optional)"
            required={false}
          />
          <Field
            name="frontOrganisation"
            value={v.frontOrganisation}
            vi="Đại diện Ban công tác Mặt trận: tổ chức"
            en="Front representative: organisation"
            required={false}
          />
          {meeting ? (
            <>
              <Field name="from" value={v.from} type="datetime-local" vi="Cuộc họp bắt đầu (giờ Việt Nam)" en="Meeting began (Vietnam time)" />
              <Field name="to" value={v.to} type="datetime-local" vi="Cuộc họp kết thúc (giờ Việt Nam)" en="Meeting ended (Vietnam time)" />
            </>
          ) : null}
          <p>
            <button type="submit">
              {props.minutesUrl ? 'Lập lại biên bản' : 'Lập biên bản'} <span lang="en">{props.minutesUrl ? 'Draft again' : 'Draft the minutes'}</span>
            </button>
          </p>
        </form>
      )}
    </OfficialFrame>
  );
}
