/**
 * The public page of a hamlet's community rule (hương ước, quy ước): the rule in force today, its text with the
 * amendments in force and the translations beside the Vietnamese, UBND xã's recognition with its day, and its
 * history as linked rounds. Vietnamese first, English beside it. Pure rendering from `ruleState()`.
 */
import { ROUND_WORDS, type RuleState } from '../../shared/process/rule-rounds.ts';
import { En } from '../lang.tsx';
import { Page, render } from '../layout.tsx';
import { RecognitionWords, type RoundRecord, RuleHistory, RuleStatusWords, RuleTextView } from './rule-parts.tsx';
import { dayEn, dayVi } from './words.tsx';

export interface CommunityRulePageInput {
  hamlet: string;
  communeName?: string | undefined;
  base?: string | undefined;
  /** The day the page speaks of (its build day, Vietnam). */
  on: string;
  /** The hamlet's rule: `ruleState(rounds, rule, on)` and the records of its rounds; none while it has no rule. */
  rule?: { title: string; state: RuleState; rounds: readonly RoundRecord[] } | undefined;
  /** The rounds of the hamlet in progress (a new rule, or a change not yet in effect), each linking to its page. */
  pending?: readonly PendingRound[] | undefined;
}

/** A round in progress: where its draft takes comments, and the drafting team's summary of them with its answers. */
export type PendingRound = RoundRecord & {
  discussion?: string | undefined;
  comments?: { received: number; summary: string; answers: string } | undefined;
};

function PendingItem(props: { r: PendingRound }) {
  const r = props.r;
  const kind = ROUND_WORDS[r.round.kind];
  return (
    <li>
      {kind.vi}: {r.href ? <a href={r.href}>{r.title}</a> : r.title} <En>{kind.en}</En>
      {r.discussion ? (
        <>
          {' '}
          · <a href={r.discussion}>Góp ý dự thảo</a> <En>Comment on the draft</En>
        </>
      ) : null}
      {r.comments ? (
        <div class="comments-summary">
          <p>
            Tổ soạn thảo đã tổng hợp {r.comments.received} ý kiến góp ý: <En>{`The drafting team summarised ${r.comments.received} comments:`}</En>
          </p>
          <div class="comment-text">{r.comments.summary}</div>
          <p>
            Giải trình, tiếp thu: <En>Its answers:</En>
          </p>
          <div class="comment-text">{r.comments.answers}</div>
        </div>
      ) : null}
    </li>
  );
}

/** The rounds in progress: a draft or a change that has not taken effect yet. */
function Pending(props: { rounds: readonly PendingRound[] }) {
  if (props.rounds.length === 0) return null;
  return (
    <section id="pending">
      <h2>
        Đang xây dựng, sửa đổi <En>In progress</En>
      </h2>
      <ul>
        {props.rounds.map((r) => (
          <PendingItem r={r} />
        ))}
      </ul>
    </section>
  );
}

/** A round's text and recognition under a heading: the text in force, then each amendment. */
function TextSection(props: { heading: { vi: string; en: string }; record: RoundRecord }) {
  const r = props.record;
  return (
    <section id={`text-${r.round.id}`}>
      <h3>
        {props.heading.vi}: {r.href ? <a href={r.href}>{r.title}</a> : r.title} <En>{props.heading.en}</En>
      </h3>
      <RecognitionWords recognition={r.recognition} />
      {r.text ? (
        <RuleTextView text={r.text} />
      ) : (
        <p>
          Nội dung xem tại trang của vòng này. <En>The text is on the round's own page.</En>
        </p>
      )}
    </section>
  );
}

/** The text in force: the adopted (or replacing) text, then the amendments to it, oldest first. */
function InForce(props: { state: RuleState; rounds: readonly RoundRecord[] }) {
  const byId = new Map(props.rounds.map((r) => [r.round.id, r]));
  const text = byId.get(props.state.text);
  if (props.state.status === 'not_yet' || props.state.status === 'annulled') return null;
  return (
    <section id="in-force">
      <h2>
        Nội dung đang áp dụng <En>The text in force</En>
      </h2>
      {text ? <TextSection heading={{ vi: 'Văn bản', en: 'Text' }} record={text} /> : null}
      {props.state.amendments.map((id) => {
        const rec = byId.get(id);
        return rec ? <TextSection heading={{ vi: 'Sửa đổi, bổ sung', en: 'Amendment' }} record={rec} /> : null;
      })}
    </section>
  );
}

/** The published page of a hamlet's community rule. */
export function communityRulePage(input: CommunityRulePageInput): string {
  const rule = input.rule;
  return render(
    <Page title={`Hương ước, quy ước — ${input.hamlet}`} base={input.base}>
      {input.communeName ? <p class="commune">{input.communeName}</p> : null}
      <h1>Hương ước, quy ước — {input.hamlet}</h1>
      <p lang="en" class="en">
        Community rule
      </p>
      {rule === undefined ? (
        <p>
          {input.hamlet} chưa có hương ước, quy ước được công nhận. <En>No community rule has been recognised yet.</En>
        </p>
      ) : (
        <>
          <p>
            <strong>{rule.title}</strong>
            <br />
            Ngày {dayVi(input.on)}: <RuleStatusWords status={rule.state.status} /> <En>{`(on ${dayEn(input.on)})`}</En>
          </p>
          <InForce state={rule.state} rounds={rule.rounds} />
          <section id="history">
            <h2>
              Lịch sử <En>History</En>
            </h2>
            <RuleHistory state={rule.state} rounds={rule.rounds} />
          </section>
        </>
      )}
      <Pending rounds={input.pending ?? []} />
    </Page>,
  );
}
