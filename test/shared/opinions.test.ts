import { describe, expect, it } from 'vitest';
import { keptOpinions, OPINION_MAX, opinionProblems, takesOpinion, vietnamDay } from '../../shared/opinions.ts';
import type { Question } from '../../shared/schemas.ts';

const rule = { base: 'plurality' } as const;
const Q: Question[] = [
  { id: 'q1', type: 'yes_no', text: 'Đồng ý?', options: [], rule },
  {
    id: 'q2',
    type: 'single',
    text: 'Chọn một',
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ],
    rule,
  },
  {
    id: 'q3',
    type: 'approval',
    text: 'Chọn nhiều',
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ],
    rule,
    max: 2,
  },
];
const codes = (answers: Record<string, string | string[]>, opinions: Record<string, string>) =>
  opinionProblems(Q, answers, opinions).map((p) => [p.path[0], p.code]);

describe('other opinions with a ballot', () => {
  it('go only with the "abstain" answer of a yes/no or single-choice question', () => {
    expect(codes({ q1: 'abstain', q2: 'abstain', q3: [] }, { q1: 'Ý kiến', q2: 'Khác' })).toEqual([]);
    expect(codes({ q1: 'yes', q2: 'a', q3: [] }, { q1: 'Ý kiến', q2: 'Khác' })).toEqual([
      ['q1', 'not_other'],
      ['q2', 'not_other'],
    ]);
    expect(codes({ q1: 'abstain', q2: 'abstain', q3: [] }, { q3: 'Không có', q9: 'Không có' })).toEqual([
      ['q3', 'unknown_question'],
      ['q9', 'unknown_question'],
    ]);
    expect(takesOpinion(Q[2]!)).toBe(false);
  });

  it('are at most 500 characters after NFC and trimming; a blank text is no opinion', () => {
    const nfd = 'ộ'.normalize('NFD');
    expect(nfd.length).toBe(3);
    expect(codes({ q1: 'abstain' }, { q1: ` ${nfd.repeat(OPINION_MAX)} ` })).toEqual([]);
    expect(codes({ q1: 'abstain' }, { q1: 'a'.repeat(OPINION_MAX + 1) })).toEqual([['q1', 'too_long']]);
    expect(codes({ q1: 'yes' }, { q1: '   ' })).toEqual([]);
    expect(keptOpinions(Q, { q2: ` ${nfd} `, q1: ' ' })).toEqual([{ questionId: 'q2', text: 'ộ' }]);
  });

  it('keep only the day, in Vietnam time', () => {
    expect(vietnamDay('2026-03-03T16:59:59Z')).toBe('2026-03-03');
    expect(vietnamDay('2026-03-03T17:00:00Z')).toBe('2026-03-04');
  });
});
