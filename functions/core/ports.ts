/**
 * The ports the use cases need. Adapters implement them: DynamoDB, KMS, S3 and EventBridge Scheduler on AWS;
 * DynamoDB Local, a key file, a folder and an in-process timer locally. Nothing here imports an SDK.
 */
import type { GroupStatus } from './commune-rounds.ts';
/**
 * Who is acting, from a verified token (`sub`, `cognito:groups`, `custom:commune`): an official who runs rounds, a
 * monitor (the Front, the People's Inspection Board), or the commune People's Committee (`commune`, UBND xã).
 */
export interface Principal {
  sub: string;
  role: 'official' | 'monitor' | 'commune';
  commune: string;
}

/** Checks an official's or monitor's bearer token: the principal, or undefined for a bad, expired or claim-less token. */
export type TokenVerifier = (token: string) => Promise<Principal | undefined>;

/** Signs the JWS signing input with ECDSA P-256 / SHA-256. */
export interface Signer {
  /** The public key as SPKI DER bytes (91 bytes for P-256). */
  publicKeySpki(): Promise<Uint8Array>;
  /** Signature over `message` (the signer hashes it), as 64-byte IEEE P1363 r||s. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export interface PublishOptions {
  contentType: string;
  /** Cache-Control for the object; result files are immutable once written. */
  cacheControl: string;
}

/** Writes files of the static site (S3 bucket or a local folder). Keys are site paths without a leading slash. */
export interface Publisher {
  put(key: string, body: Uint8Array | string, options: PublishOptions): Promise<void>;
  /** The file's bytes, or undefined if it does not exist. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Public URL of a site path (for the API's `result` link). */
  url(key: string): string;
}

/** Arranges for a consultation to be closed at a set time (EventBridge Scheduler, or a local timer). */
export interface CloseScheduler {
  /** Creates or replaces the one-time schedule `close-<id>` at `at`. */
  schedule(consultationId: string, at: Date): Promise<void>;
  /** Removes it; no error if it does not exist. */
  cancel(consultationId: string): Promise<void>;
  /** Whether the schedule exists (the sweeper's check that no open round was left without one). */
  has?(consultationId: string): Promise<boolean>;
}

/**
 * Closes and publishes now, for an official who asked. In-process locally; on AWS the closer Lambda does it,
 * because only the closer's role may sign with the commune's key.
 */
export interface CloseRequester {
  /**
   * `who` is the official as this process verified them; `idToken` the id token they were verified by, which the
   * closer verifies again for itself (it trusts no caller's word for who closes). `options`: the reason for closing
   * before the planned time, and whether one is required (publishing.ts).
   */
  close(
    who: Principal,
    idToken: string,
    consultationId: string,
    options?: { earlyReason?: string | undefined; requireEarlyReason?: boolean | undefined },
  ): Promise<{ state: 'published'; result: string }>;
}

/**
 * Signs and publishes a commune round's aggregate (commune-rounds.ts `publishAggregate`) for an official who asked:
 * in-process locally, by the closer Lambda on AWS (the aggregate is signed with the commune's key). `who` and
 * `idToken` as for `CloseRequester.close`: the closer verifies the token again and reads who asks from it.
 */
export interface AggregateRequester {
  aggregate(who: Principal, idToken: string, groupId: string): Promise<GroupStatus>;
}

/**
 * Concludes a risk-limiting audit (rla.ts `concludeRla`, which signs `rla.jws`) for a monitor who asked: the slot
 * for routing it through the closer as the aggregate is. The answer is the audit's state as the closer returns it.
 */
export interface RlaRequester {
  rla(who: Principal, idToken: string, consultationId: string, options?: { fullCount?: boolean | undefined }): Promise<Record<string, unknown>>;
}

/** Every act only the closer may do on AWS, because each signs with the commune's key (the Lambda adapter). */
export type CloserActs = CloseRequester & AggregateRequester & RlaRequester;

/** Renders a self-contained HTML page (inline styles, no scripts) to a PDF with headless Chromium. */
export interface PdfRenderer {
  render(html: Uint8Array): Promise<Uint8Array>;
}

/**
 * Has a published page printed to PDF beside it (functions/core/printing.ts). On AWS a function of its own prints,
 * invoked without waiting (Chromium does not belong in the API's bundle); locally this process does it.
 */
export interface PrintRequester {
  request(job: { htmlKey: string; pdfKey: string }): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** Ids and randomness, injected so tests are deterministic. */
/**
 * Encrypts a short secret for keeping (the key the code slips are drawn from), bound to `context` (a different
 * context cannot open it): a symmetric KMS key on AWS, a local key file on one machine.
 */
export interface Sealer {
  seal(secret: Uint8Array, context: string): Promise<string>;
  /** The secret, or throws if `sealed` was not sealed under this key and context. */
  unseal(sealed: string, context: string): Promise<Uint8Array>;
}

export interface Ids {
  /** A new ULID. */
  ulid(): string;
  /** `n` cryptographically random bytes. */
  random(n: number): Uint8Array;
}
