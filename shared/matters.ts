/**
 * The legal profile of a commune: for each matter the preset decision rule and whether the result binds
 * (domain.md "Matters, thresholds"), the notice minimums and the public holidays. The presets are defaults that a
 * commune's profile may make stricter; the methods are the law's (shared/methods.ts), not a setting.
 * `checkConsultation` holds a consultation to them before it is saved.
 */
import * as z from 'zod';
import { termsProblems } from './contributions/terms.ts';
import { methodProblems, type Words } from './methods.ts';
import { NoticeDays } from './notice.ts';
import { describeRule } from './rule-words.ts';
import { Matter, Quorum, Rule } from './schemas.ts';
import type { ConsultationInput, Question } from './schemas.ts';

export { ONLINE_MATTERS } from './methods.ts';
export {
  BALLOT_CONDITIONS,
  CONDITION_KINDS,
  CONDITION_WORDS,
  conditionProblem,
  conditionsFor,
  ONLINE_CONDITIONS,
  OnlineCondition,
  type OnlineConditionKind,
} from './online-conditions.ts';
export { noticeRule, OpenOverride, openingCheck, type OpeningCheck } from './notice.ts';
export { describeRule } from './rule-words.ts';

/** One matter's preset: the rule a question must at least meet, and whether it binds. */
export const MatterPreset = z.strictObject({ rule: Rule, binding: z.boolean() });
export type MatterPreset = z.infer<typeof MatterPreset>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');

/** A commune's legal profile: a setting stored per commune, validated with this schema when it is changed. */
export const LegalProfile = z
  .strictObject({
    matters: z.strictObject(Object.fromEntries(Matter.options.map((m) => [m, MatterPreset])) as Record<Matter, typeof MatterPreset>),
    /** The attendance a community-rules meeting needs (Decree 61/2023 Art. 10(1): more than half of all households). */
    meetingQuorum: Quorum,
    /** Days of notice before a round opens, never shorter than the law's (domain.md "Disclosure and notice"). */
    notice: NoticeDays,
    /** The commune's public holidays (not working days), Vietnam dates. */
    holidays: z.array(IsoDate).max(100),
  })
  .refine((p) => compareShare(p.meetingQuorum, { op: 'more_than', fraction: [1, 2] }) >= 0, {
    message: 'a community-rules meeting needs more than half of all households present (Decree 61/2023 Art. 10(1)); a commune may ask more, never less',
    path: ['meetingQuorum'],
  });
export type LegalProfile = z.infer<typeof LegalProfile>;

const TWO_THIRDS_OF_ALL: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF_OF_ALL: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };

/** Freezes a value and everything in it, so that no caller can change the defaults by accident. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The presets of domain.md (frozen; a commune's profile is a changed copy); law-research.md §4 gives the sources. */
export const DEFAULT_PROFILE: LegalProfile = deepFreeze({
  matters: {
    // Law 10/2022 Art. 15(1), (2), Art. 21(1): from 2/3 of all households.
    contribution: { rule: TWO_THIRDS_OF_ALL, binding: true },
    contribution_management: { rule: TWO_THIRDS_OF_ALL, binding: true },
    // Art. 15(3)-(6), Art. 21(1): more than 50 % of all households.
    community_rules: { rule: MORE_THAN_HALF_OF_ALL, binding: true },
    village_head: { rule: MORE_THAN_HALF_OF_ALL, binding: true },
    board_members: { rule: MORE_THAN_HALF_OF_ALL, binding: true },
    other_self_managed: { rule: MORE_THAN_HALF_OF_ALL, binding: true },
    // Law 10/2022 Art. 25: residents give opinions, the authority decides; counts and ranking are reported.
    opinion: { rule: { base: 'plurality' }, binding: false },
  },
  // Decree 61/2023 Art. 10(1): a community-rules meeting needs more than half of all households present.
  meetingQuorum: { op: 'more_than', fraction: [1, 2] },
  // D59 Art. 3(3), (4); Law Art. 19(2); D61 Art. 9(1): the law's minimums.
  notice: { meeting: 2, household_ballot: 2, online: 2, community_rules: 30 },
  holidays: [],
});

/** The rule a question of `matter` gets by default under `profile` (a copy: changing it leaves the profile alone). */
export function presetRule(matter: Matter, profile: LegalProfile = DEFAULT_PROFILE): Rule {
  return structuredClone(profile.matters[matter].rule);
}

type Share = Pick<Quorum, 'op' | 'fraction'>;

/** Orders two demands "share op num/den": by fraction, then `more_than` above `at_least` at the same fraction. */
function compareShare(a: Share, b: Share): number {
  const left = a.fraction[0] * b.fraction[1];
  const right = b.fraction[0] * a.fraction[1];
  if (left !== right) return left < right ? -1 : 1;
  return (a.op === 'more_than' ? 1 : 0) - (b.op === 'more_than' ? 1 : 0);
}

/**
 * Whether `rule` asks at least as much as `preset`. A share of all households asks more than the same share of
 * the ballots cast (H >= P), which asks more than a plurality; a preset quorum must be matched or exceeded.
 */
export function atLeastAsStrict(rule: Rule, preset: Rule): boolean {
  if (preset.quorum !== undefined && (rule.quorum === undefined || compareShare(rule.quorum, preset.quorum) < 0)) return false;
  if (preset.base === 'plurality') return true;
  if (rule.base === 'plurality') return false;
  if (preset.base === 'eligible' && rule.base === 'cast') return false;
  return compareShare(rule, preset) >= 0;
}

const ARTICLE: Record<Matter, string> = {
  contribution: 'Law 10/2022 Art. 15(1)',
  contribution_management: 'Law 10/2022 Art. 15(2)',
  community_rules: 'Law 10/2022 Art. 15(3)',
  village_head: 'Law 10/2022 Art. 15(4)',
  board_members: 'Law 10/2022 Art. 15(5)',
  other_self_managed: 'Law 10/2022 Art. 15(6)',
  opinion: 'Law 10/2022 Art. 25',
};

/**
 * A copy of `input` in which every question of a community-rules meeting without an attendance rule gets the
 * profile's (Decree 61/2023 Art. 10(1): more than half of all households present). The API applies it when a
 * draft is saved, while consultation.json carries it on each rule: verifiers read the rule, never the profile.
 * Other meetings need no attendance rule: a meeting that cannot reach the threshold ends `not_enough_present`.
 */
export function applyMeetingAttendance(input: ConsultationInput, profile: LegalProfile = DEFAULT_PROFILE): ConsultationInput {
  if (input.method !== 'meeting' || input.matter !== 'community_rules') return input;
  return {
    ...input,
    questions: input.questions.map((q) =>
      q.rule.attendance !== undefined ? q : { ...q, rule: { ...q.rule, attendance: structuredClone(profile.meetingQuorum) } },
    ),
  };
}

/** One reason a consultation does not make sense; `path` names the field, `code` is stable, `message` is English. */
export interface ConsultationProblem {
  path: (string | number)[];
  code: string;
  message: string;
  /** The law's rule in both languages, for a method the law does not allow. */
  words?: Words;
}

/** Milliseconds of an RFC 3339 UTC time, or undefined for a date that does not exist (2026-02-30, 24:00). */
function instant(text: string): number | undefined {
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== text.replace('Z', '.000Z')) return undefined;
  return ms;
}

function checkFraction(share: Share, path: (string | number)[], what: string, problems: ConsultationProblem[]): void {
  const [num, den] = share.fraction;
  if (share.op === 'at_least' && num === 0) {
    problems.push({ path: [...path, 'fraction'], code: 'fraction_zero', message: `${what}: "at least 0" is always met; give a fraction above 0` });
  }
  if (share.op === 'more_than' && num === den) {
    problems.push({ path: [...path, 'fraction'], code: 'fraction_unreachable', message: `${what}: "more than ${num}/${den}" can never be met` });
  }
}

function checkQuestion(input: ConsultationInput, q: Question, i: number, profile: LegalProfile, problems: ConsultationProblem[]): void {
  const at = ['questions', i];
  const what = `question ${q.id}`;
  const preset = profile.matters[input.matter];

  if (q.rule.base !== 'plurality') checkFraction(q.rule, [...at, 'rule'], what, problems);
  if (q.rule.quorum !== undefined) checkFraction(q.rule.quorum, [...at, 'rule', 'quorum'], `${what} quorum`, problems);
  if (q.rule.attendance !== undefined) checkFraction(q.rule.attendance, [...at, 'rule', 'attendance'], `${what} attendance`, problems);

  // Binding matters: a question may ask more than the preset, never less. Opinions are advisory: any rule.
  if (preset.binding && !atLeastAsStrict(q.rule, preset.rule)) {
    const base = q.rule.base === 'eligible' ? '' : '; absent and abstaining households count against adoption, so the base must be all households';
    problems.push({
      path: [...at, 'rule'],
      code: 'rule_too_weak',
      message: `${what}: a ${input.matter} decision (${ARTICLE[input.matter]}) needs ${describeRule(preset.rule)}, but this rule asks for ${describeRule(q.rule)}${base}`,
    });
  }

  // Decree 61/2023 Art. 10(1): community rules at a meeting need more than half of all households present.
  if (input.method === 'meeting' && input.matter === 'community_rules') {
    const needed = profile.meetingQuorum;
    const words = describeRule({ base: 'eligible', ...needed });
    if (q.rule.attendance === undefined) {
      problems.push({ path: [...at, 'rule', 'attendance'], code: 'attendance_required', message: `${what}: a community-rules meeting needs ${words} present` });
    } else if (compareShare(q.rule.attendance, needed) < 0) {
      problems.push({
        path: [...at, 'rule', 'attendance'],
        code: 'attendance_too_weak',
        message: `${what}: a community-rules meeting needs at least ${words} present`,
      });
    }
  }

  // Contribution levels: a yes/no question adopts the level of the terms; each option of a choice is a level.
  q.options.forEach((option, j) => {
    const path = [...at, 'options', j, 'amountPerUnit'];
    if (input.matter === 'contribution' && option.amountPerUnit === undefined) {
      problems.push({ path, code: 'amount_required', message: `${what}: option ${option.id} is a contribution level and needs amountPerUnit` });
    }
    if (input.matter !== 'contribution' && option.amountPerUnit !== undefined) {
      problems.push({
        path,
        code: 'contribution_not_allowed',
        message: `${what}: option ${option.id} has an amount, but only a contribution matter sets amounts`,
      });
    }
  });
}

/**
 * Every way `input` fails the "checked for sense" rules under `profile` (the schema has already checked its
 * shape): method allowed for the matter, window, distinct question ids, rules no weaker than the binding preset,
 * the meeting quorum, and contribution terms. [] when it makes sense.
 * @example checkConsultation({ ...input, matter: 'contribution', method: 'online' })[0]?.code // 'method_not_allowed'
 */
export function checkConsultation(input: ConsultationInput, profile: LegalProfile = DEFAULT_PROFILE): ConsultationProblem[] {
  const problems: ConsultationProblem[] = [];
  // Law 10/2022 Art. 17(2), 19(1): the method the law allows for the matter (the round named in `follows` is checked
  // by the caller, who can look it up: methodProblems in shared/methods.ts).
  for (const p of methodProblems({ ...input, follows: undefined }, '').filter((m) => m.path[0] === 'method')) {
    problems.push({ path: p.path, code: 'method_not_allowed', message: p.words.en, words: p.words });
  }

  const opens = instant(input.opensAt);
  const closes = instant(input.closesAt);
  if (opens === undefined) problems.push({ path: ['opensAt'], code: 'invalid_time', message: `opensAt ${input.opensAt} is not a real time` });
  if (closes === undefined) problems.push({ path: ['closesAt'], code: 'invalid_time', message: `closesAt ${input.closesAt} is not a real time` });
  if (opens !== undefined && closes !== undefined && opens >= closes) {
    problems.push({ path: ['closesAt'], code: 'closes_before_opens', message: 'voting must close after it opens' });
  }

  const seen = new Set<string>();
  input.questions.forEach((q, i) => {
    if (seen.has(q.id)) problems.push({ path: ['questions', i, 'id'], code: 'duplicate_question', message: `question id ${q.id} is used twice` });
    seen.add(q.id);
    checkQuestion(input, q, i, profile, problems);
  });

  if (input.matter === 'contribution') {
    if (input.contribution === undefined) {
      problems.push({
        path: ['contribution'],
        code: 'contribution_required',
        message: 'a contribution matter needs its terms: costs, basis, amount and exemptions (Law 10/2022 Art. 15(1))',
      });
    } else if (input.contribution.amountPerUnit === undefined && input.questions.some((q) => q.type === 'yes_no')) {
      problems.push({
        path: ['contribution', 'amountPerUnit'],
        code: 'amount_required',
        message: 'a yes/no contribution question adopts the amount of the terms, so the terms need amountPerUnit',
      });
    }
  } else if (input.contribution !== undefined) {
    problems.push({
      path: ['contribution'],
      code: 'contribution_not_allowed',
      message: `contribution terms belong to a contribution matter, not to ${input.matter}`,
    });
  }

  const categories = new Set<string>();
  input.contribution?.exemptions.forEach((e, k) => {
    if (categories.has(e.category))
      problems.push({
        path: ['contribution', 'exemptions', k, 'category'],
        code: 'duplicate_exemption',
        message: `the ${e.category} category has two exemptions`,
      });
    categories.add(e.category);
  });

  // The form of a contribution (money, labour, property) in sense: shared/contributions/terms.ts.
  problems.push(...termsProblems(input));

  return problems;
}
