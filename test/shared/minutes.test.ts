import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../shared/bundle.ts';
import { adoptedLevel } from '../../shared/contributions.ts';
import { toBase64Url, utf8 } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { encodeJws } from '../../shared/jws.ts';
import {
  draftMinutes,
  Minutes,
  minutesHash,
  minutesSigningInput,
  percentOfH,
  signatureStatus,
  signMinutes,
  verifyMinutesSignature,
  type MinutesInput,
  type MinutesRole,
} from '../../shared/minutes.ts';
import type { Answers, Channel, Consultation, Question, Quorum, Rule } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { tally } from '../../shared/tally.ts';
import { auditLog, ballotOf, CONSULTATION_ID, makeSigning, nonceOf, type Signing } from './bundle-fixture.ts';

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

const officers: MinutesInput['officers'] = {
  chair: { name: 'Nguyễn Văn An', title: 'Trưởng thôn Đông' },
  secretary: { name: 'Lê Thị Bình', title: 'Thư ký cuộc họp' },
  frontRepresentative: { name: 'Trần Văn Cường', organisation: 'Ban công tác Mặt trận thôn Đông' },
};

/** `n` copies of a ballot cast through `channel`. */
const times = (n: number, channel: Channel, answers: Answers): [Channel, Answers][] => Array.from({ length: n }, () => [channel, answers]);

/** A closed round with H households and these ballots, through the real tally and bundle; the minutes' inputs. */
function round(c: Consultation, households: number, votes: [Channel, Answers][]): Pick<MinutesInput, 'consultation' | 'manifest' | 'manifestHash'> {
  const rollIds = Array.from({ length: households }, (_, i) => `DG-${String(i + 1).padStart(3, '0')}`);
  const ballots = votes.map(([, answers], i) => ballotOf(answers, nonceOf(i)));
  const bundle = buildBundle({
    consultation: c,
    rollIds,
    participants: votes.map(([channel], i) => ({ id: rollIds[i]!, channel })),
    ballots,
    audit: auditLog(),
    closedAt: '2026-11-20T10:00:00Z',
    publishedAt: '2026-11-20T10:00:05Z',
    tally: tally(
      c,
      ballots.map((b) => b.answers),
      households,
    ),
  });
  return { consultation: c, manifest: bundle.manifest, manifestHash: sha256Hex(bundle.manifestBytes) };
}

// 30 households: 24 in favour, 3 against, 1 abstaining, 2 absent; 20 choose 50 000 dong.
const adoptedVotes = [
  ...times(18, 'online', { q1: 'yes', q2: 'level-50k' }),
  ...times(2, 'paper', { q1: 'yes', q2: 'level-50k' }),
  ...times(4, 'paper', { q1: 'yes', q2: 'level-100k' }),
  ...times(3, 'paper', { q1: 'no', q2: 'abstain' }),
  ...times(1, 'online', { q1: 'abstain', q2: 'level-100k' }),
];
const draft = (over: Partial<MinutesInput> = {}) => draftMinutes({ ...round(road, 30, adoptedVotes), officers, place: 'Nhà văn hóa thôn Đông', ...over });

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('drafting the minutes from a closed round', () => {
  it('records H, participation and each question from the recount, with the outcome in one plain sentence', () => {
    const m = draft();
    expect(Minutes.parse(m)).toEqual(m);
    expect(m).toMatchObject({
      kind: 'minutes/1',
      consultationId: CONSULTATION_ID,
      commune: 'xa-an-binh',
      scope: { kind: 'hamlet', name: 'Thôn Đông' },
      method: 'household_ballot',
      place: 'Nhà văn hóa thôn Đông',
      time: { from: '2026-11-01T00:00:00Z', to: '2026-11-20T10:00:00Z' },
      eligible: 30,
      participants: { total: 28, byChannel: { online: 19, paper: 9, meeting: 0 }, percentOfH: '93.3' },
      closedAt: '2026-11-20T10:00:00Z',
      publishedAt: '2026-11-20T10:00:05Z',
    });
    expect(m.attendance).toBeUndefined();
    const [q1, q2] = m.questions;
    expect(q1).toEqual({
      id: 'q1',
      text: 'Tán thành chủ trương làm đường?',
      method: 'household_ballot',
      rule: TWO_THIRDS,
      counts: [
        { id: 'yes', label: 'Tán thành', votes: 24, percentOfH: '80.0' },
        { id: 'no', label: 'Không tán thành', votes: 3, percentOfH: '10.0' },
      ],
      abstain: { votes: 1, percentOfH: '3.3' },
      absent: { votes: 2, percentOfH: '6.7' },
      threshold: 20,
      ruleInWords: 'ít nhất 2/3 tổng số hộ',
      status: 'adopted',
      adoptedOptions: ['yes'],
      decisionText: 'Được thông qua: 24/30 hộ tán thành (80%); cần ít nhất 20 hộ (2/3 tổng số hộ).',
    });
    expect(q2).toMatchObject({
      counts: [
        { id: 'level-50k', label: '50.000 đồng', votes: 20, percentOfH: '66.7' },
        { id: 'level-100k', label: '100.000 đồng', votes: 5, percentOfH: '16.7' },
      ],
      threshold: 16,
      ruleInWords: 'quá 1/2 tổng số hộ',
      status: 'adopted',
      adoptedOptions: ['level-50k'],
      decisionText: 'Được thông qua: «50.000 đồng» 20/30 hộ (66,7%); cần ít nhất 16 hộ (quá 1/2 tổng số hộ).',
    });
  });

  it('writes the decision with the adopted contribution level and its exemptions, categories in a fixed order', () => {
    expect(draft().decision).toBe(
      [
        'Căn cứ kết quả biểu quyết, cộng đồng dân cư Thôn Đông quyết định:',
        '1. «Tán thành chủ trương làm đường?»: Được thông qua.',
        '2. «Mức đóng góp mỗi hộ»: Được thông qua phương án «50.000 đồng».',
        'Mức đóng góp được thông qua: 50.000 đồng/hộ (tổng kinh phí 1.200.000.000 đồng; ngân sách nhà nước hỗ trợ 800.000.000 đồng; nhân dân đóng góp 400.000.000 đồng). Miễn, giảm: hộ nghèo được miễn; hộ cận nghèo được giảm 50%.',
      ].join('\n'),
    );
  });

  it('names the level the dues schedule will use (contributions.ts)', () => {
    const inputs = round(road, 30, adoptedVotes);
    expect(adoptedLevel(inputs.consultation, inputs.manifest)).toEqual({ questionId: 'q2', optionId: 'level-50k', amountPerUnit: 50_000 });
    expect(draft().decision).toContain('Mức đóng góp được thông qua: 50.000 đồng/hộ');
  });

  it('adopts no contribution level when the going-ahead question fails, even if a level had a majority', () => {
    const votes = [...times(19, 'online', { q1: 'yes', q2: 'level-50k' }), ...times(11, 'paper', { q1: 'no', q2: 'level-50k' })];
    const m = draftMinutes({ ...round(road, 30, votes), officers, place: 'Nhà văn hóa' });
    expect(m.questions.map((q) => q.status)).toEqual(['rejected', 'adopted']);
    expect(m.questions[0]!.decisionText).toBe('Không được thông qua: 19/30 hộ tán thành (63,3%); cần ít nhất 20 hộ (2/3 tổng số hộ).');
    expect(m.decision.split('\n').at(-1)).toBe('Không có mức đóng góp nào được thông qua.');
  });

  it("takes the terms' own amount and basis when a yes/no question alone decides, and says when no one is exempt", () => {
    const c: Consultation = {
      ...road,
      questions: [goAhead],
      contribution: { ...road.contribution!, basis: 'per_person', amountPerUnit: 30_000, exemptions: [] },
    };
    const m = draftMinutes({ ...round(c, 3, times(2, 'paper', { q1: 'yes' })), officers, place: 'Nhà văn hóa' });
    expect(m.decision.split('\n').at(-1)).toBe(
      'Mức đóng góp được thông qua: 30.000 đồng/nhân khẩu (tổng kinh phí 1.200.000.000 đồng; ngân sách nhà nước hỗ trợ 800.000.000 đồng; nhân dân đóng góp 400.000.000 đồng). Không có trường hợp miễn, giảm.',
    );
  });

  it('says that an opinion is advice for the authority, and writes no contribution line for other matters', () => {
    const c: Consultation = {
      ...road,
      matter: 'opinion',
      contribution: undefined,
      questions: [
        {
          id: 'q1',
          type: 'single',
          text: 'Vị trí nhà văn hóa',
          options: [
            { id: 'a', label: 'Gần chợ' },
            { id: 'b', label: 'Gần trường' },
          ],
          rule: { base: 'plurality' },
        },
      ],
    };
    const m = draftMinutes({ ...round(c, 5, [...times(3, 'online', { q1: 'a' }), ...times(1, 'online', { q1: 'b' })]), officers, place: 'Nhà văn hóa' });
    expect(m.decision).toBe(
      'Ý kiến của cộng đồng dân cư Thôn Đông được tổng hợp để cơ quan có thẩm quyền xem xét, quyết định:\n1. «Vị trí nhà văn hóa»: Được thông qua phương án «Gần chợ».',
    );
    expect(m.questions[0]!.ruleInWords).toBe('phương án được nhiều phiếu nhất');
  });

  it('is deterministic: the same inputs give the same JCS bytes, and a changed name changes them', () => {
    const a = jcsBytes(draft());
    const b = jcsBytes(
      draftMinutes({ ...structuredClone(round(road, 30, adoptedVotes)), officers: structuredClone(officers), place: 'Nhà văn hóa thôn Đông' }),
    );
    expect(b).toEqual(a);
    const renamed = draft({ officers: { ...officers, secretary: { name: 'Lê Thị Bích', title: 'Thư ký cuộc họp' } } });
    expect(minutesHash(renamed)).not.toBe(minutesHash(draft()));
  });

  it("writes officers' names and the place in NFC, trimmed", () => {
    const decomposed = 'Nguyễn Văn An'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Văn An');
    const m = draft({ officers: { ...officers, chair: { name: ` ${decomposed} `, title: 'Trưởng thôn Đông' } }, place: 'Nhà văn hóa'.normalize('NFD') });
    expect(m.chair.name).toBe('Nguyễn Văn An');
    expect(m.place).toBe('Nhà văn hóa');
  });

  it('has every share of an empty roll at 0.0, and nothing divides by zero', () => {
    const m = draftMinutes({ ...round(road, 0, []), officers, place: 'Nhà văn hóa' });
    expect(m.participants.percentOfH).toBe('0.0');
    expect(m.questions[0]!.counts.map((r) => r.percentOfH)).toEqual(['0.0', '0.0']);
    expect(m.questions[0]!.absent).toEqual({ votes: 0, percentOfH: '0.0' });
    expect(m.questions[0]!.decisionText).toContain('0/0 hộ tán thành (0%)');
  });

  it('refuses inputs that do not belong together, and incomplete entries', () => {
    const inputs = round(road, 30, adoptedVotes);
    expect(codeOf(() => draft({ manifestHash: '0'.repeat(64) }))).toBe('integrity_error');
    expect(codeOf(() => draft({ manifest: { ...inputs.manifest, consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' } }))).toBe('integrity_error');
    expect(codeOf(() => draft({ consultation: { ...road, questions: [level, goAhead] } }))).toBe('integrity_error');
    expect(codeOf(() => draft({ officers: { ...officers, chair: { name: '  ', title: 'Trưởng thôn' } } }))).toBe('invalid_request');
    expect(codeOf(() => draft({ place: '' }))).toBe('invalid_request');
    expect(codeOf(() => draft({ meeting: { present: 20, from: '2026-11-20T01:00:00Z', to: '2026-11-20T03:00:00Z' } }))).toBe('invalid_request');
    try {
      draft({ officers: { ...officers, secretary: { name: 'Lê Thị Bình', title: '' } } });
    } catch (e) {
      expect((e as DomainError).details?.map((d) => d.path)).toEqual(['secretary.title']);
    }
    expect.assertions(7);
  });
});

describe('the minutes of a meeting', () => {
  const quorum: Quorum = { op: 'more_than', fraction: [1, 2] };
  const meetingRound: Consultation = {
    ...road,
    method: 'meeting',
    questions: [
      { ...goAhead, rule: { ...TWO_THIRDS, quorum } },
      { ...level, rule: { ...MORE_THAN_HALF, quorum } },
    ],
  };
  const votes = times(21, 'meeting', { q1: 'yes', q2: 'level-50k' });
  const at = { from: '2026-11-20T01:00:00Z', to: '2026-11-20T03:30:00Z' };

  it('records the households present and whether the quorum (more than 1/2 of H) was met', () => {
    const m = draftMinutes({ ...round(meetingRound, 30, votes), officers, place: 'Nhà văn hóa thôn Đông', meeting: { present: 23, ...at } });
    expect(m.time).toEqual(at);
    expect(m.attendance).toEqual({ present: 23, percentOfH: '76.7', quorum: { required: 16, met: true } });
    expect(m.participants.byChannel).toEqual({ online: 0, paper: 0, meeting: 21 });
    const few = draftMinutes({ ...round(meetingRound, 30, votes), officers, place: 'Nhà văn hóa', meeting: { present: 15, ...at } });
    expect(few.attendance!.quorum).toEqual({ required: 16, met: false });
    const exactlyHalfOfOdd = draftMinutes({ ...round(meetingRound, 31, votes), officers, place: 'Nhà văn hóa', meeting: { present: 16, ...at } });
    expect(exactlyHalfOfOdd.attendance!.quorum).toEqual({ required: 16, met: true });
  });

  it('records a question whose quorum failed as such', () => {
    const m = draftMinutes({ ...round(meetingRound, 30, votes.slice(0, 15)), officers, place: 'Nhà văn hóa', meeting: { present: 15, ...at } });
    expect(m.questions[0]).toMatchObject({ status: 'quorum_not_met', decisionText: 'Không đủ số hộ tham gia theo quy định: 15/30 hộ tham gia.' });
    expect(m.decision).toContain('1. «Tán thành chủ trương làm đường?»: Không đủ số hộ tham gia theo quy định.');
  });

  it('needs the attendance and times of a meeting, a present count within H, and an end after the start', () => {
    const inputs = { ...round(meetingRound, 30, votes), officers, place: 'Nhà văn hóa' };
    expect(codeOf(() => draftMinutes(inputs))).toBe('invalid_request');
    expect(codeOf(() => draftMinutes({ ...inputs, meeting: { present: 31, ...at } }))).toBe('invalid_request');
    expect(codeOf(() => draftMinutes({ ...inputs, meeting: { present: -1, ...at } }))).toBe('invalid_request');
    expect(codeOf(() => draftMinutes({ ...inputs, meeting: { present: 20, from: at.to, to: at.from } }))).toBe('invalid_request');
    expect(codeOf(() => draftMinutes({ ...inputs, meeting: { present: 20, from: '20/11/2026', to: at.to } }))).toBe('invalid_request');
  });
});

describe('percentOfH', () => {
  it.each([
    [0, 0, '0.0'],
    [0, 30, '0.0'],
    [30, 30, '100.0'],
    [24, 30, '80.0'],
    [2, 3, '66.7'],
    [1, 3, '33.3'],
    [1, 16, '6.3'], // 6.25: half up
    [1, 80, '1.3'], // 1.25: half up, though 1/80*100 is 1.2499999999999998 in floating point
    [3, 40, '7.5'],
    [1, 160, '0.6'], // 0.625
    [1, 2000, '0.1'], // 0.05: half up
    [1, 2001, '0.0'],
    [1999, 2000, '100.0'], // 99.95: half up
    [1_000_000, 3_000_000, '33.3'],
  ])('%i of %i is %s', (part, whole, expected) => {
    expect(percentOfH(part, whole)).toBe(expected);
  });

  it('agrees with an exact rational rounding for any counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (whole, share) => {
        const part = Math.floor(whole * share);
        const scaled = BigInt(part) * 1000n;
        const w = BigInt(whole);
        const tenths = scaled / w + (2n * (scaled % w) >= w ? 1n : 0n);
        expect(percentOfH(part, whole)).toBe(`${tenths / 10n}.${tenths % 10n}`);
      }),
    );
  });

  it('refuses a count that is not a non-negative integer', () => {
    expect(() => percentOfH(-1, 3)).toThrow(RangeError);
    expect(() => percentOfH(1.5, 3)).toThrow(RangeError);
  });
});

describe("the officers' signatures", () => {
  const minutes = draft();
  const AT = '2026-11-20T11:00:00Z';
  let keys: Record<MinutesRole, Signing & { jwk: JsonWebKey }> | undefined;
  async function signers() {
    if (!keys) {
      const make = async () => {
        const s = await makeSigning();
        const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', s.keys.publicKey);
        return { ...s, jwk: { kty, crv, x, y } };
      };
      keys = { chair: await make(), secretary: await make(), front: await make() };
    }
    return keys;
  }
  const sign = async (role: MinutesRole, over: { at?: string; minutes?: Minutes } = {}) => {
    const k = (await signers())[role];
    return signMinutes({ minutes: over.minutes ?? minutes, role, at: over.at ?? AT, jwk: k.jwk }, k.sign);
  };
  /** A minutes+jws over any payload, signed by `role`'s key: for payloads signMinutes would never write. */
  const forge = async (role: MinutesRole, payload: Record<string, unknown>, header: Record<string, unknown> = {}) => {
    const k = (await signers())[role];
    return encodeJws({ alg: 'ES256', jwk: k.jwk, kid: k.kid, typ: 'minutes+jws', ...header }, jcsBytes(payload), k.sign);
  };
  const payloadOf = (role: MinutesRole, over: Record<string, unknown> = {}) => ({
    kind: 'minutes-signature/1',
    consultationId: minutes.consultationId,
    minutes: minutesHash(minutes),
    signer: role === 'front' ? { role, name: 'Trần Văn Cường', title: 'Ban công tác Mặt trận thôn Đông' } : { role, ...minutes[role] },
    at: AT,
    ...over,
  });

  it.each(['chair', 'secretary', 'front'] as const)("the %s's signature verifies and names the role and key", async (role) => {
    const jws = await sign(role);
    const k = (await signers())[role];
    expect(await verifyMinutesSignature(jws, minutes)).toEqual({ ok: true, role, kid: k.kid, at: AT, problems: [] });
    const [header, payload] = jws
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'ES256', jwk: k.jwk, kid: k.kid, typ: 'minutes+jws' });
    expect(payload).toEqual(payloadOf(role));
  });

  it('gives the signing input a browser key signs: the JWS is that input and the base64url signature', async () => {
    const k = (await signers()).secretary;
    const input = await minutesSigningInput({ minutes, role: 'secretary', at: AT, jwk: k.jwk });
    expect((await sign('secretary')).startsWith(`${input}.`)).toBe(true);
    const signature = await k.sign(utf8(input));
    expect((await verifyMinutesSignature(`${input}.${toBase64Url(signature)}`, minutes)).ok).toBe(true);
  });

  it('puts only the public members of the key in the header, and refuses a private key', async () => {
    const k = (await signers()).chair;
    const input = await minutesSigningInput({ minutes, role: 'chair', at: AT, jwk: { ...k.jwk, alg: 'ES256', use: 'sig' } });
    expect(JSON.parse(Buffer.from(input.split('.')[0]!, 'base64url').toString('utf8')).jwk).toEqual(k.jwk);
    await expect(minutesSigningInput({ minutes, role: 'chair', at: AT, jwk: { ...k.jwk, d: 'AAAA' } })).rejects.toThrow(DomainError);
  });

  it("refuses a signature made with another key than the header's", async () => {
    const { chair, secretary } = await signers();
    const jws = await signMinutes({ minutes, role: 'chair', at: AT, jwk: chair.jwk }, secretary.sign);
    const check = await verifyMinutesSignature(jws, minutes);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(['the signature does not verify under the header jwk']);
  });

  it('refuses a signature of other minutes, or of minutes changed after signing', async () => {
    const jws = await sign('chair');
    const tampered = { ...minutes, decision: minutes.decision.replace('50.000', '500.000') };
    expect(await verifyMinutesSignature(jws, tampered)).toMatchObject({ ok: false, role: 'chair', problems: ['it names other minutes'] });
    const [h, p, s] = jws.split('.');
    const edited = Buffer.from(p!, 'base64url').toString('utf8').replace(AT, '2026-11-21T11:00:00Z');
    const check = await verifyMinutesSignature(`${h}.${Buffer.from(edited).toString('base64url')}.${s}`, minutes);
    expect(check.problems).toEqual(['the signature does not verify under the header jwk']);
  });

  it('refuses a signature naming another consultation', async () => {
    const jws = await forge('chair', payloadOf('chair', { consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }));
    expect((await verifyMinutesSignature(jws, minutes)).problems).toEqual(['it names consultation 01ARZ3NDEKTSV4RRFFQ69G5FAV']);
  });

  it('refuses a signer who is not the person the minutes name for the role', async () => {
    const asChair = await forge('secretary', payloadOf('chair', { signer: { role: 'chair', ...minutes.secretary } }));
    expect((await verifyMinutesSignature(asChair, minutes)).problems).toEqual(['the signer is not the chair the minutes name']);
    const { frontRepresentative: _, ...noFront } = minutes;
    expect((await verifyMinutesSignature(await forge('front', payloadOf('front')), noFront)).problems).toContain(
      'the minutes name no one as the Front representative',
    );
    await expect(sign('front', { minutes: noFront })).rejects.toThrow(DomainError);
  });

  it("refuses the wrong typ, a kid that is not the key's, and a payload that is not canonical or not a minutes signature", async () => {
    expect((await verifyMinutesSignature(await forge('chair', payloadOf('chair'), { typ: 'attestation+jws' }), minutes)).problems).toEqual([
      'typ is not minutes+jws',
    ]);
    expect((await verifyMinutesSignature(await forge('chair', payloadOf('chair'), { kid: 'someone-else' }), minutes)).problems).toEqual([
      'kid is not the thumbprint of the header jwk',
    ]);
    const k = (await signers()).chair;
    const loose = await encodeJws({ alg: 'ES256', jwk: k.jwk, kid: k.kid, typ: 'minutes+jws' }, utf8(JSON.stringify(payloadOf('chair'), null, 1)), k.sign);
    expect((await verifyMinutesSignature(loose, minutes)).problems).toEqual(['the payload is not canonical JSON (RFC 8785)']);
    const attestation = await forge('chair', { consultationId: minutes.consultationId, manifest: minutes.manifest, statement: 'verified', at: AT });
    expect((await verifyMinutesSignature(attestation, minutes)).problems).toEqual(['the payload is not {kind, consultationId, minutes, signer, at}']);
  });

  it('refuses a key that is not registered for the role, when keys are registered', async () => {
    const { chair, secretary } = await signers();
    const jws = await sign('chair');
    expect((await verifyMinutesSignature(jws, minutes, { keys: { chair: [chair.kid] } })).ok).toBe(true);
    expect((await verifyMinutesSignature(jws, minutes, { keys: { chair: [secretary.kid] } })).problems).toEqual([
      `the key ${chair.kid} is not registered for the chair`,
    ]);
  });

  it('reports garbage as a problem instead of throwing', async () => {
    const check = await verifyMinutesSignature('not a jws', minutes);
    expect(check.ok).toBe(false);
    expect(check.problems).toHaveLength(1);
  });

  it('tells which roles have signed, which have not, and which signatures do not hold', async () => {
    expect(await signatureStatus(minutes, [])).toEqual({ complete: false, signed: [], missing: ['chair', 'secretary', 'front'], invalid: [] });
    const { chair, secretary, front } = await signers();
    const bad = await signMinutes({ minutes, role: 'front', at: AT, jwk: front.jwk }, chair.sign);
    const two = await signatureStatus(minutes, [await sign('secretary'), bad, await sign('chair')]);
    expect(two).toEqual({
      complete: false,
      signed: [
        { role: 'chair', kid: chair.kid, at: AT },
        { role: 'secretary', kid: secretary.kid, at: AT },
      ],
      missing: ['front'],
      invalid: [{ index: 1, role: 'front', kid: front.kid, problems: ['the signature does not verify under the header jwk'] }],
    });
    const all = await signatureStatus(minutes, [await sign('front'), await sign('chair'), await sign('secretary')]);
    expect(all.complete).toBe(true);
    expect(all.missing).toEqual([]);
    expect(all.signed.map((s) => s.role)).toEqual(['chair', 'secretary', 'front']);
  });

  it('counts the earliest of two signatures for one role, whatever their order, and reports the other as a duplicate', async () => {
    const { chair, secretary } = await signers();
    const later = await sign('chair', { at: '2026-11-21T08:00:00Z' });
    // The secretary's key signing as chair with the chair's name: a valid JWS, but a second chair.
    const other = await forge('secretary', payloadOf('chair', { at: '2026-11-22T08:00:00Z' }));
    const status = await signatureStatus(minutes, [later, other, await sign('chair')]);
    expect(status.signed).toEqual([{ role: 'chair', kid: chair.kid, at: AT }]);
    expect(status.invalid).toEqual([
      { index: 0, role: 'chair', kid: chair.kid, problems: [`duplicate: the chair has already signed with key ${chair.kid}`] },
      { index: 1, role: 'chair', kid: secretary.kid, problems: [`duplicate: the chair has already signed with key ${chair.kid}`] },
    ]);
  });
});
