/**
 * A community rule's round as the staff read it (officials, monitors, UBND xã): what kind of round and the rule it
 * changes, who proposed it, the drafting team, the draft and the round whose discussion holds the comments, the
 * team's summary, each vote with its outcome and linked rounds, the signatures (households by roll id), the
 * translations, UBND xã's decision and the stamped copy. Vietnamese alone unless the page asks for English. Pure.
 */
import { ruleAdoption, type RuleVote } from '../../shared/process/community-rules.ts';
import { ROUND_WORDS, type RoundKind } from '../../shared/process/rule-rounds.ts';
import { Bi } from '../officials/parts.tsx';
import { dayVi } from './words.tsx';

/** The fields of the round the page shows (`ProcessRecord` with its `rule`). */
export interface RuleFactsInput {
  id: string;
  hamlet: string;
  recognition?: { outcome: string; on: string; decision?: string | undefined } | undefined;
  rule: {
    round: RoundKind;
    title: string;
    ruleOf?: string | undefined;
    until?: string | undefined;
    proposal: { by: 'village_head_with_front' } | { by: 'initiative'; initiative: string };
    postingDays: number;
    community: { hasElders: boolean; minorityLanguages: readonly string[] };
    team?: readonly { name: string; elder: boolean; languages: readonly string[] }[] | undefined;
    draft?: { text: string; consultation?: string | undefined } | undefined;
    comments?: { received: number; summary: string; answers: string } | undefined;
    votes?: readonly { on: string; vote: RuleVote; rounds: readonly string[] }[] | undefined;
    text?: string | undefined;
    signatures?: { on: string; villageHead: string; frontHead: string; households: readonly string[] } | undefined;
    translations?: readonly { language: string; lang: string; text: string; on: string }[] | undefined;
    reasons?: string | undefined;
    copy?: { file: string } | undefined;
  };
}

const OUTCOME_WORDS = {
  adopted: { vi: 'Được thông qua', en: 'Adopted' },
  rejected: { vi: 'Không được thông qua', en: 'Not adopted' },
  not_enough_present: {
    vi: 'Không đủ trên 50% tổng số hộ gia đình tham dự; có thể phát phiếu lấy ý kiến từng hộ',
    en: 'Too few present; a household ballot may follow',
  },
} as const;

function VoteLine(props: { on: string; vote: RuleVote; rounds: readonly string[]; roundHref: (id: string) => string }) {
  const v = props.vote;
  const o = ruleAdoption(v);
  const w = OUTCOME_WORDS[o.status];
  const how =
    v.method === 'meeting'
      ? { vi: `Cuộc họp ngày ${dayVi(props.on)}: ${v.present}/${v.households} hộ dự họp, ${v.yes} hộ tán thành`, en: 'Meeting' }
      : { vi: `Phiếu lấy ý kiến đến ngày ${dayVi(props.on)}: ${v.yes}/${v.households} hộ tán thành`, en: 'Household ballot' };
  return (
    <li>
      <Bi vi={`${how.vi} — ${w.vi} (cần ít nhất ${o.threshold} hộ).`} en={`${how.en}: ${w.en}.`} />
      {props.rounds.map((id) => (
        <>
          {' '}
          <a href={props.roundHref(id)}>
            <Bi vi="Vòng lấy ý kiến" en="Round" />
          </a>
        </>
      ))}
    </li>
  );
}

function Proposal(props: { f: RuleFactsInput['rule']; processHref: (id: string) => string }) {
  const f = props.f;
  const kind = ROUND_WORDS[f.round];
  return (
    <>
      <p>
        <Bi vi={`${kind.vi}: ${f.title}`} en={kind.en} />
        {f.ruleOf ? (
          <>
            {' — '}
            <a href={props.processHref(f.ruleOf)}>
              <Bi vi="Hương ước, quy ước được thay đổi" en="The rule it changes" />
            </a>
          </>
        ) : null}
        {f.until ? <Bi vi={` — tạm ngưng đến ${dayVi(f.until)}`} en="until" /> : null}
      </p>
      <p>
        {f.proposal.by === 'initiative' ? (
          <Bi vi={`Đề xuất theo sáng kiến của công dân (${f.proposal.initiative}).`} en="Proposed by a citizens' initiative." />
        ) : (
          <Bi vi="Trưởng thôn đề xuất sau khi thống nhất với Trưởng ban công tác Mặt trận." en="Proposed by the village head with the Front." />
        )}{' '}
        <Bi vi={`Thời gian niêm yết dự thảo: ${f.postingDays} ngày.`} en={`Posting period: ${f.postingDays} days.`} />
      </p>
    </>
  );
}

function Team(props: { f: RuleFactsInput['rule'] }) {
  const team = props.f.team;
  if (!team) return null;
  return (
    <>
      <h2>
        <Bi vi="Tổ soạn thảo" en="Drafting team" />
      </h2>
      <ul>
        {team.map((m) => (
          <li>
            {m.name}
            {m.elder ? ' (già làng, người có uy tín)' : ''}
            {m.languages.length > 0 ? ` — biết tiếng ${m.languages.join(', ')}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

function Texts(props: { f: RuleFactsInput['rule'] }) {
  const f = props.f;
  return (
    <>
      {(f.text ?? f.draft) ? (
        <>
          <h2>
            <Bi vi={f.text ? 'Nội dung đã được thông qua' : 'Dự thảo'} en={f.text ? 'Adopted text' : 'Draft'} />
          </h2>
          <div class="comment-text">{f.text ?? f.draft?.text}</div>
        </>
      ) : null}
      {(f.translations ?? []).map((t) => (
        <section>
          <h3>
            <Bi vi={`Bản dịch tiếng ${t.language} (cộng đồng quyết định ngày ${dayVi(t.on)})`} en={`Translation (${t.language})`} />
          </h3>
          <div class="comment-text" lang={t.lang}>
            {t.text}
          </div>
        </section>
      ))}
    </>
  );
}

/** The staff's view of a rule's round; `links` say where a consultation round and another process are. */
export function RuleFacts(props: {
  record: RuleFactsInput;
  roundHref: (id: string) => string;
  processHref: (id: string) => string;
  copyHref?: string | undefined;
}) {
  const r = props.record;
  const f = r.rule;
  return (
    <section id="facts">
      <Proposal f={f} processHref={props.processHref} />
      <Team f={f} />
      {f.draft?.consultation ? (
        <p id="draft-round">
          <a href={props.roundHref(f.draft.consultation)}>
            <Bi vi="Vòng lấy ý kiến về dự thảo (thảo luận, góp ý)" en="The draft's round (its discussion holds the comments)" />
          </a>
        </p>
      ) : null}
      {f.comments ? (
        <>
          <h2>
            <Bi vi={`Tổng hợp ${f.comments.received} ý kiến góp ý`} en={`Summary of ${f.comments.received} comments`} />
          </h2>
          <div class="comment-text">{f.comments.summary}</div>
          <h3>
            <Bi vi="Giải trình, tiếp thu của Tổ soạn thảo" en="The team's answers" />
          </h3>
          <div class="comment-text">{f.comments.answers}</div>
        </>
      ) : null}
      {f.votes && f.votes.length > 0 ? (
        <>
          <h2>
            <Bi vi="Biểu quyết" en="Votes" />
          </h2>
          <ul id="votes">
            {f.votes.map((v) => (
              <VoteLine {...v} roundHref={props.roundHref} />
            ))}
          </ul>
        </>
      ) : null}
      <Texts f={f} />
      {f.signatures ? (
        <p id="signatures">
          <Bi
            vi={`Ký ngày ${dayVi(f.signatures.on)}: Trưởng thôn ${f.signatures.villageHead}, Trưởng ban công tác Mặt trận ${f.signatures.frontHead}, đại diện hộ ${f.signatures.households.join(', ')}.`}
            en="Signed by the village head, the Front's head and 2 households."
          />
        </p>
      ) : null}
      {r.recognition ? (
        <p id="recognition">
          <Bi
            vi={`Ủy ban nhân dân cấp xã ${r.recognition.outcome === 'recognised' ? 'công nhận' : 'không công nhận'} ngày ${dayVi(r.recognition.on)}${r.recognition.decision ? ` (${r.recognition.decision})` : ''}.${f.reasons ? ` Lý do: ${f.reasons}` : ''}`}
            en={r.recognition.outcome === 'recognised' ? 'Recognised by UBND xã.' : 'Refused by UBND xã.'}
          />
          {props.copyHref ? (
            <>
              {' '}
              <a href={props.copyHref}>
                <Bi vi="Bản có đóng dấu (bản quét)" en="Stamped copy (scan)" />
              </a>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
