import { describe, expect, it } from 'vitest';
import { readTrackingCode, receiptByTrackingCode, trackingCodeStatus } from '../../../functions/core/receipts.ts';
import { DomainError } from '../../../shared/errors.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';
import { ballot, credential, openedVote, rollId, T } from '../adapters/store-contract/fixtures.ts';

const RECEIPT = `e161510682${'ab'.repeat(27)}`;

describe('reading a tracking code as people copy it', () => {
  it.each([
    ['e1615 10682', 'e161510682'],
    ['E1615 10682', 'e161510682'],
    ['e1615-10682', 'e161510682'],
    ['  e16 15\t106 82 ', 'e161510682'],
    ['ｅ１６１５ １０６８２', 'e161510682'],
    [RECEIPT.toUpperCase(), RECEIPT],
  ])('reads %j as %j', (typed, hex) => {
    expect(readTrackingCode(typed)).toEqual({ hex });
  });

  it('says a code of fewer than 10 hex characters is too short', () => {
    expect(readTrackingCode('e1615 1068')).toEqual({ problem: 'too_short' });
    expect(readTrackingCode('')).toEqual({ problem: 'too_short' });
  });

  it('says a code with other characters, or longer than a receipt, is malformed', () => {
    expect(readTrackingCode('e1615 1068g')).toEqual({ problem: 'malformed' });
    expect(readTrackingCode('e1615_10682')).toEqual({ problem: 'malformed' });
    expect(readTrackingCode(`${RECEIPT}0`)).toEqual({ problem: 'malformed' });
  });
});

describe('finding a ballot by its tracking code', () => {
  const setUp = async (starts: string[]) => {
    const deps = memoryCoreDeps(new Date(T.during), '01J00000000000000000000099');
    const id = await openedVote(deps.store, starts.length);
    const receipts: string[] = [];
    for (const [i, start] of starts.entries()) {
      const b = ballot(`b${i}`);
      const receipt = start + b.receipt.slice(start.length);
      receipts.push(receipt);
      const household = rollId(i + 1);
      await deps.store.castBallot({
        consultationId: id,
        household,
        credentialHash: credential(household),
        channel: 'online',
        ballot: { ...b, receipt },
        now: T.during,
      });
    }
    return { deps, id, receipts };
  };

  it('finds the one ballot whose receipt the code begins, with its status', async () => {
    const { deps, id, receipts } = await setUp(['e161510682', 'e161510683']);
    expect(await receiptByTrackingCode(deps, id, 'E1615-10682')).toEqual({ kind: 'checked', receipt: receipts[0], status: 'counted' });
    expect(await trackingCodeStatus(deps, id, 'e1615 10683')).toEqual({ receipt: receipts[1], status: 'counted' });
  });

  it('asks for more characters when two ballots share the code, and finds one once they differ', async () => {
    const { deps, id, receipts } = await setUp(['abcdef012345', 'abcdef012399']);
    expect(await receiptByTrackingCode(deps, id, 'abcde f0123')).toEqual({ kind: 'ambiguous' });
    expect(await receiptByTrackingCode(deps, id, 'abcde f0123 45')).toEqual({ kind: 'checked', receipt: receipts[0], status: 'counted' });
  });

  it('reports no ballot for an unknown code, and an unknown full receipt as checked but unknown', async () => {
    const { deps, id } = await setUp(['e161510682']);
    expect(await receiptByTrackingCode(deps, id, '0000000000')).toEqual({ kind: 'not_found' });
    expect(await receiptByTrackingCode(deps, id, '0'.repeat(64))).toEqual({ kind: 'checked', receipt: '0'.repeat(64), status: 'unknown' });
    await expect(trackingCodeStatus(deps, id, '0000000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never looks up a code too short to be safe or not hex', async () => {
    const { deps, id } = await setUp(['e161510682']);
    expect(await receiptByTrackingCode(deps, id, 'e1615 1068')).toEqual({ kind: 'too_short' });
    expect(await receiptByTrackingCode(deps, id, 'xyz')).toEqual({ kind: 'malformed' });
    await expect(trackingCodeStatus(deps, id, 'e1615')).rejects.toBeInstanceOf(DomainError);
  });

  it('is not_found for a consultation that does not exist', async () => {
    const deps = memoryCoreDeps(new Date(T.during), '01J00000000000000000000099');
    await expect(receiptByTrackingCode(deps, '01J00000000000000000000042', 'e161510682')).rejects.toMatchObject({ code: 'not_found' });
  });
});
