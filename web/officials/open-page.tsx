/**
 * The officials' confirmation before opening voting: what opening does (the roll frozen, one code per household, the
 * slips shown once), the reason asked for when the disclosure period is not over, and otherwise why it cannot open,
 * with the form that records a missing condition (Decree 59/2023 Art. 5 online, Art. 4 household ballot).
 */
import type { Consultation, Method } from '../../shared/schemas.ts';
import type { OpeningCheck } from '../../shared/matters.ts';
import { CONDITION_WORDS, type OnlineConditionKind } from '../../shared/online-conditions.ts';
import { vnTime } from '../format.ts';
import { ConfirmPage } from './confirm-page.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';
import { En } from '../lang.tsx';

export const CONDITION_VI: Record<OnlineConditionKind, string> = Object.fromEntries(Object.entries(CONDITION_WORDS).map(([k, w]) => [k, w.vi])) as Record<
  OnlineConditionKind,
  string
>;

function DateAndReference(props: { kind: string; optional?: boolean }) {
  return (
    <>
      <label class="field" for={`${props.kind}-date`}>
        <Bi vi="Ngày" en="Date" />
      </label>
      <input type="date" id={`${props.kind}-date`} name="date" required={!props.optional} />
      <label class="field" for={`${props.kind}-reference`}>
        <Bi vi="Văn bản ghi nhận (số biên bản, số báo cáo)" en="Where it is written down (minutes or report number)" />
      </label>
      <input type="text" id={`${props.kind}-reference`} name="reference" required={!props.optional} minlength={3} maxlength={300} />
    </>
  );
}

/**
 * A team (the online team, or the household ballot's Tổ phát phiếu): 3 to 5 members, one line each "name, role";
 * the leader from the Front working committee.
 */
function TeamFields(props: { kind: 'team' | 'ballot_team' }) {
  return (
    <>
      <label class="field" for={`${props.kind}-members`}>
        <Bi vi="Thành viên tổ (3–5 người, mỗi dòng: họ tên, chức danh)" en="Members (3–5, one a line: name, role)" />
      </label>
      <textarea id={`${props.kind}-members`} name="members" rows={5} required />
      <label class="field" for={`${props.kind}-leader`}>
        <Bi vi="Tổ trưởng (đại diện Ban công tác Mặt trận, một trong các thành viên)" en="Leader (the Front working committee's representative, a member)" />
      </label>
      <input type="text" id={`${props.kind}-leader`} name="leader" required minlength={2} maxlength={120} />
    </>
  );
}

/** The household ballot's plan: the day it was issued, the day it was sent to both chairs, its number. */
function PlanFields() {
  return (
    <>
      <label class="field" for="ballot_plan-issued">
        <Bi vi="Ngày ban hành kế hoạch" en="Day the plan was issued" />
      </label>
      <input type="date" id="ballot_plan-issued" name="issued" required />
      <label class="field" for="ballot_plan-sent">
        <Bi
          vi="Ngày gửi Chủ tịch UBND xã và Chủ tịch UBMTTQ xã (chậm nhất 02 ngày kể từ ngày ban hành)"
          en="Day it was sent to the chairs of UBND xã and UBMTTQ xã (at most 2 days after it was issued)"
        />
      </label>
      <input type="date" id="ballot_plan-sent" name="sent" required />
      <label class="field" for="ballot_plan-reference">
        <Bi vi="Số kế hoạch" en="The plan's number" />
      </label>
      <input type="text" id="ballot_plan-reference" name="reference" required minlength={3} maxlength={300} />
    </>
  );
}

/** Records one Art. 5 condition: one small form per condition still missing, each with the fields it needs. */
function ConditionForm(props: { id: string; missing: readonly OnlineConditionKind[] }) {
  return (
    <>
      {props.missing.map((m) => (
        <form method="post" action={`/officials/c/${props.id}/conditions`} class="condition">
          <h3>
            <Bi vi={CONDITION_WORDS[m].vi} en={CONDITION_WORDS[m].en} />
          </h3>
          <input type="hidden" name="condition" value={m} />
          {m === 'team' || m === 'ballot_team' ? <TeamFields kind={m} /> : null}
          {m === 'ballot_plan' ? <PlanFields /> : null}
          {m === 'poll' ? (
            <>
              <label class="field" for="poll-agreed">
                <Bi vi="Số hộ đồng ý biểu quyết trực tuyến" en="Households that agreed to vote online" />
              </label>
              <input type="number" id="poll-agreed" name="agreed" min={0} inputmode="numeric" required />
            </>
          ) : null}
          {m === 'ballot_plan' ? null : <DateAndReference kind={m} optional={m === 'team' || m === 'ballot_team'} />}
          <p>
            <button type="submit">
              Ghi nhận điều kiện <En bare>Record the condition</En>
            </button>
          </p>
        </form>
      ))}
    </>
  );
}

const OPEN_TITLE: Record<Method, { vi: string; en: string }> = {
  online: { vi: 'Mở biểu quyết trực tuyến và in phiếu mã?', en: 'Open the online vote and print the code slips?' },
  household_ballot: { vi: 'Bắt đầu phát phiếu lấy ý kiến hộ gia đình?', en: 'Start the household ballot?' },
  meeting: { vi: 'Khai mạc cuộc họp và bắt đầu biểu quyết?', en: 'Open the meeting and its vote?' },
};

/** What opening does, by method: codes shown once (online), slips by serial (household ballot), the meeting in session. */
function OpenWhat(props: { method: Method; rollCount: number }) {
  const n = props.rollCount;
  if (props.method === 'online')
    return (
      <>
        <p>
          <Bi
            vi={`Danh sách ${n} hộ sẽ được chốt và mỗi hộ nhận một mã biểu quyết. Trang tiếp theo là các phiếu mã để in (khổ A4, 8 phiếu mỗi tờ).`}
            en={`The roll of ${n} households is frozen and each household gets a voting code. The next page is the slips to print (A4, 8 a page).`}
          />
        </p>
        <p>
          <strong>
            <Bi
              vi="Phiếu mã hiện ra từng trang 200 phiếu để in; in lại được (kể cả khi mất kết nối) cho đến khi khóa phiếu sau khi in xong, hoặc khi kết thúc biểu quyết."
              en="The slips come 200 to a page for printing; they can be printed again (after a lost connection too) until they are sealed after printing, or voting closes."
            />
          </strong>{' '}
          <Bi vi="Chỉ bấm một lần và chờ trang phiếu hiện ra." en="Press once and wait for the slips." />
        </p>
      </>
    );
  if (props.method === 'household_ballot')
    return (
      <p>
        <Bi
          vi={`Danh sách ${n} hộ sẽ được chốt và ${n} phiếu giấy được đánh số sê-ri ngẫu nhiên, không gắn với hộ nào. Trang tiếp theo là các phiếu để in (có thể in lại bất cứ lúc nào); tổ phát phiếu phát từ một xấp đã xáo trộn và đánh dấu từng hộ đã nộp phiếu.`}
          en={`The roll of ${n} households is frozen and ${n} paper slips get random serials, linked to no household. The next page is the slips to print (they can be printed again at any time); the ballot team hands them out from a shuffled stack and ticks off each household whose slip came back.`}
        />
      </p>
    );
  return (
    <p>
      <Bi
        vi={`Danh sách ${n} hộ sẽ được chốt và cuộc họp bắt đầu: ghi nhận từng hộ đến dự, rồi biểu quyết bằng giơ tay hoặc bỏ phiếu kín. Không có mã biểu quyết.`}
        en={`The roll of ${n} households is frozen and the meeting is in session: record each household present, then vote by show of hands or secret ballot. There are no voting codes.`}
      />
    </p>
  );
}

export interface OpenPageInput {
  official: Official;
  consultation: Consultation;
  rollCount: number;
  allowed: boolean;
  /** Voting has not been opened yet (the consultation is a draft or disclosed). */
  before: boolean;
  missing: readonly OnlineConditionKind[];
  check: OpeningCheck | undefined;
  disclosureDays: number;
}

export function OpenPage(props: OpenPageInput) {
  const { official, consultation: c0, rollCount, allowed, before, missing, check, disclosureDays } = props;
  return (
    <ConfirmPage
      official={official}
      consultation={c0}
      title={OPEN_TITLE[c0.method]}
      action={`/officials/c/${c0.id}/open`}
      button={{ vi: `Mở biểu quyết cho ${rollCount} hộ`, en: `Open voting for ${rollCount} households` }}
      allowed={allowed}
      fields={
        check?.early ? (
          <>
            <label class="field" for="reason">
              <Bi
                vi="Lý do mở biểu quyết trước khi hết thời gian công khai (được ghi vào nhật ký)"
                en="Why voting opens before the disclosure period is over (audit-logged)"
              />
            </label>
            <textarea id="reason" name="reason" required minlength={10} maxlength={500} rows={3} aria-describedby="early"></textarea>
          </>
        ) : undefined
      }
    >
      {allowed && check?.early ? (
        <p class="panel panel-warn" id="early">
          {check.earliest ? (
            <Bi
              vi={`Thông báo và tài liệu phải gửi trước ít nhất ${disclosureDays} ngày (theo luật, hoặc lâu hơn nếu xã quy định), tức là đến ${vnTime(check.earliest)}. Muốn mở sớm hơn, hãy ghi lý do; lý do được công bố cùng kết quả như một điểm không theo thời hạn luật định.`}
              en={`The notice and documents go out at least ${disclosureDays} days before (the law's minimum, or the commune's longer period), until ${vnTime(check.earliest)}. To open earlier, give the reason; it is published with the result as a departure from the law.`}
            />
          ) : (
            <Bi
              vi={`Cuộc lấy ý kiến này chưa được thông báo; phải thông báo trước ít nhất ${disclosureDays} ngày. Muốn mở ngay, hãy ghi lý do; lý do được công bố cùng kết quả như một điểm không theo thời hạn luật định.`}
              en={`This round was never notified; the notice is at least ${disclosureDays} days. To open now, give the reason; it is published with the result as a departure from the law.`}
            />
          )}
        </p>
      ) : null}
      {allowed ? (
        <div class="panel panel-warn">
          <OpenWhat method={c0.method} rollCount={rollCount} />
          <p>
            <Bi
              vi={`Biểu quyết kết thúc lúc ${vnTime(c0.closesAt)} (giờ Việt Nam). Sau khi mở không thể sửa nội dung.`}
              en={`Voting closes at ${vnTime(c0.closesAt)} (Vietnam time). Nothing can be edited once open.`}
            />
          </p>
        </div>
      ) : (
        <div class="panel panel-alert">
          {!before ? (
            <Bi
              vi="Biểu quyết đã được mở (hoặc cuộc lấy ý kiến đã kết thúc, đã hủy)."
              en="Voting was already opened (or this consultation is over or cancelled)."
            />
          ) : missing.length > 0 ? (
            <>
              {c0.method === 'household_ballot' ? (
                <Bi
                  vi={`Phát phiếu lấy ý kiến của hộ gia đình cần ghi nhận trước các điều kiện (Luật 10/2022 Điều 19, Nghị định 59/2023 Điều 4); còn thiếu: ${missing.map((m) => CONDITION_VI[m]).join('; ')}.`}
                  en={`A household ballot needs its conditions recorded first (Law 10/2022 Art. 19, Decree 59/2023 Art. 4); missing: ${missing.join(', ')}.`}
                />
              ) : (
                <Bi
                  vi={`Biểu quyết trực tuyến cần ghi nhận trước các điều kiện của Nghị định 59/2023 Điều 5; còn thiếu: ${missing.map((m) => CONDITION_VI[m]).join('; ')}.`}
                  en={`An online vote needs the Decree 59/2023 Art. 5 conditions recorded first; missing: ${missing.join(', ')}.`}
                />
              )}
              <ConditionForm id={c0.id} missing={missing} />
            </>
          ) : rollCount === 0 ? (
            <Bi vi="Chưa có danh sách hộ: hãy tải danh sách lên trước." en="The roll is empty: upload the households first." />
          ) : (
            <Bi vi="Thời điểm kết thúc đã qua: hãy sửa thời gian trước khi mở." en="The closing time has passed: edit the dates before opening." />
          )}
        </div>
      )}
    </ConfirmPage>
  );
}

/** An opening too large for one call: how far it got, and the button that goes on (the reason is sent again). */
export function OpeningProgressPage(props: { official: Official; consultation: Consultation; progress: { written: number; total: number }; reason: string }) {
  const { written, total } = props.progress;
  const percent = Math.floor((written * 100) / Math.max(1, total));
  return (
    <ConfirmPage
      official={props.official}
      consultation={props.consultation}
      title={{ vi: 'Đang mở biểu quyết', en: 'Opening voting' }}
      action={`/officials/c/${props.consultation.id}/open`}
      allowed
      button={{ vi: 'Tiếp tục mở', en: 'Go on opening' }}
      fields={props.reason ? <input type="hidden" name="reason" value={props.reason} /> : undefined}
    >
      <p role="status">
        <Bi
          vi={`Đã chuẩn bị ${written.toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')} mục (${percent}%). Danh sách lớn cần vài lượt: bấm "Tiếp tục mở" cho đến khi xong. Chưa hộ nào biểu quyết được cho đến khi mở xong; không mất gì nếu dừng lại giữa chừng.`}
          en={`${written.toLocaleString('en')} of ${total.toLocaleString('en')} items prepared (${percent}%). A large roll takes a few rounds: press "Go on opening" until it is done. Nobody can vote until it is; nothing is lost if it stops half-way.`}
        />
      </p>
      <progress max={total} value={written}>
        {percent}%
      </progress>
    </ConfirmPage>
  );
}
