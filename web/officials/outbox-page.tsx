/**
 * A round's notices: the form to send the meeting invitation or the household-ballot notice (the text prefilled with
 * the date and the documents' link, the official edits it; flagged when fewer days are left than the law's notice, and
 * not offered before the round is disclosed), what the last send counted, the notices the round's log records (kind,
 * time, households, reached, channel) and, on the local runtime, the outbox batches of the round (kind, time, counts,
 * text). Never a number: a batch names its households by roll id and channel only.
 */
import type { Consultation, State } from '../../shared/schemas.ts';
import { vnAt } from '../format.ts';
import { En } from '../lang.tsx';
import { channelWords, type NoticeEvidence, noticeKindWords } from '../notice-evidence.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi, StateLabel } from './parts.tsx';

/** One batch as the page shows it. */
export interface OutboxBatchView {
  at: string;
  kind: string;
  body: string;
  households: ReadonlyArray<{ rollId: string; channel: string }>;
}

export interface NoticeCounts {
  households: number;
  sent: number;
  failed: number;
  optedOut: number;
  noContact: number;
}

export { NOTICE_KIND_WORDS } from '../notice-evidence.ts';
const kindWords = noticeKindWords;

/** When the invitation is offered and whether it would be short of the law's notice (core/notice-invitation.ts). */
export interface NoticeTimingView {
  offered: boolean;
  at: string;
  days: number;
  short: boolean;
  why?: { vi: string; en: string } | undefined;
}

export interface NoticesPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  kind: 'meeting_invitation' | 'household_ballot_notice';
  text: string;
  /** Whether this runtime can send notices at all. */
  canSend: boolean;
  sent?: NoticeCounts | undefined;
  problem?: { vi: string; en: string } | undefined;
  /** The outbox batches of the round, oldest first; undefined where the runtime has no outbox (AWS). */
  outbox?: readonly OutboxBatchView[] | undefined;
  /** When the invitation is offered and whether it is late; without it the form is always offered. */
  timing?: NoticeTimingView | undefined;
  /** The notices the round's log records, oldest first. */
  log?: readonly NoticeEvidence[] | undefined;
}

/** The invitation's date and whether it is late, or why it is not offered. */
function Timing(props: { timing: NoticeTimingView }) {
  const t = props.timing;
  if (!t.offered && t.why)
    return (
      <p class="panel panel-warn" id="not-offered">
        <Bi vi={t.why.vi} en={t.why.en} />
      </p>
    );
  return (
    <p class={t.short ? 'panel panel-warn' : 'panel'} id="timing">
      <Bi vi={`Cuộc họp hoặc đợt phát phiếu: ${vnAt(t.at)}.`} en={`Meeting or ballot: ${vnAt(t.at)}.`} />{' '}
      {t.short ? (
        <strong id="short-notice">
          <Bi
            vi={`Còn ít hơn ${t.days} ngày: gửi bây giờ là chậm so với thời hạn thông báo (Nghị định 59/2023 Điều 3); việc gửi chậm được ghi vào nhật ký.`}
            en={`Fewer than ${t.days} days left: sent now, the notice is late (Decree 59/2023 Art. 3); the log records it as late.`}
          />
        </strong>
      ) : (
        <Bi vi={`Gửi ít nhất ${t.days} ngày trước.`} en={`Send at least ${t.days} days before.`} />
      )}
    </p>
  );
}

/** The notices the round's log records: kind, time, households, reached, channel (counts only). */
function SentLog(props: { log: readonly NoticeEvidence[] }) {
  return (
    <section id="sent-log">
      <h2>
        <Bi vi="Thông báo đã gửi (theo nhật ký)" en="Notices sent (from the log)" />
      </h2>
      {props.log.length === 0 ? (
        <p>
          <Bi vi="Chưa gửi thông báo nào." en="No notice sent yet." />
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <Bi vi="Loại" en="Kind" />
              </th>
              <th scope="col">
                <Bi vi="Thời gian" en="Time" />
              </th>
              <th scope="col">
                <Bi vi="Số hộ" en="Households" />
              </th>
              <th scope="col">
                <Bi vi="Gửi được" en="Sent" />
              </th>
              <th scope="col">
                <Bi vi="Kênh" en="Channel" />
              </th>
            </tr>
          </thead>
          <tbody>
            {props.log.map((n) => (
              <tr data-kind={n.kind}>
                <td>
                  <Bi vi={kindWords(n.kind).vi} en={kindWords(n.kind).en} />
                </td>
                <td>{vnAt(n.at)}</td>
                <td class="n">{n.households}</td>
                <td class="n">{n.sent}</td>
                <td>{channelWords(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function NoticesPage(props: NoticesPageInput) {
  const c = props.consultation;
  return (
    <OfficialFrame title={`Thông báo — ${c.title}`} official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a> <StateLabel state={props.state} />
      </p>
      <h1>
        <Bi vi="Thông báo đến các hộ" en="Notices to the households" />
      </h1>
      <p>
        <a href={`/officials/c/${c.id}/contacts`}>
          <Bi vi="Danh bạ liên lạc của các hộ" en="Households' contacts" />
        </a>
      </p>
      {props.problem ? (
        <p class="panel panel-alert" role="alert" id="problem">
          <Bi vi={props.problem.vi} en={props.problem.en} />
        </p>
      ) : null}
      {props.sent ? (
        <p class="panel panel-ok" role="status" id="sent">
          <Bi
            vi={`Đã gửi: ${props.sent.households} hộ; gửi được ${props.sent.sent}, lỗi ${props.sent.failed}, từ chối nhận tin ${props.sent.optedOut}, chưa có liên lạc ${props.sent.noContact}.`}
            en={`Sent: ${props.sent.households} households; ${props.sent.sent} sent, ${props.sent.failed} failed, ${props.sent.optedOut} opted out, ${props.sent.noContact} without a contact.`}
          />
        </p>
      ) : null}
      {props.timing ? <Timing timing={props.timing} /> : null}
      {props.canSend && props.timing?.offered !== false ? (
        <form method="post" action={`/officials/c/${c.id}/notices`}>
          <h2>
            <Bi vi="Gửi thông báo" en="Send a notice" />
          </h2>
          <label class="field" for="kind">
            <Bi vi="Loại thông báo" en="Kind" />
          </label>
          <select id="kind" name="kind">
            {(['meeting_invitation', 'household_ballot_notice'] as const).map((k) => (
              <option value={k} selected={k === props.kind}>
                {kindWords(k).vi}
              </option>
            ))}
          </select>
          <label class="field" for="text">
            <Bi
              vi="Nội dung (tiếng Việt, tối đa 700 ký tự; không bao giờ ghi mã biểu quyết)"
              en="Text (Vietnamese, at most 700 characters; never a voting code)"
            />
          </label>
          <textarea id="text" name="text" rows={5} maxlength={700}>
            {props.text}
          </textarea>
          <p>
            <button type="submit">
              Gửi thông báo <En bare>Send the notice</En>
            </button>
          </p>
        </form>
      ) : props.canSend ? null : (
        <p class="panel panel-warn">
          <Bi vi="Hệ thống này chưa có kênh gửi thông báo." en="This system has no channel to send notices." />
        </p>
      )}
      {props.log ? <SentLog log={props.log} /> : null}
      {props.outbox ? (
        <section id="outbox">
          <h2>
            <Bi vi="Hộp thư đi (máy này)" en="Outbox (this machine)" />
          </h2>
          {props.outbox.length === 0 ? (
            <p>
              <Bi vi="Chưa có thông báo nào." en="No notice yet." />
            </p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">
                    <Bi vi="Loại" en="Kind" />
                  </th>
                  <th scope="col">
                    <Bi vi="Thời gian" en="Time" />
                  </th>
                  <th scope="col">
                    <Bi vi="Số hộ (SMS / Zalo)" en="Households (SMS / Zalo)" />
                  </th>
                  <th scope="col">
                    <Bi vi="Nội dung" en="Text" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.outbox.map((b) => (
                  <tr data-kind={b.kind}>
                    <td>
                      <Bi vi={kindWords(b.kind).vi} en={kindWords(b.kind).en} />
                    </td>
                    <td>{vnAt(b.at)}</td>
                    <td class="n">
                      {b.households.length} ({b.households.filter((h) => h.channel === 'sms').length} /{' '}
                      {b.households.filter((h) => h.channel === 'zalo').length})
                    </td>
                    <td style="white-space: pre-wrap">{b.body}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </OfficialFrame>
  );
}
