import { describe, expect, it } from 'vitest';
import { readBallotForm } from '../../../../functions/http/pages/ballot-input.ts';
import type { Question } from '../../../../shared/schemas.ts';

const plurality = { base: 'plurality' } as const;
const questions: Question[] = [
  { id: 'q1', type: 'yes_no', text: 'Tán thành?', options: [], rule: plurality },
  {
    id: 'q2',
    type: 'single',
    text: 'Vị trí?',
    options: [
      { id: 'dinh', label: 'Cạnh đình' },
      { id: 'truong', label: 'Sau trường' },
    ],
    rule: plurality,
  },
  {
    id: 'q3',
    type: 'approval',
    text: 'Giờ mở?',
    options: [
      { id: 'sang', label: 'Sáng' },
      { id: 'chieu', label: 'Chiều' },
      { id: 'toi', label: 'Tối' },
    ],
    max: 2,
    rule: plurality,
  },
];
const read = (body: string) => readBallotForm(questions, new URLSearchParams(body));

describe('reading the ballot form', () => {
  it('gives the canonical code and the answers, approval choices sorted', () => {
    const r = read('code=abcd efgh-jkmn+pqrs&a.q1=yes&a.q2=truong&a.q3=toi&a.q3=chieu');
    expect(r.problems).toEqual([]);
    expect(r.ballot).toEqual({ code: 'ABCD-EFGH-JKMN-PQRS', answers: { q1: 'yes', q2: 'truong', q3: ['chieu', 'toi'] } });
  });

  it('reads the letters people confuse with digits as those digits', () => {
    expect(read('code=OOOO-IIII-LLLL-0000&a.q1=no&a.q2=abstain').ballot?.code).toBe('0000-1111-1111-0000');
  });

  it('takes no ticked box of an approval question as an abstention', () => {
    expect(read('code=ABCD-EFGH-JKMN-PQRS&a.q1=abstain&a.q2=dinh').ballot?.answers.q3).toEqual([]);
  });

  it('names a missing code, and a code that cannot be one', () => {
    expect(read('a.q1=yes&a.q2=dinh').problems).toEqual([{ field: 'code', kind: 'code_missing' }]);
    expect(read('code=ABCD-EFGH&a.q1=yes&a.q2=dinh').problems).toEqual([{ field: 'code', kind: 'code_format' }]);
    expect(read('code=ABCD-EFGH-JKMN-PQRU&a.q1=yes&a.q2=dinh').problems).toEqual([{ field: 'code', kind: 'code_format' }]);
  });

  it('names every unanswered question, in the order of the page, and casts nothing', () => {
    const r = read('a.q3=sang&a.q3=chieu&a.q3=toi');
    expect(r.ballot).toBeUndefined();
    expect(r.problems).toEqual([
      { field: 'code', kind: 'code_missing' },
      { field: 'q1', kind: 'answer_missing' },
      { field: 'q2', kind: 'answer_missing' },
      { field: 'q3', kind: 'too_many', max: 2 },
    ]);
  });

  it('refuses an answer that is not a choice of its question, and two answers to one question', () => {
    const r = read('code=ABCD-EFGH-JKMN-PQRS&a.q1=maybe&a.q2=dinh&a.q2=truong&a.q3=sang&a.q3=sang');
    expect(r.problems).toEqual([
      { field: 'q1', kind: 'invalid' },
      { field: 'q2', kind: 'invalid' },
      { field: 'q3', kind: 'invalid' },
    ]);
  });

  it('keeps what was typed and chosen, to show the form again', () => {
    const r = read('code=ab&a.q2=dinh&a.q3=toi&a.unknown=x');
    expect(r.form).toEqual({ code: 'ab', answers: { q2: 'dinh', q3: ['toi'] } });
  });

  it('normalizes what was typed to NFC', () => {
    const decomposed = `${'ABCD-EFGH-JKMN-PQRS'.normalize('NFD')}\u0301`;
    expect(read(`code=${encodeURIComponent(decomposed)}&a.q1=yes&a.q2=dinh`).form.code).toBe('ABCD-EFGH-JKMN-PQRŚ');
  });
});
