/**
 * The vote at a dismissal meeting on the public timeline (Decree 59/2023 Art. 9; Law 10/2022 Art. 21(1)): the
 * households in favour out of all the hamlet's households (H, never those present), and whether that is more than
 * 50 %; the petition that started it, as a count of households. Households are never named. Bilingual.
 */
import { percent, vnNumber } from '../format.ts';
import { En } from '../lang.tsx';

/** The counts and their outcome: `dismissed` is yes * 2 > H; `threshold` is floor(H / 2) + 1. */
export interface DismissalVote {
  households: number;
  present: number;
  yes: number;
  dismissed: boolean;
  threshold: number;
}

/** The petition of the households, counted once each (at least 50 % of H). */
export interface DismissalPetition {
  households: number;
  signed: number;
}

export function DismissalPetitionView(props: { petition: DismissalPetition }) {
  const p = props.petition;
  return (
    <p id="petition">
      Kiến nghị của {vnNumber(p.signed)}/{vnNumber(p.households)} hộ gia đình ({percent(p.signed, p.households)}).{' '}
      <En>{`A petition of ${p.signed} of ${p.households} households.`}</En>
    </p>
  );
}

export function DismissalVoteView(props: { vote: DismissalVote }) {
  const v = props.vote;
  const h = v.households;
  return (
    <section id="result">
      <h2>
        Kết quả biểu quyết <En>The vote</En>
      </h2>
      <p>
        Tổng số hộ gia đình: <strong>{vnNumber(h)}</strong>; số đại diện hộ dự họp: <strong>{vnNumber(v.present)}</strong>. Cho thôi cần trên 50% tổng số hộ gia
        đình tán thành, tức ít nhất {vnNumber(v.threshold)} hộ.{' '}
        <En>{`${v.present} of ${h} households present. A dismissal needs more than 50 % of all households: at least ${v.threshold}.`}</En>
      </p>
      <p class={`outcome ${v.dismissed ? 'adopted' : 'rejected'}`}>
        <span aria-hidden="true">{v.dismissed ? '✓' : '✗'}</span>{' '}
        {v.dismissed ? 'Cuộc họp tán thành cho thôi' : 'Cuộc họp không đủ trên 50% tổng số hộ gia đình tán thành cho thôi'}: {vnNumber(v.yes)}/{vnNumber(h)} hộ
        ({percent(v.yes, h)}).{' '}
        <En>{`${v.dismissed ? 'The meeting voted the dismissal' : 'Not more than 50 % of households voted the dismissal'}: ${v.yes} of ${h}.`}</En>
      </p>
    </section>
  );
}
