/** The contract's facts about a process (a village-head election) and its own audit chain. */
import { describe, expect, it } from 'vitest';
import { checkChain } from '../../../../shared/audit.ts';
import { DomainError } from '../../../../shared/errors.ts';
import type { ProcessRecord } from '../../../../functions/core/store.ts';
import { audit, consultation, T, type StoreContext } from './fixtures.ts';

const P1 = '01JDANBAN0000000000000PR01';
const P2 = '01JDANBAN0000000000000PR02';
const record = (id: string, commune = 'xa-an-binh'): ProcessRecord => ({
  id,
  commune,
  hamlet: 'Thôn Đông',
  kind: 'village_head_election',
  meeting: '2027-03-01',
  createdAt: T.created,
  steps: [],
  candidates: [],
});

export function processFacts(ctx: StoreContext): void {
  describe('a process', () => {
    it('is absent, with an empty chain, until created', async () => {
      expect(await ctx.store.getProcess(P1)).toBeUndefined();
      expect(await ctx.store.getProcessAudit(P1)).toEqual([]);
      expect(await ctx.store.listProcesses('xa-an-binh')).toEqual([]);
    });

    it('is read back as written, each act chained after the one before in its own chain', async () => {
      const first = await ctx.store.putProcess(record(P1), audit('process_created', T.created, { process: P1 }), 0);
      expect(first).toMatchObject({ seq: 1, action: 'process_created', prev: '0'.repeat(64) });
      const next = { ...record(P1), candidates: [{ id: 'c1', name: 'Trần Thị Bình', source: 'front_list' as const }] };
      const second = await ctx.store.putProcess(next, audit('candidates_listed', T.edited, { process: P1 }), 1);
      expect(second).toMatchObject({ seq: 2, prev: first.hash });
      expect(await ctx.store.getProcess(P1)).toEqual({ record: next, auditSeq: 2 });
      const log = await ctx.store.getProcessAudit(P1);
      expect(log).toEqual([first, second]);
      expect(checkChain(log)).toEqual([]);
    });

    it('refuses a write from a stale head or a second creation with busy, writing nothing', async () => {
      await ctx.store.putProcess(record(P1), audit('process_created', T.created, { process: P1 }), 0);
      await ctx.store.putProcess(record(P1), audit('process_step_recorded', T.edited, { process: P1 }), 1);
      for (const prev of [0, 1]) {
        const err = await ctx.store
          .putProcess({ ...record(P1), hamlet: 'Khác' }, audit('process_step_recorded', T.edited, { process: P1 }), prev)
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe('busy');
      }
      expect((await ctx.store.getProcess(P1))?.record.hamlet).toBe('Thôn Đông');
      expect((await ctx.store.getProcessAudit(P1)).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('acts at the same time from one head: exactly one lands', async () => {
      await ctx.store.putProcess(record(P1), audit('process_created', T.created, { process: P1 }), 0);
      const tries = await Promise.allSettled(
        ['A', 'B', 'C'].map((h) => ctx.store.putProcess({ ...record(P1), hamlet: h }, audit('process_step_recorded', T.edited, { process: P1 }), 1)),
      );
      expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
      const log = await ctx.store.getProcessAudit(P1);
      expect(log.map((e) => e.seq)).toEqual([1, 2]);
      expect(checkChain(log)).toEqual([]);
    });

    it('is listed in its commune only, newest id first, apart from the rounds’ and the commune’s logs', async () => {
      await ctx.store.createConsultation(consultation(1), T.created, audit('created'));
      await ctx.store.putProcess(record(P1), audit('process_created', T.created, { process: P1 }), 0);
      await ctx.store.putProcess(record(P2), audit('process_created', T.created, { process: P2 }), 0);
      await ctx.store.putProcess(record('01JDANBAN0000000000000PR03', 'xa-ben-canh'), audit('process_created', T.created), 0);
      await ctx.store.putProcess({ ...record(P1), hamlet: 'Thôn Mới' }, audit('process_step_recorded', T.edited), 1);
      expect((await ctx.store.listProcesses('xa-an-binh')).map((r) => [r.id, r.hamlet])).toEqual([
        [P2, 'Thôn Đông'],
        [P1, 'Thôn Mới'],
      ]);
      expect(await ctx.store.getCommuneAudit('xa-an-binh')).toEqual([]);
      expect((await ctx.store.getAudit(consultation(1).id)).map((e) => e.action)).toEqual(['created']);
    });
  });
}
