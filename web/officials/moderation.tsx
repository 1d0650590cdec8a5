/**
 * Moderation on the officials' pages, the same for the discussion's comments and for the complaints: the note that
 * an item is hidden (why and when), and the form that hides one with a reason. Hiding never deletes; it is
 * audit-logged by the use case the form posts to.
 */
import type { HideReason, Hidden } from '../../shared/discussion.ts';
import { HIDE_REASON } from '../discussion.tsx';
import { vnTime } from '../format.ts';
import { Bi } from './parts.tsx';
import { En, viEn } from '../lang.tsx';

const REASONS = Object.keys(HIDE_REASON) as HideReason[];

/** That an item is hidden, with the reason and the time (officials still see its text below). */
export function HiddenNote(props: { hidden: Pick<Hidden, 'reason' | 'at'> }) {
  const { reason, at } = props.hidden;
  return (
    <p class="panel panel-warn">
      <Bi vi={`Đã ẩn (${HIDE_REASON[reason][0]}) lúc ${vnTime(at)}`} en={`Hidden (${HIDE_REASON[reason][1]}) at ${vnTime(at)}`} />
    </p>
  );
}

/** The hide button with its reason select; posts `reason` to `action`. `id` names the item, for unique field ids. */
export function HideForm(props: { action: string; id: string }) {
  return (
    <form method="post" action={props.action} class="inline">
      <label for={`reason-${props.id}`}>
        <Bi vi="Lý do ẩn" en="Reason" />
      </label>{' '}
      <select id={`reason-${props.id}`} name="reason" required>
        {REASONS.map((r) => (
          <option value={r}>{viEn(HIDE_REASON[r][0], HIDE_REASON[r][1])}</option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary">
        Ẩn <En bare>Hide</En>
      </button>
    </form>
  );
}
