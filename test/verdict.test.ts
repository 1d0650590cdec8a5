/**
 * The closing line cannot lie: the summary reporter (test/support/summary-reporter.ts) run over fixture suites that
 * break in each way a real run can (test/verdict-fixtures/), each in its own vitest process.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function run(fixture: string, env: Record<string, string> = {}): { line: string | undefined; status: number | null } {
  const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/verdict-fixtures/vitest.config.ts', fixture], {
    cwd: root,
    env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = `${r.stdout}\n${r.stderr}`.replace(ANSI, '').split('\n');
  return { line: lines.filter((l) => /^\d+ passed, \d+ failed$/.test(l)).at(-1), status: r.status };
}

describe('the verdict of a run', () => {
  it.each([
    ['passing.fixture.ts', '2 passed, 0 failed', 0],
    // vitest reports the two tests of the suite as skipped; they never ran, and the hook's error is one more failure.
    ['before-all-throws.fixture.ts', '1 passed, 3 failed', 1],
    ['unhandled.fixture.ts', '1 passed, 1 failed', 1],
    ['crash.fixture.ts', '0 passed, 1 failed', 1],
    ['import-fails.fixture.ts', '0 passed, 1 failed', 1],
    // vitest itself exits 0 here; .ci/run turns a failed count into a failed exit.
    ['skipped.fixture.ts', '1 passed, 1 failed', 0],
  ])(
    '%s ends with "%s"',
    (fixture, line, status) => {
      const r = run(fixture);
      expect(r.line).toBe(line);
      expect(r.status).toBe(status);
    },
    90_000,
  );

  it('a global setup that throws is a failure, not an empty run', () => {
    const r = run('passing.fixture.ts', { VERDICT_GLOBAL_SETUP: 'throw' });
    expect(r.line).toBe('0 passed, 1 failed');
    expect(r.status).not.toBe(0);
  }, 90_000);
});
