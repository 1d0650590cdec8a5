/**
 * The ballot page `/vote/{id}`: the consultation, a short summary of its disclosure, and the form with the
 * household's code and one fieldset per question. Shown again, with the answers kept, when something must be fixed.
 */
import type { Consultation, Question } from '../../shared/schemas.ts';
import { vnNumber, vnTime } from '../format.ts';
import { VoteFrame } from './frame.tsx';
import { answerField, withLang, type BallotForm, type Failure, type FormProblem, type Lang, type VotingStatus } from './model.ts';
import { OpinionInput } from './opinion-field.tsx';
import { ConsultationHeading, DisclosureSummary, Localized, NotRecorded } from './parts.tsx';
import { TEXT } from './text.ts';

export interface BallotPageInput {
  lang: Lang;
  consultation: Consultation;
  status: VotingStatus;
  disclosureUrl: string;
  resultUrl?: string | undefined;
  /** The answers and code to show again (after a POST). */
  form?: BallotForm | undefined;
  problems?: FormProblem[] | undefined;
  failure?: Failure | undefined;
}

/** The statuses in which households may have voted, so the page leads to checking a ballot by its tracking code. */
const HAS_BALLOTS: ReadonlySet<VotingStatus> = new Set(['open', 'ended', 'counting', 'published', 'meeting']);

/** The id of a choice's input; the error summary links to a question's first one. */
const choiceId = (q: Question, value: string) => `${q.id}-${value}`;
const firstChoice = (q: Question) => (q.type === 'yes_no' ? 'yes' : (q.options[0]?.id ?? ''));

/** The choices of a question: yes/no/abstain are words of the page, option labels the consultation's own. */
function choicesOf(q: Question, lang: Lang) {
  const t = TEXT[lang];
  const fixed = (value: 'yes' | 'no' | 'abstain') => ({ value, label: <>{t[value]}</> });
  if (q.type === 'yes_no') return [fixed('yes'), fixed('no'), fixed('abstain')];
  const options = q.options.map((o) => {
    const amount = o.amountPerUnit === undefined ? '' : ` — ${vnNumber(o.amountPerUnit)} ${t.dong}`;
    return { value: o.id, label: <Localized lang={lang} vi={o.label + amount} en={o.labelEn ? o.labelEn + amount : undefined} /> };
  });
  return q.type === 'single' ? [...options, fixed('abstain')] : options;
}

function QuestionField(props: {
  q: Question;
  n: number;
  lang: Lang;
  chosen: string | string[] | undefined;
  opinion: string | undefined;
  problem: FormProblem | undefined;
}) {
  const { q, lang, problem } = props;
  const t = TEXT[lang];
  const chosen = props.chosen === undefined ? [] : Array.isArray(props.chosen) ? props.chosen : [props.chosen];
  const approval = q.type === 'approval';
  const described = [approval ? `hint-${q.id}` : '', problem ? `err-${q.id}` : ''].filter(Boolean).join(' ');
  return (
    <fieldset id={`q-${q.id}`} aria-describedby={described || undefined} data-max={approval ? String(q.max) : undefined}>
      <legend>
        {props.n}. <Localized lang={lang} vi={q.text} en={q.textEn} />
      </legend>
      {approval ? (
        <p class="hint" id={`hint-${q.id}`}>
          {t.approvalHint(q.max ?? q.options.length)}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={`err-${q.id}`}>
          {t.problem[problem.kind](problem.max)}
        </p>
      ) : null}
      {choicesOf(q, lang).map((choice) => (
        <label class="choice">
          <input
            type={approval ? 'checkbox' : 'radio'}
            id={choiceId(q, choice.value)}
            name={answerField(q.id)}
            value={choice.value}
            checked={chosen.includes(choice.value)}
            required={!approval}
          />
          <span>{choice.label}</span>
        </label>
      ))}
      <OpinionInput q={q} lang={lang} value={props.opinion} />
    </fieldset>
  );
}

function TopAlert(props: { input: BallotPageInput }) {
  const { lang, failure, problems, consultation } = props.input;
  const t = TEXT[lang];
  if (failure) return <NotRecorded lang={lang} id="alert" messages={[t.failure[failure]]} />;
  if (!problems || problems.length === 0) return null;
  const name = (field: string) => (field === 'code' ? t.codeLabel : t.question(consultation.questions.findIndex((q) => q.id === field) + 1));
  const target = (field: string) => {
    const q = consultation.questions.find((x) => x.id === field);
    return q ? `#${choiceId(q, firstChoice(q))}` : '#code';
  };
  return (
    <div class="panel panel-alert" role="alert" id="alert">
      <h2>{t.notRecorded}</h2>
      <p>{t.fixBelow}</p>
      <ul>
        {problems.map((p) => (
          <li>
            <a href={target(p.field)}>
              {name(p.field)}: {t.problem[p.kind](p.max)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function BallotPage(props: BallotPageInput) {
  const { lang, consultation: c, status, form, problems = [] } = props;
  const t = TEXT[lang];
  const other = t.other.lang as Lang;
  const base = `/vote/${c.id}`;
  const codeProblem = problems.find((p) => p.field === 'code');
  // A link even after a POST: a switch button would be the form's default button, which Enter in the code field presses.
  const switchTo = { href: withLang(base, other) };
  return (
    <VoteFrame lang={lang} title={c.titleEn && lang === 'en' ? c.titleEn : c.title} switchTo={switchTo}>
      <ConsultationHeading c={c} lang={lang} />
      <TopAlert input={props} />
      {status !== 'open' ? (
        <div class="panel panel-warn">
          <p class="big">{t.status[status]}</p>
          {status === 'scheduled' ? (
            <p>
              <strong>{vnTime(c.opensAt)}</strong> – {vnTime(c.closesAt)} {lang === 'vi' ? '(giờ Việt Nam)' : '(Vietnam time)'}
            </p>
          ) : null}
          {status === 'published' && props.resultUrl ? (
            <p>
              <a href={props.resultUrl}>{t.seeResult}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <DisclosureSummary c={c} lang={lang} disclosureUrl={props.disclosureUrl} />
      {status === 'open' ? (
        <form id="ballot" method="post" action={withLang(`${base}/review`, lang)}>
          <h2>{t.ballot}</h2>
          <label class="field" for="code">
            {t.codeLabel}
          </label>
          <p class="hint" id="code-hint">
            {t.codeHint}
          </p>
          {codeProblem ? (
            <p class="field-error" id="code-error">
              {t.problem[codeProblem.kind]()}
            </p>
          ) : null}
          <input
            class="code"
            id="code"
            name="code"
            type="text"
            value={form?.code ?? ''}
            required
            maxlength={40}
            autocomplete="off"
            autocapitalize="characters"
            autocorrect="off"
            spellcheck={false}
            inputmode="text"
            aria-describedby={codeProblem ? 'code-hint code-error' : 'code-hint'}
            aria-invalid={codeProblem ? 'true' : undefined}
          />
          {c.questions.map((q, i) => (
            <QuestionField
              q={q}
              n={i + 1}
              lang={lang}
              chosen={form?.answers[q.id]}
              opinion={form?.opinions?.[q.id]}
              problem={problems.find((p) => p.field === q.id)}
            />
          ))}
          <p>{t.nextNote}</p>
          <button type="submit">{t.next}</button>
          <p class="hint">{t.revote(vnTime(c.closesAt))}</p>
        </form>
      ) : null}
      {HAS_BALLOTS.has(status) ? (
        <p>
          <a href={withLang(`${base}/receipt`, lang)}>{t.checkHousehold}</a>
        </p>
      ) : null}
    </VoteFrame>
  );
}
