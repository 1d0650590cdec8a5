/**
 * The decision rules of domain.md ("Decision rules"), normative for the tally and for every verifier:
 * the threshold t of a rule, whether its quorum is met, and the outcome of a question given its counts.
 * Integer arithmetic only, so that every implementation reaches the same bytes.
 */
import type { Question, QuestionTally, Quorum, Rule } from './schemas.ts';

/** The outcome of one question: `status` and the adopted option ids (`["yes"]` for an adopted yes/no). */
export type Outcome = QuestionTally['outcome'];

/** floor(a / d) for a >= 0, d >= 1, exact for every safe integer (no floating division). */
function floorDiv(a: number, d: number): number {
  return (a - (a % d)) / d;
}

function assertCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/**
 * The number of votes an answer needs under `rule` (domain.md): with B = H (`eligible`) or the ballots cast
 * (`cast`), ceil(B*num/den) for `at_least`, floor(B*num/den) + 1 for `more_than`; 1 for `plurality`.
 * @example threshold({ base: 'eligible', op: 'at_least', fraction: [2, 3] }, 30, 12) // 20
 */
export function threshold(rule: Rule, eligible: number, cast: number): number {
  assertCount('eligible', eligible);
  assertCount('cast', cast);
  if (rule.base === 'plurality') return 1;
  const b = rule.base === 'eligible' ? eligible : cast;
  const [num, den] = rule.fraction;
  const product = b * num;
  if (!Number.isSafeInteger(product + den)) throw new RangeError(`base ${b} is too large for exact arithmetic`);
  // Law 10/2022 Art. 15(1): "at least 2/3" is yes*3 >= H*2, so t = ceil(H*2/3).
  if (rule.op === 'at_least') return floorDiv(product + den - 1, den);
  // NĐ 61/2023 Art. 10: "more than 1/2" is yes*2 > H, so t = floor(H/2) + 1.
  return floorDiv(product, den) + 1;
}

/** Whether `participants` of `eligible` households meet `quorum` (participants*den >= or > eligible*num). */
export function quorumSatisfied(quorum: Quorum, participants: number, eligible: number): boolean {
  const [num, den] = quorum.fraction;
  const present = participants * den;
  const needed = eligible * num;
  return quorum.op === 'at_least' ? present >= needed : present > needed;
}

/**
 * Whether the rule's quorum is met: true when the rule has none. Quorum is measured as participants against H
 * (NĐ 59/2023 Art. 3, Law 10/2022 Art. 18: a meeting needs more than half of the households present).
 */
export function quorumMet(rule: Rule, participants: number, eligible: number): boolean {
  assertCount('participants', participants);
  assertCount('eligible', eligible);
  return rule.quorum === undefined || quorumSatisfied(rule.quorum, participants, eligible);
}

/**
 * Whether a meeting with `present` of `eligible` households can still reach the rule's threshold (domain.md "Could
 * not reach the threshold", Art. 19(1)(b)): not when fewer are present than the yes-votes the rule needs (2/3 of H:
 * present < ceil(2H/3); more than 50 % of H: present <= H/2), nor when the rule's `attendance` is missed.
 * @example canReachThreshold({ base: 'eligible', op: 'at_least', fraction: [2, 3] }, 19, 30) // false: 20 are needed
 */
export function canReachThreshold(rule: Rule, present: number, eligible: number): boolean {
  assertCount('present', present);
  assertCount('eligible', eligible);
  if (rule.attendance !== undefined && !quorumSatisfied(rule.attendance, present, eligible)) return false;
  // With base `cast`, the best case is every household present voting yes, so the cast is `present`.
  return present >= threshold(rule, eligible, present);
}

/** UTF-16 code-unit order (bundle.md conventions), not locale order. */
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The outcome of a question (domain.md "Outcome") from its `counts` (a key per option, or `yes`/`no`),
 * its threshold `t`, whether its quorum is met (result/1) and whether enough households were present to reach
 * the threshold (a meeting, result/2: see canReachThreshold). A missing count is read as 0.
 * @example decide(yesNoQuestion, { yes: 20, no: 3 }, 20, true) // { status: 'adopted', options: ['yes'] }
 */
export function decide(question: Question, counts: Readonly<Record<string, number>>, t: number, quorumOk: boolean, enoughPresent = true): Outcome {
  if (!enoughPresent) return { status: 'not_enough_present', options: [] };
  if (!quorumOk) return { status: 'quorum_not_met', options: [] };
  const count = (id: string): number => counts[id] ?? 0;

  if (question.type === 'yes_no') {
    return count('yes') >= t ? { status: 'adopted', options: ['yes'] } : { status: 'rejected', options: [] };
  }

  if (question.type === 'single') {
    // The unique top option, if it reaches t; a tie for the top is no decision.
    let top: string | undefined;
    let topVotes = -1;
    let tied = false;
    for (const option of question.options) {
      const votes = count(option.id);
      if (votes > topVotes) {
        top = option.id;
        topVotes = votes;
        tied = false;
      } else if (votes === topVotes) {
        tied = true;
      }
    }
    if (top !== undefined && !tied && topVotes >= t) return { status: 'adopted', options: [top] };
    return { status: 'no_decision', options: [] };
  }

  // Approval: every option with >= t votes, most votes first, ties by option id.
  const qualified = question.options
    .map((o) => ({ id: o.id, votes: count(o.id) }))
    .filter((o) => o.votes >= t)
    .sort((a, b) => b.votes - a.votes || byId(a.id, b.id));
  const max = question.max ?? qualified.length;
  let chosen = qualified;
  if (qualified.length > max) {
    // More qualify than seats: keep the first `max`, leaving out every option tied with the first one left out.
    const cut = qualified[max]!.votes;
    chosen = qualified.slice(0, max).filter((o) => o.votes !== cut);
  }
  if (chosen.length === 0) return { status: 'no_decision', options: [] };
  return { status: 'adopted', options: chosen.map((o) => o.id) };
}
