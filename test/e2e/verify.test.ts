import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { jwkThumbprint } from '../../shared/jws.ts';
import { DecisionRecord, type MinutesRole, signMinutes } from '../../shared/minutes.ts';
import { AFTER_FILES } from '../../shared/verify-after/index.ts';
import { RECORD_PAGES } from '../../shared/verify-after/scan-links.ts';
import { verifyPage } from '../../web/verify/page.tsx';
import { COUNTING, officerKey, RECORD } from '../support/record-round.ts';
import { holdMeeting } from '../support/system.ts';
import { launchChromium, MONITOR, PHONE, phonePage, serveSystem, sidewaysOverflow, type ServedSystem } from './browser.ts';
import { castByApi, closeRound, meetingRound, openRound } from './round.ts';

const VECTORS = fileURLToPath(new URL('../vectors/', import.meta.url));
const expected = JSON.parse(readFileSync(join(VECTORS, 'expected.json'), 'utf8')) as {
  key: { kid: string; pem: string };
  copies: Record<string, { checks: Record<string, boolean> }>;
};

/** Pastes the pinned key (and a receipt), presses verify and waits for the summary; returns each row's state. */
async function verifyInPage(page: Page, pem: string, receipt?: string) {
  await page.getByLabel(/Khóa công khai của xã/).fill(pem);
  if (receipt) await page.getByLabel(/Mã biên nhận của phiếu/).fill(receipt);
  // Enabled by the page's script once it finds a Worker and WebCrypto (127.0.0.1 is a secure context).
  await page.getByRole('button', { name: 'Kiểm tra / Verify' }).click();
  const summary = page.locator('#summary');
  await summary.waitFor({ state: 'visible', timeout: 30_000 });
  const rows: Record<string, string | null> = {};
  for (let step = 1; step <= 9; step++) rows[step] = await page.locator(`#check-${step}`).getAttribute('data-state');
  // A verify.html written before the later checks existed has no rows for them.
  const after: Record<string, string | null> = {};
  if ((await page.locator('#after-checks').count()) > 0) {
    for (const step of AFTER) after[step] = await page.locator(`#check-${step}`).getAttribute('data-state');
  }
  return { rows, after, summary: await summary.innerText(), verdict: await summary.getAttribute('data-state') };
}

/** The checks of the decision record, the counting record and the contributions, after the bundle's nine. */
const AFTER = ['M1', 'M2', 'M3', 'M4', 'C1', 'C2', 'C3', 'C4', 'R1'] as const;
const ALL_NINE = { 1: 'pass', 2: 'pass', 3: 'pass', 4: 'pass', 5: 'pass', 6: 'pass', 7: 'pass', 8: 'pass', 9: 'pass' };

/**
 * A contribution decided at a meeting by show of hands (5 of 6 households in favour), closed and published; its
 * decision record and counting record drafted, the decision record signed with a key by both officers and a scan of
 * its paper copy published, and two entries in its ledger; returns its id, each officer's kid and the scan's name.
 */
async function roundWithRecordAndLedger(site: ServedSystem, title: string) {
  const official = await site.officialToken();
  const monitor = await site.issuer.issue(MONITOR);
  const { id } = await openRound(site, official, 6, meetingRound(title));
  const call = (method: string, path: string, opts: { body?: unknown; token?: string } = {}) =>
    site.api(method, path, opts.body, opts.token ? { token: opts.token } : {});
  const present = ['H-001', 'H-002', 'H-003', 'H-004', 'H-005', 'H-006'];
  const closed = await holdMeeting(call, official, id, present, { q1: { yes: 5, no: 1, abstain: 0 } });
  expect(closed.status, closed.text).toBe(200);
  expect((await site.api('POST', `/api/consultations/${id}/record/decision`, RECORD, { token: official })).status).toBe(201);
  expect((await site.api('POST', `/api/consultations/${id}/record/counting`, COUNTING, { token: official })).status).toBe(201);
  const record = DecisionRecord.parse(JSON.parse(fromUtf8(readFileSync(join(site.siteDir, 'c', id, 'record', 'decision.json')))));
  const kids = {} as Record<MinutesRole, string>;
  for (const role of ['village_head', 'front_head'] as MinutesRole[]) {
    const k = await officerKey();
    kids[role] = jwkThumbprint(k.jwk);
    const jws = await signMinutes({ minutes: record, role, at: '2026-12-02T02:00:00Z', jwk: k.jwk }, k.sign);
    const token = role === 'front_head' ? monitor : official;
    expect((await site.api('POST', `/api/consultations/${id}/record/signatures`, { jws }, { token })).status).toBe(201);
  }
  const scan = await fetch(`${site.origin}/api/consultations/${id}/record/scans?document=decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${official}`, 'content-type': 'application/pdf' },
    body: utf8(`%PDF-1.4 the decision record of ${title}, signed by hand`),
  });
  expect(scan.status).toBe(201);
  const scanFile = ((await scan.json()) as { file: string }).file;
  for (const entry of [
    { type: 'collection', rollId: 'H-002', amount: 300_000, date: '2027-01-05', receiptNo: '0001' },
    { type: 'spending', amount: 100_000, date: '2027-01-06', purpose: 'Mua cát' },
  ]) {
    expect((await site.api('POST', `/api/consultations/${id}/contributions/entries`, entry, { token: official })).status).toBe(201);
  }
  return { id, kids, scanFile };
}

// Started as the file loads, so that without a working Chromium the file fails; in a beforeAll its tests would
// only be reported as skipped.
const browser = await launchChromium();

describe('the verify page in Chromium, on a real round and on tampered test vectors', () => {
  let site: ServedSystem;

  beforeAll(async () => {
    site = await serveSystem('verify');
  });
  afterAll(async () => {
    await browser.close();
    await site?.close();
  });

  it('passes all 9 checks on the published bundle of a real round, with the pinned key and a voter’s receipt', async () => {
    const token = await site.officialToken();
    const { id, codes } = await openRound(site, token, 6);
    const receipts = [
      await castByApi(site, id, codes[0]!, { q1: 'yes', q2: 'truong', q3: ['sang', 'toi'] }),
      await castByApi(site, id, codes[1]!, { q1: 'yes', q2: 'dinh', q3: ['chieu'] }),
      await castByApi(site, id, codes[2]!, { q1: 'no', q2: 'abstain', q3: [] }),
      await castByApi(site, id, codes[3]!, { q1: 'abstain', q2: 'truong', q3: ['toi'] }),
    ];
    await closeRound(site, token, id);

    const { page, errors, close } = await phonePage(browser);
    await page.goto(`${site.origin}/c/${id}/verify.html`);
    const pem = await (await fetch(`${site.origin}/keys/${site.kid}.pem`)).text();
    expect(pem).toContain('-----BEGIN PUBLIC KEY-----');
    const result = await verifyInPage(page, pem, receipts[2]);
    expect(result.rows).toEqual(ALL_NINE);
    // An opinion round with no record yet: nothing published after the result, nothing failed.
    expect(result.after).toEqual(Object.fromEntries(AFTER.map((step) => [step, 'absent'])));
    expect(result.verdict).toBe('pass');
    expect(result.summary).toContain('Kết quả hợp lệ: cả 9 bước đều đạt.');
    // A pinned key leaves nothing to warn about.
    expect(result.summary).not.toContain('cảnh báo');
    // The receipt's inclusion proof is shown.
    await expect(page.locator('#inclusion').isVisible()).resolves.toBe(true);
    await expect(page.locator('#inclusion-receipt').innerText()).resolves.toBe(receipts[2]);
    await expect(page.locator('#inclusion-position').innerText()).resolves.toMatch(/^\d \/ 4$/);
    // After the run, fingerprints, hashes and the audit path wrap: nothing is wider than a 360 px screen.
    const { overflow, culprits } = await sidewaysOverflow(page);
    expect(culprits, 'wider than the screen').toEqual([]);
    expect(overflow).toBe(0);
    const widths = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
    expect(widths[1]).toBe(PHONE.width);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    // Each check's detail: a Vietnamese line first, the verifier's English under it.
    const detail = (step: number) => page.locator(`#check-${step} .detail`).innerText();
    await expect(detail(2)).resolves.toMatch(/^\d+ tệp khớp với mã băm trong biên bản\n\d+ files match the manifest$/);
    await expect(detail(9)).resolves.toBe('Chưa có chữ ký xác nhận nào\nno attestations');
    await expect(page.locator('#check-1 .detail span').first().getAttribute('lang')).resolves.toBe('vi');

    // Again with no key pinned: the site's own key is used, and the warning names its fingerprint, which wraps.
    await page.getByLabel(/Khóa công khai của xã/).fill('');
    await page.getByLabel(/Mã biên nhận của phiếu/).fill('');
    await page.getByRole('button', { name: 'Kiểm tra / Verify' }).click();
    await expect.poll(async () => page.locator('#summary').innerText(), { timeout: 30_000 }).toContain('Có cảnh báo ở bước 1');
    const warning = await page.locator('#check-1 .warnings li').innerText();
    expect(warning).toContain(`Khóa được lấy từ chính trang web này, không phải khóa bạn ghim: hãy so dấu vân tay ${site.kid}`);
    expect(warning.indexOf('Khóa được lấy')).toBeLessThan(warning.indexOf('Warning:'));
    const again = await sidewaysOverflow(page);
    expect(again.culprits, 'wider than the screen').toEqual([]);
    expect(again.overflow).toBe(0);
    const widthsAgain = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
    expect(widthsAgain[0]).toBeLessThanOrEqual(widthsAgain[1]);
    expect(errors).toEqual([]);
    await close();
  });

  it('checks the signed record, its scan and the contributions ledger after the nine, and fails what a changed byte touches', async () => {
    const { id, kids, scanFile } = await roundWithRecordAndLedger(site, 'Bê tông hóa đường Thôn Đông, lần 2');
    const pem = await (await fetch(`${site.origin}/keys/${site.kid}.pem`)).text();

    const first = await phonePage(browser);
    const requests: Request[] = [];
    first.page.on('request', (r) => requests.push(r));
    await first.page.goto(`${site.origin}/c/${id}/verify.html`);
    const good = await verifyInPage(first.page, pem);
    expect(good.rows).toEqual(ALL_NINE);
    // The page has no live audit log to compare the schedule's hash with: C4 is told, not failed.
    expect(good.after).toEqual({ M1: 'pass', M2: 'pass', M3: 'pass', M4: 'pass', C1: 'pass', C2: 'pass', C3: 'pass', C4: 'absent', R1: 'absent' });
    expect(good.verdict).toBe('pass');
    expect(good.summary).toContain('Văn bản quyết định, sổ đóng góp: 7 bước đã kiểm tra, 2 chưa công bố.');
    // Each signer's kid, to compare with the paper copy.
    await expect(first.page.locator('#check-M3 .detail').innerText()).resolves.toContain(
      `Đã ký đủ: Trưởng thôn (khóa ${kids.village_head}), Trưởng ban công tác Mặt trận (khóa ${kids.front_head})`,
    );
    // The scan the record's page links was fetched and hashes to its name.
    await expect(first.page.locator('#check-M4 .detail').innerText()).resolves.toContain('1 bản chụp khớp tên tệp');
    // The files published after the result are fetched past the browser's cache (their requests say no-cache, as
    // the Fetch standard has a no-store request do), so that a csv and a ledger do not come from different minutes;
    // the bundle's files, fixed at close, and a scan, named by its hash, may come from it.
    const requested = async (name: string) => {
      const found = requests.find((r) => new URL(r.url()).pathname === `/c/${id}/${name}`);
      expect(found, name).toBeDefined();
      return (await found!.allHeaders())['cache-control'];
    };
    for (const name of [...AFTER_FILES, ...RECORD_PAGES]) expect(await requested(name), name).toBe('no-cache');
    for (const name of ['result.jws', 'ballots.json', scanFile]) expect(await requested(name), name).toBeUndefined();
    await expect(first.page.locator('#check-C4 .state').innerText()).resolves.toBe('– Chưa công bố / Not published yet');
    expect(first.errors).toEqual([]);
    await first.close();

    // One byte of the ledger: the collection of 300,000 dong becomes 900,000.
    const ledgerPath = join(site.siteDir, 'c', id, 'contributions', 'ledger.jsonl');
    const ledger = readFileSync(ledgerPath);
    const at = ledger.indexOf('300000', ledger.indexOf('"amount":'));
    expect(at).toBeGreaterThan(0);
    ledger[at] = '9'.charCodeAt(0);
    writeFileSync(ledgerPath, ledger);
    // And one byte of the scan: it no longer hashes to its name.
    const scanPath = join(site.siteDir, 'c', id, scanFile);
    const scan = readFileSync(scanPath);
    scan[scan.length - 1] = '!'.charCodeAt(0);
    writeFileSync(scanPath, scan);

    // A new context, so that nothing comes from the first one's cache.
    const second = await phonePage(browser);
    await second.page.goto(`${site.origin}/c/${id}/verify.html`);
    const bad = await verifyInPage(second.page, pem);
    expect(bad.rows).toEqual(ALL_NINE);
    expect(bad.after).toEqual({ M1: 'pass', M2: 'pass', M3: 'pass', M4: 'fail', C1: 'pass', C2: 'fail', C3: 'fail', C4: 'absent', R1: 'absent' });
    expect(bad.verdict).toBe('fail');
    expect(bad.summary).toContain('KHÔNG hợp lệ: bước M4, C2, C3 không đạt; kết quả đã ký vẫn đúng.');
    await expect(second.page.locator('#check-M4 .detail').innerText()).resolves.toContain(`${scanFile} hashes to`);
    await expect(second.page.locator('#check-C3 .state').innerText()).resolves.toBe('✗ Không đạt / Fail');
    await expect(second.page.locator('#check-C3 .detail').innerText()).resolves.toContain('line 1: hash does not recompute');
    expect(second.errors).toEqual([]);
    await second.close();
  });

  it('still runs the 9 checks on a verify.html written before the later checks existed (the script is newer than the page)', async () => {
    // assets/verify.js is replaced at every deploy; each consultation's verify.html is written once, at close. A page
    // of that time is today's without the section of the record and the contributions.
    const { id } = await roundWithRecordAndLedger(site, 'Bê tông hóa đường Thôn Đông, lần 3');
    const path = join(site.siteDir, 'c', id, 'verify.html');
    const html = readFileSync(path, 'utf8');
    const list = html.indexOf('<ul class="checks" id="after-checks"');
    const from = html.lastIndexOf('<h3>', list);
    const to = html.indexOf('</ul>', list) + '</ul>'.length;
    expect(list).toBeGreaterThan(0);
    expect(html.slice(from, list)).toContain('Văn bản quyết định, biên bản kiểm phiếu và sổ đóng góp');
    const old = html.slice(0, from) + html.slice(to);
    expect(old).not.toContain('after-checks');
    expect(old).not.toContain('id="check-M1"');
    expect(old).toContain('id="check-9"');
    expect(old).toContain('id="summary"');
    writeFileSync(path, old);

    const { page, errors, close } = await phonePage(browser);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${site.origin}/c/${id}/verify.html`);
    const pem = await (await fetch(`${site.origin}/keys/${site.kid}.pem`)).text();
    const result = await verifyInPage(page, pem);
    expect(result.rows).toEqual(ALL_NINE);
    expect(result.after).toEqual({});
    expect(result.verdict).toBe('pass');
    // The summary such a page always showed: the nine checks, nothing of what it has no rows for.
    expect(result.summary).toBe('Kết quả hợp lệ: cả 9 bước đều đạt. / The result verifies: every check passes.');
    expect(requested).toContain(`/c/${id}/result.jws`);
    // Nothing of the record either: no file, no page, no scan.
    for (const name of AFTER_FILES) expect(requested, name).not.toContain(`/c/${id}/${name}`);
    expect(requested.filter((path) => path.startsWith(`/c/${id}/record/`))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  // Copies of test/vectors made to fail one check each, put in the site folder with their verify page.
  for (const [copy, step] of [
    ['7-tally', 7],
    ['3-receipt', 3],
  ] as const) {
    it(`fails naming check ${step} on the tampered copy ${copy}, and passes the other eight`, async () => {
      const folder = `c/vectors-${copy}/`;
      const dir = join(site.siteDir, folder);
      cpSync(join(VECTORS, 'tampered', copy), dir, { recursive: true });
      const consultation = JSON.parse(readFileSync(join(dir, 'consultation.json'), 'utf8'));
      writeFileSync(join(dir, 'verify.html'), verifyPage({ consultation, kid: expected.key.kid, url: `${site.origin}/${folder}` }));

      const { page, errors, close } = await phonePage(browser);
      await page.goto(`${site.origin}/${folder}verify.html`);
      const result = await verifyInPage(page, readFileSync(join(VECTORS, expected.key.pem), 'utf8'));
      const want = Object.fromEntries(Object.entries(expected.copies[copy]!.checks).map(([n, ok]) => [n, ok ? 'pass' : 'fail']));
      expect(want[step]).toBe('fail');
      expect(result.rows).toEqual(want);
      expect(result.verdict).toBe('fail');
      expect(result.summary).toContain(`KHÔNG hợp lệ: bước ${step} không đạt.`);
      await expect(page.locator(`#check-${step} .state`).innerText()).resolves.toBe('✗ Không đạt / Fail');
      await expect(page.locator(`#check-${step} .detail`).innerText()).resolves.not.toBe('');
      expect(errors).toEqual([]);
      await close();
    });
  }
});
