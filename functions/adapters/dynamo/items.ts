/**
 * The items of the table as they are read back (key layout in `../dynamo-table.ts`), one zod schema each: every
 * read is parsed, never cast, so an item that is not what the code wrote stops the act instead of flowing on.
 * Domain values kept inside an item (the consultation, a household, a comment, an audit event) are parsed with
 * the domain's own schemas.
 */
import * as z from 'zod';
import { Comment, Hidden } from '../../../shared/discussion.ts';
import { Answers, AuditEvent, Channel, Consultation, Household, State } from '../../../shared/schemas.ts';

/** A string attribute holding JSON, parsed with `schema`. */
function json<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        return value;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** Any item, when only its key is needed (deleting a superseded roll). */
export const ItemKey = z.object({ pk: z.string(), sk: z.string() });
export type ItemKey = z.infer<typeof ItemKey>;

/** `C#<id>/C`: the consultation's document, its state, the audit chain head and the lock of a multi-step act. */
export const ConsultationItem = z.object({
  doc: json(Consultation),
  st: State,
  createdAt: z.string(),
  updatedAt: z.string(),
  rollCount: z.number().optional(),
  rollVersion: z.number().optional(),
  auditSeq: z.number(),
  auditHead: z.string(),
  lockToken: z.string().optional(),
  lockUntil: z.number().optional(),
  /** An opening that took more than one call: its job, and how many items of it are written (ballot-box.ts). */
  openJob: z.string().optional(),
  openWritten: z.number().optional(),
  closedAt: z.string().optional(),
  publishedAt: z.string().optional(),
  resultUrl: z.string().optional(),
  /** Paper slips: serials issued at opening (household ballots), slips entered, households ticked off as returned. */
  slipsIssued: z.number().optional(),
  slipsEntered: z.number().optional(),
  slipsReturned: z.number().optional(),
});
export type ConsultationItem = z.infer<typeof ConsultationItem>;

/** What `fixPublishedAt` reads back from its update. */
export const PublishedAtAttributes = z.object({ publishedAt: z.string() });

/** `C#<id>/HH#<version>#<rollId>`: one household of one version of the roll. */
export const HouseholdItem = z.object({ pk: z.string(), sk: z.string(), household: Household });

/** `A#<id>/<seq>`: one sealed audit event, stored as its JSON. */
export const AuditItem = z.object({ event: json(AuditEvent) });

/** `S#<id>#<shard>/<rollId>`: a household's slot: its current credential hash, version, and counted ballot. */
export const SlotItem = z.object({
  /** None in a round without voting codes (household ballots, meetings). */
  credHash: z.string().optional(),
  ver: z.number(),
  receipt: z.string().optional(),
  channel: Channel.optional(),
});
export type SlotItem = z.infer<typeof SlotItem>;

/** Any item of a slot partition (a household's slot or the shard's `#COUNT`), as the opening's clean-up reads it. */
export const SlotPartitionItem = z.object({ pk: z.string(), sk: z.string(), credHash: z.string().optional() });

/** Any item of a slot partition, as the recount reads it: a slot with a receipt is a participating household. */
export const TallySlotItem = z.object({ sk: z.string(), receipt: z.string().optional(), channel: Channel.optional(), returned: z.boolean().optional() });

/** `S#<id>#<shard>/#COUNT`: the shard's turnout by channel. */
export const CounterItem = z.object({
  online: z.number().optional(),
  paper: z.number().optional(),
  meeting: z.number().optional(),
});

/** `K#<id>#<hash>/K`: the household a voting (or discussion) code's hash belongs to. */
export const CredentialItem = z.object({ household: z.string() });

export const BallotStatus = z.enum(['counted', 'replaced', 'withdrawn']);

/**
 * `B#<id>#<shard>/<receipt>`: a ballot's status, and for a paper or meeting entry the ballot it replaced (so that
 * the entry can be withdrawn).
 */
export const BallotItem = z.object({
  status: BallotStatus,
  prevReceipt: z.string().optional(),
  prevChannel: Channel.optional(),
});

/** A counted ballot as the recount reads it: the receipt is its sort key. */
export const CountedBallotItem = z.object({ sk: z.string(), answers: Answers, nonce: z.string(), serial: z.string().optional() });

/** `P#<id>/<serial>`: a slip's serial, and the receipt of its ballot once entered. */
export const SerialItem = z.object({ sk: z.string(), receipt: z.string().optional() });

/** `D#<id>[#complaints]/<commentId>`: a comment as written (never with `hidden`) and its hiding, if any. */
export const CommentItem = z.object({ comment: Comment, hidden: Hidden.optional() });

/** `R#<key>/R`: failed attempts of one client key in the window that began at `windowStart` (ms). */
export const AttemptsItem = z.object({ n: z.number(), windowStart: z.number() });

/** Parses an item read back from the table; an item that does not match is a fault of the store, never the caller's. */
export function parseItem<T extends z.ZodType>(schema: T, item: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new Error(`an item read back (${what}) does not match its schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
