/**
 * The review step: every answer in words, under a warning that the ballot is NOT sent yet (voters who stop here
 * believing they voted are a known failure of e-voting pages). The form carries the answers in hidden fields to
 * the cast, or back to the ballot page to change them.
 */
import type { Answers, Consultation, Question } from '../../shared/schemas.ts';
import { vnNumber } from '../format.ts';
import { VoteFrame } from './frame.tsx';
import { answerField, maskedCode, withLang, type Lang } from './model.ts';
import { OpinionReview, opinionHiddenFields } from './opinion-field.tsx';
import { Localized } from './parts.tsx';
import { TEXT } from './text.ts';

export interface ReviewPageInput {
  lang: Lang;
  consultation: Consultation;
  /** The canonical code (`XXXX-XXXX-XXXX-XXXX`), carried in a hidden field only. */
  code: string;
  answers: Answers;
  /** The "Ý kiến khác" texts by question id, carried to the cast. */
  opinions?: Readonly<Record<string, string>> | undefined;
}

function AnswerInWords(props: { q: Question; answer: Answers[string] | undefined; lang: Lang }) {
  const { q, answer, lang } = props;
  const t = TEXT[lang];
  if (q.type === 'yes_no') return <>{answer === 'yes' ? t.yes : answer === 'no' ? t.no : t.abstain}</>;
  const chosen = answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
  const options = q.options.filter((o) => chosen.includes(o.id));
  if (options.length === 0) return <>{q.type === 'single' ? t.abstain : t.noneChosen}</>;
  return (
    <ul>
      {options.map((o) => (
        <li>
          <Localized lang={lang} vi={o.label} en={o.labelEn} />
          {o.amountPerUnit !== undefined ? ` — ${vnNumber(o.amountPerUnit)} ${t.dong}` : ''}
        </li>
      ))}
    </ul>
  );
}

export function ReviewPage(props: ReviewPageInput) {
  const { lang, consultation: c, answers } = props;
  const t = TEXT[lang];
  const base = `/vote/${c.id}`;
  const hidden = c.questions.flatMap((q) => {
    const a = answers[q.id];
    return (a === undefined ? [] : Array.isArray(a) ? a : [a]).map((value) => <input type="hidden" name={answerField(q.id)} value={value} />);
  });
  return (
    <VoteFrame lang={lang} title={t.reviewTitle} switchTo={{ form: 'review', action: withLang(`${base}/review`, t.other.lang as Lang) }}>
      <div class="panel panel-warn">
        <h1>{t.reviewTitle}</h1>
        <p class="big">{t.reviewWarning}</p>
      </div>
      <p>
        <Localized lang={lang} vi={c.title} en={c.titleEn} />
      </p>
      <dl class="answers">
        {c.questions.map((q, i) => (
          <>
            <dt>
              {i + 1}. <Localized lang={lang} vi={q.text} en={q.textEn} />
            </dt>
            <dd>
              <AnswerInWords q={q} answer={answers[q.id]} lang={lang} />
              <OpinionReview lang={lang} text={props.opinions?.[q.id]} />
            </dd>
          </>
        ))}
        <dt>{t.codeEntered}</dt>
        <dd class="mono">{maskedCode(props.code)}</dd>
      </dl>
      <form id="review" method="post" action={withLang(`${base}/cast`, lang)}>
        <input type="hidden" name="code" value={props.code} />
        {hidden}
        {opinionHiddenFields(c.questions, props.opinions)}
        <button type="submit">{t.send}</button>
        <button type="submit" class="secondary" formaction={withLang(`${base}/edit`, lang)}>
          {t.edit}
        </button>
      </form>
    </VoteFrame>
  );
}
