/**
 * The minutes (biên bản) drafted at close, in the shape of Decree 59/2023 form 03: who chaired and wrote them, H,
 * who took part and how, each question's counts, threshold and outcome in plain Vietnamese, the decision, and the
 * signatures of the chair, the secretary and the Front representative, each a JWS with their own P-256 key.
 * Pure: the same inputs give the same JCS bytes, so drafting twice (a retried close) writes the same file.
 * Residents never appear by name; the officers do, as the law expects of people acting in public office.
 *
 * One file per part, in minutes/: the document (document.ts), the words of rules and outcomes (words.ts), the
 * drafting (draft.ts) and the signatures (signatures.ts). This file is their one public entry.
 */
export { FrontRepresentative, Minutes, MinutesQuestion, Officer } from './minutes/document.ts';
export { draftMinutes, type MinutesInput } from './minutes/draft.ts';
export {
  MINUTES_ROLES,
  MinutesRole,
  MinutesSignaturePayload,
  minutesHash,
  minutesSigningInput,
  signatureStatus,
  signMinutes,
  verifyMinutesSignature,
  type MinutesSignatureCheck,
  type MinutesSignatureOptions,
  type MinutesSigning,
  type SignatureStatus,
  type SignedRole,
} from './minutes/signatures.ts';
export { answerLabel, OUTCOME_VI, outcomeSentence, ruleInWords, shareInWords } from './minutes/words.ts';
// The numbers as the minutes write them (the same as the pages').
export { percentOfH, vnNumber, vnPercent } from './numbers.ts';
