/** The published result page `c/<id>/index.html`: the outcome in plain Vietnamese, a chart and the numbers behind it, the files. */
import { ANSWER_NOT_NEEDED, type ComplaintsSummary } from '../shared/complaints.ts';
import type { Consultation, Manifest, Question, QuestionTally } from '../shared/schemas.ts';
import { answerLabel, outcomeSentence, ruleInWords } from '../shared/minutes.ts';
import { QuestionChart } from './charts.tsx';
import { CHANNEL_VI, MATTER_VI, METHOD_VI, OUTCOME_EN, percent, vnNumber, vnTime } from './format.ts';
import { HIDE_REASON, hiddenReasons } from './discussion.tsx';
import { AttachedDocuments } from './documents.tsx';
import { Page, render, FollowsLink } from './layout.tsx';

// The words of a rule and of an outcome are the minutes' own (shared/minutes.ts), so the page and the minutes agree.
export { outcomeSentence, ruleInWords } from '../shared/minutes.ts';

const SIGNERS: ReadonlyArray<readonly [role: string, vi: string, en: string]> = [
  ['chair', 'Chủ trì', 'chair'],
  ['secretary', 'Thư ký', 'secretary'],
  ['front', 'Đại diện Mặt trận', 'Front representative'],
];

/** The minutes beside the result, and who has signed them and who has not. */
function MinutesState(props: { signed: readonly string[] }) {
  const signed = SIGNERS.filter(([r]) => props.signed.includes(r));
  const missing = SIGNERS.filter(([r]) => !props.signed.includes(r));
  return (
    <p id="minutes">
      <a href="minutes.html">
        <strong>Biên bản</strong>
      </a>{' '}
      <span lang="en" class="en">
        / Minutes
      </span>
      : đã ký số: {signed.length > 0 ? signed.map(([, vi]) => vi).join(', ') : 'chưa ai'}
      {missing.length > 0 ? `; chưa ký: ${missing.map(([, vi]) => vi).join(', ')}` : ''}.{' '}
      <span lang="en" class="en">
        Signed: {signed.length > 0 ? signed.map(([, , en]) => en).join(', ') : 'nobody yet'}
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
  /** The minutes, once drafted: the roles whose signature was accepted (chair, secretary, front). */
  minutes?: { signed: readonly string[] } | undefined;
  /** The complaint window after publication: its end, the complaints and answers, the commune's recognition. */
  complaints?: ComplaintsSummary | undefined;
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

function QuestionResult(props: { q: Question; t: QuestionTally }) {
  const { q, t } = props;
  const ids = q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.id);
  return (
    <section>
      <h2>{q.text}</h2>
      {q.textEn ? (
        <p lang="en" class="en">
          {q.textEn}
        </p>
      ) : null}
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

function Turnout(props: { m: Manifest }) {
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
            <li>
              {'monitor' in a ? (
                <>
                  <strong>{a.monitor.name}</strong> — {a.monitor.organisation}, lúc {vnTime(a.at)}:{' '}
                </>
              ) : null}
              <a href={`attestations/${a.kid}.jws`}>
                <code>{a.kid}</code>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The complaint window: when it ends, how many complaints and answers, each by roll id (never a name), how many were
 * hidden and why (a hidden one keeps its place and answers, not its text), and the recognition.
 */
export function Complaints(props: { s: ComplaintsSummary; complainUrl: string }) {
  const { s } = props;
  return (
    <section id="complaints">
      <h2>Khiếu nại và công nhận kết quả / Complaints and recognition</h2>
      <p>
        Thời hạn khiếu nại đến {vnTime(s.windowEnd)} (giờ Việt Nam); {vnNumber(s.filed)} khiếu nại, {vnNumber(s.answered)} đã trả lời.{' '}
        <span lang="en" class="en">
          Complaints until {s.windowEnd}; {s.filed} filed, {s.answered} answered.
        </span>
      </p>
      <p>
        Số khiếu nại bị ẩn: <strong data-count="complaints-hidden">{vnNumber(s.hidden)}</strong>
        {s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'vi')})` : ''}.{' '}
        <span lang="en" class="en">
          Hidden by moderation: {s.hidden}
          {s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'en')})` : ''}.
        </span>
      </p>
      {s.recognition ? (
        <p class="outcome adopted">
          Kết quả đã được UBND xã công nhận ngày {vnTime(s.recognition.at)}.{s.recognition.note ? <> Ghi chú: {s.recognition.note}</> : null}{' '}
          <span lang="en" class="en">
            The commune recognized this result on {s.recognition.at}.
          </span>
        </p>
      ) : (
        <p>
          Kết quả chưa được UBND xã công nhận: việc công nhận được ghi sau khi hết thời hạn khiếu nại và mọi khiếu nại đã được trả lời (trừ khiếu nại bị ẩn vì
          là tin rác).{' '}
          <span lang="en" class="en">
            Not yet recognized by the commune: that is recorded after the window, once every complaint is answered (except those hidden as spam).
          </span>
        </p>
      )}
      {s.recognition ? null : (
        <p>
          <a href={props.complainUrl}>Gửi khiếu nại bằng mã của hộ</a>{' '}
          <span lang="en" class="en">
            / File a complaint with the household code
          </span>
        </p>
      )}
      {s.complaints.map((k) => (
        <article class="thread" id={`k-${k.id}`}>
          {k.hidden ? (
            <p class="hidden-comment">
              <em>
                Khiếu nại này đã bị ẩn (lý do: {HIDE_REASON[k.hidden.reason][0]}) · {vnTime(k.at)}{' '}
                <span lang="en" class="en">
                  / This complaint was hidden (reason: {HIDE_REASON[k.hidden.reason][1]}).
                </span>
              </em>
            </p>
          ) : (
            <>
              <p>
                <strong>Hộ {k.rollId}</strong> · {vnTime(k.at)}
              </p>
              <p class="comment-text">{k.text}</p>
            </>
          )}
          {k.answers.length === 0 && k.hidden && ANSWER_NOT_NEEDED.includes(k.hidden.reason) ? (
            <p>
              <em>
                Không cần trả lời: tin rác không phải là khiếu nại.{' '}
                <span lang="en" class="en">
                  No answer needed: spam is no complaint.
                </span>
              </em>
            </p>
          ) : k.answers.length === 0 ? (
            <p>
              <em>
                Chưa có trả lời.{' '}
                <span lang="en" class="en">
                  Not answered yet.
                </span>
              </em>
            </p>
          ) : null}
          {k.answers.map((a) => (
            <div class="replies">
              <p>
                <strong>Trả lời của UBND xã</strong>{' '}
                <span lang="en" class="en">
                  / The commune's answer
                </span>{' '}
                · {vnTime(a.at)}
              </p>
              <p class="comment-text">{a.text}</p>
            </div>
          ))}
        </article>
      ))}
    </section>
  );
}

export function resultPage({ consultation: c, manifest: m, kid, attestations, contributions = false, complaints, minutes }: ResultPageInput): string {
  return render(
    <Page title={`Kết quả: ${c.title}`} base="../../">
      <h1>Kết quả: {c.title}</h1>
      {c.titleEn ? (
        <p lang="en" class="en">
          Result: {c.titleEn}
        </p>
      ) : null}
      <FollowsLink consultation={c} />
      <p>
        {c.scope.name} · {MATTER_VI[c.matter]} · {METHOD_VI[c.method]}
      </p>
      <p>
        Kết thúc lúc {vnTime(m.closedAt)}, công bố lúc {vnTime(m.publishedAt)} (giờ Việt Nam). Tổng số hộ trong danh sách:{' '}
        <strong>{vnNumber(m.roll.count)}</strong>; số hộ đã biểu quyết: <strong>{vnNumber(m.participants.count)}</strong> (
        {percent(m.participants.count, m.roll.count)}).
      </p>
      <p lang="en" class="en">
        {m.participants.count} of {m.roll.count} households on the roll voted.
      </p>
      {m.tally.map((t) => {
        const q = c.questions.find((x) => x.id === t.questionId);
        return q ? <QuestionResult q={q} t={t} /> : null;
      })}
      <Turnout m={m} />
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
      {minutes ? <MinutesState signed={minutes.signed} /> : null}
      {complaints ? <Complaints s={complaints} complainUrl={`../../vote/${c.id}/complain`} /> : null}
      <AttachedDocuments documents={c.documents} />
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
