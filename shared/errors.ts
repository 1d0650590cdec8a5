/** One field-level problem, as carried in an error's `details` (api.md). */
export interface ErrorDetail {
  path: string;
  message: string;
  line?: number;
  /** The detail as a person reads it, in Vietnamese (shared/issue-words.ts); pages only, never the API's JSON. */
  vi?: string;
}

/** The stable error codes of the API (api.md), each mapped once to an HTTP status by the app. */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'unauthorized',
  'invalid_code',
  'forbidden',
  'not_found',
  'not_open',
  'wrong_state',
  'already_open',
  'disclosure_too_short',
  'conditions_missing',
  'busy',
  'already_attached',
  'too_many_documents',
  'duplicate_receipt',
  'duplicate_serial',
  'method_not_allowed',
  'slips_unreconciled',
  'too_many_slips',
  'already_returned',
  'channel_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_attempts',
  'too_many_comments',
  'no_recognition_needed',
  'already_recorded',
  'not_sent',
  'invalid_attestation',
  'already_signed',
  'integrity_error',
  'internal_error',
  'unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether a string (an error code read back from another process) is one of ours. */
export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
/** A failure the caller can cause or must be told about, with a stable code; never an SDK error. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorDetail[],
    /** The specific reason in Vietnamese, shown after the code's general message (the English one is `message`). */
    readonly vi?: string,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}
