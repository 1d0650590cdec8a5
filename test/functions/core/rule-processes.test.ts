/**
 * A community rule on the in-memory store (Decree 61/2023): proposed, its drafting team checked for an elder and a
 * speaker of the community's minority language, the draft posted 30 days, the comments summarised, a meeting that
 * missed the attendance then a household ballot, the signatures, the dossier, UBND xã's recognition with its stamped
 * copy, a translation beside the Vietnamese; then an amendment linked to the rule in force. The round's page and the
 * hamlet's rule page are published after each act.
 */
import { describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../functions/core/deps.ts';
import type { Principal } from '../../../functions/core/ports.ts';
import { processOf } from '../../../functions/core/processes.ts';
import { addRuleCopy, recogniseRule, recordSignatures, recordVote } from '../../../functions/core/rule-adoption.ts';
import { hamletSlug } from '../../../functions/core/rule-pages.ts';
import { addTranslation, createRule, recordComments, recordDraft, recordRuleStep, recordRuleTeam } from '../../../functions/core/rule-processes.ts';
import { checkChain } from '../../../shared/audit.ts';
import { DomainError } from '../../../shared/errors.ts';
import { memoryCoreDeps } from '../../support/core-deps.ts';

const OFFICIAL: Principal = { sub: 'o1', role: 'official', commune: 'xa-an-binh' };
const OTHER: Principal = { sub: 'o2', role: 'official', commune: 'xa-ben-canh' };
const UBND: Principal = { sub: 'u1', role: 'commune', commune: 'xa-an-binh' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const RULES = 'h/xa-an-binh/thon-dong/rules.html';

function world(start: string) {
  let now = new Date(start);
  let n = 0;
  const files = new Map<string, string>();
  const core: CoreDeps = {
    ...memoryCoreDeps(now, ''),
    clock: { now: () => now },
    ids: { ulid: () => `01JDANBAN00000000000000R${String(++n).padStart(2, '0')}`, random: () => new Uint8Array(16) },
    publisher: {
      put: async (key, body) => void files.set(key, typeof body === 'string' ? body : new TextDecoder().decode(body)),
      get: async () => undefined,
      url: (k) => k,
    },
  };
  return { core, files, at: (iso: string) => void (now = new Date(iso)) };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

const NEW_RULE = {
  hamlet: 'Thôn Đông',
  meeting: '2027-03-01',
  on: '2027-01-05',
  title: 'Hương ước thôn Đông',
  round: 'adoption',
  proposal: 'village_head_with_front',
  hasElders: true,
  minorityLanguages: ["H'Mông"],
};

describe('a community rule from proposal to recognition', () => {
  it('records each step with the law’s checks, recognises it, and publishes the rule in force with its history', async () => {
    const w = world('2027-01-05T02:00:00Z');
    expect((await refusal(createRule(w.core, OFFICIAL, { ...NEW_RULE, meeting: '2027-02-01' }))).details?.[0]?.path).toBe('meeting');
    expect((await refusal(createRule(w.core, OFFICIAL, { ...NEW_RULE, proposal: 'initiative' }))).details?.[0]?.path).toBe('initiativeId');
    const rule = await createRule(w.core, OFFICIAL, NEW_RULE);
    const id = rule.id;
    const noSpeaker = await refusal(recordRuleTeam(w.core, OFFICIAL, id, { on: '2027-01-05', members: [{ name: 'Lò Văn Già', elder: true, languages: [] }] }));
    expect(noSpeaker.vi).toContain("Tổ soạn thảo cần có người biết tiếng H'Mông");
    expect((await refusal(recordDraft(w.core, OFFICIAL, id, { on: '2027-01-05', text: 'Điều 1.' }))).code).toBe('wrong_state');
    await recordRuleTeam(w.core, OFFICIAL, id, {
      on: '2027-01-05',
      members: [
        { name: 'Lò Văn Già', elder: true, languages: [] },
        { name: 'Giàng Thị Mai', elder: false, languages: ["H'Mông"] },
      ],
    });
    await recordDraft(w.core, OFFICIAL, id, { on: '2027-01-05', text: 'Điều 1. Giữ gìn vệ sinh chung.' });
    w.at('2027-02-20T02:00:00Z');
    await recordComments(w.core, OFFICIAL, id, { on: '2027-02-20', received: 12, summary: '12 ý kiến về giờ giấc.', answers: 'Tiếp thu.' });
    await recordRuleStep(w.core, OFFICIAL, id, { step: 'meeting_invited', on: '2027-02-20' });
    // The ballot only follows a meeting that missed the attendance.
    w.at('2027-03-01T09:00:00Z');
    const ballotFirst = await refusal(recordVote(w.core, OFFICIAL, id, { on: '2027-03-01', method: 'household_ballot', households: 100, yes: 60, rounds: [] }));
    expect(ballotFirst.details?.[0]?.path).toBe('method');
    await recordVote(w.core, OFFICIAL, id, { on: '2027-03-01', method: 'meeting', households: 100, present: 50, yes: 48, rounds: [] });
    expect((await refusal(recordRuleStep(w.core, OFFICIAL, id, { step: 'dossier_sent', on: '2027-03-01' }))).code).toBe('wrong_state');
    w.at('2027-03-08T09:00:00Z');
    await recordVote(w.core, OFFICIAL, id, { on: '2027-03-08', method: 'household_ballot', households: 100, yes: 61, rounds: [] });
    const oneHousehold = await refusal(
      recordSignatures(w.core, OFFICIAL, id, { on: '2027-03-08', villageHead: 'A', frontHead: 'B', households: ['TD-001', 'TD-001'] }),
    );
    expect(oneHousehold.vi).toContain('02 (hai) đại diện');
    await recordSignatures(w.core, OFFICIAL, id, {
      on: '2027-03-08',
      villageHead: 'Trịnh Văn Khánh',
      frontHead: 'Dương Văn Tài',
      households: ['TD-001', 'TD-002'],
    });
    expect((await refusal(recogniseRule(w.core, UBND, id, { outcome: 'recognised', on: '2027-03-08' }))).code).toBe('not_sent');
    await recordRuleStep(w.core, OFFICIAL, id, { step: 'dossier_sent', on: '2027-03-08', reference: '05/TTr-TĐ' });
    expect((await refusal(recogniseRule(w.core, OFFICIAL, id, { outcome: 'recognised', on: '2027-03-08' }))).code).toBe('forbidden');
    expect((await refusal(recogniseRule(w.core, UBND, id, { outcome: 'refused', on: '2027-03-08' }))).details?.[0]?.path).toBe('reasons');
    expect((await refusal(addRuleCopy(w.core, UBND, id, { mediaType: 'image/png', bytes: PNG }))).code).toBe('wrong_state');
    await recogniseRule(w.core, UBND, id, { outcome: 'recognised', on: '2027-03-08', decision: '30/QĐ-UBND' });
    const copy = await addRuleCopy(w.core, UBND, id, { mediaType: 'image/png', bytes: PNG });
    expect(copy.file).toMatch(new RegExp(`^p/${id}/copy/[0-9a-f]{64}\\.png$`));
    await addTranslation(w.core, OFFICIAL, id, { on: '2027-03-08', language: "H'Mông", lang: 'hmn', text: 'Tshooj 1.' });

    const v = await processOf(w.core, OFFICIAL, id);
    const status = Object.fromEntries(v.rows.map((r) => [r.step, r.status]));
    expect(status).toMatchObject({ rule_proposed: 'done', draft_posted: 'done', adoption_meeting: 'done', household_ballot: 'done', rule_recognised: 'done' });
    expect(checkChain(v.log)).toEqual([]);
    expect(v.log.map((e) => e.action)).toContain('rule_copy_added');

    const page = w.files.get(RULES)!;
    expect(page).toContain('Đang có hiệu lực');
    expect(page).toContain('Điều 1. Giữ gìn vệ sinh chung.');
    expect(page).toContain('lang="hmn"');
    expect(page).toContain('30/QĐ-UBND');
    expect(page).toContain(`href="../../../${copy.file}"`);
    expect(page).not.toContain('TD-001');
    expect(page).toBe(page.normalize('NFC'));
    const round = w.files.get(`p/${id}/index.html`)!;
    expect(round).toContain('Được thông qua: 61/100 hộ tán thành');
    expect(round).toContain('href="../../h/xa-an-binh/thon-dong/rules.html"');
  });

  it('links an amendment to the rule in force only, and shows it in the history once recognised', async () => {
    const w = world('2027-01-05T02:00:00Z');
    const rule = await createRule(w.core, OFFICIAL, { ...NEW_RULE, minorityLanguages: [] });
    const early = await refusal(createRule(w.core, OFFICIAL, { ...NEW_RULE, round: 'amendment', ruleOf: rule.id, title: 'Sửa đổi' }));
    expect(early.vi).toContain('chưa có hiệu lực');
    expect((await refusal(createRule(w.core, OFFICIAL, { ...NEW_RULE, round: 'amendment', title: 'Sửa đổi' }))).details?.[0]?.path).toBe('ruleOf');
    await recordRuleTeam(w.core, OFFICIAL, rule.id, { on: '2027-01-05', members: [{ name: 'Lò Văn Già', elder: true, languages: [] }] });
    await recordDraft(w.core, OFFICIAL, rule.id, { on: '2027-01-05', text: 'Điều 1.' });
    w.at('2027-03-01T09:00:00Z');
    // Not before the draft was posted 30 days: the meeting is the 1st of March, the draft posted the 5th of January.
    await recordVote(w.core, OFFICIAL, rule.id, { on: '2027-03-01', method: 'meeting', households: 10, present: 8, yes: 7, rounds: [] });
    await recordSignatures(w.core, OFFICIAL, rule.id, { on: '2027-03-01', villageHead: 'A', frontHead: 'B', households: ['X1', 'X2'] });
    await recordRuleStep(w.core, OFFICIAL, rule.id, { step: 'dossier_sent', on: '2027-03-01' });
    await recogniseRule(w.core, UBND, rule.id, { outcome: 'recognised', on: '2027-03-01' });

    w.at('2027-04-01T02:00:00Z');
    const amendment = await createRule(w.core, OFFICIAL, {
      ...NEW_RULE,
      on: '2027-04-01',
      meeting: '2027-05-10',
      round: 'amendment',
      ruleOf: rule.id,
      title: 'Sửa đổi Điều 1',
      minorityLanguages: [],
    });
    expect((await refusal(createRule(w.core, OTHER, { ...NEW_RULE, round: 'amendment', ruleOf: rule.id, title: 'X' }))).vi).toContain('Không tìm thấy');
    const early2 = await refusal(
      recordVote(w.core, OFFICIAL, amendment.id, { on: '2027-04-01', method: 'meeting', households: 10, present: 8, yes: 7, rounds: [] }),
    );
    expect(early2.code).toBe('wrong_state');
    const round = w.files.get(`p/${amendment.id}/index.html`)!;
    expect(round).toContain('Sửa đổi, bổ sung: Sửa đổi Điều 1');
    expect(round).toContain('Hương ước thôn Đông');
    expect(hamletSlug('Tổ dân phố Số 3 — Đồng Xuân')).toBe('to-dan-pho-so-3-dong-xuan');
  });
});
