/**
 * `record/decision.json`, the community's decision (Law 10/2022 Art. 20; Decree 59/2023 form 03), and
 * `record/counting.json`, the counting record that goes with it (form 02 for a meeting, 04 for household ballots).
 * Residents never appear by name: the households that sign or witness are roll ids (their names are on the paper copy
 * only); the officers are named, as the law's record needs.
 */
import * as z from 'zod';
import { Hex64, Instant, Matter, Method, Opinion, OutcomeStatus, Rule, Scope, Voting } from '../schemas.ts';

/** An officer's name, as the record and its signatures write it. */
export const Name = z.string().trim().min(1).max(200);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Count = z.int().min(0);
const RollId = z.string().min(1).max(64);
/** A share of H with one decimal, "80.0", from integer arithmetic (percentOfH). */
const Percent = z.string().regex(/^\d+\.\d$/, 'a percentage with one decimal, e.g. 80.0');
const Share = z.strictObject({ votes: Count, percentOfH: Percent });

/** Law 10/2022 Art. 20(1): the forms a decision takes, chosen by the village head with the Front working committee's head. */
export const DocumentForm = z.enum(['nghi_quyet', 'bien_ban', 'ban_ghi_nho', 'ban_thoa_thuan']);
export type DocumentForm = z.infer<typeof DocumentForm>;

/** One question as the record writes it: counts and shares of H, the threshold and the outcome in words. */
export const RecordQuestion = z.strictObject({
  id: z.string(),
  text: z.string(),
  rule: Rule,
  /** One row per answer of the ballot paper (`yes`, `no`, or each option), in ballot order. */
  counts: z.array(z.strictObject({ id: z.string(), label: z.string(), votes: Count, percentOfH: Percent })),
  abstain: Share,
  /** Households on the roll that did not take part; they count against adoption (domain.md). */
  absent: Share,
  threshold: Count,
  ruleInWords: z.string(),
  status: OutcomeStatus,
  adoptedOptions: z.array(z.string()),
  decisionText: z.string(),
});
export type RecordQuestion = z.infer<typeof RecordQuestion>;
/** Kept for the pages that still say so. */
export const MinutesQuestion = RecordQuestion;
export type MinutesQuestion = RecordQuestion;

/** A question of the discussion and the official answers to it (giải trình), as the record lists them. */
export const DiscussedQuestion = z.strictObject({ question: Text(2000), answers: z.array(Text(2000)).max(20) });
export type DiscussedQuestion = z.infer<typeof DiscussedQuestion>;

/** A departure from the law's procedure, with the reason logged when it was made. */
export const Departure = z.strictObject({
  kind: z.literal('early_opening'),
  /** When it was decided (the `voting_opened` event). */
  at: Instant,
  /** The notice period the rule asks for, in days, and when the notice began and could have ended. */
  days: Count,
  disclosedAt: Instant.nullable(),
  earliest: Instant.nullable(),
  reason: z.string(),
});
export type Departure = z.infer<typeof Departure>;

/** The contribution decided (Art. 20(2)(e)): the level, its basis (form) and the exemptions. */
export const DecidedContribution = z.strictObject({
  amountPerUnit: Count,
  basis: z.enum(['per_household', 'per_person', 'per_frontage_metre']),
  totalCost: Count,
  stateBudget: Count,
  residentsShare: Count,
  exemptions: z.array(z.strictObject({ category: z.enum(['poor', 'near_poor', 'policy']), percent: z.int().min(0).max(100) })),
});
export type DecidedContribution = z.infer<typeof DecidedContribution>;

/** `decision.json`: the decision record of one round, JCS bytes like every published .json file (bundle.md). */
export const DecisionRecord = z.strictObject({
  kind: z.literal('decision/1'),
  consultationId: z.string(),
  /** H(result.jws payload bytes), as attestations name the result. */
  manifest: Hex64,
  form: DocumentForm,
  /** "UBND XÃ AN BÌNH" over "THÔN ĐÔNG". */
  letterhead: z.strictObject({ authority: Text(200), unit: Text(200) }),
  commune: z.string().min(1).max(64),
  scope: Scope,
  title: z.string(),
  matter: Matter,
  place: Name,
  /** (a) when the community discussed and decided. */
  time: z.strictObject({ from: Instant, to: Instant }),
  /** (b) H, the household representatives present (or taking part), and the households without one, by roll id. */
  households: z.strictObject({
    total: Count,
    present: Count,
    presentPercentOfH: Percent,
    byChannel: z.strictObject({ online: Count, paper: Count, meeting: Count }),
    absent: z.strictObject({ count: Count, ids: z.array(RollId) }),
  }),
  /**
   * (c) what was discussed: the secretary's summary, with the discussion's questions and official answers, and, when
   * the signed result lists opinions.json (result/2), the other opinions after moderation, in that file's order.
   */
  discussion: z.strictObject({ summary: Text(10_000), questions: z.array(DiscussedQuestion).max(200), opinions: z.array(Opinion).optional() }),
  /** (d) how the community decided; for a meeting, by show of hands or by secret ballot. */
  method: Method,
  voting: Voting.optional(),
  /** (đ) the counts of each question. */
  questions: z.array(RecordQuestion),
  /** (e) the decision in words, and the contribution decided. */
  decision: z.string(),
  contribution: DecidedContribution.optional(),
  /** (g) who signs: the village head, the head of the Front working committee, 2 household representatives (roll ids). */
  signers: z.strictObject({
    villageHead: Name,
    frontHead: Name,
    households: z.tuple([RollId, RollId]).refine(([a, b]) => a !== b, 'two different households'),
  }),
  /** What departed from the law's procedure, and why (empty when nothing did). */
  departures: z.array(Departure),
  closedAt: Instant,
  publishedAt: Instant,
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** A member of the counting committee (meeting) or the ballot team (household ballot), as the officials enter them. */
export const CountingMember = z.strictObject({ name: Name, role: Name });
export type CountingMember = z.infer<typeof CountingMember>;

/** The slips: issued, returned, entered, spoiled (not valid), valid. */
export const Slips = z.strictObject({ issued: Count, returned: Count, entered: Count, spoiled: Count, valid: Count });
export type Slips = z.infer<typeof Slips>;

/** `counting.json`: the counting record, Decree 59/2023 form 02 (meeting) or 04 (household ballot). */
export const CountingRecord = z.strictObject({
  kind: z.literal('counting/1'),
  consultationId: z.string(),
  manifest: Hex64,
  form: z.enum(['mau_02', 'mau_04']),
  letterhead: z.strictObject({ authority: Text(200), unit: Text(200) }),
  scope: Scope,
  title: z.string(),
  method: z.enum(['meeting', 'household_ballot']),
  voting: Voting.optional(),
  place: Name,
  at: Instant,
  members: z.array(CountingMember).min(3).max(5),
  /** The 2 household representatives who watched the count, by roll id. */
  witnesses: z.tuple([RollId, RollId]).refine(([a, b]) => a !== b, 'two different households'),
  eligible: Count,
  /** None for a show of hands. */
  slips: Slips.optional(),
  questions: z.array(RecordQuestion),
});
export type CountingRecord = z.infer<typeof CountingRecord>;
