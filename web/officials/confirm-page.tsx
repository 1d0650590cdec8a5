/**
 * The step before an act that cannot be undone (disclose, open voting, cancel, seal the code slips, close), each
 * saying what follows, and the page after closing with the link to the result.
 */
import type { Child } from 'hono/jsx';
import type { Consultation } from '../../shared/schemas.ts';
import { vnTime } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';
import { En } from '../lang.tsx';

export interface ConfirmPageInput {
  official: Official;
  consultation: Consultation;
  title: { vi: string; en: string };
  /** What happens, said before the button. */
  children: Child;
  action: string;
  button: { vi: string; en: string };
  danger?: boolean;
  /** Whether the act may go ahead now (otherwise the reason is in `children` and there is no button). */
  allowed: boolean;
  /** Fields the act needs, inside the form before the button (a reason, say). */
  fields?: Child;
}

export function ConfirmPage(props: ConfirmPageInput) {
  const c = props.consultation;
  return (
    <OfficialFrame title={props.title.vi} official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a>
      </p>
      <h1>
        <Bi vi={props.title.vi} en={props.title.en} />
      </h1>
      {props.children}
      {props.allowed ? (
        <form method="post" action={props.action} class="actions">
          {props.fields ? <div class="stack">{props.fields}</div> : null}
          <button type="submit" class={props.danger ? 'danger' : undefined}>
            {props.button.vi} <En bare>{props.button.en}</En>
          </button>
          <a href={`/officials/c/${c.id}`}>
            <Bi vi="Không, quay lại" en="No, go back" />
          </a>
        </form>
      ) : null}
    </OfficialFrame>
  );
}

export function PublishedPage(props: { official: Official; consultation: Consultation; resultUrl: string }) {
  const c = props.consultation;
  return (
    <OfficialFrame title="Đã công bố kết quả" official={props.official}>
      <div class="panel panel-ok" role="status">
        <h1>
          <Bi vi="Đã kết thúc biểu quyết và công bố kết quả" en="Voting is closed and the result is published" />
        </h1>
        <p>{c.title}</p>
        <p class="big">
          <a href={props.resultUrl} id="result">
            <Bi vi="Xem kết quả đã ký số" en="See the signed result" />
          </a>
        </p>
      </div>
      <p>
        <a href={`/officials/c/${c.id}`}>
          <Bi vi="Quay lại cuộc lấy ý kiến" en="Back to the consultation" />
        </a>
      </p>
    </OfficialFrame>
  );
}

/** The reason for closing before the planned time: required, 5 to 500 characters (checked again by the use case). */
export function EarlyReasonField(props: { value: string; problem: boolean }) {
  return (
    <>
      <label class="field" for="reason">
        <Bi vi="Lý do kết thúc sớm (bắt buộc, được công bố)" en="Why voting closes early (required, published)" />
      </label>
      {props.problem ? (
        <p class="field-error" id="err-reason" role="alert">
          <Bi
            vi="Hãy ghi lý do kết thúc sớm, từ 5 đến 500 ký tự. Chưa kết thúc biểu quyết."
            en="Give the reason for closing early, 5 to 500 characters. Voting was not closed."
          />
        </p>
      ) : null}
      <textarea
        id="reason"
        name="reason"
        required
        minlength={5}
        maxlength={500}
        rows={3}
        aria-describedby={props.problem ? 'early-close err-reason' : 'early-close'}
        aria-invalid={props.problem ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </>
  );
}

/** Before disclosing: what follows (the notice is public, the content frozen, the notice period starts), or why not yet. */
export function DisclosePage(props: {
  official: Official;
  consultation: Consultation;
  rollCount: number;
  /** Why it cannot be disclosed now, if it cannot. */
  obstacle?: { vi: string; en: string } | undefined;
}) {
  const c = props.consultation;
  const allowed = props.obstacle === undefined;
  return (
    <ConfirmPage
      official={props.official}
      consultation={c}
      title={{ vi: 'Công khai cuộc lấy ý kiến?', en: 'Disclose the consultation?' }}
      action={`/officials/c/${c.id}/disclose`}
      button={{ vi: 'Công khai ngay', en: 'Disclose now' }}
      allowed={allowed}
    >
      {allowed ? (
        <div class="panel panel-warn" id="consequences">
          <p>
            <Bi vi="Khi công khai:" en="Once disclosed:" />
          </p>
          <ul>
            <li>
              <Bi
                vi="Thông báo và nội dung lấy ý kiến được đăng công khai trên trang web; người dân xem và góp ý được."
                en="The notice and the content go public on the site; residents can read and comment."
              />
            </li>
            <li>
              <Bi
                vi="Không sửa được nội dung, câu hỏi và điều kiện thông qua nữa (chỉ còn hủy được)."
                en="The content, the questions and the rules can no longer be edited (it can only be cancelled)."
              />
            </li>
            <li>
              <Bi
                vi={`Thời hạn thông báo bắt đầu tính từ lúc công khai; biểu quyết dự kiến từ ${vnTime(c.opensAt)} đến ${vnTime(c.closesAt)} (giờ Việt Nam).`}
                en={`The notice period starts now; voting is planned from ${vnTime(c.opensAt)} to ${vnTime(c.closesAt)} (Vietnam time).`}
              />
            </li>
            <li>
              <Bi vi={`Danh sách hiện có ${props.rollCount} hộ.`} en={`The roll has ${props.rollCount} households.`} />
            </li>
          </ul>
          <p>
            <a href={`/officials/c/${c.id}/preview`}>
              <Bi vi="Xem trước trang công khai" en="Preview the public page" />
            </a>
          </p>
        </div>
      ) : (
        <p class="panel panel-alert" id="obstacle">
          <Bi vi={props.obstacle!.vi} en={props.obstacle!.en} />{' '}
          <a href={`/officials/c/${c.id}/roll`}>
            <Bi vi="Danh sách hộ" en="Household roll" />
          </a>
        </p>
      )}
    </ConfirmPage>
  );
}

/** Before sealing the code slips: nobody, officials included, can show the codes again; a lost slip means a new code. */
export function SealPage(props: { official: Official; consultation: Consultation; allowed: boolean }) {
  const c = props.consultation;
  return (
    <ConfirmPage
      official={props.official}
      consultation={c}
      title={{ vi: 'Khóa phiếu mã biểu quyết?', en: 'Seal the code slips?' }}
      action={`/officials/c/${c.id}/codes/seal`}
      button={{ vi: 'Khóa phiếu mã', en: 'Seal the slips' }}
      danger
      allowed={props.allowed}
      fields={
        <label>
          <input type="checkbox" name="confirm" value="yes" required />{' '}
          <Bi vi="Tôi đã in xong và kiểm đủ tất cả các trang" en="I have printed and checked every page" />
        </label>
      }
    >
      {props.allowed ? (
        <p class="panel panel-warn" id="consequences">
          <Bi
            vi="Sau khi khóa, không ai xem hoặc in lại được mã, kể cả cán bộ; không thể hoàn tác. Hộ nào mất phiếu thì phải cấp lại mã mới."
            en="Once sealed, nobody can show or print the codes again, officials included; this cannot be undone. A lost slip means a reissued code."
          />{' '}
          <a href={`/officials/c/${c.id}/codes?page=1`}>
            <Bi vi="Quay lại trang in phiếu" en="Back to printing" />
          </a>
        </p>
      ) : (
        <p class="panel panel-alert">
          <Bi vi="Chỉ khóa được phiếu mã khi đang biểu quyết trực tuyến." en="Only the code slips of an online vote in progress can be sealed." />
        </p>
      )}
    </ConfirmPage>
  );
}
