/**
 * The in-browser verification page `c/<id>/verify.html` (bundle.md "Where it lives"): a monitor pins the commune's
 * key, may give a voter's receipt, and the page runs every check of bundle.md on the files beside it, in a worker.
 * The one published page that needs JavaScript, loaded from `assets/` (the CSP allows no inline script); without
 * it the page says how to run the same checks with the command-line tool.
 */
import type { Consultation } from '../../shared/schemas.ts';
import { CHECK_NAMES } from '../../shared/verify/index.ts';
import { AFTER_CHECK_NAMES, AFTER_FILES, type AfterStep } from '../../shared/verify-after/index.ts';
import { Page, render } from '../layout.tsx';
import { STEP_COUNT } from './protocol.ts';
import { CHECK_NAMES_VI } from './words.ts';

/** The script, relative to `c/<id>/verify.html` so the site works under any base path. */
export const VERIFY_SCRIPT = '../../assets/verify.js';

export { CHECK_NAMES_VI } from './words.ts';

/**
 * The page's own rules, added to the shared frame's: check states are told by words and symbols, colour only helps.
 * `[hidden]` is restated because `display` rules would otherwise show what the script hides.
 */
const VERIFY_STYLE = `
[hidden]{display:none!important}label{display:block;font-weight:600;margin-top:1rem}
textarea,input[type=text]{width:100%;font:14px/1.4 ui-monospace,monospace;padding:.4rem;border:1px solid #767676;border-radius:4px}
input[type=file]{margin-top:.4rem}.hint{color:var(--muted);font-size:.9rem;margin:.2rem 0}.error{color:var(--no);font-weight:600}
button{margin-top:1rem;font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
button:disabled{background:#767676;cursor:default}:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
progress{width:100%;height:1.2rem}.checks{padding-left:1.5rem}.checks li{margin:.6rem 0}.state{display:inline-block;min-width:9rem;font-weight:600}
[data-state=pass] .state{color:var(--ok)}[data-state=fail] .state{color:var(--no)}ul.checks{list-style:none;padding-left:0}.detail{margin:.2rem 0;color:var(--muted);overflow-wrap:anywhere}
.warnings{color:#7a4a00;margin:.2rem 0;overflow-wrap:anywhere}code,dd,#status,.summary{overflow-wrap:anywhere}textarea,input[type=text]{box-sizing:border-box}.summary{font-size:1.2rem;font-weight:600}.summary[data-state=pass]{color:var(--ok)}.summary[data-state=fail]{color:var(--no)}dd{margin:0 0 .6rem}dt{font-weight:600}
`;

export interface VerifyPageInput {
  consultation: Pick<Consultation, 'id' | 'title' | 'titleEn'>;
  /** The signing key's thumbprint, as the site publishes it, for the monitor to compare with the notice board. */
  kid: string;
  /** The public URL of `c/<id>/`, for the command line; a placeholder is shown without it. */
  url?: string;
}

/** The HTML of `c/<id>/verify.html`. */
export function verifyPage({ consultation: c, kid, url }: VerifyPageInput): string {
  const steps = Array.from({ length: STEP_COUNT }, (_, i) => i + 1);
  const afterSteps = Object.keys(AFTER_CHECK_NAMES) as AfterStep[];
  const command = `npx danban verify ${url ?? '<địa chỉ thư mục kết quả>'} --key khoa.pem --receipt <mã biên nhận>`;
  const html = render(
    <Page title={`Kiểm tra kết quả: ${c.title}`} base="../../">
      <h1>Kiểm tra kết quả: {c.title}</h1>
      {c.titleEn ? (
        <p lang="en" class="en">
          Verify the result: {c.titleEn}
        </p>
      ) : null}
      <p>
        Trang này tự kiểm tra kết quả ngay trên máy của bạn, theo đủ 9 bước của quy định về bộ kết quả. Khóa và mã biên nhận bạn nhập không được gửi đi đâu.{' '}
        <a href="index.html">Về trang kết quả</a>.
      </p>
      <p lang="en" class="en">
        This page checks the published result on your own device, all nine checks of the bundle specification. The key and receipt you enter are not sent
        anywhere.
      </p>
      <noscript>
        <p class="error">
          Trang này cần JavaScript (đây là trang duy nhất của trang web cần đến nó). Nếu không bật được, hãy kiểm tra bằng dòng lệnh như hướng dẫn bên dưới.{' '}
          <span lang="en">This page needs JavaScript (the only page of the site that does); without it, use the command line below.</span>
        </p>
      </noscript>

      <form id="verify-form" novalidate>
        <label for="key">
          Khóa công khai của xã (dán khóa PEM hoặc JWK){' '}
          <span lang="en" class="en">
            / The commune's public key (PEM or JWK)
          </span>
        </label>
        <p class="hint" id="key-hint">
          Lấy khóa niêm yết tại trụ sở UBND xã. Để trống thì dùng khóa trên trang web này (kém tin cậy hơn): dấu vân tay <code>{kid}</code>.{' '}
          <span lang="en">Pin the key posted by the commune; left empty, the site's own key is used (less trustworthy).</span>
        </p>
        <textarea id="key" rows={5} spellcheck={false} autocomplete="off" aria-describedby="key-hint key-error"></textarea>
        <label for="key-file">
          Hoặc chọn tệp khóa (.pem, .json){' '}
          <span lang="en" class="en">
            / Or choose a key file
          </span>
        </label>
        <input type="file" id="key-file" accept=".pem,.json,.jwk,application/x-pem-file,application/json" />
        <p class="error" id="key-error" hidden></p>

        <label for="receipt">
          Mã biên nhận của phiếu (không bắt buộc){' '}
          <span lang="en" class="en">
            / A ballot receipt (optional)
          </span>
        </label>
        <p class="hint" id="receipt-hint">
          64 ký tự được cấp khi bỏ phiếu: trang sẽ chỉ ra phiếu đó có trong kết quả.{' '}
          <span lang="en">The 64 characters shown when voting: the page proves that ballot is counted.</span>
        </p>
        <input type="text" id="receipt" inputmode="text" autocomplete="off" spellcheck={false} maxlength={100} aria-describedby="receipt-hint receipt-error" />
        <p class="error" id="receipt-error" hidden></p>

        <button type="submit" id="run" disabled>
          Kiểm tra / Verify
        </button>
      </form>

      <h2>Tiến trình / Progress</h2>
      <label for="progress">
        Đã kiểm tra{' '}
        <span lang="en" class="en">
          / Done
        </span>
      </label>
      <progress id="progress" max={1} value={0}></progress>
      <p id="status" role="status"></p>
      <ol class="checks" id="checks">
        {steps.map((step) => (
          <li id={`check-${step}`} data-state="pending">
            <span>{CHECK_NAMES_VI[step]}</span>{' '}
            <span lang="en" class="en">
              / {CHECK_NAMES[step]}
            </span>
            <br />
            <span class="state">Chưa kiểm tra / Pending</span>
            <p class="detail"></p>
            <ul class="warnings" hidden></ul>
          </li>
        ))}
      </ol>
      <h3>
        Văn bản quyết định, biên bản kiểm phiếu và sổ đóng góp{' '}
        <span lang="en" class="en">
          / The decision record, the counting record and the contributions
        </span>
      </h3>
      <p class="hint">
        Công bố sau kết quả, nếu có; tệp chưa công bố không phải là lỗi.{' '}
        <span lang="en">Published after the result, when there are any; a file not published yet is no failure.</span>
      </p>
      {/* The script fetches the files this list names, beside the bundle's, and the scans the record's pages link (shared/verify-after/). */}
      <ul class="checks" id="after-checks" data-files={AFTER_FILES.join(' ')}>
        {afterSteps.map((step) => (
          <li id={`check-${step}`} data-state="pending">
            <span>
              {step}. {AFTER_CHECK_NAMES[step].vi}
            </span>{' '}
            <span lang="en" class="en">
              / {AFTER_CHECK_NAMES[step].en}
            </span>
            <br />
            <span class="state">Chưa kiểm tra / Pending</span>
            <p class="detail"></p>
            <ul class="warnings" hidden></ul>
          </li>
        ))}
      </ul>
      <p id="summary" class="summary" hidden></p>

      <section id="inclusion" aria-labelledby="inclusion-heading" hidden>
        <h2 id="inclusion-heading">Phiếu của bạn có trong kết quả / Your ballot is counted</h2>
        <p>
          Từ mã biên nhận, chuỗi mã băm dưới đây dẫn đến gốc Merkle mà xã đã ký (RFC 9162): không ai có thể bỏ hay sửa phiếu này mà chữ ký vẫn đúng.{' '}
          <span lang="en" class="en">
            From the receipt, this audit path leads to the Merkle root the commune signed.
          </span>
        </p>
        <dl>
          <dt>Mã biên nhận / Receipt</dt>
          <dd>
            <code id="inclusion-receipt"></code>
          </dd>
          <dt>Vị trí / Position</dt>
          <dd id="inclusion-position"></dd>
          <dt>Gốc Merkle đã ký / Signed Merkle root</dt>
          <dd>
            <code id="inclusion-root"></code>
          </dd>
          <dt>Đường chứng minh / Audit path</dt>
          <dd>
            <ol id="inclusion-proof" class="mono"></ol>
          </dd>
        </dl>
      </section>

      <h2>Kiểm tra bằng dòng lệnh / With the command line</h2>
      <p>
        Tải khóa của xã vào tệp <code>khoa.pem</code>, rồi chạy (cần Node.js 20 trở lên):{' '}
        <span lang="en" class="en">
          Save the commune's key as khoa.pem, then run (Node.js 20 or later):
        </span>
      </p>
      <p>
        <code>{command}</code>
      </p>
      <script type="module" src={VERIFY_SCRIPT}></script>
    </Page>,
  );
  // The shared frame has one <style> for every page; this page's rules join it in <head>, where style belongs.
  return html.replace('</head>', `<style>${VERIFY_STYLE}</style></head>`);
}
