/** An officials' or monitors' page that could not be served as asked: what happened, in both languages, and the way back. */
import { STAFF, StaffFrame, type StaffRole } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';

export interface NoticePageInput {
  /** Whose pages these are (the officials' unless said). */
  role?: StaffRole | undefined;
  official?: Official | undefined;
  title: { vi: string; en: string };
  message: { vi: string; en: string };
  /** The specific reason, in English (a DomainError's message), and each detail (a bad line, a field). */
  reason?: string | undefined;
  details?: readonly string[] | undefined;
  back?: string | undefined;
}

export function NoticePage(props: NoticePageInput) {
  return (
    <StaffFrame role={props.role ?? 'official'} title={props.title.vi} who={props.official} wide={props.role === 'monitor'}>
      <h1>
        <Bi vi={props.title.vi} en={props.title.en} />
      </h1>
      <div class="panel panel-alert" role="alert">
        <p>
          <Bi vi={props.message.vi} en={props.message.en} />
        </p>
        {props.reason ? <p lang="en">{props.reason}</p> : null}
        {props.details && props.details.length > 0 ? (
          <ul lang="en">
            {props.details.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <p>
        <a href={props.back ?? `${STAFF[props.role ?? 'official'].home}/`}>
          <Bi vi="Quay lại" en="Back" />
        </a>
      </p>
    </StaffFrame>
  );
}
