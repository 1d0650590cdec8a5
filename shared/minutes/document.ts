/**
 * `minutes.json`, the minutes (biên bản) of one round in the shape of Decree 59/2023 form 03: who chaired and wrote
 * them, H, who took part and how, each question's counts, threshold and outcome in plain Vietnamese, and the
 * decision. Residents never appear by name; the officers do, as the law expects of people acting in public office.
 */
import * as z from 'zod';
import { Hex64, Instant, Matter, Method, OutcomeStatus, Rule, Scope } from '../schemas.ts';

/** An officer's name or title, as the minutes and their signatures write it. */
export const Name = z.string().trim().min(1).max(200);
const Count = z.int().min(0);
/** A share of H with one decimal, "80.0", from integer arithmetic (percentOfH). */
const Percent = z.string().regex(/^\d+\.\d$/, 'a percentage with one decimal, e.g. 80.0');
const Share = z.strictObject({ votes: Count, percentOfH: Percent });

/** The chair or the secretary: a name and an office (Decree 59/2023 form 03, "Chủ trì", "Thư ký"). */
export const Officer = z.strictObject({ name: Name, title: Name });
export type Officer = z.infer<typeof Officer>;
/** The representative of the Front working committee (Ban công tác Mặt trận) who co-signs. */
export const FrontRepresentative = z.strictObject({ name: Name, organisation: Name });
export type FrontRepresentative = z.infer<typeof FrontRepresentative>;

/** One question as the minutes record it: counts and shares of H, the threshold and the outcome in words. */
export const MinutesQuestion = z.strictObject({
  id: z.string(),
  text: z.string(),
  method: Method,
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
export type MinutesQuestion = z.infer<typeof MinutesQuestion>;

/** `minutes.json`: the minutes of one round, JCS bytes like every published .json file (bundle.md). */
export const Minutes = z.strictObject({
  kind: z.literal('minutes/1'),
  consultationId: z.string(),
  /** H(result.jws payload bytes), as attestations name the result. */
  manifest: Hex64,
  commune: z.string().min(1).max(64),
  scope: Scope,
  title: z.string(),
  matter: Matter,
  place: Name,
  time: z.strictObject({ from: Instant, to: Instant }),
  method: Method,
  chair: Officer,
  secretary: Officer,
  frontRepresentative: FrontRepresentative.optional(),
  eligible: Count,
  participants: z.strictObject({
    total: Count,
    byChannel: z.strictObject({ online: Count, paper: Count, meeting: Count }),
    percentOfH: Percent,
  }),
  /** A meeting only: households present, and the quorum of its questions (Law 10/2022 Art. 18). */
  attendance: z.strictObject({ present: Count, percentOfH: Percent, quorum: z.strictObject({ required: Count, met: z.boolean() }).optional() }).optional(),
  questions: z.array(MinutesQuestion),
  decision: z.string(),
  closedAt: Instant,
  publishedAt: Instant,
});
export type Minutes = z.infer<typeof Minutes>;
