/**
 * `danban verify` on a real published round of the local system (DynamoDB Local): the road decided at a community
 * meeting (a show of hands), its decision record (Decree 59/2023 form 03) signed with their keys by the village head
 * and the head of the Front working committee, its counting record (form 02), and the contribution's schedule with
 * entries in its ledger. One changed byte of decision.json or of ledger.jsonl makes it exit 1, naming the check.
 */
import { serve } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { jwkThumbprint } from '../../shared/jws.ts';
import { DecisionRecord, RECORD_FILES, signMinutes, type MinutesRole } from '../../shared/minutes.ts';
import { holdMeeting, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `node bin/danban.mjs ...args` from the repository root, as a monitor would. */
function danban(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/danban.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const line = (step: number | string, verdict: 'PASS' | 'FAIL' | 'NONE') =>
  new RegExp(`^${{ PASS: 'ĐẠT   PASS', FAIL: 'LỖI   FAIL', NONE: 'CHƯA  NONE' }[verdict]}  ${step}\\. `, 'm');
const AFTER = ['M1', 'M2', 'M3', 'C1', 'C2', 'C3', 'C4'] as const;
const LETTERHEAD = { authority: 'UBND xã Thử Nghiệm', unit: 'Thôn Thử Nghiệm' };

async function officerKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwk: { kty, crv, x, y } as JsonWebKey,
    sign: async (input: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input)),
  };
}

/** Changes exactly one byte of a file: the first `from` after `after`, which must be there. */
function changeOneByte(path: string, after: string, from: string, to: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(from, bytes.indexOf(after));
  expect(bytes.indexOf(after)).toBeGreaterThanOrEqual(0);
  expect(at).toBeGreaterThanOrEqual(0);
  bytes[at] = to.charCodeAt(0);
  writeFileSync(path, bytes);
}

describe('danban verify on a published meeting round with its records and its contributions ledger', () => {
  let s: Awaited<ReturnType<typeof testSystem>>;
  let folder = '';
  let key = '';
  let auditFile = '';
  /** Each officer's kid, as they would write it on the paper record. */
  const kids = {} as Record<MinutesRole, string>;
  const scratch = mkdtempSync(join(tmpdir(), 'danban-verify-'));
  /** A copy of the published folder, to tamper with. */
  const copy = (name: string) => {
    const dir = join(scratch, name);
    cpSync(folder, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    s = await testSystem('danban-verify');
    const official = await s.token('official');
    const monitor = await s.token('monitor');
    const created = await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() });
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(10), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
    // 9 of 10 households at the meeting; 8 hands in favour, 1 against: 2/3 of 10 needs 7.
    const present = Array.from({ length: 9 }, (_, i) => `H-00${i + 1}`);
    const closed = await holdMeeting(s.call, official, id, present, { q1: { yes: 8, no: 1, abstain: 0 } });
    expect(closed.status, closed.text).toBe(200);

    const drafted = await s.call('POST', `/api/consultations/${id}/record/decision`, {
      token: official,
      body: {
        form: 'bien_ban',
        letterhead: LETTERHEAD,
        place: 'Nhà văn hóa Thôn Thử Nghiệm',
        meeting: { from: '2026-12-01T12:00:00Z', to: '2026-12-01T14:00:00Z' },
        summary: 'Các hộ thảo luận phương án bê tông hóa đường thôn và mức đóng góp.',
        signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Lê Văn Cường', households: ['H-001', 'H-002'] },
      },
    });
    expect(drafted.status, drafted.text).toBe(201);
    const counting = await s.call('POST', `/api/consultations/${id}/record/counting`, {
      token: official,
      body: {
        letterhead: LETTERHEAD,
        place: 'Nhà văn hóa Thôn Thử Nghiệm',
        at: '2026-12-01T13:30:00Z',
        members: [
          { name: 'Trần Thị Bình', role: 'Trưởng ban kiểm phiếu' },
          { name: 'Phạm Văn Dũng', role: 'Thành viên' },
          { name: 'Hoàng Thị Em', role: 'Thành viên' },
        ],
        witnesses: ['H-003', 'H-004'],
        spoiled: 0,
      },
    });
    expect(counting.status, counting.text).toBe(201);
    const record = DecisionRecord.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/${RECORD_FILES.decision}`))!)));
    for (const role of ['village_head', 'front_head'] as MinutesRole[]) {
      const k = await officerKey();
      kids[role] = jwkThumbprint(k.jwk);
      const jws = await signMinutes({ minutes: record, role, at: '2026-12-02T02:00:00Z', jwk: k.jwk }, k.sign);
      const r = await s.call('POST', `/api/consultations/${id}/record/signatures`, { token: role === 'front_head' ? monitor : official, body: { jws } });
      expect(r.status, r.text).toBe(201);
    }

    for (const entry of [
      { type: 'collection', rollId: 'H-003', amount: 300_000, date: '2027-01-05', receiptNo: '0001' },
      { type: 'collection', rollId: 'H-004', amount: 300_000, date: '2027-01-05', receiptNo: '0002' },
      { type: 'spending', amount: 250_000, date: '2027-01-06', purpose: 'Mua xi măng' },
    ]) {
      expect((await s.call('POST', `/api/consultations/${id}/contributions/entries`, { token: official, body: entry })).status).toBe(201);
    }

    folder = join(s.dataDir, 'site', 'c', id);
    key = join(s.dataDir, 'site', 'keys', `${s.kid}.pem`);
    // The live audit log, as a monitor downloads it from the API.
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor });
    expect(audit.status).toBe(200);
    auditFile = join(scratch, 'audit.json');
    writeFileSync(auditFile, audit.text);
  });
  afterAll(() => {
    s?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('exits 0 on the published folder: the 9 checks, then the records and the contributions, all passing', async () => {
    const { code, stdout, stderr } = await danban('verify', folder, '--key', key, '--audit', auditFile);
    expect(stderr).toBe('');
    for (let step = 1; step <= 9; step++) expect(stdout).toMatch(line(step, 'PASS'));
    expect(stdout).toContain('recounting the ballots gives the tally: giơ tay / show of hands: q1: adopted yes');
    for (const step of AFTER) expect(stdout).toMatch(line(step, 'PASS'));
    // No scan of the paper record signed by hand is published: nothing to check, nothing failed.
    expect(stdout).toMatch(line('M4', 'NONE'));
    expect(stdout).toContain('byte for byte: decision.json, counting.json');
    expect(stdout).toContain(
      `Đã ký đủ: Trưởng thôn (khóa ${kids.village_head}), Trưởng ban công tác Mặt trận (khóa ${kids.front_head}) / ` +
        `signed by all: village head (key ${kids.village_head}), head of the Front working committee (key ${kids.front_head})`,
    );
    expect(stdout).toContain('3 mục, 0 báo cáo; đã thu 600.000 trên 2.700.000 đồng, đã chi 250.000 đồng');
    expect(stdout).toMatch(/KẾT QUẢ HỢP LỆ — all checks passed\n$/);
    expect(code).toBe(0);
  });

  it('without the live log the schedule’s hash is not compared, which fails nothing; --json carries the later checks', async () => {
    const { code, stdout } = await danban('verify', folder, '--key', key, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { ok: boolean; checks: unknown[]; after: { ok: boolean; checks: { step: string; ok: boolean; absent?: boolean }[] } };
    expect(report.ok).toBe(true);
    expect(report.checks).toHaveLength(9);
    expect(report.after.checks.map((c) => [c.step, c.ok, c.absent ?? false])).toEqual([
      ['M1', true, false],
      ['M2', true, false],
      ['M3', true, false],
      ['M4', true, true],
      ['C1', true, false],
      ['C2', true, false],
      ['C3', true, false],
      ['C4', true, true],
      ['R1', true, true],
    ]);
  });

  it('--record-key pins each role’s key: exit 0 when every signer used the key written on the paper record', async () => {
    const { code, stdout, stderr } = await danban(
      'verify',
      folder,
      '--key',
      key,
      '--audit',
      auditFile,
      '--record-key',
      `village_head=${kids.village_head}`,
      '--record-key',
      `front_head=${kids.front_head}`,
    );
    expect(stderr).toBe('');
    expect(stdout).toMatch(line('M3', 'PASS'));
    expect(stdout).toContain(`Trưởng thôn (khóa ${kids.village_head}, đúng khóa đã ghi)`);
    expect(stdout).toContain(`head of the Front working committee (key ${kids.front_head}, the pinned key)`);
    expect(code).toBe(0);
  });

  it('--record-key with another key than the one that signed fails M3 naming both kids, and exits 1', async () => {
    const { code, stdout, stderr } = await danban(
      'verify',
      folder,
      '--key',
      key,
      '--audit',
      auditFile,
      '--record-key',
      `village_head=${kids.front_head}`,
      '--json',
    );
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as { ok: boolean; checks: { ok: boolean }[]; after: { checks: { step: string; ok: boolean; detail: string }[] } };
    expect(report.ok).toBe(false);
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(report.after.checks.filter((c) => !c.ok).map((c) => c.step)).toEqual(['M3']);
    expect(report.after.checks.find((c) => c.step === 'M3')!.detail).toBe(
      `chữ ký của Trưởng thôn là của khóa ${kids.village_head}, không phải khóa đã ghi ${kids.front_head} / the village head's signature is by key ${kids.village_head}, not the pinned key ${kids.front_head}`,
    );
    expect(code).toBe(1);
  });

  it('--record-key for a role that has not signed yet fails nothing', async () => {
    const dir = copy('unsigned-front');
    rmSync(join(dir, RECORD_FILES.signature('front_head')));
    const { code, stdout } = await danban(
      'verify',
      dir,
      '--key',
      key,
      '--audit',
      auditFile,
      '--record-key',
      `front_head=${kids.village_head}`,
      '--record-key',
      `village_head=${kids.village_head}`,
    );
    expect(stdout).toMatch(line('M3', 'PASS'));
    expect(stdout).toContain('chưa ký: Trưởng ban công tác Mặt trận / signed: ');
    expect(stdout).toContain('not signed yet: head of the Front working committee');
    expect(code).toBe(0);
  });

  it('reads the same files from the site’s URL as from its folder', async () => {
    const server = serve({ fetch: s.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/c/${folder.split('/').at(-1)}/`;
      const { code, stdout, stderr } = await danban('verify', url, '--key', key, '--audit', auditFile);
      expect(stderr).toBe('');
      for (const step of AFTER) expect(stdout).toMatch(line(step, 'PASS'));
      expect(code).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('from the site’s URL without a pinned key refuses (exit 2) unless --trust-site-key is given, which passes with a warning', async () => {
    const server = serve({ fetch: s.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/c/${folder.split('/').at(-1)}/`;
      const refused = await danban('verify', url, '--audit', auditFile);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^danban: chưa ghim khóa của xã\./);
      expect(refused.stderr).toContain('--trust-site-key');
      expect(refused.stderr).toContain('danban: no pinned key.');
      const trusted = await danban('verify', url, '--trust-site-key', '--audit', auditFile);
      expect(trusted.stderr).toBe('');
      expect(trusted.stdout).toMatch(line(1, 'PASS'));
      expect(trusted.stdout).toContain("cảnh báo / warning: the key was taken from the site's JWKS by its kid, not pinned");
      expect(trusted.code).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('exits 1 after one byte of decision.json is changed, failing the record’s checks, not the result’s', async () => {
    const dir = copy('decision');
    // 10 households on the roll become 11.
    changeOneByte(join(dir, RECORD_FILES.decision), '"total":', '0', '1');
    const { code, stdout, stderr } = await danban('verify', dir, '--key', key, '--audit', auditFile);
    expect(stderr).toBe('');
    for (let step = 1; step <= 9; step++) expect(stdout).toMatch(line(step, 'PASS'));
    expect(stdout).toMatch(line('M1', 'PASS'));
    expect(stdout).toMatch(line('M2', 'FAIL'));
    expect(stdout).toMatch(line('M3', 'FAIL'));
    for (const step of ['C1', 'C2', 'C3', 'C4']) expect(stdout).toMatch(line(step, 'PASS'));
    expect(stdout).toMatch(/decision\.json khác bản lập lại ở: households/);
    expect(stdout).toMatch(/verification failed: the result holds, the records or the contributions do not\n$/);
    expect(code).toBe(1);
  });

  it('exits 1 after one byte of ledger.jsonl is changed, failing the ledger’s chain', async () => {
    const dir = copy('ledger');
    // The first collection, 300,000 dong, becomes 900,000.
    changeOneByte(join(dir, 'contributions', 'ledger.jsonl'), '"amount":', '3', '9');
    const { code, stdout, stderr } = await danban('verify', dir, '--key', key, '--audit', auditFile);
    expect(stderr).toBe('');
    for (const step of ['M1', 'M2', 'M3', 'C1', 'C4']) expect(stdout).toMatch(line(step, 'PASS'));
    expect(stdout).toMatch(line('C3', 'FAIL'));
    expect(stdout).toMatch(/line 1: hash does not recompute/);
    // The published csv still says 300,000: it no longer matches the ledger as it now reads.
    expect(stdout).toMatch(line('C2', 'FAIL'));
    expect(code).toBe(1);
  });
});
