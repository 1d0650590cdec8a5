/**
 * An officials' or monitors' page that could not be served as asked: what happened in Vietnamese (each bad field or
 * line in words), the English reason beside it only under `?lang=en`, and the way back.
 */
import { STAFF, StaffFrame, type StaffRole } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';
import { En, showsEnglish } from '../lang.tsx';

export interface NoticePageInput {
  /** Whose pages these are (the officials' unless said). */
  role?: StaffRole | undefined;
  official?: Official | undefined;
  title: { vi: string; en: string };
  message: { vi: string; en: string };
  /** The specific reason, in English (a DomainError's message): shown only with the English. */
  reason?: string | undefined;
  /** Each detail (a bad line, a field): in Vietnamese, and as the API gives it in English. */
  details?: readonly { vi: string; en: string }[] | undefined;
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
        {props.reason && showsEnglish() ? <p lang="en">{props.reason}</p> : null}
        {props.details && props.details.length > 0 ? (
          <ul>
            {props.details.map((d) => (
              <li>
                {d.vi} <En>{d.en}</En>
              </li>
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
