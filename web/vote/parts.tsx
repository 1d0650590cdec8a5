/** Pieces shared by the resident pages: text in its own language, the consultation's summary, the error box. */
import type { Consultation } from '../../shared/schemas.ts';
import { vnNumber, vnTime } from '../format.ts';
import type { Lang } from './model.ts';
import { TEXT } from './text.ts';

/**
 * The English text when the page is English and there is one; otherwise the Vietnamese, marked `lang="vi"` on an
 * English page so that a screen reader reads it as Vietnamese.
 */
export function Localized(props: { lang: Lang; vi: string; en?: string | undefined }) {
  if (props.lang === 'en' && props.en) return <>{props.en}</>;
  return props.lang === 'en' ? <span lang="vi">{props.vi}</span> : props.vi;
}

/** "17:00 22/11/2026 (giờ Việt Nam)". */
export function closingTime(c: Consultation, lang: Lang): string {
  return `${vnTime(c.closesAt)} (${TEXT[lang].vnTime})`;
}

/** The title as the page's h1, then the scope and closing time. */
export function ConsultationHeading(props: { c: Consultation; lang: Lang }) {
  const { c, lang } = props;
  const t = TEXT[lang];
  return (
    <>
      <h1>
        <Localized lang={lang} vi={c.title} en={c.titleEn} />
      </h1>
      <p>
        {t.scope}: <span lang="vi">{c.scope.name}</span>
        <br />
        {t.closes}: <strong>{closingTime(c, lang)}</strong>
      </p>
    </>
  );
}

const SUMMARY_CHARS = 400;

/** A short summary of the disclosure, with the link to the whole of it. */
export function DisclosureSummary(props: { c: Consultation; lang: Lang; disclosureUrl: string }) {
  const { c, lang } = props;
  const t = TEXT[lang];
  const k = c.contribution;
  const description = c.description.length > SUMMARY_CHARS ? `${c.description.slice(0, SUMMARY_CHARS).trimEnd()}…` : c.description;
  return (
    <section aria-labelledby="summary">
      <h2 id="summary">{t.summary}</h2>
      <p lang="vi">{description}</p>
      <ul>
        <li>
          {t.matterLabel}: {t.matter[c.matter]}
        </li>
        <li>
          {t.method}: {t.methodName[c.method]}
        </li>
        {k ? (
          <li>
            {t.totalCost}: {vnNumber(k.totalCost)} {t.dong}; {t.residentsShare}: {vnNumber(k.residentsShare)} {t.dong}
            {k.amountPerUnit !== undefined ? `; ${t.amount}: ${vnNumber(k.amountPerUnit)} ${t.dong}/${t.basis[k.basis]}` : ''}
            {k.exemptions.map((e) => `; ${t.exemption[e.category]}: ${t.exempt(e.percent)}`).join('')}
          </li>
        ) : null}
      </ul>
      <p>
        <a href={props.disclosureUrl}>{t.fullDisclosure}</a>
      </p>
    </section>
  );
}

/** The error box at the top of a page: announced at once (role="alert"), saying plainly that nothing was recorded. */
export function NotRecorded(props: { lang: Lang; id: string; messages: string[] }) {
  const t = TEXT[props.lang];
  return (
    <div class="panel panel-alert" role="alert" id={props.id}>
      <h2>{t.notRecorded}</h2>
      {props.messages.map((m) => (
        <p>{m}</p>
      ))}
    </div>
  );
}

/**
 * The head of a resident's form page about a round (discussion, complaint): its title, the round, what the page is
 * for and where to read more, then what came of the last post: sent, or why not, in the page's language.
 */
export function PostPageHead(props: {
  lang: Lang;
  c: Consultation;
  title: string;
  intro: string;
  link: { href: string; text: string };
  sent?: { text: string } | undefined;
  problem?: { heading: string; text: { vi: string; en: string } } | undefined;
}) {
  const { lang, c } = props;
  return (
    <>
      <h1>{props.title}</h1>
      <p>
        <Localized lang={lang} vi={c.title} en={c.titleEn} />
      </p>
      <p>{props.intro}</p>
      <p>
        <a href={props.link.href}>{props.link.text}</a>
      </p>
      {props.sent ? (
        <div class="panel panel-ok" role="status">
          <p>{props.sent.text}</p>
        </div>
      ) : null}
      {props.problem ? (
        <div class="panel panel-alert" role="alert" id="problem">
          <h2>{props.problem.heading}</h2>
          <p>{props.problem.text[lang]}</p>
        </div>
      ) : null}
    </>
  );
}
