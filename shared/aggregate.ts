/**
 * The signed aggregate of a commune round (bundle.md "Commune rounds"; Law 10/2022 Art. 21(1) ¶2; Decree 59/2023
 * Art. 4(6)(c)): a contribution carried out across the commune is decided hamlet by hamlet, each by its own rule, and
 * is adopted when at least 2/3 of the hamlets adopted it. Pure: built byte for byte from each round's `result.jws`
 * payload, so that a verifier rebuilds the same bytes from the published rounds.
 */
import { fromUtf8 } from './bytes.ts';
import { jcsBytes } from './jcs.ts';
import { encodeJws, type SignP1363 } from './jws.ts';
import { Hex64, Manifest, OutcomeStatus, Ulid } from './schemas.ts';
import { sha256, sha256Hex, type Hash } from './sha256.ts';
import * as z from 'zod';

export const AGGREGATE_FORMAT = 'aggregate/1';
export const AGGREGATE_TYP = 'aggregate+jws';
/** The site folder of a group, relative to the site root. */
export const groupDir = (groupId: string) => `g/${groupId}/`;

/** The share of the hamlets that must adopt: at least 2/3 (Art. 21(1) ¶2). */
export const AGGREGATE_RULE = { op: 'at_least', fraction: [2, 3] } as const;

export const AggregateRound = z.strictObject({
  consultationId: Ulid,
  hamlet: z.string().min(1),
  manifest: Hex64,
  outcomes: z.record(z.string(), OutcomeStatus),
});
export type AggregateRound = z.infer<typeof AggregateRound>;

export const AggregateStatus = z.enum(['adopted', 'rejected']);
export type AggregateStatus = z.infer<typeof AggregateStatus>;

/** aggregate.json, the payload of aggregate.jws. */
export const Aggregate = z.strictObject({
  format: z.literal(AGGREGATE_FORMAT),
  groupId: Ulid,
  commune: z.string().min(1),
  rounds: z.array(AggregateRound).min(1),
  hamlets: z.int().min(1),
  rule: z.strictObject({ op: z.literal('at_least'), fraction: z.tuple([z.literal(2), z.literal(3)]) }),
  threshold: z.int().min(1),
  outcome: z.record(z.string(), z.strictObject({ adoptedIn: z.int().min(0), status: AggregateStatus })),
});
export type Aggregate = z.infer<typeof Aggregate>;

/**
 * The hamlets that must adopt, of `n`: ceil(2n/3), in integers.
 * @example aggregateThreshold(3) // 2
 */
export function aggregateThreshold(n: number): number {
  return Math.floor((2 * n + 2) / 3);
}

/** The signed manifest of a round from its `result.jws` payload bytes (throws if they are not a manifest). */
export function manifestOfPayload(payloadBytes: Uint8Array): Manifest {
  return Manifest.parse(JSON.parse(fromUtf8(payloadBytes)));
}

/**
 * A round's entry: H(its result.jws payload bytes) and the outcome of each question as its manifest says.
 * @example aggregateRound(id, 'Thôn Đông', decodeJws(jws).payloadBytes)
 */
export function aggregateRound(consultationId: string, hamlet: string, payloadBytes: Uint8Array, hash: Hash = sha256): AggregateRound {
  const manifest = manifestOfPayload(payloadBytes);
  return {
    consultationId,
    hamlet,
    manifest: sha256Hex(payloadBytes, hash),
    outcomes: Object.fromEntries(manifest.tally.map((t) => [t.questionId, t.outcome.status])),
  };
}

/** Per question, the hamlets that adopted it and whether they are at least the threshold. */
export function aggregateOutcome(rounds: readonly AggregateRound[], threshold: number): Aggregate['outcome'] {
  const questions = [...new Set(rounds.flatMap((r) => Object.keys(r.outcomes)))].sort();
  return Object.fromEntries(
    questions.map((q) => {
      const adoptedIn = rounds.filter((r) => r.outcomes[q] === 'adopted').length;
      return [q, { adoptedIn, status: adoptedIn >= threshold ? ('adopted' as const) : ('rejected' as const) }];
    }),
  );
}

/**
 * The aggregate of a group, one round per hamlet, sorted by consultationId (UTF-16 order, bundle.md conventions).
 * @example buildAggregate({ groupId, commune, rounds }).bytes // the JCS bytes of aggregate.json
 */
export function buildAggregate(input: { groupId: string; commune: string; rounds: readonly AggregateRound[] }): {
  aggregate: Aggregate;
  bytes: Uint8Array<ArrayBuffer>;
} {
  if (input.rounds.length === 0) throw new RangeError('a commune round has at least one hamlet');
  const rounds = [...input.rounds].sort((a, b) => (a.consultationId < b.consultationId ? -1 : a.consultationId > b.consultationId ? 1 : 0));
  const hamlets = rounds.length;
  const threshold = aggregateThreshold(hamlets);
  const aggregate: Aggregate = {
    format: AGGREGATE_FORMAT,
    groupId: input.groupId,
    commune: input.commune,
    rounds: rounds.map((r) => ({ consultationId: r.consultationId, hamlet: r.hamlet, manifest: r.manifest, outcomes: { ...r.outcomes } })),
    hamlets,
    rule: { op: AGGREGATE_RULE.op, fraction: [AGGREGATE_RULE.fraction[0], AGGREGATE_RULE.fraction[1]] },
    threshold,
    outcome: aggregateOutcome(rounds, threshold),
  };
  return { aggregate, bytes: jcsBytes(aggregate) };
}

/** The compact JWS `aggregate.jws` over aggregate.json's bytes: header {"alg":"ES256","kid","typ":"aggregate+jws"}. */
export function signAggregate(bytes: Uint8Array, kid: string, sign: SignP1363): Promise<string> {
  return encodeJws({ alg: 'ES256', kid, typ: AGGREGATE_TYP }, bytes, sign);
}

/** Whether the group decided a question: adopted when at least the threshold of hamlets adopted it. */
export function adoptedQuestions(aggregate: Aggregate): string[] {
  return Object.entries(aggregate.outcome)
    .filter(([, o]) => o.status === 'adopted')
    .map(([q]) => q);
}
