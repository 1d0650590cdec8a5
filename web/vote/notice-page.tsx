/** A page that could not be served as asked: what happened, in plain words, and where to go from there. */
import { VoteFrame } from './frame.tsx';
import type { Lang } from './model.ts';
import { TEXT } from './text.ts';

export interface NoticePageInput {
  lang: Lang;
  title: string;
  message: string;
  /** Say that no ballot was recorded (a failure on the way to casting). */
  notRecorded?: boolean | undefined;
  link?: { href: string; label: string } | undefined;
  switchHref?: string | undefined;
}

export function NoticePage(props: NoticePageInput) {
  const t = TEXT[props.lang];
  return (
    <VoteFrame lang={props.lang} title={props.title} switchTo={props.switchHref ? { href: props.switchHref } : undefined}>
      <h1>{props.title}</h1>
      <div class="panel panel-alert" role="alert">
        {props.notRecorded ? (
          <p class="big">
            <strong>{t.notRecorded}</strong>
          </p>
        ) : null}
        <p>{props.message}</p>
      </div>
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      ) : null}
    </VoteFrame>
  );
}
