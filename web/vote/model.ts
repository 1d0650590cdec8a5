/**
 * What the resident pages render, as plain values: the ballot form as typed, the problems found in it, why a cast
 * failed, and where a round stands for a resident. The HTTP layer fills these; the pages only read them.
 */
import type { Consultation, State } from '../../shared/schemas.ts';

export type Lang = 'vi' | 'en';

/** The form as the resident filled it: the code as typed (or canonical), and the chosen values per question id. */
export interface BallotForm {
  code: string;
  answers: Record<string, string | string[]>;
  /** The "Ý kiến khác" texts as typed (NFC, trimmed), by question id. */
  opinions?: Record<string, string>;
}

export type ProblemKind =
  | 'code_missing'
  | 'code_format'
  | 'code_refused'
  | 'answer_missing'
  | 'too_many'
  | 'invalid'
  | 'opinion_not_other'
  | 'opinion_too_long';

/** One thing to fix in the form: `field` is `code` or a question id. */
export interface FormProblem {
  field: string;
  kind: ProblemKind;
  max?: number;
}

/** Why a ballot was not recorded (the DomainError codes a resident can meet, and the unexpected). */
export type Failure =
  | 'invalid_code'
  | 'too_many_attempts'
  | 'not_open'
  | 'wrong_state'
  | 'invalid_request'
  | 'busy'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal';

/** Where a round stands for a resident who wants to vote online. */
export type VotingStatus = 'open' | 'not_yet' | 'scheduled' | 'ended' | 'counting' | 'published' | 'cancelled' | 'meeting';

/** The form field of a question's answer (checkboxes of an approval question repeat it). */
export function answerField(questionId: string): string {
  return `a.${questionId}`;
}

/** Whether residents can vote online now; a round past its closing time is ended even before the close runs. */
export function votingStatus(consultation: Consultation, state: State, now: Date): VotingStatus {
  if (state === 'cancelled') return 'cancelled';
  if (state === 'published') return 'published';
  if (state === 'closed') return 'counting';
  if (state === 'draft' || state === 'disclosure') return 'not_yet';
  // Decree 59/2023: at a meeting the secret paper ballots are entered by the vote-counting committee.
  if (consultation.method === 'meeting') return 'meeting';
  if (Date.parse(consultation.closesAt) <= now.getTime()) return 'ended';
  // The codes may be issued (and the slips handed out) before the opening time; ballots count only from then on.
  return Date.parse(consultation.opensAt) > now.getTime() ? 'scheduled' : 'open';
}

/** A path of these pages in the resident's language (Vietnamese needs no parameter). */
export function withLang(path: string, lang: Lang): string {
  if (lang === 'vi') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=en`;
}

/**
 * The receipt's first 10 characters in two groups of five, to read aloud or write on the slip.
 * @example trackingCode('3fa9c107b2...') // '3fa9c 107b2'
 */
export function trackingCode(receipt: string): string {
  return `${receipt.slice(0, 5)} ${receipt.slice(5, 10)}`;
}

/** A canonical code shown only by its last group, so a review page confirms it without displaying it whole. */
export function maskedCode(code: string): string {
  return `••••-••••-••••-${code.slice(-4)}`;
}
