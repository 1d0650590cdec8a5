/**
 * The monitors' pages (sign-in is ../sign-in-page.tsx): the commune's consultations, one consultation (turnout, audit
 * log, countersign, and the Front head's key signature of the decision record).
 */
import type { Consultation, State } from '../../shared/schemas.ts';
import { MinutesSigning, type MinutesSigningInput } from '../officials/minutes-signing.tsx';
import type { Official, Turnout } from '../officials/model.ts';
import { Bi, ConsultationTable, type ListedConsultation, PageLinks, StateLabel, TurnoutTable } from '../officials/parts.tsx';
import { type AuditRow, AuditLog } from './audit-log.tsx';
import { MonitorFrame } from './frame.tsx';

export type { AuditRow };

/** The monitor's start page: the commune's announced consultations, newest first, a page at a time. */
export function MonitorDashboardPage(props: {
  monitor: Official;
  consultations: ReadonlyArray<ListedConsultation>;
  first?: string | undefined;
  next?: string | undefined;
}) {
  return (
    <MonitorFrame title="Các cuộc lấy ý kiến" monitor={props.monitor}>
      <h1>
        <Bi vi="Các cuộc lấy ý kiến của xã" en="The commune’s consultations" />
      </h1>
      {props.consultations.length === 0 ? (
        <p>
          <Bi vi="Chưa có cuộc lấy ý kiến nào được công bố." en="No consultation has been announced yet." />
        </p>
      ) : (
        <ConsultationTable base="/monitors" consultations={props.consultations} />
      )}
      <PageLinks first={props.first} next={props.next} />
    </MonitorFrame>
  );
}

export interface MonitorConsultationPageInput {
  monitor: Official;
  consultation: Consultation;
  state: State;
  turnout: Turnout;
  audit: readonly AuditRow[];
  /** Same-origin paths of the published verify page and result, when published. */
  verifyPath?: string | undefined;
  resultPath?: string | undefined;
  /** The drafted decision record of the published result, for the head of the Front working committee to sign. */
  minutes?: Omit<MinutesSigningInput, 'roles' | 'action'> | undefined;
}

export function MonitorConsultationPage(props: MonitorConsultationPageInput) {
  const c = props.consultation;
  const published = props.state === 'published' && props.resultPath !== undefined;
  return (
    <MonitorFrame title={c.title} monitor={props.monitor} script={published}>
      <h1>{c.title}</h1>
      <p>
        <StateLabel state={props.state} /> <span class="hint">{c.scope.name}</span>
      </p>
      <h2>
        <Bi vi="Số hộ tham gia" en="Turnout" />
      </h2>
      <TurnoutTable turnout={props.turnout} />
      {props.state === 'voting' || props.state === 'closed' || props.state === 'published' ? (
        <p>
          <a class="button secondary" href={`/monitors/c/${c.id}/opinions`}>
            <Bi vi="Ý kiến khác của các hộ" en="Other opinions" />
          </a>
        </p>
      ) : null}
      {published && props.verifyPath ? (
        <p>
          <a class="button secondary" href={props.verifyPath}>
            <Bi vi="Kiểm tra kết quả đã công bố" en="Verify the published result" />
          </a>
        </p>
      ) : null}
      <h2>
        <Bi vi="Nhật ký kiểm tra" en="Audit log" />
      </h2>
      <p class="hint">
        <Bi
          vi="Mỗi dòng nối với dòng trước bằng mã băm; giờ là giờ Việt Nam."
          en="Each line is chained to the one before by its hash; times are Vietnam time."
        />
      </p>
      <div class="scroll" role="region" aria-label="Nhật ký / Audit log" tabindex={0}>
        <AuditLog events={props.audit} />
      </div>
      {published ? <Countersign id={c.id} resultPath={props.resultPath!} /> : null}
      {published && props.minutes ? <MinutesSigning {...props.minutes} roles={['front_head']} action={`/monitors/c/${c.id}/minutes/signatures`} /> : null}
      {published && !props.minutes ? (
        <section id="minutes-sign" aria-labelledby="ms-title">
          <h2 id="ms-title">
            <Bi vi="Ký số văn bản quyết định" en="Sign the decision record with a key" />
          </h2>
          <p>
            <Bi
              vi="Văn bản quyết định chưa được lập; khi cán bộ lập xong, Trưởng ban công tác Mặt trận ký số tại đây."
              en="The decision record is not drafted yet; once it is, the head of the Front working committee signs it here."
            />
          </p>
        </section>
      ) : null}
    </MonitorFrame>
  );
}

function Countersign(props: { id: string; resultPath: string }) {
  return (
    <section id="countersign" data-id={props.id} data-result={props.resultPath}>
      <h2>
        <Bi vi="Ký xác nhận kết quả" en="Countersign the result" />
      </h2>
      <div id="cs-nojs" class="panel panel-warn">
        <p>
          <Bi
            vi="Ký xác nhận cần JavaScript: khóa ký được tạo và giữ trong trình duyệt này, không bao giờ rời khỏi máy. Nếu không dùng JavaScript, hãy ký bằng công cụ JOSE của mình (ES256, typ attestation+jws) và gửi tới API:"
            en="Countersigning needs JavaScript: the signing key is made and kept in this browser and never leaves it. Without JavaScript, sign with your own JOSE tool (ES256, typ attestation+jws) and send it to the API:"
          />
        </p>
        <pre class="mono">{`curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/jose" --data-binary @attestation.jws /api/consultations/${props.id}/attestations`}</pre>
      </div>
      <form id="cs-form" method="post" action={`/monitors/c/${props.id}/attest`} hidden>
        <p>
          <Bi vi="Dấu vân tay khóa của bạn (đăng ký với xã):" en="Your key’s fingerprint (register it with the commune):" />
          <br />
          <span id="cs-fingerprint" class="fingerprint">
            …
          </span>
        </p>
        <label class="field" for="cs-name">
          <Bi vi="Họ và tên" en="Name" />
        </label>
        <input type="text" id="cs-name" name="name" required maxlength={200} autocomplete="name" />
        <label class="field" for="cs-organisation">
          <Bi vi="Tổ chức" en="Organisation" />
        </label>
        <input type="text" id="cs-organisation" name="organisation" required maxlength={200} autocomplete="organization" />
        <p>
          <button type="submit">
            Ký xác nhận <span lang="en">Countersign</span>
          </button>
        </p>
      </form>
      <p id="cs-status" role="status"></p>
    </section>
  );
}
