/**
 * What follows a published result, as the law says (domain.md "Recognition", "Sending the decision"): which body
 * recognises a matter's decision (Law 10/2022 Art. 21(2)), the acts recorded after publication as events of the live
 * log (bundle.md "After publication"), and the state that the result page and the API show, with each deadline in
 * working days (./working-days.ts) and whether it is overdue. Pure: the clock is passed in.
 */
import * as z from 'zod';
import type { AuditEvent } from './schemas.ts';
import { deadlineAfter, isIsoDate, isPast } from './working-days.ts';

/** The two bodies a decision is sent to (Art. 20(3)): UBND xã and UBMTTQ xã. */
export const Body = z.enum(['ubnd_xa', 'ubmttq_xa']);
export type Body = z.infer<typeof Body>;

/**
 * When a matter's decision takes effect: on the day of the vote, once a body recognises it, or never (an opinion
 * is advice to an authority that decides, Art. 25).
 */
export type TakesEffect = 'on_vote' | Body | 'none';

/** Law 10/2022 Art. 21(2); Decree 59/2023 Art. 8, 9 (the village head); a legacy `election` is the village head's. */
const TAKES_EFFECT: Readonly<Record<string, TakesEffect>> = {
  contribution: 'on_vote',
  contribution_management: 'on_vote',
  other_self_managed: 'on_vote',
  community_rules: 'ubnd_xa',
  village_head: 'ubnd_xa',
  election: 'ubnd_xa',
  board_members: 'ubmttq_xa',
  opinion: 'none',
};

/**
 * When a matter's decision takes effect, and so who must recognise it.
 * @example takesEffect('board_members') // 'ubmttq_xa'
 */
export function takesEffect(matter: string): TakesEffect {
  const found = TAKES_EFFECT[matter];
  if (!found) throw new RangeError(`unknown matter: ${matter}`);
  return found;
}

/** The actions of the live log after publication (bundle.md "After publication"). */
export const AFTER_PUBLICATION = {
  sent: 'record_sent',
  recognized: 'recognized',
  refused: 'recognition_refused',
  annulled: 'annulled',
  amendmentRequested: 'amendment_requested',
} as const;

const Day = z.string().refine(isIsoDate, 'a calendar date YYYY-MM-DD');
const Reference = z.string().trim().min(1).max(200);
const Reason = z.string().trim().min(1).max(2000);

/** An official records that the decision was sent to a body: the date it was sent and the letter's reference. */
export const SentBody = z.strictObject({ to: Body, date: Day, reference: Reference });
export type SentBody = z.infer<typeof SentBody>;

/** The recognising body's answer: a decision of recognition, or a refusal in writing with its reasons (Art. 21(2)). */
export const RecognitionBody = z
  .strictObject({ decision: z.enum(['recognized', 'refused']), date: Day, reference: Reference, reason: Reason.optional() })
  .refine((b) => b.decision !== 'refused' || b.reason !== undefined, { path: ['reason'], message: 'a refusal states its reasons' });
export type RecognitionBody = z.infer<typeof RecognitionBody>;

/** UBND xã annuls a decision, or asks the community to amend it (Art. 22(2)): always with its reasons. */
export const Art22Body = z.strictObject({ date: Day, reference: Reference, reason: Reason });
export type Art22Body = z.infer<typeof Art22Body>;

/** One act as recorded: its document's date and reference, when it was recorded, and whether it came after its deadline. */
export interface RecordedAct {
  date: string;
  reference: string;
  at: string;
  reason?: string;
}

export interface Sending extends RecordedAct {
  to: Body;
  /** Sent after the deadline. */
  late: boolean;
}

export interface RecognitionState {
  by: Body;
  /** 5 working days from the day the body received the decision (its recorded sending); unknown until then. */
  deadline?: string;
  /** Not answered and the deadline's day is over. */
  overdue: boolean;
  decision?: RecordedAct & { decision: 'recognized' | 'refused'; late: boolean };
}

/** Everything after publication, as the result page and `GET .../after-publication` show it. */
export interface AfterPublication {
  takesEffect: TakesEffect;
  sending: {
    /** 5 working days from the vote (the round's close), Vietnam time; none for an opinion. */
    deadline?: string;
    sent: Sending[];
    /** The bodies it has not been recorded as sent to. */
    pending: Body[];
    overdue: boolean;
  };
  recognition?: RecognitionState;
  annulment?: RecordedAct;
  amendmentRequest?: RecordedAct;
}

function act(e: AuditEvent): RecordedAct {
  const { date, reference, reason } = e.data;
  return {
    date: String(date),
    reference: String(reference),
    at: e.at,
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}

/**
 * The state after publication from the live log: the sending deadline from the close, each sending (first per
 * body), the recognition (its deadline from the sending to the recognising body), the annulment and the request to
 * amend, with overdue steps flagged at `now`.
 */
export function afterPublicationOf(input: {
  matter: string;
  closedAt: string;
  log: readonly AuditEvent[];
  holidays: readonly string[];
  now: Date;
}): AfterPublication {
  const effect = takesEffect(input.matter);
  const deadline = effect === 'none' ? undefined : deadlineAfter(input.closedAt, input.holidays);
  const sent: Sending[] = [];
  for (const e of input.log) {
    if (e.action !== AFTER_PUBLICATION.sent || sent.some((s) => s.to === e.data.to)) continue;
    const to = Body.safeParse(e.data.to);
    if (!to.success) continue;
    const a = act(e);
    sent.push({ ...a, to: to.data, late: deadline !== undefined && a.date > deadline });
  }
  const pending = Body.options.filter((b) => !sent.some((s) => s.to === b));
  const find = (action: string) => input.log.find((e) => e.action === action);
  const annulled = find(AFTER_PUBLICATION.annulled);
  const amendment = find(AFTER_PUBLICATION.amendmentRequested);
  return {
    takesEffect: effect,
    sending: {
      ...(deadline ? { deadline } : {}),
      sent,
      pending,
      overdue: deadline !== undefined && pending.length > 0 && isPast(deadline, input.now),
    },
    ...(effect === 'ubnd_xa' || effect === 'ubmttq_xa' ? { recognition: recognitionState(effect, sent, input) } : {}),
    ...(annulled ? { annulment: act(annulled) } : {}),
    ...(amendment ? { amendmentRequest: act(amendment) } : {}),
  };
}

function recognitionState(by: Body, sent: readonly Sending[], input: { log: readonly AuditEvent[]; holidays: readonly string[]; now: Date }): RecognitionState {
  const received = sent.find((s) => s.to === by);
  // The body received the decision on the day it was sent (a letter handed over, or sent electronically).
  const deadline = received ? deadlineAfter(`${received.date}T12:00:00+07:00`, input.holidays) : undefined;
  const answer = input.log.find((e) => e.action === AFTER_PUBLICATION.recognized || e.action === AFTER_PUBLICATION.refused);
  const decision = answer
    ? {
        ...act(answer),
        decision: answer.action === AFTER_PUBLICATION.recognized ? ('recognized' as const) : ('refused' as const),
        late: deadline !== undefined && String(answer.data.date) > deadline,
      }
    : undefined;
  return {
    by,
    ...(deadline ? { deadline } : {}),
    overdue: !decision && deadline !== undefined && isPast(deadline, input.now),
    ...(decision ? { decision } : {}),
  };
}
