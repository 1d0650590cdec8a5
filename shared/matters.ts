/**
 * The legal profile of a commune: for each matter the preset decision rule, whether the result binds, and the
 * methods allowed (domain.md "Matters and their rules", "How a round is held"). The presets are defaults that a
 * commune's profile may change; `checkConsultation` holds a consultation to them before it is saved.
 */
import * as z from 'zod';
import { Matter, Method, Quorum, Rule } from './schemas.ts';
import type { ConsultationInput, Question } from './schemas.ts';

/** Matters that may ever be decided online: Decree 59/2023 Art. 5 (Art. 15(6) matters) and Art. 25 opinions. */
export const ONLINE_MATTERS: readonly Matter[] = ['other_self_managed', 'opinion'];

/** One matter's preset: the rule a question must at least meet, whether it binds, the methods allowed. */
export const MatterPreset = z.strictObject({
  rule: Rule,
  binding: z.boolean(),
  methods: z.array(Method).min(1),
});
export type MatterPreset = z.infer<typeof MatterPreset>;

/** A commune's legal profile: a setting stored per commune, validated with this schema when it is changed. */
export const LegalProfile = z
  .strictObject({
    matters: z.strictObject(Object.fromEntries(Matter.options.map((m) => [m, MatterPreset])) as Record<Matter, typeof MatterPreset>),
    /** The attendance a community meeting needs to decide a binding matter (Law 10/2022 Art. 18). */
    meetingQuorum: Quorum,
    /** Days a disclosure stays public before voting may open (domain.md "Disclosure"); earlier needs a reason. */
    disclosureDays: z.int().min(0).max(365),
    /** Days after publication in which residents may complain about a result. */
    complaintDays: z.int().min(0).max(365),
  })
  .superRefine((profile, ctx) => {
    for (const matter of Matter.options) {
      if (profile.matters[matter].methods.includes('online') && !ONLINE_MATTERS.includes(matter)) {
        ctx.addIssue({
          code: 'custom',
          path: ['matters', matter, 'methods'],
          message: 'Decree 59/2023 Art. 5 allows online voting only for other self-managed matters (and opinions)',
        });
      }
    }
  });
export type LegalProfile = z.infer<typeof LegalProfile>;

const TWO_THIRDS_OF_ALL: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF_OF_ALL: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };
const OFFLINE: Method[] = ['household_ballot', 'meeting'];
const ANY_METHOD: Method[] = ['household_ballot', 'meeting', 'online'];

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
    // Law 10/2022 Art. 15(1), (2): at least 2/3 of all households (medium confidence, law-research §4, §10).
    contribution: { rule: TWO_THIRDS_OF_ALL, binding: true, methods: OFFLINE },
    contribution_management: { rule: TWO_THIRDS_OF_ALL, binding: true, methods: OFFLINE },
    // Decree 61/2023 Art. 10: community rules pass with more than 1/2 of all households.
    community_rules: { rule: MORE_THAN_HALF_OF_ALL, binding: true, methods: OFFLINE },
    // Law 10/2022 Art. 15(4)-(6): more than 1/2 of all households, as for community rules.
    election: { rule: MORE_THAN_HALF_OF_ALL, binding: true, methods: OFFLINE },
    other_self_managed: { rule: MORE_THAN_HALF_OF_ALL, binding: true, methods: ANY_METHOD },
    // Law 10/2022 Art. 25: residents give opinions, the authority decides; counts and ranking are reported.
    opinion: { rule: { base: 'plurality' }, binding: false, methods: ANY_METHOD },
  },
  // Law 10/2022 Art. 18, Decree 59/2023 Art. 3: a meeting needs more than half of the households present.
  meetingQuorum: { op: 'more_than', fraction: [1, 2] },
  // domain.md "Disclosure": at least 30 days (a setting); law-research.md on the complaint window.
  disclosureDays: 30,
  complaintDays: 10,
});

/** The rule a question of `matter` gets by default under `profile` (a copy: changing it leaves the profile alone). */
export function presetRule(matter: Matter, profile: LegalProfile = DEFAULT_PROFILE): Rule {
  return structuredClone(profile.matters[matter].rule);
}

/** A rule in words, for messages: "at least 2/3 of all households", "the most votes". */
export function describeRule(rule: Rule): string {
  if (rule.base === 'plurality') return 'the most votes';
  const [num, den] = rule.fraction;
  return `${rule.op === 'at_least' ? 'at least' : 'more than'} ${num}/${den} of ${rule.base === 'eligible' ? 'all households' : 'the ballots cast'}`;
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
  election: 'Law 10/2022 Art. 15(4), (5)',
  other_self_managed: 'Law 10/2022 Art. 15(6)',
  opinion: 'Law 10/2022 Art. 25',
};

/**
 * A copy of `input` in which every question of a binding matter held at a `meeting` that has no quorum gets the
 * profile's meeting quorum. The API applies it when a draft is saved, so an official need not type the quorum,
 * while consultation.json still carries it on each rule: verifiers read the rule, never the profile.
 */
export function applyMeetingQuorum(input: ConsultationInput, profile: LegalProfile = DEFAULT_PROFILE): ConsultationInput {
  if (input.method !== 'meeting' || !profile.matters[input.matter].binding) return input;
  return {
    ...input,
    questions: input.questions.map((q) => (q.rule.quorum !== undefined ? q : { ...q, rule: { ...q.rule, quorum: structuredClone(profile.meetingQuorum) } })),
  };
}

/** One reason a consultation does not make sense; `path` names the field, `code` is stable, `message` is English. */
export interface ConsultationProblem {
  path: (string | number)[];
  code: string;
  message: string;
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

  // Binding matters: a question may ask more than the preset, never less. Opinions are advisory: any rule.
  if (preset.binding && !atLeastAsStrict(q.rule, preset.rule)) {
    const base = q.rule.base === 'eligible' ? '' : '; absent and abstaining households count against adoption, so the base must be all households';
    problems.push({
      path: [...at, 'rule'],
      code: 'rule_too_weak',
      message: `${what}: a ${input.matter} decision (${ARTICLE[input.matter]}) needs ${describeRule(preset.rule)}, but this rule asks for ${describeRule(q.rule)}${base}`,
    });
  }

  // Law 10/2022 Art. 18: a meeting decides only with more than half of the households present.
  if (input.method === 'meeting' && preset.binding) {
    const quorum = profile.meetingQuorum;
    const needed = `${quorum.op === 'at_least' ? 'at least' : 'more than'} ${quorum.fraction[0]}/${quorum.fraction[1]} of all households present`;
    if (q.rule.quorum === undefined) {
      problems.push({ path: [...at, 'rule', 'quorum'], code: 'quorum_required', message: `${what}: a meeting needs a quorum of ${needed}` });
    } else if (compareShare(q.rule.quorum, quorum) < 0) {
      problems.push({ path: [...at, 'rule', 'quorum'], code: 'quorum_too_weak', message: `${what}: a meeting needs a quorum of at least ${needed}` });
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
  const preset = profile.matters[input.matter];

  // Decree 59/2023 Art. 5: online only for other self-managed matters (and opinions), whatever the profile says.
  if (!preset.methods.includes(input.method) || (input.method === 'online' && !ONLINE_MATTERS.includes(input.matter))) {
    problems.push({
      path: ['method'],
      code: 'method_not_allowed',
      message: `a ${input.matter} matter may not be decided by ${input.method}; allowed: ${preset.methods.filter((m) => m !== 'online' || ONLINE_MATTERS.includes(input.matter)).join(', ')}`,
    });
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

  return problems;
}

/**
 * The conditions Decree 59/2023 Art. 5 sets before an online vote, each recorded by an official as an audit event
 * (`online_condition_recorded`) that is published with the result: the village head and the Front working
 * committee agreed; the community agreed unanimously to vote online (the poll and its result); the commune was
 * notified.
 */
export const ONLINE_CONDITIONS = ['leaders_agreed', 'community_unanimous', 'commune_notified'] as const;
export type OnlineConditionKind = (typeof ONLINE_CONDITIONS)[number];

export const OnlineCondition = z
  .strictObject({
    condition: z.enum(ONLINE_CONDITIONS),
    /** The day it happened (the meeting, the poll, the notice), Vietnam date. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD'),
    /** Where it is written down: minutes number, notice number, who signed. */
    reference: z.string().trim().min(3).max(300),
    /** For the unanimity poll: how many households were asked and how many agreed. */
    asked: z.int().min(1).optional(),
    agreed: z.int().min(0).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.condition !== 'community_unanimous') {
      if (c.asked !== undefined || c.agreed !== undefined)
        ctx.addIssue({ code: 'custom', path: ['asked'], message: 'asked and agreed belong to the unanimity poll only' });
      return;
    }
    if (c.asked === undefined || c.agreed === undefined)
      ctx.addIssue({ code: 'custom', path: ['agreed'], message: 'the unanimity poll needs how many households were asked and how many agreed' });
    else if (c.agreed !== c.asked)
      ctx.addIssue({
        code: 'custom',
        path: ['agreed'],
        message: 'the community did not agree unanimously: an online vote is not allowed (Decree 59/2023 Art. 5)',
      });
  });
export type OnlineCondition = z.infer<typeof OnlineCondition>;

/** The overriding reason an official gives to open voting before the disclosure period is over. */
export const OpenOverride = z.strictObject({ reason: z.string().trim().min(10).max(500) });

export interface OpeningCheck {
  /** When the disclosure began (the `disclosed` event), if it did. */
  disclosedAt?: string;
  /** The first moment voting may open without an override. */
  earliest?: string;
  /** Whether opening now is before the disclosure period is over (or without any disclosure). */
  early: boolean;
  /** For an online vote, the Art. 5 conditions not yet recorded. */
  missingConditions: OnlineConditionKind[];
}

/**
 * What stands before opening voting, read from the consultation's audit log: the disclosure period of the
 * profile, and for `online` the recorded conditions.
 * @example openingCheck({ method: 'household_ballot' }, [], new Date(), DEFAULT_PROFILE).early // true: never disclosed
 */
export function openingCheck(
  consultation: { method: Method },
  events: ReadonlyArray<{ action: string; at: string; data: Record<string, unknown> }>,
  now: Date,
  profile: LegalProfile = DEFAULT_PROFILE,
): OpeningCheck {
  const disclosedAt = events.find((e) => e.action === 'disclosed')?.at;
  const days = profile.disclosureDays;
  const earliest = disclosedAt ? `${new Date(Date.parse(disclosedAt) + days * 86_400_000).toISOString().slice(0, 19)}Z` : undefined;
  const early = days > 0 && (earliest === undefined || now.getTime() < Date.parse(earliest));
  const recorded = new Set(events.filter((e) => e.action === 'online_condition_recorded').map((e) => e.data.condition));
  const missingConditions = consultation.method === 'online' ? ONLINE_CONDITIONS.filter((c) => !recorded.has(c)) : [];
  return { ...(disclosedAt ? { disclosedAt } : {}), ...(earliest ? { earliest } : {}), early, missingConditions };
}
