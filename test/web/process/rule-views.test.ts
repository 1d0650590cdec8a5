/**
 * The staff views of a community rule (web/process/rule-facts.tsx, rule-forms.tsx): Vietnamese alone unless English is
 * asked for, the forms of the steps not yet recorded in the law's order (a household ballot only after a meeting that
 * missed the attendance), and the hamlet's public page listing the rounds in progress with their discussion.
 */
import { jsx } from 'hono/jsx';
import { describe, expect, it } from 'vitest';
import { communityRulePage } from '../../../web/process/community-rule-page.tsx';
import { RuleFacts, type RuleFactsInput } from '../../../web/process/rule-facts.tsx';
import { CreateRuleForm, RuleStepForms } from '../../../web/process/rule-forms.tsx';
import { renderShown } from './render.ts';

const base: RuleFactsInput & { steps: { step: string }[] } = {
  id: '01JDANBAN00000000000000R01',
  hamlet: 'Thôn Đông',
  steps: [{ step: 'rule_proposed' }, { step: 'drafting_team_formed' }, { step: 'draft_posted' }],
  rule: {
    round: 'adoption',
    title: 'Hương ước Thôn Đông',
    proposal: { by: 'initiative', initiative: 'SK-01' },
    postingDays: 30,
    community: { hasElders: true, minorityLanguages: ['Tày'] },
    team: [{ name: 'Hoàng Văn Thụ', elder: true, languages: ['Tày'] }],
    draft: { text: 'Điều 1.', consultation: '01JDANBAN0000000000000C001' },
  },
};
const links = { roundHref: (id: string) => `/officials/c/${id}`, processHref: (id: string) => `/officials/processes/${id}` };

describe('a community rule on the staff pages', () => {
  it('shows the facts in Vietnamese alone, with English only when asked for', () => {
    const vi = renderShown('vi', jsx(RuleFacts, { record: base, ...links }));
    expect(vi).toContain('sáng kiến của công dân (SK-01)');
    expect(vi).toContain('Hoàng Văn Thụ (già làng, người có uy tín) — biết tiếng Tày');
    expect(vi).toContain('href="/officials/c/01JDANBAN0000000000000C001"');
    expect(vi).not.toContain('lang="en"');
    const en = renderShown('en', jsx(RuleFacts, { record: base, ...links }));
    expect(en).toContain('Proposed by a citizens');
    const create = renderShown('vi', jsx(CreateRuleForm, { today: '2027-01-05', rules: [{ id: 'R1', title: 'Hương ước', hamlet: 'Thôn Đông' }] }));
    expect(create).toContain('<option value="R1">');
    expect(create).not.toContain('lang="en"');
  });

  it('offers the meeting first, a household ballot only after a meeting that missed the attendance, then signatures', () => {
    const before = renderShown('vi', jsx(RuleStepForms, { record: base, today: '2027-03-01' }));
    expect(before).toContain('id="form-adoption_meeting"');
    expect(before).not.toContain('id="form-household_ballot"');
    expect(before).not.toContain('id="form-draft_posted"');
    const missed = {
      ...base,
      steps: [...base.steps, { step: 'adoption_meeting' }],
      rule: { ...base.rule, votes: [{ on: '2027-03-01', vote: { method: 'meeting' as const, households: 10, present: 5, yes: 5 }, rounds: [] }] },
    };
    const after = renderShown('vi', jsx(RuleStepForms, { record: missed, today: '2027-03-01' }));
    expect(after).not.toContain('id="form-adoption_meeting"');
    expect(after).toContain('id="form-household_ballot"');
    expect(after).not.toContain('id="form-signatures"');
    const adopted = {
      ...missed,
      rule: { ...missed.rule, votes: [{ ...missed.rule.votes[0]!, vote: { ...missed.rule.votes[0]!.vote, present: 6 } }], text: 'Điều 1.' },
    };
    const signing = renderShown('vi', jsx(RuleStepForms, { record: adopted, today: '2027-03-01' }));
    expect(signing).not.toContain('id="form-household_ballot"');
    expect(signing).toContain('id="form-signatures"');
    expect(signing).toContain('id="form-translation"');
  });

  it('lists the rounds in progress on the hamlet page, with where to comment and the team’s summary', () => {
    const html = communityRulePage({
      hamlet: 'Thôn Đông',
      on: '2027-03-01',
      base: '../../../',
      pending: [
        {
          round: { id: 'A1', kind: 'amendment', rule: 'R1' },
          title: 'Sửa đổi Điều 3',
          href: '../../../p/A1/index.html',
          discussion: '../../../c/C1/index.html',
          comments: { received: 4, summary: 'Bốn ý kiến.', answers: 'Tiếp thu.' },
        },
      ],
    });
    expect(html).toContain('Sửa đổi, bổ sung: <a href="../../../p/A1/index.html">Sửa đổi Điều 3</a>');
    expect(html).toContain('href="../../../c/C1/index.html"');
    expect(html).toContain('Tổ soạn thảo đã tổng hợp 4 ý kiến góp ý');
    expect(html).toContain('chưa có hương ước, quy ước được công nhận');
  });
});
