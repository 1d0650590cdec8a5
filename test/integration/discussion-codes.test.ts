/**
 * Discussion codes: during disclosure there are no voting codes yet, so an official issues one discussion code per
 * household, once. A household comments with it during disclosure; it never opens a ballot, and once voting opens
 * the household's voting code works for comments too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlineConsultation, recordOnlineConditions, rollCsv, roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

describe('discussion codes during disclosure', () => {
  let s: Sys;
  let official = '';

  beforeAll(async () => {
    s = await testSystem('discussion-codes');
    official = await s.token('official');
  });
  afterAll(() => s.cleanup());

  const disclosed = async (n = 3, body: unknown = roadConsultation()) => {
    const created = await s.call('POST', '/api/consultations', { token: official, body });
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(n), type: 'text/csv' })).status).toBe(200);
    return id;
  };
  const issue = (id: string, token = official) => s.call('POST', `/api/consultations/${id}/discussion-codes`, { token });
  const comment = (id: string, code: string, text = 'Xin hỏi đường rộng bao nhiêu mét?') =>
    s.call('POST', `/api/consultations/${id}/comments`, { body: { code, text } });

  it('are issued once, during disclosure only, by the commune’s official, and sign comments by roll id', async () => {
    const id = await disclosed();
    expect((await issue(id)).status).toBe(409); // still a draft
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    expect((await issue(id, await s.token('other'))).status).toBe(403);

    const issued = await issue(id);
    expect(issued.status).toBe(200);
    const codes = issued.json.credentials as Array<{ household: string; hamlet: string; code: string }>;
    expect(codes.map((c) => c.household)).toEqual(['H-001', 'H-002', 'H-003']);
    expect(new Set(codes.map((c) => c.code)).size).toBe(3);
    expect((await issue(id)).status).toBe(409);

    const r = await comment(id, codes[1]!.code);
    expect(r.status).toBe(201);
    expect(r.json.rollId).toBe('H-002');
    expect((await comment(id, 'ABCD-EFGH-JKMN-PQRS')).status).toBe(401);

    // Only the hashes are stored: no code appears in the audit log, which records the issue.
    const log = (await s.call('GET', `/api/consultations/${id}/audit`, { token: await s.token('monitor') })).json as Array<{ action: string; data: unknown }>;
    const event = log.find((e) => e.action === 'discussion_codes_issued')!;
    expect(event.data).toEqual({ households: 3 });
    expect(JSON.stringify(log)).not.toContain(codes[0]!.code);

    // The public disclosure page counts it.
    const page = new TextDecoder().decode((await s.core.publisher.get(`c/${id}/index.html`))!);
    expect(page).toContain('<strong data-count="comments">1</strong>');
  });

  it('never open a ballot; once voting opens the voting code signs comments too', async () => {
    // Voting codes belong to an online round, opened once the Decree 59/2023 Art. 5 conditions are recorded.
    const id = await disclosed(2, onlineConsultation());
    await s.call('POST', `/api/consultations/${id}/disclose`, { token: official });
    await recordOnlineConditions(s.call, official, id, 2);
    const discussion = (await issue(id)).json.credentials as Array<{ household: string; code: string }>;
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    const voting = opened.json.credentials as Array<{ household: string; code: string }>;

    const ballot = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: discussion[0]!.code, answers: { q1: 'yes' } } });
    expect(ballot.status).toBe(401);
    expect((await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: voting[0]!.code, answers: { q1: 'yes' } } })).status).toBe(201);

    expect((await comment(id, voting[1]!.code, 'Bao giờ khởi công?')).json.rollId).toBe('H-002');
    expect((await comment(id, discussion[0]!.code, 'Mã thảo luận vẫn dùng được để góp ý.')).json.rollId).toBe('H-001');
  });

  it('stop signing comments for a household the roll no longer has, while the others keep working', async () => {
    const id = await disclosed(3);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    const codes = Object.fromEntries(((await issue(id)).json.credentials as Array<{ household: string; code: string }>).map((c) => [c.household, c.code]));
    expect((await comment(id, codes['H-003']!, 'Trước khi sửa danh sách.')).status).toBe(201);

    // The roll is corrected during disclosure: H-003 is no longer on it.
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(2), type: 'text/csv' })).status).toBe(200);
    const removed = await comment(id, codes['H-003']!, 'Sau khi bị bỏ khỏi danh sách.');
    expect(removed.status).toBe(401);
    expect(removed.json.error.code).toBe('invalid_code');
    expect((await comment(id, codes['H-001']!, 'Hộ vẫn trong danh sách.')).json.rollId).toBe('H-001');

    // An upload that puts the household back gives its code back; voting opened on a roll without it refuses it for good.
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    expect((await comment(id, codes['H-003']!, 'Đã có lại trong danh sách.')).json.rollId).toBe('H-003');
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(2), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
    expect((await comment(id, codes['H-003']!, 'Trong khi biểu quyết.')).status).toBe(401);
    expect((await comment(id, codes['H-002']!, 'Trong khi biểu quyết.')).json.rollId).toBe('H-002');

    // The public view holds the comment from before the correction, and none after it.
    const listed = (await s.call('GET', `/api/consultations/${id}/comments`)).json as { threads: Array<{ comment: { rollId?: string; text?: string } }> };
    expect(listed.threads.filter((t) => t.comment.rollId === 'H-003').map((t) => t.comment.text)).toEqual([
      'Đã có lại trong danh sách.',
      'Trước khi sửa danh sách.',
    ]);
  });

  it('are issued from the officials’ moderation page and shown once, with no name', async () => {
    const id = await disclosed(2);
    await s.call('POST', `/api/consultations/${id}/disclose`, { token: official });
    const headers = { cookie: `danban_session=${official}`, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' };
    const before = await (await s.app.request(`/officials/c/${id}/discussion`, { headers })).text();
    expect(before).toContain(`action="/officials/c/${id}/discussion/codes"`);
    const res = await s.app.request(`/officials/c/${id}/discussion/codes`, { method: 'POST', headers, body: '' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/<td class="mono">[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}<\/td>/g)).toHaveLength(2);
    expect(html).not.toContain('Chủ hộ');
    expect((await s.app.request(`/officials/c/${id}/discussion/codes`, { method: 'POST', headers, body: '' })).status).toBe(409);
  });
});
