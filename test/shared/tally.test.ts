import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tally, tallyQuestion } from '../../shared/tally.ts';
import { QuestionTally } from '../../shared/schemas.ts';
import type { Answers, Question, Rule } from '../../shared/schemas.ts';

const TWO_THIRDS: Rule = { base: 'eligible', op: 'at_least', fraction: [2, 3] };
const MORE_THAN_HALF: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };

const road: Question = { id: 'road', type: 'yes_no', text: 'Làm đường bê tông?', options: [], rule: TWO_THIRDS };
const level: Question = {
  id: 'level',
  type: 'single',
  text: 'Mức đóng góp?',
  options: [
    { id: 'level-50k', label: '50.000 đ', amountPerUnit: 50_000 },
    { id: 'level-80k', label: '80.000 đ', amountPerUnit: 80_000 },
    { id: 'level-100k', label: '100.000 đ', amountPerUnit: 100_000 },
  ],
  rule: TWO_THIRDS,
};
const board: Question = {
  id: 'board',
  type: 'approval',
  text: 'Bầu ban giám sát',
  options: ['an', 'binh', 'chi', 'dung'].map((id) => ({ id, label: id })),
  rule: MORE_THAN_HALF,
  max: 2,
};

/** `n` copies of a ballot, as distinct objects. */
function times(n: number, answers: Answers): Answers[] {
  return Array.from({ length: n }, () => structuredClone(answers));
}

describe('tallyQuestion', () => {
  it('counts yes and no, both keys present even at zero', () => {
    const t = tallyQuestion(road, [...times(3, { road: 'yes' }), ...times(2, { road: 'abstain' })], 10);
    expect(t.counts).toEqual({ yes: 3, no: 0 });
    expect(t.abstain).toBe(2);
    expect(t.cast).toBe(5);
  });

  it('has a key for every option, zeros included, and counts "abstain" apart', () => {
    const t = tallyQuestion(level, [...times(4, { level: 'level-80k' }), { level: 'level-50k' }, { level: 'abstain' }], 9);
    expect(t.counts).toEqual({ 'level-50k': 1, 'level-80k': 4, 'level-100k': 0 });
    expect(t.abstain).toBe(1);
  });

  it('counts every option an approval ballot chose, and [] as an abstention', () => {
    const t = tallyQuestion(board, [{ board: ['an', 'chi'] }, { board: ['chi'] }, { board: [] }, { board: ['binh', 'chi'] }], 4);
    expect(t.counts).toEqual({ an: 1, binh: 1, chi: 3, dung: 0 });
    expect(t.abstain).toBe(1);
    expect(t.cast).toBe(4);
  });

  it('copies the question id, type and rule, and reports H as eligible', () => {
    const t = tallyQuestion(road, [], 30);
    expect(t).toMatchObject({ questionId: 'road', type: 'yes_no', rule: TWO_THIRDS, eligible: 30, cast: 0, abstain: 0, threshold: 20 });
    expect(QuestionTally.safeParse(t).success).toBe(true);
  });

  it('exactly two thirds of all households adopt a contribution', () => {
    const t = tallyQuestion(road, times(20, { road: 'yes' }), 30);
    expect(t.outcome).toEqual({ status: 'adopted', options: ['yes'] });
  });

  it('one household fewer than two thirds rejects a contribution', () => {
    const t = tallyQuestion(road, [...times(19, { road: 'yes' }), ...times(11, { road: 'no' })], 30);
    expect(t.outcome).toEqual({ status: 'rejected', options: [] });
  });

  it('absent and abstaining households count against adoption', () => {
    // 19 yes of 22 ballots is far above 2/3 of the ballots, but below 2/3 of the 30 households.
    const t = tallyQuestion(road, [...times(19, { road: 'yes' }), ...times(2, { road: 'abstain' }), { road: 'no' }], 30);
    expect(t.threshold).toBe(20);
    expect(t.outcome.status).toBe('rejected');
  });

  it('a rule based on the ballots cast takes its threshold from the ballots', () => {
    const cast: Question = { ...road, rule: { base: 'cast', op: 'at_least', fraction: [2, 3] } };
    const t = tallyQuestion(cast, [...times(15, { road: 'yes' }), ...times(7, { road: 'no' })], 30);
    expect(t.threshold).toBe(15); // ceil(22 * 2 / 3)
    expect(t.outcome.status).toBe('adopted');
  });

  it('a single-choice level is adopted only with two thirds of all households', () => {
    const ballots = [...times(20, { level: 'level-50k' }), ...times(5, { level: 'level-80k' })];
    expect(tallyQuestion(level, ballots, 30).outcome).toEqual({ status: 'adopted', options: ['level-50k'] });
    expect(tallyQuestion(level, ballots, 31).outcome).toEqual({ status: 'no_decision', options: [] });
  });

  it('a plurality tie between two levels is no decision', () => {
    const plurality: Question = { ...level, rule: { base: 'plurality' } };
    const t = tallyQuestion(plurality, [...times(6, { level: 'level-50k' }), ...times(6, { level: 'level-100k' })], 30);
    expect(t.outcome).toEqual({ status: 'no_decision', options: [] });
  });

  it('an approval tie across the last seat leaves both tied options out', () => {
    const ballots = [...times(4, { board: ['an', 'binh'] }), ...times(3, { board: ['chi', 'dung'] }), ...times(1, { board: ['an', 'chi'] })];
    // an 5, chi 4, binh 4, dung 3 of 8 households: > 1/2 is 5; only an qualifies.
    expect(tallyQuestion(board, ballots, 8).outcome).toEqual({ status: 'adopted', options: ['an'] });
    // Under a plurality an 5 takes a seat; binh and chi tie at 4 for the second, so neither gets it.
    expect(tallyQuestion({ ...board, rule: { base: 'plurality' } }, ballots, 8).outcome).toEqual({ status: 'adopted', options: ['an'] });
    // With three seats all of an, binh, chi fit; dung, the first left out, is not tied with them.
    expect(tallyQuestion({ ...board, rule: { base: 'plurality' }, max: 3 }, ballots, 8).outcome).toEqual({ status: 'adopted', options: ['an', 'binh', 'chi'] });
  });

  it('a meeting quorum counts the households that took part', () => {
    const meeting: Question = { ...road, rule: { ...MORE_THAN_HALF, quorum: { op: 'more_than', fraction: [1, 2] } } };
    expect(tallyQuestion(meeting, times(15, { road: 'yes' }), 30).outcome).toEqual({ status: 'quorum_not_met', options: [] });
    expect(tallyQuestion(meeting, [...times(15, { road: 'yes' }), { road: 'abstain' }], 30).outcome).toEqual({ status: 'rejected', options: [] });
    expect(tallyQuestion(meeting, times(16, { road: 'yes' }), 30).outcome).toEqual({ status: 'adopted', options: ['yes'] });
  });

  it('an answer that is not allowed counts for nothing and is not an abstention', () => {
    const ballots: Answers[] = [{ road: 'maybe' }, { road: ['yes'] }, {}, { road: 'yes' }];
    expect(tallyQuestion(road, ballots, 4)).toMatchObject({ cast: 4, abstain: 0, counts: { yes: 1, no: 0 } });
    expect(tallyQuestion(level, [{ level: 'level-1m' }, { level: ['level-50k'] }], 4)).toMatchObject({
      abstain: 0,
      counts: { 'level-50k': 0, 'level-80k': 0, 'level-100k': 0 },
    });
    expect(tallyQuestion(board, [{ board: 'an' }, { board: ['zed', 'an'] }], 4)).toMatchObject({ abstain: 0, counts: { an: 1, binh: 0, chi: 0, dung: 0 } });
  });
});

describe('tally', () => {
  it('gives one entry per question, in question order', () => {
    const result = tally({ questions: [board, road, level] }, [{ board: ['an'], road: 'yes', level: 'level-50k' }], 3);
    expect(result.map((t) => t.questionId)).toEqual(['board', 'road', 'level']);
  });

  it('counts a million ballots exactly', () => {
    const levels = ['level-50k', 'level-80k', 'level-100k', 'abstain'];
    const boards = [['an', 'binh'], ['chi'], [], ['an', 'dung'], ['binh', 'chi']];
    const ballots: Answers[] = Array.from({ length: 1_000_000 }, (_, i) => ({
      road: i % 3 === 0 ? 'no' : 'yes',
      level: levels[i % 4]!,
      board: [...boards[i % 5]!],
    }));
    const result = tally({ questions: [road, level, board] }, ballots, 1_200_000);
    expect(result[0]!.counts).toEqual({ yes: 666_666, no: 333_334 });
    expect(result[1]!.abstain).toBe(250_000);
    expect(result[2]!.counts).toEqual({ an: 400_000, binh: 400_000, chi: 400_000, dung: 200_000 });
  });
});

// A plain recount, written differently from tally.ts: filters over the ballots, a brute-force threshold,
// and the approval rule read as "an option wins if it qualifies and at most max qualifying options have as many votes".
function recount(question: Question, ballots: Answers[], eligible: number) {
  const answers = ballots.map((b) => b[question.id]);
  const ids = question.type === 'yes_no' ? ['yes', 'no'] : question.options.map((o) => o.id);
  const counts = new Map<string, number>(ids.map((id) => [id, answers.filter((a) => (Array.isArray(a) ? a.includes(id) : a === id)).length]));
  const abstain = answers.filter((a) => a === 'abstain' || (Array.isArray(a) && a.length === 0)).length;
  const rule = question.rule;
  const base = rule.base === 'eligible' ? eligible : ballots.length;
  let t = 0;
  if (rule.base === 'plurality') t = 1;
  else while (!(rule.op === 'at_least' ? t * rule.fraction[1] >= base * rule.fraction[0] : t * rule.fraction[1] > base * rule.fraction[0])) t++;
  const q = rule.quorum;
  const surplus = q === undefined ? 0 : ballots.length * q.fraction[1] - eligible * q.fraction[0];
  const quorumOk = q === undefined || surplus > 0 || (surplus === 0 && q.op === 'at_least');
  let outcome: { status: string; options: string[] };
  const votes = (id: string): number => counts.get(id) ?? 0;
  if (!quorumOk) outcome = { status: 'quorum_not_met', options: [] };
  else if (question.type === 'yes_no') outcome = votes('yes') >= t ? { status: 'adopted', options: ['yes'] } : { status: 'rejected', options: [] };
  else if (question.type === 'single') {
    const ranked = [...ids].sort((a, b) => votes(b) - votes(a));
    const [first, second] = ranked;
    const wins = first !== undefined && votes(first) >= t && (second === undefined || votes(second) < votes(first));
    outcome = wins ? { status: 'adopted', options: [first] } : { status: 'no_decision', options: [] };
  } else {
    const qualified = ids.filter((id) => votes(id) >= t);
    const winners = qualified
      .filter((id) => qualified.filter((other) => votes(other) >= votes(id)).length <= question.max!)
      .sort((a, b) => votes(b) - votes(a) || (a < b ? -1 : 1));
    outcome = winners.length > 0 ? { status: 'adopted', options: winners } : { status: 'no_decision', options: [] };
  }
  return {
    questionId: question.id,
    type: question.type,
    rule,
    eligible,
    cast: ballots.length,
    abstain,
    counts: Object.fromEntries(counts),
    threshold: t,
    outcome,
  };
}

const OPTION_IDS = ['a', 'b', 'c', 'a-1', 'a1', 'a_1', 'z9'];

const fraction = fc.integer({ min: 1, max: 6 }).chain((den) => fc.tuple(fc.integer({ min: 0, max: den }), fc.constant(den)));
const quorum = fc.option(fc.record({ op: fc.constantFrom('at_least' as const, 'more_than' as const), fraction }), { nil: undefined });
const rule: fc.Arbitrary<Rule> = fc
  .oneof(
    fc.record({
      base: fc.constantFrom('eligible' as const, 'cast' as const),
      op: fc.constantFrom('at_least' as const, 'more_than' as const),
      fraction,
      quorum,
    }),
    fc.record({ base: fc.constant('plurality' as const), quorum }),
  )
  .map((r) => (r.quorum === undefined ? (({ quorum: _q, ...rest }) => rest)(r) : r) as Rule);

function questionArb(id: string): fc.Arbitrary<Question> {
  const options = fc.shuffledSubarray(OPTION_IDS, { minLength: 2 }).map((ids) => ids.map((o) => ({ id: o, label: o })));
  return fc.oneof(
    rule.map((r): Question => ({ id, type: 'yes_no', text: id, options: [], rule: r })),
    fc.tuple(rule, options).map(([r, o]): Question => ({ id, type: 'single', text: id, options: o, rule: r })),
    fc
      .tuple(rule, options)
      .chain(([r, o]) => fc.integer({ min: 1, max: o.length }).map((max): Question => ({ id, type: 'approval', text: id, options: o, rule: r, max }))),
  );
}

function answerArb(question: Question): fc.Arbitrary<Answers[string]> {
  const ids = question.options.map((o) => o.id);
  if (question.type === 'yes_no') return fc.constantFrom('yes', 'no', 'abstain');
  if (question.type === 'single') return fc.constantFrom(...ids, 'abstain');
  return fc.subarray(ids, { maxLength: question.max! }).map((chosen) => [...chosen].sort());
}

const scenario = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => questionArb(`q${i + 1}`))))
  .chain((questions) =>
    fc.record({
      questions: fc.constant(questions),
      ballots: fc.array(fc.record(Object.fromEntries(questions.map((q) => [q.id, answerArb(q)]))) as fc.Arbitrary<Answers>, { maxLength: 40 }),
      absent: fc.integer({ min: 0, max: 25 }),
    }),
  );

describe('tally against a plain recount', () => {
  it('gives exactly the plain recount for random consultations and ballots', () => {
    fc.assert(
      fc.property(scenario, ({ questions, ballots, absent }) => {
        const eligible = ballots.length + absent;
        const result = tally({ questions }, ballots, eligible);
        expect(result).toEqual(questions.map((q) => recount(q, ballots, eligible)));
        for (const t of result) expect(QuestionTally.safeParse(t).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a meeting (bundle.md result/2)', () => {
  it('too few present to reach 2/3 of all households is not_enough_present, whatever the ballots say', () => {
    // 30 households: 20 yes-votes needed; 19 present cannot give them.
    const t = tallyQuestion(road, times(19, { road: 'yes' }), 30, { present: 19 });
    expect(t.outcome).toEqual({ status: 'not_enough_present', options: [] });
    expect(t.present).toBe(19);
    expect(t.threshold).toBe(20);
    expect(tallyQuestion(road, times(20, { road: 'yes' }), 30, { present: 20 }).outcome).toEqual({ status: 'adopted', options: ['yes'] });
  });

  it('a secret ballot counts the slips handed in, and a household present may hand in none', () => {
    const t = tallyQuestion(road, [...times(20, { road: 'yes' }), { road: 'no' }], 30, { present: 24 });
    expect(t).toMatchObject({ cast: 21, present: 24, counts: { yes: 20, no: 1 }, outcome: { status: 'adopted' } });
  });

  it('a missed attendance rule is not_enough_present; without `present` (no meeting) it is not measured', () => {
    const rules: Question = { ...road, rule: { ...MORE_THAN_HALF, attendance: { op: 'more_than', fraction: [1, 2] } } };
    expect(tallyQuestion(rules, times(15, { road: 'yes' }), 30, { present: 15 }).outcome.status).toBe('not_enough_present');
    expect(tallyQuestion(rules, times(16, { road: 'yes' }), 30, { present: 16 }).outcome.status).toBe('adopted');
    expect(tallyQuestion(rules, times(16, { road: 'yes' }), 30).outcome.status).toBe('adopted');
  });

  it('a quorum missed at a meeting is not_enough_present too; without `present` it stays quorum_not_met (result/1)', () => {
    const meeting: Question = { ...road, rule: { base: 'eligible', op: 'at_least', fraction: [1, 3], quorum: { op: 'more_than', fraction: [1, 2] } } };
    expect(tallyQuestion(meeting, times(15, { road: 'yes' }), 30, { present: 15 }).outcome.status).toBe('not_enough_present');
    expect(tallyQuestion(meeting, times(15, { road: 'yes' }), 30).outcome.status).toBe('quorum_not_met');
  });

  it('without options the tally is that of result/1: no `present` key', () => {
    expect(Object.keys(tallyQuestion(road, times(3, { road: 'yes' }), 5))).not.toContain('present');
  });
});

describe('a show of hands', () => {
  it('is counted from the hand counts: cast is the households present, abstain the other opinions', () => {
    const t = tallyQuestion(road, [], 30, { present: 24, handCount: { road: { yes: 21, no: 2, abstain: 1 } } });
    expect(t).toEqual({
      questionId: 'road',
      type: 'yes_no',
      rule: TWO_THIRDS,
      eligible: 30,
      cast: 24,
      abstain: 1,
      counts: { yes: 21, no: 2 },
      threshold: 20,
      outcome: { status: 'adopted', options: ['yes'] },
      present: 24,
    });
    expect(QuestionTally.safeParse(t).success).toBe(true);
  });

  it('gives every option a count, zeros included, and counts nothing for a key that is not an answer', () => {
    const t = tallyQuestion(level, [], 30, { present: 25, handCount: { level: { 'level-80k': 21, 'level-999k': 4 } } });
    expect(t.counts).toEqual({ 'level-50k': 0, 'level-80k': 21, 'level-100k': 0 });
    expect(t.abstain).toBe(0);
    expect(t.outcome).toEqual({ status: 'adopted', options: ['level-80k'] });
  });

  it('a question the hand count leaves out has zero votes; ballots are not read', () => {
    const t = tallyQuestion(board, times(30, { board: ['an'] }), 30, { present: 30, handCount: {} });
    expect(t.counts).toEqual({ an: 0, binh: 0, chi: 0, dung: 0 });
    expect(t.outcome.status).toBe('no_decision');
  });

  it('too few present is not_enough_present even with enough hands entered', () => {
    expect(tallyQuestion(road, [], 30, { present: 19, handCount: { road: { yes: 19 } } }).outcome.status).toBe('not_enough_present');
  });

  it('needs the households present', () => {
    expect(() => tallyQuestion(road, [], 30, { handCount: { road: { yes: 1 } } })).toThrow(RangeError);
  });

  it('tally passes the options to every question', () => {
    const all = tally({ questions: [road, level] }, [], 30, { present: 22, handCount: { road: { yes: 22 }, level: { 'level-50k': 22 } } });
    expect(all.map((q) => [q.present, q.cast, q.outcome.status])).toEqual([
      [22, 22, 'adopted'],
      [22, 22, 'adopted'],
    ]);
  });
});
