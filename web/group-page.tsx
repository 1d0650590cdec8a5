/**
 * The public page of a commune round, `g/<groupId>/index.html` (bundle.md "Commune rounds"): each hamlet's round and
 * its outcome, how many hamlets adopted against the threshold of 2/3 of the hamlets (Law 10/2022 Art. 21(1) ¶2), the
 * signed aggregate, and the date UBND xã set for it to take effect. Vietnamese first; no names of people.
 */
import type { Aggregate } from '../shared/aggregate.ts';
import type { OutcomeStatus, Question } from '../shared/schemas.ts';
import { OUTCOME_EN, OUTCOME_VI } from '../shared/rule-words.ts';
import { Page, render } from './layout.tsx';

export interface GroupPageProps {
  title: string;
  questions: readonly Pick<Question, 'id' | 'text'>[];
  aggregate: Aggregate;
  effectiveDate?: { date: string; reference: string };
}

const STATUS_CLASS = (s: string) => (s === 'adopted' ? 'adopted' : 'rejected');
const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function Outcome(props: { status: OutcomeStatus | undefined }) {
  if (!props.status) return <span>—</span>;
  return (
    <span class={STATUS_CLASS(props.status)}>
      {OUTCOME_VI[props.status]}{' '}
      <span lang="en" class="en">
        ({OUTCOME_EN[props.status]})
      </span>
    </span>
  );
}

function QuestionSection(props: { question: Pick<Question, 'id' | 'text'>; aggregate: Aggregate }) {
  const { question, aggregate } = props;
  const o = aggregate.outcome[question.id];
  return (
    <section>
      <h2>{question.text}</h2>
      <table>
        <thead>
          <tr>
            <th>
              Thôn <span class="en">/ Hamlet</span>
            </th>
            <th>
              Kết quả <span class="en">/ Outcome</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {aggregate.rounds.map((r) => (
            <tr>
              <td>
                <a href={`../../c/${r.consultationId}/`}>{r.hamlet}</a>
              </td>
              <td>
                <Outcome status={r.outcomes[question.id]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {o ? (
        <p class={`outcome ${STATUS_CLASS(o.status)}`}>
          {o.adoptedIn}/{aggregate.hamlets} thôn thông qua; cần từ {aggregate.threshold} thôn trở lên (từ 2/3 số thôn trở lên):{' '}
          {o.status === 'adopted' ? 'Được thông qua trên địa bàn xã' : 'Không được thông qua'}.{' '}
          <span lang="en" class="en">
            {o.adoptedIn} of {aggregate.hamlets} hamlets adopted it; at least {aggregate.threshold} needed (2/3 of the hamlets):{' '}
            {o.status === 'adopted' ? 'adopted across the commune' : 'not adopted'}.
          </span>
        </p>
      ) : null}
    </section>
  );
}

/** The page's HTML. */
export function groupPage(props: GroupPageProps): string {
  const { aggregate, effectiveDate } = props;
  return render(
    <Page title={`${props.title} — toàn xã`} base="../../">
      <h1>{props.title}</h1>
      <p>
        Nội dung thực hiện trên địa bàn xã, biểu quyết theo từng thôn; được thông qua khi từ 2/3 số thôn trở lên thông qua (Luật Thực hiện dân chủ ở cơ sở Điều
        21 khoản 1). Số thôn: {aggregate.hamlets}.{' '}
        <span lang="en" class="en">
          A commune-wide matter decided hamlet by hamlet; adopted when at least 2/3 of the hamlets adopt it (Law 10/2022 Art. 21(1)). Hamlets:{' '}
          {aggregate.hamlets}.
        </span>
      </p>
      {props.questions.map((q) => (
        <QuestionSection question={q} aggregate={aggregate} />
      ))}
      <h2>
        Ngày có hiệu lực <span class="en">/ Effective date</span>
      </h2>
      {effectiveDate ? (
        <p>
          UBND xã quyết định có hiệu lực từ ngày {day(effectiveDate.date)} (văn bản {effectiveDate.reference}).{' '}
          <span lang="en" class="en">
            The commune People’s Committee set it to take effect on {day(effectiveDate.date)} (document {effectiveDate.reference}).
          </span>
        </p>
      ) : (
        <p>
          UBND xã chưa quyết định ngày có hiệu lực.{' '}
          <span lang="en" class="en">
            The commune People’s Committee has not set the date yet.
          </span>
        </p>
      )}
      <h2>
        Kiểm tra <span class="en">/ Verify</span>
      </h2>
      <p>
        Kết quả tổng hợp có chữ ký của xã: <a href="aggregate.json">aggregate.json</a>, <a href="aggregate.jws">aggregate.jws</a>. Kiểm tra bằng lệnh{' '}
        <code>danban verify-group</code>.{' '}
        <span lang="en" class="en">
          The aggregate signed by the commune; check it with <code>danban verify-group</code>.
        </span>
      </p>
    </Page>,
  );
}
