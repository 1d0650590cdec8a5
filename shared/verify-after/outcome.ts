/**
 * What a check of verifyAfter returns (a sentence, an absence, or a detail with more) or throws (Unmet, with every
 * problem found), each sentence Vietnamese first, then English; and the small helpers that write those sentences.
 */
import { canonicalize } from '../jcs.ts';
import type { AfterCheck } from './report.ts';

/** A check's success: its detail, the files it needs not being published yet, or a detail with more to report. */
export type Outcome = string | { absent: string } | ({ detail: string } & Pick<AfterCheck, 'signed' | 'missing' | 'behind' | 'warnings'>);

/** A sentence in Vietnamese, then in English. */
export const both = (vi: string, en: string) => `${vi} / ${en}`;

/** Fails a check with every problem found, each a sentence in both languages. */
export class Unmet extends Error {
  override name = 'Unmet';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Fails the check being run with one problem, in both languages, and why when known. */
export const unmet = (vi: string, en: string, reason?: string): never => {
  throw new Unmet([`${both(vi, en)}${reason ? `: ${reason}` : ''}`]);
};

/** The message of an error, or the thrown value as text. */
export const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A file read and parsed, or why it could not be. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs `f`, keeping its value or why it threw. */
export function load<T>(f: () => T): Loaded<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: reasonOf(e) };
  }
}

/** The value, or the check fails saying what it needed. */
export function need<T>(loaded: Loaded<T>, vi: string, en: string): T {
  return loaded.ok ? loaded.value : unmet(vi, en, loaded.error);
}

/** The top-level members whose JSON differs between two objects, for a readable failure. */
export function differingMembers(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => (a[k] === undefined ? '' : canonicalize(a[k])) !== (b[k] === undefined ? '' : canonicalize(b[k])),
  );
}

/** The first five items and how many there are. */
export const list = (items: readonly string[]) => (items.length > 5 ? `${items.slice(0, 5).join(', ')}, … (${items.length})` : items.join(', '));

/** An amount in đồng with dots between thousands. */
export const dong = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** M1-M3 when the decision record is not published. */
export const noMinutes = { absent: both('Chưa công bố văn bản quyết định', 'the decision record is not published yet') };
