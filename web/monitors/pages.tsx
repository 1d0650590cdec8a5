/**
 * The monitors' pages (sign-in is ../sign-in-page.tsx): the commune's consultations, one consultation (turnout, audit
 * log, countersign, and the Front head's key signature of the decision record).
 */
import type { Consultation, Manifest, State } from '../../shared/schemas.ts';
import { MinutesSigning, type MinutesSigningInput } from '../officials/minutes-signing.tsx';
import type { Official, Turnout } from '../officials/model.ts';
import { Bi, ConsultationTable, type ListedConsultation, PageLinks, StateLabel, TurnoutTable } from '../officials/parts.tsx';
import { type AuditRow, AuditLog } from './audit-log.tsx';
import { MonitorFrame } from './frame.tsx';
import { KeysPanel, type SiteKeys } from './keys.tsx';
import { Countersign, MonitorOutcome } from './result.tsx';
import type { Countersignature } from '../result-page.tsx';
import { showsEnglish } from '../lang.tsx';

export type { AuditRow };

/**
 * The monitor's start page: the commune's announced consultations, newest first, a page at a time, each with its
 * state as it is now (not yet taking ballots before `opensAt`) and its actual close once closed.
 */
export function MonitorDashboardPage(props: {
  monitor: Official;
  consultations: ReadonlyArray<ListedConsultation>;
  first?: string | undefined;
  next?: string | undefined;
  /** Now, to tell a round open for voting before its `opensAt`. */
  now?: Date | undefined;
  /** The site's public keys and their thumbprints, to check results and receipts with. */
  keys?: SiteKeys | undefined;
}) {
  return (
    <MonitorFrame title="Các cuộc lấy ý kiến" monitor={props.monitor}>
      <h1>
        <Bi vi="Các cuộc lấy ý kiến của xã" en="The commune’s consultations" />
      </h1>
      <p>
        <a href="/monitors/processes" id="processes-link">
          <Bi vi="Bầu Trưởng thôn và các quy trình theo luật" en="Village-head elections and the law's other processes" />
        </a>{' '}
        <a href="/monitors/initiatives" id="initiatives-link">
          <Bi vi="Sáng kiến của người dân" en="Citizens' initiatives" />
        </a>
      </p>
      {props.consultations.length === 0 ? (
        <p>
          <Bi vi="Chưa có cuộc lấy ý kiến nào được công bố." en="No consultation has been announced yet." />
        </p>
      ) : (
        <ConsultationTable base="/monitors" consultations={props.consultations} now={props.now} />
      )}
      <PageLinks first={props.first} next={props.next} />
      {props.keys ? <KeysPanel keys={props.keys} /> : null}
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
  /** Same-origin paths of the verify page's worker and the site's JWKS, for the page's own verification. */
  workerPath?: string | undefined;
  jwksPath?: string | undefined;
  /** The published result: the signed manifest, the hash an attestation names, the countersignatures given. */
  published?: { manifest: Manifest; manifestHash: string; countersignatures: ReadonlyArray<string | Countersignature> } | undefined;
  /** The drafted decision record of the published result, for the head of the Front working committee to sign. */
  minutes?: Omit<MinutesSigningInput, 'roles' | 'action'> | undefined;
  /** Now, to tell a round open for voting before its `opensAt`. */
  now?: Date | undefined;
  /** The site's public keys and their thumbprints, to check the result and the households' receipts with. */
  keys?: SiteKeys | undefined;
}

export function MonitorConsultationPage(props: MonitorConsultationPageInput) {
  const c = props.consultation;
  const published = props.state === 'published' && props.resultPath !== undefined;
  return (
    <MonitorFrame title={c.title} monitor={props.monitor} script={published}>
      <h1>{c.title}</h1>
      <p>
        <StateLabel state={props.state} opensAt={c.opensAt} now={props.now} /> <span class="hint">{c.scope.name}</span>
      </p>
      <h2>
        <Bi vi="Số hộ tham gia" en="Turnout" />
      </h2>
      <TurnoutTable turnout={props.turnout} />
      <MonitorOutcome consultation={c} state={props.state} manifest={props.published?.manifest} />
      {props.state === 'voting' || props.state === 'closed' || props.state === 'published' ? (
        <p>
          <a class="button secondary" href={`/monitors/c/${c.id}/opinions`}>
            <Bi vi="Ý kiến khác của các hộ" en="Other opinions" />
          </a>
        </p>
      ) : null}
      {published ? (
        <p>
          {/* The result page is the folder of the published `result.jws`. */}
          <a class="button secondary" id="result-page-link" href={props.resultPath!.replace(/result\.jws$/, '')}>
            <Bi vi="Trang kết quả đã công bố" en="The published result page" />
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
      {published && c.method !== 'online' ? (
        <p>
          <a class="button secondary" id="rla-link" href={`/monitors/c/${c.id}/rla`}>
            <Bi vi="Kiểm tra phiếu giấy theo mẫu ngẫu nhiên" en="Risk-limiting audit of the paper slips" />
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
      <div class="scroll" role="region" aria-label={showsEnglish() ? 'Nhật ký / Audit log' : 'Nhật ký kiểm tra'} tabindex={0}>
        <AuditLog events={props.audit} />
      </div>
      {published ? (
        <Countersign
          id={c.id}
          resultPath={props.resultPath!}
          workerPath={props.workerPath ?? '/assets/verify-worker.js'}
          jwksPath={props.jwksPath ?? '/keys/jwks.json'}
          manifestHash={props.published?.manifestHash}
          given={props.published?.countersignatures ?? []}
        />
      ) : null}
      {props.keys ? <KeysPanel keys={props.keys} /> : null}
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
