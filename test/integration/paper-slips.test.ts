/**
 * A household-ballot round and a meeting by show of hands on DynamoDB Local, through the API: the slips' serials at
 * opening (no codes), returns ticked off, slips entered by serial (a second entry of one serial refused, even at the
 * same moment), the close refused until the slips are reconciled, and a published bundle with the serials that the
 * verifier accepts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { recordBallotConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

function bundleFiles(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir)) if (/\.(json|jsonl|jws)$/.test(name)) files[name] = new Uint8Array(readFileSync(join(dir, name)));
  return files;
}

function opinionRound(method: 'household_ballot' | 'meeting'): ConsultationInput {
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  const now = new Date();
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'opinion',
    method,
    title: 'Lấy ý kiến về giờ mở cửa nhà văn hóa',
    description: 'Mở cửa nhà văn hóa đến 21 giờ.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + 24 * 3600_000)),
    questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý mở cửa đến 21 giờ?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
  };
}

describe('paper slips by serial and a show of hands', () => {
  let s: Sys;
  let official = '';

  async function opened(method: 'household_ballot' | 'meeting', households: number) {
    const created = await s.call('POST', '/api/consultations', { token: official, body: opinionRound(method) });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(households), type: 'text/csv' })).status).toBe(200);
    if (method === 'household_ballot') await recordBallotConditions(s.call, official, id);
    const open = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(open.status).toBe(200);
    return { id, open: open.json };
  }
  const post = (path: string, body: unknown) => s.call('POST', path, { token: official, body });

  beforeAll(async () => {
    s = await testSystem('paper-slips');
    official = await s.token('official');
  });
  afterAll(() => s.cleanup());

  it('runs a household-ballot round from the serials to a verified bundle', async () => {
    const { id, open } = await opened('household_ballot', 5);
    expect(open.state).toBe('voting');
    expect(open.credentials).toBeUndefined();
    const serials = open.serials as string[];
    expect(serials).toHaveLength(5);
    expect(new Set(serials).size).toBe(5);
    for (const serial of serials) expect(serial).toMatch(/^[0-9A-Z-]{1,32}$/);

    // No online channel: a code cannot stand in for the slip.
    const online = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: 'ABCD-EFGH-JK', answers: { q1: 'yes' } } });
    expect(online.status).toBe(409);
    expect(online.json.error.code).toBe('channel_not_allowed');

    for (const h of ['H-001', 'H-002', 'H-003', 'H-004']) expect((await post(`/api/consultations/${id}/returns`, { household: h })).status).toBe(201);
    const twice = await post(`/api/consultations/${id}/returns`, { household: 'H-001' });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('already_returned');
    expect((await post(`/api/consultations/${id}/returns`, { household: 'H-999' })).status).toBe(404);

    const slip = (serial: string, answer: string) => post(`/api/consultations/${id}/paper-ballots`, { serial, answers: { q1: answer } });
    // Two officials entering the same serial at once: one slip, one 409.
    const race = await Promise.all([slip(serials[0]!, 'yes'), slip(serials[0]!, 'no')]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(race.find((r) => r.status === 409)!.json.error.code).toBe('duplicate_serial');
    expect((await slip('NEVER-ISSUED', 'yes')).status).toBe(400);
    const receipt = (await slip(serials[1]!, 'yes')).json.receipt as string;
    expect((await slip(serials[2]!, 'no')).status).toBe(201);

    const early = await s.call('POST', `/api/consultations/${id}/close`, { token: official, headers: { 'accept-language': 'en' } });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('slips_unreconciled');
    expect(early.json.error.message).toContain('3 slips entered but 4 households');
    expect((await s.call('GET', `/api/consultations/${id}/slips`, { token: official })).json).toEqual({
      issued: 5,
      returned: 4,
      entered: 3,
      reconciled: false,
    });

    expect((await slip(serials[3]!, 'yes')).status).toBe(201);
    const closed = await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    expect(closed.status).toBe(200);
    const dir = join(s.dataDir, 'site', 'c', id);
    const ballots = JSON.parse(readFileSync(join(dir, 'ballots.json'), 'utf8')).ballots as Array<{ serial?: string }>;
    expect(ballots.map((b) => b.serial).sort()).toEqual(serials.slice(0, 4).sort());
    const participants = JSON.parse(readFileSync(join(dir, 'participants.json'), 'utf8'));
    expect(JSON.stringify(participants)).toContain('"paper"');
    expect(readFileSync(join(dir, 'ballots.json'), 'utf8')).not.toMatch(/H-0/);
    const pem = readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8');
    const report = await verifyBundle(bundleFiles(dir), { pinned: pem }, { receipt });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('holds a meeting by show of hands, with no codes and no slips', async () => {
    const { id, open } = await opened('meeting', 4);
    expect(open).toEqual({ state: 'voting' });
    for (const h of ['H-001', 'H-002', 'H-003']) expect((await post(`/api/consultations/${id}/attendance`, { household: h })).status).toBe(200);
    const status = await s.call('GET', `/api/consultations/${id}/meeting`, { token: official });
    expect(status.json).toMatchObject({ present: 3, eligible: 4, canReachThreshold: true });
    expect((await post(`/api/consultations/${id}/voting-method`, { voting: 'show_of_hands' })).status).toBe(201);
    expect((await post(`/api/consultations/${id}/voting-method`, { voting: 'secret_ballot' })).status).toBe(409);
    expect((await post(`/api/consultations/${id}/hand-count`, { counts: { q1: { yes: 3, no: 1 } } })).status).toBe(400);
    expect((await post(`/api/consultations/${id}/hand-count`, { counts: { q1: { yes: 2, no: 1 } } })).status).toBe(201);
    const last = await post(`/api/consultations/${id}/hand-count`, { counts: { q1: { yes: 3 } } });
    expect(last.json.handCount).toEqual({ q1: { yes: 3 } });
    expect((await post(`/api/consultations/${id}/paper-ballots`, { serial: 'M-1', answers: { q1: 'yes' } })).status).toBe(409);
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(200);
    const dir = join(s.dataDir, 'site', 'c', id);
    const manifest = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(manifest.participants).toEqual({ count: 3, byChannel: { online: 0, paper: 0, meeting: 3 } });
    expect(manifest.ballots.count).toBe(0);
    const pem = readFileSync(join(s.dataDir, 'site', 'keys', `${s.kid}.pem`), 'utf8');
    const report = await verifyBundle(bundleFiles(dir), { pinned: pem });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });
});
