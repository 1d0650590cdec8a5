import { describe, expect, it } from 'vitest';
import * as rounds from '../../../scripts/vectors/rounds-2.ts';
import { signBundle } from '../../../shared/bundle.ts';
import { fromUtf8, utf8 } from '../../../shared/bytes.ts';
import { DomainError } from '../../../shared/errors.ts';
import { verifyBundle } from '../../../shared/verify/index.ts';
import { resultBundle } from '../../../functions/core/result-bundle.ts';
import type { TallyInput } from '../../../functions/core/store.ts';
import { makeSigning } from '../../shared/bundle-fixture.ts';

const rollIds = Array.from({ length: 12 }, (_, i) => `DT-${String(i + 1).padStart(3, '0')}`);
/** Signs a bundle and runs the verifier over it: what a monitor would see of the published result. */
async function verified(bundle: ReturnType<typeof resultBundle>) {
  const signing = await makeSigning();
  const jws = await signBundle(bundle.manifestBytes, signing.kid, signing.sign);
  return verifyBundle({ ...bundle.files, 'result.jws': utf8(jws) }, { pinned: signing.keys.publicKey });
}

describe('the bundle a close publishes (result/2)', () => {
  it('a household ballot: the slips with their serials, the other opinions, and a bundle the verifier passes', async () => {
    const input: TallyInput = { rollIds, participants: rounds.slipParticipants, ballots: rounds.slipBallots, opinions: rounds.slipOpinions };
    const { audit, closedAt, publishedAt } = rounds.slipsInput();
    const bundle = resultBundle(rounds.slips, input, { audit, closedAt, publishedAt });
    expect(bundle.manifest).toMatchObject({ format: 'result/2', method: 'household_ballot' });
    expect(bundle.manifest.voting).toBeUndefined();
    expect(fromUtf8(bundle.files['ballots.json'])).toContain('"serial":"PX-010"');
    expect(bundle.files['opinions.json']).toBeDefined();
    // Not the signed round of the vectors (another log), but every check holds.
    const report = await verified(bundle);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('a meeting with hand counts is a show of hands: no ballot, and each question gives the participants as present', async () => {
    const hands = rounds.handsInput();
    const input: TallyInput = { rollIds: hands.rollIds, participants: hands.participants, ballots: [], handCount: rounds.handCount, present: 9 };
    const bundle = resultBundle(rounds.hands, input, { audit: hands.audit, closedAt: hands.closedAt, publishedAt: hands.publishedAt });
    expect(bundle.manifest).toMatchObject({ method: 'meeting', voting: 'show_of_hands', handCount: rounds.handCount, ballots: { count: 0 } });
    expect(bundle.manifest.tally.map((q) => [q.present, q.outcome.status])).toEqual([[9, 'adopted']]);
    expect((await verified(bundle)).ok).toBe(true);
  });

  it('a meeting without hand counts voted by secret ballot, and too few present is not_enough_present', async () => {
    const meeting = rounds.meetingInput();
    const slip = rounds.slipOf('M-1', { q1: 'yes', q2: 'level-200k' }, rounds.MEETING_ID);
    const input: TallyInput = { rollIds, participants: meeting.participants, ballots: [slip] };
    const bundle = resultBundle(rounds.meeting, input, { audit: meeting.audit, closedAt: meeting.closedAt, publishedAt: meeting.publishedAt });
    expect(bundle.manifest.voting).toBe('secret_ballot');
    expect(bundle.manifest.tally.map((q) => q.outcome.status)).toEqual(['not_enough_present', 'not_enough_present']);
    expect((await verified(bundle)).ok).toBe(true);
  });

  it('refuses to publish a meeting whose households present are not its participants', () => {
    const meeting = rounds.meetingInput();
    const input: TallyInput = { rollIds, participants: meeting.participants, ballots: [], handCount: {}, present: 8 };
    expect(() => resultBundle(rounds.meeting, input, { audit: meeting.audit, closedAt: meeting.closedAt, publishedAt: meeting.publishedAt })).toThrow(
      DomainError,
    );
  });
});
