/** The contract's facts about staff sessions: kept by the hash of their id, read until their end, deleted at sign-out. */
import { describe, expect, it } from 'vitest';
import type { StaffSession } from '../../../../functions/core/store.ts';
import type { StoreContext } from './fixtures.ts';

const HASH = 'a'.repeat(64);
const session: StaffSession = {
  sub: 'official-a',
  role: 'official',
  commune: 'xa-a',
  sealedToken: 'iv.sealed',
  createdAt: '2026-03-03T10:00:00.000Z',
  endsAt: '2026-03-03T11:00:00.000Z',
};

export function sessionFacts(ctx: StoreContext): void {
  describe('staff sessions', () => {
    it('a session is read back as kept until its end, and not at or after it', async () => {
      await ctx.store.putSession(HASH, session);
      expect(await ctx.store.getSession(HASH, '2026-03-03T10:30:00.000Z')).toEqual(session);
      expect(await ctx.store.getSession(HASH, '2026-03-03T11:00:00.000Z')).toBeUndefined();
      expect(await ctx.store.getSession('b'.repeat(64), '2026-03-03T10:30:00.000Z')).toBeUndefined();
    });

    it('a deleted session is gone; deleting it again, or an unknown one, is no error', async () => {
      await ctx.store.putSession(HASH, session);
      await ctx.store.deleteSession(HASH);
      expect(await ctx.store.getSession(HASH, '2026-03-03T10:30:00.000Z')).toBeUndefined();
      await ctx.store.deleteSession(HASH);
      await ctx.store.deleteSession('c'.repeat(64));
    });

    it('a hash already taken is refused with busy, the first session kept', async () => {
      await ctx.store.putSession(HASH, session);
      await expect(ctx.store.putSession(HASH, { ...session, sub: 'someone-else' })).rejects.toMatchObject({ code: 'busy' });
      expect((await ctx.store.getSession(HASH, '2026-03-03T10:30:00.000Z'))?.sub).toBe('official-a');
    });

    it('what is read back is a copy', async () => {
      await ctx.store.putSession(HASH, session);
      const read = (await ctx.store.getSession(HASH, '2026-03-03T10:30:00.000Z'))!;
      read.role = 'monitor';
      expect((await ctx.store.getSession(HASH, '2026-03-03T10:30:00.000Z'))?.role).toBe('official');
    });
  });
}
