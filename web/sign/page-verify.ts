/**
 * The monitors' page's own verification of a published result, before it offers to countersign
 * (web/monitors/result.tsx `Countersign`): it fetches the bundle from the result's folder (web/verify/fetch.ts),
 * runs all nine checks of bundle.md in the verify page's worker (`assets/verify-worker.js`, this origin's: the CSP
 * allows workers from here only), and shows each check as it ends, Vietnamese first (web/verify/words.ts).
 */
import { decodeJws } from '../../shared/jws.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import type { Check, Verification } from '../../shared/verify/index.ts';
import { vnAt } from '../format.ts';
import { fetchBytes, fetchResultBundle } from '../verify/fetch.ts';
import { parsePinnedKey } from '../verify/key.ts';
import type { RequestKey, VerifyRequest, WorkerMessage } from '../verify/protocol.ts';
import { STEP_COUNT } from '../verify/protocol.ts';
import { CHECK_NAMES_VI, checkDetail, checkWarning } from '../verify/words.ts';

/** What the page verified: the exact result.jws it checked (the one to countersign), its manifest hash, when. */
export interface Verified {
  resultJws: string;
  manifestHash: string;
  at: Date;
  /** Whether the commune's key was pinned by the monitor, not taken from the site. */
  pinned: boolean;
}

const STATE_VI = { pending: 'Chưa kiểm tra', running: 'Đang kiểm tra…', pass: '✓ Đạt', fail: '✗ Không đạt' } as const;

/** The parts of the section this verification writes to. */
export interface VerifyView {
  section: HTMLElement;
  key: HTMLTextAreaElement | undefined;
  status: HTMLElement;
  /** Whether the page shows English beside the Vietnamese (`?lang=en`). */
  english: boolean;
}

function row(view: VerifyView, step: number): HTMLElement | null {
  return view.section.ownerDocument.getElementById(`cs-check-${step}`);
}

function setState(view: VerifyView, step: number, state: keyof typeof STATE_VI): void {
  const li = row(view, step);
  const label = li?.querySelector('.cs-state');
  if (!li || !label) return;
  li.dataset.state = state;
  label.textContent = STATE_VI[state];
}

function showCheck(view: VerifyView, check: Check): void {
  setState(view, check.step, check.ok ? 'pass' : 'fail');
  const detail = row(view, check.step)?.querySelector('.cs-detail');
  if (!detail) return;
  const said = [checkDetail(check.step, check.ok, check.detail), ...(check.warnings ?? []).map(checkWarning)];
  const doc = view.section.ownerDocument;
  detail.replaceChildren(
    ...said.flatMap((s, i) => {
      const parts: Node[] = [];
      if (i > 0) parts.push(doc.createElement('br'), doc.createTextNode('Cảnh báo: '));
      parts.push(doc.createTextNode(s.vi));
      // A failure's reason, or a warning with no Vietnamese of its own, is only in the verifier's English: shown
      // whatever the page's language, marked as English.
      if (view.english || !check.ok || (i > 0 && s.vi.endsWith('(tiếng Anh):'))) {
        const en = doc.createElement('span');
        en.lang = 'en';
        en.className = 'en';
        en.textContent = ` ${s.en}`;
        parts.push(en);
      }
      return parts;
    }),
  );
}

function reset(view: VerifyView): void {
  for (let step = 1; step <= STEP_COUNT; step++) {
    setState(view, step, 'pending');
    row(view, step)?.querySelector('.cs-detail')?.replaceChildren();
  }
}

/** The commune's key: the one the monitor pasted, or else the site's JWKS. */
async function requestKey(view: VerifyView): Promise<{ key: RequestKey; pinned: boolean }> {
  const read = parsePinnedKey(view.key?.value ?? '');
  if (!read.ok) throw new Error(read.reason);
  if (read.value !== undefined) return { key: { pinned: read.value }, pinned: true };
  const jwks = await fetchBytes(view.section.getAttribute('data-jwks') ?? '', 'no-store');
  return { key: jwks ? { jwks: JSON.parse(new TextDecoder().decode(jwks)) as { keys: JsonWebKey[] } } : {}, pinned: false };
}

/** Runs the worker on the request; resolves with its report, rejects if it could not run. */
function runWorker(view: VerifyView, url: string, request: VerifyRequest, transfer: ArrayBuffer[]): Promise<Verification> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    const stop = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') {
        for (let s = 1; s < message.step; s++) if (row(view, s)?.dataset.state === 'pending') setState(view, s, 'running');
        if (row(view, message.step)?.dataset.state === 'pending') setState(view, message.step, 'running');
      } else if (message.type === 'check') showCheck(view, message.check);
      else if (message.type === 'done') {
        stop();
        resolve(message.report);
      } else {
        stop();
        reject(new Error(message.message));
      }
    };
    worker.onerror = () => {
      stop();
      reject(new Error('không chạy được bộ kiểm tra trong trình duyệt này'));
    };
    worker.postMessage(request, transfer);
  });
}

/**
 * Verifies the published bundle of the section's result and shows each check. Resolves with what was verified when
 * all nine checks passed, undefined when one failed (the rows say which); rejects when it could not run.
 */
export async function verifyOnPage(view: VerifyView): Promise<Verified | undefined> {
  reset(view);
  const resultPath = view.section.getAttribute('data-result') ?? '';
  const folder = resultPath.slice(0, resultPath.lastIndexOf('/') + 1);
  view.status.textContent = 'Đang tải bộ kết quả…';
  const [{ key, pinned }, files] = await Promise.all([requestKey(view), fetchResultBundle(folder)]);
  const jwsBytes = files['result.jws'];
  if (!jwsBytes) throw new Error('chưa có result.jws');
  // Read before the bytes are handed to the worker (a transferred buffer is emptied here).
  const resultJws = new TextDecoder().decode(jwsBytes);
  const manifestHash = sha256Hex(decodeJws(resultJws.trim()).payloadBytes);
  view.status.textContent = 'Đang kiểm tra 9 bước…';
  const report = await runWorker(view, view.section.getAttribute('data-worker') ?? '', { files, key }, Object.values(files));
  for (const check of report.checks) showCheck(view, check);
  const failed = report.checks.filter((c) => !c.ok).map((c) => c.step);
  const expected = view.section.getAttribute('data-manifest');
  if (failed.length > 0) {
    view.status.textContent = `Không đạt ở bước ${failed.join(', ')}: không thể ký xác nhận kết quả này. Hãy báo cho xã và Ban Thường trực Ủy ban Mặt trận.`;
    return undefined;
  }
  if (expected && expected !== manifestHash) {
    view.status.textContent = 'Biên bản vừa kiểm tra không phải biên bản xã đang công bố (mã băm khác): hãy tải lại trang và kiểm tra lại.';
    return undefined;
  }
  const at = new Date();
  view.status.textContent = `Cả 9 bước đều đạt (${vnAt(at.toISOString())}).`;
  return { resultJws, manifestHash, at, pinned };
}

/** What the countersign form says was checked: each of the nine checks, the key used, the manifest signed. */
export function checkedList(doc: Document, verified: Verified): Node[] {
  const intro = doc.createElement('p');
  intro.textContent = `Trang này đã tự kiểm tra kết quả lúc ${vnAt(verified.at.toISOString())}, cả 9 bước đều đạt:`;
  const list = doc.createElement('ol');
  list.id = 'cs-passed-checks';
  for (let step = 1; step <= STEP_COUNT; step++) {
    const li = doc.createElement('li');
    li.textContent = `✓ ${CHECK_NAMES_VI[step]}`;
    list.append(li);
  }
  const key = doc.createElement('p');
  key.textContent = verified.pinned
    ? 'Chữ ký của xã được kiểm tra bằng khóa bạn đã dán (khóa niêm yết).'
    : 'Chữ ký của xã được kiểm tra bằng khóa lấy từ trang web, chưa ghim khóa niêm yết: hãy so dấu vân tay ở bước 1 với khóa niêm yết tại trụ sở.';
  const hash = doc.createElement('p');
  hash.append('Bạn ký xác nhận đúng biên bản có mã băm ');
  const code = doc.createElement('code');
  code.textContent = verified.manifestHash;
  code.style.overflowWrap = 'anywhere';
  hash.append(code, '.');
  return [intro, list, key, hash];
}
