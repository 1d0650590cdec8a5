/** The official's start page: every consultation of their commune, newest first, with its state. */
import type { Consultation, State } from '../../shared/schemas.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi, ConsultationTable } from './parts.tsx';

export interface DashboardPageInput {
  official: Official;
  consultations: ReadonlyArray<{ consultation: Consultation; state: State }>;
}

export function DashboardPage(props: DashboardPageInput) {
  return (
    <OfficialFrame title="Các cuộc lấy ý kiến" official={props.official}>
      <h1>
        <Bi vi="Các cuộc lấy ý kiến của xã" en="The commune’s consultations" />
      </h1>
      <p>
        <a class="button" href="/officials/c/new">
          <Bi vi="Tạo cuộc lấy ý kiến mới" en="New consultation" />
        </a>
      </p>
      {props.consultations.length === 0 ? (
        <p>
          <Bi vi="Chưa có cuộc lấy ý kiến nào." en="No consultation yet." />
        </p>
      ) : (
        <ConsultationTable base="/officials" consultations={props.consultations} />
      )}
    </OfficialFrame>
  );
}
