import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../scripts/make-vectors/build.ts';
import { expected, folderOf } from '../support/vectors.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEY = `test/vectors/${expected.key.pem}`;

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

const line = (step: number, ok: boolean) => new RegExp(`^${ok ? 'ĐẠT   PASS' : 'LỖI   FAIL'}  ${step}\\. `, 'm');
const STACK = /^\s+at /m;

describe.concurrent('danban verify on the test vectors', { timeout: 30_000 }, () => {
  it('passes the good bundle: exit 0, each of the 9 checks printed as passing', async () => {
    const { code, stdout, stderr } = await danban('verify', 'test/vectors/good', '--key', KEY);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const step of STEPS) expect(stdout).toMatch(line(step, true));
    expect(stdout).not.toMatch(/FAIL/);
    expect(stdout).toMatch(/all checks passed/);
  });

  it('prints the inclusion proof of a voter receipt, node by node', async () => {
    const { code, stdout } = await danban('verify', 'test/vectors/good', '--key', KEY, '--receipt', expected.receipt.receipt.toUpperCase());
    expect(code).toBe(0);
    expect(stdout).toContain(`Biên nhận ${expected.receipt.receipt} có trong kết quả`);
    const proof = stdout
      .split('\n')
      .filter((l) => /^ {2}[0-9a-f]{64}$/.test(l))
      .map((l) => l.trim());
    expect(proof).toEqual(expected.receipt.proof);
  });

  it.each(Object.entries(expected.copies).filter(([name]) => name !== 'good'))('exits 1 on tampered/%s, naming the failing check', async (name, copy) => {
    const { code, stdout, stderr } = await danban('verify', `test/vectors/${folderOf(name)}`, '--key', KEY);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    for (const step of STEPS) expect(stdout).toMatch(line(step, copy.checks[step]!));
    expect(stdout).toMatch(/verification failed/);
  });

  it('--json prints the report as JSON', async () => {
    const { code, stdout } = await danban('verify', 'test/vectors/tampered/8-audit', '--key', KEY, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    expect(Object.fromEntries(report.checks.map((c: { step: number; ok: boolean }) => [String(c.step), c.ok]))).toEqual(expected.copies['8-audit']!.checks);
  });

  it('without a folder, prints the usage and exits 2', async () => {
    const { code, stdout } = await danban('verify');
    expect(code).toBe(2);
    expect(stdout).toMatch(/usage/);
  });

  it('without a pinned key or --trust-site-key refuses: exit 2, Vietnamese first then English, nothing checked', async () => {
    for (const args of [
      ['verify', 'test/vectors/good'],
      ['verify-group', 'test/vectors/good'],
    ]) {
      const { code, stdout, stderr } = await danban(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^danban: chưa ghim khóa của xã\. Hãy chép khóa công khai của xã từ bảng tin/);
      expect(stderr.indexOf('danban: no pinned key.')).toBeGreaterThan(stderr.indexOf('chưa ghim khóa'));
      expect(stderr).toContain('--trust-site-key');
      expect(stderr).not.toMatch(STACK);
    }
  });

  it('with --trust-site-key and no key runs the checks as before: a folder that carries no key fails step 1, exit 1', async () => {
    const { code, stdout } = await danban('verify', 'test/vectors/good', '--trust-site-key');
    expect(code).toBe(1);
    expect(stdout).toMatch(line(1, false));
    expect(stdout).toMatch(line(2, true));
  });

  it('an unknown option exits 2 with one line naming it, no stack trace', async () => {
    const { code, stdout, stderr } = await danban('verify', 'test/vectors/good', '--kee', KEY);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^danban: Unknown option '--kee'/);
    expect(stderr).not.toMatch(STACK);
  });

  it('a key file that does not exist exits 2 naming it, no stack trace', async () => {
    const { code, stderr } = await danban('verify', 'test/vectors/good', '--key', 'test/vectors/keys/absent.pem');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^danban: .*absent\.pem/);
    expect(stderr).not.toMatch(STACK);
  });

  it('a folder that does not exist is reported as such, exit 2, not as an invalid result', async () => {
    const { code, stdout, stderr } = await danban('verify', 'test/vectors/absent', '--key', KEY);
    expect(code).toBe(2);
    expect(stderr).toMatch(/absent/);
    expect(stdout).not.toMatch(/KHÔNG HỢP LỆ/);
  });

  /** Six runs of the CLI one after another, each a fresh Node process: more than the default 30 s on a busy machine. */
  const SIX_RUNS_MS = 120_000;
  it(
    '--record-key takes ROLE=KID for the village head or the head of the Front working committee: anything else exits 2 naming it, no stack trace',
    async () => {
      const kid = expected.key.kid;
      for (const [given, says] of [
        [`chair=${kid}`, /the role must be village_head, front_head/],
        [kid, /the role must be village_head, front_head/],
        ['village_head=abc', /the kid must be 43 base64url characters/],
      ] as const) {
        const { code, stdout, stderr } = await danban('verify', 'test/vectors/good', '--key', KEY, '--record-key', given);
        expect(code, given).toBe(2);
        expect(stdout, given).toBe('');
        expect(stderr, given).toMatch(/^danban: --record-key /);
        expect(stderr, given).toMatch(says);
        expect(stderr, given).not.toMatch(STACK);
      }
      const twice = await danban(
        'verify',
        'test/vectors/good',
        '--key',
        KEY,
        '--record-key',
        `front_head=${kid}`,
        '--record-key',
        `front_head=${'A'.repeat(43)}`,
      );
      expect(twice.code).toBe(2);
      expect(twice.stderr).toMatch(/two keys for front_head/);
      // The earlier name is read the same way, and names itself in what it says.
      const earlier = await danban('verify', 'test/vectors/good', '--key', KEY, '--minutes-key', `front=${kid}`);
      expect(earlier.code).toBe(2);
      expect(earlier.stderr).toMatch(/^danban: --minutes-key front=.*the role must be village_head, front_head/);
      const both = await danban(
        'verify',
        'test/vectors/good',
        '--key',
        KEY,
        '--record-key',
        `village_head=${kid}`,
        '--minutes-key',
        `village_head=${'A'.repeat(43)}`,
      );
      expect(both.code).toBe(2);
      expect(both.stderr).toMatch(/two keys for village_head/);
    },
    SIX_RUNS_MS,
  );

  it('a pinned record key on a result with no record yet fails nothing, and the usage names the option', async () => {
    for (const flag of ['--record-key', '--minutes-key']) {
      const { code, stdout } = await danban('verify', 'test/vectors/good', '--key', KEY, flag, `front_head=${expected.key.kid}`);
      expect(stdout, flag).toMatch(/all checks passed/);
      expect(stdout, flag).toMatch(/CHƯA {2}NONE {2}M1\. /);
      expect(code, flag).toBe(0);
    }
    const usage = await danban('verify');
    expect(usage.stdout).toContain('[--record-key VAI=KID]');
    expect(usage.stdout).toContain('--record-key VAI=KID (tên cũ: --minutes-key): khóa ký số văn bản quyết định của một vai');
    expect(usage.stdout).toContain('--record-key VAI=KID (earlier name: --minutes-key): pins the decision record');
    expect(usage.stdout).toContain('(--key khoa.pem|jwks.json | --trust-site-key)');
    expect(usage.stdout).toContain('--trust-site-key: chấp nhận khóa do chính trang web đưa ra');
    expect(usage.stdout).toContain("unless --trust-site-key: accept the site's own key");
    expect(usage.stdout).toContain('village_head: Trưởng');
  });

  it('reads the scans of the paper record in record/scans/ of a folder: M4 passes a scan named by its hash and fails another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'danban-scans-'));
    try {
      cpSync('test/vectors/good', dir, { recursive: true });
      mkdirSync(join(dir, 'record', 'scans'), { recursive: true });
      const scan = Buffer.from('%PDF-1.4 the decision record, signed by hand');
      const sha = createHash('sha256').update(scan).digest('hex');
      writeFileSync(join(dir, 'record', 'scans', `${sha}.pdf`), scan);
      const good = await danban('verify', dir, '--key', KEY);
      expect(good.stdout).toMatch(/^ĐẠT {3}PASS {2}M4\. .*1 bản chụp khớp tên tệp/m);
      expect(good.code).toBe(0);
      writeFileSync(join(dir, 'record', 'scans', `${'0'.repeat(64)}.pdf`), scan);
      const bad = await danban('verify', dir, '--key', KEY);
      expect(bad.stdout).toMatch(new RegExp(`^LỖI {3}FAIL {2}M4\\. .*record/scans/${'0'.repeat(64)}\\.pdf hashes to ${sha}, not its name`, 'm'));
      expect(bad.stdout).toMatch(/verification failed: the result holds, the records or the contributions do not\n$/);
      expect(bad.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a malformed receipt exits non-zero, saying it is not 64 hex characters', async () => {
    const { code, stdout, stderr } = await danban('verify', 'test/vectors/good', '--key', KEY, '--receipt', 'abc123');
    expect(code).toBe(2);
    expect(stderr).toMatch(/64 hex characters/);
    expect(stdout + stderr).not.toMatch(STACK);
  });
});
