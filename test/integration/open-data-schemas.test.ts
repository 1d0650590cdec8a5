/**
 * Every file the site publishes validates against its published JSON Schema, on DynamoDB Local end to end: a meeting
 * round (the road, a show of hands) with its decision and counting records, both officers' key signatures, a monitor's
 * countersignature and the contribution's schedule and ledger; a household-ballot round with the slips' serials and an
 * other opinion, audited by the monitors (audit/rla.json, rla.jws, draws.json); a commune round of three hamlets with
 * its aggregate. The site folder is walked: each .json file, each line of a .jsonl file and each .jws payload is
 * checked with a JSON Schema 2020-12 validator (ajv) against the schema the site serves under /schemas/, and a
 * published JSON file with no schema fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `default` is the plugin.
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../shared/bytes.ts';
import { jcsBytes } from '../../shared/jcs.ts';
import { decodeJws, encodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { DecisionRecord, RECORD_FILES, signMinutes, type MinutesRole } from '../../shared/minutes.ts';
import { OPEN_DATA_FILES, openDataFileOf } from '../../shared/open-data/catalogue.ts';
import { openDataSchemas, schemaId } from '../../shared/open-data/schemas.ts';
import type { ConsultationInput } from '../../shared/schemas.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { supplyTranslation } from '../../functions/core/translations.ts';
import { COUNTING, officerKey, RECORD } from '../support/record-round.ts';
import { COMMUNE, holdMeeting, recordBallotConditions, roadConsultation, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

/** Every file under `dir`, as site paths relative to it (`c/<id>/ballots.json`). */
function walk(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), root) : [relative(root, join(dir, e.name)).split(sep).join('/')],
  );
}

function householdBallot(): ConsultationInput {
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  const now = new Date();
  return {
    scope: { kind: 'hamlet', name: 'Thôn Thử Nghiệm' },
    matter: 'opinion',
    method: 'household_ballot',
    title: 'Lấy ý kiến về giờ mở cửa nhà văn hóa',
    description: 'Mở cửa nhà văn hóa đến 21 giờ.',
    opensAt: iso(now),
    closesAt: iso(new Date(now.getTime() + 24 * 3600_000)),
    questions: [{ id: 'q1', type: 'yes_no', text: 'Đồng ý mở cửa đến 21 giờ?', options: [], rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] } }],
  };
}

/** A monitor's countersignature of `manifestHash`, signed with a fresh key. */
async function attestation(consultationId: string, manifestHash: string): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const pub = { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! };
  const payload = {
    consultationId,
    manifest: manifestHash,
    monitor: { name: 'Trần Văn Bình', organisation: 'Ban Thanh tra nhân dân xã' },
    statement: 'verified',
    at: '2026-12-02T08:00:00Z',
  };
  return encodeJws(
    { alg: 'ES256', kid: jwkThumbprint(pub), typ: 'attestation+jws', jwk: pub },
    jcsBytes(payload),
    async (input) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, input)),
  );
}

describe('every published file against its published JSON Schema', () => {
  let s: Sys;
  let official = '';
  let site = '';
  const ids = { meeting: '', ballot: '', group: '' };

  const ok = <R extends { status: number; text: string }>(r: R, ...statuses: number[]): R => {
    expect(statuses, `${r.status}: ${r.text}`).toContain(r.status);
    return r;
  };

  async function meetingRound(): Promise<string> {
    const monitor = await s.token('monitor');
    const id = ok(await s.call('POST', '/api/consultations', { token: official, body: roadConsultation() }), 201).json.id as string;
    ok(await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' }), 200);
    ok(await s.call('POST', `/api/consultations/${id}/open`, { token: official }), 200);
    ok(await holdMeeting(s.call, official, id, ['H-001', 'H-002', 'H-003'], { q1: { yes: 3, no: 0, abstain: 0 } }), 200);
    ok(await s.call('POST', `/api/consultations/${id}/record/decision`, { token: official, body: RECORD }), 201);
    ok(await s.call('POST', `/api/consultations/${id}/record/counting`, { token: official, body: COUNTING }), 201);
    const record = DecisionRecord.parse(JSON.parse(fromUtf8((await s.core.publisher.get(`c/${id}/${RECORD_FILES.decision}`))!)));
    for (const role of ['village_head', 'front_head'] as MinutesRole[]) {
      const k = await officerKey();
      const jws = await signMinutes({ minutes: record, role, at: '2026-12-02T02:00:00Z', jwk: k.jwk }, k.sign);
      ok(await s.call('POST', `/api/consultations/${id}/record/signatures`, { token: role === 'front_head' ? monitor : official, body: { jws } }), 201);
    }
    for (const entry of [
      { type: 'collection', rollId: 'H-002', amount: 300_000, date: '2027-01-05', receiptNo: '0001' },
      { type: 'spending', amount: 250_000, date: '2027-01-06', purpose: 'Mua xi măng' },
    ])
      ok(await s.call('POST', `/api/consultations/${id}/contributions/entries`, { token: official, body: entry }), 201);
    const result = readFileSync(join(site, 'c', id, 'result.jws'), 'utf8').trim();
    const att = await attestation(id, sha256Hex(decodeJws(result).payloadBytes));
    ok(await s.call('POST', `/api/consultations/${id}/attestations`, { token: monitor, body: att, type: 'application/jose' }), 201);
    return id;
  }

  async function ballotRound(): Promise<string> {
    const id = ok(await s.call('POST', '/api/consultations', { token: official, body: householdBallot() }), 201).json.id as string;
    ok(await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(4), type: 'text/csv' }), 200);
    // The commune's own translation, supplied while a draft: published as `translations/km.json`.
    const khmer = {
      format: 'translation/1',
      consultationId: id,
      language: { tag: 'km', name: 'Tiếng Khmer' },
      title: 'ម៉ោងបើកសាលាវប្បធម៌',
      description: 'បើកសាលាវប្បធម៌រហូតដល់ម៉ោង ២១។',
      questions: [{ id: 'q1', text: 'យល់ព្រមបើករហូតដល់ម៉ោង ២១?', options: [] }],
    };
    await supplyTranslation(s.core, { sub: 'open-data-official', role: 'official', commune: COMMUNE }, id, {
      bytes: new TextEncoder().encode(JSON.stringify(khmer)),
      name: 'khmer.json',
    });
    await recordBallotConditions(s.call, official, id);
    const serials = ok(await s.call('POST', `/api/consultations/${id}/open`, { token: official }), 200).json.serials as string[];
    for (const h of ['H-001', 'H-002', 'H-003']) ok(await s.call('POST', `/api/consultations/${id}/returns`, { token: official, body: { household: h } }), 201);
    const slip = async (serial: string, body: Record<string, unknown>) =>
      ok(await s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { serial, ...body } }), 201);
    await slip(serials[0]!, { answers: { q1: 'yes' } });
    await slip(serials[1]!, { answers: { q1: 'no' } });
    await slip(serials[2]!, { answers: { q1: 'abstain' }, opinions: { q1: 'Nên mở cửa cả ngày chủ nhật.' } });
    ok(await s.call('POST', `/api/consultations/${id}/close`, { token: official }), 200);
    await audit(
      id,
      new Map([
        [serials[0]!, 'yes'],
        [serials[1]!, 'no'],
        [serials[2]!, 'abstain'],
      ]),
    );
    return id;
  }

  /** The monitors' risk-limiting audit of a published paper round: two seed entries, every listed slip read as entered, concluded. */
  async function audit(id: string, paper: Map<string, string>): Promise<void> {
    const first = await s.token('monitor');
    const second = await s.issuer.issue({ sub: 'monitor-second', role: 'monitor', commune: COMMUNE });
    ok(await s.call('POST', `/api/consultations/${id}/rla/seed`, { token: first, body: { digits: '3905718264' } }), 201);
    let state = ok(await s.call('POST', `/api/consultations/${id}/rla/seed`, { token: second, body: { digits: '1742093865' } }), 201).json;
    for (let k = 1; k <= state.draws.length && state.conclusion !== 'confirmed'; k++) {
      const answers = { q1: paper.get(state.draws[k - 1].serial)! };
      state = ok(await s.call('POST', `/api/consultations/${id}/rla/readings`, { token: first, body: { k, answers } }), 201).json;
    }
    ok(await s.call('POST', `/api/consultations/${id}/rla/conclude`, { token: first }), 200);
  }

  async function communeRound(): Promise<string> {
    const consultation = { ...roadConsultation(), scope: { kind: 'commune', name: 'Xã Thử Nghiệm' } };
    const created = ok(
      await s.call('POST', '/api/groups', { token: official, body: { consultation, hamlets: ['Thôn Thượng', 'Thôn Trung', 'Thôn Hạ'] } }),
      201,
    );
    const rounds: Array<{ consultationId: string }> = created.json.rounds;
    for (const [i, r] of rounds.entries()) {
      const id = r.consultationId;
      ok(await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' }), 200);
      ok(await s.call('POST', `/api/consultations/${id}/open`, { token: official }), 200);
      const yes = [3, 0, 2][i]!;
      ok(await holdMeeting(s.call, official, id, ['H-001', 'H-002', 'H-003'], { q1: { yes, no: 3 - yes, abstain: 0 } }), 200);
    }
    return created.json.groupId as string;
  }

  beforeAll(async () => {
    s = await testSystem('open-data-schemas');
    official = await s.token('official');
    site = join(s.dataDir, 'site');
    ids.meeting = await meetingRound();
    ids.ballot = await ballotRound();
    ids.group = await communeRound();
  }, 120_000);
  afterAll(() => s?.cleanup());

  it('serves the schemas under /schemas/ and the open-data page linked from the home page', async () => {
    const expected = openDataSchemas();
    for (const [path, doc] of Object.entries(expected)) {
      const res = await s.app.request(`/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toEqual(doc);
      expect(doc.$id).toBe(`/${path}`);
    }
    const schemaFiles = walk(site).filter((p) => p.startsWith('schemas/'));
    expect(schemaFiles.sort()).toEqual(Object.keys(expected).sort());
    const page = await s.app.request('/open-data.html');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const f of OPEN_DATA_FILES) expect(html).toContain(`href="schemas/${f.name}.schema.json"`);
    const home = await (await s.app.request('/')).text();
    expect(home).toContain('href="open-data.html"');
  });

  it('validates every published .json, every line of each .jsonl and every .jws payload, and finds none without a schema', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    for (const doc of Object.values(openDataSchemas())) ajv.addSchema(doc);
    // What the schemas are checked against: read back from the site, not from the generator.
    const served = (name: string) => JSON.parse(readFileSync(join(site, 'schemas', `${name}.schema.json`), 'utf8'));
    const validators = new Map(OPEN_DATA_FILES.map((f) => [f.name, new Ajv2020({ strict: true, allErrors: true }).compile(served(f.name))]));

    const files = walk(site).filter((p) => /\.(json|jsonl|jws)$/.test(p) && !p.startsWith('schemas/'));
    const withoutSchema: string[] = [];
    const failures: string[] = [];
    const seen = new Map<string, number>();
    for (const path of files) {
      const hit = openDataFileOf(path);
      if (!hit) {
        withoutSchema.push(path);
        continue;
      }
      const text = readFileSync(join(site, path), 'utf8');
      const documents =
        hit.encoding === 'jsonl'
          ? text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1)
          : [hit.encoding === 'jws' ? fromUtf8(decodeJws(text.trim()).payloadBytes) : text];
      const validate = validators.get(hit.file.name)!;
      documents.forEach((doc, i) => {
        if (!validate(JSON.parse(doc))) failures.push(`${path}${hit.encoding === 'jsonl' ? ` line ${i + 1}` : ''}: ${ajv.errorsText(validate.errors)}`);
        // Each schema is also registered by its $id, as a consumer resolving the published ids would.
        if (!ajv.validate(schemaId(hit.file.name), JSON.parse(doc))) failures.push(`${path} by $id: ${ajv.errorsText()}`);
      });
      seen.set(hit.file.name, (seen.get(hit.file.name) ?? 0) + documents.length);
    }
    expect(withoutSchema).toEqual([]);
    expect(failures).toEqual([]);
    // The rounds reach every kind of file the catalogue describes, each at least once.
    expect(OPEN_DATA_FILES.filter((f) => !seen.get(f.name)).map((f) => f.name)).toEqual([]);
    expect(files).toContain(`c/${ids.ballot}/opinions.json`);
    expect(files).toContain(`g/${ids.group}/aggregate.json`);
    expect(files).toContain(`c/${ids.meeting}/contributions/ledger.jsonl`);
    for (const f of ['rla.json', 'rla.jws', 'draws.json']) expect(files).toContain(`c/${ids.ballot}/audit/${f}`);
  });

  it('the household-ballot round published its slips with their serials, which the schema requires to be well formed', () => {
    const ballots = JSON.parse(readFileSync(join(site, 'c', ids.ballot, 'ballots.json'), 'utf8')).ballots as Array<{ serial?: string }>;
    expect(ballots).toHaveLength(3);
    for (const b of ballots) expect(b.serial).toMatch(/^[0-9A-Z-]{1,32}$/);
    const validate = new Ajv2020({ strict: true }).compile(openDataSchemas()['schemas/ballots.schema.json']!);
    const tampered = JSON.parse(readFileSync(join(site, 'c', ids.ballot, 'ballots.json'), 'utf8'));
    tampered.ballots[0].serial = 'lower-case';
    expect(validate(tampered)).toBe(false);
    tampered.ballots[0].serial = ballots[0]!.serial;
    tampered.ballots[0].household = 'H-001';
    expect(validate(tampered)).toBe(false);
  });
});
