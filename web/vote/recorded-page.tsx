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
  /** The receipt signed by the API's receipt key (shared/receipt-signature.ts), when the runtime signs receipts. */
  receiptSignature?: string | undefined;
}

/** What a signed receipt proves, Vietnamese first. */
const SIGNED = {
  vi: {
    title: 'Biên nhận có chữ ký của máy chủ',
    lead:
      'Máy chủ đã ký xác nhận: phiếu có biên nhận này đã được ghi nhận vào lúc bỏ phiếu. Hãy lưu lại (tải về hoặc chép). ' +
      'Khi kết quả được công bố, nếu đây là lần bỏ phiếu cuối cùng của hộ mà phiếu không có trong danh sách phiếu đã ' +
      'công bố, biên nhận có chữ ký này là bằng chứng phiếu bị bỏ sót: mang nó đến Ban công tác Mặt trận hoặc người giám sát.',
    download: 'Tải biên nhận có chữ ký (tệp .jws)',
    key: 'Ai cũng kiểm tra được chữ ký bằng khóa biên nhận công khai:',
  },
  en: {
    title: 'Receipt signed by the server',
    lead:
      'The server signed that the ballot with this receipt was recorded when it was cast. Keep it (download or copy it). ' +
      "Once the result is published, if this was your household's last vote and the ballot is not among the published " +
      "ballots, this signed receipt is proof that a ballot was dropped: take it to the Front's work committee or the monitors.",
    download: 'Download the signed receipt (.jws file)',
    key: 'Anyone can check the signature with the public receipt key:',
  },
} as const;

/** The signed receipt in a box to open, copy or download (a data: URL: no script needed), in the page's language. */
function SignedReceipt(props: { lang: Lang; consultationId: string; receipt: string; jws: string }) {
  const w = SIGNED[props.lang];
  const file = `bien-nhan-${props.consultationId}-${props.receipt.slice(0, 10)}.jws`;
  return (
    <details class="signed-receipt">
      <summary>{w.title}</summary>
      <p>{w.lead}</p>
      <code id="receipt-signature" class="receipt">
        {props.jws}
      </code>
      <p>
        <a href={`data:application/jose;charset=us-ascii,${encodeURIComponent(props.jws)}`} download={file}>
          {w.download}
        </a>
      </p>
      <p>
        {w.key} <a href="/keys/receipt-jwks.json">receipt-jwks.json</a>
      </p>
    </details>
  );
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
      {props.receiptSignature ? <SignedReceipt lang={lang} consultationId={c.id} receipt={receipt} jws={props.receiptSignature} /> : null}
      <p id="tools" class="no-print" hidden data-print={t.print} data-copy={t.copy} data-copied={t.copied}></p>
      <p>{t.printNote}</p>
      <p>{t.revote(vnTime(c.closesAt))}</p>
      <p class="no-print">
        <a href={withLang(`/vote/${c.id}/receipt/${receipt}`, lang)}>{t.checkLater}</a>
      </p>
    </VoteFrame>
  );
}
