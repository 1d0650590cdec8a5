/**
 * The last step: the ballot IS recorded, said so big that nobody leaves unsure, in both languages, with the
 * receipt to keep, its tracking code to read aloud, and the link to check it later. The code is never on it.
 */
import type { Consultation } from '../../shared/schemas.ts';
import { vnTime } from '../format.ts';
import { VoteFrame } from './frame.tsx';
import { trackingCode, withLang, type Lang } from './model.ts';
import { Localized } from './parts.tsx';
import { TEXT } from './text.ts';

export interface RecordedPageInput {
  lang: Lang;
  consultation: Consultation;
  receipt: string;
  replaced: boolean;
}

export function RecordedPage(props: RecordedPageInput) {
  const { lang, consultation: c, receipt, replaced } = props;
  const t = TEXT[lang];
  const o = TEXT[t.other.lang as Lang];
  return (
    <VoteFrame lang={lang} title={t.recordedTitle}>
      <div class="panel panel-ok" role="status">
        <h1>
          <span aria-hidden="true">✓ </span>
          {t.recordedTitle}
        </h1>
        <p lang={t.other.lang}>{o.recordedTitle}</p>
        <p class="big">{t.recordedLead}</p>
        <p>{replaced ? t.replacedNote : t.firstNote}</p>
      </div>
      <p>
        <Localized lang={lang} vi={c.title} en={c.titleEn} />
      </p>
      <h2>{t.receipt}</h2>
      <code id="receipt" class="receipt">
        {receipt}
      </code>
      <p>{t.tracking}:</p>
      <p class="tracking">{trackingCode(receipt)}</p>
      <p id="tools" class="no-print" hidden data-print={t.print} data-copy={t.copy} data-copied={t.copied}></p>
      <p>{t.printNote}</p>
      <p>{t.revote(vnTime(c.closesAt))}</p>
      <p class="no-print">
        <a href={withLang(`/vote/${c.id}/receipt/${receipt}`, lang)}>{t.checkLater}</a>
      </p>
    </VoteFrame>
  );
}
