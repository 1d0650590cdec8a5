/**
 * A round's notices: the form to send the meeting invitation or the household-ballot notice (the text prefilled, the
 * official edits it), what the last send counted, and, on the local runtime, the outbox batches of the round (kind,
 * time, counts, text). Never a number: a batch names its households by roll id and channel only.
 */
import type { Consultation, State } from '../../shared/schemas.ts';
import { vnAt } from '../format.ts';
import { En } from '../lang.tsx';
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

export const NOTICE_KIND_WORDS: Readonly<Record<string, { vi: string; en: string }>> = {
  meeting_invitation: { vi: 'Giấy mời họp', en: 'Meeting invitation' },
  documents_link: { vi: 'Tài liệu', en: 'Documents' },
  household_ballot_notice: { vi: 'Thông báo phát phiếu hộ gia đình', en: 'Household ballot notice' },
  voting_opened: { vi: 'Mở biểu quyết', en: 'Voting opened' },
  reminder_not_voted: { vi: 'Nhắc hộ chưa biểu quyết', en: 'Reminder' },
  result: { vi: 'Kết quả', en: 'Result' },
  election_notice: { vi: 'Bầu cử', en: 'Election' },
};

const kindWords = (kind: string) => NOTICE_KIND_WORDS[kind] ?? { vi: kind, en: kind };

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
      {props.canSend ? (
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
      ) : (
        <p class="panel panel-warn">
          <Bi vi="Hệ thống này chưa có kênh gửi thông báo." en="This system has no channel to send notices." />
        </p>
      )}
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
