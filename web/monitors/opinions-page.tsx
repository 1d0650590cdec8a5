/**
 * The monitors' read-only list of a round's other opinions (Ý kiến khác): the same list as the officials' page
 * (../officials/opinions-page.tsx), hidden ones with their reason, without a hide form: only an official hides.
 */
import type { Consultation, State } from '../../shared/schemas.ts';
import { StaffFrame } from '../officials/frame.tsx';
import type { Official } from '../officials/model.ts';
import { OPINION_STYLE, OpinionList, type StaffOpinion } from '../officials/opinions-page.tsx';
import { Bi, StateLabel } from '../officials/parts.tsx';

export function MonitorOpinionsPage(props: { monitor: Official; consultation: Consultation; state: State; opinions: readonly StaffOpinion[] }) {
  const c = props.consultation;
  return (
    <StaffFrame role="monitor" title={`Ý kiến khác — ${c.title}`} who={props.monitor} style={OPINION_STYLE}>
      <p>
        <a href={`/monitors/c/${c.id}`}>← {c.title}</a> <StateLabel state={props.state} />
      </p>
      <h1>
        <Bi vi="Ý kiến khác của các hộ" en="Other opinions of households" />
      </h1>
      <p class="panel">
        <Bi
          vi="Ban giám sát xem được mọi ý kiến, kể cả ý kiến bị ẩn và lý do; chỉ cán bộ xã ẩn được ý kiến, và mỗi lần ẩn đều có trong nhật ký."
          en="Monitors see every opinion, hidden ones too with their reason; only officials hide one, and each hiding is in the audit log."
        />
      </p>
      <OpinionList consultation={c} opinions={props.opinions} />
    </StaffFrame>
  );
}
