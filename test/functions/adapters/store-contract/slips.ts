/** The contract's facts about paper slips by serial: issuing, ticking off returns, entering, reconciling, the recount. */
import { describe, expect, it } from 'vitest';
import type { Consultation } from '../../../../shared/schemas.ts';
import type { Store } from '../../../../functions/core/store.ts';
import { audit, ballot, consultation, households, refusal, T, turnoutOf, type StoreContext } from './fixtures.ts';

const SERIALS = ['0AAA-0001', '0AAA-0002', '0AAA-0003'];

/** A round of `method` with `count` households, opened (with serials for a household ballot); its id. */
async function openedRound(store: Store, method: Consultation['method'] = 'household_ballot', count = 3): Promise<string> {
  const c = { ...consultation(7), method };
  await store.createConsultation(c, T.created, audit('created'));
  await store.replaceRoll(c.id, households(count), T.created, audit('roll_uploaded'));
  await store.openVoting(
    c.id,
    () => [],
    T.opensAt,
    (k) => audit('voting_opened', T.opensAt, { households: k }),
    method === 'household_ballot' ? () => [...SERIALS].reverse().slice(0, count) : undefined,
  );
  return c.id;
}

const slip = (serial: string, tag = serial, answer = 'yes') => ({ ...ballot(tag, answer), serial });

function enter(store: Store, id: string, serial: string, tag = serial, atMost?: number) {
  const b = slip(serial, tag);
  return store.enterSlip({
    consultationId: id,
    ballot: b,
    now: T.during,
    audit: audit('slip_entered', T.during, { serial, receipt: b.receipt }),
    ...(atMost !== undefined ? { atMost } : {}),
  });
}

const tick = (store: Store, id: string, household: string) => store.tickReturn(id, household, T.during, audit('slip_returned', T.during, { household }));
const close = (store: Store, id: string) => store.close(id, T.after, audit('closed', T.after));

export function slipFacts(ctx: StoreContext): void {
  describe('paper slips by serial', () => {
    it('keeps the serials issued at opening, in byte order, and counts them', async () => {
      const id = await openedRound(ctx.store);
      expect(await ctx.store.listSerials(id)).toEqual(SERIALS);
      expect((await ctx.store.getConsultation(id))?.slips).toEqual({ issued: 3, entered: 0 });
    });

    it('a round without slips lists no serial', async () => {
      const id = await openedRound(ctx.store, 'meeting');
      expect(await ctx.store.listSerials(id)).toEqual([]);
    });

    it('ticks a household off once, as a paper participant, and refuses a stranger', async () => {
      const id = await openedRound(ctx.store);
      await tick(ctx.store, id, 'H-001');
      expect(await refusal(tick(ctx.store, id, 'H-001'))).toBe('already_returned');
      expect(await refusal(tick(ctx.store, id, 'H-999'))).toBe('not_found');
      expect(await turnoutOf(ctx.store, id)).toEqual({ online: 0, paper: 1, meeting: 0 });
      expect((await ctx.store.getAudit(id)).at(-1)).toMatchObject({ action: 'slip_returned', data: { household: 'H-001' } });
    });

    it('enters each issued serial once and refuses a serial never issued', async () => {
      const id = await openedRound(ctx.store);
      await enter(ctx.store, id, '0AAA-0002');
      expect(await refusal(enter(ctx.store, id, '0AAA-0002', 'again'))).toBe('duplicate_serial');
      expect(await refusal(enter(ctx.store, id, 'ZZZZ-9999'))).toBe('invalid_request');
      expect((await ctx.store.getConsultation(id))?.slips).toEqual({ issued: 3, entered: 1 });
      expect(await ctx.store.receiptStatus(id, slip('0AAA-0002').receipt)).toBe('counted');
      expect((await ctx.store.getAudit(id)).filter((e) => e.action === 'slip_entered')).toHaveLength(1);
    });

    it('of two simultaneous entries of one serial, one is counted and the other refused', async () => {
      const id = await openedRound(ctx.store);
      const outcomes = await Promise.all([refusal(enter(ctx.store, id, '0AAA-0001', 'a')), refusal(enter(ctx.store, id, '0AAA-0001', 'b'))]);
      expect(outcomes.sort()).toEqual(['duplicate_serial', 'none']);
      await tick(ctx.store, id, 'H-001');
      await close(ctx.store, id);
      expect((await ctx.store.readForTally(id)).ballots).toHaveLength(1);
    });

    it('refuses to close until the slips entered equal the households ticked off', async () => {
      const id = await openedRound(ctx.store);
      await tick(ctx.store, id, 'H-001');
      await tick(ctx.store, id, 'H-002');
      await enter(ctx.store, id, '0AAA-0003');
      expect(await refusal(close(ctx.store, id))).toBe('slips_unreconciled');
      expect((await ctx.store.getConsultation(id))?.state).toBe('voting');
      await enter(ctx.store, id, '0AAA-0001');
      expect(await close(ctx.store, id)).toEqual({ closedAt: T.after, alreadyClosed: false });
      const tally = await ctx.store.readForTally(id);
      expect([...tally.participants].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'H-001', channel: 'paper' },
        { id: 'H-002', channel: 'paper' },
      ]);
      expect(tally.ballots.map((b) => b.serial).sort()).toEqual(['0AAA-0001', '0AAA-0003']);
      expect(tally.ballots).toContainEqual(slip('0AAA-0003'));
    });

    it('refuses entries and returns once voting is closed', async () => {
      const id = await openedRound(ctx.store);
      await close(ctx.store, id);
      expect(await refusal(enter(ctx.store, id, '0AAA-0001'))).toBe('not_open');
      expect(await refusal(tick(ctx.store, id, 'H-001'))).toBe('not_open');
    });

    it("takes a meeting's serials at entry, at most as many slips as households present", async () => {
      const id = await openedRound(ctx.store, 'meeting');
      for (const h of ['H-001', 'H-002']) await ctx.store.appendAudit(id, audit('attendance_recorded', T.during, { household: h }));
      await ctx.store.appendAudit(id, audit('meeting_voting_chosen', T.during, { voting: 'secret_ballot' }));
      await enter(ctx.store, id, 'M-1', 'M-1', 2);
      expect(await refusal(enter(ctx.store, id, 'M-1', 'other', 2))).toBe('duplicate_serial');
      await enter(ctx.store, id, 'M-2', 'M-2', 2);
      expect(await refusal(enter(ctx.store, id, 'M-3', 'M-3', 2))).toBe('too_many_slips');
      await close(ctx.store, id);
      const tally = await ctx.store.readForTally(id);
      expect(tally).toMatchObject({ present: 2, voting: 'secret_ballot' });
      expect([...tally.participants].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'H-001', channel: 'meeting' },
        { id: 'H-002', channel: 'meeting' },
      ]);
      expect(tally.ballots.map((b) => b.serial).sort()).toEqual(['M-1', 'M-2']);
    });

    it("reads a meeting's last show of hands for the recount", async () => {
      const id = await openedRound(ctx.store, 'meeting');
      await ctx.store.appendAudit(id, audit('attendance_recorded', T.during, { household: 'H-003' }));
      await ctx.store.appendAudit(id, audit('meeting_voting_chosen', T.during, { voting: 'show_of_hands' }));
      await ctx.store.appendAudit(id, audit('hand_count_recorded', T.during, { counts: { q1: { yes: 1 } } }));
      await ctx.store.appendAudit(id, audit('hand_count_recorded', T.during, { counts: { q1: { no: 1 } } }));
      await close(ctx.store, id);
      expect(await ctx.store.readForTally(id)).toMatchObject({
        present: 1,
        voting: 'show_of_hands',
        handCount: { q1: { no: 1 } },
        ballots: [],
        participants: [{ id: 'H-003', channel: 'meeting' }],
      });
    });
  });
}
