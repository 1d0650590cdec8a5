/**
 * Signing the decision record with a key in the browser, on the officials' signing page (the village head) and on
 * the monitors' consultation page (the head of the Front working committee): what is signed (the record's hash and a
 * summary), who has signed and who has not, and the form the script (web/sign/minutes.ts) shows and sends. Without
 * JavaScript the form stays hidden and the page says that signing needs it, and that the paper copy is signed by hand.
 */
import { MINUTES_ROLES, type DecisionRecord, type MinutesRole, type SignatureStatus, signerName } from '../../shared/minutes.ts';
import { vnTime } from '../format.ts';
import { FORM_WORDS } from '../record-page.tsx';
import { Bi } from './parts.tsx';
import { En } from '../lang.tsx';

/**
 * The styles the section needs beyond the staff frame's: the fingerprint, hidden choices that stay hidden, and the
 * facts' bilingual labels wrapped in a column of their own, or on a phone one under the other.
 */
export const SIGNING_STYLE = `
.fingerprint{font:600 1.05rem/1.4 ui-monospace,monospace;word-break:break-all}
#minutes-sign [hidden]{display:none!important}
.signatures li{margin:.35rem 0;overflow-wrap:anywhere}.decision{white-space:pre-line}
#minutes-sign dl.facts{grid-template-columns:minmax(0,16rem) minmax(0,1fr)}
@media (max-width:40rem){#minutes-sign dl.facts{grid-template-columns:minmax(0,1fr)}#minutes-sign dl.facts dd{margin-bottom:.5rem}}
`;

export const ROLE_WORDS: Readonly<Record<MinutesRole, { vi: string; en: string }>> = {
  village_head: { vi: 'Trưởng thôn', en: 'Village head' },
  front_head: { vi: 'Trưởng ban công tác Mặt trận', en: 'Head of the Front working committee' },
};

/** The person the record names for a role. */
export function personOf(record: DecisionRecord, role: MinutesRole): { name: string } {
  return { name: signerName(record, role) };
}

/** Each of the two officers: the person, and signed (with the key and when) or not yet. */
export function MinutesSignatures(props: { minutes: DecisionRecord; status: Pick<SignatureStatus, 'signed'> }) {
  return (
    <ul class="signatures" id="ms-signatures">
      {MINUTES_ROLES.map((role) => {
        const person = personOf(props.minutes, role);
        const signed = props.status.signed.find((s) => s.role === role);
        return (
          <li>
            <strong>
              <Bi vi={ROLE_WORDS[role].vi} en={ROLE_WORDS[role].en} />
            </strong>
            : {person.name} —{' '}
            <span id={`ms-state-${role}`}>
              {signed ? (
                <>
                  Đã ký số lúc {vnTime(signed.at)} (khóa <span class="mono">{signed.kid}</span>) <En>Signed</En>
                </>
              ) : (
                <Bi vi="Chưa ký" en="Not signed yet" />
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export interface MinutesSigningInput {
  minutes: DecisionRecord;
  /** H(JCS(record)), what every signature names. */
  hash: string;
  status: Pick<SignatureStatus, 'signed'>;
  /** Same-origin path of the published decision.json, which the script reads and hashes. */
  jsonPath: string;
  /** The printable record. */
  htmlUrl: string;
  /** The roles signed from this page: the village head on the officials', the Front head on the monitors'. */
  roles: readonly MinutesRole[];
  /** The page route the script posts the signature to. */
  action: string;
}

/** The section `#minutes-sign`: what is signed, who has signed, and the form for the roles still to sign here. */
export function MinutesSigning(props: MinutesSigningInput) {
  const m = props.minutes;
  const open = props.roles.filter((role) => !props.status.signed.some((s) => s.role === role));
  return (
    <section id="minutes-sign" aria-labelledby="ms-title" data-id={m.consultationId} data-minutes={props.jsonPath} data-hash={props.hash}>
      <h2 id="ms-title">
        <Bi vi="Ký số văn bản quyết định" en="Sign the decision record with a key" />
      </h2>
      <h3>
        <Bi vi="Nội dung được ký" en="What is signed" />
      </h3>
      <dl class="facts">
        <dt>
          <Bi vi={FORM_WORDS[m.form][0]} en={FORM_WORDS[m.form][1]} />
        </dt>
        <dd>
          {m.title} — {m.scope.name} (
          <a href={props.htmlUrl}>
            <Bi vi="xem và in" en="read and print" />
          </a>
          )
        </dd>
        <dt>
          <Bi vi="Địa điểm, thời gian" en="Place, time" />
        </dt>
        <dd>
          {m.place}, {vnTime(m.time.from)} – {vnTime(m.time.to)}
        </dd>
        <dt>
          <Bi vi="Số hộ tham gia" en="Households taking part" />
        </dt>
        <dd>
          {m.households.present} / {m.households.total} ({m.households.presentPercentOfH.replace('.', ',')}%)
        </dd>
        <dt>
          <Bi vi="Mã băm văn bản (SHA-256)" en="Hash of the record (SHA-256)" />
        </dt>
        <dd class="fingerprint" id="ms-hash">
          {props.hash}
        </dd>
      </dl>
      <p class="decision">{m.decision}</p>
      <p class="hint">
        <Bi
          vi="Chữ ký số ghi: mã băm trên (tức toàn bộ văn bản), vai trò, họ tên người ký như văn bản ghi, và thời điểm ký."
          en="The signature states: the hash above (that is, the whole record), the role, the signer’s name as the record gives it, and the time of signing."
        />
      </p>
      <h3>
        <Bi vi="Ai đã ký" en="Who has signed" />
      </h3>
      <MinutesSignatures minutes={m} status={props.status} />
      {open.length > 0 ? (
        <>
          <div id="ms-nojs" class="panel panel-warn">
            <p>
              <Bi
                vi="Ký số cần JavaScript: khóa ký được tạo và giữ trong trình duyệt này, không bao giờ rời khỏi máy. Trình duyệt này đang tắt JavaScript nên không ký số được ở đây; bản giấy vẫn được ký tay."
                en="Signing with a key needs JavaScript: the key is made and kept in this browser and never leaves it. JavaScript is off in this browser, so nothing can be signed here; the paper copy is still signed by hand."
              />
            </p>
          </div>
          <form id="ms-form" method="post" action={props.action} hidden>
            <fieldset>
              <legend>
                <Bi vi="Ký với vai trò" en="Sign as" />
              </legend>
              {open.map((role) => {
                const person = personOf(m, role);
                return (
                  <label class="choice" id={`ms-choice-${role}`}>
                    <input type="radio" name="role" value={role} data-name={person.name} checked={open.length === 1} />
                    <span>
                      <Bi vi={ROLE_WORDS[role].vi} en={ROLE_WORDS[role].en} />: {person.name}
                    </span>
                  </label>
                );
              })}
            </fieldset>
            <p>
              <Bi
                vi="Dấu vân tay khóa của người ký trên máy này (ghi lên bản giấy):"
                en="The signer’s key fingerprint on this computer (write it on the paper copy):"
              />
              <br />
              <span id="ms-fingerprint" class="fingerprint">
                —
              </span>
            </p>
            <p class="hint">
              <Bi
                vi="Mỗi người ký có khóa riêng theo vai trò và họ tên, giữ trong trình duyệt này; khóa bí mật không thể sao chép ra ngoài."
                en="Each signer has a key of their own, by role and name, kept in this browser; the private key cannot be copied out."
              />
            </p>
            <p>
              <button type="submit">
                Ký số văn bản <En bare>Sign the record</En>
              </button>
            </p>
          </form>
        </>
      ) : null}
      <p id="ms-status" role="status"></p>
    </section>
  );
}
