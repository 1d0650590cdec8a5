import { describe, expect, it } from 'vitest';
import { checklist } from '../../../shared/process/checklist.ts';
import {
  ballotAllowed,
  communityRuleSteps,
  draftingTeamProblems,
  earliestAdoption,
  type RulePlan,
  ruleAdoption,
  signatureProblems,
} from '../../../shared/process/community-rules.ts';
import { linkProblems, type RuleRound, ruleState } from '../../../shared/process/rule-rounds.ts';

const MEETING = '2027-03-07';
const plan: RulePlan = { meeting: MEETING, holidays: [], proposal: { by: 'village_head_with_front' } };
const TET = ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'];
const dues = (p: RulePlan, events: { id: string; at: string }[] = []) => communityRuleSteps(p, events).map((s) => [s.id, s.due]);

describe('the steps of a community rule', () => {
  it('every limit from the adoption meeting', () => {
    expect(dues(plan)).toEqual([
      ['rule_proposed', null],
      ['drafting_team_formed', null],
      ['draft_posted', '2027-02-05'],
      ['comments_summarised', '2027-03-05'],
      ['meeting_invited', '2027-03-05'],
      ['adoption_meeting', MEETING],
      ['dossier_sent', '2027-03-12'],
      ['rule_recognised', null],
    ]);
  });

  it('the draft is posted at least 30 days: exactly 30 is on time, 29 is late', () => {
    const at = (day: string) => checklist(communityRuleSteps(plan, []), [{ id: 'draft_posted', at: `${day}T03:00:00Z` }], new Date('2027-03-01T00:00:00Z'));
    expect(at('2027-02-05').find((r) => r.step === 'draft_posted')?.status).toBe('done');
    expect(at('2027-02-06').find((r) => r.step === 'draft_posted')?.status).toBe('done_late');
    expect(earliestAdoption('2027-02-05')).toBe(MEETING);
    expect(earliestAdoption('2027-01-01')).toBe('2027-01-31');
  });

  it('a longer posting period the community chose; never a shorter one', () => {
    expect(communityRuleSteps({ ...plan, postingDays: 45 }, []).find((s) => s.id === 'draft_posted')?.due).toBe('2027-01-21');
    expect(earliestAdoption('2027-01-01', 45)).toBe('2027-02-15');
    expect(() => communityRuleSteps({ ...plan, postingDays: 29 }, [])).toThrow(RangeError);
    expect(() => earliestAdoption('2027-01-01', 29)).toThrow(RangeError);
  });

  it('a posting limit inside Tết keeps its day, and names the last working day before it', () => {
    expect(communityRuleSteps({ ...plan, holidays: TET }, []).find((s) => s.id === 'draft_posted')).toMatchObject({
      due: '2027-02-05',
      officeDay: '2027-02-03',
    });
  });

  it('after a household ballot, the dossier runs from the ballot’s end', () => {
    const steps = communityRuleSteps({ ...plan, ballotEnds: '2027-03-20' }, []);
    expect(steps.map((s) => s.id)).toContain('household_ballot');
    expect(steps.find((s) => s.id === 'dossier_sent')).toMatchObject({ due: '2027-03-26', after: 'household_ballot', opens: '2027-03-20' });
  });

  it('UBND xã recognises within 5 working days of receiving the dossier, holidays left out', () => {
    const sent = [{ id: 'dossier_sent', at: '2027-03-11T01:00:00Z' }];
    expect(communityRuleSteps(plan, sent).at(-1)?.due).toBe('2027-03-18');
    expect(communityRuleSteps({ ...plan, holidays: ['2027-03-15'] }, sent).at(-1)?.due).toBe('2027-03-19');
    const rows = checklist(communityRuleSteps(plan, sent), sent, new Date('2027-03-18T17:00:00Z'));
    expect(rows.at(-1)?.status).toBe('overdue');
  });

  it('the proposal is worded after who proposed', () => {
    expect(communityRuleSteps(plan, [])[0]?.vi).toContain('sau khi thống nhất với Trưởng ban công tác Mặt trận');
    expect(communityRuleSteps({ ...plan, proposal: { by: 'initiative', initiative: 'i1' } }, [])[0]?.cite.en).toBe('Law 10/2022 Art. 16(3)');
  });
});

describe('adopting a community rule', () => {
  it.each([
    ['H even, half present', { method: 'meeting', households: 10, present: 5, yes: 5 }, 'not_enough_present', true],
    ['H even, 6 present, 5 yes', { method: 'meeting', households: 10, present: 6, yes: 5 }, 'rejected', false],
    ['H even, 6 present, 6 yes', { method: 'meeting', households: 10, present: 6, yes: 6 }, 'adopted', false],
    ['H odd, 5 of 11 present', { method: 'meeting', households: 11, present: 5, yes: 5 }, 'not_enough_present', true],
    ['H odd, 6 of 11 present, all yes', { method: 'meeting', households: 11, present: 6, yes: 6 }, 'adopted', false],
    ['H odd, 11 present, 5 yes', { method: 'meeting', households: 11, present: 11, yes: 5 }, 'rejected', false],
    ['ballot after a thin meeting, 6 of 10 yes', { method: 'household_ballot', households: 10, meetingPresent: 5, yes: 6 }, 'adopted', false],
    ['ballot after a thin meeting, 5 of 10 yes', { method: 'household_ballot', households: 10, meetingPresent: 5, yes: 5 }, 'rejected', false],
  ] as const)('%s: %s', (_, vote, status, ballotMayFollow) => {
    expect(ruleAdoption(vote)).toEqual({ status, threshold: Math.floor(vote.households / 2) + 1, ballotMayFollow });
  });

  it('a household ballot only after a meeting that missed the attendance', () => {
    expect(ballotAllowed(10, 5)).toBe(true);
    expect(ballotAllowed(10, 6)).toBe(false);
    expect(ballotAllowed(11, 5)).toBe(true);
    expect(ballotAllowed(11, 6)).toBe(false);
    expect(() => ruleAdoption({ method: 'household_ballot', households: 10, meetingPresent: 6, yes: 8 })).toThrow(RangeError);
  });

  it('refuses impossible counts', () => {
    expect(() => ruleAdoption({ method: 'meeting', households: 10, present: 11, yes: 6 })).toThrow(RangeError);
    expect(() => ruleAdoption({ method: 'meeting', households: 10, present: 6, yes: 7 })).toThrow(RangeError);
    expect(() => ruleAdoption({ method: 'meeting', households: 0, present: 0, yes: 0 })).toThrow(RangeError);
  });
});

describe('the drafting team and the signatures', () => {
  const community = { hasElders: true, minorityLanguages: ["H'Mông"] };

  it('needs an elder and a speaker of each minority language of the community', () => {
    const team = [
      { id: 'a', elder: true, languages: ['vi'] },
      { id: 'b', elder: false, languages: ['vi', "H'Mông"] },
    ];
    expect(draftingTeamProblems(team, community)).toEqual([]);
    expect(draftingTeamProblems([team[1]!], community).map((p) => p.code)).toEqual(['no_elder']);
    expect(draftingTeamProblems([team[0]!], community)).toMatchObject([
      { code: 'no_speaker', language: "H'Mông", vi: "Tổ soạn thảo cần có người biết tiếng H'Mông" },
    ]);
    expect(draftingTeamProblems([], community).map((p) => p.code)).toEqual(['empty_team']);
  });

  it('a community with no elders and one language asks for neither', () => {
    expect(draftingTeamProblems([{ id: 'a', elder: false, languages: ['vi'] }], { hasElders: false, minorityLanguages: [] })).toEqual([]);
  });

  it('the village head, the head of the Front working committee and 2 different households sign', () => {
    expect(signatureProblems({ villageHead: true, frontHead: true, households: ['h1', 'h2'] })).toEqual([]);
    expect(signatureProblems({ villageHead: false, frontHead: false, households: ['h1'] }).map((p) => p.code)).toEqual([
      'village_head_unsigned',
      'front_head_unsigned',
      'two_households',
    ]);
    expect(signatureProblems({ villageHead: true, frontHead: true, households: ['h1', 'h1'] }).map((p) => p.code)).toEqual(['two_households']);
    expect(signatureProblems({ villageHead: true, frontHead: true, households: ['h1', 'h2', 'h3'] }).map((p) => p.code)).toEqual(['two_households']);
  });
});

describe('amendments, replacement, suspension and annulment as linked rounds', () => {
  const rounds: RuleRound[] = [
    { id: 'r1', kind: 'adoption', effective: '2027-01-10' },
    { id: 'a1', kind: 'amendment', rule: 'r1', effective: '2027-04-01' },
    { id: 's1', kind: 'suspension', rule: 'r1', effective: '2027-05-01', until: '2027-06-01' },
    { id: 'x1', kind: 'replacement', rule: 'r1', effective: '2027-07-01' },
    { id: 'b1', kind: 'annulment', rule: 'r1', effective: '2028-01-01' },
    { id: 'a2', kind: 'amendment', rule: 'r1', effective: '2028-02-01' },
    { id: 'a3', kind: 'amendment', rule: 'r1' },
  ];

  it.each([
    ['2027-01-09', 'not_yet', 'r1', [], []],
    ['2027-01-10', 'in_force', 'r1', [], ['r1']],
    ['2027-04-01', 'in_force', 'r1', ['a1'], ['r1', 'a1']],
    ['2027-05-31', 'suspended', 'r1', ['a1'], ['r1', 'a1', 's1']],
    ['2027-06-01', 'in_force', 'r1', ['a1'], ['r1', 'a1', 's1']],
    ['2027-07-01', 'in_force', 'x1', [], ['r1', 'a1', 's1', 'x1']],
    ['2028-03-01', 'annulled', 'x1', [], ['r1', 'a1', 's1', 'x1', 'b1']],
  ])('on %s the rule is %s, its text %s with amendments %j', (on, status, text, amendments, history) => {
    const s = ruleState(rounds, 'r1', on);
    expect(s).toMatchObject({ rule: 'r1', status, text, amendments });
    expect(s.history.map((r) => r.id)).toEqual(history);
  });

  it('a round links to a rule in force; an adoption links to nothing', () => {
    expect(linkProblems({ id: 'n', kind: 'adoption' }, rounds, '2027-02-01')).toEqual([]);
    expect(linkProblems({ id: 'n', kind: 'adoption', rule: 'r1' }, rounds, '2027-02-01')[0]?.code).toBe('adoption_linked');
    expect(linkProblems({ id: 'n', kind: 'amendment' }, rounds, '2027-02-01')[0]?.code).toBe('link_missing');
    expect(linkProblems({ id: 'n', kind: 'amendment', rule: 'zz' }, rounds, '2027-02-01')[0]?.code).toBe('rule_unknown');
    expect(linkProblems({ id: 'n', kind: 'amendment', rule: 'r1' }, rounds, '2027-01-01')[0]?.code).toBe('rule_not_in_force');
    expect(linkProblems({ id: 'n', kind: 'amendment', rule: 'r1' }, rounds, '2027-02-01')).toEqual([]);
    expect(linkProblems({ id: 'n', kind: 'suspension', rule: 'r1' }, rounds, '2027-05-15')).toEqual([]);
    expect(linkProblems({ id: 'n', kind: 'amendment', rule: 'r1' }, rounds, '2028-01-01')[0]?.code).toBe('rule_annulled');
  });

  it('refuses a day that is not a date and a rule with no adoption round', () => {
    expect(() => ruleState(rounds, 'r1', '2027-13-01')).toThrow(RangeError);
    expect(() => ruleState(rounds, 'a1', '2027-05-01')).toThrow(RangeError);
  });
});
