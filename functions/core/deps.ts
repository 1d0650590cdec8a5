import type { LegalProfile } from '../../shared/matters.ts';
import type { Hash } from '../../shared/sha256.ts';
import type { ContactStore } from './contacts.ts';
import type { Notifier } from './notifier.ts';
import type { Clock, CloseScheduler, Ids, PrintRequester, Publisher, Sealer, Signer } from './ports.ts';
import type { AttemptLimiter, Store } from './store.ts';

/** Everything the use cases need, built once per runtime (Lambda cold start, local server, test). */
export interface CoreDeps {
  store: Store;
  limiter: AttemptLimiter;
  signer: Signer;
  publisher: Publisher;
  scheduler: CloseScheduler;
  clock: Clock;
  ids: Ids;
  profile: LegalProfile;
  /**
   * Seals the key of an online round's code slips so they can be printed page by page until voting closes. The
   * runtimes that open voting (the API, the officials' pages, the local server) must have one: opening an online
   * round without it is refused before anything is written.
   */
  sealer?: Sealer;
  /**
   * Signs each online ballot's receipt when it is committed (shared/receipt-signature.ts): a key of its own, never
   * the result key, held by the residents' API. Without one the answer carries no receipt signature.
   */
  receiptSigner?: Signer;
  /** Prints the minutes to PDF; without one the minutes are published as HTML only (their print stylesheet still works). */
  printer?: PrintRequester;
  /** SHA-256 for work over many hashes (the inclusion proof); node:crypto's where the runtime has it, else shared/sha256. */
  sha256?: Hash;
  /** Operational log line (never a secret): failures of best-effort work after an act committed. */
  log?: (line: string) => void;
  /** Sends notices to the households (an outbox folder locally, SMS on AWS); without one no notice is sent. */
  notifier?: Notifier;
  /** The commune's private contact book of its households (never published); the store, where it keeps one. */
  contacts?: ContactStore;
  /** How wrong voting codes from one client are slowed and refused (defaults in voting.ts). */
  attempts?: AttemptPolicy;
}

export interface AttemptPolicy {
  /** Failures in the window after which each attempt is delayed. */
  slowAfter: number;
  /** Failures in the window past which a wrong code is answered 429 (a right code is always taken). */
  refuseAt: number;
  baseDelayMs: number;
  maxDelayMs: number;
}
