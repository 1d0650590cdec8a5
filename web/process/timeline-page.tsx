/**
 * The public timeline of a process on the published site: a village-head election, a dismissal, a board election, a
 * community rule's round, a citizens' initiative. The law's steps with their limits, dates and status, then the
 * outcome: who was elected (the law makes the village head and the candidates public), the rule and its history,
 * the consents by roll id. Never a household's name. Vietnamese first, English beside it. Pure rendering.
 */
import type { Child } from 'hono/jsx';
import { BOARD_WORDS, type Board } from '../../shared/process/boards.ts';
import type { ChecklistRow } from '../../shared/process/checklist.ts';
import type { RuleAdoption, RuleVote } from '../../shared/process/community-rules.ts';
import { dismissalConvener, type DismissalGround } from '../../shared/process/dismissal.ts';
import type { Consent, InitiativeMatter, InitiativeStanding } from '../../shared/process/initiatives.ts';
import { ROUND_WORDS, type RoundKind, type RuleState } from '../../shared/process/rule-rounds.ts';
import { MATTER_VI, percent, vnNumber } from '../format.ts';
import { En } from '../lang.tsx';
import { Page, render } from '../layout.tsx';
import { PROCESS_WORDS } from './checklist-view.tsx';
import { type DismissalPetition, DismissalPetitionView, type DismissalVote, DismissalVoteView } from './dismissal-parts.tsx';
import { ElectionResultView, type ElectionResult, type ProcessRecognition, ProcessRecognitionWords } from './election-parts.tsx';
import { ConsentTable, InitiativeStandingView } from './initiative-parts.tsx';
import { type RoundRecord, RecognitionWords, type RuleRecognition, RuleHistory, RuleStatusWords, type RuleText, RuleTextView } from './rule-parts.tsx';
import { dayEn, dayVi, isLate, lateWords, StepList } from './words.tsx';

/** What every timeline has: where, and the steps (`checklist(steps, events, now)`). */
interface TimelineCommon {
  hamlet: string;
  communeName?: string | undefined;
  /** The site's root relative to the page, for the header's link ("../../"). */
  base?: string | undefined;
  meeting: string;
  rows: readonly ChecklistRow[];
}

export type ElectionTimeline = TimelineCommon & { kind: 'village_head_election'; result?: ElectionResult; recognition?: ProcessRecognition };
export type BoardTimeline = TimelineCommon & { kind: 'board_election'; board: Board; result?: ElectionResult; recognition?: ProcessRecognition };
export type DismissalTimeline = TimelineCommon & {
  kind: 'dismissal';
  ground: DismissalGround;
  headLeadsFront: boolean;
  recognition?: ProcessRecognition;
  /** The acting head UBND xã appointed, as its public decision names them. */
  actingHead?: string;
  /** The vote at the meeting, once held; the households' petition, when there was one. */
  vote?: DismissalVote;
  petition?: DismissalPetition;
};
export type RuleTimeline = TimelineCommon & {
  kind: 'community_rule';
  round: { kind: RoundKind; title: string; text?: RuleText };
  /** The vote and `ruleAdoption(vote)`, once held. */
  adoption?: { vote: RuleVote; outcome: RuleAdoption };
  recognition?: RuleRecognition;
  /** The rule this round changes (or made): `ruleState(...)` today and its rounds, and the hamlet's rule page. */
  rule?: { state: RuleState; rounds: readonly RoundRecord[]; href?: string };
};
export interface InitiativeTimeline {
  kind: 'initiative';
  hamlet: string;
  communeName?: string | undefined;
  base?: string | undefined;
  title: string;
  titleEn?: string | undefined;
  matter: InitiativeMatter;
  /** The day counted (today, or the day it was sent to the village head). */
  day: string;
  /** The hamlet's roll ids (H is their number). */
  roll: readonly string[];
  consents: readonly Consent[];
  /** `initiativeStanding({ consents, roll, day, frontApproved })`. */
  standing: InitiativeStanding;
  /** The draft round opened when it reached the agenda. */
  round?: { href: string; title: string } | undefined;
}

export type TimelineInput = ElectionTimeline | BoardTimeline | DismissalTimeline | RuleTimeline | InitiativeTimeline;

const UBND = { vi: 'Ủy ban nhân dân cấp xã', en: 'UBND xã' };
const UBMTTQ = { vi: 'Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã', en: 'UBMTTQ xã' };

function Head(props: { communeName?: string | undefined; hamlet: string; vi: string; en: string }) {
  return (
    <>
      {props.communeName ? <p class="commune">{props.communeName}</p> : null}
      <h1>
        {props.vi} — {props.hamlet}
      </h1>
      <p lang="en" class="en">
        {props.en}
      </p>
    </>
  );
}

/** The steps, flagged at the top when any is late. */
function Steps(props: { rows: readonly ChecklistRow[]; meeting: string }) {
  const late = props.rows.filter(isLate).length;
  const words = lateWords(late);
  return (
    <section id="steps">
      <h2>
        Các bước <En>Steps</En>
      </h2>
      <p>
        Ngày họp cộng đồng dân cư: {dayVi(props.meeting)}. <En>{`Community meeting: ${dayEn(props.meeting)}.`}</En>
      </p>
      {late > 0 ? (
        <p class="rejected" id="late">
          <strong>
            <span aria-hidden="true">⚠</span> {words.vi}
          </strong>{' '}
          <En>{words.en}</En>
        </p>
      ) : null}
      <StepList rows={props.rows} />
    </section>
  );
}

function ElectionBody(props: { t: ElectionTimeline | BoardTimeline }) {
  const t = props.t;
  const by = t.kind === 'board_election' ? UBMTTQ : UBND;
  return (
    <>
      {t.result ? <ElectionResultView result={t.result} /> : null}
      <h2>
        Công nhận <En>Recognition</En>
      </h2>
      <ProcessRecognitionWords by={by} recognition={t.recognition} />
    </>
  );
}

const GROUND_WORDS: Readonly<Record<DismissalGround, { vi: string; en: string }>> = {
  own_request: { vi: 'Theo đơn xin thôi của Trưởng thôn, Tổ trưởng tổ dân phố', en: "At the village head's own request" },
  front_proposal: { vi: 'Theo đề nghị của Trưởng ban công tác Mặt trận ở thôn, tổ dân phố', en: 'On the proposal of the head of the Front working committee' },
};

function DismissalBody(props: { t: DismissalTimeline }) {
  const t = props.t;
  const convener = dismissalConvener(t.headLeadsFront);
  const ground = GROUND_WORDS[t.ground];
  const newElection = t.rows.find((r) => r.step === 'new_election_decided');
  return (
    <>
      <p>
        {ground.vi}. <En>{`${ground.en}.`}</En>
      </p>
      <p>
        {convener.vi}. <En>{`${convener.en}.`}</En>
      </p>
      {t.petition ? <DismissalPetitionView petition={t.petition} /> : null}
      {t.vote ? <DismissalVoteView vote={t.vote} /> : null}
      <h2>
        Công nhận <En>Recognition</En>
      </h2>
      <ProcessRecognitionWords by={UBND} recognition={t.recognition} />
      {t.actingHead ? (
        <p>
          Trưởng thôn, Tổ trưởng tổ dân phố lâm thời: {t.actingHead}. <En>{`Acting village head: ${t.actingHead}.`}</En>
        </p>
      ) : null}
      {newElection?.due ? (
        <p>
          Hạn quyết định bầu Trưởng thôn, Tổ trưởng tổ dân phố mới: {dayVi(newElection.due)}.{' '}
          <En>{`A new election is to be decided by ${dayEn(newElection.due)}.`}</En>
        </p>
      ) : null}
    </>
  );
}

const ADOPTION_WORDS: Readonly<Record<RuleAdoption['status'], { vi: string; en: string; cls: string; mark: string }>> = {
  adopted: { vi: 'Được thông qua', en: 'Adopted', cls: 'adopted', mark: '✓' },
  rejected: { vi: 'Không được thông qua', en: 'Not adopted', cls: 'rejected', mark: '✗' },
  not_enough_present: {
    vi: 'Cuộc họp không đủ trên 50% tổng số hộ gia đình tham dự; có thể phát phiếu lấy ý kiến từng hộ',
    en: 'Not more than 50 % of households attended; a household ballot may follow',
    cls: 'rejected',
    mark: '✗',
  },
};

function AdoptionWords(props: { vote: RuleVote; outcome: RuleAdoption }) {
  const w = ADOPTION_WORDS[props.outcome.status];
  const h = props.vote.households;
  return (
    <p class={`outcome ${w.cls}`}>
      <span aria-hidden="true">{w.mark}</span> {w.vi}: {vnNumber(props.vote.yes)}/{vnNumber(h)} hộ tán thành ({percent(props.vote.yes, h)}); cần ít nhất{' '}
      {vnNumber(props.outcome.threshold)} hộ. <En>{`${w.en}: ${props.vote.yes} of ${h} households in favour; ${props.outcome.threshold} needed.`}</En>
    </p>
  );
}

function RuleBody(props: { t: RuleTimeline }) {
  const t = props.t;
  const kind = ROUND_WORDS[t.round.kind];
  return (
    <>
      <p>
        {kind.vi}: {t.round.title} <En>{kind.en}</En>
      </p>
      {t.adoption ? <AdoptionWords {...t.adoption} /> : null}
      {t.round.text ? (
        <section id="text">
          <h2>
            Nội dung <En>Text</En>
          </h2>
          <RuleTextView text={t.round.text} />
        </section>
      ) : null}
      <h2>
        Công nhận <En>Recognition</En>
      </h2>
      <RecognitionWords recognition={t.recognition} />
      {t.rule ? (
        <section id="history">
          <h2>
            Hương ước, quy ước đang áp dụng <En>The rule in force</En>
          </h2>
          <p>
            <RuleStatusWords status={t.rule.state.status} />
            {t.rule.href ? (
              <>
                {' '}
                · <a href={t.rule.href}>Toàn văn và lịch sử</a> <En>Full text and history</En>
              </>
            ) : null}
          </p>
          <RuleHistory state={t.rule.state} rounds={t.rule.rounds} />
        </section>
      ) : null}
    </>
  );
}

function InitiativeBody(props: { t: InitiativeTimeline }) {
  const t = props.t;
  return (
    <>
      <p>
        Sáng kiến của công dân: {MATTER_VI[t.matter]}. <En>A citizens' initiative (Law 10/2022 Art. 16(3)).</En>
      </p>
      <InitiativeStandingView standing={t.standing} households={new Set(t.roll).size} day={t.day} />
      {t.round ? (
        <p>
          Đã mở vòng lấy ý kiến: <a href={t.round.href}>{t.round.title}</a>. <En>A round was opened for it.</En>
        </p>
      ) : null}
      <ConsentTable consents={t.consents} roll={t.roll} day={t.day} />
    </>
  );
}

function titleOf(t: TimelineInput): { vi: string; en: string } {
  if (t.kind === 'initiative') return { vi: `Sáng kiến: ${t.title}`, en: `Initiative: ${t.titleEn ?? t.title}` };
  if (t.kind === 'board_election') {
    const b = BOARD_WORDS[t.board];
    return { vi: `Bầu thành viên ${b.vi}`, en: `Electing the members of the ${b.en}` };
  }
  return PROCESS_WORDS[t.kind];
}

function bodyOf(t: TimelineInput): Child {
  if (t.kind === 'initiative') return <InitiativeBody t={t} />;
  if (t.kind === 'dismissal') return <DismissalBody t={t} />;
  if (t.kind === 'community_rule') return <RuleBody t={t} />;
  return <ElectionBody t={t} />;
}

/** The published page of a process: its head, the outcome so far, and (but for an initiative) its steps. */
export function timelinePage(t: TimelineInput): string {
  const title = titleOf(t);
  return render(
    <Page title={`${title.vi} — ${t.hamlet}`} base={t.base}>
      <Head communeName={t.communeName} hamlet={t.hamlet} vi={title.vi} en={title.en} />
      {bodyOf(t)}
      {t.kind === 'initiative' ? null : <Steps rows={t.rows} meeting={t.meeting} />}
    </Page>,
  );
}
