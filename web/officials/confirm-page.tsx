/**
 * The step before an act that cannot be undone (open voting, cancel, close), and the page after closing with
 * the link to the result.
 */
import type { Child } from 'hono/jsx';
import type { Consultation } from '../../shared/schemas.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';

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
          {props.fields}
          <button type="submit" class={props.danger ? 'danger' : undefined}>
            {props.button.vi} <span lang="en">{props.button.en}</span>
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
