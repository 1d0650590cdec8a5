/**
 * The decision record on the in-memory store: drafted by an official of the commune from the published result and the
 * discussion's answered questions, redrafted until the first key signature, signed by the village head (an official)
 * and the Front head (a monitor), scanned and published with its hash in the log; and the counting record. Every act
 * is an audit event, and what is published verifies (shared/verify-after/).
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import { draftCountingRecord, draftRecord, type RecordBody, signRecord } from '../../../functions/core/minutes.ts';
import { minutesState } from '../../../functions/core/minutes-state.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { addRecordScan } from '../../../functions/core/record-scans.ts';
import { toAuditJsonl } from '../../../shared/audit.ts';
import { fromUtf8, utf8 } from '../../../shared/bytes.ts';
import { jcsBytes } from '../../../shared/jcs.ts';
import { DecisionRecord, signMinutes, type MinutesRole } from '../../../shared/minutes.ts';
import { sha256Hex } from '../../../shared/sha256.ts';
import { verifyAfter } from '../../../shared/verify-after/index.ts';
import { MemoryAttemptLimiter, MemoryStore } from '../../support/memory-store.ts';
import { OPEN_AT_ONCE } from '../../support/profile.ts';
import { bundleInput, CONSULTATION_ID, consultation, makeSigning, publish } from '../../shared/bundle-fixture.ts';

const COMMUNE = 'xa-an-binh';
const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: COMMUNE };
const MONITOR: Principal = { sub: 'm1', role: 'monitor', commune: COMMUNE };
const STRANGER: Principal = { sub: 'o2', role: 'official', commune: 'xa-khac' };
const CLOSED = '2026-11-20T10:00:00Z';
const id = CONSULTATION_ID;
const input = bundleInput();
const present = input.participants.map((p) => p.id);

async function setup(published = input) {
  const files = new Map<string, Uint8Array>();
  const store = new MemoryStore();
  let n = 0;
  const core: CoreDeps = {
    store,
    limiter: new MemoryAttemptLimiter(),
    signer: { publicKeySpki: async () => new Uint8Array(91), sign: async () => new Uint8Array(64) },
    publisher: {
      put: async (key, body) => {
        files.set(key, typeof body === 'string' ? utf8(body) : body);
      },
      get: async (key) => files.get(key),
      url: (key) => `http://site.test/${key}`,
    },
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    clock: { now: () => new Date('2026-11-21T02:00:00Z') },
    ids: { ulid: () => `01JDANBAN${String(++n).padStart(17, '0')}`, random: (k) => new Uint8Array(k).fill(7) },
    profile: OPEN_AT_ONCE as CoreDeps['profile'],
    log: () => {},
  };
  const actor = { role: 'official' as const, id: 'o1' };
  await store.createConsultation(consultation, '2026-10-20T08:00:00Z', { at: '2026-10-20T08:00:00Z', actor, action: 'created', data: {} });
  await store.transition(id, ['draft'], 'voting', '2026-11-01T00:00:00Z', { at: '2026-11-01T00:00:00Z', actor, action: 'opened', data: {} });
  await store.close(id, CLOSED, { at: CLOSED, actor, action: 'closed', data: {} });
  await store.fixPublishedAt(id, CLOSED);
  const bundle = await publish(published, await makeSigning());
  for (const [name, bytes] of Object.entries(bundle)) files.set(`c/${id}/${name}`, bytes);
  await store.markPublished(id, 'http://site.test/c/', { at: CLOSED, actor, action: 'published', data: { consultationId: id } });
  await store.addComment({ id: '01JDANBANQ0000000000000001', consultationId: id, rollId: present[0]!, text: 'Khi nào làm?', at: CLOSED, official: false });
  await store.addComment({
    id: '01JDANBANQ0000000000000002',
    consultationId: id,
    parent: '01JDANBANQ0000000000000001',
    text: 'Sau mùa mưa.',
    at: CLOSED,
    official: true,
  });
  return { core, store, files, bundle };
}

const body: RecordBody = {
  form: 'bien_ban',
  letterhead: { authority: 'UBND xã An Bình', unit: 'Thôn Đông' },
  place: 'Nhà văn hóa thôn Đông',
  summary: 'Nhân dân bàn về chủ trương làm đường.',
  signers: { villageHead: 'Nguyễn Văn An', frontHead: 'Trần Văn Cường', households: [present[0]!, present[1]!] },
};

async function keyOf() {
  const s = await makeSigning();
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', s.keys.publicKey);
  return { ...s, jwk: { kty, crv, x, y } };
}

async function signedBy(files: Map<string, Uint8Array>, role: MinutesRole, key: Awaited<ReturnType<typeof keyOf>>) {
  const record = DecisionRecord.parse(JSON.parse(fromUtf8(files.get(`c/${id}/record/decision.json`)!)));
  return signMinutes({ minutes: record, role, at: '2026-11-21T02:00:00Z', jwk: key.jwk }, key.sign);
}

const actions = async (core: CoreDeps) => (await core.store.getAudit(id)).map((e) => e.action);

describe('the decision record on the store', () => {
  it('is drafted by an official from the published result with the answered questions, audit-logged with its hash', async () => {
    const { core, files } = await setup();
    const out = await draftRecord(core, OFFICIAL, id, body);
    const bytes = files.get(`c/${id}/record/decision.json`)!;
    expect(out.sha256).toBe(sha256Hex(bytes));
    expect(out.record.discussion.questions).toEqual([{ question: 'Khi nào làm?', answers: ['Sau mùa mưa.'] }]);
    // A result/1 has no opinions.json: the record has no `opinions`, and keeps the bytes it had.
    expect(Object.keys(out.record.discussion)).toEqual(['summary', 'questions']);
    expect(fromUtf8(files.get(`c/${id}/record/decision.html`)!)).toContain('Biên bản cuộc họp của cộng đồng dân cư');
    expect((await core.store.getAudit(id)).at(-1)).toMatchObject({
      action: 'record_drafted',
      actor: { role: 'official', id: 'o1' },
      data: { sha256: out.sha256 },
    });
  });

  it('lists the published other opinions under what was discussed, in opinions.json’s order, and verifies after publication', async () => {
    const opinions = [
      { questionId: 'q2', text: 'Nên làm rãnh thoát nước' },
      { questionId: 'q1', text: 'Đề nghị làm sau mùa mưa' },
      { questionId: 'q1', text: 'Cần cắm biển báo' },
    ];
    const { core, files, bundle } = await setup({ ...input, format: 'result/2', opinions });
    const listed = JSON.parse(fromUtf8(bundle['opinions.json']!)).opinions;
    expect(listed).toEqual([opinions[2], opinions[1], opinions[0]]);
    const out = await draftRecord(core, OFFICIAL, id, body);
    expect(out.record.discussion.opinions).toEqual(listed);
    expect(JSON.parse(fromUtf8(files.get(`c/${id}/record/decision.json`)!)).discussion.opinions).toEqual(listed);
    const html = fromUtf8(files.get(`c/${id}/record/decision.html`)!);
    expect(html).toContain('Các ý kiến khác của hộ gia đình');
    expect(html).toContain('Nội dung 2: Nên làm rãnh thoát nước');
    expect(html.indexOf('Cần cắm biển báo')).toBeLessThan(html.indexOf('Nên làm rãnh thoát nước'));

    const site: Record<string, Uint8Array> = { ...bundle };
    for (const [key, bytes] of files) if (key.startsWith(`c/${id}/record/`)) site[key.slice(`c/${id}/`.length)] = bytes;
    const m2 = async (files: Record<string, Uint8Array>) => (await verifyAfter(files)).checks.find((c) => c.step === 'M2')!;
    expect(await m2(site)).toMatchObject({ ok: true });
    // M2 reads opinions.json: without it, or with a record that leaves an opinion out, the record does not verify.
    const { 'opinions.json': _, ...without } = site;
    expect((await m2(without)).ok).toBe(false);
    const record = JSON.parse(fromUtf8(site['record/decision.json']!));
    record.discussion.opinions = record.discussion.opinions.slice(1);
    expect(await m2({ ...site, 'record/decision.json': jcsBytes(record) })).toMatchObject({ ok: false });
  });

  it('refuses an opinions.json that does not match the signed result', async () => {
    const { core, files } = await setup({ ...input, format: 'result/2', opinions: [{ questionId: 'q1', text: 'Ý kiến' }] });
    files.set(`c/${id}/opinions.json`, utf8(JSON.stringify({ consultationId: id, opinions: [] })));
    await expect(draftRecord(core, OFFICIAL, id, body)).rejects.toMatchObject({ code: 'integrity_error' });
    expect(files.has(`c/${id}/record/decision.json`)).toBe(false);
  });

  it('is for an official of the commune, after publication', async () => {
    const { core } = await setup();
    await expect(draftRecord(core, STRANGER, id, body)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(draftRecord(core, MONITOR, id, body)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(draftRecord(core, undefined, id, body)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(draftRecord(core, OFFICIAL, id, { ...body, signers: { ...body.signers, households: [present[0]!, 'DG-404'] } })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('is signed by the village head through an official and the Front head through a monitor, then fixed', async () => {
    const { core, files } = await setup();
    await draftRecord(core, OFFICIAL, id, body);
    const head = await keyOf();
    const front = await keyOf();
    const headJws = await signedBy(files, 'village_head', head);
    await expect(signRecord(core, MONITOR, id, headJws)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await signRecord(core, OFFICIAL, id, headJws)).toEqual({ role: 'village_head', kid: head.kid, signed: ['village_head'], missing: ['front_head'] });
    // The same signature again is accepted; another one for the role is not.
    await signRecord(core, OFFICIAL, id, headJws);
    await expect(signRecord(core, OFFICIAL, id, await signedBy(files, 'village_head', front))).rejects.toMatchObject({ code: 'already_signed' });
    await signRecord(core, MONITOR, id, await signedBy(files, 'front_head', front));
    expect(fromUtf8(files.get(`c/${id}/record/signatures/front_head.jws`)!)).toMatch(/^ey/);
    await expect(draftRecord(core, OFFICIAL, id, body)).rejects.toMatchObject({ code: 'wrong_state' });
    const state = await minutesState(core, id);
    expect(state).toMatchObject({ locked: true, status: { complete: true } });
    expect((await actions(core)).filter((a) => a === 'record_signed')).toHaveLength(2);
  });

  it('publishes a scan of the paper copy under its hash, logged `record_scan_added`, once; refuses what is not a PDF, PNG or JPEG', async () => {
    const { core, files } = await setup();
    const scan = utf8('%PDF-1.4 signed by hand');
    await expect(addRecordScan(core, OFFICIAL, id, { document: 'decision', mediaType: 'application/pdf', bytes: scan })).rejects.toMatchObject({
      code: 'wrong_state',
    });
    await draftRecord(core, OFFICIAL, id, body);
    const out = await addRecordScan(core, OFFICIAL, id, { document: 'decision', mediaType: 'application/pdf', bytes: scan });
    expect(out.file).toBe(`record/scans/${sha256Hex(scan)}.pdf`);
    expect(files.get(`c/${id}/${out.file}`)).toEqual(scan);
    expect((await core.store.getAudit(id)).at(-1)).toMatchObject({ action: 'record_scan_added', data: { sha256: sha256Hex(scan), document: 'decision' } });
    expect(fromUtf8(files.get(`c/${id}/record/decision.html`)!)).toContain(sha256Hex(scan));
    await expect(addRecordScan(core, OFFICIAL, id, { document: 'decision', mediaType: 'application/pdf', bytes: scan })).rejects.toMatchObject({
      code: 'already_attached',
    });
    await expect(addRecordScan(core, OFFICIAL, id, { document: 'decision', mediaType: 'image/png', bytes: scan })).rejects.toMatchObject({
      code: 'unsupported_media_type',
    });
    await expect(addRecordScan(core, MONITOR, id, { document: 'decision', mediaType: 'application/pdf', bytes: scan })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('with the counting record, the signatures and a scan, verifies after publication', async () => {
    const { core, files, bundle } = await setup();
    await draftRecord(core, OFFICIAL, id, body);
    await draftCountingRecord(core, OFFICIAL, id, {
      letterhead: body.letterhead,
      place: body.place,
      at: '2026-11-20T11:00:00Z',
      members: [
        { name: 'Trần Văn Cường', role: 'Tổ trưởng' },
        { name: 'Phạm Thị Dung', role: 'Thành viên' },
        { name: 'Hoàng Văn Em', role: 'Thành viên' },
      ],
      witnesses: [present[2]!, present[3]!],
      spoiled: 0,
    });
    expect((await actions(core)).at(-1)).toBe('counting_drafted');
    await signRecord(core, OFFICIAL, id, await signedBy(files, 'village_head', await keyOf()));
    await addRecordScan(core, OFFICIAL, id, {
      document: 'counting',
      mediaType: 'image/png',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]),
    });
    const site: Record<string, Uint8Array> = { ...bundle };
    for (const [key, bytes] of files) if (key.startsWith(`c/${id}/record/`)) site[key.slice(`c/${id}/`.length)] = bytes;
    const report = await verifyAfter(site, { audit: toAuditJsonl(await core.store.getAudit(id)) });
    const verdict = Object.fromEntries(report.checks.filter((c) => c.step.startsWith('M')).map((c) => [c.step, c.ok && !c.absent]));
    expect(verdict).toEqual({ M1: true, M2: true, M3: true, M4: true });
  });
});
