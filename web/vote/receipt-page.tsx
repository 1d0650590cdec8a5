/**
 * Checking a ballot receipt: counted, replaced or unknown in plain words, and once the result is published, the
 * signed bundle, the ballot's inclusion proof, and the command that checks it independently.
 */
import type { Consultation } from '../../shared/schemas.ts';
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
      <form method="get" action={`/vote/${c.id}/receipt`}>
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
      <p>
        <a href={withLang(`/vote/${c.id}`, lang)}>{t.backToForm}</a>
      </p>
    </VoteFrame>
  );
}
