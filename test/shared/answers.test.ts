import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerProblems, checkAnswers, normalizeAnswers } from '../../shared/answers.ts';
import type { AnswerProblem } from '../../shared/answers.ts';
import type { Answers, Question, Rule } from '../../shared/schemas.ts';

const rule: Rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] };
const questions: Question[] = [
  { id: 'road', type: 'yes_no', text: 'Làm đường?', options: [], rule },
  {
    id: 'level',
    type: 'single',
    text: 'Mức?',
    options: [
      { id: 'level-50k', label: '50.000 đ' },
      { id: 'level-80k', label: '80.000 đ' },
    ],
    rule,
  },
  { id: 'board', type: 'approval', text: 'Ban giám sát', options: ['a_1', 'a1', 'a-1', 'b'].map((id) => ({ id, label: id })), rule, max: 3 },
];
const good: Answers = { road: 'yes', level: 'level-50k', board: ['a-1', 'b'] };

describe('checkAnswers', () => {
  it.each<[string, Answers]>([
    ['yes, an option and sorted approvals', good],
    ['no', { ...good, road: 'no' }],
    ['abstaining everywhere', { road: 'abstain', level: 'abstain', board: [] }],
    ['as many approvals as max, in UTF-16 order', { ...good, board: ['a-1', 'a1', 'a_1'] }],
  ])('allows a ballot with %s', (_name, answers) => {
    expect(checkAnswers(questions, answers)).toEqual([]);
  });

  it.each<[string, Answers, AnswerProblem['code'], (string | number)[]]>([
    ['a question left out', { road: 'yes', level: 'abstain' }, 'answer_missing', ['board']],
    ['an unknown question', { ...good, extra: 'yes' }, 'unknown_question', ['extra']],
    ['a yes/no answer that is neither yes, no nor abstain', { ...good, road: 'maybe' }, 'invalid_answer', ['road']],
    ['a yes/no answer given as a list', { ...good, road: ['yes'] }, 'invalid_answer', ['road']],
    ['a single choice that is not an option', { ...good, level: 'level-1m' }, 'unknown_option', ['level']],
    ['a single choice of "yes"', { ...good, level: 'yes' }, 'unknown_option', ['level']],
    ['a single choice given as a list', { ...good, level: ['level-50k'] }, 'invalid_answer', ['level']],
    ['an approval answer given as a string', { ...good, board: 'b' }, 'invalid_answer', ['board']],
    ['an approval of an unknown option', { ...good, board: ['a-1', 'zz'] }, 'unknown_option', ['board', 1]],
    ['an approval of "abstain"', { ...good, board: ['abstain'] }, 'unknown_option', ['board', 0]],
    ['an option approved twice', { ...good, board: ['b', 'b'] }, 'duplicate_option', ['board', 1]],
    ['approvals out of order', { ...good, board: ['b', 'a-1'] }, 'not_sorted', ['board', 1]],
    ['approvals in locale rather than UTF-16 order', { ...good, board: ['a_1', 'a-1'] }, 'not_sorted', ['board', 1]],
    ['more approvals than max', { ...good, board: ['a-1', 'a1', 'a_1', 'b'] }, 'too_many_options', ['board']],
  ])('refuses a ballot with %s', (_name, answers, code, path) => {
    const problems = answerProblems(questions, answers);
    expect(problems).toEqual([{ path, code, message: expect.stringContaining(`question ${String(path[0])}:`) }]);
    expect(checkAnswers(questions, answers)).toEqual(problems.map((p) => p.message));
  });

  it('reports every problem of a ballot, not only the first', () => {
    const codes = answerProblems(questions, { road: 'maybe', board: ['b', 'b', 'zz', 'a1', 'a-1'], other: 'x' }).map((p) => p.code);
    expect(codes.sort()).toEqual(
      ['answer_missing', 'duplicate_option', 'invalid_answer', 'not_sorted', 'too_many_options', 'unknown_option', 'unknown_question'].sort(),
    );
  });

  it('does not take an inherited property for an answer', () => {
    const answers = Object.create({ road: 'yes' }) as Answers;
    Object.assign(answers, { level: 'abstain', board: [] });
    expect(answerProblems(questions, answers).map((p) => p.code)).toEqual(['answer_missing']);
  });
});

describe('normalizeAnswers', () => {
  it('sorts approval answers by UTF-16 code units so any order is accepted', () => {
    const normalized = normalizeAnswers(questions, { ...good, board: ['b', 'a_1', 'a-1'] });
    expect(normalized.board).toEqual(['a-1', 'a_1', 'b']);
    expect(checkAnswers(questions, normalized)).toEqual([]);
  });

  it('keeps duplicates, so that they are still refused', () => {
    const normalized = normalizeAnswers(questions, { ...good, board: ['b', 'a1', 'b'] });
    expect(normalized.board).toEqual(['a1', 'b', 'b']);
    expect(answerProblems(questions, normalized).map((p) => p.code)).toEqual(['duplicate_option']);
  });

  it('leaves other answers, unknown questions and the input alone', () => {
    const input: Answers = { road: 'no', level: 'level-80k', board: ['b', 'a1'], extra: ['z', 'a'] };
    const normalized = normalizeAnswers(questions, input);
    expect(normalized).toEqual({ road: 'no', level: 'level-80k', board: ['a1', 'b'], extra: ['z', 'a'] });
    expect(input.board).toEqual(['b', 'a1']);
  });

  it('leaves a malformed approval answer for checkAnswers to refuse', () => {
    expect(normalizeAnswers(questions, { ...good, board: 'b' }).board).toBe('b');
  });

  it('turns any order of distinct allowed choices into an allowed ballot', () => {
    const ids = questions[2]!.options.map((o) => o.id);
    fc.assert(
      fc.property(fc.shuffledSubarray(ids, { maxLength: 3 }), (chosen) => {
        const normalized = normalizeAnswers(questions, { ...good, board: chosen });
        expect(checkAnswers(questions, normalized)).toEqual([]);
        expect(normalized.board).toEqual([...chosen].sort());
      }),
    );
  });
});
