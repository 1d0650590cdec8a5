/** How a step of the verifier fails: with a sentence, thrown inside the step and caught by the runner (index.ts). */

/** Thrown inside a step to fail it with a sentence; caught by the step runner, never escapes. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/** Fails the step being run with `reason`. */
export const fail = (reason: string): never => {
  throw new CheckFailure(reason);
};

/** The message of an error, or the thrown value as text. */
export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The first few problems and how many more, so a report of a million bad ballots stays readable. */
export function summarize(problems: readonly string[], total = problems.length): string {
  const shown = problems.slice(0, 5).join('; ');
  return total > 5 ? `${shown}; and ${total - 5} more` : shown;
}
