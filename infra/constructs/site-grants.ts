/** Which files of the site each function may write or read (Site's grants); the infra tests check each role's statements. */

/** What the residents' function reads from the site (Site.grantResidentsAccess). */
export const RESIDENT_READS = [
  'c/*/result.jws',
  'c/*/result.json',
  'c/*/ballots.json',
  'c/*/attestations/*',
  'g/*/aggregate.jws',
  'g/*/aggregate.json',
] as const satisfies readonly string[];

/** What the staff function writes (Site.grantStaffAccess): pages and what follows a result, never a signed file or the home page. */
export const STAFF_WRITES: readonly string[] = [
  'c/*/index.html',
  'c/*/attestations/*',
  'c/*/docs/*',
  // The decision record and the counting record, their key signatures and the scans of the paper copies.
  'c/*/record/*',
  // The contributions' ledger and what is derived from it, published again after each entry.
  'c/*/contributions/*',
  // A commune's own translation of a draft round, as uploaded and as checked (functions/core/translations.ts).
  'c/*/translations/*',
  // A commune round's page, published again when UBND xã sets the date it takes effect.
  'g/*/index.html',
  // A process's public timeline (an election, a dismissal, a board election, a community rule) after each act, and
  // the scan of a recognised community rule's stamped copy (functions/core/processes.ts, rule-pages.ts).
  'p/*/index.html',
  'p/*/copy/*',
  // A hamlet's community rule in force, its history and its rounds in progress.
  'h/*/rules.html',
];

/** What the staff function reads (Site.grantStaffAccess). */
export const STAFF_READS: readonly string[] = [
  'c/*/result.jws',
  'c/*/result.json',
  'c/*/consultation.json',
  'c/*/roll.json',
  'c/*/participants.json',
  // The receipt check's inclusion proof is computed from the published ballots (functions/core/inclusion.ts).
  'c/*/ballots.json',
  'c/*/audit.jsonl',
  'c/*/opinions.json',
  'c/*/attestations/*',
  'c/*/record/*',
  // A commune round's signed aggregate, read to answer its status and to set its effective date.
  'g/*/aggregate.jws',
  'g/*/aggregate.json',
];
