/**
 * The aggregate of a commune round (bundle.md "Commune rounds"): adopted when at least ceil(2n/3) hamlets adopted,
 * for n = 1 to 6, at the threshold and one below it; its bytes are JCS, rounds sorted by consultationId.
 */
import { describe, expect, it } from 'vitest';
import { aggregateRound, aggregateThreshold, buildAggregate, signAggregate, type AggregateRound } from '../../shared/aggregate.ts';
import { fromUtf8 } from '../../shared/bytes.ts';
import { canonicalize } from '../../shared/jcs.ts';
import { decodeJws, verifyEs256 } from '../../shared/jws.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import type { OutcomeStatus } from '../../shared/schemas.ts';
import { makeSigning } from './bundle-fixture.ts';
import { COMMUNE, GROUP_ID, payloadOf, roundConsultation, roundFiles, roundId } from './group-fixture.ts';

function rounds(statuses: readonly OutcomeStatus[]): AggregateRound[] {
  return statuses.map((s, i) => ({ consultationId: roundId(i), hamlet: `Thôn ${i + 1}`, manifest: 'a'.repeat(64), outcomes: { q1: s } }));
}

const adoptedOf = (n: number, k: number): OutcomeStatus[] => Array.from({ length: n }, (_, i) => (i < k ? 'adopted' : 'rejected'));

describe('the aggregate of a commune round', () => {
  it('the threshold is ceil(2n/3) hamlets', () => {
    expect([1, 2, 3, 4, 5, 6].map(aggregateThreshold)).toEqual([1, 2, 2, 3, 4, 4]);
  });

  for (const n of [1, 2, 3, 4, 5, 6]) {
    it(`with ${n} hamlet(s): adopted with exactly the threshold, rejected one below it`, () => {
      const t = aggregateThreshold(n);
      const at = buildAggregate({ groupId: GROUP_ID, commune: COMMUNE, rounds: rounds(adoptedOf(n, t)) }).aggregate;
      expect(at).toMatchObject({ hamlets: n, threshold: t, rule: { op: 'at_least', fraction: [2, 3] }, outcome: { q1: { adoptedIn: t, status: 'adopted' } } });
      const below = buildAggregate({ groupId: GROUP_ID, commune: COMMUNE, rounds: rounds(adoptedOf(n, t - 1)) }).aggregate;
      expect(below.outcome.q1).toEqual({ adoptedIn: t - 1, status: 'rejected' });
    });
  }

  it('counts only `adopted`: a hamlet whose meeting lacked households, or that decided nothing, did not adopt', () => {
    const { aggregate } = buildAggregate({ groupId: GROUP_ID, commune: COMMUNE, rounds: rounds(['adopted', 'not_enough_present', 'no_decision']) });
    expect(aggregate.outcome.q1).toEqual({ adoptedIn: 1, status: 'rejected' });
  });

  it('is JCS over the rounds sorted by consultationId, whatever order they come in', () => {
    const given = rounds(['adopted', 'rejected', 'adopted']).reverse();
    const { aggregate, bytes } = buildAggregate({ groupId: GROUP_ID, commune: COMMUNE, rounds: given });
    expect(aggregate.rounds.map((r) => r.consultationId)).toEqual([roundId(0), roundId(1), roundId(2)]);
    expect(fromUtf8(bytes)).toBe(canonicalize(aggregate));
    expect(Object.keys(JSON.parse(fromUtf8(bytes)))).toEqual(['commune', 'format', 'groupId', 'hamlets', 'outcome', 'rounds', 'rule', 'threshold']);
    expect(aggregate.format).toBe('aggregate/1');
    expect(() => buildAggregate({ groupId: GROUP_ID, commune: COMMUNE, rounds: [] })).toThrow(RangeError);
  });

  it("a round's entry is the hash of its result.jws payload and the outcome of each question", async () => {
    const signing = await makeSigning();
    const files = await roundFiles(roundConsultation(0, 'Thôn Đông'), 2, signing);
    const entry = aggregateRound(roundId(0), 'Thôn Đông', payloadOf(files));
    expect(entry).toEqual({ consultationId: roundId(0), hamlet: 'Thôn Đông', manifest: sha256Hex(payloadOf(files)), outcomes: { q1: 'adopted' } });
    const rejected = aggregateRound(roundId(1), 'Thôn Tây', payloadOf(await roundFiles(roundConsultation(1, 'Thôn Tây'), 1, signing)));
    expect(rejected.outcomes).toEqual({ q1: 'rejected' });
  });

  it('is signed as aggregate+jws with the tally key', async () => {
    const signing = await makeSigning();
    const { bytes } = buildAggregate({ groupId: GROUP_ID, commune: COMMUNE, rounds: rounds(['adopted']) });
    const jws = await signAggregate(bytes, signing.kid, signing.sign);
    const decoded = decodeJws(jws);
    expect(decoded.header).toEqual({ alg: 'ES256', kid: signing.kid, typ: 'aggregate+jws' });
    expect(decoded.payloadBytes).toEqual(bytes);
    expect(await verifyEs256(decoded, signing.keys.publicKey)).toBe(true);
  });
});
