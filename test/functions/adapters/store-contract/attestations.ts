/** The contract's facts about monitors' countersignatures: one a monitor account and round. */
import { describe, expect, it } from 'vitest';
import { audit, openedVote, refusal, T, type StoreContext } from './fixtures.ts';

export function attestationFacts(ctx: StoreContext): void {
  describe('countersignatures', () => {
    it('records one countersignature a monitor account and round; a second one writes nothing', async () => {
      const id = await openedVote(ctx.store);
      const before = (await ctx.store.getAudit(id)).length;
      const event = await ctx.store.appendAttestation(id, 'monitor-a', audit('attestation_accepted', T.later, { kid: 'k1' }));
      expect(event).toMatchObject({ seq: before + 1, action: 'attestation_accepted', data: { kid: 'k1' } });
      expect(await refusal(ctx.store.appendAttestation(id, 'monitor-a', audit('attestation_accepted', T.later, { kid: 'k2' })))).toBe('already_signed');
      expect((await ctx.store.getAudit(id)).length).toBe(before + 1);
      // Another account of the round, and the same account on another round, still sign.
      expect(await ctx.store.appendAttestation(id, 'monitor-b', audit('attestation_accepted', T.later, { kid: 'k3' }))).toMatchObject({ seq: before + 2 });
      const other = await openedVote(ctx.store, 3, 2);
      await expect(ctx.store.appendAttestation(other, 'monitor-a', audit('attestation_accepted', T.later, { kid: 'k4' }))).resolves.toMatchObject({
        data: { kid: 'k4' },
      });
      expect((await ctx.store.getAudit(id)).filter((e) => e.action === 'attestation_accepted').map((e) => e.data.kid)).toEqual(['k1', 'k3']);
    });
  });
}
