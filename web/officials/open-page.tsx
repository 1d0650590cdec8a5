/**
 * The officials' confirmation before opening voting: what opening does (the roll frozen, one code per household, the
 * slips shown once), the reason asked for when the disclosure period is not over, and otherwise why it cannot open,
 * with the form that records a missing Decree 59/2023 Art. 5 condition.
 */
import type { Consultation } from '../../shared/schemas.ts';
import type { OnlineConditionKind, OpeningCheck } from '../../shared/matters.ts';
import { vnTime } from '../format.ts';
import { ConfirmPage } from './confirm-page.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';

export const CONDITION_VI: Record<OnlineConditionKind, string> = {
  leaders_agreed: 'Trưởng thôn và Ban công tác Mặt trận đồng ý',
  community_unanimous: 'cộng đồng nhất trí biểu quyết trực tuyến',
  commune_notified: 'đã báo cáo UBND xã',
};

/** Records one Art. 5 condition: which, when, where it is written down, and for the poll how many agreed of how many. */
function ConditionForm(props: { id: string; missing: readonly OnlineConditionKind[] }) {
  return (
    <form method="post" action={`/officials/c/${props.id}/conditions`}>
      <label class="field" for="condition">
        <Bi vi="Điều kiện" en="Condition" />
      </label>
      <select id="condition" name="condition">
        {props.missing.map((m) => (
          <option value={m}>{CONDITION_VI[m]}</option>
        ))}
      </select>
      <label class="field" for="date">
        <Bi vi="Ngày" en="Date" />
      </label>
      <input type="date" id="date" name="date" required />
      <label class="field" for="reference">
        <Bi vi="Văn bản ghi nhận (số biên bản, số báo cáo)" en="Where it is written down (minutes or notice number)" />
      </label>
      <input type="text" id="reference" name="reference" required minlength={3} maxlength={300} />
      <label class="field" for="asked">
        <Bi vi="Với việc thăm dò: số hộ được hỏi" en="For the poll: households asked" />
      </label>
      <input type="number" id="asked" name="asked" min={1} inputmode="numeric" />
      <label class="field" for="agreed">
        <Bi vi="Với việc thăm dò: số hộ đồng ý" en="For the poll: households that agreed" />
      </label>
      <input type="number" id="agreed" name="agreed" min={0} inputmode="numeric" />
      <p>
        <button type="submit">
          Ghi nhận điều kiện <span lang="en">Record the condition</span>
        </button>
      </p>
    </form>
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
      title={{ vi: 'Mở biểu quyết và in phiếu mã?', en: 'Open voting and print the code slips?' }}
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
              vi={`Theo quy định của xã, nội dung phải được công khai ${disclosureDays} ngày, đến ${vnTime(check.earliest)}. Muốn mở sớm hơn, hãy ghi lý do.`}
              en={`The commune's rule keeps the disclosure public for ${disclosureDays} days, until ${vnTime(check.earliest)}. To open earlier, give the reason.`}
            />
          ) : (
            <Bi
              vi={`Cuộc lấy ý kiến này chưa được công khai; theo quy định của xã phải công khai ${disclosureDays} ngày trước khi biểu quyết. Muốn mở ngay, hãy ghi lý do.`}
              en={`This consultation was never disclosed; the commune's rule is ${disclosureDays} days of disclosure before the vote. To open now, give the reason.`}
            />
          )}
        </p>
      ) : null}
      {allowed ? (
        <div class="panel panel-warn">
          <p>
            <Bi
              vi={`Danh sách ${rollCount} hộ sẽ được chốt và mỗi hộ nhận một mã biểu quyết. Trang tiếp theo là các phiếu mã để in (khổ A4, 8 phiếu mỗi trang).`}
              en={`The roll of ${rollCount} households is frozen and each household gets a voting code. The next page is the slips to print (A4, 8 a page).`}
            />
          </p>
          <p>
            <strong>
              <Bi
                vi="Mã chỉ hiển thị một lần, ngay sau khi bấm: hãy in ngay."
                en="The codes are shown this one time, right after you press: print them at once."
              />
            </strong>{' '}
            <Bi vi="Chỉ bấm một lần và chờ trang phiếu hiện ra." en="Press once and wait for the slips." />
          </p>
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
              vi="Biểu quyết đã được mở (hoặc cuộc lấy ý kiến đã kết thúc, đã hủy); mã chỉ được cấp một lần."
              en="Voting was already opened (or this consultation is over or cancelled); codes are issued once."
            />
          ) : missing.length > 0 ? (
            <>
              <Bi
                vi={`Biểu quyết trực tuyến cần ghi nhận trước các điều kiện của Nghị định 59/2023 Điều 5; còn thiếu: ${missing.map((m) => CONDITION_VI[m]).join('; ')}.`}
                en={`An online vote needs the Decree 59/2023 Art. 5 conditions recorded first; missing: ${missing.join(', ')}.`}
              />
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
