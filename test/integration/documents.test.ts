/**
 * Documents attached to a disclosure, on the real store: through the API and the officials' pages, onto the site,
 * into the signed consultation.json, frozen once voting opens, and into the audit log.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, Consultation } from '../../shared/schemas.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { holdMeeting, rollCsv, roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';
const MiB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A file that starts as `magic` says, with random content after it (so each is new). */
const file = (magic: number[], size = 2000) => {
  const bytes = new Uint8Array(size);
  bytes.set(randomBytes(size));
  bytes.set(magic);
  return bytes;
};
const pdf = (size?: number) => file([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a], size);
const png = (size?: number) => file([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], size);
const jpeg = (size?: number) => file([0xff, 0xd8, 0xff, 0xe0], size);

describe('documents attached to a disclosure', () => {
  let s: Sys;
  let official: string;
  let other: string;
  let monitor: string;

  beforeAll(async () => {
    s = await testSystem('documents');
    [official, other, monitor] = await Promise.all([s.token('official'), s.token('other'), s.token('monitor')]);
  });
  afterAll(() => s.cleanup());

  const attach = async (id: string, title: string, type: string, bytes: Uint8Array<ArrayBuffer>, token = official) => {
    const res = await s.app.request(`/api/consultations/${id}/documents?${new URLSearchParams({ title })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: bytes,
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  const remove = (id: string, hash: string, token = official) => s.call('DELETE', `/api/consultations/${id}/documents/${hash}`, { token });
  const site = (path: string) => join(s.dataDir, 'site', path);
  const create = async (input = roadConsultation()) => {
    const r = await s.call('POST', '/api/consultations', { token: official, body: input });
    expect(r.status).toBe(201);
    return r.json.id as string;
  };
  const disclosed = async () => {
    const id = await create();
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token: official })).status).toBe(200);
    return id;
  };

  it('attaches while disclosed, publishes the file and the page, freezes at the opening, and signs the hashes with the result', async () => {
    const id = await disclosed();

    // Attach: the record, the file on the site byte for byte, the title stored in NFC.
    const decision = pdf(300_000);
    const title = 'Quyết định phê duyệt dự án đường thôn'.normalize('NFD');
    const attached = await attach(id, title, 'application/pdf', decision);
    expect(attached.status).toBe(201);
    const hash = sha256(decision);
    const record = { title: title.normalize('NFC'), file: `docs/${hash}.pdf`, sha256: hash, bytes: decision.length, mediaType: 'application/pdf' };
    expect(attached.json).toEqual(record);
    expect(new Uint8Array(readFileSync(site(`c/${id}/docs/${hash}.pdf`)))).toEqual(decision);
    const served = await s.app.request(`/c/${id}/docs/${hash}.pdf`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect((await s.call('GET', `/api/consultations/${id}`)).json.documents).toEqual([record]);

    // The published disclosure page lists it, with its link and hash.
    let page = readFileSync(site(`c/${id}/index.html`), 'utf8');
    expect(page).toContain('Tài liệu đính kèm');
    expect(page).toContain(record.title);
    expect(page).toContain(`href="docs/${hash}.pdf"`);
    expect(page).toContain(hash);
    expect(page).toContain('Tệp PDF <span lang="en" class="en">/ PDF</span>, 293 KB');

    // The same file twice, and files that are not what they say or are too big, are refused in the error shape.
    const again = await attach(id, 'Bản sao', 'application/pdf', decision);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_attached');
    const html = await attach(id, 'Trang web', 'text/html', new TextEncoder().encode('<!doctype html><script>alert(1)</script>'));
    expect(html.status).toBe(415);
    expect(html.json.error).toMatchObject({ code: 'unsupported_media_type', message: expect.any(String) });
    expect((await attach(id, 'Không phải ảnh', 'image/png', pdf())).status).toBe(415);
    const big = await attach(id, 'Quá lớn', 'application/pdf', pdf(4 * MiB + 1));
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('payload_too_large');
    expect((await attach(id, '   ', 'image/png', png())).status).toBe(400);

    // Another commune's official may neither attach nor remove.
    const stranger = await attach(id, 'Của xã khác', 'image/png', png(), other);
    expect(stranger.status).toBe(403);
    expect(stranger.json.error.code).toBe('forbidden');
    expect((await remove(id, hash, other)).status).toBe(403);

    // A second document, removed again: the record goes (the file, named by its hash, may stay).
    const drawing = jpeg();
    const drawingHash = sha256(drawing);
    expect((await attach(id, 'Bản vẽ mặt cắt', 'image/jpeg', drawing)).status).toBe(201);
    expect(readFileSync(site(`c/${id}/index.html`), 'utf8')).toContain(drawingHash);
    const removed = await remove(id, drawingHash);
    expect(removed.status).toBe(200);
    expect(removed.json).toMatchObject({ sha256: drawingHash, title: 'Bản vẽ mặt cắt', mediaType: 'image/jpeg' });
    expect((await remove(id, drawingHash)).status).toBe(404);
    page = readFileSync(site(`c/${id}/index.html`), 'utf8');
    expect(page).not.toContain(drawingHash);
    expect(page).toContain(hash);

    // Voting opens: the documents are frozen.
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    const late = await attach(id, 'Quá muộn', 'image/png', png());
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('wrong_state');
    const lateRemove = await remove(id, hash);
    expect(lateRemove.status).toBe(409);
    expect(lateRemove.json.error.code).toBe('wrong_state');
    expect(readFileSync(site(`c/${id}/index.html`), 'utf8')).toContain(hash);

    // The audit log: each act by the official, with what was attached and nothing about who they are beyond the actor.
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: monitor });
    const acts = audit.json.filter((e: { action: string }) => e.action.startsWith('document_'));
    expect(acts.map((e: { action: string; data: unknown }) => [e.action, e.data])).toEqual([
      ['document_attached', { title: record.title, sha256: hash, bytes: decision.length, mediaType: 'application/pdf' }],
      ['document_attached', { title: 'Bản vẽ mặt cắt', sha256: drawingHash, bytes: drawing.length, mediaType: 'image/jpeg' }],
      ['document_removed', { title: 'Bản vẽ mặt cắt', sha256: drawingHash, bytes: drawing.length, mediaType: 'image/jpeg' }],
    ]);
    for (const e of acts) expect(e.actor).toEqual({ role: 'official', id: 'official-a' });

    // The meeting is held, its show of hands counted, the close: consultation.json carries the hash the file has, and
    // the signed bundle verifies.
    const closed = await holdMeeting(s.call, official, id, ['H-001', 'H-002', 'H-003'], { q1: { yes: 3, no: 0, abstain: 0 } });
    expect(closed.status, closed.text).toBe(200);
    const published = Consultation.parse(JSON.parse(readFileSync(site(`c/${id}/consultation.json`), 'utf8')));
    expect(published.documents).toEqual([record]);
    expect(sha256(readFileSync(site(`c/${id}/${published.documents![0]!.file}`)))).toBe(published.documents![0]!.sha256);
    const files = Object.fromEntries([...BUNDLE_FILES, 'result.jws'].map((name) => [name, new Uint8Array(readFileSync(site(`c/${id}/${name}`)))]));
    const report = await verifyBundle(files, { pinned: readFileSync(site(`keys/${s.kid}.pem`), 'utf8') });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const signedLog = readFileSync(site(`c/${id}/audit.jsonl`), 'utf8');
    expect(signedLog.match(/"action":"document_(attached|removed)"/g)).toHaveLength(3);
    const result = readFileSync(site(`c/${id}/index.html`), 'utf8');
    expect(result).toContain('Kết quả:');
    expect(result).toContain(`href="docs/${hash}.pdf"`);
  });

  it("keeps a draft's documents through an edit, never takes them from the body, and takes at most ten", async () => {
    const id = await create();
    const first = png();
    const attached = await attach(id, 'Dự toán kinh phí', 'image/png', first);
    expect(attached.status).toBe(201);
    // A draft is not public: the file is on the site (named by its hash), the page is not.
    expect(existsSync(site(`c/${id}/docs/${sha256(first)}.png`))).toBe(true);
    expect(existsSync(site(`c/${id}/index.html`))).toBe(false);
    // Another commune does not even learn the draft exists.
    expect((await attach(id, 'Của xã khác', 'image/png', png(), other)).status).toBe(404);

    const edited = await s.call('PUT', `/api/consultations/${id}`, { token: official, body: { ...roadConsultation(), title: 'Đường thôn, bản sửa' } });
    expect(edited.status).toBe(200);
    expect(edited.json.title).toBe('Đường thôn, bản sửa');
    expect(edited.json.documents).toEqual([attached.json]);
    const smuggled = await s.call('PUT', `/api/consultations/${id}`, { token: official, body: { ...roadConsultation(), documents: [] } });
    expect(smuggled.status).toBe(400);
    expect((await s.call('POST', '/api/consultations', { token: official, body: { ...roadConsultation(), documents: [attached.json] } })).status).toBe(400);
    expect((await s.call('GET', `/api/consultations/${id}`, { token: official })).json.documents).toEqual([attached.json]);

    for (let i = 2; i <= 10; i++) expect((await attach(id, `Bản vẽ số ${i}`, 'image/png', png(200))).status).toBe(201);
    const eleventh = await attach(id, 'Bản vẽ số 11', 'image/png', png(200));
    expect(eleventh.status).toBe(409);
    expect(eleventh.json.error.code).toBe('too_many_documents');
    expect((await s.call('GET', `/api/consultations/${id}`, { token: official })).json.documents).toHaveLength(10);
  });

  it("lets an official attach with a multipart form and remove with a button on the officials' pages, checking each post's Origin", async () => {
    const id = await disclosed();
    const cookie = `danban_session=${official}`;
    const request = (path: string, init: { method?: string; body?: FormData | string; origin?: boolean } = {}) =>
      s.app.request(path, {
        method: init.method ?? 'GET',
        headers: {
          cookie,
          ...(init.origin === false ? {} : { origin: ORIGIN }),
          ...(typeof init.body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
    const form = (title: string, bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => {
      const f = new FormData();
      f.set('title', title);
      f.set('file', new File([bytes], name, { type }));
      return f;
    };
    const base = `/officials/c/${id}/documents`;

    const empty = await request(base);
    expect(empty.status).toBe(200);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('enctype="multipart/form-data"');
    expect(emptyHtml).toContain('<label class="field" for="document-file">');
    expect((await request(`/officials/c/${id}`)).status).toBe(200);

    const drawing = jpeg(50_000);
    const hash = sha256(drawing);
    expect((await request(base, { method: 'POST', body: form('Bản vẽ', drawing, 'ban-ve.jpg', 'image/jpeg'), origin: false })).status).toBe(403);
    expect((await s.call('GET', `/api/consultations/${id}`)).json.documents).toBeUndefined();

    const posted = await request(base, { method: 'POST', body: form('Bản vẽ thiết kế', drawing, 'ban-ve.jpg', 'image/jpeg') });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`${base}?done=attached`);
    // A browser that does not know the extension sends no type: the content says what it is.
    const plan = pdf();
    expect((await request(base, { method: 'POST', body: form('Tờ trình', plan, 'to-trinh', '') })).status).toBe(303);
    const listed = await (await request(`${base}?done=attached`)).text();
    expect(listed).toContain('Bản vẽ thiết kế');
    expect(listed).toContain(`docs/${hash}.jpg`);
    expect(listed).toContain(`docs/${sha256(plan)}.pdf`);
    expect(listed).toContain(`action="${base}/${hash}/remove"`);
    expect(readFileSync(site(`c/${id}/index.html`), 'utf8')).toContain('Bản vẽ thiết kế');

    // A refused file comes back on the same page, with the reason and the title typed.
    const text = await request(base, { method: 'POST', body: form('Ghi chú', new TextEncoder().encode('ghi chú'), 'ghi-chu.txt', 'text/plain') });
    expect(text.status).toBe(415);
    const refusedHtml = await text.text();
    expect(refusedHtml).toContain('role="alert"');
    expect(refusedHtml).toContain('value="Ghi chú"');
    const noFile = await request(base, { method: 'POST', body: form('Không có tệp', new Uint8Array(0), '', 'application/octet-stream') });
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('Chưa chọn tệp.');
    expect((await request(base, { method: 'POST', body: form('Quá lớn', jpeg(4 * MiB + 1), 'lon.jpg', 'image/jpeg') })).status).toBe(413);

    expect((await request(`${base}/${hash}/remove`, { method: 'POST', body: '', origin: false })).status).toBe(403);
    const removed = await request(`${base}/${hash}/remove`, { method: 'POST', body: '' });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`${base}?done=removed`);
    const after = await (await request(base)).text();
    expect(after).not.toContain(`docs/${hash}.jpg`);
    expect(after).toContain(`docs/${sha256(plan)}.pdf`);
    const audit = await s.call('GET', `/api/consultations/${id}/audit`, { token: official });
    expect(audit.json.map((e: { action: string }) => e.action).filter((a: string) => a.startsWith('document_'))).toEqual([
      'document_attached',
      'document_attached',
      'document_removed',
    ]);
  });
});
