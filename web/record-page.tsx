/**
 * The printable decision record of a round (Law 10/2022 Art. 20; Decree 59/2023 form 03): letterhead and national
 * motto, the form of the document, (a) when, (b) H and the households present and absent, (c) what was discussed,
 * (d) the method, (đ) the counts, (e) the decision, the departures from the procedure with their reasons, and (g) the
 * signature blocks of the village head, the head of the Front working committee and 2 household representatives.
 */
import type { DecisionRecord, DocumentForm, MinutesRole, SignedRole } from '../shared/minutes.ts';
import { MATTER_VI, METHOD_VI, vnNumber, vnTime } from './format.ts';
import { channelWords, type NoticeEvidence, noticeKindWords } from './notice-evidence.ts';
import { En, Letterhead, pct, QuestionCounts, type RecordScan, recordFrame, Scans, SignatureBlock } from './record-parts.tsx';

export type { RecordScan } from './record-parts.tsx';

/** The form's title in both languages (Art. 20(1)). */
export const FORM_WORDS: Record<DocumentForm, readonly [vi: string, en: string]> = {
  nghi_quyet: ['Nghị quyết của cộng đồng dân cư', 'Resolution of the community'],
  bien_ban: ['Biên bản cuộc họp của cộng đồng dân cư', 'Minutes of the community meeting'],
  ban_ghi_nho: ['Bản ghi nhớ của cộng đồng dân cư', 'Memorandum of the community'],
  ban_thoa_thuan: ['Bản thỏa thuận của cộng đồng dân cư', 'Agreement of the community'],
};
const VOTING_VI = { show_of_hands: 'biểu quyết bằng hình thức giơ tay', secret_ballot: 'biểu quyết bằng hình thức bỏ phiếu kín' } as const;
const ROLE_WORDS: Record<MinutesRole, readonly [vi: string, en: string]> = {
  village_head: ['Trưởng thôn', 'Village head'],
  front_head: ['Trưởng ban công tác Mặt trận', 'Head of the Front working committee'],
};

export interface DecisionPageInput {
  record: DecisionRecord;
  /** The roles whose key signature verified: `signatureStatus(...).signed`. */
  signed?: readonly SignedRole[];
  scans?: readonly RecordScan[];
  /** A PDF of this page is published beside it (`decision.pdf`). */
  pdf?: boolean;
  /** The notices sent to the households, from the round's `notice_sent` events: the evidence of notice. */
  notices?: readonly NoticeEvidence[];
}

function Households(props: { r: DecisionRecord }) {
  const h = props.r.households;
  const meeting = props.r.method === 'meeting';
  return (
    <>
      <p>
        b) Tổng số hộ gia đình thuộc cộng đồng dân cư: <strong>{vnNumber(h.total)}</strong> hộ. Số người đại diện hộ gia đình{' '}
        {meeting ? 'có mặt' : 'tham gia biểu quyết'}: <strong>{vnNumber(h.present)}</strong> ({pct(h.presentPercentOfH)}). Số hộ gia đình không có người đại
        diện tham dự: <strong>{vnNumber(h.absent.count)}</strong>
        {h.absent.count ? ` (mã hộ: ${h.absent.ids.join(', ')})` : ''}.
        <En>Households (H), representatives present or taking part, households without one (by roll id).</En>
      </p>
      {meeting ? null : (
        <p>
          Theo hình thức: trực tuyến {vnNumber(h.byChannel.online)}, phiếu giấy {vnNumber(h.byChannel.paper)}, tại cuộc họp {vnNumber(h.byChannel.meeting)}.
        </p>
      )}
    </>
  );
}

function Discussion(props: { r: DecisionRecord }) {
  const d = props.r.discussion;
  return (
    <>
      <p>
        c) Nội dung cộng đồng dân cư bàn<En>What was discussed</En>:
      </p>
      <p class="summary">{d.summary}</p>
      {d.questions.length ? (
        <>
          <p>Các ý kiến, câu hỏi của người dân và nội dung giải trình:</p>
          <ol>
            {d.questions.map((q) => (
              <li>
                <p>Hỏi: {q.question}</p>
                {q.answers.map((a) => (
                  <p>Trả lời: {a}</p>
                ))}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {d.opinions?.length ? (
        <>
          <p>
            Các ý kiến khác của hộ gia đình (đã lược bỏ thông tin cá nhân)<En>Other opinions of households, after moderation</En>:
          </p>
          <ul class="opinions">
            {d.opinions.map((o) => (
              <li>
                {questionLabel(props.r, o.questionId)}: {o.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** "Nội dung 2" for a question of the record, as đ) numbers it; its id when the record has no such question. */
function questionLabel(r: DecisionRecord, id: string): string {
  const i = r.questions.findIndex((q) => q.id === id);
  return i < 0 ? id : `Nội dung ${i + 1}`;
}

function Departures(props: { r: DecisionRecord }) {
  if (props.r.departures.length === 0) return null;
  return (
    <section aria-labelledby="departures">
      <h2 id="departures">
        Những điểm khác với trình tự luật định<En>Departures from the procedure</En>
      </h2>
      {props.r.departures.map((d) => (
        <p class="departure">
          Mở biểu quyết lúc {vnTime(d.at)}, trước khi hết thời hạn thông báo {d.days} ngày
          {d.earliest ? ` (sớm nhất ${vnTime(d.earliest)})` : ' (chưa thông báo)'}. Lý do: {d.reason}
          <En>Voting opened before the notice period ran out; the reason as logged.</En>
        </p>
      ))}
    </section>
  );
}

/** The notices sent to the households (D59 Art. 3(3), 4(4); Law Art. 13(4)): which, when, to how many, by which channel. */
function NoticesSent(props: { notices: readonly NoticeEvidence[] }) {
  if (props.notices.length === 0) return null;
  return (
    <section aria-labelledby="notices">
      <h2 id="notices">
        Thông báo đã gửi đến các hộ gia đình<En>Notices sent to the households</En>
      </h2>
      <table class="notices">
        {/* The time gets the widest column, so that its date never breaks on a 360 px phone. */}
        <colgroup>
          <col style="width:26%" />
          <col style="width:30%" />
          <col style="width:12%" />
          <col style="width:12%" />
          <col style="width:20%" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Thông báo</th>
            <th scope="col">Thời gian</th>
            <th scope="col">Số hộ</th>
            <th scope="col">Đã gửi được</th>
            <th scope="col">Kênh</th>
          </tr>
        </thead>
        <tbody>
          {props.notices.map((n) => (
            <tr data-kind={n.kind}>
              <td>{noticeKindWords(n.kind).vi}</td>
              <td>{vnTime(n.at)}</td>
              <td class="n">{vnNumber(n.households)}</td>
              <td class="n">{vnNumber(n.sent)}</td>
              <td>{channelWords(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Theo nhật ký của cuộc lấy ý kiến; không ghi số điện thoại hay tên hộ.<En>From the round's log; no phone number or household named.</En>
      </p>
    </section>
  );
}

/** The decision record as a printable A4 page. */
export function decisionPage({ record: r, signed = [], scans = [], pdf = false, notices = [] }: DecisionPageInput): string {
  const [titleVi, titleEn] = FORM_WORDS[r.form];
  const keySigned = (role: MinutesRole) => signed.find((s) => s.role === role);
  return recordFrame({
    title: `${titleVi}: ${r.title}`,
    name: 'decision',
    pdf,
    children: (
      <>
        <Letterhead letterhead={r.letterhead} place={r.scope.name} date={r.time.to} />
        <h1>{titleVi}</h1>
        <p class="about">Về việc: {r.title}</p>
        <p lang="en" class="en about">
          {titleEn}
        </p>
        <p>
          Nội dung thuộc: {MATTER_VI[r.matter]}. Địa điểm: {r.place}.
        </p>
        <p>
          a) Thời gian cộng đồng dân cư bàn và quyết định: từ {vnTime(r.time.from)} đến {vnTime(r.time.to)} (giờ Việt Nam).<En>When</En>
        </p>
        <Households r={r} />
        <Discussion r={r} />
        <p>
          d) Hình thức cộng đồng dân cư quyết định: {METHOD_VI[r.method]}
          {r.voting ? `, ${VOTING_VI[r.voting]}` : ''}.<En>Method</En>
        </p>
        <h2>
          đ) Kết quả biểu quyết<En>Counts</En>
        </h2>
        {r.questions.map((q, i) => (
          <QuestionCounts q={q} n={i + 1} />
        ))}
        <h2>
          e) Nội dung quyết định<En>Decision</En>
        </h2>
        {r.decision.split('\n').map((line) => (
          <p>{line}</p>
        ))}
        <Departures r={r} />
        <NoticesSent notices={notices} />
        <p>
          Kết thúc biểu quyết lúc {vnTime(r.closedAt)}; công bố kết quả lúc {vnTime(r.publishedAt)}. Văn bản lập theo kết quả đã ký số có mã băm{' '}
          <code>{r.manifest}</code>.
        </p>
        <h2 class="no-print">
          g) Chữ ký<En>Signatures</En>
        </h2>
        <div class="signatures">
          {(['village_head', 'front_head'] as const).map((role) => (
            <SignatureBlock
              id={role}
              vi={ROLE_WORDS[role][0]}
              en={ROLE_WORDS[role][1]}
              name={role === 'village_head' ? r.signers.villageHead : r.signers.frontHead}
              signed={keySigned(role)}
            />
          ))}
          {r.signers.households.map((id, i) => (
            <SignatureBlock id={`household-${i + 1}`} vi={`Đại diện hộ gia đình (mã hộ ${id})`} en="Household representative" />
          ))}
        </div>
        <Scans scans={scans} />
      </>
    ),
  });
}
