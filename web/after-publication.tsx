/**
 * The section "Gửi và công nhận" of the result page: when the decision takes effect, the deadline to send it to UBND
 * xã and UBMTTQ xã (5 working days from the vote, Law 10/2022 Art. 20(3)) and each sending, the recognition or the
 * refusal with its reasons and its own deadline (5 working days from receipt, Art. 21(2)), an annulment or a request
 * to amend (Art. 22), each overdue step flagged as of the page's last publication.
 */
import type { AfterPublication, Body, RecordedAct, TakesEffect } from '../shared/recognition.ts';
import { En, showsEnglish } from './lang.tsx';

const BODY: Record<Body, readonly [vi: string, en: string]> = {
  ubnd_xa: ['UBND xã', 'the commune People’s Committee'],
  ubmttq_xa: ['UBMTTQ xã', 'the commune Fatherland Front committee'],
};

const EFFECT: Record<TakesEffect, readonly [vi: string, en: string]> = {
  on_vote: [
    'Quyết định có hiệu lực từ ngày cộng đồng dân cư biểu quyết thông qua; không cần công nhận (Luật Thực hiện dân chủ ở cơ sở, Điều 21).',
    'The decision takes effect on the day of the vote; it needs no recognition (Law 10/2022 Art. 21).',
  ],
  ubnd_xa: [
    'Quyết định có hiệu lực từ ngày UBND xã ban hành quyết định công nhận (Điều 21).',
    'The decision takes effect on the day the commune People’s Committee recognises it (Art. 21).',
  ],
  ubmttq_xa: [
    'Quyết định có hiệu lực từ ngày UBMTTQ xã ban hành quyết định công nhận (Điều 21).',
    'The decision takes effect on the day the commune Fatherland Front committee recognises it (Art. 21).',
  ],
  none: [
    'Đây là ý kiến của Nhân dân để cơ quan có thẩm quyền quyết định (Điều 25), không phải quyết định của cộng đồng dân cư.',
    'These are residents’ opinions for the authority that decides (Art. 25), not a decision of the community.',
  ],
};

/** "2026-12-14" -> "14/12/2026". */
export function vnDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function Overdue() {
  return (
    <strong class="overdue">
      Quá hạn <En>/ Overdue</En>
    </strong>
  );
}

function Act(props: { vi: string; en: string; act: RecordedAct; late?: boolean }) {
  const { act } = props;
  return (
    <li>
      {props.vi} ngày {vnDate(act.date)}, văn bản số {act.reference}
      {act.reason ? `; lý do: ${act.reason}` : ''}.{props.late ? ' (quá hạn)' : ''}{' '}
      <En>
        {props.en} on {vnDate(act.date)}, reference {act.reference}
        {props.late ? ' (late)' : ''}.
      </En>
    </li>
  );
}

function Sending(props: { s: AfterPublication['sending'] }) {
  const { s } = props;
  return (
    <>
      {s.deadline ? (
        <p>
          Hạn gửi quyết định đến UBND xã và UBMTTQ xã: <strong>{vnDate(s.deadline)}</strong> (05 ngày làm việc kể từ ngày biểu quyết, Điều 20 khoản 3).{' '}
          {s.overdue ? <Overdue /> : null} <En>Send the decision by {vnDate(s.deadline)} (5 working days after the vote).</En>
        </p>
      ) : null}
      <ul>
        {s.sent.map((x) => (
          <Act vi={`Đã gửi ${BODY[x.to][0]}`} en={`Sent to ${BODY[x.to][1]}`} act={x} late={x.late} />
        ))}
        {s.pending.map((b) => (
          <li>
            Chưa ghi nhận việc gửi {BODY[b][0]}. {s.overdue ? <Overdue /> : null} <En>Not yet recorded as sent to {BODY[b][1]}.</En>
          </li>
        ))}
      </ul>
    </>
  );
}

function Recognition(props: { r: NonNullable<AfterPublication['recognition']> }) {
  const { r } = props;
  const [vi, en] = BODY[r.by];
  const d = r.decision;
  return (
    <>
      <p>
        {r.deadline
          ? `Hạn ${vi} trả lời (công nhận, hoặc không công nhận bằng văn bản nêu rõ lý do): ${vnDate(r.deadline)}, 05 ngày làm việc kể từ ngày nhận được quyết định.`
          : `${vi} có 05 ngày làm việc kể từ ngày nhận được quyết định để công nhận, hoặc trả lời bằng văn bản nêu rõ lý do.`}{' '}
        {r.overdue ? <Overdue /> : null}{' '}
        <En>{r.deadline ? `${en} answers by ${vnDate(r.deadline)}.` : `${en} answers within 5 working days of receiving the decision.`}</En>
      </p>
      {d ? (
        <ul>
          {d.decision === 'recognized' ? (
            <Act vi={`${vi} đã công nhận`} en={`Recognised by ${en}`} act={d} late={d.late} />
          ) : (
            <Act vi={`${vi} không công nhận`} en={`Refused by ${en}`} act={d} late={d.late} />
          )}
        </ul>
      ) : (
        <p>
          Chưa có quyết định công nhận. <En>Not recognised yet.</En>
        </p>
      )}
    </>
  );
}

/** The section `#record` of the result page. */
export function SendingAndRecognition(props: { record: AfterPublication }) {
  const r = props.record;
  const [effectVi, effectEn] = EFFECT[r.takesEffect];
  return (
    <section id="record">
      <h2>Gửi và công nhận{showsEnglish() ? ' / Sending and recognition' : null}</h2>
      <p>
        {effectVi} <En>{effectEn}</En>
      </p>
      <Sending s={r.sending} />
      {r.recognition ? <Recognition r={r.recognition} /> : null}
      {r.annulment || r.amendmentRequest ? (
        <ul>
          {r.annulment ? <Act vi="UBND xã đã bãi bỏ quyết định (Điều 22)" en="Annulled by the commune People’s Committee" act={r.annulment} /> : null}
          {r.amendmentRequest ? (
            <Act
              vi="UBND xã đề nghị cộng đồng dân cư sửa đổi, bổ sung, thay thế quyết định (Điều 22)"
              en="The commune People’s Committee asked the community to amend the decision"
              act={r.amendmentRequest}
            />
          ) : null}
        </ul>
      ) : null}
      <p>
        Ngày làm việc không tính thứ Bảy, Chủ nhật và ngày lễ, Tết; tình trạng quá hạn tính đến lần cập nhật trang gần nhất.{' '}
        <En>Working days leave out Saturdays, Sundays and public holidays; overdue as of the page’s last update.</En>
      </p>
    </section>
  );
}
