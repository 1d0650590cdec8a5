/**
 * What the staff read of a dismissal or a board election below its checklist: the ground and the petition, the vote
 * at the meeting as N of H, the candidates and who fills the seats, the recognising body's decision, the acting
 * head. Vietnamese alone on a staff page unless it asks for English (`Bi`). Pure rendering; households never named.
 */
import { BOARD_WORDS, type Board } from '../../shared/process/boards.ts';
import { dismissalConvener, type DismissalGround } from '../../shared/process/dismissal.ts';
import { NOT_ELECTED_WORDS, type NotElectedReason } from '../../shared/process/election.ts';
import { Bi } from '../officials/parts.tsx';
import { dayVi } from './words.tsx';

/** The parts of a stored process these pages show. */
export interface OfficeFactsRecord {
  kind: 'dismissal' | 'board_election' | string;
  dismissal?: { ground: DismissalGround; headLeadsFront: boolean; petition?: { households: number; signed: number } } | undefined;
  dismissalVote?: { households: number; present: number; yes: number } | undefined;
  actingHead?: { name: string; on: string; decision?: string } | undefined;
  board?: { board: Board; seats: number } | undefined;
  candidates: readonly { id: string; name: string }[];
  count?: { households: number; present: number; seats: number; votes: Record<string, number> } | undefined;
  recognition?: { outcome: string; on: string; decision?: string } | undefined;
}

const GROUND: Readonly<Record<DismissalGround, { vi: string; en: string }>> = {
  own_request: { vi: 'Theo đơn xin thôi của Trưởng thôn, Tổ trưởng tổ dân phố.', en: "At the village head's own request." },
  front_proposal: {
    vi: 'Theo đề nghị của Trưởng ban công tác Mặt trận ở thôn, tổ dân phố.',
    en: 'On the proposal of the head of the Front working committee.',
  },
};

function DismissalFacts(props: { r: OfficeFactsRecord; vote?: { dismissed: boolean; threshold: number } | undefined }) {
  const d = props.r.dismissal;
  const v = props.r.dismissalVote;
  const convener = dismissalConvener(d?.headLeadsFront ?? false);
  return (
    <>
      {d ? (
        <p id="ground">
          <Bi vi={GROUND[d.ground].vi} en={GROUND[d.ground].en} /> <Bi vi={`${convener.vi}.`} en={`${convener.en}.`} />
        </p>
      ) : null}
      {d?.petition ? (
        <p id="petition">
          <Bi
            vi={`Kiến nghị của ${d.petition.signed}/${d.petition.households} hộ gia đình.`}
            en={`A petition of ${d.petition.signed} of ${d.petition.households} households.`}
          />
        </p>
      ) : null}
      {v && props.vote ? (
        <p id="outcome">
          <Bi
            vi={`Tổng số hộ gia đình (H, do cán bộ nhập): ${v.households}; số hộ dự họp: ${v.present}; tán thành cho thôi: ${v.yes} (cần ít nhất ${props.vote.threshold}). ${props.vote.dismissed ? 'Cuộc họp tán thành cho thôi.' : 'Không đủ trên 50% tổng số hộ gia đình tán thành.'}`}
            en={`H (entered): ${v.households}; present: ${v.present}; in favour: ${v.yes} (${props.vote.threshold} needed). ${props.vote.dismissed ? 'Dismissed by the meeting.' : 'Not more than 50 % of households in favour.'}`}
          />
        </p>
      ) : null}
      {props.r.actingHead ? (
        <p id="acting-head">
          <Bi
            vi={`Trưởng thôn, Tổ trưởng tổ dân phố lâm thời: ${props.r.actingHead.name} (từ ${dayVi(props.r.actingHead.on)}).`}
            en={`Acting village head: ${props.r.actingHead.name}.`}
          />
        </p>
      ) : null}
    </>
  );
}

function BoardFacts(props: { r: OfficeFactsRecord; outcome?: { elected: string[]; reason: NotElectedReason | null } | undefined }) {
  const r = props.r;
  const name = (id: string) => r.candidates.find((c) => c.id === id)?.name ?? id;
  const board = r.board ? BOARD_WORDS[r.board.board] : undefined;
  return (
    <>
      {board && r.board ? (
        <p id="board">
          <Bi vi={`${board.vi}: bầu ${r.board.seats} thành viên.`} en={`${board.en}: ${r.board.seats} member(s) to elect.`} />
        </p>
      ) : null}
      <h2>
        <Bi vi="Người ứng cử" en="Candidates" />
      </h2>
      {r.candidates.length === 0 ? (
        <p>
          <Bi vi="Chưa có danh sách người ứng cử." en="No candidate list yet." />
        </p>
      ) : (
        <ul>
          {r.candidates.map((c) => (
            <li>
              {c.name}
              {r.count ? ` — ${r.count.votes[c.id] ?? 0}/${r.count.households}` : ''}
            </li>
          ))}
        </ul>
      )}
      {r.count && props.outcome ? (
        <p id="outcome">
          <Bi
            vi={`Tổng số hộ gia đình (H, do cán bộ nhập): ${r.count.households}; số hộ dự họp: ${r.count.present}. ${props.outcome.elected.length > 0 ? `Trúng cử: ${props.outcome.elected.map(name).join(', ')}.` : 'Không có người trúng cử.'}${props.outcome.reason ? ` ${NOT_ELECTED_WORDS[props.outcome.reason].vi}.` : ''}`}
            en={`H (entered): ${r.count.households}; present: ${r.count.present}. Elected: ${props.outcome.elected.map(name).join(', ') || 'nobody'}.`}
          />
        </p>
      ) : null}
    </>
  );
}

const BY = { dismissal: 'Ủy ban nhân dân cấp xã', board_election: 'Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã' } as const;
const DECIDED: Readonly<Record<string, { vi: string; en: string }>> = {
  recognised: { vi: 'công nhận', en: 'recognised it' },
  refused: { vi: 'không công nhận, trả lời bằng văn bản nêu rõ lý do', en: 'did not recognise it, with reasons in writing' },
};

export function OfficeFacts(props: {
  record: OfficeFactsRecord;
  outcome?: { elected: string[]; reason: NotElectedReason | null } | undefined;
  vote?: { dismissed: boolean; threshold: number } | undefined;
}) {
  const r = props.record;
  const by = r.kind === 'board_election' ? BY.board_election : BY.dismissal;
  const decided = r.recognition ? (DECIDED[r.recognition.outcome] ?? DECIDED.refused) : undefined;
  return (
    <section id="facts">
      {r.kind === 'board_election' ? <BoardFacts r={r} outcome={props.outcome} /> : <DismissalFacts r={r} vote={props.vote} />}
      {r.recognition && decided ? (
        <p id="recognition">
          <Bi
            vi={`${by} đã quyết định ${decided.vi} ngày ${dayVi(r.recognition.on)}${r.recognition.decision ? ` (${r.recognition.decision})` : ''}.`}
            en={`${r.kind === 'board_election' ? 'UBMTTQ xã' : 'UBND xã'} ${decided.en}.`}
          />
        </p>
      ) : null}
    </section>
  );
}
