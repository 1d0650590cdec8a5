/**
 * Checking a ballot receipt: counted, replaced or unknown in plain words, and once the result is published, the
 * signed bundle, the ballot's inclusion proof, and the command that checks it independently.
 */
import type { ReceiptStatement, Words } from '../../shared/receipt-signature.ts';
import type { Consultation } from '../../shared/schemas.ts';
import { vnAt, vnTime } from '../format.ts';
import { VoteFrame } from './frame.tsx';
import { withLang, type Lang } from './model.ts';
import { Localized } from './parts.tsx';
import { TEXT } from './text.ts';

/** A leaf's place in the published ballots and its RFC 9162 audit path, all hex. */
export interface InclusionView {
  /** 0-based position in ballots.json. */
  index: number;
  size: number;
  root: string;
  /** The root in the published manifest, when it could be read. */
  signedRoot?: string | undefined;
  path: string[];
}

/** The verdict on a pasted receipt signature (functions/core/receipt-check.ts). */
export type SignatureView =
  | { kind: 'no_key' }
  | { kind: 'invalid'; problem: Words }
  | { kind: 'other_consultation'; statement: ReceiptStatement; words: Words }
  /** Valid; the result is not published yet (or its ballots cannot be read), so nothing to compare with. */
  | { kind: 'valid'; statement: ReceiptStatement }
  | { kind: 'counted'; statement: ReceiptStatement; index: number; size: number; words: Words }
  | { kind: 'missing'; statement: ReceiptStatement; words: Words };

/** The signed-receipt check's own words, Vietnamese first. */
const SIG: Record<Lang, Record<string, string>> = {
  vi: {
    title: 'Kiểm tra biên nhận có chữ ký',
    label: 'Dán biên nhận có chữ ký (tệp .jws tải về sau khi bỏ phiếu, mở bằng trình soạn thảo văn bản)',
    check: 'Kiểm tra chữ ký',
    counted: 'Chữ ký hợp lệ, và phiếu có trong kết quả đã công bố: phiếu đã được tính.',
    missing: 'Chữ ký hợp lệ, nhưng PHIẾU KHÔNG CÓ trong kết quả đã công bố.',
    todo: 'Việc cần làm: giữ nguyên tệp biên nhận, in hoặc chép trang này, và mang đến Ban công tác Mặt trận hoặc người giám sát của thôn, tổ dân phố để khiếu nại.',
    valid: 'Chữ ký hợp lệ: máy chủ đã nhận phiếu này. Kết quả chưa công bố; kiểm tra lại sau khi công bố.',
    invalid: 'Chữ ký KHÔNG hợp lệ.',
    other: 'Biên nhận của cuộc lấy ý kiến khác.',
    noKey: 'Trang này không kiểm tra được chữ ký biên nhận.',
    signedAt: 'Máy chủ ký lúc',
    receipt: 'Biên nhận',
  },
  en: {
    title: 'Check a signed receipt',
    label: 'Paste the signed receipt (the .jws file downloaded after voting, opened in a text editor)',
    check: 'Check the signature',
    counted: 'The signature is valid, and the ballot is in the published result: it was counted.',
    missing: 'The signature is valid, but the ballot is NOT in the published result.',
    todo: "What to do: keep the receipt file as it is, print or copy this page, and take it to the Front's work committee or the monitors of your hamlet to complain.",
    valid: 'The signature is valid: the server received this ballot. The result is not published yet; check again once it is.',
    invalid: 'The signature is NOT valid.',
    other: 'A receipt of another consultation.',
    noKey: 'This page cannot check receipt signatures.',
    signedAt: 'Signed by the server at',
    receipt: 'Receipt',
  },
};

/** A line in the page's language, then in the other one. */
function Both(props: { lang: Lang; words: Words; big?: boolean }) {
  const other = props.lang === 'vi' ? 'en' : 'vi';
  return (
    <>
      <p class={props.big ? 'big' : undefined}>{props.words[props.lang]}</p>
      <p lang={other}>{props.words[other]}</p>
    </>
  );
}

const both = (key: string): Words => ({ vi: SIG.vi[key]!, en: SIG.en[key]! });

function SignatureVerdict(props: { lang: Lang; view: SignatureView }) {
  const { lang, view } = props;
  const t = SIG[lang];
  const panel =
    view.kind === 'counted' || view.kind === 'valid' ? 'panel-ok' : view.kind === 'missing' || view.kind === 'invalid' ? 'panel-alert' : 'panel-warn';
  const headline = {
    no_key: both('noKey'),
    invalid: both('invalid'),
    other_consultation: both('other'),
    valid: both('valid'),
    counted: both('counted'),
    missing: both('missing'),
  }[view.kind];
  const statement = 'statement' in view ? view.statement : undefined;
  return (
    <div class={`panel ${panel}`} role="status" id="signature-verdict" data-verdict={view.kind}>
      <p class="big">
        <strong>{headline[lang]}</strong>
      </p>
      <p lang={lang === 'vi' ? 'en' : 'vi'}>{headline[lang === 'vi' ? 'en' : 'vi']}</p>
      {view.kind === 'invalid' ? <Both lang={lang} words={view.problem} /> : null}
      {'words' in view ? <Both lang={lang} words={view.words} /> : null}
      {view.kind === 'missing' ? <Both lang={lang} words={both('todo')} big /> : null}
      {statement ? (
        <>
          <p>
            {t.signedAt}: {lang === 'vi' ? vnAt(statement.at) : `${vnTime(statement.at)} (Vietnam time)`}
          </p>
          <p>{t.receipt}:</p>
          <code class="receipt">{statement.receipt}</code>
        </>
      ) : null}
    </div>
  );
}

function SignatureForm(props: { lang: Lang; id: string; view: SignatureView | undefined; typed: string | undefined }) {
  const t = SIG[props.lang];
  return (
    <section aria-labelledby="signed-receipt">
      <h2 id="signed-receipt">{t.title}</h2>
      {props.view ? <SignatureVerdict lang={props.lang} view={props.view} /> : null}
      <form method="get" action={`/vote/${props.id}/receipt`}>
        {props.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <label class="field" for="s">
          {t.label}
        </label>
        <textarea id="s" name="s" rows={5} required maxlength={4000} autocomplete="off" autocapitalize="off" spellcheck={false}>
          {props.typed ?? ''}
        </textarea>
        <button type="submit">{t.check}</button>
      </form>
    </section>
  );
}

export type ReceiptProblem = 'format' | 'too_short' | 'ambiguous' | 'not_found';

export interface ReceiptPageInput {
  lang: Lang;
  consultation: Consultation;
  switchHref: string;
  /** What was typed, shown again when it names no single ballot. */
  typed?: string | undefined;
  /** Why the typed receipt or tracking code was not checked: not hex, too short, shared by several ballots, or unknown. */
  problem?: ReceiptProblem | undefined;
  receipt?: string | undefined;
  status?: 'counted' | 'replaced' | 'unknown' | undefined;
  published?: { bundleUrl: string; proof?: InclusionView | undefined } | undefined;
  /** The verdict on a pasted receipt signature, and what was pasted. */
  signature?: { view: SignatureView; typed: string } | undefined;
}

function Verdict(props: { input: ReceiptPageInput }) {
  const { lang, status, receipt, published } = props.input;
  const t = TEXT[lang];
  if (!status || !receipt) return null;
  const panel = status === 'counted' ? 'panel-ok' : status === 'replaced' ? 'panel-warn' : 'panel-alert';
  const words = status === 'counted' ? (published ? t.countedPublished : t.counted) : t[status];
  return (
    <div class={`panel ${panel}`} role="status">
      <p class="big">
        <strong>{words}</strong>
      </p>
      <p>{t.receiptShown}:</p>
      <code class="receipt">{receipt}</code>
    </div>
  );
}

function Proof(props: { lang: Lang; receipt: string; bundleUrl: string; proof: InclusionView | undefined }) {
  const { lang, proof } = props;
  const t = TEXT[lang];
  return (
    <section aria-labelledby="proof">
      <h2 id="proof">{t.proofTitle}</h2>
      <p>
        <a href={props.bundleUrl}>{t.bundle}</a>
      </p>
      {proof ? (
        <>
          <p>{t.proofPosition(proof.index + 1, proof.size)}</p>
          <p>{t.root}:</p>
          <code class="receipt">{proof.root}</code>
          {proof.signedRoot !== undefined ? <p class="big">{proof.signedRoot === proof.root ? t.rootMatches : t.rootDiffers}</p> : null}
          <p>{t.path}:</p>
          <ol>
            {proof.path.map((h) => (
              <li>
                <code>{h}</code>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <p>{t.verifyHow}</p>
      <pre class="receipt">
        <code>
          npx danban verify {props.bundleUrl} --receipt {props.receipt}
        </code>
      </pre>
    </section>
  );
}

export function ReceiptPage(props: ReceiptPageInput) {
  const { lang, consultation: c, published, receipt, status } = props;
  const t = TEXT[lang];
  const problemText = { format: t.receiptFormat, too_short: t.receiptTooShort, ambiguous: t.receiptAmbiguous, not_found: t.trackingUnknown };
  return (
    <VoteFrame lang={lang} title={t.receiptTitle} switchTo={{ href: props.switchHref }}>
      <h1>{t.receiptTitle}</h1>
      <p>
        <Localized lang={lang} vi={c.title} en={c.titleEn} />
      </p>
      <Verdict input={props} />
      {published && receipt && status === 'counted' ? <Proof lang={lang} receipt={receipt} bundleUrl={published.bundleUrl} proof={published.proof} /> : null}
      <form method="get" action={`/vote/${c.id}/receipt`} id="check-receipt">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <label class="field" for="r">
          {t.receiptLabel}
        </label>
        {props.problem ? (
          <p class="field-error" id="r-error" role="alert">
            {problemText[props.problem]}
          </p>
        ) : null}
        <input
          class="code receipt-in"
          id="r"
          name="r"
          type="text"
          value={props.problem ? (props.typed ?? '') : (receipt ?? '')}
          required
          maxlength={100}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          aria-describedby={props.problem ? 'r-error' : undefined}
          aria-invalid={props.problem ? 'true' : undefined}
        />
        <button type="submit">{t.check}</button>
      </form>
      <SignatureForm lang={lang} id={c.id} view={props.signature?.view} typed={props.signature?.typed} />
      <p>
        <a href={withLang(`/vote/${c.id}`, lang)}>{t.backToForm}</a>
      </p>
    </VoteFrame>
  );
}
