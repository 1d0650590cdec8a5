/**
 * Household ballots and a meeting's votes on the in-memory store: slips by serial linked to no household, returns
 * ticked off once, the reconciliation the close needs, no online channel, and the meeting's procedural votes, voting
 * method and show of hands.
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { meetingStatus, recordAttendance, recordHandCount, recordProceduralVote, recordVotingMethod } from '../../../functions/core/meeting.ts';
import { enterSlip, issuedSerials, makeSerials, slipCounts, tickReturn } from '../../../functions/core/paper.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { castOnline, enterPaperBallot, openVoting, reissueCode } from '../../../functions/core/voting.ts';
import { DomainError } from '../../../shared/errors.ts';
import { receiptOf } from '../../../shared/receipt.ts';
import type { Consultation, Method } from '../../../shared/schemas.ts';
import { sha256 } from '../../../shared/sha256.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';
import { recordBallotConditionsIn } from '../../support/ballot-conditions.ts';

const NOW = new Date('2026-12-01T02:00:00Z');
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-do-tai' };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: 'xa-do-tai' };
const ID = '01JDANBAN00000000000000001';

const deps = (): CoreDeps => memoryCoreDeps(NOW, ID);

function round(method: Method): Consultation {
  return {
    id: ID,
    commune: 'xa-do-tai',
    scope: { kind: 'hamlet', name: 'Thôn Đông' },
    matter: 'opinion',
    method,
    title: 'Lắp đèn đường',
    description: 'Lắp 20 bóng đèn.',
    opensAt: '2026-12-01T00:00:00Z',
    closesAt: '2026-12-08T00:00:00Z',
    questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý lắp đèn?', options: [], rule: { base: 'eligible', op: 'at_least', fraction: [2, 3] } }],
  };
}

async function opened(method: Method, households = 3) {
  const core = deps();
  const at = NOW.toISOString().replace(/\.\d+Z$/, 'Z');
  await core.store.createConsultation(round(method), at, { at, actor: { role: 'official', id: 'o1' }, action: 'created', data: {} });
  const roll = Array.from({ length: households }, (_, i) => ({
    id: `H-${i + 1}`,
    hamlet: 'Thôn Đông',
    head: `Chủ hộ ${i + 1}`,
    members: 2,
    category: 'standard' as const,
  }));
  await core.store.replaceRoll(ID, roll, at, { at, actor: { role: 'official', id: 'o1' }, action: 'roll_uploaded', data: {} });
  if (method === 'household_ballot') await recordBallotConditionsIn(core, OFFICIAL, ID);
  const result = await openVoting(core, OFFICIAL, ID);
  return { core, result };
}

async function codeOf(act: Promise<unknown>): Promise<string> {
  try {
    await act;
    return 'none';
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('a household-ballot round', () => {
  it('opens with one distinct serial per household and no voting code', async () => {
    const { core, result } = await opened('household_ballot', 5);
    expect(result.credentials).toEqual([]);
    expect(result.serials).toHaveLength(5);
    expect(new Set(result.serials).size).toBe(5);
    for (const s of result.serials) expect(s).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await issuedSerials(core, OFFICIAL, ID)).serials).toEqual([...result.serials].sort());
    const opening = (await core.store.getAudit(ID)).at(-1)!;
    expect(opening.data).toMatchObject({ credentialsIssued: 0, slipsIssued: 5 });
    // The serials are in no event of the log: nothing links them to anything.
    expect(JSON.stringify(await core.store.getAudit(ID))).not.toContain(result.serials[0]);
  });

  it('makes distinct serials even when the random source repeats a value', () => {
    let n = 0;
    const repeating = { ids: { ulid: () => '', random: (k: number) => new Uint8Array(k).fill(n++ % 2) } };
    expect(makeSerials(repeating, 2)).toEqual(['0000-0000', '1111-1111']);
    expect(() => makeSerials({ ids: { ulid: () => '', random: (k) => new Uint8Array(k) } }, 2)).toThrow();
  });

  it('enters a slip by serial with the receipt computed with it, logging serial and receipt but never the answers', async () => {
    const { core, result } = await opened('household_ballot');
    const serial = result.serials[0]!;
    const entered = await enterSlip(core, OFFICIAL, ID, { serial, answers: { q1: 'yes' } });
    const tally = await core.store.readForTally(ID);
    expect(tally.ballots).toHaveLength(1);
    const b = tally.ballots[0]!;
    expect(b).toMatchObject({ serial, receipt: entered.receipt });
    expect(receiptOf(ID, b.answers, b.nonce, sha256, serial)).toBe(b.receipt);
    expect(receiptOf(ID, b.answers, b.nonce)).not.toBe(b.receipt);
    const event = (await core.store.getAudit(ID)).at(-1)!;
    expect(event).toMatchObject({ action: 'slip_entered', data: { serial, receipt: entered.receipt } });
    expect(Object.keys(event.data).sort()).toEqual(['receipt', 'serial']);
    expect(await codeOf(enterSlip(core, OFFICIAL, ID, { serial, answers: { q1: 'no' } }))).toBe('duplicate_serial');
    expect(await codeOf(enterSlip(core, OFFICIAL, ID, { serial: 'NEVER-ISSUED', answers: { q1: 'no' } }))).toBe('invalid_request');
    expect(await codeOf(enterSlip(core, OFFICIAL, ID, { serial: result.serials[1]!, answers: { q1: 'maybe' } }))).toBe('invalid_request');
  });

  it('ticks off returns once, reconciles them with the slips, and counts the households ticked off', async () => {
    const { core, result } = await opened('household_ballot');
    await tickReturn(core, OFFICIAL, ID, 'H-1');
    expect(await codeOf(tickReturn(core, OFFICIAL, ID, 'H-1'))).toBe('already_returned');
    expect(await codeOf(tickReturn(core, OFFICIAL, ID, 'H-9'))).toBe('not_found');
    expect(await slipCounts(core, OFFICIAL, ID)).toEqual({ issued: 3, returned: 1, entered: 0, reconciled: false });
    await enterSlip(core, OFFICIAL, ID, { serial: result.serials[2]!, answers: { q1: 'yes' } });
    expect(await slipCounts(core, OFFICIAL, ID)).toEqual({ issued: 3, returned: 1, entered: 1, reconciled: true });
  });

  it('has no online channel and no codes, and refuses an entry by household', async () => {
    const { core } = await opened('household_ballot');
    expect(await codeOf(castOnline(core, ID, { code: 'ABCD-EFGH-JK', answers: { q1: 'yes' } }, 'ip'))).toBe('channel_not_allowed');
    expect(await codeOf(reissueCode(core, OFFICIAL, ID, 'H-1'))).toBe('channel_not_allowed');
    expect(await codeOf(enterPaperBallot(core, OFFICIAL, ID, { household: 'H-1', answers: { q1: 'yes' } }))).toBe('invalid_request');
  });

  it('only an official of the commune enters or ticks off', async () => {
    const { core, result } = await opened('household_ballot');
    expect(await codeOf(tickReturn(core, MONITOR, ID, 'H-1'))).toBe('forbidden');
    expect(await codeOf(enterSlip(core, undefined, ID, { serial: result.serials[0]!, answers: { q1: 'yes' } }))).toBe('unauthorized');
  });
});

describe('a meeting', () => {
  it('opens without codes or serials, and says live whether those present can reach the threshold', async () => {
    const { core, result } = await opened('meeting', 6);
    expect(result.credentials).toEqual([]);
    expect(result.serials).toEqual([]);
    // 2/3 of 6 is 4 yes-votes: 3 present cannot reach it, 4 can.
    for (const h of ['H-1', 'H-2', 'H-3']) await recordAttendance(core, OFFICIAL, ID, h);
    expect(await meetingStatus(core, MONITOR, ID)).toMatchObject({ present: 3, eligible: 6, canReachThreshold: false });
    await recordAttendance(core, OFFICIAL, ID, 'H-4');
    expect(await meetingStatus(core, MONITOR, ID)).toMatchObject({
      present: 4,
      canReachThreshold: true,
      questions: [{ questionId: 'q1', threshold: 4, canReachThreshold: true }],
    });
  });

  it('passes a procedural vote with more than half of the households present, not of those voting', async () => {
    const { core } = await opened('meeting', 6);
    for (const h of ['H-1', 'H-2', 'H-3', 'H-4']) await recordAttendance(core, OFFICIAL, ID, h);
    // 2 for, 0 against of 4 present: a majority of those voting but not more than half of those present.
    const s1 = await recordProceduralVote(core, OFFICIAL, ID, { subject: 'secretary', text: 'Bầu bà B làm thư ký', for: 2, against: 0, abstain: 0 });
    expect(s1.procedural[0]).toMatchObject({ present: 4, adopted: false });
    const s2 = await recordProceduralVote(core, OFFICIAL, ID, { subject: 'secretary', text: 'Bầu bà B làm thư ký', for: 3, against: 1, abstain: 0 });
    expect(s2.procedural[1]).toMatchObject({ present: 4, adopted: true });
  });

  it('records its voting method once; a show of hands is checked against those present and replaceable', async () => {
    const { core } = await opened('meeting', 6);
    for (const h of ['H-1', 'H-2', 'H-3', 'H-4']) await recordAttendance(core, OFFICIAL, ID, h);
    expect(await codeOf(recordHandCount(core, OFFICIAL, ID, { q1: { yes: 4 } }))).toBe('wrong_state');
    await recordVotingMethod(core, OFFICIAL, ID, 'show_of_hands');
    expect(await codeOf(recordVotingMethod(core, OFFICIAL, ID, 'secret_ballot'))).toBe('wrong_state');
    expect(await codeOf(recordHandCount(core, OFFICIAL, ID, { q1: { yes: 4, no: 1 } }))).toBe('invalid_request');
    expect(await codeOf(recordHandCount(core, OFFICIAL, ID, { q1: { maybe: 1 } }))).toBe('invalid_request');
    expect(await codeOf(recordHandCount(core, OFFICIAL, ID, { q2: { yes: 1 } }))).toBe('invalid_request');
    await recordHandCount(core, OFFICIAL, ID, { q1: { yes: 3, no: 1 } });
    const last = await recordHandCount(core, OFFICIAL, ID, { q1: { yes: 4 } });
    expect(last).toMatchObject({ voting: 'show_of_hands', handCount: { q1: { yes: 4 } } });
    expect(await codeOf(enterSlip(core, OFFICIAL, ID, { serial: 'M-1', answers: { q1: 'yes' } }))).toBe('wrong_state');
    expect(await core.store.readForTally(ID)).toMatchObject({ present: 4, voting: 'show_of_hands', handCount: { q1: { yes: 4 } } });
  });

  it('takes at most one secret-ballot slip per household present, each serial once', async () => {
    const { core } = await opened('meeting', 6);
    for (const h of ['H-1', 'H-2']) await recordAttendance(core, OFFICIAL, ID, h);
    await recordVotingMethod(core, OFFICIAL, ID, 'secret_ballot');
    expect(await codeOf(recordHandCount(core, OFFICIAL, ID, { q1: { yes: 1 } }))).toBe('wrong_state');
    await enterSlip(core, OFFICIAL, ID, { serial: 'M-1', answers: { q1: 'yes' } });
    expect(await codeOf(enterSlip(core, OFFICIAL, ID, { serial: 'M-1', answers: { q1: 'no' } }))).toBe('duplicate_serial');
    await enterSlip(core, OFFICIAL, ID, { serial: 'M-2', answers: { q1: 'no' } });
    expect(await codeOf(enterSlip(core, OFFICIAL, ID, { serial: 'M-3', answers: { q1: 'no' } }))).toBe('too_many_slips');
    expect((await meetingStatus(core, OFFICIAL, ID)).slips).toBe(2);
    expect(await codeOf(castOnline(core, ID, { code: 'ABCD-EFGH-JK', answers: { q1: 'yes' } }, 'ip'))).toBe('channel_not_allowed');
  });
});
