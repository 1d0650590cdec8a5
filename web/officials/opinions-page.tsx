/**
 * The other opinions (Ý kiến khác) of a round on the staff pages: each text with its day, visible or hidden with the
 * reason and when. On the officials' page, while voting, each visible one has a hide form with a reason select
 * (never edited; audit-logged by the use case it posts to); the monitors' page (../monitors/opinions-page.tsx) lists
 * them read-only. No script; one column, so it fits a phone.
 */
import { OpinionHideReason } from '../../shared/opinions.ts';
import type { Consultation, State } from '../../shared/schemas.ts';
import { HIDE_REASON } from '../discussion.tsx';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { HiddenNote } from './moderation.tsx';
import { Bi, SubpageHead } from './parts.tsx';
import { En, viEn } from '../lang.tsx';

/** An opinion as the staff see it (functions/core/opinions.ts `ReviewedOpinion`). */
export interface StaffOpinion {
  id: string;
  questionId: string;
  text: string;
  day: string;
  hidden?: { reason: OpinionHideReason; at: string } | undefined;
}

export const OPINION_STYLE = `ol.opinions{padding-left:1.25rem}ol.opinions li{margin:0 0 1rem}.opinion-text{white-space:pre-line;overflow-wrap:anywhere}`;

/** `2026-11-03` as `03/11/2026`. */
const dayVi = (day: string) => day.split('-').reverse().join('/');

/** The hide button with the reasons an opinion may be hidden for; posts `reason` to `action`. */
function HideOpinionForm(props: { action: string; id: string }) {
  return (
    <form method="post" action={props.action} class="inline">
      <label for={`reason-${props.id}`}>
        <Bi vi="Lý do ẩn" en="Reason" />
      </label>{' '}
      <select id={`reason-${props.id}`} name="reason" required>
        {OpinionHideReason.options.map((r) => (
          <option value={r}>{viEn(HIDE_REASON[r][0], HIDE_REASON[r][1])}</option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary">
        Ẩn <En bare>Hide</En>
      </button>
    </form>
  );
}

/**
 * The opinions under each question of the round, in its order; `hideBase` (the officials', while voting) adds a
 * hide form under each visible one, posting to `<hideBase>/<opinionId>/hide`.
 */
export function OpinionList(props: { consultation: Consultation; opinions: readonly StaffOpinion[]; hideBase?: string | undefined }) {
  const { consultation: c, opinions } = props;
  const hidden = opinions.filter((o) => o.hidden).length;
  return (
    <>
      <p class="hint">
        <Bi
          vi="Ý kiến các hộ ghi kèm lựa chọn «Ý kiến khác», giữ riêng, không gắn với phiếu hay hộ nào; chỉ giữ ngày gửi. Ý kiến bị ẩn không bị sửa hay xóa, chỉ không được công bố."
          en="Texts given with the “Other opinion” answer, kept apart and linked to no ballot or household; only the day is kept. A hidden one is never edited or deleted, only not published."
        />
      </p>
      <p>
        <Bi vi={`${opinions.length} ý kiến; ${hidden} bị ẩn.`} en={`${opinions.length} opinions; ${hidden} hidden.`} />
      </p>
      {opinions.length === 0 ? (
        <p>
          <Bi vi="Chưa có ý kiến khác nào." en="No other opinion yet." />
        </p>
      ) : null}
      {c.questions.map((q, i) => {
        const mine = opinions.filter((o) => o.questionId === q.id);
        if (mine.length === 0) return null;
        return (
          <section aria-labelledby={`oq-${q.id}`}>
            <h2 id={`oq-${q.id}`}>
              Nội dung {i + 1}: {q.text}
            </h2>
            <ol class="opinions">
              {mine.map((o) => (
                <li id={`o-${o.id}`}>
                  <p class="opinion-text">{o.text}</p>
                  <p class="hint">
                    <Bi vi={`Ngày gửi ${dayVi(o.day)}`} en={`Sent on ${o.day}`} />
                    {o.hidden ? null : (
                      <>
                        {' · '}
                        <Bi vi="Đang hiển thị" en="Visible" />
                      </>
                    )}
                  </p>
                  {o.hidden ? <HiddenNote hidden={o.hidden} /> : null}
                  {!o.hidden && props.hideBase ? <HideOpinionForm action={`${props.hideBase}/${o.id}/hide`} id={o.id} /> : null}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}

const DONE: Record<string, readonly [string, string]> = {
  hidden: ['Đã ẩn ý kiến; việc ẩn được ghi vào nhật ký (không ghi nội dung).', 'The opinion was hidden; this is audit-logged (without its text).'],
};

export function OpinionsPage(props: {
  official: Official;
  consultation: Consultation;
  state: State;
  opinions: readonly StaffOpinion[];
  done?: string | undefined;
}) {
  const c = props.consultation;
  const base = `/officials/c/${c.id}/opinions`;
  return (
    <OfficialFrame title={`Ý kiến khác — ${c.title}`} official={props.official} style={OPINION_STYLE}>
      <SubpageHead
        consultation={c}
        state={props.state}
        title={{ vi: 'Ý kiến khác của các hộ', en: 'Other opinions of households' }}
        done={props.done ? DONE[props.done] : undefined}
      />
      {props.state === 'voting' ? null : (
        <p class="panel">
          <Bi
            vi="Chỉ ẩn được ý kiến trong thời gian biểu quyết; khi kết thúc, các ý kiến đang hiển thị được công bố trong opinions.json."
            en="Opinions can be hidden only while voting; at the close, the visible ones are published in opinions.json."
          />
        </p>
      )}
      <OpinionList consultation={c} opinions={props.opinions} hideBase={props.state === 'voting' ? base : undefined} />
    </OfficialFrame>
  );
}
