import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/dynamo-table.ts';
import { encodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onlineConsultation, recordOnlineConditions, rollCsv, roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

describe('the states of a consultation through the API', () => {
  let s: Sys;
  let official: string;
  beforeAll(async () => {
    s = await testSystem('lifecycle');
    official = await s.token('official');
  });
  afterAll(() => s.cleanup());

  const create = async () => (await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() })).json.id as string;
  /** An online round (voting codes), its roll uploaded when given, and the Decree 59/2023 Art. 5 conditions recorded. */
  const createOnline = async (body: unknown = onlineConsultation(), roll?: string) => {
    const id = (await s.call('POST', '/api/consultations', { token: official, body })).json.id as string;
    if (roll !== undefined) await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: roll, type: 'text/csv' });
    return id;
  };
  const conditions = (id: string, households: number) => recordOnlineConditions(s.call, official, id, households);

  it('edits a draft, and refuses edits once it is disclosed', async () => {
    const id = await create();
    const edited = await s.call('PUT', `/api/consultations/${id}`, { token: official, body: { ...roadConsultation(), title: 'Đường thôn, bản sửa' } });
    expect(edited.status).toBe(200);
    expect(edited.json.title).toBe('Đường thôn, bản sửa');
    // Not with an empty roll: the notice names who is asked.
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(409);
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    const late = await s.call('PUT', `/api/consultations/${id}`, { token: official, body: roadConsultation() });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('wrong_state');
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: official });
    expect(audit.json.map((e: { action: string }) => e.action)).toEqual(['created', 'edited', 'roll_uploaded', 'disclosed']);
  });

  it('cancels a draft, after which nothing opens it', async () => {
    const id = await create();
    expect((await s.call('POST', `/api/consultations/${id}/cancel`, { token: official })).json.state).toBe('cancelled');
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(409);
    expect((await s.call('POST', `/api/consultations/${id}/cancel`, { token: official })).status).toBe(409);
  });

  it('refuses to open with an empty roll, to close a draft, and to countersign before publication', async () => {
    const id = await create();
    const open = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(open.status).toBe(409);
    expect(open.json.error.code).toBe('wrong_state');
    expect((await s.call('POST', `/api/consultations/${id}/close`, { token: official })).status).toBe(409);
    const monitor = await s.token('monitor');
    const att = await s.call('POST', `/api/consultations/${id}/attestations`, { token: monitor, body: 'a.b.c', type: 'application/jose' });
    expect(att.status).toBe(409);
  });

  it('answers unknown ids and malformed receipts with 404', async () => {
    expect((await s.call('GET', '/api/consultations/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await s.call('GET', '/api/consultations/not-an-id')).status).toBe(404);
    const id = await createOnline();
    expect((await s.call('GET', `/api/consultations/${id}/receipts/xyz`)).status).toBe(404);
    expect((await s.call('POST', `/api/consultations/${id}/credentials/H-001/reissue`, { token: official })).status).toBe(409);
  });

  it('refuses a reissue for a household not on the frozen roll', async () => {
    const id = await createOnline();
    await s.call('PUT', `/api/consultations/${id}/roll`, {
      token: official,
      body: { households: [{ id: 'H-1', hamlet: 'Thôn A', head: 'Lê Văn A', members: 3, category: 'standard' }] },
    });
    await conditions(id, 1);
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token: official })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/credentials/H-1/reissue`, { token: official })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/credentials/H-2/reissue`, { token: official })).status).toBe(404);
  });

  it('takes the roll as JSON and refuses duplicate ids in it', async () => {
    const id = await create();
    const h = { id: 'H-1', hamlet: 'Thôn A', head: 'Lê Văn A', members: 3, category: 'standard' };
    const dup = await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: { households: [h, h] } });
    expect(dup.status).toBe(400);
    expect(dup.json.error.details[0].path).toBe('households.1.id');
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: { households: [h] } })).json.count).toBe(1);
  });

  it('closes by itself at closesAt and publishes the result', async () => {
    const now = new Date();
    const body = { ...onlineConsultation(now), closesAt: `${new Date(now.getTime() + 3000).toISOString().slice(0, 19)}Z` };
    const id = await createOnline(body, rollCsv(3));
    await conditions(id, 3);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect((await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: opened.json.credentials[0].code, answers: { q1: 'yes' } } })).status).toBe(
      201,
    );
    let state = '';
    for (let i = 0; i < 40 && state !== 'published'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      state = (await s.call('GET', `/api/consultations/${id}`)).json.state;
    }
    expect(state).toBe('published');
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: official });
    const closed = audit.json.find((e: { action: string }) => e.action === 'closed');
    expect(closed.actor).toEqual({ role: 'system', id: 'scheduler' });
    expect(closed.data.reason).toBe('scheduled');
  });

  it('takes approval answers in any order and stores them sorted', async () => {
    const body = {
      ...onlineConsultation(),
      matter: 'opinion',
      questions: [
        {
          id: 'q1',
          type: 'approval',
          text: 'Chọn hạng mục ưu tiên',
          options: [
            { id: 'cong', label: 'Cống' },
            { id: 'den', label: 'Đèn' },
            { id: 'duong', label: 'Đường' },
          ],
          rule: { base: 'plurality' },
          max: 2,
        },
      ],
    };
    const id = await createOnline(body, rollCsv(2));
    await conditions(id, 2);
    const codes = (await s.call('POST', `/api/consultations/${id}/open`, { token: official })).json.credentials;
    const r = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes[0].code, answers: { q1: ['duong', 'cong'] } } });
    expect(r.status).toBe(201);
    const dup = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes[1].code, answers: { q1: ['den', 'den'] } } });
    expect(dup.status).toBe(400);
    await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    const ballots = JSON.parse(readFileSync(join(s.dataDir, 'site', 'c', id, 'ballots.json'), 'utf8'));
    expect(ballots.ballots[0].answers).toEqual({ q1: ['cong', 'duong'] });
  });

  it('refuses online ballots in a meeting round: the counting committee enters them', async () => {
    const id = (await s.call('POST', '/api/consultations', { token: official, body: { ...roadConsultation(), method: 'meeting' } })).json.id as string;
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    // A meeting issues no voting codes, and no code stands in for its slips.
    expect(opened.json.credentials).toBeUndefined();
    const online = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: 'ABCD-EFGH-JKMN-PQRS', answers: { q1: 'yes' } } });
    expect(online.status).toBe(409);
    expect(online.json.error.code).toBe('channel_not_allowed');
    expect((await s.call('POST', `/api/consultations/${id}/attendance`, { token: official, body: { household: 'H-001' } })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/voting-method`, { token: official, body: { voting: 'secret_ballot' } })).status).toBe(201);
    // The counting committee enters each slip by its serial, never by household.
    const byHousehold = await s.call('POST', `/api/consultations/${id}/paper-ballots`, {
      token: official,
      body: { household: 'H-001', answers: { q1: 'yes' } },
    });
    expect(byHousehold.status).toBe(400);
    const paper = await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { serial: 'S-1', answers: { q1: 'yes' } } });
    expect(paper.status).toBe(201);
  });

  it('refuses ballots before opensAt', async () => {
    const now = new Date();
    const body = { ...onlineConsultation(now), opensAt: `${new Date(now.getTime() + 3600_000).toISOString().slice(0, 19)}Z` };
    const id = await createOnline(body, rollCsv(2));
    await conditions(id, 2);
    const codes = (await s.call('POST', `/api/consultations/${id}/open`, { token: official })).json.credentials;
    const early = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes[0].code, answers: { q1: 'yes' } } });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('not_open');
    // Says from when, to the resident's page, the paper entry and the official's page alike.
    expect(early.json.error.details).toEqual([{ path: 'opensAt', message: body.opensAt }]);
    const paper = await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: 'H-002', answers: { q1: 'yes' } } });
    expect(paper.status).toBe(409);
    expect(paper.json.error.details).toEqual([{ path: 'opensAt', message: body.opensAt }]);
    const ballotPage = await (await s.app.request(`/vote/${id}`)).text();
    expect(ballotPage).toContain('Chưa đến giờ biểu quyết');
    expect(ballotPage).not.toContain('id="ballot"');
    const officials = await (await s.app.request(`/officials/c/${id}`, { headers: { cookie: `danban_session=${official}` } })).text();
    expect(officials).toContain('id="not-yet"');
  });

  it('freezes exactly the last uploaded roll, and clears households left over from an earlier opening attempt', async () => {
    const id = await createOnline();
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(5), type: 'text/csv' });
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' });
    await conditions(id, 3);
    // A slot as a failed opening could have left it, for a household no longer on the roll.
    const doc = DynamoDBDocumentClient.from(s.client);
    await doc.send(new PutCommand({ TableName: s.tableName, Item: { ...keys.slot(id, 'H-005'), credHash: 'f'.repeat(64), ver: 0 } }));
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.json.credentials.map((c: { household: string }) => c.household)).toEqual(['H-001', 'H-002', 'H-003']);
    const stale = await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: 'H-005', answers: { q1: 'yes' } } });
    expect(stale.status).toBe(404);
  });

  it('refuses an attestation whose payload is not canonical JSON, which would break verification', async () => {
    const id = await create();
    await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(2), type: 'text/csv' });
    await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    await s.call('POST', `/api/consultations/${id}/close`, { token: official });
    const manifest = sha256Hex(new Uint8Array(readFileSync(join(s.dataDir, 'site', 'c', id, 'result.json'))));
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const pub = { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! };
    const payload = JSON.stringify(
      { consultationId: id, manifest, monitor: { name: 'A', organisation: 'B' }, statement: 'verified', at: '2026-11-23T08:00:00Z' },
      null,
      2,
    );
    const jws = await encodeJws(
      { alg: 'ES256', kid: jwkThumbprint(pub), typ: 'attestation+jws', jwk: pub },
      new TextEncoder().encode(payload),
      async (input) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input)),
    );
    const r = await s.call('POST', `/api/consultations/${id}/attestations`, { token: await s.token('monitor'), body: jws, type: 'application/jose' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_attestation');
  });

  it('never redirects the static site to another host', async () => {
    const res = await s.app.request('/%2F%2Fevil.example%2F..%2Fkeys');
    const location = res.headers.get('location');
    if (location !== null) expect(location.startsWith('//')).toBe(false);
    expect(res.status === 301 || res.status === 404).toBe(true);
  });
});
