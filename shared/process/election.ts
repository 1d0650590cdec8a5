/**
 * Who is elected at a community meeting: the village head (Law 10/2022 Art. 15(4)), the members of the People's
 * Inspection Board and of the Community Investment Supervision Board (Art. 15(5)). A candidate is elected with more
 * than 50 % of ALL the hamlet's households (H), not of those present nor of the votes cast: "trên 50% tổng số đại
 * diện hộ gia đình trong thôn, tổ dân phố tán thành" (Art. 21(1)). Integer arithmetic: votes * 2 > H.
 * When nobody is elected the record says why (Decree 59/2023 Art. 3(5)(d)) and UBND xã decides on a new election.
 */
import type { Cite } from './checklist.ts';

/** The counts of an election at the meeting: H, the households present, the seats, the votes per candidate id. */
export interface ElectionCount {
  households: number;
  present: number;
  seats: number;
  votes: Readonly<Record<string, number>>;
}

/** Why a seat was left empty. */
export type NotElectedReason = 'not_enough_present' | 'no_candidates' | 'no_majority' | 'tie';

export interface ElectionOutcome {
  status: 'elected' | 'partly_elected' | 'not_elected';
  /** The candidates elected, most votes first. */
  elected: string[];
  /** Seats left empty. */
  unfilled: number;
  /** Why seats are empty, or null when every seat is filled. */
  reason: NotElectedReason | null;
  /** Candidates over the threshold left out because they tie for the last seat. */
  tied: string[];
  /** The votes a candidate needs: floor(H / 2) + 1. */
  threshold: number;
}

const CITE: Cite = {
  vi: 'khoản 1 Điều 21 Luật số 10/2022/QH15; điểm d khoản 5 Điều 3 Nghị định số 59/2023/NĐ-CP',
  en: 'Law 10/2022 Art. 21(1); Decree 59/2023 Art. 3(5)(d)',
};

/** Why nobody (or not enough people) was elected, in words for the meeting record. */
export const NOT_ELECTED_WORDS: Readonly<Record<NotElectedReason, { vi: string; en: string; cite: Cite }>> = {
  not_enough_present: {
    vi: 'Số đại diện hộ gia đình dự họp không vượt quá 50% tổng số hộ gia đình nên không ai có thể trúng cử',
    en: 'No more than 50 % of all households were present, so nobody could be elected',
    cite: { vi: 'điểm b khoản 1 Điều 19 Luật số 10/2022/QH15', en: 'Law 10/2022 Art. 19(1)(b)' },
  },
  no_candidates: { vi: 'Không có người ứng cử', en: 'There was no candidate', cite: CITE },
  no_majority: {
    vi: 'Không có người ứng cử nào được trên 50% tổng số đại diện hộ gia đình tán thành',
    en: 'No candidate had the votes of more than 50 % of all households',
    cite: CITE,
  },
  tie: {
    vi: 'Có người ứng cử được số phiếu bằng nhau nên không xác định được người trúng cử',
    en: 'Candidates tied, so who is elected cannot be decided',
    cite: CITE,
  },
};

const count = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Refuses counts that cannot be: more present than H, a candidate with more votes than households present. */
function checkCount(c: ElectionCount): void {
  if (!count(c.households) || c.households === 0) throw new RangeError(`H must be a positive integer: ${c.households}`);
  if (!count(c.present) || c.present > c.households) throw new RangeError(`present must be 0..H: ${c.present}`);
  if (!count(c.seats) || c.seats === 0) throw new RangeError(`seats must be a positive integer: ${c.seats}`);
  let total = 0;
  for (const [id, v] of Object.entries(c.votes)) {
    if (!count(v) || v > c.present) throw new RangeError(`votes for ${id} must be 0..present: ${v}`);
    total += v;
  }
  // Each household present marks at most one name per seat.
  if (total > c.seats * c.present) throw new RangeError(`${total} votes for ${c.seats} seat(s) and ${c.present} households present`);
}

/**
 * The votes a candidate needs: more than half of H.
 * @example electionThreshold(10) // 6
 * @example electionThreshold(11) // 6
 */
export function electionThreshold(households: number): number {
  return Math.floor(households / 2) + 1;
}

/**
 * Who is elected: the candidates with votes * 2 > H, most votes first (ties by id for the order); if more qualify than
 * there are seats, the first `seats`, leaving out every candidate tied with the first one left out (as domain.md's
 * approval rule does). Throws a RangeError on impossible counts (validate at the edge).
 * @example electionOutcome({ households: 10, present: 8, seats: 1, votes: { a: 6, b: 2 } }).elected // ['a']
 */
export function electionOutcome(c: ElectionCount): ElectionOutcome {
  checkCount(c);
  const threshold = electionThreshold(c.households);
  const candidates = Object.keys(c.votes);
  const votes = (id: string) => c.votes[id] ?? 0;
  const qualified = candidates.filter((id) => votes(id) * 2 > c.households).sort((a, b) => votes(b) - votes(a) || (a < b ? -1 : a > b ? 1 : 0));
  let elected = qualified.slice(0, c.seats);
  let tied: string[] = [];
  if (qualified.length > c.seats) {
    const cut = votes(qualified[c.seats] as string);
    if (elected.some((id) => votes(id) === cut)) {
      tied = qualified.filter((id) => votes(id) === cut);
      elected = elected.filter((id) => votes(id) > cut);
    }
  }
  const unfilled = c.seats - elected.length;
  const reason: NotElectedReason | null =
    unfilled === 0
      ? null
      : tied.length > 0
        ? 'tie'
        : candidates.length === 0
          ? 'no_candidates'
          : c.present * 2 <= c.households
            ? 'not_enough_present'
            : 'no_majority';
  const status = unfilled === 0 ? 'elected' : elected.length === 0 ? 'not_elected' : 'partly_elected';
  return { status, elected, unfilled, reason, tied, threshold };
}
