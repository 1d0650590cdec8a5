/**
 * The decision record of a round (Law 10/2022 Art. 20; Decree 59/2023 form 03) and its counting record (form 02 or
 * 04), drafted from the signed result and what the officials entered, and the officers' key signatures of the
 * decision record (`record+jws`). Pure: the same inputs give the same JCS bytes, so a verifier redrafts them.
 * Residents never appear by name (the households that sign or witness are roll ids); the officers do, as the law's
 * record expects of people acting in public office.
 *
 * One file per part, in minutes/: the documents (document.ts), the words of rules and outcomes (words.ts), what both
 * records share (questions.ts), the drafting (draft.ts, counting.ts) and the signatures (signatures.ts).
 */
export {
  CountingMember,
  CountingRecord,
  DecidedContribution,
  DecisionRecord,
  Departure,
  DiscussedQuestion,
  DocumentForm,
  MinutesQuestion,
  RecordQuestion,
  Slips,
} from './minutes/document.ts';
export { countingEntriesOf, draftCounting, type CountingEntries, type CountingInput } from './minutes/counting.ts';
export { departuresOf, draftDecision, entriesOf, type DecisionEntries, type DecisionInput } from './minutes/draft.ts';
export {
  MINUTES_ROLES,
  MinutesRole,
  MinutesSignaturePayload,
  minutesHash,
  minutesSigningInput,
  RECORD_TYP,
  signatureStatus,
  signerName,
  signMinutes,
  verifyMinutesSignature,
  type MinutesSignatureCheck,
  type MinutesSignatureOptions,
  type MinutesSigning,
  type SignatureStatus,
  type SignedRole,
} from './minutes/signatures.ts';
export { answerLabel, OUTCOME_VI, outcomeSentence, ruleInWords, shareInWords } from './minutes/words.ts';
// The numbers as the record writes them (the same as the pages').
export { percentOfH, vnNumber, vnPercent } from './numbers.ts';
export {
  MINUTES_ROLES as RECORD_ROLES,
  MinutesRole as RecordRole,
  minutesHash as recordHash,
  signMinutes as signRecord,
  verifyMinutesSignature as verifyRecordSignature,
} from './minutes/signatures.ts';

/** Where the record lives under `c/<id>/` (bundle.md "After publication"). */
export const RECORD_FILES = {
  decision: 'record/decision.json',
  decisionHtml: 'record/decision.html',
  counting: 'record/counting.json',
  countingHtml: 'record/counting.html',
  signature: (role: string) => `record/signatures/${role}.jws`,
  scan: (sha256: string, ext: string) => `record/scans/${sha256}.${ext}`,
} as const;

/** A scan's file name: its SHA-256 and the extension of its kind. */
export const SCAN_NAME = /^record\/scans\/([0-9a-f]{64})\.(pdf|jpg|png)$/;
