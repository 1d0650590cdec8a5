/**
 * The officials' forms of a community rule (Decree 61/2023): creating a round (a new rule, or a change linked to a
 * rule in force), then one form per step not yet recorded — the drafting team, the draft posted with the round whose
 * discussion holds the comments, the comments summarised, the meeting's invitation, the vote (the meeting, then a
 * household ballot only after a meeting that missed the attendance), the signatures, the dossier sent, and the
 * translations. Vietnamese alone unless the page asks for English. Pure rendering.
 */
import type { Child } from 'hono/jsx';
import { ruleAdoption } from '../../shared/process/community-rules.ts';
import { ROUND_WORDS } from '../../shared/process/rule-rounds.ts';
import { Bi } from '../officials/parts.tsx';
import type { RuleFactsInput } from './rule-facts.tsx';

function On(props: { today: string; reference?: boolean }) {
  return (
    <>
      <label>
        <Bi vi="Ngày thực hiện" en="Done on" />
        <input type="date" name="on" value={props.today} required />
      </label>
      {props.reference === false ? null : (
        <label>
          <Bi vi="Số, ký hiệu văn bản (nếu có)" en="Document reference (if any)" />
          <input type="text" name="reference" maxlength={80} />
        </label>
      )}
    </>
  );
}

function StepForm(props: { action: string; id: string; vi: string; en: string; children: Child }) {
  return (
    <form method="post" action={props.action} class="panel" id={`form-${props.id}`}>
      <h3>
        <Bi vi={props.vi} en={props.en} />
      </h3>
      {props.children}
      <button type="submit">
        <Bi vi="Ghi nhận" en="Record" />
      </button>
    </form>
  );
}

/** The form that creates a round; `rules` are the rules in force a change may link to. */
export function CreateRuleForm(props: { today: string; rules: readonly { id: string; title: string; hamlet: string }[] }) {
  return (
    <form method="post" action="/officials/rules" class="panel" id="create-rule">
      <h2>
        <Bi vi="Đề xuất xây dựng, sửa đổi hương ước, quy ước" en="Propose a community rule or a change" />
      </h2>
      <label>
        <Bi vi="Thôn, tổ dân phố" en="Hamlet" />
        <input type="text" name="hamlet" maxlength={120} required />
      </label>
      <label>
        <Bi vi="Tên hương ước, quy ước hoặc nội dung sửa đổi" en="Title" />
        <input type="text" name="title" maxlength={200} required />
      </label>
      <label>
        <Bi vi="Loại" en="Kind" />
        <select name="round">
          {(['adoption', 'amendment', 'replacement', 'suspension', 'annulment'] as const).map((k) => (
            <option value={k}>{ROUND_WORDS[k].vi}</option>
          ))}
        </select>
      </label>
      <label>
        <Bi vi="Hương ước, quy ước đang có hiệu lực được thay đổi (không chọn nếu xây dựng mới)" en="The rule in force it changes (none for a new rule)" />
        <select name="ruleOf">
          <option value="">—</option>
          {props.rules.map((r) => (
            <option value={r.id}>
              {r.title} — {r.hamlet}
            </option>
          ))}
        </select>
      </label>
      <label>
        <Bi vi="Tạm ngưng đến ngày (nếu có)" en="Suspended until (if set)" />
        <input type="date" name="until" />
      </label>
      <label>
        <Bi vi="Người đề xuất" en="Proposed by" />
        <select name="proposal">
          <option value="village_head_with_front">Trưởng thôn, sau khi thống nhất với Trưởng ban công tác Mặt trận</option>
          <option value="initiative">Sáng kiến của công dân</option>
        </select>
      </label>
      <label>
        <Bi vi="Mã sáng kiến của công dân (nếu có)" en="The initiative's reference (if any)" />
        <input type="text" name="initiativeId" maxlength={80} />
      </label>
      <On today={props.today} />
      <label>
        <Bi vi="Ngày họp cộng đồng dân cư biểu quyết (sau ít nhất 30 ngày niêm yết)" en="Meeting day (after at least 30 days posted)" />
        <input type="date" name="meeting" required />
      </label>
      <label>
        <Bi vi="Số ngày niêm yết dự thảo (ít nhất 30)" en="Days the draft is posted (at least 30)" />
        <input type="text" inputmode="numeric" name="postingDays" value="30" required />
      </label>
      <label>
        <input type="checkbox" name="hasElders" value="yes" checked /> <Bi vi="Cộng đồng có già làng, người có uy tín" en="The community has elders" />
      </label>
      <label>
        <Bi vi="Tiếng dân tộc thiểu số của cộng đồng, mỗi dòng một tiếng (nếu có)" en="The community's minority languages, one a line" />
        <textarea name="minorityLanguages" rows={2}></textarea>
      </label>
      <button type="submit">
        <Bi vi="Tạo" en="Create" />
      </button>
    </form>
  );
}

function TeamForm(props: { base: string; today: string; languages: readonly string[] }) {
  return (
    <StepForm action={`${props.base}/team`} id="drafting_team_formed" vi="Tổ soạn thảo" en="The drafting team">
      <On today={props.today} />
      <label>
        <Bi vi="Thành viên, mỗi dòng một người" en="Members, one a line" />
        <textarea name="members" rows={4} required></textarea>
      </label>
      <label>
        <Bi vi="Trong đó già làng, người có uy tín, mỗi dòng một người" en="Of them, elders, one a line" />
        <textarea name="elders" rows={2}></textarea>
      </label>
      {props.languages.map((language, i) => (
        <label>
          <Bi vi={`Trong đó người biết tiếng ${language}, mỗi dòng một người`} en={`Of them, speakers of ${language}`} />
          <textarea name={`speaks.${i}`} rows={2}></textarea>
        </label>
      ))}
    </StepForm>
  );
}

function VoteForm(props: { base: string; today: string; method: 'meeting' | 'household_ballot'; households?: number | undefined }) {
  const meeting = props.method === 'meeting';
  return (
    <StepForm
      action={`${props.base}/vote`}
      id={meeting ? 'adoption_meeting' : 'household_ballot'}
      vi={meeting ? 'Kết quả biểu quyết tại cuộc họp' : 'Kết quả phát phiếu lấy ý kiến từng hộ gia đình'}
      en={meeting ? 'The vote at the meeting' : 'The household ballot'}
    >
      <input type="hidden" name="method" value={props.method} />
      <On today={props.today} reference={false} />
      <label>
        <Bi vi="Tổng số hộ gia đình (H)" en="All households (H)" />
        <input type="text" inputmode="numeric" name="households" value={props.households ? String(props.households) : ''} required />
      </label>
      {meeting ? (
        <label>
          <Bi vi="Số hộ dự họp" en="Households present" />
          <input type="text" inputmode="numeric" name="present" required />
        </label>
      ) : null}
      <label>
        <Bi vi="Số hộ tán thành" en="Households in favour" />
        <input type="text" inputmode="numeric" name="yes" required />
      </label>
      <label>
        <Bi vi="Mã các vòng lấy ý kiến đã quyết định (đã công bố kết quả), mỗi dòng một mã" en="The deciding rounds' ids, one a line" />
        <textarea name="rounds" rows={2}></textarea>
      </label>
      <label>
        <Bi vi="Nội dung được thông qua (để trống nếu đúng như dự thảo)" en="The adopted text (blank if the draft's)" />
        <textarea name="text" rows={6}></textarea>
      </label>
    </StepForm>
  );
}

function DraftForms(props: { r: RuleFactsInput; base: string; today: string; done: (s: string) => boolean }) {
  const { base, today, done } = props;
  return (
    <>
      {done('drafting_team_formed') && !done('draft_posted') ? (
        <StepForm action={`${base}/draft`} id="draft_posted" vi="Niêm yết dự thảo" en="The draft posted">
          <On today={today} />
          <label>
            <Bi vi="Mã vòng lấy ý kiến có phần thảo luận, góp ý về dự thảo (nếu có)" en="The round whose discussion holds the comments (id)" />
            <input type="text" name="consultation" maxlength={26} />
          </label>
          <label>
            <Bi vi="Nội dung dự thảo" en="The draft's text" />
            <textarea name="text" rows={8} required></textarea>
          </label>
        </StepForm>
      ) : null}
      {done('draft_posted') && !done('comments_summarised') ? (
        <StepForm action={`${base}/comments`} id="comments_summarised" vi="Tổng hợp ý kiến góp ý và giải trình" en="Comments summarised, with answers">
          <On today={today} reference={false} />
          <label>
            <Bi vi="Số ý kiến nhận được" en="Comments received" />
            <input type="text" inputmode="numeric" name="received" required />
          </label>
          <label>
            <Bi vi="Tổng hợp ý kiến" en="Summary" />
            <textarea name="summary" rows={4} required></textarea>
          </label>
          <label>
            <Bi vi="Giải trình, tiếp thu của Tổ soạn thảo" en="The team's answers" />
            <textarea name="answers" rows={4} required></textarea>
          </label>
        </StepForm>
      ) : null}
      {done('meeting_invited') ? null : (
        <StepForm action={`${base}/step`} id="meeting_invited" vi="Thông báo cuộc họp (Mẫu số 01)" en="Meeting notice (form 01)">
          <input type="hidden" name="step" value="meeting_invited" />
          <On today={today} />
        </StepForm>
      )}
    </>
  );
}

function AfterVoteForms(props: { r: RuleFactsInput; base: string; today: string; done: (s: string) => boolean }) {
  const { r, base, today, done } = props;
  const f = r.rule;
  return (
    <>
      {f.text && !f.signatures ? (
        <StepForm action={`${base}/signatures`} id="signatures" vi="Chữ ký trên văn bản đã được thông qua" en="Signatures on the adopted text">
          <On today={today} reference={false} />
          <label>
            <Bi vi="Trưởng thôn, Tổ trưởng tổ dân phố" en="Village head" />
            <input type="text" name="villageHead" maxlength={120} required />
          </label>
          <label>
            <Bi vi="Trưởng ban công tác Mặt trận" en="Head of the Front working committee" />
            <input type="text" name="frontHead" maxlength={120} required />
          </label>
          <label>
            <Bi vi="Mã hộ của 02 đại diện hộ gia đình, mỗi dòng một mã" en="The roll ids of 2 households, one a line" />
            <textarea name="households" rows={2} required></textarea>
          </label>
        </StepForm>
      ) : null}
      {f.signatures && !done('dossier_sent') ? (
        <StepForm action={`${base}/step`} id="dossier_sent" vi="Gửi hồ sơ đề nghị công nhận đến Ủy ban nhân dân cấp xã" en="Dossier sent to UBND xã">
          <input type="hidden" name="step" value="dossier_sent" />
          <On today={today} />
        </StepForm>
      ) : null}
    </>
  );
}

/** A translation the community decided, published beside the Vietnamese (D61 Art. 6(5)); also after recognition. */
function TranslationForm(props: { base: string; today: string }) {
  const { base, today } = props;
  return (
    <StepForm action={`${base}/translation`} id="translation" vi="Bản dịch do cộng đồng quyết định" en="A translation the community decided">
      <On today={today} reference={false} />
      <label>
        <Bi vi="Tiếng" en="Language" />
        <input type="text" name="language" maxlength={60} required />
      </label>
      <label>
        <Bi vi="Mã ngôn ngữ (BCP 47, ví dụ hmn)" en="Language tag (BCP 47)" />
        <input type="text" name="lang" maxlength={20} required />
      </label>
      <label>
        <Bi vi="Bản dịch" en="Translation" />
        <textarea name="text" rows={6} required></textarea>
      </label>
    </StepForm>
  );
}

/** The forms of the steps not yet recorded, in the law's order. */
export function RuleStepForms(props: { record: RuleFactsInput & { steps: readonly { step: string }[] }; today: string }) {
  const r = props.record;
  const base = `/officials/rules/${r.id}`;
  const done = (s: string) => r.steps.some((x) => x.step === s);
  const meeting = r.rule.votes?.find((v) => v.vote.method === 'meeting');
  const ballot = meeting && !done('household_ballot') && ruleAdoption(meeting.vote).status === 'not_enough_present';
  const translation = r.rule.text ? <TranslationForm base={base} today={props.today} /> : null;
  if (r.recognition) return r.recognition.outcome === 'recognised' ? <section id="record">{translation}</section> : null;
  return (
    <section id="record">
      <h2>
        <Bi vi="Ghi nhận các bước" en="Record the steps" />
      </h2>
      {done('drafting_team_formed') ? null : <TeamForm base={base} today={props.today} languages={r.rule.community.minorityLanguages} />}
      <DraftForms r={r} base={base} today={props.today} done={done} />
      {done('draft_posted') && !meeting ? <VoteForm base={base} today={props.today} method="meeting" /> : null}
      {ballot ? <VoteForm base={base} today={props.today} method="household_ballot" households={meeting.vote.households} /> : null}
      <AfterVoteForms r={r} base={base} today={props.today} done={done} />
      {translation}
    </section>
  );
}
