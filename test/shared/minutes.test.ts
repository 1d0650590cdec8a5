import { describe, expect, it } from 'vitest';
import { sealEvent } from '../../shared/audit.ts';
import { buildBundle } from '../../shared/bundle.ts';
import { DomainError } from '../../shared/errors.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import {
  CountingRecord,
  DecisionRecord,
  draftCounting,
  draftDecision,
  entriesOf,
  minutesHash,
  minutesSigningInput,
  signatureStatus,
  signMinutes,
  verifyMinutesSignature,
  type DecisionEntries,
  type DecisionInput,
} from '../../shared/minutes.ts';
import type { Answers, AuditEvent, Channel, Consultation, Question, Rule } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { tally } from '../../shared/tally.ts';
import { ballotOf, CONSULTATION_ID, makeSigning, nonceOf, type Signing } from './bundle-fixture.ts';

const TWO_THIRDS: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };

const goAhead: Question = { id: 'q1', type: 'yes_no', text: 'Tán thành chủ trương làm đường?', options: [], rule: { ...TWO_THIRDS } };
const level: Question = {
  id: 'q2',
  type: 'single',
  text: 'Mức đóng góp mỗi hộ',
  options: [
    { id: 'level-50k', label: '50.000 đồng', amountPerUnit: 50_000 },
    { id: 'level-100k', label: '100.000 đồng', amountPerUnit: 100_000 },
  ],
  rule: { ...MORE_THAN_HALF },
};

const road: Consultation = {
  id: CONSULTATION_ID,
  commune: 'xa-an-binh',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'contribution',
  method: 'household_ballot',
  title: 'Bê tông hóa đường liên thôn',
  description: 'Làm đường bê tông dài 1,2 km.',
  opensAt: '2026-11-01T00:00:00Z',
  closesAt: '2026-11-20T10:00:00Z',
  questions: [goAhead, level],
  contribution: {
    totalCost: 1_200_000_000,
    stateBudget: 800_000_000,
    residentsShare: 400_000_000,
    basis: 'per_household',
    // Out of order on purpose: the decision lists the categories in a fixed order.
    exemptions: [
      { category: 'near_poor', percent: 50 },
      { category: 'poor', percent: 100 },
      { category: 'policy', percent: 0 },
    ],
  },
};

const REASON = 'Cần khởi công trước mùa mưa.';

/** A log with an opening before the notice period ran out, and its reason. */
function log(early = true): AuditEvent[] {
  const events: AuditEvent[] = [];
  const add = (at: string, action: string, data: Record<string, unknown>) =>
    events.push(sealEvent(events.at(-1), { at, actor: { role: 'official', id: 'official-1' }, action, data }));
  add('2026-10-20T08:00:00Z', 'created', {});
  add(
    '2026-11-01T00:00:00Z',
    'voting_opened',
    early ? { disclosure: { days: 30, disclosedAt: '2026-10-25T00:00:00Z', earliest: '2026-11-24T00:00:00Z', overrideReason: REASON } } : {},
  );
  add('2026-11-20T10:00:00Z', 'closed', { reason: 'scheduled' });
  return events;
}

/** `n` copies of a ballot cast through `channel`. */
const times = (n: number, channel: Channel, answers: Answers): [Channel, Answers][] => Array.from({ length: n }, () => [channel, answers]);

/** A closed round with H households and these ballots, through the real tally and bundle: the record's inputs. */
function round(c: Consultation, households: number, votes: [Channel, Answers][], audit = log()): Omit<DecisionInput, 'entries'> {
  const rollIds = Array.from({ length: households }, (_, i) => `DG-${String(i + 1).padStart(3, '0')}`);
  const ballots = votes.map(([, answers], i) => ballotOf(answers, nonceOf(i)));
  const participants = votes.map(([channel], i) => ({ id: rollIds[i]!, channel }));
  const bundle = buildBundle({
    consultation: c,
    rollIds,
    participants,
    ballots,
    audit,
    closedAt: '2026-11-20T10:00:00Z',
    publishedAt: '2026-11-20T10:00:05Z',
    tally: tally(
      c,
      ballots.map((b) => b.answers),
      households,
    ),
  });
  return {
    consultation: c,
    manifest: bundle.manifest,
    manifestHash: sha256Hex(bundle.manifestBytes),
    rollIds,
    participantIds: participants.map((p) => p.id),
    audit,
  };
}

// 30 households: 24 in favour, 3 against, 1 abstaining, 2 absent (DG-029, DG-030); 20 choose 50 000 dong.
const adoptedVotes = [
  ...times(18, 'online', { q1: 'yes', q2: 'level-50k' }),
  ...times(2, 'paper', { q1: 'yes', q2: 'level-50k' }),
  ...times(4, 'paper', { q1: 'yes', q2: 'level-100k' }),
  ...times(3, 'paper', { q1: 'no', q2: 'abstain' }),
  ...times(1, 'online', { q1: 'abstain', q2: 'level-100k' }),
];
const entries: DecisionEntries = {
  form: 'nghi_quyet',
  letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
  place: 'Nhà văn hóa thôn Đông',
  summary: 'Nhân dân bàn về chủ trương làm đường và mức đóng góp.',
  discussion: [{ question: 'Ai giám sát thi công?', answers: ['Ban giám sát đầu tư của cộng đồng.'] }],
  signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Trần Văn Cường', households: ['DG-003', 'DG-007'] },
};
const draft = (over: Partial<DecisionEntries> = {}, c: Consultation = road) =>
  draftDecision({ ...round(c, 30, adoptedVotes), entries: { ...entries, ...over } });

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('drafting the decision record (Law 10/2022 Art. 20(2))', () => {
  it('holds the form chosen, the letterhead, and names the signed result', () => {
    const r = draft();
    expect(DecisionRecord.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      kind: 'decision/1',
      consultationId: CONSULTATION_ID,
      form: 'nghi_quyet',
      letterhead: { authority: 'UBND XÃ AN BÌNH', unit: 'THÔN ĐÔNG' },
      manifest: round(road, 30, adoptedVotes).manifestHash,
    });
  });

  it('(a) when: from the opening in the log to the close; a meeting gives its own times', () => {
    expect(draft().time).toEqual({ from: '2026-11-01T00:00:00Z', to: '2026-11-20T10:00:00Z' });
    const meeting = { ...road, method: 'meeting' as const };
    const r = draftDecision({
      ...round(meeting, 30, adoptedVotes),
      entries: { ...entries, meeting: { from: '2026-11-20T08:00:00Z', to: '2026-11-20T10:00:00Z' } },
    });
    expect(r.time).toEqual({ from: '2026-11-20T08:00:00Z', to: '2026-11-20T10:00:00Z' });
  });

  it('(b) H, the households taking part, and those without a representative by roll id', () => {
    expect(draft().households).toEqual({
      total: 30,
      present: 28,
      presentPercentOfH: '93.3',
      byChannel: { online: 19, paper: 9, meeting: 0 },
      absent: { count: 2, ids: ['DG-029', 'DG-030'] },
    });
  });

  it('(c) the secretary’s summary and the discussion’s questions with their official answers, in NFC', () => {
    const r = draft({ summary: 'Bàn ve\u0300 đường'.normalize('NFD') });
    expect(r.discussion.summary).toBe('Bàn vè đường'.normalize('NFC'));
    expect(r.discussion.questions).toEqual([{ question: 'Ai giám sát thi công?', answers: ['Ban giám sát đầu tư của cộng đồng.'] }]);
  });

  it('(d) the method, and for a meeting how it voted', () => {
    expect(draft().method).toBe('household_ballot');
    expect(draft().voting).toBeUndefined();
  });

  it('(đ) the counts of each question with shares of H, the threshold and the outcome', () => {
    const [q1] = draft().questions;
    expect(q1).toMatchObject({ id: 'q1', threshold: 20, status: 'adopted', abstain: { votes: 1 }, absent: { votes: 2, percentOfH: '6.7' } });
    expect(q1!.counts).toEqual([
      { id: 'yes', label: 'Đồng ý', votes: 24, percentOfH: '80.0' },
      { id: 'no', label: 'Không đồng ý', votes: 3, percentOfH: '10.0' },
    ]);
  });

  it('(e) the decision with the contribution level, its basis and the exemptions', () => {
    const r = draft();
    expect(r.contribution).toEqual({
      amountPerUnit: 50_000,
      basis: 'per_household',
      totalCost: 1_200_000_000,
      stateBudget: 800_000_000,
      residentsShare: 400_000_000,
      exemptions: [
        { category: 'poor', percent: 100 },
        { category: 'near_poor', percent: 50 },
      ],
    });
    expect(r.decision).toContain('Mức đóng góp được thông qua: 50.000 đồng/hộ');
    expect(r.decision).toContain('Miễn, giảm: hộ nghèo được miễn; hộ cận nghèo được giảm 50%.');
  });

  it('(g) the village head, the head of the Front working committee and 2 household representatives by roll id', () => {
    expect(draft().signers).toEqual({ villageHead: 'Nguyễn Văn An', frontHead: 'Trần Văn Cường', households: ['DG-003', 'DG-007'] });
    // A household that did not take part, one not on the roll, or the same one twice, cannot sign.
    expect(codeOf(() => draft({ signers: { ...entries.signers, households: ['DG-003', 'DG-030'] } }))).toBe('invalid_request');
    expect(codeOf(() => draft({ signers: { ...entries.signers, households: ['DG-003', 'XX-1'] } }))).toBe('invalid_request');
    expect(codeOf(() => draft({ signers: { ...entries.signers, households: ['DG-003', 'DG-003'] } }))).toBe('invalid_request');
  });

  it('lists the opening before the notice ran out with the reason logged, and nothing when there was none', () => {
    expect(draft().departures).toEqual([
      { kind: 'early_opening', at: '2026-11-01T00:00:00Z', days: 30, disclosedAt: '2026-10-25T00:00:00Z', earliest: '2026-11-24T00:00:00Z', reason: REASON },
    ]);
    const onTime = draftDecision({ ...round(road, 30, adoptedVotes, log(false)), entries });
    expect(onTime.departures).toEqual([]);
  });

  it('gives the same JCS bytes when drafted again, also from what the record states', () => {
    const inputs = round(road, 30, adoptedVotes);
    const once = jcsBytes(draftDecision({ ...inputs, entries }));
    const again = draftDecision({ ...inputs, entries });
    expect(jcsBytes(again)).toEqual(once);
    expect(jcsBytes(draftDecision({ ...inputs, entries: entriesOf(again) }))).toEqual(once);
    expect(sha256Hex(once)).toBe(minutesHash(again));
  });

  it('refuses inputs that do not belong together, and a meeting without its times', () => {
    const inputs = round(road, 30, adoptedVotes);
    expect(codeOf(() => draftDecision({ ...inputs, manifestHash: 'ab'.repeat(32), entries }))).toBe('integrity_error');
    expect(codeOf(() => draftDecision({ ...inputs, rollIds: inputs.rollIds.slice(1), entries }))).toBe('integrity_error');
    const meeting = { ...road, method: 'meeting' as const };
    expect(codeOf(() => draftDecision({ ...round(meeting, 30, adoptedVotes), entries }))).toBe('invalid_request');
    expect(codeOf(() => draft({ form: 'quyet_dinh' as never }))).toBe('invalid_request');
  });
});

describe('drafting the counting record (Decree 59/2023 forms 02 and 04)', () => {
  const countingEntries = {
    letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
    place: 'Nhà văn hóa thôn Đông',
    at: '2026-11-20T11:00:00Z',
    members: [
      { name: 'Trần Văn Cường', role: 'Tổ trưởng' },
      { name: 'Phạm Thị Dung', role: 'Thành viên' },
      { name: 'Hoàng Văn Em', role: 'Thành viên' },
    ],
    witnesses: ['DG-001', 'DG-002'] as const,
    spoiled: 1,
  };
  it('form 04 for a household ballot: one slip a household of the roll, returned by the households ticked off', () => {
    const inputs = round(road, 30, adoptedVotes);
    const r = draftCounting({ ...inputs, entries: countingEntries });
    expect(CountingRecord.parse(r)).toEqual(r);
    expect(r).toMatchObject({ kind: 'counting/1', form: 'mau_04', eligible: 30, witnesses: ['DG-001', 'DG-002'] });
    expect(r.slips).toEqual({ issued: 30, returned: 28, entered: 28, spoiled: 1, valid: 27 });
    expect(jcsBytes(draftCounting({ ...inputs, entries: countingEntries }))).toEqual(jcsBytes(r));
  });

  it('form 02 for a meeting; an online round has none; the members are 3 to 5; spoiled slips at most those entered', () => {
    const meeting = { ...road, method: 'meeting' as const };
    expect(draftCounting({ ...round(meeting, 30, adoptedVotes), entries: countingEntries }).form).toBe('mau_02');
    const online = { ...road, method: 'online' as const, matter: 'opinion' as const };
    expect(codeOf(() => draftCounting({ ...round(online, 30, adoptedVotes), entries: countingEntries }))).toBe('wrong_state');
    const inputs = round(road, 30, adoptedVotes);
    expect(codeOf(() => draftCounting({ ...inputs, entries: { ...countingEntries, members: countingEntries.members.slice(0, 2) } }))).toBe('invalid_request');
    expect(codeOf(() => draftCounting({ ...inputs, entries: { ...countingEntries, spoiled: 29 } }))).toBe('invalid_request');
    expect(codeOf(() => draftCounting({ ...inputs, entries: { ...countingEntries, witnesses: ['DG-001', 'ZZ'] } }))).toBe('invalid_request');
  });
});

describe('the officers’ key signatures of the decision record', () => {
  const at = '2026-11-21T02:00:00Z';
  async function officer(): Promise<Signing & { jwk: JsonWebKey }> {
    const s = await makeSigning();
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', s.keys.publicKey);
    return { ...s, jwk: { kty, crv, x, y } };
  }

  it('verify under the signer’s key, typ record+jws, naming the record’s hash and the person it names', async () => {
    const r = draft();
    const head = await officer();
    const jws = await signMinutes({ minutes: r, role: 'village_head', at, jwk: head.jwk }, head.sign);
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'ES256', typ: 'record+jws', kid: head.kid });
    const payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toEqual({
      kind: 'record-signature/1',
      consultationId: CONSULTATION_ID,
      record: minutesHash(r),
      signer: { role: 'village_head', name: 'Nguyễn Văn An' },
      at,
    });
    expect(await verifyMinutesSignature(jws, r)).toEqual({ ok: true, role: 'village_head', kid: head.kid, at, problems: [] });
    expect((await verifyMinutesSignature(jws, { ...r, place: 'Nơi khác' })).problems).toContain('it names another record');
    expect((await minutesSigningInput({ minutes: r, role: 'village_head', at, jwk: head.jwk })).split('.')).toHaveLength(2);
  });

  it('tell who has signed and who has not', async () => {
    const r = draft();
    const front = await officer();
    const status = await signatureStatus(r, [await signMinutes({ minutes: r, role: 'front_head', at, jwk: front.jwk }, front.sign)]);
    expect(status).toMatchObject({ complete: false, missing: ['village_head'], signed: [{ role: 'front_head', kid: front.kid }], invalid: [] });
  });
});
