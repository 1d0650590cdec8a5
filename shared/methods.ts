/**
 * How a round may be held (domain.md "How a round is held"; Law 10/2022 Art. 17(2), 19(1); Decree 59/2023 Art. 3–5;
 * Decree 61/2023 Art. 10): which methods the law allows for a matter, and when a household-ballot round must follow
 * a community meeting that could not reach the threshold. Pure: the caller looks up the round named in `follows`.
 */
import type { Matter, Method, OutcomeStatus, State } from './schemas.ts';

type ScopeKind = 'hamlet' | 'residential_group' | 'commune';

/** Matters that may be decided online: Art. 15(6) matters and Art. 25 opinions (Art. 17(2); D59 Art. 5). */
export const ONLINE_MATTERS: readonly Matter[] = ['other_self_managed', 'opinion'];

/**
 * Matters a meeting decides first; household ballots only follow a meeting that could not reach the threshold
 * (Art. 19(1)(b); D59 Art. 4(1); D61 Art. 10(1) for community rules; Art. 17(2) for the village head and boards).
 */
export const MEETING_FIRST: readonly Matter[] = ['contribution', 'contribution_management', 'community_rules', 'village_head', 'board_members'];

/** Matters that may be decided across the commune hamlet by hamlet, as the commune chair chooses (Art. 21(1) ¶2). */
export const COMMUNE_WIDE: readonly Matter[] = ['contribution', 'contribution_management'];

/** A rule of the law in both languages, for messages and pages. */
export interface Words {
  vi: string;
  en: string;
}

/** What the law says of holding a `matter` by a `method` in a `scope`. */
export interface MethodRule {
  allowed: boolean;
  /** The round must name, in `follows`, a published meeting round of the same matter that ended `not_enough_present`. */
  needsFollows: boolean;
  /** Before opening, the village head and the Front working committee must have agreed (recorded as a condition). */
  needsLeadersAgreed: boolean;
  /** The rule in words, with its article. */
  words: Words;
}

const ONLINE_ONLY: Words = {
  vi: 'Biểu quyết trực tuyến chỉ áp dụng cho các nội dung tại khoản 6 Điều 15 và việc lấy ý kiến (Luật 10/2022 Điều 17 khoản 2; Nghị định 59/2023 Điều 5).',
  en: 'An online vote is allowed only for Art. 15(6) matters and opinions (Law 10/2022 Art. 17(2); Decree 59/2023 Art. 5).',
};
const FOLLOW_UP: Words = {
  vi: 'Nội dung này được quyết định trước hết tại cuộc họp cộng đồng dân cư; chỉ phát phiếu lấy ý kiến hộ gia đình khi cuộc họp không đủ số hộ để thông qua (Luật 10/2022 Điều 19 khoản 1 điểm b; Nghị định 59/2023 Điều 4 khoản 1).',
  en: 'This matter is decided first at a community meeting; household ballots follow only a meeting that had too few households present to pass it (Law 10/2022 Art. 19(1)(b); Decree 59/2023 Art. 4(1)).',
};
const MEETING: Words = {
  vi: 'Cuộc họp cộng đồng dân cư (Luật 10/2022 Điều 18; Nghị định 59/2023 Điều 3).',
  en: 'A community meeting (Law 10/2022 Art. 18; Decree 59/2023 Art. 3).',
};
const COMMUNE_CHOICE: Words = {
  vi: 'Nội dung thực hiện trên địa bàn xã: từng thôn họp hoặc phát phiếu theo quyết định của Chủ tịch UBND xã sau khi thống nhất với Chủ tịch UBMTTQ xã (Luật 10/2022 Điều 21 khoản 1; Nghị định 59/2023 Điều 4 khoản 6).',
  en: 'A commune-wide matter: each hamlet meets or votes by household ballot as the commune chair decides after agreeing with the commune Front chair (Law 10/2022 Art. 21(1); Decree 59/2023 Art. 4(6)).',
};
const LEADERS_AGREE: Words = {
  vi: 'Phát phiếu lấy ý kiến hộ gia đình khi Trưởng thôn và Ban công tác Mặt trận thống nhất (Luật 10/2022 Điều 17, 19).',
  en: 'Household ballots when the village head and the Front working committee agree (Law 10/2022 Art. 17, 19).',
};
const ANY: Words = {
  vi: 'Lấy ý kiến bằng cuộc họp, phiếu hộ gia đình hoặc trực tuyến (Luật 10/2022 Điều 25, 26).',
  en: 'Opinions by meeting, household ballot or online (Law 10/2022 Art. 25, 26).',
};

/**
 * The law's rule for holding `matter` by `method` in `scope`.
 * @example methodRule('contribution', 'online', { kind: 'hamlet', name: 'Thôn Đông' }).allowed // false
 */
export function methodRule(matter: Matter, method: Method, scope: { kind: ScopeKind }): MethodRule {
  const rule = (allowed: boolean, words: Words, extra: Partial<MethodRule> = {}): MethodRule => ({
    allowed,
    needsFollows: false,
    needsLeadersAgreed: false,
    words,
    ...extra,
  });
  if (method === 'online') {
    const allowed = ONLINE_MATTERS.includes(matter);
    return rule(allowed, ONLINE_ONLY, { needsLeadersAgreed: allowed });
  }
  if (method === 'meeting') return rule(true, MEETING);
  if (matter === 'opinion') return rule(true, ANY);
  if (matter === 'other_self_managed') return rule(true, LEADERS_AGREE, { needsLeadersAgreed: true });
  if (scope.kind === 'commune' && COMMUNE_WIDE.includes(matter)) return rule(true, COMMUNE_CHOICE);
  return rule(true, FOLLOW_UP, { needsFollows: true });
}

/** The methods the law allows for `matter` in `scope` at all (a household ballot perhaps only as a follow-up). */
export function allowedMethods(matter: Matter, scope: { kind: ScopeKind }): Method[] {
  return (['meeting', 'household_ballot', 'online'] as const).filter((m) => methodRule(matter, m, scope).allowed);
}

/** The round named in `follows`, as the caller found it. */
export interface FollowedRound {
  commune: string;
  /** The hamlet (or residential group, or commune) it was held in: household ballots follow that place's meeting. */
  scope: { kind: ScopeKind; name: string };
  matter: Matter;
  method: Method;
  state: State;
  /** The outcome status of each question of its published result. */
  outcomes: readonly OutcomeStatus[];
}

/** One way a round breaks the law's method rules; `code` is `method_not_allowed`. */
export interface MethodProblem {
  path: string[];
  words: Words;
}

/**
 * Every way a new round breaks the method rules: a method the law does not allow for its matter, or a household
 * ballot that does not follow a meeting of the same matter that ended `not_enough_present`. [] when lawful.
 * `followed` is the round named in `follows` (undefined when none is named or it does not exist).
 */
export function methodProblems(
  input: { matter: Matter; method: Method; scope: { kind: ScopeKind; name?: string }; follows?: string | undefined },
  commune: string,
  followed?: FollowedRound,
): MethodProblem[] {
  const rule = methodRule(input.matter, input.method, input.scope);
  if (!rule.allowed) return [{ path: ['method'], words: rule.words }];
  if (!rule.needsFollows) return [];
  const why = followProblem(input, commune, followed);
  return why ? [{ path: ['follows'], words: { vi: `${rule.words.vi} ${why.vi}`, en: `${rule.words.en} ${why.en}` } }] : [];
}

function followProblem(
  { matter, follows, scope }: { matter: Matter; follows?: string | undefined; scope: { kind: ScopeKind; name?: string } },
  commune: string,
  followed: FollowedRound | undefined,
): Words | undefined {
  if (follows === undefined) return { vi: 'Hãy chọn cuộc họp trước đó (follows).', en: 'Name that earlier meeting in follows.' };
  if (!followed || followed.commune !== commune) return { vi: 'Không có cuộc họp này của xã.', en: 'No such meeting of this commune.' };
  if (followed.method !== 'meeting' || followed.matter !== matter)
    return { vi: 'Vòng được chọn không phải cuộc họp về cùng nội dung.', en: 'The round named is not a meeting on the same matter.' };
  if (scope.name !== undefined && (followed.scope.kind !== scope.kind || followed.scope.name !== scope.name))
    return { vi: 'Cuộc họp đó được tổ chức ở thôn khác.', en: 'That meeting was held in another hamlet.' };
  if (followed.state !== 'published') return { vi: 'Kết quả cuộc họp chưa được công bố.', en: 'The meeting’s result is not published yet.' };
  if (!followed.outcomes.includes('not_enough_present'))
    return {
      vi: 'Cuộc họp đó không thiếu số hộ tham dự, nên không phát phiếu thay được.',
      en: 'That meeting did not lack households present, so household ballots cannot follow it.',
    };
  return undefined;
}
