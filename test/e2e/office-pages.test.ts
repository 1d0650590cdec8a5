/**
 * The pages of a village head's dismissal and of a board election in real Chromium on a 360 px wide phone: the public
 * timelines (the vote as N of H, the petition, the acting head; the members elected and the seat left by a tie) and
 * the staff checklist with its facts, each with no serious or critical axe-core violation and nothing scrolling
 * sideways. Rendered from the domain's values as they are published.
 */
import { jsx } from 'hono/jsx';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardSteps } from '../../shared/process/boards.ts';
import { checklist, type StepEvent } from '../../shared/process/checklist.ts';
import { dismissalSteps } from '../../shared/process/dismissal.ts';
import { electionOutcome } from '../../shared/process/election.ts';
import { ChecklistView } from '../../web/process/checklist-view.tsx';
import { OfficeFacts } from '../../web/process/office-facts.tsx';
import { timelinePage } from '../../web/process/timeline-page.tsx';
import { renderShown } from '../web/process/render.ts';
import { launchChromium, phonePage, reportMinor, runAxe, sidewaysOverflow } from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than being skipped.
const browser = await launchChromium();

const plan = { meeting: '2027-03-01', holidays: [] as string[], ground: 'front_proposal' as const, headLeadsFront: false };
const events: StepEvent[] = [
  { id: 'dismissal_requested', at: '2027-02-10T02:00:00Z' },
  { id: 'meeting_invited', at: '2027-02-28T02:00:00Z' },
  { id: 'dismissal_meeting', at: '2027-03-01T09:00:00Z' },
  { id: 'decision_sent', at: '2027-03-02T02:00:00Z' },
  { id: 'dismissal_recognised', at: '2027-03-04T02:00:00Z' },
  { id: 'acting_head_appointed', at: '2027-03-04T03:00:00Z' },
];
const rows = checklist(dismissalSteps(plan, events), events, new Date('2027-03-05T03:00:00Z'));
const dismissal = timelinePage({
  kind: 'dismissal',
  hamlet: 'Thôn Tây',
  communeName: 'Xã An Bình',
  meeting: plan.meeting,
  rows,
  ground: plan.ground,
  headLeadsFront: false,
  petition: { households: 96, signed: 51 },
  vote: { households: 96, present: 71, yes: 63, dismissed: true, threshold: 49 },
  recognition: { outcome: 'recognised', on: '2027-03-04', decision: '21/QĐ-UBND' },
  actingHead: 'Phạm Văn Tạm',
});
const count = { households: 142, present: 118, seats: 2, votes: { c1: 76, c2: 74, c3: 74, c4: 10 } };
const boardEvents: StepEvent[] = [{ id: 'board_candidates_listed', at: '2027-02-10T02:00:00Z' }];
const boardRows = checklist(boardSteps('inspection', { meeting: plan.meeting, holidays: [] }, boardEvents), boardEvents, new Date('2027-03-05T03:00:00Z'));
const candidates = [
  { id: 'c1', name: 'Đặng Thị Hồng', source: 'front_list' as const },
  { id: 'c2', name: 'Bùi Văn Lực', source: 'front_list' as const },
  { id: 'c3', name: 'Ngô Thị Mến', source: 'front_list' as const },
  { id: 'c4', name: 'Phan Văn Nghĩa', source: 'nominated' as const },
];
const board = timelinePage({
  kind: 'board_election',
  hamlet: 'Thôn Đông',
  meeting: plan.meeting,
  rows: boardRows,
  board: 'inspection',
  result: { count, outcome: electionOutcome(count), candidates },
});
const staff = renderShown(
  'vi',
  jsx(ChecklistView, {
    role: 'official',
    kind: 'board_election',
    hamlet: 'Thôn Đông',
    meeting: plan.meeting,
    rows: boardRows,
    children: jsx(OfficeFacts, {
      record: { kind: 'board_election', board: { board: 'inspection', seats: 2 }, candidates, count },
      outcome: electionOutcome(count),
    }),
  }),
);

describe.each([
  ['the public timeline of a dismissal', dismissal],
  ['the public timeline of a board election', board],
  ['the staff checklist of a board election', staff],
])('%s on a 360 px wide phone', (name, html) => {
  let page: Page;
  let errors: string[];
  let closePage: () => Promise<void>;

  beforeAll(async () => {
    ({ page, errors, close: closePage } = await phonePage(browser, { javaScript: true }));
    await page.setContent(html);
  });
  afterAll(async () => {
    await closePage?.();
  });

  it('has no serious or critical axe-core violation and logs no error', async () => {
    const { serious, other, passed } = await runAxe(page);
    reportMinor(name, other);
    expect(passed).toBeGreaterThan(10);
    expect(serious).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('fits the screen', async () => {
    const { overflow, culprits } = await sidewaysOverflow(page);
    expect(culprits, 'wider than the screen').toEqual([]);
    expect(overflow).toBe(0);
  });
});

describe('what the pages say', () => {
  it('states the vote as N of H, the late steps, and a seat left empty by a tie', () => {
    expect(dismissal).toContain('Cuộc họp tán thành cho thôi: 63/96 hộ');
    expect(dismissal).toContain('Kiến nghị của 51/96 hộ gia đình');
    expect(dismissal).toContain('Hạn quyết định bầu Trưởng thôn, Tổ trưởng tổ dân phố mới');
    expect(board).toContain('Còn 1 vị trí chưa bầu được');
    expect(staff).toContain('Trúng cử: Đặng Thị Hồng.');
    expect(staff).not.toContain('<span lang="en"');
  });
});

afterAll(async () => {
  await browser.close();
});
