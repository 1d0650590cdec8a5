/**
 * A round's second language supplied by the commune, on the real store: uploaded on the officials' page while a
 * draft, published beside the Vietnamese on the disclosure page, the result page and the slips, added after the
 * Vietnamese in a notice, covered by the signed audit log; a bad file refused with its problems in Vietnamese; a
 * round without a translation unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../functions/adapters/outbox-notifier.ts';
import { sendNoticeByOfficial, uploadContacts } from '../../functions/core/contacts.ts';
import { seedTranslations } from '../../functions/local/seed-translations.ts';
import { BUNDLE_FILES } from '../../shared/schemas.ts';
import { verifyBundle } from '../../shared/verify/index.ts';
import { COMMUNE, holdMeeting, rollCsv, roadConsultation, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const OFFICIAL = { sub: 'official-a', role: 'official' as const, commune: COMMUNE };

/** The road round's translation into Khmer, its names written decomposed (NFD) as some keyboards do. */
const khmer = (id: string) => ({
  format: 'translation/1',
  consultationId: id,
  language: { tag: 'km', name: 'Tiếng Khmer'.normalize('NFD') },
  title: 'ការចាក់បេតុងផ្លូវភូមិ',
  description: 'ផ្លូវវែង ៥០០ ម៉ែត្រ។',
  questions: [{ id: 'q1', text: 'យល់ព្រមវិភាគទាន ៣០០.០០០ ដុង/គ្រួសារ?' }],
  notices: { meeting_invitation: 'សូមអញ្ជើញតំណាងគ្រួសារចូលរួមប្រជុំ' },
});

describe("a commune's second language", () => {
  let s: Sys;
  let token = '';
  let session = '';

  beforeAll(async () => {
    s = await testSystem('translations');
    token = await s.token('official');
    session = await s.token('official');
  });
  afterAll(() => s.cleanup());

  const site = (path: string) => join(s.dataDir, 'site', path);
  const request = (path: string, body?: FormData) =>
    s.app.request(path, {
      method: body ? 'POST' : 'GET',
      headers: { cookie: `danban_session=${session}`, ...(body ? { origin: ORIGIN } : {}) },
      ...(body ? { body } : {}),
    });
  const upload = (id: string, content: string, name = 'km.json', type = 'application/json') => {
    const f = new FormData();
    f.set('file', new File([content], name, { type }));
    return request(`/officials/c/${id}/translation`, f);
  };
  const draft = async () => {
    const created = await s.call('POST', '/api/consultations', { token, body: roadConsultation() });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    return id;
  };
  const audit = async (id: string) => (await s.call('GET', `/api/consultations/${id}/audit`, { token })).json as Array<{ action: string; data: any }>;

  it('is uploaded before disclosure, published beside the Vietnamese, sent after it, and covered by the signed log', async () => {
    const id = await draft();
    const empty = await (await request(`/officials/c/${id}/translation`)).text();
    expect(empty).toContain('enctype="multipart/form-data"');
    expect(empty).toContain(`question.q1,`);

    const file = JSON.stringify(khmer(id), null, 2);
    const posted = await upload(id, file);
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/officials/c/${id}/translation?done=supplied`);
    const shown = await (await request(`/officials/c/${id}/translation?done=supplied`)).text();
    expect(shown).toContain('Tiếng Khmer');
    expect(shown).toContain('translations/km.json');

    // Recorded with both hashes; the checked file (JCS, NFC) and the file as uploaded are on the site.
    const event = (await audit(id)).find((e) => e.action === 'translation_supplied')!;
    expect(event.data).toMatchObject({ language: 'km', name: 'Tiếng Khmer', file: 'translations/km.json', source: { sha256: sha256(file) } });
    const published = readFileSync(site(`c/${id}/translations/km.json`));
    expect(sha256(published)).toBe(event.data.sha256);
    expect(JSON.parse(published.toString('utf8')).language.name).toBe('Tiếng Khmer'.normalize('NFC'));
    expect(readFileSync(site(`c/${id}/${event.data.source.file}`), 'utf8')).toBe(file);

    // Disclosed: the page has the Vietnamese first, the translation under it, labelled as the commune's.
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token })).status).toBe(200);
    const disclosure = readFileSync(site(`c/${id}/index.html`), 'utf8');
    expect(disclosure).toContain('<p lang="km" class="translation">ការចាក់បេតុងផ្លូវភូមិ</p>');
    expect(disclosure.indexOf('Bê tông hóa đường thôn')).toBeLessThan(disclosure.indexOf('ការចាក់បេតុងផ្លូវភូមិ'));
    expect(disclosure.indexOf('Đồng ý mức đóng góp')).toBeLessThan(disclosure.indexOf('យល់ព្រមវិភាគទាន'));
    expect(disclosure).toContain('do xã cung cấp, không phải do hệ thống dịch');
    expect(disclosure).toContain('href="translations/km.json"');

    // Disclosed, it cannot change.
    const late = await upload(id, file);
    expect(late.status).toBe(409);

    // A notice carries the commune's translation after the Vietnamese.
    await uploadContacts(s.core, OFFICIAL, id, 'Mã hộ;Số điện thoại\nH-001;0912 345 678\n');
    await sendNoticeByOfficial(s.core, OFFICIAL, id, 'meeting_invitation', { vi: 'Kính mời đại diện hộ dự họp.' });
    const [batch] = await listOutbox(join(s.dataDir, 'outbox'), id);
    expect(batch!.body).toBe('Kính mời đại diện hộ dự họp.\n\nសូមអញ្ជើញតំណាងគ្រួសារចូលរួមប្រជុំ');
    expect(batch!.text.second).toEqual({ language: 'km', text: 'សូមអញ្ជើញតំណាងគ្រួសារចូលរួមប្រជុំ' });

    // The result page too; the signed audit log carries the translation and its hash, and the bundle verifies.
    expect((await s.call('POST', `/api/consultations/${id}/open`, { token })).status).toBe(200);
    const closed = await holdMeeting(s.call, token, id, ['H-001', 'H-002', 'H-003'], { q1: { yes: 3, no: 0, abstain: 0 } });
    expect(closed.status, closed.text).toBe(200);
    const result = readFileSync(site(`c/${id}/index.html`), 'utf8');
    expect(result).toContain('Kết quả:');
    expect(result).toContain('<p lang="km" class="translation">យល់ព្រមវិភាគទាន ៣០០.០០០ ដុង/គ្រួសារ?</p>');
    expect(result).toContain('do xã cung cấp');
    const signedLog = readFileSync(site(`c/${id}/audit.jsonl`), 'utf8');
    expect(signedLog).toContain(`"sha256":"${event.data.sha256}"`);
    const files = Object.fromEntries([...BUNDLE_FILES, 'result.jws'].map((name) => [name, new Uint8Array(readFileSync(site(`c/${id}/${name}`)))]));
    const report = await verifyBundle(files, { pinned: readFileSync(site(`keys/${s.kid}.pem`), 'utf8') });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    // The translation is not one of the signed files: the log names it by its hash.
    expect(JSON.parse(readFileSync(site(`c/${id}/result.json`), 'utf8')).files).not.toHaveProperty('translations/km.json');
  });

  it('refuses a file that does not match the round, with each problem in Vietnamese, and records nothing', async () => {
    const id = await draft();
    const csv = [
      'khóa,nội dung',
      `consultationId,${id}`,
      'language.tag,hmn',
      'language.name,Lus Hmoob',
      'title,Txoj kev',
      'description,Txoj kev ntev 500 m.',
      'question.q2,Puas pom zoo?',
    ].join('\n');
    const refused = await upload(id, csv, 'hmn.csv', 'text/csv');
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Dòng 7: Câu hỏi 1, mã: vòng biểu quyết không có câu hỏi “q2”');
    expect(html).toContain('thiếu bản dịch câu hỏi “q1”');
    // Vietnamese alone on a staff page.
    expect(html).not.toContain('does not match');

    const wrongRound = await upload(id, JSON.stringify(khmer('01JAAAAAAAAAAAAAAAAAAAAAAA')));
    expect(wrongRound.status).toBe(400);
    expect(await wrongRound.text()).toContain('Mã vòng biểu quyết: tệp này dành cho vòng 01JAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await audit(id)).map((e) => e.action)).not.toContain('translation_supplied');
    expect(existsSync(site(`c/${id}/translations/hmn.json`))).toBe(false);
  });

  it('leaves a round without a translation as it was, and is not shown once the draft’s questions changed', async () => {
    const plain = await draft();
    expect((await s.call('POST', `/api/consultations/${plain}/disclose`, { token })).status).toBe(200);
    const page = readFileSync(site(`c/${plain}/index.html`), 'utf8');
    expect(page).not.toContain('class="translation');
    expect(page).not.toContain('do xã cung cấp');
    expect(existsSync(site(`c/${plain}/translations`))).toBe(false);

    const id = await draft();
    expect((await upload(id, JSON.stringify(khmer(id)))).status).toBe(303);
    const edited = { ...roadConsultation(), questions: [{ ...roadConsultation().questions[0]!, id: 'q9' }] };
    expect((await s.call('PUT', `/api/consultations/${id}`, { token, body: edited })).status).toBe(200);
    const stale = await (await request(`/officials/c/${id}/translation`)).text();
    expect(stale).toContain('bản dịch này không được hiển thị');
    expect((await s.call('POST', `/api/consultations/${id}/disclose`, { token })).status).toBe(200);
    expect(readFileSync(site(`c/${id}/index.html`), 'utf8')).not.toContain('class="translation');
  });

  it('seeds the demo round disclosed with its Khmer translation', async () => {
    const id = await seedTranslations(s.core, OFFICIAL);
    const page = readFileSync(site(`c/${id}/index.html`), 'utf8');
    expect(page).toContain('<p lang="km" class="translation">ការស្តារប្រឡាយធារាសាស្ត្រ ភូមិសុកថ្មី</p>');
    expect(page).toContain('ខែ៣ មុនរដូវស្រូវ');
    expect((await audit(id)).map((e) => e.action)).toEqual(expect.arrayContaining(['translation_supplied', 'disclosed']));
  });
});
