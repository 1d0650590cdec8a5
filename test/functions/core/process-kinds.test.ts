/**
 * The village-head election's acts refuse a process of another kind: a board election's id given to the election's
 * step, count or recognition is a 409 `wrong_state`, and the board election is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { createBoardElection } from '../../../functions/core/office-boards.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { recogniseElection, recordCount, recordStep } from '../../../functions/core/processes.ts';
import { DomainError } from '../../../shared/errors.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-an-binh' };
const UBND: Principal = { sub: 'u1', role: 'commune', commune: 'xa-an-binh' };

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return (err as DomainError).code;
}

describe('an election act given another kind of process', () => {
  it('is refused, and the process is unchanged', async () => {
    const core = memoryCoreDeps(new Date('2027-03-10T03:00:00Z'), '01JDANBAN0000000000000PR09');
    const { id } = await createBoardElection(core, OFFICIAL, { hamlet: 'Thôn Đông', meeting: '2027-03-20', board: 'inspection', seats: 3 });
    const before = await core.store.getProcess(id);
    expect(before?.record.kind).toBe('board_election');
    expect(await codeOf(recordStep(core, OFFICIAL, id, { step: 'notice_posted', on: '2027-03-10' }))).toBe('wrong_state');
    expect(await codeOf(recordCount(core, OFFICIAL, id, { on: '2027-03-10', households: 10, present: 8, votes: {} }))).toBe('wrong_state');
    expect(await codeOf(recogniseElection(core, UBND, id, { outcome: 'recognised', on: '2027-03-10' }))).toBe('wrong_state');
    expect(await core.store.getProcess(id)).toEqual(before);
  });
});
