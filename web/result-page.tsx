/** The published result page `c/<id>/index.html`: the outcome in plain Vietnamese, a chart and the numbers behind it, the files. */
import type { PaperAuditSummary } from '../shared/rla/summary.ts';
import type { Departure } from '../shared/notice.ts';
import type { ComplaintsSummary } from '../shared/complaints.ts';
import type { AfterPublication } from '../shared/recognition.ts';
import { SendingAndRecognition } from './after-publication.tsx';
import { Petitions } from './petitions.tsx';
import type { Consultation, Manifest, Opinion, Question, QuestionTally } from '../shared/schemas.ts';
import { answerLabel, outcomeSentence, ruleInWords } from '../shared/minutes.ts';
import { QuestionChart } from './charts.tsx';
import { CHANNEL_VI, MATTER_VI, METHOD_VI, OUTCOME_EN, percent, vnNumber, vnTime } from './format.ts';
import { AttachedDocuments } from './documents.tsx';
import { OtherOpinions } from './opinions.tsx';
import { Page, render, FollowsLink } from './layout.tsx';
import { type SuppliedTranslation, translatedOption, translatedQuestion } from '../shared/translations.ts';
import { Supplied, SuppliedInline, SuppliedNote } from './supplied-translation.tsx';

// The words of a rule and of an outcome are the record's own (shared/minutes.ts), so the page and the record agree.
export { outcomeSentence, ruleInWords } from '../shared/minutes.ts';

const SIGNERS: ReadonlyArray<readonly [role: string, vi: string, en: string]> = [
  ['village_head', 'Trưởng thôn', 'village head'],
  ['front_head', 'Trưởng ban công tác Mặt trận', 'head of the Front working committee'],
];

/** The decision record (and the counting record) beside the result, and which officers have signed it with a key. */
function DecisionRecordState(props: { signed: readonly string[]; counting: boolean }) {
  const signed = SIGNERS.filter(([r]) => props.signed.includes(r));
  const missing = SIGNERS.filter(([r]) => !props.signed.includes(r));
  return (
    <p id="decision-record">
      <a href="record/decision.html">
        <strong>Văn bản quyết định</strong>
      </a>{' '}
      <span lang="en" class="en">
        / Decision record
      </span>
      {props.counting ? (
        <>
          {' '}
          ·{' '}
          <a href="record/counting.html">
            <strong>Biên bản kiểm phiếu</strong>
          </a>{' '}
          <span lang="en" class="en">
            / Counting record
          </span>
        </>
      ) : null}
      : đã ký số: {signed.length > 0 ? signed.map(([, vi]) => vi).join(', ') : 'chưa ai'}
      {missing.length > 0 ? `; chưa ký: ${missing.map(([, vi]) => vi).join(', ')}` : ''}.{' '}
      <span lang="en" class="en">
        Signed with a key: {signed.length > 0 ? signed.map(([, , en]) => en).join(', ') : 'nobody yet'}
        {missing.length > 0 ? `; not yet: ${missing.map(([, , en]) => en).join(', ')}` : ''}.
      </span>
    </p>
  );
}

/** A monitor's countersignature as the page shows it: who, for which organisation, when (bundle.md "Attestations"). */
export interface Countersignature {
  kid: string;
  monitor: { name: string; organisation: string };
  at: string;
}

export interface ResultPageInput {
  consultation: Consultation;
  manifest: Manifest;
  kid: string;
  /** The accepted attestations: their kids, or better their decoded payloads, to name the monitors. */
  attestations: ReadonlyArray<string | Countersignature>;
  /** A contribution whose level was adopted: its schedule and ledger are published in `contributions/`. */
  contributions?: boolean;
  /** The decision record, once drafted: the roles whose key signature was accepted, and whether the counting record is drafted. */
  decisionRecord?: { signed: readonly string[]; counting: boolean } | undefined;
  /** Petitions and reports after publication (kiến nghị, phản ánh) and their answers. */
  complaints?: ComplaintsSummary | undefined;
  /** What followed publication: the sending and its deadline, the recognition or refusal, an annulment or request to amend. */
  record?: AfterPublication | undefined;
  /** Steps taken before the law's minimum, with their reasons (shared/notice.ts `departuresOf`). */
  departures?: readonly Departure[] | undefined;
  /** Voting closed by hand before `closesAt`: the official's reason, from the closed event. */
  earlyClose?: { reason?: string | undefined } | undefined;
  /** The other opinions published in opinions.json, shown under their question. */
  opinions?: readonly Opinion[] | undefined;
  /** The commune's display name, once UBND xã has set it (consultation.json keeps the commune's id). */
  communeName?: string | undefined;
  /** Paper entries that replaced an online ballot, counted from the audit log (shared/paper-replacements.ts). */
  paperReplacedOnline?: number | undefined;
  /** The monitors' risk-limiting audit of the paper slips, from the live log (shared/rla/summary.ts `paperAuditOf`). */
  paperAudit?: PaperAudit | undefined;
  /** The commune's own translation, shown under the Vietnamese (shared/translations.ts). */
  translation?: SuppliedTranslation | undefined;
  /** The full hand count of the paper slips, from the live log (functions/core/corrections.ts `fullCountNote`). */
  fullCount?: FullCountNote | undefined;
  /** A correction round: the round whose published result it corrects after a full hand count. */
  corrects?: string | undefined;
}

/** How far a full hand count went: slips read so far, agreeing with the published tally, or corrected by a new round. */
export type FullCountNote = { stage: 'under_way'; read: number } | { stage: 'agrees'; slips: number } | { stage: 'corrected'; by: string };

/** The full hand count said plainly, with the link to the round that corrects this one. */
function FullCountState(props: { note: FullCountNote }) {
  const n = props.note;
  return (
    <section class="panel" id="full-count">
      <h2>
        Đếm lại toàn bộ phiếu giấy <span lang="en">/ Full hand count</span>
      </h2>
      {n.stage === 'corrected' ? (
        <p>
          <strong>
            Kết quả này đã được sửa bởi vòng <a href={`../${n.by}/`}>{n.by}</a>
          </strong>
          : đếm lại toàn bộ phiếu giấy cho số liệu khác số liệu đã công bố; các tệp đã ký của vòng này được giữ nguyên.{' '}
          <span lang="en" class="en">
            Corrected by <a href={`../${n.by}/`}>{n.by}</a>: the full hand count differs from the published counts; this round's signed files are kept as they
            were.
          </span>
        </p>
      ) : n.stage === 'agrees' ? (
        <p>
          Đếm lại toàn bộ: khớp ({n.slips} phiếu giấy đếm lại bằng tay cho đúng số liệu đã công bố).{' '}
          <span lang="en" class="en">
            Full hand count: agrees ({n.slips} paper slips counted by hand give the published counts).
          </span>
        </p>
      ) : (
        <p>
          Đang đếm lại toàn bộ phiếu giấy: đã đọc {n.read} phiếu.{' '}
          <span lang="en" class="en">
            A full hand count is under way: {n.read} slips read so far.
          </span>
        </p>
      )}
    </section>
  );
}

/** On a correction round: the round it corrects. */
function CorrectsNote(props: { id: string }) {
  return (
    <p class="follows" id="corrects">
      Vòng này sửa kết quả của vòng <a href={`../${props.id}/`}>{props.id}</a> sau khi đếm lại toàn bộ phiếu giấy.{' '}
      <span lang="en" class="en">
        This round corrects the result of <a href={`../${props.id}/`}>{props.id}</a> after a full hand count of its paper slips.
      </span>
    </p>
  );
}

type PaperAudit = PaperAuditSummary;
type Concluded = PaperAudit & { stage: 'concluded' };

const AUDIT_VI = {
  confirmed: (p: Concluded) => `Đã kiểm tra rủi ro: so ${p.draws} phiếu giấy rút ngẫu nhiên với số liệu đã công bố, rủi ro kết quả sai dưới ${p.riskPercent}%.`,
  escalated: (p: Concluded) => `Kiểm tra rủi ro dừng sau ${p.draws} phiếu, chưa đủ để khẳng định kết quả với rủi ro dưới ${p.riskPercent}%.`,
  full_count: (p: Concluded) => `Ban giám sát đã chọn kiểm lại toàn bộ phiếu giấy (sau ${p.draws} phiếu rút ngẫu nhiên).`,
};
const AUDIT_EN = {
  confirmed: (p: Concluded) =>
    `Risk-limiting audit: ${p.draws} randomly drawn paper slips compared with the published entries; risk of a wrong outcome below ${p.riskPercent}%.`,
  escalated: (p: Concluded) => `The audit stopped after ${p.draws} slips, short of confirming the outcome at ${p.riskPercent}% risk.`,
  full_count: (p: Concluded) => `The monitors chose a full hand count of the paper slips (after ${p.draws} random draws).`,
};

/** The paper audit said plainly: its conclusion and the published files, the stage reached, or why there is none. */
function PaperAuditState(props: { audit: PaperAudit }) {
  const a = props.audit;
  return (
    <section class="panel" id="paper-audit">
      <h2>
        Kiểm tra phiếu giấy <span lang="en">/ Audit of the paper slips</span>
      </h2>
      {a.stage === 'concluded' ? (
        <p>
          {AUDIT_VI[a.conclusion](a)}{' '}
          <span lang="en" class="en">
            {AUDIT_EN[a.conclusion](a)}
          </span>{' '}
          <a href="audit/rla.json">rla.json</a>, <a href="audit/rla.jws">rla.jws</a>
        </p>
      ) : a.stage === 'not_started' ? (
        <p>
          Chưa kiểm tra phiếu giấy: Ban giám sát có thể rút ngẫu nhiên phiếu từ hòm phiếu niêm phong và so với số liệu đã công bố.{' '}
          <span lang="en" class="en">
            Not audited yet: the monitors may draw slips at random from the sealed box and compare them with the published entries.
          </span>
        </p>
      ) : a.stage === 'under_way' ? (
        <p>
          Ban giám sát đang kiểm tra: đã đọc {a.readings} phiếu rút ngẫu nhiên.{' '}
          <span lang="en" class="en">
            The monitors' audit is under way: {a.readings} drawn slips read so far.
          </span>
        </p>
      ) : (
        <p>
          Biểu quyết giơ tay: không có phiếu giấy để kiểm tra; đứng sau số liệu là biên bản kiểm phiếu với chữ ký và người chứng kiến.{' '}
          <span lang="en" class="en">
            A show of hands leaves no paper to audit: the counting record's signatures and witnesses stand behind the counts.
          </span>
        </p>
      )}
    </section>
  );
}

/** Departures from the law, said plainly where everyone reads the result (domain.md "Disclosure and notice"). */
function Departures(props: { list: readonly Departure[] }) {
  return (
    <section class="panel">
      <h2>
        Điểm không theo thời hạn luật định <span lang="en">/ Departures from the law</span>
      </h2>
      <ul>
        {props.list.map((d) => (
          <li>
            {vnTime(d.at)}: {d.vi} Lý do: «{d.reason}»{' '}
            <span lang="en" class="en">
              {d.en}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The files of `c/<id>/` a reader can download, with what each holds. */
const FILES: ReadonlyArray<readonly [name: string, vi: string, en: string]> = [
  ['ballots.csv', 'Các phiếu, mỗi dòng một phiếu (mở bằng Excel)', 'The ballots, one row each, for a spreadsheet'],
  ['tally.csv', 'Kết quả kiểm phiếu theo từng phương án (mở bằng Excel)', 'The count per option, for a spreadsheet'],
  ['consultation.json', 'Nội dung lấy ý kiến, câu hỏi và điều kiện thông qua', 'The consultation, its questions and rules'],
  ['roll.json', 'Danh sách hộ (chỉ có mã hộ, không có tên)', 'The roll: household ids, no names'],
  ['participants.json', 'Các hộ đã tham gia và hình thức (không cho biết hộ chọn gì)', 'Who took part and how, not how they voted'],
  ['ballots.json', 'Các phiếu kèm mã biên nhận (không có mã hộ)', 'The ballots with their receipts, no household ids'],
  ['audit.jsonl', 'Nhật ký mọi thao tác, nối chuỗi bằng mã băm', 'The hash-chained audit log'],
  ['result.json', 'Biên bản kết quả (bản để đọc)', 'The result manifest, to read'],
  ['result.jws', 'Biên bản kết quả có chữ ký số của xã', 'The manifest signed by the commune'],
];

function QuestionResult(props: { q: Question; t: QuestionTally; s?: SuppliedTranslation | undefined }) {
  const { q, t, s } = props;
  const ids = q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.id);
  return (
    <section>
      <h2>{q.text}</h2>
      {q.textEn ? (
        <p lang="en" class="en">
          {q.textEn}
        </p>
      ) : null}
      <Supplied s={s} text={translatedQuestion(s?.translation, q.id)} />
      <p class={`outcome ${t.outcome.status}`}>{outcomeSentence(q, t)}</p>
      <p lang="en" class="en">
        {OUTCOME_EN[t.outcome.status]}
        {t.outcome.options.length > 0
          ? `: ${t.outcome.options.map((id) => (id === 'yes' ? 'yes' : (q.options.find((o) => o.id === id)?.labelEn ?? answerLabel(q, id)))).join('; ')}`
          : ''}{' '}
        — threshold {t.threshold}, eligible {t.eligible}, ballots {t.cast}.
      </p>
      <QuestionChart q={q} t={t} rule={ruleInWords(t.rule, t.threshold)} />
      <table>
        <thead>
          <tr>
            <th scope="col">Phương án / Option</th>
            <th scope="col" class="n">
              Số hộ
            </th>
            <th scope="col" class="n">
              % tổng số hộ
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const en = id === 'yes' ? 'Yes' : id === 'no' ? 'No' : q.options.find((o) => o.id === id)?.labelEn;
            const n = t.counts[id] ?? 0;
            return (
              <tr>
                <th scope="row">
                  {answerLabel(q, id)}
                  <SuppliedInline s={s} text={translatedOption(s?.translation, q.id, id)} />
                  {en ? (
                    <span lang="en" class="en">
                      {' '}
                      / {en}
                    </span>
                  ) : null}
                </th>
                <td class="n">{vnNumber(n)}</td>
                <td class="n">{percent(n, t.eligible)}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">
              Không biểu quyết (phiếu trống){' '}
              <span lang="en" class="en">
                / Abstained
              </span>
            </th>
            <td class="n">{vnNumber(t.abstain)}</td>
            <td class="n">{percent(t.abstain, t.eligible)}</td>
          </tr>
          <tr>
            <th scope="row">
              Không tham gia{' '}
              <span lang="en" class="en">
                / Did not take part
              </span>
            </th>
            <td class="n">{vnNumber(t.eligible - t.cast)}</td>
            <td class="n">{percent(t.eligible - t.cast, t.eligible)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/**
 * The committee's paper entries that replaced a household's online ballot (the household's last ballot counts), from
 * the audit log (shared/paper-replacements.ts), so that the public sees how many online ballots were set aside.
 */
function ReplacedOnline(props: { n: number }) {
  return (
    <p id="paper-replaced-online">
      <strong>{vnNumber(props.n)}</strong> phiếu giấy thay phiếu trực tuyến: ban kiểm phiếu nhập phiếu giấy cho hộ đã biểu quyết trực tuyến, phiếu sau cùng của
      hộ được tính (theo nhật ký thao tác).{' '}
      <span lang="en" class="en">
        / {props.n} paper {props.n === 1 ? 'ballot' : 'ballots'} replaced an online ballot: the committee entered a paper ballot for a household that had voted
        online, and a household's last ballot counts (from the audit log).
      </span>
    </p>
  );
}

function Turnout(props: { m: Manifest; replacedOnline?: number | undefined }) {
  const { roll, participants } = props.m;
  // The three channels of bundle.md, which add up to the households that took part (verifier step 5).
  const rows = [
    [CHANNEL_VI.online, 'Online', participants.byChannel.online],
    [CHANNEL_VI.paper, 'Paper ballot', participants.byChannel.paper],
    [CHANNEL_VI.meeting, 'At the meeting', participants.byChannel.meeting],
  ] as const;
  return (
    <section>
      <h2>Số hộ tham gia / Turnout</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Hình thức / Channel</th>
            <th scope="col" class="n">
              Số hộ
            </th>
            <th scope="col" class="n">
              % tổng số hộ
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([vi, en, n]) => (
            <tr>
              <th scope="row">
                {vi}{' '}
                <span lang="en" class="en">
                  / {en}
                </span>
              </th>
              <td class="n">{vnNumber(n)}</td>
              <td class="n">{percent(n, roll.count)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              Không tham gia{' '}
              <span lang="en" class="en">
                / Did not take part
              </span>
            </th>
            <td class="n">{vnNumber(roll.count - participants.count)}</td>
            <td class="n">{percent(roll.count - participants.count, roll.count)}</td>
          </tr>
        </tbody>
      </table>
      {props.replacedOnline !== undefined ? <ReplacedOnline n={props.replacedOnline} /> : null}
    </section>
  );
}

function Countersignatures(props: { list: ReadonlyArray<string | Countersignature> }) {
  const list = props.list.map((a) => (typeof a === 'string' ? { kid: a } : a));
  return (
    <section>
      <h2>Chữ ký xác nhận của giám sát / Monitors' countersignatures</h2>
      <p>
        Người giám sát (Mặt trận Tổ quốc, Ban Thanh tra nhân dân, người dân) đã tự kiểm tra kết quả rồi ký xác nhận bằng khóa của mình.{' '}
        <span lang="en" class="en">
          Monitors who checked the result for themselves and countersigned it with their own key.
        </span>
      </p>
      {list.length === 0 ? (
        <p>
          Chưa có chữ ký xác nhận nào.{' '}
          <span lang="en" class="en">
            None yet.
          </span>
        </p>
      ) : (
        <ul>
          {list.map((a) => (
            <li data-kid={a.kid}>
              {'monitor' in a ? (
                <>
                  <strong>{a.monitor.name}</strong> — {a.monitor.organisation}, lúc {vnTime(a.at)}.{' '}
                </>
              ) : null}
              Khóa <span lang="en">/ Key</span>:{' '}
              <a href={`attestations/${a.kid}.jws`} title={a.kid}>
                <code>{a.kid.slice(0, 12)}…</code>
              </a>
              <details>
                <summary>
                  Dấu vân tay đầy đủ <span lang="en">/ Full fingerprint</span>
                </summary>
                <code>{a.kid}</code>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function resultPage({
  consultation: c,
  manifest: m,
  kid,
  attestations,
  contributions = false,
  complaints,
  decisionRecord,
  record,
  departures = [],
  opinions = [],
  communeName,
  earlyClose,
  paperReplacedOnline,
  paperAudit,
  translation,
  fullCount,
  corrects,
}: ResultPageInput): string {
  return render(
    <Page title={`Kết quả: ${c.title}`} base="../../">
      {communeName ? <p class="commune">{communeName}</p> : null}
      <h1>Kết quả: {c.title}</h1>
      {c.titleEn ? (
        <p lang="en" class="en">
          Result: {c.titleEn}
        </p>
      ) : null}
      <Supplied s={translation} text={translation?.translation.title} />
      <SuppliedNote s={translation} />
      {corrects ? <CorrectsNote id={corrects} /> : <FollowsLink consultation={c} />}
      {fullCount?.stage === 'corrected' ? <FullCountState note={fullCount} /> : null}
      {departures.length > 0 ? <Departures list={departures} /> : null}
      <p>
        {c.scope.name} · {MATTER_VI[c.matter]} · {METHOD_VI[c.method]}
      </p>
      <p>
        Kết thúc lúc {vnTime(m.closedAt)}, công bố lúc {vnTime(m.publishedAt)} (giờ Việt Nam).{' '}
        {earlyClose ? (
          <span id="early-close">
            Kết thúc sớm hơn dự kiến ({vnTime(c.closesAt)}){earlyClose.reason ? `, lý do: «${earlyClose.reason}»` : ''}.{' '}
            <span lang="en" class="en">
              Closed before the planned {vnTime(c.closesAt)}
              {earlyClose.reason ? ', for the reason given' : ''}.
            </span>{' '}
          </span>
        ) : null}
        Tổng số hộ trong danh sách: <strong>{vnNumber(m.roll.count)}</strong>; số hộ đã biểu quyết: <strong>{vnNumber(m.participants.count)}</strong> (
        {percent(m.participants.count, m.roll.count)}).
      </p>
      <p lang="en" class="en">
        {m.participants.count} of {m.roll.count} households on the roll voted.
      </p>
      {m.tally.map((t) => {
        const q = c.questions.find((x) => x.id === t.questionId);
        return q ? (
          <>
            <QuestionResult q={q} t={t} s={translation} />
            <OtherOpinions q={q} list={opinions} />
          </>
        ) : null;
      })}
      <Turnout
        m={m}
        replacedOnline={paperReplacedOnline !== undefined && (paperReplacedOnline > 0 || c.method === 'online') ? paperReplacedOnline : undefined}
      />
      {contributions ? (
        <p>
          <a href="contributions/">
            <strong>Lịch thu đóng góp</strong>
          </a>{' '}
          <span lang="en" class="en">
            / Contribution schedule
          </span>
          : số tiền từng hộ phải đóng và tình hình thu, chi.
        </p>
      ) : null}
      {paperAudit ? <PaperAuditState audit={paperAudit} /> : null}
      {fullCount && fullCount.stage !== 'corrected' ? <FullCountState note={fullCount} /> : null}
      {decisionRecord ? <DecisionRecordState {...decisionRecord} /> : null}
      {record ? <SendingAndRecognition record={record} /> : null}
      {complaints ? <Petitions s={complaints} complainUrl={`../../vote/${c.id}/complain`} /> : null}
      <AttachedDocuments documents={c.documents} />
      <p>
        <a href={`../../vote/${c.id}/receipt`}>
          <strong>Kiểm tra phiếu của hộ</strong>
        </a>{' '}
        <span lang="en" class="en">
          / Check a household's ballot
        </span>
        : nhập mã theo dõi hoặc biên nhận hộ nhận được khi gửi phiếu.
      </p>
      <section>
        <h2>Kiểm tra kết quả / Verify this result</h2>
        <p>
          Kết quả được ký số bằng khóa của xã. Dấu vân tay khóa (kid): <code>{kid}</code>. Hãy so sánh với dấu vân tay niêm yết tại nhà văn hóa hoặc trụ sở UBND
          xã.
        </p>
        <p lang="en" class="en">
          Signed with the commune's key; compare the fingerprint (kid) above with the one posted on the notice board.
        </p>
        <p>
          <a href="verify.html">
            <strong>Tự kiểm tra ngay trên trình duyệt</strong>
          </a>{' '}
          <span lang="en" class="en">
            / Verify in your browser
          </span>
          , hoặc bằng lệnh <code>npx danban verify &lt;địa chỉ trang này&gt; --key khoa.pem</code>. Khóa công khai:{' '}
          <a href={`../../keys/${kid}.pem`}>{kid}.pem</a>, <a href="../../keys/jwks.json">jwks.json</a>.
        </p>
      </section>
      <section>
        <h2>Dữ liệu mở / Open data</h2>
        <ul>
          {FILES.map(([name, vi, en]) => (
            <li>
              <a href={name}>{name}</a> — {vi}{' '}
              <span lang="en" class="en">
                / {en}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <Countersignatures list={attestations} />
    </Page>,
  );
}
