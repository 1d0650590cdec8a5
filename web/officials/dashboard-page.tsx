/** The official's start page: every consultation of their commune, newest first, with its state. */
import type { Consultation, State } from '../../shared/schemas.ts';
import { vnTime } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi, StateLabel } from './parts.tsx';

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
        <table>
          <thead>
            <tr>
              <th scope="col">
                <Bi vi="Tiêu đề" en="Title" />
              </th>
              <th scope="col">
                <Bi vi="Trạng thái" en="State" />
              </th>
              <th scope="col">
                <Bi vi="Kết thúc (giờ Việt Nam)" en="Closes (Vietnam time)" />
              </th>
            </tr>
          </thead>
          <tbody>
            {props.consultations.map(({ consultation: c, state }) => (
              <tr>
                <td>
                  <a href={`/officials/c/${c.id}`}>{c.title}</a>
                  <br />
                  <span class="hint">{c.scope.name}</span>
                </td>
                <td>
                  <StateLabel state={state} />
                </td>
                <td>{vnTime(c.closesAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OfficialFrame>
  );
}
