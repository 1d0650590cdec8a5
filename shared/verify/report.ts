/** The verifier's report and inputs: what verifyBundle takes and gives, and the names of the checks of bundle.md. */
import type { BallotsSource } from '../ballots-reader.ts';
import type { Hash } from '../sha256.ts';

/** One line of the report: a step of bundle.md, pass or fail, and why. */
export interface Check {
  /** 1..9, as bundle.md numbers the checks. */
  step: number;
  name: string;
  ok: boolean;
  detail: string;
  warnings?: string[];
}

/** A voter's receipt found in the ballots, with its RFC 9162 inclusion proof (hex) against the root. */
export interface Inclusion {
  receipt: string;
  index: number;
  treeSize: number;
  proof: string[];
  root: string;
}

/** The commune's key: pinned out of band (preferred), or the site's JWKS as a fallback. */
export interface VerifyKey {
  pinned?: CryptoKey | JsonWebKey | string;
  jwks?: { keys: JsonWebKey[] };
}

/** ballots.json read in pieces rather than held whole (the CLI, on a million ballots). */
export interface StreamedBallots extends BallotsSource {
  /** The file's SHA-256, reading it anew (step 2). */
  sha256(): Promise<Uint8Array>;
}

export interface VerifyOptions {
  /** A voter's receipt to find (step 4). */
  receipt?: string;
  /** SHA-256 implementation; Node callers may inject node:crypto. */
  hash?: Hash;
  /** ballots.json read from this source instead of from the files. */
  ballotsFile?: StreamedBallots;
  /** Called with each check as soon as it is decided (the verify page turns its rows one by one). */
  onCheck?: (check: Check) => void;
  /** Called as the steps advance; when given, the verifier also yields to the event loop now and then. */
  onProgress?: (step: number, fraction: number) => void;
}

export interface Verification {
  ok: boolean;
  checks: Check[];
  inclusion?: Inclusion;
}

/** The checks of bundle.md, by step number. */
export const CHECK_NAMES: Readonly<Record<number, string>> = {
  1: 'result.jws verifies under the commune key',
  2: 'every file hashes to the value in the manifest',
  3: 'every receipt recomputes; receipts are distinct and sorted',
  4: 'the Merkle root recomputes',
  5: 'participants are distinct, sorted, on the roll, and add up',
  6: 'every ballot answers every question with an allowed answer',
  7: 'recounting the ballots gives the tally',
  8: 'the audit chain is unbroken up to the closed event',
  9: 'every attestation verifies and names this manifest',
};
