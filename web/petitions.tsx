/**
 * The petitions and reports section of the result page (kiến nghị, phản ánh; Law 10/2022 Art. 24): how many and how
 * many answered, each by roll id (never a name) with the commune's answers, how many were hidden and why (a hidden one
 * keeps its place and answers, not its text), and the link to send one. They may be sent at any time after
 * publication and never block the decision.
 */
import { ANSWER_NOT_NEEDED, type ComplaintsSummary } from '../shared/complaints.ts';
import { HIDE_REASON, hiddenReasons } from './discussion.tsx';
import { vnNumber, vnTime } from './format.ts';

function Answers(props: { k: ComplaintsSummary['complaints'][number] }) {
  const { k } = props;
  return (
    <>
      {k.answers.length === 0 && k.hidden && ANSWER_NOT_NEEDED.includes(k.hidden.reason) ? (
        <p>
          <em>
            Không cần trả lời: tin rác không phải là kiến nghị.{' '}
            <span lang="en" class="en">
              No answer needed: spam is no petition.
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
    </>
  );
}

/** The section `#complaints` of the result page. */
export function Petitions(props: { s: ComplaintsSummary; complainUrl: string }) {
  const { s } = props;
  return (
    <section id="complaints">
      <h2>Kiến nghị, phản ánh / Petitions and reports</h2>
      <p>
        Người dân có thể gửi kiến nghị, phản ánh về quyết định này bất cứ lúc nào; việc này không làm chậm hiệu lực của quyết định. {vnNumber(s.filed)} kiến
        nghị, phản ánh; {vnNumber(s.answered)} đã trả lời.{' '}
        <span lang="en" class="en">
          Residents may send a petition or report about this decision at any time; it does not hold up the decision. {s.filed} sent, {s.answered} answered.
        </span>
      </p>
      <p>
        Số kiến nghị, phản ánh bị ẩn: <strong data-count="complaints-hidden">{vnNumber(s.hidden)}</strong>
        {s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'vi')})` : ''}.{' '}
        <span lang="en" class="en">
          Hidden by moderation: {s.hidden}
          {s.hidden > 0 ? ` (${hiddenReasons(s.hiddenByReason, 'en')})` : ''}.
        </span>
      </p>
      <p>
        <a href={props.complainUrl}>Gửi kiến nghị, phản ánh bằng mã của hộ</a>{' '}
        <span lang="en" class="en">
          / Send a petition or report with the household code
        </span>
      </p>
      {s.complaints.map((k) => (
        <article class="thread" id={`k-${k.id}`}>
          {k.hidden ? (
            <p class="hidden-comment">
              <em>
                Kiến nghị này đã bị ẩn (lý do: {HIDE_REASON[k.hidden.reason][0]}) · {vnTime(k.at)}{' '}
                <span lang="en" class="en">
                  / This petition was hidden (reason: {HIDE_REASON[k.hidden.reason][1]}).
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
          <Answers k={k} />
        </article>
      ))}
    </section>
  );
}
