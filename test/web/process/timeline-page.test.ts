import { describe, expect, it } from 'vitest';
import { boardSteps } from '../../../shared/process/boards.ts';
import { checklist, STATUS_WORDS, type StepEvent } from '../../../shared/process/checklist.ts';
import { communityRuleSteps, ruleAdoption, type RuleVote } from '../../../shared/process/community-rules.ts';
import { dismissalSteps } from '../../../shared/process/dismissal.ts';
import { electionOutcome, NOT_ELECTED_WORDS } from '../../../shared/process/election.ts';
import { type Consent, consentValidUntil, initiativeStanding, PATH_WORDS, paperConsents } from '../../../shared/process/initiatives.ts';
import { ruleState } from '../../../shared/process/rule-rounds.ts';
import { electionSteps } from '../../../shared/process/village-head.ts';
import type { NamedCandidate } from '../../../web/process/election-parts.tsx';
import { INITIATIVE_STATUS_WORDS } from '../../../web/process/initiative-parts.tsx';
import { timelinePage, type InitiativeTimeline } from '../../../web/process/timeline-page.tsx';
import { dayVi } from '../../../web/process/words.tsx';
import { textOf } from './render.ts';

const plan = { meeting: '2027-03-01', holidays: [] as string[] };
const at = (day: string) => `${day}T02:00:00Z`;
const common = { hamlet: 'Thôn Đông', communeName: 'Xã An Bình', base: '../../', meeting: plan.meeting };

/** What every public page must be: NFC, Vietnamese first with English beside it, no RFC 3339 instant. */
function expectPublic(html: string) {
  expect(html).toBe(html.normalize('NFC'));
  expect(html).toContain('<html lang="vi">');
  expect(html).toContain('lang="en"');
  expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
}

const allDone = (ids: string[], day: string): StepEvent[] => ids.map((id) => ({ id, at: at(day) }));
const candidates: NamedCandidate[] = [
  { id: 'c1', name: 'Trần Thị Bình', source: 'front_list' },
  { id: 'c2', name: 'Lê Văn Cường', source: 'self_nominated' },
];

describe('the public timeline of a village-head election', () => {
  const before = allDone(['election_decided', 'candidates_listed', 'team_formed', 'notice_posted', 'meeting_invited'], '2027-02-05');
  const events = [...before, { id: 'election_held', at: at('2027-03-01') }, { id: 'decision_sent', at: at('2027-03-02') }];
  const rows = checklist(electionSteps(plan, events), events, new Date('2027-03-03T03:00:00Z'));

  it('says who is elected with N of H votes, the threshold, and the steps with their statuses in words', () => {
    const count = { households: 120, present: 90, seats: 1, votes: { c1: 70, c2: 15 } };
    const html = timelinePage({ ...common, kind: 'village_head_election', rows, result: { count, outcome: electionOutcome(count), candidates } });
    expectPublic(html);
    expect(textOf(html)).toContain('Trần Thị Bình trúng cử với 70/120 phiếu tán thành');
    expect(textOf(html)).toContain('ít nhất 61 phiếu');
    for (const r of rows) expect(textOf(html)).toContain(STATUS_WORDS[r.status].vi);
    expect(textOf(html)).toContain(STATUS_WORDS.due.en);
    expect(html).not.toContain('bước trễ hạn');
    expect(textOf(html)).toContain('Ủy ban nhân dân cấp xã chưa có quyết định');
  });

  it('says why nobody is elected, and the recognition once decided', () => {
    const count = { households: 120, present: 90, seats: 1, votes: { c1: 50, c2: 40 } };
    const outcome = electionOutcome(count);
    const recognition = { outcome: 'new_election' as const, on: '2027-03-05', decision: '12/QĐ-UBND' };
    const html = timelinePage({ ...common, kind: 'village_head_election', rows, result: { count, outcome, candidates }, recognition });
    expectPublic(html);
    expect(outcome.reason).toBe('no_majority');
    expect(textOf(html)).toContain(`Không có người trúng cử: ${NOT_ELECTED_WORDS.no_majority.vi}`);
    expect(textOf(html)).toContain(`quyết định bầu lại (Quyết định số 12/QĐ-UBND) ngày ${dayVi('2027-03-05')}`);
  });

  it('flags late steps at the top of the steps', () => {
    const late = checklist(electionSteps(plan, []), [], new Date('2027-02-20T03:00:00Z'));
    const html = timelinePage({ ...common, kind: 'village_head_election', rows: late });
    expect(late.filter((r) => r.status === 'overdue')).toHaveLength(3);
    expect(textOf(html)).toContain('3 bước trễ hạn');
    expect(textOf(html)).toContain('3 steps late');
    expect(html.indexOf('bước trễ hạn')).toBeLessThan(html.indexOf('<ol class="timeline">'));
  });
});

describe('the public timeline of a dismissal and of a board election', () => {
  it('a dismissal: who convened, the recognition, the acting head and the 60 days for a new election', () => {
    const p = { ...plan, ground: 'front_proposal' as const, headLeadsFront: false };
    const events = allDone(['dismissal_requested', 'meeting_invited', 'dismissal_meeting', 'decision_sent', 'dismissal_recognised'], '2027-03-01');
    const rows = checklist(dismissalSteps(p, events), events, new Date('2027-03-10T03:00:00Z'));
    const due = rows.find((r) => r.step === 'new_election_decided')?.due;
    const html = timelinePage({
      ...common,
      kind: 'dismissal',
      ground: p.ground,
      headLeadsFront: false,
      rows,
      recognition: { outcome: 'recognised', on: '2027-03-01' },
      actingHead: 'Phạm Văn Dũng',
    });
    expectPublic(html);
    expect(due).toBeTruthy();
    expect(textOf(html)).toContain(`Hạn quyết định bầu Trưởng thôn, Tổ trưởng tổ dân phố mới: ${dayVi(due!)}`);
    expect(textOf(html)).toContain('Trưởng ban công tác Mặt trận ở thôn, tổ dân phố triệu tập và chủ trì cuộc họp');
    expect(textOf(html)).toContain('Theo đề nghị của Trưởng ban công tác Mặt trận ở thôn, tổ dân phố.');
    expect(textOf(html)).toContain('Trưởng thôn, Tổ trưởng tổ dân phố lâm thời: Phạm Văn Dũng');
  });

  it('a board election: two seats, one filled, the reason for the other, recognised by UBMTTQ xã', () => {
    const events = allDone(['board_candidates_listed', 'meeting_invited', 'board_election_held'], '2027-03-01');
    const rows = checklist(boardSteps('inspection', plan, events), events, new Date('2027-03-02T03:00:00Z'));
    const count = { households: 100, present: 80, seats: 2, votes: { c1: 60, c2: 30 } };
    const outcome = electionOutcome(count);
    const html = timelinePage({ ...common, kind: 'board_election', board: 'inspection', rows, result: { count, outcome, candidates } });
    expectPublic(html);
    expect(outcome.status).toBe('partly_elected');
    expect(textOf(html)).toContain('Bầu thành viên Ban Thanh tra nhân dân');
    expect(textOf(html)).toContain('Trần Thị Bình trúng cử với 60/100 phiếu');
    expect(textOf(html)).toContain(`Còn 1 vị trí chưa bầu được: ${NOT_ELECTED_WORDS.no_majority.vi}`);
    expect(textOf(html)).toContain('Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã chưa có quyết định');
  });
});

describe('the public timeline of a community rule’s round', () => {
  it('the vote, the text with its translation beside it, the recognition and the rule’s history', () => {
    const p = { ...plan, proposal: { by: 'village_head_with_front' as const } };
    const events = allDone(['rule_proposed', 'drafting_team_formed', 'draft_posted'], '2027-01-10');
    const rows = checklist(communityRuleSteps(p, events), events, new Date('2027-03-03T03:00:00Z'));
    const vote: RuleVote = { method: 'meeting', households: 120, present: 80, yes: 75 };
    const rounds = [{ round: { id: 'r1', kind: 'adoption' as const, effective: '2027-03-08' }, title: 'Hương ước thôn Đông', href: '../r1/' }];
    const html = timelinePage({
      ...common,
      kind: 'community_rule',
      rows,
      round: {
        kind: 'adoption',
        title: 'Hương ước thôn Đông',
        text: { vi: 'Điều 1. Giữ gìn vệ sinh chung.', translations: [{ language: "H'Mông", lang: 'hmn', text: 'Tshooj 1.' }] },
      },
      adoption: { vote, outcome: ruleAdoption(vote) },
      recognition: { on: '2027-03-08', decision: '45/QĐ-UBND', copy: 'recognition.pdf' },
      rule: {
        state: ruleState(
          rounds.map((r) => r.round),
          'r1',
          '2027-03-10',
        ),
        rounds,
        href: '../../rules/thon-dong/',
      },
    });
    expectPublic(html);
    expect(textOf(html)).toContain('Được thông qua: 75/120 hộ tán thành');
    expect(html).toContain('<div class="comment-text" lang="hmn">Tshooj 1.</div>');
    expect(html.indexOf('lang="vi">Điều 1.')).toBeLessThan(html.indexOf('lang="hmn"'));
    expect(textOf(html)).toContain(`công nhận theo Quyết định số 45/QĐ-UBND ngày ${dayVi('2027-03-08')}`);
    expect(html).toContain('href="recognition.pdf"');
    expect(textOf(html)).toContain('Đang có hiệu lực');
    expect(html).toContain('href="../r1/"');
    for (const r of rows) expect(textOf(html)).toContain(STATUS_WORDS[r.status].vi);
  });
});

describe('the public page of a citizens’ initiative', () => {
  const roll = Array.from({ length: 30 }, (_, i) => `TD-${String(i + 1).padStart(2, '0')}`);
  const proposer = 'Nguyễn Văn Đề Xuất';
  const paper = paperConsents({
    id: 'DS-1',
    filedBy: proposer,
    filedOn: '2027-01-05',
    entries: [
      { rollId: 'TD-01', on: '2027-01-02' },
      { rollId: 'TD-02', on: '2027-01-03' },
    ],
  });
  const online: Consent[] = [
    { rollId: 'TD-03', on: '2027-01-10', channel: 'online' },
    { rollId: 'XX-99', on: '2027-01-10', channel: 'online' },
  ];
  const consents = [...paper, ...online];
  const page = (day: string, frontApproved = false): string => {
    const t: InitiativeTimeline = {
      ...common,
      kind: 'initiative',
      title: 'Lắp đèn đường xóm Giữa',
      titleEn: 'Street lights',
      matter: 'other_self_managed',
      day,
      roll,
      consents,
      standing: initiativeStanding({ consents, roll, day, frontApproved }),
    };
    return timelinePage(t);
  };

  it('counts consents by roll id against 10 % of H, with the day each stops counting, and never names anyone', () => {
    const html = page('2027-01-20');
    expectPublic(html);
    expect(textOf(html)).toContain(INITIATIVE_STATUS_WORDS.reached.vi);
    expect(textOf(html)).toContain('3 hộ đồng thuận trên tổng số 30 hộ');
    expect(textOf(html)).toContain('cần ít nhất 3 hộ (10% tổng số hộ gia đình)');
    expect(textOf(html)).toContain(PATH_WORDS.agenda.vi);
    for (const id of ['TD-01', 'TD-02', 'TD-03']) expect(html).toContain(`<th scope="row">${id}</th>`);
    expect(textOf(html)).toContain(dayVi(consentValidUntil('2027-01-02')));
    expect(textOf(html)).toContain('1 ý kiến ghi số hộ không có trong danh sách hộ');
    expect(html).not.toContain('XX-99');
    expect(html).not.toContain(proposer);
    expect(textOf(html)).toContain('Danh sách giấy DS-1 (người đề xuất nộp và chịu trách nhiệm)');
  });

  it('below 10 %: collecting, or approved by the Front; after 3 months: expired', () => {
    const partly = page('2027-04-05');
    expect(textOf(partly)).toContain(INITIATIVE_STATUS_WORDS.collecting.vi);
    expect(textOf(partly)).toContain(PATH_WORDS.front_may_approve.vi);
    expect(textOf(page('2027-04-05', true))).toContain(INITIATIVE_STATUS_WORDS.front_approved.vi);
    const expired = page('2027-06-01');
    expectPublic(expired);
    expect(textOf(expired)).toContain(INITIATIVE_STATUS_WORDS.expired.vi);
    expect(textOf(expired)).toContain('3 hộ đã đồng thuận nhưng ý kiến đã hết hiệu lực');
    expect(expired).not.toContain(proposer);
  });
});
