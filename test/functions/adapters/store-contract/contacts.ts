/** The contract's facts about the commune's contact book: one private record per commune and roll id. */
import { describe, expect, it } from 'vitest';
import type { ContactStore } from '../../../../functions/core/contacts.ts';
import type { StoreContext } from './fixtures.ts';

/** The store as a contact book: every store keeps one (fails here if a store does not). */
function bookOf(ctx: StoreContext): ContactStore {
  const store = ctx.store as unknown as Partial<ContactStore>;
  expect(typeof store.list).toBe('function');
  expect(typeof store.putContacts).toBe('function');
  expect(typeof store.setOptedOut).toBe('function');
  return store as ContactStore;
}

const byId = <T extends { rollId: string }>(xs: T[]) => [...xs].sort((a, b) => a.rollId.localeCompare(b.rollId));

export function contactFacts(ctx: StoreContext): void {
  describe('the contact book', () => {
    it('is empty for a commune until contacts are put, and keeps each commune apart', async () => {
      const book = bookOf(ctx);
      expect(await book.list('xa-a')).toEqual([]);
      await book.putContacts('xa-a', [
        { rollId: 'H-1', phone: '0912345678', optedOut: false },
        { rollId: 'H-2', zaloId: '123456', prefers: 'zalo', optedOut: true },
      ]);
      expect(byId(await book.list('xa-a'))).toEqual([
        { rollId: 'H-1', phone: '0912345678', optedOut: false },
        { rollId: 'H-2', zaloId: '123456', prefers: 'zalo', optedOut: true },
      ]);
      expect(await book.list('xa-b')).toEqual([]);
    });

    it('replaces a record by roll id and keeps the others', async () => {
      const book = bookOf(ctx);
      await book.putContacts('xa-a', [
        { rollId: 'H-1', phone: '0912345678', optedOut: false },
        { rollId: 'H-2', phone: '0987654321', optedOut: false },
      ]);
      await book.putContacts('xa-a', [{ rollId: 'H-2', zaloId: '42', optedOut: false }]);
      expect(byId(await book.list('xa-a'))).toEqual([
        { rollId: 'H-1', phone: '0912345678', optedOut: false },
        { rollId: 'H-2', zaloId: '42', optedOut: false },
      ]);
    });

    it('marks a household opted out and back in, and says false for one it does not have', async () => {
      const book = bookOf(ctx);
      await book.putContacts('xa-a', [{ rollId: 'H-1', phone: '0912345678', optedOut: false }]);
      expect(await book.setOptedOut('xa-a', 'H-1', true)).toBe(true);
      expect(await book.list('xa-a')).toEqual([{ rollId: 'H-1', phone: '0912345678', optedOut: true }]);
      expect(await book.setOptedOut('xa-a', 'H-1', false)).toBe(true);
      expect((await book.list('xa-a'))[0]!.optedOut).toBe(false);
      expect(await book.setOptedOut('xa-a', 'H-9', true)).toBe(false);
      expect(await book.setOptedOut('xa-b', 'H-1', true)).toBe(false);
      expect(await book.list('xa-b')).toEqual([]);
    });
  });
}
