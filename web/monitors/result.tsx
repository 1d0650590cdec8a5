/**
 * On the monitors' consultation page (./pages.tsx): the outcome of a published round, question by question, in the
 * law's words (shared/rule-words.ts through shared/minutes.ts); the countersignatures already given, with the name
 * and organisation each monitor signed; and the countersignature itself, offered only after the page's own
 * verification of the published bundle passed (web/sign/countersign.ts runs it with the verify page's worker).
 */
import { answerLabel, outcomeSentence, ruleInWords } from '../../shared/minutes.ts';
import type { Consultation, Manifest, QuestionTally, State } from '../../shared/schemas.ts';
import { CHECK_NAMES } from '../../shared/verify/report.ts';
import { OUTCOME_EN, percent, vnNumber, vnTime } from '../format.ts';
import { En } from '../lang.tsx';
import { Bi } from '../officials/parts.tsx';
import type { Countersignature } from '../result-page.tsx';
import { CHECK_NAMES_VI } from '../verify/words.ts';

/** This part's rules, added to the monitors' frame: verdicts in words and symbols, long fingerprints wrap. */
export const RESULT_STYLE = `
ol.cs-checks{padding-left:1.5rem}ol.cs-checks li{margin:.4rem 0}.cs-state{font-weight:600}
ol.cs-checks li[data-state=pass] .cs-state{color:var(--ok,#1a7f37)}ol.cs-checks li[data-state=fail] .cs-state{color:var(--no,#b42318)}
.cs-detail,.fingerprint,.kid{overflow-wrap:anywhere}#countersign textarea{width:100%;box-sizing:border-box;font:14px/1.4 ui-monospace,monospace}
ul.countersignatures li{margin:.4rem 0;overflow-wrap:anywhere}`;

/** The first characters of a fingerprint, with the whole one as its title and behind a toggle. */
export function ShortKid(props: { kid: string }) {
  return (
    <details class="kid">
      <summary>
        <span class="mono" title={props.kid}>
          {props.kid.slice(0, 12)}…
        </span>
      </summary>
      <span class="mono">{props.kid}</span>
    </details>
  );
}

const NOT_PUBLISHED: Readonly<Record<Exclude<State, 'published'>, { vi: string; en: string }>> = {
  draft: { vi: 'Chưa công bố: cuộc lấy ý kiến còn là bản nháp.', en: 'Not published: the consultation is still a draft.' },
  disclosure: { vi: 'Chưa có kết quả: chưa bắt đầu biểu quyết.', en: 'No result yet: voting has not started.' },
  voting: {
    vi: 'Chưa có kết quả: đang biểu quyết. Kết quả được kiểm, ký số và công bố khi kết thúc.',
    en: 'No result yet: voting is under way. The result is counted, signed and published at the close.',
  },
  closed: {
    vi: 'Đã kết thúc biểu quyết, kết quả chưa được công bố: đang kiểm phiếu và ký số.',
    en: 'Voting has closed; the result is not published yet: it is being counted and signed.',
  },
  cancelled: { vi: 'Cuộc lấy ý kiến đã bị hủy: không có kết quả.', en: 'The consultation was cancelled: there is no result.' },
};

/** One question's outcome: the law's sentence, the counts, the households on the roll (H) and the threshold. */
function QuestionOutcome(props: { c: Consultation; t: QuestionTally }) {
  const { c, t } = props;
  const q = c.questions.find((x) => x.id === t.questionId);
  if (!q) return null;
  const ids = q.type === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.id);
  return (
    <section class="outcome-question" data-question={q.id} data-outcome={t.outcome.status}>
      <h3>{q.text}</h3>
      <p class={`outcome ${t.outcome.status}`}>
        <Bi vi={outcomeSentence(q, t)} en={OUTCOME_EN[t.outcome.status]} />
      </p>
      <table>
        <tbody>
          {ids.map((id) => (
            <tr data-answer={id}>
              <th scope="row">{answerLabel(q, id)}</th>
              <td class="n">{vnNumber(t.counts[id] ?? 0)}</td>
              <td class="n">{percent(t.counts[id] ?? 0, t.eligible)}</td>
            </tr>
          ))}
          <tr data-answer="abstain">
            <th scope="row">
              <Bi vi="Không biểu quyết (phiếu trống)" en="Abstained" />
            </th>
            <td class="n">{vnNumber(t.abstain)}</td>
            <td class="n">{percent(t.abstain, t.eligible)}</td>
          </tr>
        </tbody>
      </table>
      <dl class="outcome-numbers">
        <dt>
          <Bi vi="Tổng số hộ trong danh sách (H)" en="Households on the roll (H)" />
        </dt>
        <dd data-field="eligible">{vnNumber(t.eligible)}</dd>
        <dt>
          <Bi vi="Số phiếu đã bỏ" en="Ballots cast" />
        </dt>
        <dd data-field="cast">{vnNumber(t.cast)}</dd>
        <dt>
          <Bi vi="Điều kiện thông qua" en="What it takes to pass" />
        </dt>
        <dd data-field="threshold">{ruleInWords(t.rule, t.threshold)}</dd>
      </dl>
    </section>
  );
}

/** The outcome of the round, or why there is none yet. */
export function MonitorOutcome(props: { consultation: Consultation; state: State; manifest?: Manifest | undefined }) {
  const m = props.manifest;
  return (
    <section id="outcome" aria-labelledby="outcome-title">
      <h2 id="outcome-title">
        <Bi vi="Kết quả" en="Outcome" />
      </h2>
      {props.state !== 'published' || !m ? (
        <p id="outcome-none">
          {props.state === 'published' ? (
            <Bi vi="Chưa đọc được kết quả đã công bố." en="The published result could not be read." />
          ) : (
            <Bi vi={NOT_PUBLISHED[props.state].vi} en={NOT_PUBLISHED[props.state].en} />
          )}
        </p>
      ) : (
        <>
          <p>
            <Bi
              vi={`Kết quả đã ký số và công bố lúc ${vnTime(m.publishedAt)}; ${vnNumber(m.participants.count)} trên ${vnNumber(m.roll.count)} hộ đã biểu quyết.`}
              en={`Signed and published; ${m.participants.count} of ${m.roll.count} households voted.`}
            />
          </p>
          {m.tally.map((t) => (
            <QuestionOutcome c={props.consultation} t={t} />
          ))}
        </>
      )}
    </section>
  );
}

/** The countersignatures the site accepted, each with the name and organisation the monitor signed. */
export function GivenCountersignatures(props: { list: ReadonlyArray<string | Countersignature> }) {
  return (
    <>
      <h3>
        <Bi vi="Chữ ký xác nhận đã có" en="Countersignatures given" />
      </h3>
      {props.list.length === 0 ? (
        <p id="cs-given-none">
          <Bi vi="Chưa có ai ký xác nhận." en="Nobody has countersigned yet." />
        </p>
      ) : (
        <ul class="countersignatures" id="cs-given">
          {props.list.map((a) =>
            typeof a === 'string' ? (
              <li>
                <Bi vi="Khóa" en="Key" /> <ShortKid kid={a} />
              </li>
            ) : (
              <li data-kid={a.kid}>
                <strong>{a.monitor.name}</strong> — {a.monitor.organisation}, {vnTime(a.at)}. <Bi vi="Khóa" en="Key" /> <ShortKid kid={a.kid} />
              </li>
            ),
          )}
        </ul>
      )}
    </>
  );
}

export interface CountersignInput {
  id: string;
  /** Same-origin paths: the published `result.jws` (its folder holds the bundle), the verify page's worker, the site's JWKS. */
  resultPath: string;
  workerPath: string;
  jwksPath: string;
  /** H(result.jws payload bytes): what an attestation must name. */
  manifestHash?: string | undefined;
  given: ReadonlyArray<string | Countersignature>;
}

/**
 * The countersignature: the page first verifies the published bundle in this browser (all nine checks of
 * bundle.md, with the commune's key pinned or the site's); only once every check passed does the form appear,
 * saying what was checked. Without JavaScript, how to countersign with one's own tool.
 */
export function Countersign(props: CountersignInput) {
  const steps = Object.keys(CHECK_NAMES_VI).map(Number);
  return (
    <section
      id="countersign"
      data-id={props.id}
      data-result={props.resultPath}
      data-worker={props.workerPath}
      data-jwks={props.jwksPath}
      data-manifest={props.manifestHash}
    >
      <h2>
        <Bi vi="Ký xác nhận kết quả" en="Countersign the result" />
      </h2>
      <GivenCountersignatures list={props.given} />
      <div id="cs-nojs" class="panel panel-warn">
        <p>
          <Bi
            vi="Kiểm tra và ký xác nhận trên trang này cần JavaScript: khóa ký được tạo và giữ trong trình duyệt này, không bao giờ rời khỏi máy. Nếu không dùng JavaScript, hãy kiểm tra bằng trang kiểm tra hoặc dòng lệnh, rồi ký bằng công cụ JOSE của mình (ES256, typ attestation+jws) và gửi tới API:"
            en="Verifying and countersigning here needs JavaScript: the signing key is made and kept in this browser and never leaves it. Without JavaScript, verify with the verify page or the command line, then sign with your own JOSE tool (ES256, typ attestation+jws) and send it to the API:"
          />
        </p>
        <pre class="mono">{`curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/jose" --data-binary @attestation.jws /api/consultations/${props.id}/attestations`}</pre>
      </div>
      <div id="cs-verify" hidden>
        <h3>
          <Bi vi="Bước 1: tự kiểm tra kết quả trên trang này" en="Step 1: verify the result on this page" />
        </h3>
        <p>
          <Bi
            vi="Trang này tải bộ kết quả đã công bố và kiểm tra đủ 9 bước ngay trong trình duyệt của bạn. Chỉ khi cả 9 bước đều đạt, mẫu ký xác nhận mới hiện ra."
            en="This page downloads the published bundle and runs all nine checks in your browser. The countersign form appears only once every check passes."
          />
        </p>
        <label class="field" for="cs-key">
          <Bi vi="Khóa công khai của xã niêm yết tại trụ sở (PEM hoặc JWK, không bắt buộc)" en="The commune's public key as posted (PEM or JWK, optional)" />
        </label>
        <p class="hint" id="cs-key-hint">
          <Bi
            vi="Để trống thì dùng khóa trên trang web (kém tin cậy hơn, trang sẽ cảnh báo)."
            en="Left empty, the site's own key is used (less trustworthy; the page warns)."
          />
        </p>
        <textarea id="cs-key" rows={4} spellcheck={false} autocomplete="off" aria-describedby="cs-key-hint"></textarea>
        <p>
          <button type="button" id="cs-run">
            Kiểm tra <En bare>Verify</En>
          </button>
        </p>
        <ol class="cs-checks" id="cs-checks">
          {steps.map((step) => (
            <li id={`cs-check-${step}`} data-state="pending">
              <Bi vi={CHECK_NAMES_VI[step]!} en={CHECK_NAMES[step]!} />
              <br />
              <span class="cs-state">Chưa kiểm tra</span>
              <p class="cs-detail hint"></p>
            </li>
          ))}
        </ol>
        <p id="cs-verify-status" role="status"></p>
      </div>
      <form id="cs-form" method="post" action={`/monitors/c/${props.id}/attest`} hidden>
        <h3>
          <Bi vi="Bước 2: ký xác nhận" en="Step 2: countersign" />
        </h3>
        <div id="cs-passed" class="panel">
          <p id="cs-passed-summary"></p>
        </div>
        <p>
          <Bi vi="Dấu vân tay khóa của bạn (đăng ký với xã):" en="Your key’s fingerprint (register it with the commune):" />
          <br />
          <span id="cs-fingerprint" class="fingerprint mono">
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
            Ký xác nhận <En bare>Countersign</En>
          </button>
        </p>
      </form>
      <p id="cs-status" role="status"></p>
    </section>
  );
}
