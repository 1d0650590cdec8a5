/** Pieces shared by the officials' pages: bilingual labels, the problems of a form, states, rules and turnout. */
import type { Child } from 'hono/jsx';
import type { LegalProfile } from '../../shared/matters.ts';
import { allowedMethods as lawMethods, methodRule } from '../../shared/methods.ts';
import { shareInWords } from '../../shared/rule-words.ts';
import type { Consultation, Matter, Method, Rule, State } from '../../shared/schemas.ts';
import { CHANNEL_VI, METHOD_VI, NOT_YET_OPEN, notYetOpen, percent, STATE_EN, STATE_VI, vnTime } from '../format.ts';
import { fieldId, type FieldProblem, type Turnout } from './model.ts';
import { En } from '../lang.tsx';

/** Vietnamese first, the English beside it, marked as English for screen readers. */
export function Bi(props: { vi: Child; en: string }) {
  return (
    <>
      {props.vi} <En>{props.en}</En>
    </>
  );
}

/** The username and password fields and the submit button of a sign-in form (officials' and monitors' pages). */
export function SignInFields(props: { username?: string | undefined }) {
  return (
    <>
      <label class="field" for="username">
        <Bi vi="Tên đăng nhập" en="Username" />
      </label>
      <input
        type="text"
        id="username"
        name="username"
        value={props.username ?? ''}
        required
        maxlength={100}
        autocomplete="username"
        autocapitalize="none"
        spellcheck={false}
      />
      <label class="field" for="password">
        <Bi vi="Mật khẩu" en="Password" />
      </label>
      <input type="password" id="password" name="password" required maxlength={200} autocomplete="current-password" />
      <p>
        <button type="submit">
          Đăng nhập <En bare>Sign in</En>
        </button>
      </p>
    </>
  );
}

export function ProblemText(props: { p: FieldProblem }) {
  // A problem without its own Vietnamese still says something on a Vietnamese page.
  return <Bi vi={props.p.vi ?? 'Không hợp lệ.'} en={props.p.en} />;
}

/** The problems of one field, right under its label; the field points at them with aria-describedby. */
export function FieldError(props: { name: string; problems: readonly FieldProblem[] }) {
  const mine = props.problems.filter((p) => p.field === props.name);
  if (mine.length === 0) return null;
  return (
    <p class="field-error" id={`err-${fieldId(props.name)}`}>
      {mine.map((p) => (
        <>
          <ProblemText p={p} />{' '}
        </>
      ))}
    </p>
  );
}

/** The attributes that tie an input to its hint and its problems. */
export function described(name: string, problems: readonly FieldProblem[], hint?: string) {
  const bad = problems.some((p) => p.field === name);
  const ids = [hint ?? '', bad ? `err-${fieldId(name)}` : ''].filter(Boolean).join(' ');
  return { id: fieldId(name), name, 'aria-describedby': ids || undefined, 'aria-invalid': bad ? 'true' : undefined };
}

/** The box at the top of a form sent back: announced at once, each problem linking to its field. */
export function ErrorSummary(props: { problems: readonly FieldProblem[]; label: (field: string) => string }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="panel panel-alert" role="alert" id="problems">
      <h2>
        <Bi vi="Chưa lưu: hãy sửa các mục dưới đây" en="Not saved: fix the items below" />
      </h2>
      <ul>
        {props.problems.map((p) => (
          <li>
            {p.field ? <a href={`#${fieldId(p.field)}`}>{props.label(p.field)}</a> : null}
            {p.field ? ': ' : null}
            <ProblemText p={p} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The state as people see it: a round open for voting before its `opensAt` says it does not take ballots yet. */
export function StateLabel(props: { state: State; opensAt?: string | undefined; now?: Date | undefined }) {
  const early = notYetOpen(props.state, props.opensAt, props.now);
  return <span class="state">{early ? <Bi vi={NOT_YET_OPEN.vi} en={NOT_YET_OPEN.en} /> : <Bi vi={STATE_VI[props.state]} en={STATE_EN[props.state]} />}</span>;
}

/** The rule in Vietnamese (shared/rule-words.ts), with the attendance it asks for, if any. */
export function ruleVi(rule: Rule): string {
  return shareInWords(rule);
}

export const METHOD_EN: Record<Method, string> = {
  household_ballot: 'Household ballot (paper slips)',
  meeting: 'Community meeting',
  online: 'Online vote',
};

/** The methods the law allows for a matter (shared/methods.ts), for a hamlet round. */
export function allowedMethods(_profile: LegalProfile, matter: Matter): Method[] {
  return lawMethods(matter, { kind: 'hamlet' });
}

/** The methods a matter allows, and the law's rule for each of them, in both languages. */
export function MethodsWhy(props: { profile: LegalProfile; matter: Matter }) {
  const methods = allowedMethods(props.profile, props.matter);
  return (
    <>
      {methods.map((m) => METHOD_VI[m]).join('; ')}.{' '}
      {methods.map((m) => {
        const words = methodRule(props.matter, m, { kind: 'hamlet' }).words;
        return (
          <>
            <Bi vi={words.vi} en={words.en} />{' '}
          </>
        );
      })}
      {methods.includes('online') ? null : (
        <Bi vi={methodRule(props.matter, 'online', { kind: 'hamlet' }).words.vi} en={methodRule(props.matter, 'online', { kind: 'hamlet' }).words.en} />
      )}
    </>
  );
}

export function TurnoutTable(props: { turnout: Turnout }) {
  const t = props.turnout;
  return (
    <table>
      <caption class="hint">
        <Bi vi="Số hộ đã tham gia theo kênh (không phải kết quả)" en="Households that took part, by channel (not the result)" />
      </caption>
      <tbody>
        {(['online', 'paper', 'meeting'] as const).map((ch) => (
          <tr>
            <th scope="row">{CHANNEL_VI[ch]}</th>
            <td class="n">{t.byChannel[ch]}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">
            <Bi vi="Tổng số hộ tham gia" en="Households taking part" />
          </th>
          <td class="n">
            <strong>
              {t.participants} / {t.eligible}
            </strong>{' '}
            ({percent(t.participants, t.eligible)})
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** A consultation as the start pages list it. */
export type ListedConsultation = {
  consultation: Pick<Consultation, 'id' | 'title' | 'scope' | 'closesAt'> & { opensAt?: string | undefined };
  state: State;
  /** When voting actually closed, once it has: shown instead of the planned close. */
  closedAt?: string | undefined;
};

/**
 * The commune's consultations as the officials' and monitors' start pages list them, each linking under `base`: the
 * state as it is (given `now`, a round not yet taking ballots says so) and the actual close once closed.
 */
export function ConsultationTable(props: { base: string; consultations: ReadonlyArray<ListedConsultation>; now?: Date | undefined }) {
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">
            <Bi vi="Tiêu đề" en="Title" />
          </th>
          <th scope="col">
            <Bi vi="Trạng thái" en="State" />
          </th>
          <th scope="col">
            <Bi vi="Kết thúc (giờ Việt Nam)" en="Closes (Vietnam time)" />
          </th>
        </tr>
      </thead>
      <tbody>
        {props.consultations.map(({ consultation: c, state, closedAt }) => (
          <tr>
            <td>
              <a href={`${props.base}/c/${c.id}`}>{c.title}</a>
              <br />
              <span class="hint">{c.scope.name}</span>
            </td>
            <td data-label="Trạng thái">
              <StateLabel state={state} opensAt={c.opensAt} now={props.now} />
            </td>
            <td data-label="Kết thúc (giờ Việt Nam)">
              {closedAt ? (
                <>
                  {vnTime(closedAt)}
                  {Date.parse(closedAt) < Date.parse(c.closesAt) ? (
                    <>
                      <br />
                      <span class="hint">
                        <Bi vi={`Kết thúc sớm; dự kiến ${vnTime(c.closesAt)}`} en={`Closed early; planned ${vnTime(c.closesAt)}`} />
                      </span>
                    </>
                  ) : null}
                </>
              ) : (
                vnTime(c.closesAt)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The links between the pages of a list (plain links: they work without JavaScript). */
export function PageLinks(props: { first?: string | undefined; next?: string | undefined }) {
  if (!props.first && !props.next) return null;
  return (
    <nav class="pages" aria-label="Trang">
      {props.first ? (
        <a href={props.first}>
          <Bi vi="Trang đầu" en="First page" />
        </a>
      ) : null}{' '}
      {props.next ? (
        <a href={props.next} rel="next">
          <Bi vi="Trang sau" en="Next page" />
        </a>
      ) : null}
    </nav>
  );
}

/**
 * The head of a page about one consultation: the way back to it (with its state, or other links), the heading, and
 * the panel that says what was just done.
 */
export function SubpageHead(props: {
  consultation: { id: string; title: string };
  title: { vi: string; en: string };
  state?: State | undefined;
  links?: Child;
  done?: readonly [vi: string, en: string] | undefined;
}) {
  const c = props.consultation;
  return (
    <>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a> {props.state ? <StateLabel state={props.state} /> : null}
        {props.links}
      </p>
      <h1>
        <Bi vi={props.title.vi} en={props.title.en} />
      </h1>
      {props.done ? (
        <div class="panel panel-ok" role="status">
          <p>
            <Bi vi={props.done[0]} en={props.done[1]} />
          </p>
        </div>
      ) : null}
    </>
  );
}
