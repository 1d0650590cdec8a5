/**
 * The verifier of a commune round's aggregate: a good group passes every check; one tampered copy per check fails
 * that check (and says why, Vietnamese then English); every failure is collected, nothing throws.
 */
import { describe, expect, it } from 'vitest';
import { type Aggregate, signAggregate } from '../../shared/aggregate.ts';
import { fromUtf8, utf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { type GroupFiles, verifyAggregate } from '../../shared/verify-aggregate.ts';
import { makeSigning, type Signing } from './bundle-fixture.ts';
import { groupFiles, roundConsultation, roundFiles, roundId } from './group-fixture.ts';

const signing = await makeSigning();
// Three hamlets, two adopt: 2 >= ceil(2*3/3) = 2.
const good = await groupFiles([3, 2, 1], signing);
const key = { pinned: signing.keys.publicKey };

const failed = async (files: GroupFiles) => {
  const report = await verifyAggregate(files, key);
  return Object.fromEntries(report.checks.filter((c) => !c.ok).map((c) => [c.step, c.problems]));
};

/** The group with its aggregate changed by `edit` and signed again with the same key (so only that check fails). */
async function resigned(edit: (a: Aggregate) => void, by: Signing = signing): Promise<GroupFiles> {
  const aggregate = structuredClone(good.aggregate);
  edit(aggregate);
  const bytes = jcsBytes(aggregate);
  return { rounds: good.rounds, group: { 'aggregate.json': bytes, 'aggregate.jws': utf8(await signAggregate(bytes, by.kid, by.sign)) } };
}

describe('verifying a commune round', () => {
  it('a good group passes every check, and the aggregate says adopted in 2 of 3 hamlets', async () => {
    const report = await verifyAggregate(good, key);
    expect(report.checks.map((c) => [c.step, c.ok])).toEqual([
      ['G1', true],
      ['G2', true],
      ['G3', true],
      ['G4', true],
    ]);
    expect(report.ok).toBe(true);
    expect(report.aggregate?.outcome).toEqual({ q1: { adoptedIn: 2, status: 'adopted' } });
  });

  it('G1: a signature by another key, or aggregate.json that differs from the signed bytes, fails', async () => {
    const other = await makeSigning();
    const signedByOther = await failed(await resigned(() => undefined, other));
    expect(signedByOther).toEqual({ G1: ['chữ ký không hợp lệ / the signature does not verify'] });
    const json = { ...good, group: { ...good.group, 'aggregate.json': utf8(fromUtf8(good.group['aggregate.json']).replace('"hamlets":3', '"hamlets":4')) } };
    const problems = await failed(json);
    expect(Object.keys(problems)).toEqual(['G1']);
    expect(problems.G1![0]).toBe('aggregate.json khác nội dung đã ký / aggregate.json differs from the signed payload');
  });

  it("G2: a round's bundle that does not verify fails, naming the round", async () => {
    const rounds = { ...good.rounds, [roundId(1)]: { ...good.rounds[roundId(1)]!, 'roll.json': utf8('{"consultationId":"x","households":[]}') } };
    const problems = await failed({ ...good, rounds });
    expect(Object.keys(problems)).toEqual(['G2']);
    expect(problems.G2!.join('\n')).toContain(roundId(1));
  });

  it("G3: a manifest hash, an outcome or a hamlet that is not that round's fails", async () => {
    const hash = await failed(await resigned((a) => void (a.rounds[0]!.manifest = 'b'.repeat(64))));
    expect(Object.keys(hash)).toEqual(['G3']);
    expect(hash.G3![0]).toMatch(/^mã băm kết quả của vòng .* không khớp \/ the manifest hash of round .* does not match$/);
    // A hamlet that rejected, told as adopted, with a count that follows the lie: the recount holds, G3 catches it.
    const outcome = await failed(
      await resigned((a) => {
        a.rounds[2]!.outcomes.q1 = 'adopted';
        a.outcome.q1 = { adoptedIn: 3, status: 'adopted' };
      }),
    );
    expect(Object.keys(outcome)).toEqual(['G3']);
    expect(outcome.G3![0]).toContain('do not match its manifest');
    expect(Object.keys(await failed(await resigned((a) => void (a.rounds[1]!.hamlet = 'Thôn Khác'))))).toEqual(['G3']);
  });

  it('G3: a round of another group in its place fails', async () => {
    const stranger = await roundFiles(roundConsultation(1, 'Thôn 2', '01JD5RQ7X8N2M4K6P9T0V3W5GZ'), 2, signing);
    const problems = await failed({ ...good, rounds: { ...good.rounds, [roundId(1)]: stranger } });
    expect(problems.G3!.join('\n')).toContain('is not of this group');
  });

  it('G4: a count, a threshold or a status that does not recompute fails', async () => {
    const count = await failed(await resigned((a) => void (a.outcome.q1 = { adoptedIn: 3, status: 'adopted' })));
    expect(Object.keys(count)).toEqual(['G4']);
    expect(count.G4![0]).toBe('câu q1: ghi 3, adopted; đếm lại được 2, adopted / question q1: says 3, adopted; the recount gives 2, adopted');
    expect(Object.keys(await failed(await resigned((a) => void (a.threshold = 3))))).toEqual(['G4']);
    expect(Object.keys(await failed(await resigned((a) => void (a.hamlets = 4))))).toEqual(['G4']);
    expect(Object.keys(await failed(await resigned((a) => void (a.outcome.q1!.status = 'rejected'))))).toEqual(['G4']);
  });

  it('collects every failure at once and never throws, even with nothing to read', async () => {
    const both = await resigned((a) => {
      a.rounds[0]!.manifest = 'c'.repeat(64);
      a.threshold = 1;
    });
    expect(Object.keys(await failed(both))).toEqual(['G3', 'G4']);
    const empty = await verifyAggregate({ group: {}, rounds: {} }, key);
    expect(empty.ok).toBe(false);
    expect(empty.checks.every((c) => !c.ok)).toBe(true);
    const missing = await failed({ ...good, rounds: {} });
    expect(Object.keys(missing)).toEqual(['G2', 'G3']);
  });
});
