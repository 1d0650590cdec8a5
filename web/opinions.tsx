/**
 * "Các ý kiến khác" on the result page: under each question, the other opinions published in `opinions.json`
 * (after moderation, in the file's order), apart from the counts and linked to no ballot.
 */
import type { Opinion, Question } from '../shared/schemas.ts';

/** The other opinions of one question; nothing when it has none. */
export function OtherOpinions(props: { q: Question; list: readonly Opinion[] }) {
  const mine = props.list.filter((o) => o.questionId === props.q.id);
  if (mine.length === 0) return null;
  return (
    <section class="opinions" id={`opinions-${props.q.id}`}>
      <h3>
        Các ý kiến khác{' '}
        <span lang="en" class="en">
          / Other opinions
        </span>{' '}
        ({mine.length})
      </h3>
      <p class="hint">
        Ý kiến các hộ ghi kèm lựa chọn «Ý kiến khác», không gắn với phiếu nào, đã lược bỏ thông tin cá nhân (<a href="opinions.json">opinions.json</a>).{' '}
        <span lang="en" class="en">
          Texts given with the “Other opinion” answer, linked to no ballot, after moderation for personal data.
        </span>
      </p>
      <ul>
        {mine.map((o) => (
          <li>{o.text}</li>
        ))}
      </ul>
    </section>
  );
}
