/**
 * The result of an election at the community meeting (the village head, a board's members) on the public timeline:
 * who was elected with how many of the H households' votes, or why nobody was, and the recognition. Candidates are
 * named as the Front's list (a public notice) and the meeting record name them; households never are. Bilingual.
 */
import { type ElectionCount, type ElectionOutcome, NOT_ELECTED_WORDS } from '../../shared/process/election.ts';
import type { Candidate } from '../../shared/process/village-head.ts';
import { percent, vnNumber } from '../format.ts';
import { En } from '../lang.tsx';
import { dayEn, dayVi } from './words.tsx';

/** A candidate as the public notice names them. */
export interface NamedCandidate {
  id: string;
  name: string;
  source: Candidate['source'];
}

/** The counts of the election, `electionOutcome(count)`, and the candidates by id. */
export interface ElectionResult {
  count: ElectionCount;
  outcome: ElectionOutcome;
  candidates: readonly NamedCandidate[];
}

/** What the recognising body decided, on which day, with its decision's number and scanned copy. */
export interface ProcessRecognition {
  outcome: 'recognised' | 'new_election' | 'refused';
  on: string;
  decision?: string | undefined;
  copy?: string | undefined;
}

const SOURCE_WORDS: Readonly<Record<Candidate['source'], { vi: string; en: string }>> = {
  front_list: { vi: 'Danh sách của Ban công tác Mặt trận', en: "Front working committee's list" },
  nominated: { vi: 'Được đề cử tại cuộc họp', en: 'Nominated at the meeting' },
  self_nominated: { vi: 'Tự ứng cử tại cuộc họp', en: 'Stood at the meeting' },
};

const RECOGNITION_WORDS: Readonly<Record<ProcessRecognition['outcome'], { vi: string; en: string }>> = {
  recognised: { vi: 'công nhận kết quả', en: 'recognised the result' },
  new_election: { vi: 'quyết định bầu lại', en: 'decided a new election' },
  refused: { vi: 'không công nhận, trả lời bằng văn bản nêu rõ lý do', en: 'did not recognise it, and answered in writing with its reasons' },
};

/** Who was elected, or why nobody (or not every seat) was. */
function OutcomeWords(props: { result: ElectionResult; name: (id: string) => string }) {
  const { count, outcome } = props.result;
  const h = count.households;
  return (
    <>
      {outcome.elected.map((id) => {
        const votes = count.votes[id] ?? 0;
        return (
          <p class="outcome adopted">
            <span aria-hidden="true">✓</span> {props.name(id)} trúng cử với {vnNumber(votes)}/{vnNumber(h)} phiếu tán thành ({percent(votes, h)} tổng số hộ gia
            đình). <En>{`${props.name(id)} is elected with ${votes} of ${h} households' votes.`}</En>
          </p>
        );
      })}
      {outcome.reason !== null ? (
        <p class={`outcome${outcome.elected.length === 0 ? ' rejected' : ''}`}>
          <span aria-hidden="true">✗</span> {outcome.elected.length === 0 ? 'Không có người trúng cử' : `Còn ${outcome.unfilled} vị trí chưa bầu được`}:{' '}
          {NOT_ELECTED_WORDS[outcome.reason].vi}.{' '}
          <En>{`${outcome.elected.length === 0 ? 'Nobody is elected' : `${outcome.unfilled} seat(s) left empty`}: ${NOT_ELECTED_WORDS[outcome.reason].en}.`}</En>
          <br />
          <span class="hint">
            Căn cứ: {NOT_ELECTED_WORDS[outcome.reason].cite.vi}. Ủy ban nhân dân cấp xã quyết định việc bầu lại.{' '}
            <En>{`Basis: ${NOT_ELECTED_WORDS[outcome.reason].cite.en}. UBND xã decides on a new election.`}</En>
          </span>
        </p>
      ) : null}
    </>
  );
}

/** The candidates and their votes, as a share of all households (the law counts H, not those present). */
function CandidateTable(props: { result: ElectionResult }) {
  const { count } = props.result;
  return (
    <table class="stack">
      <caption>
        Số phiếu tán thành từng người ứng cử <En>Votes for each candidate</En>
      </caption>
      <thead>
        <tr>
          <th scope="col">
            Người ứng cử <En>Candidate</En>
          </th>
          <th scope="col">
            Nguồn <En>Source</En>
          </th>
          <th scope="col" class="n">
            Số phiếu <En>Votes</En>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.result.candidates.map((c) => (
          <tr>
            <th scope="row">{c.name}</th>
            <td data-label="Nguồn">
              {SOURCE_WORDS[c.source].vi} <En>{SOURCE_WORDS[c.source].en}</En>
            </td>
            <td data-label="Số phiếu" class="n">
              {vnNumber(count.votes[c.id] ?? 0)} ({percent(count.votes[c.id] ?? 0, count.households)})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The election's result: the counts, who is elected or why not, the candidates' votes. */
export function ElectionResultView(props: { result: ElectionResult }) {
  const r = props.result;
  const names = new Map(r.candidates.map((c) => [c.id, c.name]));
  const name = (id: string) => names.get(id) ?? id;
  const h = r.count.households;
  return (
    <section id="result">
      <h2>
        Kết quả bầu <En>Result</En>
      </h2>
      <p>
        Tổng số hộ gia đình: <strong>{vnNumber(h)}</strong>; số đại diện hộ dự họp: <strong>{vnNumber(r.count.present)}</strong> ({percent(r.count.present, h)}
        ). Người trúng cử cần trên 50% tổng số hộ gia đình tán thành, tức ít nhất {vnNumber(r.outcome.threshold)} phiếu.{' '}
        <En>{`${r.count.present} of ${h} households present. A candidate needs more than 50 % of all households: at least ${r.outcome.threshold} votes.`}</En>
      </p>
      <OutcomeWords result={r} name={name} />
      <CandidateTable result={r} />
    </section>
  );
}

/** The recognising body's decision, or that it has not come yet. */
export function ProcessRecognitionWords(props: { by: { vi: string; en: string }; recognition?: ProcessRecognition | undefined }) {
  const r = props.recognition;
  if (r === undefined) {
    return (
      <p>
        {props.by.vi} chưa có quyết định. <En>{`${props.by.en} has not decided yet.`}</En>
      </p>
    );
  }
  const w = RECOGNITION_WORDS[r.outcome];
  return (
    <p class="recognition">
      {props.by.vi} {w.vi}
      {r.decision ? ` (Quyết định số ${r.decision})` : ''} ngày {dayVi(r.on)}.{' '}
      <En>{`${props.by.en} ${w.en}${r.decision ? ` (decision ${r.decision})` : ''} on ${dayEn(r.on)}.`}</En>
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
