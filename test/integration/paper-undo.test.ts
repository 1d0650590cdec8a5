import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localJwks, tokenVerifier } from '../../functions/adapters/token-verifier.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { officialPages } from '../../functions/http/officials/index.ts';
import { LOCAL_ISSUER } from '../../functions/local/issuer.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

function bundleFiles(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir))
    if (!name.endsWith('.html') && name !== 'attestations' && name !== 'contributions') files[name] = new Uint8Array(readFileSync(join(dir, name)));
  return files;
}

describe('undoing the last paper entry, and the warning before entering for a household that voted', () => {
  let s: Sys;
  let official: string;
  let id: string;
  let pages: Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>;
  const codes = new Map<string, string>();
  let onlineReceipt = '';

  const paper = (household: string, answer = 'no') =>
    s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household, answers: { q1: answer } } });
  const withdraw = (receipt: string, household: string, token = official) =>
    s.call('POST', `/api/consultations/${id}/paper-ballots/${receipt}/withdraw`, { token, body: { household } });
  const status = async (receipt: string) => (await s.call('GET', `/api/consultations/${id}/receipts/${receipt}`)).json.status;
  const counts = async () => (await s.call('GET', `/api/consultations/${id}`, { token: official })).json.counts;
  const post = async (path: string, body: string) => {
    const res = await pages.request(path, {
      method: 'POST',
      headers: { cookie: `danban_session=${official}`, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { status: res.status, html: await res.text() };
  };
  const hidden = (html: string, name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];

  beforeAll(async () => {
    s = await testSystem('paper-undo');
    official = await s.token('official');
    pages = new Hono<{ Variables: { principal: Principal | undefined; requestId: string } }>().route(
      '/',
      officialPages({
        core: s.core,
        verifyToken: tokenVerifier({ jwks: localJwks(s.issuer.jwks), issuer: LOCAL_ISSUER }),
        login: (u, p) => s.issuer.login(u, p),
      }),
    );
    // Paper entries for a household belong to an online round, opened once its conditions are recorded.
    id = (await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation(new Date(Date.now() - 60_000)) })).json.id;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(8), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, official, id, 8);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    for (const k of opened.json.credentials as Array<{ household: string; code: string }>) codes.set(k.household, k.code);
  });
  afterAll(() => s.cleanup());

  it('restores the online ballot a paper entry replaced, with the turnout and the audit log', async () => {
    const online = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes.get('H-001'), answers: { q1: 'yes' } } });
    expect(online.status).toBe(201);
    onlineReceipt = online.json.receipt;
    const entered = await paper('H-001');
    expect(entered.status).toBe(201);
    expect(entered.json.replaced).toBe(true);
    expect(await status(onlineReceipt)).toBe('replaced');
    expect((await counts()).byChannel).toEqual({ online: 0, paper: 1, meeting: 0 });

    const r = await withdraw(entered.json.receipt, 'H-001');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ withdrawn: true, restored: true });
    expect(await status(onlineReceipt)).toBe('counted');
    expect(await status(entered.json.receipt)).toBe('replaced');
    expect(await counts()).toMatchObject({ participants: 1, byChannel: { online: 1, paper: 0, meeting: 0 } });

    const audit = (await s.call('GET', `/api/consultations/${id}/audit`, { token: await s.token('monitor') })).json as Array<{
      action: string;
      data: Record<string, unknown>;
    }>;
    const paperEvents = audit.filter((e) => e.action.startsWith('paper_ballot_'));
    expect(paperEvents.map((e) => [e.action, e.data])).toEqual([
      // The entry says it replaced the household's online ballot.
      ['paper_ballot_entered', { household: 'H-001', channel: 'paper', replaced: true, previousChannel: 'online' }],
      ['paper_ballot_withdrawn', { household: 'H-001', channel: 'paper' }],
    ]);
    // Undone once: the entry is no longer the household's ballot.
    const again = await withdraw(entered.json.receipt, 'H-001');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('busy');
  });

  it('leaves a household that had no earlier ballot not participating', async () => {
    const entered = await paper('H-002', 'yes');
    expect((await counts()).participants).toBe(2);
    const r = await withdraw(entered.json.receipt, 'H-002');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ withdrawn: true, restored: false });
    expect(await counts()).toMatchObject({ participants: 1, byChannel: { online: 1, paper: 0, meeting: 0 } });
    expect(await status(entered.json.receipt)).toBe('replaced');
  });

  it('refuses to undo an entry that a later entry replaced (409), and another commune’s official (403)', async () => {
    const first = await paper('H-003', 'yes');
    const second = await paper('H-003', 'no');
    expect(second.json.replaced).toBe(true);
    const stale = await withdraw(first.json.receipt, 'H-003');
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('busy');
    expect((await withdraw(second.json.receipt, 'H-003', await s.token('other'))).status).toBe(403);
    expect((await withdraw(second.json.receipt, 'H-999')).status).toBe(404);
    expect(await status(second.json.receipt)).toBe('counted');
    // Undoing the later entry brings back the earlier paper one.
    const r = await withdraw(second.json.receipt, 'H-003');
    expect(r.json).toEqual({ withdrawn: true, restored: true });
    expect(await status(first.json.receipt)).toBe('counted');
    expect(await counts()).toMatchObject({ participants: 2, byChannel: { online: 1, paper: 1, meeting: 0 } });
  });

  it('warns before a paper entry for a household that voted, not for one that did not, and undoes from the page', async () => {
    // H-004 has not voted: Enter records at once, and the page offers the undo.
    const fresh = await post(`/officials/c/${id}/paper`, 'entered=0&household=H-004&a.q1=1');
    expect(fresh.status).toBe(200);
    expect(fresh.html).not.toContain('id="already-voted"');
    expect(fresh.html).toContain('Đã ghi phiếu của hộ H-004.');
    expect(fresh.html).toContain('Hoàn tác phiếu vừa nhập');
    expect((await counts()).participants).toBe(3);
    const undo = await post(
      `/officials/c/${id}/paper/undo`,
      `entered=${hidden(fresh.html, 'entered')}&household=H-004&receipt=${hidden(fresh.html, 'receipt')}`,
    );
    expect(undo.status).toBe(200);
    expect(undo.html).toContain('Đã hoàn tác phiếu vừa nhập của hộ H-004.');
    expect(undo.html).toContain('Hộ này hiện chưa biểu quyết.');
    expect(undo.html).toContain('Đã nhập ở màn hình này: 0 phiếu.');
    expect((await counts()).participants).toBe(2);

    // H-001 voted online: the first Enter only warns, keeping the answers; the second records.
    const warned = await post(`/officials/c/${id}/paper`, 'entered=0&household=H-001&a.q1=2');
    expect(warned.status).toBe(200);
    expect(warned.html).toContain('Hộ H-001 đã biểu quyết (trực tuyến). Phiếu giấy sẽ thay thế phiếu trước. Nhấn Enter lần nữa để xác nhận.');
    expect(warned.html).not.toContain('Đã ghi phiếu');
    expect(warned.html).toMatch(/name="a.q1"[^>]* value="2"/);
    expect(hidden(warned.html, 'confirm')).toBe('1');
    expect((await counts()).byChannel).toEqual({ online: 1, paper: 1, meeting: 0 });
    const confirmed = await post(`/officials/c/${id}/paper`, `entered=0&household=H-001&a.q1=2&confirm=1&confirmFor=${hidden(warned.html, 'confirmFor')}`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('Đã ghi phiếu của hộ H-001.');
    expect((await counts()).byChannel).toEqual({ online: 0, paper: 2, meeting: 0 });
    // A confirmation for another household does not skip the warning.
    const other = await post(`/officials/c/${id}/paper`, 'entered=1&household=H-003&a.q1=1&confirm=1&confirmFor=H-001');
    expect(other.html).toContain('Hộ H-003 đã biểu quyết (phiếu giấy).');
    expect(other.html).not.toContain('Đã ghi phiếu');

    const back = await post(`/officials/c/${id}/paper/undo`, `entered=1&household=H-001&receipt=${hidden(confirmed.html, 'receipt')}`);
    expect(back.status).toBe(200);
    expect(back.html).toContain('Phiếu trước đó của hộ (trực tuyến) được tính lại.');
    expect(await status(onlineReceipt)).toBe('counted');
    const twice = await post(`/officials/c/${id}/paper/undo`, `entered=1&household=H-001&receipt=${hidden(confirmed.html, 'receipt')}`);
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('không còn là phiếu hiện tại của hộ');
  });

  it('publishes a bundle with the restored online ballot, never a withdrawn one, that verifies', async () => {
    const closed = await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(closed.status).toBe(200);
    const dir = join(s.dataDir, 'site', 'c', id);
    const pem = readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8');
    const report = await verifyBundle(bundleFiles(dir), { pinned: pem }, { receipt: onlineReceipt });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.inclusion?.receipt).toBe(onlineReceipt);
    const ballots = JSON.parse(readFileSync(join(dir, 'ballots.json'), 'utf8'));
    const list = (Array.isArray(ballots) ? ballots : ballots.ballots) as Array<Record<string, unknown>>;
    expect(list.map((b) => b.receipt)).toContain(onlineReceipt);
    expect(list).toHaveLength(2);
    for (const b of list) expect(Object.keys(b).sort()).toEqual(['answers', 'nonce', 'receipt']);
    const manifest = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(manifest.participants).toEqual({ count: 2, byChannel: { online: 1, paper: 1, meeting: 0 } });
  });
});
