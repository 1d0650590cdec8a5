/** The contract's facts about the lists' pages: newest first, each consultation once, by commune and state, cursors. */
import { describe, expect, it } from 'vitest';
import type { State } from '../../../../shared/schemas.ts';
import type { ConsultationPageQuery, ConsultationSummary, Store } from '../../../../functions/core/store.ts';
import { audit, consultation, openedVote, refusal, T, type StoreContext, ulid } from './fixtures.ts';

const OTHER = 'xa-ben-canh';

/** Creates consultation `n` of `commune` (the fixture's commune by default). */
async function create(store: Store, n: number, commune?: string) {
  const c = { ...consultation(n, `Cuộc ${n}`), ...(commune ? { commune } : {}) };
  await store.createConsultation(c, T.created, audit('created'));
  return c;
}

/** Every page of a query, followed from the first by its cursors; the ids of each page. */
async function allPages(store: Store, query: Omit<ConsultationPageQuery, 'cursor'>): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listConsultationPage({ ...query, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    pages.push(page.items.map((s) => s.id));
    cursor = page.cursor;
    if (pages.length > 20) throw new Error('the pages never end');
  } while (cursor);
  return pages;
}

export function pageFacts(ctx: StoreContext): void {
  describe('pages of the list', () => {
    it('follow each other newest first, each consultation exactly once, at most `limit` each, the last without a cursor', async () => {
      for (const n of [3, 7, 1, 5, 2, 6, 4]) await create(ctx.store, n, n % 2 === 0 ? OTHER : undefined);
      expect(await allPages(ctx.store, { limit: 3 })).toEqual([[ulid(7), ulid(6), ulid(5)], [ulid(4), ulid(3), ulid(2)], [ulid(1)]]);
    });

    it('end without a cursor when the last page is exactly full, and without one when everything fits', async () => {
      for (const n of [1, 2, 3, 4]) await create(ctx.store, n);
      expect(await allPages(ctx.store, { limit: 2 })).toEqual([
        [ulid(4), ulid(3)],
        [ulid(2), ulid(1)],
      ]);
      expect(await ctx.store.listConsultationPage({ limit: 4 })).toEqual({ items: expect.any(Array) });
      expect(await ctx.store.listConsultationPage({ limit: 50 })).not.toHaveProperty('cursor');
    });

    it('of an empty store is one empty page', async () => {
      expect(await ctx.store.listConsultationPage({ limit: 10 })).toEqual({ items: [] });
      expect(await ctx.store.listConsultationPage({ commune: OTHER, limit: 10 })).toEqual({ items: [] });
    });

    it('of one commune hold its consultations only, in order, across pages', async () => {
      for (const n of [1, 2, 3, 4, 5, 6, 7]) await create(ctx.store, n, n % 3 === 0 ? OTHER : undefined);
      expect(await allPages(ctx.store, { commune: OTHER, limit: 1 })).toEqual([[ulid(6)], [ulid(3)]]);
      expect(await allPages(ctx.store, { commune: consultation().commune, limit: 2 })).toEqual([[ulid(7), ulid(5)], [ulid(4), ulid(2)], [ulid(1)]]);
      expect(await ctx.store.listConsultationPage({ commune: 'xa-khong-co', limit: 5 })).toEqual({ items: [] });
    });

    it('in a state hold the consultations in that state, or in any of a list of states', async () => {
      for (const n of [1, 2, 3, 4, 5]) await create(ctx.store, n, n === 5 ? OTHER : undefined);
      for (const n of [2, 4, 5]) await ctx.store.transition(ulid(n), ['draft'], 'disclosure', T.edited, audit('disclosed', T.edited));
      await ctx.store.transition(ulid(3), ['draft'], 'cancelled', T.edited, audit('cancelled', T.edited));
      const ids = async (state: State | State[], commune?: string) => (await allPages(ctx.store, { state, limit: 1, ...(commune ? { commune } : {}) })).flat();
      expect(await ids('disclosure')).toEqual([ulid(5), ulid(4), ulid(2)]);
      expect(await ids('disclosure', consultation().commune)).toEqual([ulid(4), ulid(2)]);
      expect(await ids(['disclosure', 'cancelled'])).toEqual([ulid(5), ulid(4), ulid(3), ulid(2)]);
      expect(await ids('draft')).toEqual([ulid(1)]);
      expect(await ids('voting')).toEqual([]);
    });

    it('show summaries: the state and result address, no roll, questions or counts', async () => {
      const id = await openedVote(ctx.store, 3, 2);
      await ctx.store.close(id, T.later, audit('closed', T.later));
      await ctx.store.markPublished(id, 'https://example.org/c/2/', audit('published', T.after));
      const c = consultation(2);
      const summary: ConsultationSummary = {
        id,
        commune: c.commune,
        title: c.title,
        matter: c.matter,
        method: c.method,
        scope: c.scope,
        opensAt: c.opensAt,
        closesAt: c.closesAt,
        state: 'published',
        resultUrl: 'https://example.org/c/2/',
        closedAt: T.later,
      };
      expect(await ctx.store.listConsultationPage({ limit: 5 })).toEqual({ items: [summary] });
      expect(await ctx.store.listConsultationPage({ commune: c.commune, limit: 5 })).toEqual({ items: [summary] });
    });

    it('refuse a cursor they did not give, or one of another list, as invalid_request', async () => {
      for (const n of [1, 2, 3]) await create(ctx.store, n);
      for (const n of [4, 5]) await create(ctx.store, n, OTHER);
      const all = (await ctx.store.listConsultationPage({ limit: 1 })).cursor!;
      const other = (await ctx.store.listConsultationPage({ commune: OTHER, limit: 1 })).cursor!;
      expect(all).toBeTypeOf('string');
      expect(other).toBeTypeOf('string');
      const refused = (query: ConsultationPageQuery) => refusal(ctx.store.listConsultationPage(query));
      for (const cursor of ['', 'not a cursor', 'e30', Buffer.from('{"pk":1}').toString('base64url'), `${all}x`])
        expect(await refused({ cursor, limit: 2 }), cursor).toBe('invalid_request');
      expect(await refused({ cursor: other, limit: 2 })).toBe('invalid_request');
      expect(await refused({ cursor: all, commune: OTHER, limit: 2 })).toBe('invalid_request');
      expect(await refused({ cursor: other, commune: consultation().commune, limit: 2 })).toBe('invalid_request');
      expect((await ctx.store.listConsultationPage({ cursor: other, commune: OTHER, limit: 2 })).items.map((s) => s.id)).toEqual([ulid(4)]);
    });
  });
}
