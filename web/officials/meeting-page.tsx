/**
 * The secretary's page at a community meeting: the quorum in big numbers (present / required of H), the arrival
 * of each household typed by roll id (the field keeps the focus: type, Enter, next), the arrivals newest first, and
 * the procedural votes of the meeting as counts of those present. A hamlet of 200 households or more may meet in
 * residential clusters (Law 10/2022 Art. 18(3)): each arrival names its cluster, the clusters' present and counts are
 * listed, and the show of hands is entered cluster by cluster; the hamlet's is their sum. No script; every entry is
 * an audit event.
 */
import type { Consultation } from '../../shared/schemas.ts';
import { vnTime } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';
import { En, viEn } from '../lang.tsx';

export interface MeetingView {
  eligible: number;
  present: number;
  quorum: { required: number; met: boolean };
  attendance: ReadonlyArray<{ household: string; at: string; cluster?: string | undefined }>;
  procedural: ReadonlyArray<{ subject: string; text: string; for: number; against: number; abstain: number; at: string; adopted: boolean }>;
  /** Whether those present can still reach every question's threshold (Law 10/2022 Art. 19(1)(b)). */
  canReachThreshold?: boolean;
  voting?: 'show_of_hands' | 'secret_ballot' | undefined;
  handCount?: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
  /** A meeting in residential clusters: each cluster's households present and its show of hands as last entered. */
  clusters?: ReadonlyArray<{ cluster: string; present: number; handCount?: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined }>;
  slips?: number;
}

/** Law 10/2022 Art. 18(3): a hamlet of 200 households or more may meet in residential clusters. */
const CLUSTER_MIN_HOUSEHOLDS = 200;

export interface MeetingPageInput {
  official: Official;
  consultation: Consultation;
  meeting: MeetingView;
  /** The household just recorded, or found already present. */
  last?: { household: string; recorded: boolean } | undefined;
  problem?: { vi: string; en: string } | undefined;
  /** The cluster last entered, kept in the forms for the next entry. */
  cluster?: string | undefined;
  open: boolean;
}

const SUBJECTS: ReadonlyArray<readonly [string, string, string]> = [
  ['chair', 'Chủ trì cuộc họp', 'Chair'],
  ['secretary', 'Thư ký cuộc họp', 'Secretary'],
  ['counting_committee', 'Ban kiểm phiếu', 'Vote-counting committee'],
  ['voting_method', 'Hình thức biểu quyết', 'Voting method'],
  ['other', 'Nội dung khác', 'Other'],
];

export function MeetingPage(props: MeetingPageInput) {
  const c = props.consultation;
  const m = props.meeting;
  const base = `/officials/c/${c.id}/meeting`;
  const mayCluster = m.eligible >= CLUSTER_MIN_HOUSEHOLDS;
  // The cluster to keep in the forms: the one just entered, else the last arrival's.
  const cluster = props.cluster ?? m.attendance.at(-1)?.cluster;
  return (
    <OfficialFrame title="Cuộc họp" official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a>
      </p>
      <h1>
        <Bi vi="Cuộc họp: điểm danh và số hộ tham dự" en="The meeting: attendance and quorum" />
      </h1>
      <div class={`panel ${m.quorum.met ? 'panel-ok' : 'panel-warn'}`} id="quorum" role="status">
        <p class="big">
          <strong>
            {m.present} / {m.eligible}
          </strong>{' '}
          <Bi vi="hộ có mặt" en="households present" />
        </p>
        <p>
          {m.quorum.met ? (
            <Bi
              vi={`Đủ số hộ tham dự (cần ít nhất ${m.quorum.required} hộ): cuộc họp được biểu quyết.`}
              en={`Quorum reached (${m.quorum.required} needed): the meeting may decide.`}
            />
          ) : (
            <Bi
              vi={`Chưa đủ số hộ tham dự: cần ít nhất ${m.quorum.required} hộ, còn thiếu ${m.quorum.required - m.present} hộ.`}
              en={`No quorum yet: ${m.quorum.required} needed, ${m.quorum.required - m.present} more.`}
            />
          )}
        </p>
      </div>
      {m.canReachThreshold === undefined ? null : (
        <p class={`panel ${m.canReachThreshold ? 'panel-ok' : 'panel-alert'}`} id="threshold" role="status">
          {m.canReachThreshold ? (
            <Bi vi="Số hộ có mặt còn đủ để đạt tỷ lệ biểu quyết tán thành." en="Those present can still reach the threshold." />
          ) : (
            <Bi
              vi="Số hộ có mặt không đủ để đạt tỷ lệ biểu quyết tán thành: nếu không có thêm hộ đến, kết quả là «không đủ số hộ tham dự» và có thể tổ chức phát phiếu lấy ý kiến."
              en="Those present cannot reach the threshold: unless more arrive, the outcome is “not enough present”, and a household ballot may follow."
            />
          )}
        </p>
      )}
      {m.clusters ? <ClustersTable c={c} m={m} /> : null}
      {props.open ? <VotingSection c={c} m={m} cluster={cluster} /> : null}
      {props.problem ? (
        <p class="panel panel-alert" role="alert">
          <Bi vi={props.problem.vi} en={props.problem.en} />
        </p>
      ) : null}
      {props.last ? (
        <p class="panel" role="status" id="last">
          {props.last.recorded ? (
            <Bi vi={`Đã ghi nhận hộ ${props.last.household} có mặt.`} en={`Household ${props.last.household} recorded as present.`} />
          ) : (
            <Bi vi={`Hộ ${props.last.household} đã được ghi nhận có mặt từ trước.`} en={`Household ${props.last.household} was already recorded.`} />
          )}
        </p>
      ) : null}
      {props.open ? (
        <form method="post" action={`${base}/attendance`}>
          <label class="field" for="household">
            <Bi vi="Mã hộ (gõ rồi nhấn Enter)" en="Roll id (type, then Enter)" />
          </label>
          <input
            type="text"
            id="household"
            name="household"
            required
            maxlength={32}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            autofocus
          />
          {mayCluster && (m.clusters || m.attendance.length === 0) ? (
            <>
              <label class="field" for="cluster">
                <Bi
                  vi="Cụm dân cư (chỉ khi họp theo cụm; thôn, tổ dân phố từ 200 hộ trở lên)"
                  en="Residential cluster (only at a meeting in clusters; 200 households or more)"
                />
              </label>
              <input type="text" id="cluster" name="cluster" maxlength={60} autocomplete="off" value={cluster ?? ''} required={m.clusters !== undefined} />
            </>
          ) : null}
          <p>
            <button type="submit">
              Ghi nhận có mặt <En bare>Record as present</En>
            </button>
          </p>
        </form>
      ) : null}

      <h2>
        <Bi vi="Biểu quyết thủ tục (giơ tay)" en="Procedural votes (show of hands)" />
      </h2>
      {m.procedural.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <Bi vi="Nội dung" en="Motion" />
              </th>
              <th scope="col">
                <Bi vi="Đồng ý / Không đồng ý / Ý kiến khác" en="In favour / against / other opinion" />
              </th>
              <th scope="col">
                <Bi vi="Kết quả" en="Result" />
              </th>
            </tr>
          </thead>
          <tbody>
            {m.procedural.map((p) => (
              <tr>
                <td>
                  {p.text}
                  <br />
                  <span class="hint">{(SUBJECTS.find((s) => s[0] === p.subject) ?? SUBJECTS[4]!)[1]}</span>
                </td>
                <td class="n">
                  {p.for} / {p.against} / {p.abstain}
                </td>
                <td>{p.adopted ? <Bi vi="Thông qua" en="Adopted" /> : <Bi vi="Không thông qua" en="Not adopted" />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.open ? (
        <form method="post" action={`${base}/procedural`}>
          <label class="field" for="subject">
            <Bi vi="Loại nội dung" en="Kind" />
          </label>
          <select id="subject" name="subject">
            {SUBJECTS.map(([value, vi, en]) => (
              <option value={value}>{viEn(vi, en, ' — ')}</option>
            ))}
          </select>
          <label class="field" for="text">
            <Bi vi="Nội dung biểu quyết" en="Motion" />
          </label>
          <input type="text" id="text" name="text" required minlength={3} maxlength={500} />
          {(['for', 'against', 'abstain'] as const).map((k) => (
            <>
              <label class="field" for={`n-${k}`}>
                {k === 'for' ? (
                  <Bi vi="Số hộ tán thành" en="For" />
                ) : k === 'against' ? (
                  <Bi vi="Số hộ không tán thành" en="Against" />
                ) : (
                  <Bi vi="Số hộ không biểu quyết" en="Abstain" />
                )}
              </label>
              <input type="number" id={`n-${k}`} name={k} required min={0} max={m.present} value="0" inputmode="numeric" />
            </>
          ))}
          <p>
            <button type="submit">
              Ghi biểu quyết <En bare>Record the vote</En>
            </button>
          </p>
        </form>
      ) : null}

      <h2>
        <Bi vi={`Các hộ có mặt (${m.present})`} en={`Households present (${m.present})`} />
      </h2>
      {m.attendance.length === 0 ? (
        <p>
          <Bi vi="Chưa có hộ nào được ghi nhận." en="No household recorded yet." />
        </p>
      ) : (
        <ol reversed>
          {[...m.attendance].reverse().map((a) => (
            <li>
              <span class="mono">{a.household}</span>
              {a.cluster ? ` (${a.cluster})` : ''} — {vnTime(a.at)}
            </li>
          ))}
        </ol>
      )}
    </OfficialFrame>
  );
}

const ANSWERS_VI: Record<string, string> = { yes: 'Đồng ý', no: 'Không đồng ý', abstain: 'Ý kiến khác' };

function answersOf(q: Consultation['questions'][number]): string[] {
  return q.type === 'yes_no' ? ['yes', 'no', 'abstain'] : [...q.options.map((o) => o.id), ...(q.type === 'single' ? ['abstain'] : [])];
}

function answerLabel(q: Consultation['questions'][number], a: string): string {
  return ANSWERS_VI[a] ?? q.options.find((o) => o.id === a)?.label ?? a;
}

/** Each cluster's households present and its show of hands, and the hamlet's sum (Law 10/2022 Art. 18(3)). */
function ClustersTable(props: { c: Consultation; m: MeetingView }) {
  const { c, m } = props;
  const counts = (hc: MeetingView['handCount']) =>
    hc
      ? c.questions.map((q, i) => (
          <>
            {i > 0 ? <br /> : null}
            {`${i + 1}. ${answersOf(q)
              .map((a) => `${answerLabel(q, a)} ${hc[q.id]?.[a] ?? 0}`)
              .join(' · ')}`}
          </>
        ))
      : '—';
  return (
    <section id="clusters">
      <h2>
        <Bi vi="Họp theo cụm dân cư" en="Meeting by residential cluster" />
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <Bi vi="Cụm" en="Cluster" />
            </th>
            <th scope="col">
              <Bi vi="Hộ có mặt" en="Present" />
            </th>
            {m.voting === 'show_of_hands' ? (
              <th scope="col">
                <Bi vi="Kết quả giơ tay" en="Show of hands" />
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {(m.clusters ?? []).map((k) => (
            <tr>
              <td>{k.cluster}</td>
              <td class="n">{k.present}</td>
              {m.voting === 'show_of_hands' ? <td>{counts(k.handCount)}</td> : null}
            </tr>
          ))}
          <tr>
            <th scope="row">
              <Bi vi="Toàn thôn, tổ dân phố (tổng các cụm)" en="The hamlet (sum of the clusters)" />
            </th>
            <td class="n">{m.present}</td>
            {m.voting === 'show_of_hands' ? <td>{counts(m.handCount)}</td> : null}
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** The meeting's voting method (chosen once) and, by show of hands, the counts; by secret ballot, the link to the slips. */
function VotingSection(props: { c: Consultation; m: MeetingView; cluster?: string | undefined }) {
  const { c, m } = props;
  const base = `/officials/c/${c.id}/meeting`;
  if (!m.voting) {
    return (
      <form method="post" action={`${base}/voting-method`} class="panel" id="voting-method">
        <h2>
          <Bi vi="Hình thức biểu quyết cuộc họp đã quyết định" en="How the meeting decided to vote" />
        </h2>
        <p>
          <label>
            <input type="radio" name="voting" value="show_of_hands" required /> Giơ tay <En bare>(show of hands)</En>
          </label>
        </p>
        <p>
          <label>
            <input type="radio" name="voting" value="secret_ballot" /> Bỏ phiếu kín <En bare>(secret ballot)</En>
          </label>
        </p>
        <p>
          <button type="submit">
            Ghi hình thức (chỉ một lần) <En bare>Record (once)</En>
          </button>
        </p>
      </form>
    );
  }
  if (m.voting === 'secret_ballot') {
    return (
      <p class="panel" id="voting-method">
        <Bi vi={`Bỏ phiếu kín: đã nhập ${m.slips ?? 0} phiếu.`} en={`Secret ballot: ${m.slips ?? 0} slips entered.`} />{' '}
        <a href={`/officials/c/${c.id}/paper`}>
          <Bi vi="Nhập phiếu theo số phiếu" en="Enter slips by serial" />
        </a>
      </p>
    );
  }
  // At a meeting in clusters, the form is one cluster's count: the one kept, else the first.
  const inCluster = m.clusters ? (m.clusters.find((k) => k.cluster === props.cluster) ?? m.clusters[0]) : undefined;
  const shown = m.clusters ? inCluster?.handCount : m.handCount;
  const most = inCluster ? inCluster.present : m.present;
  return (
    <form method="post" action={`${base}/hand-count`} class="panel" id="hand-count">
      <h2>
        {m.clusters ? (
          <Bi vi="Kết quả giơ tay của từng cụm (nhập lại được đến khi kết thúc)" en="Each cluster's show of hands (may be entered again until close)" />
        ) : (
          <Bi vi="Kết quả giơ tay (nhập lại được đến khi kết thúc)" en="Show of hands (may be entered again until close)" />
        )}
      </h2>
      {m.clusters ? (
        <>
          <label class="field" for="hand-cluster">
            <Bi vi="Cụm dân cư" en="Residential cluster" />
          </label>
          <select id="hand-cluster" name="cluster" required>
            {m.clusters.map((k) => (
              <option value={k.cluster} selected={k.cluster === inCluster?.cluster}>
                {k.cluster} ({k.present} hộ có mặt)
              </option>
            ))}
          </select>
        </>
      ) : null}
      {c.questions.map((q, i) => {
        const answers = answersOf(q);
        return (
          <fieldset>
            <legend>
              {i + 1}. {q.text}
            </legend>
            {answers.map((a) => (
              <p>
                <label>
                  {answerLabel(q, a)}:{' '}
                  <input type="number" name={`n.${q.id}.${a}`} min={0} max={most} required inputmode="numeric" value={String(shown?.[q.id]?.[a] ?? '')} />
                </label>
              </p>
            ))}
          </fieldset>
        );
      })}
      <p>
        <button type="submit">
          Ghi kết quả giơ tay <En bare>Record the hand count</En>
        </button>
      </p>
    </form>
  );
}
