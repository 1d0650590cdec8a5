import { jsx } from 'hono/jsx';
import { describe, expect, it } from 'vitest';
import { checklist, hasLateSteps, STATUS_WORDS, type StepEvent, type StepStatus } from '../../../shared/process/checklist.ts';
import { communityRuleSteps } from '../../../shared/process/community-rules.ts';
import { electionSteps } from '../../../shared/process/village-head.ts';
import { ChecklistView, type ChecklistViewInput } from '../../../web/process/checklist-view.tsx';
import { STATUS_MARK } from '../../../web/process/words.tsx';
import { renderShown, textOf } from './render.ts';

const plan = { meeting: '2027-03-01', holidays: [] as string[] };
// Decided on time, the candidates' list two days late, the team not formed by its limit; the rest to come.
const events: StepEvent[] = [
  { id: 'election_decided', at: '2027-02-08T02:00:00Z' },
  { id: 'candidates_listed', at: '2027-02-16T02:00:00Z' },
];
const now = new Date('2027-02-20T03:00:00Z');
const rows = checklist(electionSteps(plan, events), events, now);
const input: ChecklistViewInput = { role: 'official', kind: 'village_head_election', hamlet: 'Thôn Đông', meeting: plan.meeting, rows, back: '/officials/' };
const vi = renderShown('vi', jsx(ChecklistView, input));
const en = renderShown('en', jsx(ChecklistView, input));

describe('the staff checklist of a village-head election', () => {
  it('covers every status the scenario makes', () => {
    const statuses = new Set(rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual<StepStatus[]>(['done', 'done_late', 'due', 'not_yet', 'overdue']);
  });

  it('shows each step in the law’s words with its article, and its status in words beside a mark', () => {
    for (const r of rows) {
      const row = vi.slice(vi.indexOf(`id="step-${r.step}"`));
      const cell = row.slice(0, row.indexOf('</tr>'));
      expect(textOf(cell)).toContain(r.vi);
      expect(textOf(cell)).toContain(r.cite.vi);
      expect(textOf(cell)).toContain(`${STATUS_MARK[r.status]} ${STATUS_WORDS[r.status].vi}`);
    }
  });

  it('flags the late steps at the top, each linking to its row', () => {
    const late = rows.filter((r) => r.status === 'overdue' || r.status === 'done_late');
    expect(hasLateSteps(rows)).toBe(true);
    expect(late.map((r) => r.step)).toEqual(['candidates_listed', 'team_formed']);
    const flag = vi.indexOf('2 bước trễ hạn');
    expect(flag).toBeGreaterThan(0);
    expect(flag).toBeLessThan(vi.indexOf('<table'));
    for (const r of late) expect(vi).toContain(`href="#step-${r.step}"`);
  });

  it('writes limits and acts as Vietnamese days and times, never RFC 3339', () => {
    expect(textOf(vi)).toContain('Thứ Ba, 09/02/2027');
    // The candidates' limit is a Sunday: the office acts by the Friday before.
    expect(textOf(vi)).toContain('làm chậm nhất Thứ Sáu, 12/02/2027');
    expect(textOf(vi)).toContain('09:00 ngày 8/2/2027');
    expect(vi).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('is Vietnamese alone by default, and has English beside it under the English context', () => {
    expect(vi).not.toContain('lang="en"');
    expect(vi).not.toContain(STATUS_WORDS.overdue.en);
    expect(en).toContain('lang="en"');
    expect(en).toContain(STATUS_WORDS.overdue.en);
    expect(en).toContain('2 steps late');
    expect(en).toContain(rows[0]!.cite.en);
  });

  it('is NFC and stacks its table on a narrow screen, every cell labelled', () => {
    expect(vi).toBe(vi.normalize('NFC'));
    expect(en).toBe(en.normalize('NFC'));
    expect(vi).toContain('<table class="stack checklist">');
    expect(vi.match(/data-label="Trạng thái"/g)).toHaveLength(rows.length);
  });
});

describe('a checklist with nothing late', () => {
  it('says so instead of flagging', () => {
    const rulePlan = { ...plan, proposal: { by: 'village_head_with_front' as const } };
    const ok = checklist(communityRuleSteps(rulePlan, []), [], new Date('2026-12-01T03:00:00Z'));
    expect(hasLateSteps(ok)).toBe(false);
    const html = renderShown('vi', jsx(ChecklistView, { ...input, kind: 'community_rule', rows: ok, role: 'monitor' }));
    expect(html).toContain('Không có bước nào trễ hạn.');
    expect(html).not.toContain('bước trễ hạn</');
    expect(html).toContain('Hương ước, quy ước — Thôn Đông');
    expect(html).toContain('href="/monitors/"');
  });
});
