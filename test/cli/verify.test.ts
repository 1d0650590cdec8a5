import { spawn } from 'node:child_process';
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

  it('--minutes-key takes ROLE=KID for the chair, the secretary or the Front: anything else exits 2 naming it, no stack trace', async () => {
    const kid = expected.key.kid;
    for (const [given, says] of [
      [`mayor=${kid}`, /the role must be chair, secretary, front/],
      [kid, /the role must be chair, secretary, front/],
      ['chair=abc', /the kid must be 43 base64url characters/],
    ] as const) {
      const { code, stdout, stderr } = await danban('verify', 'test/vectors/good', '--key', KEY, '--minutes-key', given);
      expect(code, given).toBe(2);
      expect(stdout, given).toBe('');
      expect(stderr, given).toMatch(/^danban: --minutes-key /);
      expect(stderr, given).toMatch(says);
      expect(stderr, given).not.toMatch(STACK);
    }
    const twice = await danban('verify', 'test/vectors/good', '--key', KEY, '--minutes-key', `chair=${kid}`, '--minutes-key', `chair=${'A'.repeat(43)}`);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/two keys for chair/);
  });

  it('a pinned minutes key on a result with no minutes yet fails nothing, and the usage names the option', async () => {
    const { code, stdout } = await danban('verify', 'test/vectors/good', '--key', KEY, '--minutes-key', `front=${expected.key.kid}`);
    expect(stdout).toMatch(/all checks passed/);
    expect(code).toBe(0);
    const usage = await danban('verify');
    expect(usage.stdout).toContain('[--minutes-key VAI=KID]');
    expect(usage.stdout).toContain('--minutes-key VAI=KID: khóa ký biên bản của một vai');
    expect(usage.stdout).toContain('--minutes-key VAI=KID: pins the minutes signing key of a role');
  });

  it('a malformed receipt exits non-zero, saying it is not 64 hex characters', async () => {
    const { code, stdout, stderr } = await danban('verify', 'test/vectors/good', '--key', KEY, '--receipt', 'abc123');
    expect(code).toBe(2);
    expect(stderr).toMatch(/64 hex characters/);
    expect(stdout + stderr).not.toMatch(STACK);
  });
});
