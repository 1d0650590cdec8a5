/**
 * "Ý kiến khác" on the residents' pages (server-rendered, no script): the field under the other-opinion answer, the
 * review step that carries it, the cast that keeps it apart, and the problems shown when it does not fit.
 */
import { describe, expect, it } from 'vitest';
import { codeHash, normalizeCode } from '../../../../functions/core/codes.ts';
import type { CoreDeps } from '../../../../functions/core/deps.ts';
import { readBallotForm } from '../../../../functions/http/pages/ballot-input.ts';
import { residentPages } from '../../../../functions/http/pages/index.ts';
import { sha256 } from '../../../../shared/sha256.ts';
import type { Consultation } from '../../../../shared/schemas.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../../support/profile.ts';

const ID = '01JDANBAN00000000000000001';
const AT = '2026-12-01T02:00:00Z';
const CODE = 'AAAA-BBBB-CCCC-DDD1';
const consultation: Consultation = {
  id: ID,
  commune: 'xa-do-tai',
  scope: { kind: 'hamlet', name: 'Thôn Đông' },
  matter: 'opinion',
  method: 'online',
  title: 'Lắp đèn đường',
  description: 'Lắp 20 bóng đèn.',
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-08T00:00:00Z',
  questions: [
    { id: 'q1', type: 'yes_no', text: 'Đồng ý lắp đèn?', options: [], rule: { base: 'plurality' } },
    {
      id: 'q2',
      type: 'approval',
      text: 'Ngõ nào?',
      options: [
        { id: 'a', label: 'Ngõ 1' },
        { id: 'b', label: 'Ngõ 2' },
      ],
      rule: { base: 'plurality' },
      max: 2,
    },
  ],
};

async function pages() {
  let counter = 0;
  const core: CoreDeps = {
    store: new MemoryStore(),
    limiter: new MemoryAttemptLimiter(),
    signer: { publicKeySpki: async () => new Uint8Array(), sign: async () => new Uint8Array() },
    publisher: { put: async () => {}, get: async () => undefined, url: (key) => `http://site.test/${key}` },
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => new Date(AT) },
    ids: { ulid: () => ID, random: (k) => sha256(new TextEncoder().encode(`r${++counter}`)).slice(0, k) },
    profile: OPEN_AT_ONCE,
  };
  const actor = { role: 'official' as const, id: 'o1' };
  await core.store.createConsultation(consultation, AT, { at: AT, actor, action: 'created', data: {} });
  await core.store.replaceRoll(ID, [{ id: 'H-1', hamlet: 'Thôn Đông', head: 'Chủ hộ', members: 2, category: 'standard' }], AT, {
    at: AT,
    actor,
    action: 'roll',
    data: {},
  });
  await core.store.openVoting(
    ID,
    (r) => r.map((h) => ({ household: h.id, hash: codeHash(ID, normalizeCode(CODE)!) })),
    AT,
    () => ({ at: AT, actor, action: 'opened', data: {} }),
  );
  const app = residentPages(core, () => '127.0.0.1');
  const post = (step: string, body: Record<string, string>) =>
    app.request(`/vote/${ID}/${step}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });
  return { core, app, post };
}

describe('the other opinion on the residents’ pages', () => {
  it('is a short text field under a yes/no question (not an approval one), saying it stays, anonymously', async () => {
    const { app } = await pages();
    const html = await (await app.request(`/vote/${ID}`)).text();
    expect(html).toContain('name="o.q1"');
    expect(html).toContain('maxlength="500"');
    expect(html).not.toContain('name="o.q2"');
    expect(html).toContain('Ý kiến đã gửi được giữ lại (ẩn danh), kể cả khi hộ biểu quyết lại.');
    const en = await (await app.request(`/vote/${ID}?lang=en`)).text();
    expect(en).toContain('An opinion once sent stays (anonymously)');
  });

  it('is shown on the review step and carried to the cast, which keeps it apart from the ballot', async () => {
    const { core, post } = await pages();
    const fields = { code: CODE, 'a.q1': 'abstain', 'o.q1': ' Nên lắp <b>đèn</b> ở cầu ' };
    const review = await post('review', fields);
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('Ý kiến khác của hộ: <q>Nên lắp &lt;b&gt;đèn&lt;/b&gt; ở cầu</q>');
    expect(html).toContain('<input type="hidden" name="o.q1" value="Nên lắp &lt;b&gt;đèn&lt;/b&gt; ở cầu"/>');
    const cast = await post('cast', { code: CODE, 'a.q1': 'abstain', 'o.q1': 'Nên lắp <b>đèn</b> ở cầu' });
    expect(cast.status).toBe(200);
    expect((await core.store.listOpinions(ID)).map((o) => o.text)).toEqual(['Nên lắp <b>đèn</b> ở cầu']);
  });

  it('is refused with the ballot when the answer is not the other opinion, or too long, and kept in the form', async () => {
    const { core, post } = await pages();
    const wrong = await post('cast', { code: CODE, 'a.q1': 'yes', 'o.q1': 'Đồng ý, nhưng...' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('Ý kiến khác chỉ ghi khi chọn «Ý kiến khác»');
    expect(html).toContain('Đồng ý, nhưng...</textarea>');
    const long = await post('review', { code: CODE, 'a.q1': 'abstain', 'o.q1': 'a'.repeat(501) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Ý kiến khác dài tối đa 500 ký tự');
    expect(await core.store.householdVoted(ID, 'H-1')).toEqual({ voted: false });
    expect(await core.store.listOpinions(ID)).toEqual([]);
  });

  it('is read from the form in NFC, trimmed, blank ones left out', () => {
    const nfd = 'Ý kiến'.normalize('NFD');
    const input = readBallotForm(consultation.questions, new URLSearchParams({ code: CODE, 'a.q1': 'abstain', 'o.q1': ` ${nfd} `, 'o.q2': 'x' }));
    expect(input.ballot?.opinions).toEqual({ q1: 'Ý kiến' });
    const blank = readBallotForm(consultation.questions, new URLSearchParams({ code: CODE, 'a.q1': 'no', 'o.q1': '  ' }));
    expect(blank.problems).toEqual([]);
    expect(blank.ballot?.opinions).toBeUndefined();
  });
});
