import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/** The counts behind the closing line; anything that did not pass is a failure, never "skipped". */
export interface Verdict {
  passed: number;
  failed: number;
}

/**
 * The verdict of a run: a test passes only when it ran and passed. A test skipped or left unfinished (for instance
 * because its suite's `beforeAll` threw: vitest then reports every test of the suite as skipped), an error of a
 * module (it failed to load) or of a suite (a hook threw), an unhandled error, and a run that ended failed or
 * interrupted with nothing else to show for it, each count as one failure.
 */
export function verdictOf(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Verdict {
  let passed = 0;
  let failed = unhandledErrors.length;
  for (const m of modules) {
    failed += m.errors().length;
    for (const suite of m.children.allSuites()) failed += suite.errors().length;
    const tests = [...m.children.allTests()];
    if (m.state() === 'failed' && tests.length === 0 && m.errors().length === 0) failed++;
    for (const t of tests) {
      if (t.result().state === 'passed') passed++;
      else failed++;
    }
  }
  if (reason !== 'passed' && failed === 0) failed = 1;
  if (modules.length === 0 && failed === 0) failed = 1;
  return { passed, failed };
}

/** Prints the plain closing line CI reads: `N passed, N failed`. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const { passed, failed } = verdictOf(modules, unhandledErrors, reason);
    console.log(`${passed} passed, ${failed} failed`);
  }
}
