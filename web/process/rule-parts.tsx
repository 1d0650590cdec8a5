/**
 * A community rule on the public pages: its text with the translations the community decided beside the Vietnamese
 * (Decree 61/2023 Art. 6(5)), UBND xã's recognition with its day and stamped copy, its status, and its history as
 * linked rounds (amendments, replacement, suspension, annulment). Bilingual like the published site. Pure rendering
 * from `ruleState()` and the rounds' records.
 */
import { ROUND_WORDS, type RuleRound, type RuleState, type RuleStatus } from '../../shared/process/rule-rounds.ts';
import { En } from '../lang.tsx';
import { dayEn, dayVi } from './words.tsx';

/** A text as adopted: the Vietnamese, and the translations the community decided, each with its BCP 47 tag. */
export interface RuleText {
  vi: string;
  translations?: readonly { language: string; lang: string; text: string }[] | undefined;
}

/** UBND xã's decision recognising a round: the day, its number, and the scanned stamped copy on the site. */
export interface RuleRecognition {
  on: string;
  decision?: string | undefined;
  copy?: string | undefined;
}

/** A round of a rule as the pages show it: the round, its title, its own page, its text and its recognition. */
export interface RoundRecord {
  round: RuleRound;
  title: string;
  href?: string | undefined;
  text?: RuleText | undefined;
  recognition?: RuleRecognition | undefined;
}

export const RULE_STATUS_WORDS: Readonly<Record<RuleStatus, { vi: string; en: string; mark: string }>> = {
  not_yet: { vi: 'Chưa có hiệu lực', en: 'Not in force yet', mark: '–' },
  in_force: { vi: 'Đang có hiệu lực', en: 'In force', mark: '✓' },
  suspended: { vi: 'Đang tạm ngưng thực hiện', en: 'Suspended', mark: '⏸' },
  annulled: { vi: 'Đã bị bãi bỏ', en: 'Annulled', mark: '✗' },
};

export function RuleStatusWords(props: { status: RuleStatus }) {
  const w = RULE_STATUS_WORDS[props.status];
  return (
    <span class={`rule-status rule-${props.status}`}>
      <strong>
        <span aria-hidden="true">{w.mark}</span> {w.vi}
      </strong>{' '}
      <En>{w.en}</En>
    </span>
  );
}

/** The Vietnamese text, then each translation, marked with its language. */
export function RuleTextView(props: { text: RuleText }) {
  return (
    <div class="rule-text">
      <div class="comment-text" lang="vi">
        {props.text.vi}
      </div>
      {(props.text.translations ?? []).map((t) => (
        <section>
          <h3>
            Bản dịch tiếng {t.language} <En>{`Translation (${t.language})`}</En>
          </h3>
          <div class="comment-text" lang={t.lang}>
            {t.text}
          </div>
        </section>
      ))}
    </div>
  );
}

/** UBND xã's recognition: the decision, the day, and the stamped copy; or that it has not come yet. */
export function RecognitionWords(props: { recognition?: RuleRecognition | undefined }) {
  const r = props.recognition;
  if (r === undefined) {
    return (
      <p>
        Chưa được Ủy ban nhân dân cấp xã công nhận. <En>Not yet recognised by UBND xã.</En>
      </p>
    );
  }
  return (
    <p class="recognition">
      Ủy ban nhân dân cấp xã công nhận{r.decision ? ` theo Quyết định số ${r.decision}` : ''} ngày {dayVi(r.on)}.{' '}
      <En>{`Recognised by UBND xã${r.decision ? ` (decision ${r.decision})` : ''} on ${dayEn(r.on)}.`}</En>
      {r.copy ? (
        <>
          {' '}
          <a href={r.copy}>
            Bản có đóng dấu (bản quét) <En bare>Stamped copy (scan)</En>
          </a>
        </>
      ) : null}
    </p>
  );
}

/** What a round did to the rule: its kind, and for a suspension how long. */
function roundWords(round: RuleRound): { vi: string; en: string } {
  const kind = ROUND_WORDS[round.kind];
  if (round.kind !== 'suspension') return kind;
  return round.until === undefined
    ? { vi: `${kind.vi} (chưa định ngày thực hiện lại)`, en: `${kind.en} (no end set)` }
    : { vi: `${kind.vi} đến ${dayVi(round.until)}`, en: `${kind.en} until ${dayEn(round.until)}` };
}

/** The rule's history: every round that has taken effect, oldest first, each linking to its own page. */
export function RuleHistory(props: { state: RuleState; rounds: readonly RoundRecord[] }) {
  const byId = new Map(props.rounds.map((r) => [r.round.id, r]));
  if (props.state.history.length === 0) {
    return (
      <p>
        Chưa có vòng nào có hiệu lực. <En>No round has taken effect yet.</En>
      </p>
    );
  }
  return (
    <ol class="rule-history">
      {props.state.history.map((round) => {
        const rec = byId.get(round.id);
        const words = roundWords(round);
        return (
          <li id={`round-${round.id}`}>
            <strong>{words.vi}</strong> <En>{words.en}</En>
            {round.effective ? (
              <>
                {' '}
                — có hiệu lực từ {dayVi(round.effective)} <En>{`in effect from ${dayEn(round.effective)}`}</En>
              </>
            ) : null}
            {rec ? (
              <>
                <br />
                {rec.href ? <a href={rec.href}>{rec.title}</a> : rec.title}
                <RecognitionWords recognition={rec.recognition} />
              </>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
