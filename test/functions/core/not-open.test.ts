/**
 * A ballot or slip before the opening time is refused with that time in Vietnam time, in Vietnamese for the person who
 * reads it, while the details keep the RFC 3339 instant for programs.
 */
import { describe, expect, it } from 'vitest';
import { codeHash, normalizeCode } from '../../../functions/core/codes.ts';
import { enterSlip, tickReturn } from '../../../functions/core/paper.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { castOnline, enterPaperBallot } from '../../../functions/core/voting.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Consultation, Method } from '../../../shared/schemas.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const AT = '2026-12-01T02:00:00Z';
// 07:00 UTC is 14:00 in Vietnam (UTC+7).
const OPENS_AT = '2026-12-06T07:00:00Z';
const ID = '01JDANBAN00000000000000009';
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-do-tai' };
const CODES = ['AAAA-BBBB-CCCC-DDD1', 'AAAA-BBBB-CCCC-DDD2'];

function round(method: Method): Consultation {
  return {
    id: ID,
    commune: 'xa-do-tai',
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter: 'opinion',
    method,
    title: 'Lắp đèn đường',
    description: 'Lắp 20 bóng đèn.',
    opensAt: OPENS_AT,
    closesAt: '2026-12-10T00:00:00Z',
    questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý lắp đèn?', options: [], rule: { base: 'plurality' } }],
  };
}

/** A round already in voting (codes issued ahead) whose opening time is still to come. */
async function scheduled(method: Method) {
  const core = memoryCoreDeps(NOW, ID);
  const actor = { role: 'official' as const, id: 'o1' };
  await core.store.createConsultation(round(method), AT, { at: AT, actor, action: 'created', data: {} });
  const roll = [1, 2].map((n) => ({ id: `H-${n}`, hamlet: 'Thôn Đông', head: `Chủ hộ ${n}`, members: 2, category: 'standard' as const }));
  await core.store.replaceRoll(ID, roll, AT, { at: AT, actor, action: 'roll_uploaded', data: {} });
  await core.store.openVoting(
    ID,
    (r) => r.map((h, i) => ({ household: h.id, hash: codeHash(ID, normalizeCode(CODES[i]!)!) })),
    AT,
    () => ({ at: AT, actor, action: 'voting_opened', data: {} }),
  );
  return core;
}

async function refusal(act: Promise<unknown>): Promise<DomainError> {
  try {
    await act;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('a ballot before the opening time', () => {
  it('is refused online with the opening time in Vietnam time, in Vietnamese', async () => {
    const core = await scheduled('online');
    const err = await refusal(castOnline(core, ID, { code: CODES[0]!, answers: { q1: 'yes' } }, '127.0.0.1'));
    expect(err.code).toBe('not_open');
    expect(err.vi).toBe('Phiếu biểu quyết được nhận từ 14:00 ngày 6/12/2026 (giờ Việt Nam).');
    expect(err.message).toBe('ballots are accepted from 14:00 06/12/2026 (Vietnam time)');
    expect(err.details).toEqual([{ path: 'opensAt', message: OPENS_AT }]);
  });

  it("is refused when the committee enters a household's paper ballot, with the same time", async () => {
    const core = await scheduled('online');
    const err = await refusal(enterPaperBallot(core, OFFICIAL, ID, { household: 'H-2', answers: { q1: 'no' } }));
    expect(err.code).toBe('not_open');
    expect(err.vi).toBe('Phiếu biểu quyết được nhận từ 14:00 ngày 6/12/2026 (giờ Việt Nam).');
  });

  it('refuses a slip or a returned slip of a household ballot with the time slips are accepted from', async () => {
    const core = await scheduled('household_ballot');
    for (const act of [enterSlip(core, OFFICIAL, ID, { serial: 'S-1', answers: { q1: 'yes' } }), tickReturn(core, OFFICIAL, ID, 'H-1')]) {
      const err = await refusal(act);
      expect(err.code).toBe('not_open');
      expect(err.vi).toBe('Phiếu giấy được nhập từ 14:00 ngày 6/12/2026 (giờ Việt Nam).');
      expect(err.message).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(err.details).toEqual([{ path: 'opensAt', message: OPENS_AT }]);
    }
  });
});
