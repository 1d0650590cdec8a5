/**
 * The official's start page: the consultations of their commune, newest first, a page at a time, each with its state
 * as it is now (not yet taking ballots before `opensAt`) and its actual close once closed.
 */
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi, ConsultationTable, type ListedConsultation, PageLinks } from './parts.tsx';

export interface DashboardPageInput {
  official: Official;
  consultations: ReadonlyArray<ListedConsultation>;
  /** The address of the list's first page, when this is a later one. */
  first?: string | undefined;
  /** The address of the next page, when there is one. */
  next?: string | undefined;
  /** Now, to tell a round open for voting before its `opensAt`. */
  now?: Date | undefined;
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
        </a>{' '}
        <a href="/officials/processes" id="processes-link">
          <Bi vi="Bầu Trưởng thôn và các quy trình theo luật" en="Village-head elections and the law's other processes" />
        </a>{' '}
        <a href="/officials/initiatives" id="initiatives-link">
          <Bi vi="Sáng kiến của người dân" en="Citizens' initiatives" />
        </a>
      </p>
      {props.consultations.length === 0 ? (
        <p>
          <Bi vi="Chưa có cuộc lấy ý kiến nào." en="No consultation yet." />
        </p>
      ) : (
        <ConsultationTable base="/officials" consultations={props.consultations} now={props.now} />
      )}
      <PageLinks first={props.first} next={props.next} />
    </OfficialFrame>
  );
}
