/**
 * A community rule from proposal to recognition through the staff pages on DynamoDB Local (Decree 61/2023): an
 * official proposes it, records the drafting team (refused first without an elder), posts the draft linked to a
 * community-rules round whose discussion takes the comments, summarises them, and records the vote at the meeting
 * linked to that round once it published its result; the signatures and the dossier; the monitors read the same
 * checklist; UBND xã recognises it and publishes the scan of its stamped copy. The hamlet's page shows the rule in
 * force, its recognition and its history. Then `npm start`'s demo rule (functions/local/seed-rules.ts): recognised
 * earlier with a translation, and an amendment in progress.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsultation, uploadRoll } from '../../functions/core/consultations.ts';
import { discloseConsultation } from '../../functions/core/lifecycle.ts';
import { recordAttendance, recordHandCount, recordProceduralVote, recordVotingMethod } from '../../functions/core/meeting.ts';
import type { Principal } from '../../functions/core/ports.ts';
import { closeAndPublish } from '../../functions/core/publishing.ts';
import { openVoting } from '../../functions/core/voting.ts';
import { seedRules } from '../../functions/local/seed-rules.ts';
import { checkChain } from '../../shared/audit.ts';
import { addDays } from '../../shared/process/calendar.ts';
import { DEFAULT_PROFILE } from '../../shared/matters.ts';
import type { Household } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { vietnamDate } from '../../shared/working-days.ts';
import { COMMUNE, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

const ORIGIN = 'http://localhost';
const OFFICIAL: Principal = { sub: 'official-a', role: 'official', commune: COMMUNE };
const COMMITTEE: Principal = { sub: 'commune-a', role: 'commune', commune: COMMUNE };
const HAMLET = 'Thôn Thử Nghiệm';
const ROLL: Household[] = Array.from({ length: 6 }, (_, i) => ({ id: `TN-00${i + 1}`, hamlet: HAMLET, head: `Hộ ${i + 1}`, members: 3, category: 'standard' }));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('a community rule from proposal to recognition', () => {
  let s: Sys;
  let official = '';
  let monitor = '';
  let commune = '';
  let id = '';
  let round = '';
  let today = '';

  const request = async (path: string, session: string, form?: Record<string, string> | FormData) => {
    const headers: Record<string, string> = { cookie: `danban_session=${session}` };
    if (form) headers.origin = ORIGIN;
    if (form && !(form instanceof FormData)) headers['content-type'] = 'application/x-www-form-urlencoded';
    const body = form instanceof FormData ? form : form ? new URLSearchParams(form).toString() : undefined;
    const res = await s.app.request(path, { method: form ? 'POST' : 'GET', headers, ...(body ? { body } : {}) });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };
  const step = async (path: string, form: Record<string, string>) => {
    const r = await request(`/officials/rules/${id}/${path}`, official, form);
    expect(r.status, r.text).toBe(303);
    expect(r.location).toBe(`/officials/processes/${id}#steps`);
  };
  const site = async (key: string) => new TextDecoder().decode((await s.core.publisher.get(key)) ?? new Uint8Array());
  const day = (n: number) => addDays(today, n);

  beforeAll(async () => {
    s = await testSystem('community-rule');
    [official, monitor, commune] = await Promise.all([s.token('official'), s.token('monitor'), s.token('commune')]);
    today = vietnamDate(s.core.clock.now());
    const now = s.core.clock.now();
    const rec = await createConsultation(s.core, OFFICIAL, {
      scope: { kind: 'hamlet', name: HAMLET },
      matter: 'community_rules',
      method: 'meeting',
      title: 'Hương ước Thôn Thử Nghiệm',
      description: 'Dự thảo hương ước để các hộ góp ý và biểu quyết.',
      opensAt: instant(now),
      closesAt: instant(new Date(now.getTime() + 4 * 3_600_000)),
      questions: [
        {
          id: 'q1',
          type: 'yes_no',
          text: 'Hộ có tán thành dự thảo hương ước không?',
          options: [],
          rule: { base: 'eligible', op: 'more_than', fraction: [1, 2] },
        },
      ],
    });
    round = rec.consultation.id;
    await uploadRoll(s.core, OFFICIAL, round, ROLL);
    await discloseConsultation(s.core, OFFICIAL, round);
  });
  afterAll(() => s.cleanup());

  it('an official proposes the rule and records each step up to the dossier, with the law’s checks', async () => {
    const list = await request('/officials/processes', official);
    expect(list.text).toContain('href="/officials/rules/new"');
    const form = await request('/officials/rules/new', official);
    expect(form.status).toBe(200);
    expect(form.text).not.toContain('<span lang="en"');
    const base = {
      hamlet: HAMLET,
      title: 'Hương ước Thôn Thử Nghiệm',
      round: 'adoption',
      proposal: 'village_head_with_front',
      postingDays: '30',
      hasElders: 'yes',
    };
    const short = await request('/officials/rules', official, { ...base, on: day(-10), meeting: day(-2), minorityLanguages: '' });
    expect(short.status).toBe(400);
    const created = await request('/officials/rules', official, { ...base, on: day(-40), meeting: day(-2), minorityLanguages: 'Mường' });
    expect(created.status, created.text).toBe(303);
    id = /\/officials\/processes\/([0-9A-Z]{26})#steps$/.exec(created.location ?? '')![1]!;

    const noElder = await request(`/officials/rules/${id}/team`, official, { on: day(-40), members: 'Bùi Văn Mường\nLê Thị Hoa', 'speaks.0': 'Bùi Văn Mường' });
    expect(noElder.status).toBe(400);
    expect(noElder.text).toContain('già làng');
    await step('team', { on: day(-40), members: 'Bùi Văn Mường\nLê Thị Hoa', elders: 'Lê Thị Hoa', 'speaks.0': 'bùi văn mường' });
    await step('draft', { on: day(-35), text: 'Điều 1. Giữ gìn vệ sinh đường làng.\nĐiều 2. Tắt loa sau 22 giờ.', consultation: round });
    await step('comments', { on: day(-4), received: '7', summary: 'Bảy ý kiến về giờ tắt loa.', answers: 'Giữ 22 giờ.' });
    await step('step', { step: 'meeting_invited', on: day(-4) });
    // The vote links to the round that decided it, once that round published its result.
    const early = await request(`/officials/rules/${id}/vote`, official, {
      method: 'meeting',
      on: day(-2),
      households: '6',
      present: '5',
      yes: '4',
      rounds: round,
    });
    expect(early.status).toBe(400);
    expect(early.text).toContain('chưa công bố kết quả');
  });

  it('records the vote linked to the published round, the signatures and the dossier; monitors see the checklist', async () => {
    await openVoting(s.core, OFFICIAL, round);
    for (const h of ROLL.slice(0, 5)) await recordAttendance(s.core, OFFICIAL, round, h.id);
    await recordProceduralVote(s.core, OFFICIAL, round, { subject: 'secretary', text: 'Cử bà Lê Thị Hoa làm thư ký', for: 5, against: 0, abstain: 0 });
    await recordProceduralVote(s.core, OFFICIAL, round, { subject: 'counting_committee', text: 'Cử Ban kiểm phiếu', for: 5, against: 0, abstain: 0 });
    await recordVotingMethod(s.core, OFFICIAL, round, 'show_of_hands');
    await recordHandCount(s.core, OFFICIAL, round, { q1: { yes: 4, no: 1, abstain: 0 } });
    await closeAndPublish(s.core, OFFICIAL, round, 'manual');

    await step('vote', { method: 'meeting', on: day(-2), households: '6', present: '5', yes: '4', rounds: round, text: '' });
    const oneHousehold = await request(`/officials/rules/${id}/signatures`, official, { on: today, villageHead: 'A', frontHead: 'B', households: 'TN-001' });
    expect(oneHousehold.status).toBe(400);
    await step('signatures', { on: today, villageHead: 'Trịnh Văn Khánh', frontHead: 'Dương Văn Tài', households: 'TN-001\nTN-002' });
    await step('step', { step: 'dossier_sent', on: today, reference: '09/TTr-TTN' });

    const page = await request(`/officials/processes/${id}`, official);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="step-dossier_sent"');
    expect(page.text).toContain(`href="/officials/c/${round}"`);
    const watch = await request(`/monitors/processes/${id}`, monitor);
    expect(watch.status).toBe(200);
    expect(watch.text).toContain('Được thông qua');
    expect(watch.text).not.toContain('action="/officials/rules');
  });

  it('UBND xã recognises the rule and publishes its stamped copy; the hamlet page shows the rule in force', async () => {
    const view = await request(`/commune/processes/${id}`, commune);
    expect(view.status).toBe(200);
    expect(view.text).toContain(`action="/commune/processes/${id}/rule-recognition"`);
    const noReasons = await request(`/commune/processes/${id}/rule-recognition`, commune, { outcome: 'refused', on: today });
    expect(noReasons.status).toBe(400);
    const byOfficial = await request(`/commune/processes/${id}/rule-recognition`, official, { outcome: 'recognised', on: today });
    expect([401, 403]).toContain(byOfficial.status);
    const ok = await request(`/commune/processes/${id}/rule-recognition`, commune, { outcome: 'recognised', on: today, decision: '77/QĐ-UBND' });
    expect(ok.status, ok.text).toBe(303);
    const upload = new FormData();
    upload.set('file', new File([PNG], 'quyet-dinh.png', { type: 'image/png' }));
    const copy = await request(`/commune/processes/${id}/rule-copy`, commune, upload);
    expect(copy.status, copy.text).toBe(303);

    const log = await s.core.store.getProcessAudit(id);
    expect(checkChain(log)).toEqual([]);
    expect(log.map((e) => e.action)).toEqual([
      'process_created',
      'rule_team_formed',
      'rule_draft_posted',
      'rule_comments_summarised',
      'process_step_recorded',
      'rule_voted',
      'rule_signed',
      'process_step_recorded',
      'rule_recognised',
      'rule_copy_added',
    ]);
    const file = log.at(-1)!.data.file as string;
    expect(await s.core.publisher.get(file)).toEqual(PNG);
    const hamlet = await site('h/xa-thu-nghiem/thon-thu-nghiem/rules.html');
    expect(hamlet).toContain('Đang có hiệu lực');
    expect(hamlet).toContain('Điều 2. Tắt loa sau 22 giờ.');
    expect(hamlet).toContain('77/QĐ-UBND');
    expect(hamlet).toContain(`href="../../../${file}"`);
    expect(hamlet).not.toContain('TN-001');
    const timeline = await site(`p/${id}/index.html`);
    expect(timeline).toContain('Được thông qua: 4/6 hộ tán thành');
  });

  it('seeds the demo rule: recognised earlier with its translation, and an amendment in progress linked to a round', async () => {
    // The demo's own legal profile: the amendment's round opens after the 30 days' notice, as the law asks.
    const demo = await testSystem('community-rule-demo', { profile: DEFAULT_PROFILE });
    try {
      const seeded = await seedRules(
        demo.core,
        OFFICIAL,
        COMMITTEE,
        ROLL.map((h) => ({ ...h, hamlet: 'Thôn Đông' })),
      );
      await demoChecks(demo, seeded);
    } finally {
      demo.cleanup();
    }
  });
});

async function demoChecks(demo: Sys, seeded: Awaited<ReturnType<typeof seedRules>>) {
  const site = async (key: string) => new TextDecoder().decode((await demo.core.publisher.get(key)) ?? new Uint8Array());
  const hamlet = await site('h/xa-thu-nghiem/thon-dong/rules.html');
  expect(hamlet).toContain('Hương ước Thôn Đông');
  expect(hamlet).toContain('Đang có hiệu lực');
  expect(hamlet).toContain('112/QĐ-UBND');
  expect(hamlet).toContain('lang="tyz"');
  expect(hamlet).toContain(`p/${seeded.amendment}/index.html`);
  expect(hamlet).toContain(`c/${seeded.round}/index.html`);
  const amendment = await site(`p/${seeded.amendment}/index.html`);
  expect(amendment).toContain('Sửa đổi, bổ sung');
  expect(amendment).toContain('Chưa được Ủy ban nhân dân cấp xã công nhận');
  const official = await demo.token('official');
  const page = await demo.app.request(`/officials/processes/${seeded.amendment}`, { headers: { cookie: `danban_session=${official}` } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('id="form-comments_summarised"');
  expect(checkChain(await demo.core.store.getProcessAudit(seeded.rule))).toEqual([]);
}
