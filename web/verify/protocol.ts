/**
 * The messages between the verify page (main.ts) and its worker (worker.ts). Types only: the page's bundle stays
 * free of the verifier, which is loaded in the worker alone.
 */
import type { Check, Verification } from '../../shared/verify/index.ts';
import type { AfterVerification } from '../../shared/verify-after/index.ts';

/** The commune's key as the page passes it: pinned by the monitor (PEM text or a JWK), or the site's JWKS. */
export interface RequestKey {
  pinned?: string | JsonWebKey;
  jwks?: { keys: JsonWebKey[] };
}

/**
 * Page to worker: the bundle's files by name (transferred, not copied), with the record and the contributions
 * published after it when there are any, the key, and a voter's receipt.
 */
export interface VerifyRequest {
  files: Record<string, ArrayBuffer>;
  key: RequestKey;
  receipt?: string;
}

/**
 * Worker to page: progress through the steps of bundle.md, each check as it ends when known, then the report with
 * the checks of what was published after the result (`after`).
 */
export type WorkerMessage =
  | { type: 'progress'; step: number; fraction: number }
  | { type: 'check'; check: Check }
  | { type: 'done'; report: Verification; after: AfterVerification }
  | { type: 'error'; message: string };

/** The number of checks of bundle.md "What a verifier checks". */
export const STEP_COUNT = 9;
