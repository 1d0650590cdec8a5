/** Request and response shapes of the API (api.md), from the domain schemas; the OpenAPI document is made from these. */
import * as z from 'zod';
import { AUTHOR_MAX, Comment, CommentText, HideReason } from '../../shared/discussion.ts';
import { Answers, Channel, Consultation, ConsultationInput, Document, Hex64, Household, RollId, State, Ulid } from '../../shared/schemas.ts';
import { CONDITION_KINDS, OpenOverride } from '../../shared/matters.ts';
import { OpinionsBody } from '../../shared/opinions.ts';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string(), line: z.int().optional() })).optional(),
  }),
});

/** `participants` and `byChannel` (live turnout) only for the commune's officials and monitors. */
export const Counts = z.object({
  eligible: z.int(),
  participants: z.int().optional(),
  byChannel: z.object({ online: z.int(), paper: z.int(), meeting: z.int() }).optional(),
});
export const ConsultationView = z.object({
  ...Consultation.shape,
  state: State,
  counts: Counts,
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional(),
  publishedAt: z.string().optional(),
  result: z.string().optional(),
});
export const ConsultationList = z.object({ consultations: z.array(ConsultationView) });
export const ListQuery = z.object({ state: State.exclude(['draft']).optional() });

export const LoginBody = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export const LoginResponse = z.object({ token: z.string(), role: z.enum(['official', 'monitor', 'commune']), commune: z.string() });

export const RollBody = z.strictObject({ households: z.array(Household).max(20_000) });
export const RollResponse = z.object({ count: z.int(), byCategory: z.record(z.string(), z.int()) });

/** Optional: opening before the disclosure period is over needs a reason (audit-logged). */
export const OpenBody = z.strictObject({ override: OpenOverride.optional() });
export const OnlineConditionResponse = z.object({ seq: z.int(), condition: z.enum(CONDITION_KINDS) });
export const Credential = z.object({ household: z.string(), code: z.string() });
/**
 * api.md's answer to opening. Departure: a roll of more than CODES_IN_ANSWER households answers with the first page
 * of codes and `next`, the address of the following page (GET .../credentials?page=), kept until the slips are sealed
 * or voting closes; a response never approaches the 6 MB a Lambda may return.
 */
export const OpenResponse = z.object({ state: z.literal('voting'), credentials: z.array(Credential), next: z.string().optional() });
export const CredentialsPage = z.object({ credentials: z.array(Credential), page: z.int(), pages: z.int(), next: z.string().optional() });
export const CredentialsQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  hamlet: z.string().min(1).max(100).optional(),
});
export const ReissueResponse = z.object({ household: z.string(), code: z.string() });

/** `opinions`: the "other opinion" texts by question id, only for questions answered "abstain" (kept apart from the ballot). */
export const BallotBody = z.strictObject({ code: z.string().min(1).max(64), answers: Answers, opinions: OpinionsBody.optional() });
/** `receiptSignature` (beyond api.md, additive): the API's signed receipt, a compact JWS (shared/receipt-signature.ts). */
export const BallotResponse = z.object({ receipt: Hex64, replaced: z.boolean(), receiptSignature: z.string().optional() });
export const PaperBallotBody = z.strictObject({ household: RollId, answers: Answers, opinions: OpinionsBody.optional() });
export const WithdrawBody = z.strictObject({ household: RollId });
export const WithdrawResponse = z.object({ withdrawn: z.literal(true), restored: z.boolean() });
export const ReceiptResponse = z.object({ status: z.enum(['counted', 'replaced']) });
export const TrackingCodeResponse = z.object({ receipt: Hex64, status: z.enum(['counted', 'replaced']) });

export const CloseResponse = z.object({ state: z.literal('published'), result: z.string() });
export const StateResponse = ConsultationView;
export const AuditResponse = z.array(z.record(z.string(), z.unknown()));
export const AttestationResponse = z.object({ kid: z.string(), url: z.string() });
export const DocumentQuery = z.object({ title: Document.shape.title.describe("the document's title (Vietnamese, 1 to 300 characters)") });
export const DocumentResponse = Document;
export const DocumentParam = Hex64;
export const HouseholdParam = RollId;
export const ReceiptParam = Hex64;
/** A tracking code as printed ("e1615 10682"): at least its 10 hex characters, spaces, dashes and any case allowed. */
export const TrackingCodeParam = z.string().min(1).max(100);
export { ConsultationInput, Channel };

export const CommentBody = z.strictObject({
  code: z.string().min(1).max(64),
  text: CommentText,
  parent: Ulid.optional(),
  author: z.string().max(AUTHOR_MAX).optional().describe('a display name the resident chooses to show; never taken from the roll'),
});
export const AnswerBody = z.strictObject({ text: CommentText });
export const HideBody = z.strictObject({ reason: HideReason });
export const CommentResponse = Comment;
export const HideResponse = z.object({ id: Ulid, hidden: z.object({ reason: HideReason, at: z.string() }) });
/** Hidden comments keep their place and reason; their text and author only for the commune's officials. */
const CommentView = z.object({
  id: z.string(),
  rollId: z.string().optional(),
  parent: z.string().optional(),
  author: z.string().optional(),
  text: z.string().optional(),
  at: z.string(),
  official: z.boolean(),
  hidden: z.object({ reason: HideReason, at: z.string(), by: z.string().optional() }).optional(),
});
export const DiscussionResponse = z.object({
  threads: z.array(z.object({ comment: CommentView, replies: z.array(CommentView) })),
  total: z.int(),
  hidden: z.int(),
  answered: z.int(),
});
export const CommentParam = Ulid;
