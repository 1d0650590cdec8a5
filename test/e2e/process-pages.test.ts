/**
 * The process pages in real Chromium on a 360 px wide phone: the public timeline of a village-head election with late
 * steps, an initiative's page, and the staff checklist, each with no serious or critical axe-core violation and
 * nothing scrolling sideways. The pages are rendered from the domain's values and loaded as they are published.
 */
import { jsx } from 'hono/jsx';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklist, type StepEvent } from '../../shared/process/checklist.ts';
import { electionOutcome } from '../../shared/process/election.ts';
import { type Consent, initiativeStanding } from '../../shared/process/initiatives.ts';
import { electionSteps } from '../../shared/process/village-head.ts';
import { ChecklistView } from '../../web/process/checklist-view.tsx';
import { timelinePage } from '../../web/process/timeline-page.tsx';
import { renderShown } from '../web/process/render.ts';
import { launchChromium, phonePage, reportMinor, runAxe, sidewaysOverflow } from './browser.ts';

// Started as the file loads, so that without a working Chromium the file fails rather than being skipped.
const browser = await launchChromium();

const plan = { meeting: '2027-03-01', holidays: [] as string[] };
const events: StepEvent[] = [
  { id: 'election_decided', at: '2027-02-08T02:00:00Z' },
  { id: 'candidates_listed', at: '2027-02-16T02:00:00Z' },
];
const rows = checklist(electionSteps(plan, events), events, new Date('2027-02-20T03:00:00Z'));
const count = { households: 120, present: 90, seats: 1, votes: { c1: 70, c2: 15 } };
const election = timelinePage({
  kind: 'village_head_election',
  hamlet: 'Thôn Đông',
  communeName: 'Xã An Bình',
  meeting: plan.meeting,
  rows,
  result: {
    count,
    outcome: electionOutcome(count),
    candidates: [
      { id: 'c1', name: 'Trần Thị Bình', source: 'front_list' },
      { id: 'c2', name: 'Lê Văn Cường', source: 'nominated' },
    ],
  },
});
const roll = Array.from({ length: 20 }, (_, i) => `TD-${String(i + 1).padStart(2, '0')}`);
const consents: Consent[] = [
  { rollId: 'TD-01', on: '2027-01-02', channel: 'paper', list: 'DS-1', filedBy: 'proposer' },
  { rollId: 'TD-02', on: '2027-01-10', channel: 'online' },
];
const initiative = timelinePage({
  kind: 'initiative',
  hamlet: 'Thôn Đông',
  title: 'Lắp đèn đường xóm Giữa',
  matter: 'other_self_managed',
  day: '2027-01-20',
  roll,
  consents,
  standing: initiativeStanding({ consents, roll, day: '2027-01-20', frontApproved: false }),
});
const staff = renderShown('en', jsx(ChecklistView, { role: 'monitor', kind: 'village_head_election', hamlet: 'Thôn Đông', meeting: plan.meeting, rows }));

describe.each([
  ['the public timeline of an election', election],
  ['the public page of an initiative', initiative],
  ['the staff checklist, with English', staff],
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

afterAll(async () => {
  await browser.close();
});
