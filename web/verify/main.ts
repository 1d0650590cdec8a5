/**
 * The verify page's script (built to `assets/verify.js`): reads the form, fetches the bundle from the page's own
 * folder (with the decision record, the counting record, the scans of their signed paper copies and the contributions
 * published after it), hands it to the worker and shows each check as
 * the worker reports it. Everything shown that came from the network or the verifier is set as text (textContent),
 * never parsed as HTML.
 */
import type { AfterCheck, AfterVerification } from '../../shared/verify-after/index.ts';
import type { Check, Verification } from '../../shared/verify/index.ts';
import { RECORD_PAGES, scansLinkedFrom } from '../../shared/verify-after/scan-links.ts';
import { fetchBytes, fetchResultBundle } from './fetch.ts';
import { parsePinnedKey, parseReceipt } from './key.ts';
import type { RequestKey, VerifyRequest, WorkerMessage } from './protocol.ts';
import { STEP_COUNT } from './protocol.ts';
import { checkDetail, checkWarning, type Said } from './words.ts';

const STATE_TEXT = {
  pending: 'Chưa kiểm tra / Pending',
  running: 'Đang kiểm tra… / Checking…',
  done: 'Đã xong, chờ kết quả / Done',
  pass: '✓ Đạt / Pass',
  fail: '✗ Không đạt / Fail',
  absent: '– Chưa công bố / Not published yet',
} as const;
type State = keyof typeof STATE_TEXT;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`verify.html has no #${id}`);
  return found as T;
}

const form = element<HTMLFormElement>('verify-form');
const keyText = element<HTMLTextAreaElement>('key');
const keyFile = element<HTMLInputElement>('key-file');
const keyError = element<HTMLElement>('key-error');
const receiptInput = element<HTMLInputElement>('receipt');
const receiptError = element<HTMLElement>('receipt-error');
const button = element<HTMLButtonElement>('run');
const progress = element<HTMLProgressElement>('progress');
const status = element<HTMLElement>('status');
const summary = element<HTMLElement>('summary');
const inclusion = element<HTMLElement>('inclusion');
/**
 * The rows of the record's and the contributions' checks; the list names the files they read (page.tsx). Optional:
 * this script is shared by the whole site and replaced at every deploy, but each consultation's verify.html is
 * written once, at close, and those written before these checks existed have no such list. There the page runs and
 * shows the bundle's nine checks alone, as it did then: nothing after the result is fetched, shown or counted.
 */
const afterList = document.getElementById('after-checks');
const afterSteps = afterList ? Array.from(afterList.children, (row) => row.id.slice('check-'.length)) : [];
const afterFiles = (afterList?.dataset.files ?? '').split(' ').filter(Boolean);

let worker: Worker | undefined;

const VERDICTS: readonly (string | undefined)[] = ['pass', 'fail'];

/** Sets a row's state; progress never overwrites a verdict already shown (only a new run resets it). */
function setState(step: number | string, state: State): void {
  const row = document.getElementById(`check-${step}`);
  const label = row?.querySelector('.state');
  if (!row || !label || row.dataset.state === state) return;
  if ((state === 'running' || state === 'done') && VERDICTS.includes(row.dataset.state)) return;
  row.dataset.state = state;
  label.textContent = STATE_TEXT[state];
}

/**
 * A line in Vietnamese with the verifier's English under it, as text. Each element wraps anywhere (its style, not the
 * page's: a verify.html written before this rule existed gets it too), so a fingerprint or a hash never makes the
 * page wider than a phone.
 */
function bilingual(said: Said): Node[] {
  if (said.vi === '' && said.en === '') return [];
  const vi = document.createElement('span');
  vi.textContent = said.vi;
  vi.lang = 'vi';
  const en = document.createElement('span');
  en.textContent = said.en;
  en.lang = 'en';
  en.className = 'en';
  for (const part of [vi, en]) part.style.overflowWrap = 'anywhere';
  return said.en === '' ? [vi] : [vi, document.createElement('br'), en];
}

/** Writes a row's detail and warnings, as text, Vietnamese first (words.ts). */
function describe(step: number | string, detail: Said, warnings: readonly Said[]): void {
  const row = document.getElementById(`check-${step}`);
  const detailText = row?.querySelector<HTMLElement>('.detail');
  const list = row?.querySelector<HTMLElement>('.warnings');
  if (detailText) {
    // A page written before the Vietnamese line marked the whole detail as English.
    detailText.removeAttribute('lang');
    detailText.style.overflowWrap = 'anywhere';
    detailText.replaceChildren(...bilingual(detail));
  }
  if (list) {
    list.style.overflowWrap = 'anywhere';
    list.replaceChildren(
      ...warnings.map((w) => {
        const li = document.createElement('li');
        li.append('Cảnh báo: ', ...bilingual({ vi: w.vi, en: `Warning: ${w.en}` }));
        return li;
      }),
    );
    list.hidden = warnings.length === 0;
  }
}

const NOTHING: Said = { vi: '', en: '' };

function showCheck(check: Check): void {
  setState(check.step, check.ok ? 'pass' : 'fail');
  describe(check.step, checkDetail(check.step, check.ok, check.detail), (check.warnings ?? []).map(checkWarning));
}

function showAfterCheck(check: AfterCheck): void {
  setState(check.step, check.absent ? 'absent' : check.ok ? 'pass' : 'fail');
  // The record's and the contributions' checks speak Vietnamese already (shared/verify-after/).
  describe(check.step, { vi: check.detail, en: '' }, (check.warnings ?? []).map(checkWarning));
}

function reset(): void {
  for (const step of [...Array.from({ length: STEP_COUNT }, (_, i) => i + 1), ...afterSteps]) {
    setState(step, 'pending');
    describe(step, NOTHING, []);
  }
  summary.hidden = true;
  inclusion.hidden = true;
  progress.value = 0;
}

/** Shows a problem with an input next to it, or clears it. */
function fieldError(input: HTMLElement, error: HTMLElement, reason: string | undefined): void {
  error.textContent = reason ?? '';
  error.hidden = reason === undefined;
  if (reason === undefined) input.removeAttribute('aria-invalid');
  else input.setAttribute('aria-invalid', 'true');
}

/**
 * The scans of the paper record that the record's pages link, for M4; none on a page written before M4 existed. A
 * record's page is read only when its JSON was published (`record/decision.json` beside `record/decision.html`).
 */
async function fetchScans(files: Record<string, ArrayBuffer>): Promise<void> {
  if (!afterSteps.includes('M4')) return;
  const published = RECORD_PAGES.filter((page) => files[page.replace(/\.html$/, '.json')] !== undefined);
  const pages = await Promise.all(published.map((page) => fetchBytes(page, 'no-store')));
  const names = [...new Set(pages.flatMap((html) => (html ? scansLinkedFrom(new TextDecoder().decode(html)) : [])))];
  // Named by their hash: never changed, so the browser's cache is as good as the site's.
  for (const [name, bytes] of await Promise.all(names.map(async (name) => [name, await fetchBytes(name)] as const))) if (bytes) files[name] = bytes;
}

/**
 * The bundle beside this page (fetch.ts), with every attestation, the files published after it and the scans the
 * record's pages link.
 */
async function fetchBundle(): Promise<Record<string, ArrayBuffer>> {
  const files = await fetchResultBundle('', afterFiles);
  await fetchScans(files);
  return files;
}

function megabytes(files: Record<string, ArrayBuffer>): string {
  const total = Object.values(files).reduce((sum, b) => sum + b.byteLength, 0);
  return (total / 1e6).toFixed(1).replace('.', ',');
}

function showInclusion(report: Verification): void {
  const found = report.inclusion;
  if (!found) return;
  element('inclusion-receipt').textContent = found.receipt;
  element('inclusion-position').textContent = `${found.index + 1} / ${found.treeSize}`;
  element('inclusion-root').textContent = found.root;
  element('inclusion-proof').replaceChildren(
    ...found.proof.map((hash) => {
      const li = document.createElement('li');
      li.textContent = hash;
      return li;
    }),
  );
  inclusion.hidden = false;
}

/** The record's and the contributions' line of the summary: how many checks passed, how many files are not published yet. */
function afterSummary(after: AfterVerification): string {
  const checked = after.checks.filter((c) => !c.absent).length;
  const absent = after.checks.length - checked;
  if (checked === 0) return ' Văn bản quyết định, sổ đóng góp: chưa công bố. / Records and contributions: not published yet.';
  const vi = absent ? `, ${absent} chưa công bố` : '';
  const en = absent ? `, ${absent} not published yet` : '';
  return ` Văn bản quyết định, sổ đóng góp: ${checked} bước đã kiểm tra${vi}. / Records and contributions: ${checked} checked${en}.`;
}

function finish(report: Verification, verifiedAfter: AfterVerification): void {
  // A page without the list (written before it existed) fetched none of those files: their checks are not its own.
  const after = afterList ? verifiedAfter : undefined;
  for (const check of report.checks) showCheck(check);
  for (const check of after?.checks ?? []) showAfterCheck(check);
  progress.value = 1;
  const failed = [...report.checks, ...(after?.checks ?? [])].filter((c) => !c.ok).map((c) => c.step);
  const warned = [...report.checks, ...(after?.checks ?? [])].filter((c) => c.warnings?.length).map((c) => c.step);
  // A warning (the key taken from the site, not pinned) does not fail a check, but the reader must see it.
  const caveat = warned.length ? ` Có cảnh báo ở bước ${warned.join(', ')}. / With warnings at check ${warned.join(', ')}.` : '';
  const ok = report.ok && (after?.ok ?? true);
  summary.textContent = ok
    ? `Kết quả hợp lệ: cả ${report.checks.length} bước đều đạt. / The result verifies: every check passes.${caveat}${after ? afterSummary(after) : ''}`
    : report.ok
      ? `KHÔNG hợp lệ: bước ${failed.join(', ')} không đạt; kết quả đã ký vẫn đúng. / Does NOT verify: check ${failed.join(', ')} failed; the signed result itself holds.${caveat}`
      : `KHÔNG hợp lệ: bước ${failed.join(', ')} không đạt. / The result does NOT verify: check ${failed.join(', ')} failed.${caveat}`;
  summary.dataset.state = ok ? 'pass' : 'fail';
  summary.hidden = false;
  status.textContent = summary.textContent;
  showInclusion(report);
}

function onMessage(message: WorkerMessage): void {
  switch (message.type) {
    case 'progress': {
      const { step, fraction } = message;
      for (let s = 1; s < step; s++) setState(s, 'done');
      setState(step, 'running');
      progress.value = (step - 1 + fraction) / STEP_COUNT;
      return;
    }
    case 'check':
      showCheck(message.check);
      return;
    case 'done':
      finish(message.report, message.after);
      stop();
      return;
    case 'error':
      status.textContent = `Lỗi khi kiểm tra / The verifier failed: ${message.message}`;
      stop();
  }
}

function stop(): void {
  worker?.terminate();
  worker = undefined;
  button.disabled = false;
}

async function run(): Promise<void> {
  const key = parsePinnedKey(keyText.value);
  const receipt = parseReceipt(receiptInput.value);
  fieldError(keyText, keyError, key.ok ? undefined : key.reason);
  fieldError(receiptInput, receiptError, receipt.ok ? undefined : receipt.reason);
  if (!key.ok || !receipt.ok) {
    (key.ok ? receiptInput : keyText).focus();
    return;
  }
  stop();
  button.disabled = true;
  reset();
  progress.removeAttribute('value');
  status.textContent = 'Đang tải các tệp kết quả… / Downloading the result files…';
  try {
    const files = await fetchBundle();
    const requestKey: RequestKey = {};
    if (key.value !== undefined) requestKey.pinned = key.value;
    else {
      const jwks = await fetchBytes('../../keys/jwks.json');
      if (jwks) requestKey.jwks = JSON.parse(new TextDecoder().decode(jwks)) as { keys: JsonWebKey[] };
    }
    status.textContent = `Đã tải ${Object.keys(files).length} tệp (${megabytes(files)} MB); đang kiểm tra… / Downloaded; checking…`;
    progress.value = 0;
    const request: VerifyRequest = { files, key: requestKey, ...(receipt.value !== undefined ? { receipt: receipt.value } : {}) };
    worker = new Worker(new URL('verify-worker.js', import.meta.url));
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => onMessage(event.data);
    worker.onerror = () => {
      status.textContent = 'Không chạy được bộ kiểm tra trong trình duyệt này; hãy dùng dòng lệnh. / The verifier could not start here; use the command line.';
      stop();
    };
    // Transferred, not copied: a hundred thousand ballots are tens of megabytes.
    worker.postMessage(request, Object.values(files));
  } catch (e) {
    status.textContent = `Không tải được các tệp / Could not download the files: ${e instanceof Error ? e.message : String(e)}`;
    progress.value = 0;
    stop();
  }
}

keyFile.addEventListener('change', () => {
  const file = keyFile.files?.[0];
  if (!file) return;
  void file.text().then((text) => {
    keyText.value = text;
    fieldError(keyText, keyError, undefined);
  });
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void run();
});

// WebCrypto exists only in a secure context (HTTPS), and the hashing needs a worker.
if (typeof Worker === 'function' && globalThis.crypto?.subtle) button.disabled = false;
else
  status.textContent =
    'Trình duyệt này không kiểm tra được (cần HTTPS và trình duyệt mới); hãy dùng dòng lệnh bên dưới. / This browser cannot verify here; use the command line below.';
