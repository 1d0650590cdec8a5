/**
 * Other opinions on the in-memory store: checked with the ballot, kept apart from it (random id, the day only),
 * never replaced by a new ballot, hidden by an official with an event that has no text, seen by monitors, and
 * published in opinions.json and on the result page at close.
 */
import { describe, expect, it } from 'vitest';
import { codeHash, normalizeCode } from '../../../functions/core/codes.ts';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { hideOpinion, reviewOpinions } from '../../../functions/core/opinions.ts';
import { enterSlip } from '../../../functions/core/paper.ts';
import type { Principal, Publisher } from '../../../functions/core/ports.ts';
import { closeAndPublish } from '../../../functions/core/publishing.ts';
import { castOnline, openVoting } from '../../../functions/core/voting.ts';
import { fromUtf8 } from '../../../shared/bytes.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Consultation, Method } from '../../../shared/schemas.ts';
import { sha256 } from '../../../shared/sha256.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../support/profile.ts';
import { recordBallotConditionsIn } from '../../support/ballot-conditions.ts';

const NOW = new Date('2026-12-01T20:00:00Z');
const AT = '2026-12-01T20:00:00Z';
const KEY = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const SPKI = new Uint8Array(await crypto.subtle.exportKey('spki', KEY.publicKey));
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-do-tai' };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: 'xa-do-tai' };
const ID = '01JDANBAN00000000000000001';
const CODES = ['AAAA-BBBB-CCCC-DDD1', 'AAAA-BBBB-CCCC-DDD2', 'AAAA-BBBB-CCCC-DDD3'];

function deps(): { core: CoreDeps; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  const publisher: Publisher = {
    put: async (key, body) => void files.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body),
    get: async (key) => files.get(key),
    url: (key) => `http://site.test/${key}`,
  };
  let counter = 0;
  const core: CoreDeps = {
    store: new MemoryStore(),
    limiter: new MemoryAttemptLimiter(),
    signer: {
      publicKeySpki: async () => SPKI,
      sign: async (m) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, KEY.privateKey, new Uint8Array(m))),
    },
    publisher,
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => NOW },
    ids: { ulid: () => ID, random: (k) => sha256(new TextEncoder().encode(`r${++counter}`)).slice(0, k) },
    profile: OPEN_AT_ONCE,
  };
  return { core, files };
}

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
    questions: [
      { id: 'q1', type: 'yes_no', text: 'Đồng ý lắp đèn?', options: [], rule: { base: 'plurality' } },
      {
        id: 'q2',
        type: 'single',
        text: 'Loại đèn?',
        options: [
          { id: 'led', label: 'Đèn LED' },
          { id: 'solar', label: 'Đèn năng lượng mặt trời' },
        ],
        rule: { base: 'plurality' },
      },
    ],
  };
}

/** An online round opened with the three known codes (its Decree 59 conditions are the lifecycle tests' business). */
async function online() {
  const d = deps();
  const actor = { role: 'official' as const, id: 'o1' };
  await d.core.store.createConsultation(round('online'), AT, { at: AT, actor, action: 'created', data: {} });
  const roll = [1, 2, 3].map((n) => ({ id: `H-${n}`, hamlet: 'Thôn Đông', head: `Chủ hộ ${n}`, members: 2, category: 'standard' as const }));
  await d.core.store.replaceRoll(ID, roll, AT, { at: AT, actor, action: 'roll_uploaded', data: {} });
  await d.core.store.openVoting(
    ID,
    (r) => r.map((h, i) => ({ household: h.id, hash: codeHash(ID, normalizeCode(CODES[i]!)!) })),
    AT,
    () => ({
      at: AT,
      actor,
      action: 'voting_opened',
      data: {},
    }),
  );
  return d;
}

const vote = (core: CoreDeps, n: number, answers: Record<string, string>, opinions?: Record<string, string>) =>
  castOnline(core, ID, { code: CODES[n - 1]!, answers, ...(opinions ? { opinions } : {}) }, '127.0.0.1');

async function codeOf(act: Promise<unknown>): Promise<string> {
  try {
    await act;
    return 'none';
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('other opinions', () => {
  it('are kept apart from the ballot: a random id, the Vietnam day only, no household, no receipt, no event', async () => {
    const { core } = await online();
    const { receipt } = await vote(core, 1, { q1: 'abstain', q2: 'abstain' }, { q1: '  Nên lắp ở ngõ 3 trước ', q2: 'Đèn có cảm biến' });
    const stored = await core.store.listOpinions(ID);
    expect(stored.map((o) => [o.questionId, o.text]).sort()).toEqual([
      ['q1', 'Nên lắp ở ngõ 3 trước'],
      ['q2', 'Đèn có cảm biến'],
    ]);
    for (const o of stored) {
      expect(o.id).toMatch(/^[0-9a-f]{32}$/);
      expect(o.day).toBe('2026-12-02');
    }
    expect(JSON.stringify(stored)).not.toContain('H-1');
    expect(JSON.stringify(stored)).not.toContain(receipt);
    expect(JSON.stringify(await core.store.getAudit(ID))).not.toContain('ngõ 3');
  });

  it('are refused with the ballot (nothing recorded) unless the answer is the other opinion, within 500 characters', async () => {
    const { core } = await online();
    const refused = [
      vote(core, 1, { q1: 'yes', q2: 'abstain' }, { q1: 'Đồng ý nhưng...' }),
      vote(core, 1, { q1: 'abstain', q2: 'led' }, { q2: 'LED tốt hơn' }),
      vote(core, 1, { q1: 'abstain', q2: 'abstain' }, { q1: 'ý'.repeat(501) }),
      vote(core, 1, { q1: 'abstain', q2: 'abstain' }, { q9: 'Câu không có' }),
    ];
    for (const act of refused) expect(await codeOf(act)).toBe('invalid_request');
    expect(await core.store.householdVoted(ID, 'H-1')).toEqual({ voted: false });
    expect(await core.store.listOpinions(ID)).toEqual([]);
    // NFC first: 500 characters composed are allowed, a blank text is no opinion.
    await vote(core, 1, { q1: 'abstain', q2: 'abstain' }, { q1: 'ế'.normalize('NFD').repeat(500), q2: '   ' });
    expect((await core.store.listOpinions(ID)).map((o) => o.text)).toEqual(['ế'.repeat(500)]);
  });

  it('stay when the household votes again (nothing links them to it)', async () => {
    const { core } = await online();
    await vote(core, 2, { q1: 'abstain', q2: 'led' }, { q1: 'Ý kiến lần đầu' });
    const again = await vote(core, 2, { q1: 'yes', q2: 'led' });
    expect(again.replaced).toBe(true);
    expect((await core.store.listOpinions(ID)).map((o) => o.text)).toEqual(['Ý kiến lần đầu']);
  });

  it('are hidden by an official with a reason (an event without the text), seen by monitors, not hidden by them', async () => {
    const { core } = await online();
    await vote(core, 1, { q1: 'abstain', q2: 'led' }, { q1: 'Nhà ông Nguyễn Văn A số 5 hay mất điện' });
    await vote(core, 2, { q1: 'abstain', q2: 'led' }, { q1: 'Nên lắp thêm ở cầu' });
    const { opinions } = await reviewOpinions(core, OFFICIAL, ID);
    const personal = opinions.find((o) => o.text.includes('Nguyễn'))!;
    const hidden = await hideOpinion(core, OFFICIAL, ID, personal.id, 'personal_data');
    expect(hidden).toEqual({ id: personal.id, hidden: { reason: 'personal_data', at: AT } });
    const event = (await core.store.getAudit(ID)).at(-1)!;
    expect(event).toMatchObject({ action: 'opinion_hidden', actor: { role: 'official', id: 'o1' }, data: { opinionId: personal.id, reason: 'personal_data' } });
    expect(JSON.stringify(event)).not.toContain('Nguyễn');
    const seen = (await reviewOpinions(core, MONITOR, ID)).opinions;
    expect(seen).toHaveLength(2);
    expect(seen.find((o) => o.id === personal.id)?.hidden).toEqual({ reason: 'personal_data', at: AT });
    expect(await codeOf(hideOpinion(core, MONITOR, ID, opinions[1]!.id, 'off_topic'))).toBe('forbidden');
    expect(await codeOf(hideOpinion(core, OFFICIAL, ID, personal.id, 'insult'))).toBe('wrong_state');
    expect(await codeOf(reviewOpinions(core, undefined, ID))).toBe('unauthorized');
    expect(await codeOf(reviewOpinions(core, { ...MONITOR, commune: 'xa-khac' }, ID))).toBe('forbidden');
  });

  it('are published at close: opinions.json has the visible ones, the result page shows them under their question', async () => {
    const { core, files } = await online();
    await vote(core, 1, { q1: 'abstain', q2: 'led' }, { q1: 'Số điện thoại 0912 345 678' });
    await vote(core, 2, { q1: 'abstain', q2: 'abstain' }, { q1: 'Nên lắp thêm ở cầu', q2: 'Đèn có cảm biến' });
    await vote(core, 3, { q1: 'yes', q2: 'solar' });
    const phone = (await reviewOpinions(core, OFFICIAL, ID)).opinions.find((o) => o.text.startsWith('Số'))!;
    await hideOpinion(core, OFFICIAL, ID, phone.id, 'personal_data');
    await closeAndPublish(core, OFFICIAL, ID, 'manual');
    const json = JSON.parse(fromUtf8(files.get(`c/${ID}/opinions.json`)!));
    expect(json).toEqual({
      consultationId: ID,
      opinions: [
        { questionId: 'q1', text: 'Nên lắp thêm ở cầu' },
        { questionId: 'q2', text: 'Đèn có cảm biến' },
      ],
    });
    const page = fromUtf8(files.get(`c/${ID}/index.html`)!);
    expect(page).toContain('Các ý kiến khác');
    expect(page.indexOf('Nên lắp thêm ở cầu')).toBeLessThan(page.indexOf('Đèn có cảm biến'));
    expect(page).not.toContain('0912');
    expect(await codeOf(hideOpinion(core, OFFICIAL, ID, phone.id, 'insult'))).toBe('wrong_state');
  });

  it('come with a paper slip entered by its serial, apart from it', async () => {
    const { core } = deps();
    const actor = { role: 'official' as const, id: 'o1' };
    await core.store.createConsultation(round('household_ballot'), AT, { at: AT, actor, action: 'created', data: {} });
    const roll = [{ id: 'H-1', hamlet: 'Thôn Đông', head: 'Chủ hộ 1', members: 2, category: 'standard' as const }];
    await core.store.replaceRoll(ID, roll, AT, { at: AT, actor, action: 'roll_uploaded', data: {} });
    await recordBallotConditionsIn(core, OFFICIAL, ID);
    const { serials } = await openVoting(core, OFFICIAL, ID);
    const slip = { serial: serials[0]!, answers: { q1: 'abstain', q2: 'led' } };
    expect(await codeOf(enterSlip(core, OFFICIAL, ID, { ...slip, opinions: { q2: 'LED' } }))).toBe('invalid_request');
    await enterSlip(core, OFFICIAL, ID, { ...slip, opinions: { q1: 'Ghi trên phiếu giấy' } });
    expect((await core.store.listOpinions(ID)).map((o) => o.text)).toEqual(['Ghi trên phiếu giấy']);
    expect(JSON.stringify(await core.store.getAudit(ID))).not.toContain('Ghi trên phiếu');
  });
});
