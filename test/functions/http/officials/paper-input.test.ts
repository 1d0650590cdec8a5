import { describe, expect, it } from 'vitest';
import type { Question } from '../../../../shared/schemas.ts';
import { paperProblemsFromDetails, readPaperForm } from '../../../../functions/http/officials/paper-input.ts';

const questions: Question[] = [
  { id: 'q1', type: 'yes_no', text: 'Tán thành?', options: [], rule: { base: 'plurality' } },
  {
    id: 'q2',
    type: 'single',
    text: 'Vị trí?',
    options: [
      { id: 'dinh', label: 'Cạnh đình' },
      { id: 'truong', label: 'Sau trường' },
    ],
    rule: { base: 'plurality' },
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
    rule: { base: 'plurality' },
  },
];
const read = (body: string) => readPaperForm(questions, new URLSearchParams(body));

describe('reading a paper ballot typed by the committee', () => {
  it.each<[string, Record<string, string | string[]>]>([
    ['a.q1=1&a.q2=2&a.q3=13', { q1: 'yes', q2: 'truong', q3: ['sang', 'toi'] }],
    ['a.q1=n&a.q2=0&a.q3=0', { q1: 'no', q2: 'abstain', q3: [] }],
    ['a.q1=A&a.q2=dinh&a.q3=3 1', { q1: 'abstain', q2: 'dinh', q3: ['toi', 'sang'] }],
    ['a.q1=y&a.q2=a&a.q3=2', { q1: 'abstain', q2: 'abstain', q3: ['chieu'] }],
    ['a.q1=%C4%90&a.q2=Y&a.q3=0', { q1: 'yes', q2: 'abstain', q3: [] }],
    ['a.q1=%C4%91&a.q2=2&a.q3=1', { q1: 'yes', q2: 'truong', q3: ['sang'] }],
    ['a.q1=d&a.q2=y&a.q3=2', { q1: 'yes', q2: 'abstain', q3: ['chieu'] }],
    ['a.q1=k&a.q2=1&a.q3=12', { q1: 'no', q2: 'dinh', q3: ['sang', 'chieu'] }],
    ['a.q1=K&a.q2=c%E1%BA%A1nh %C4%91%C3%ACnh&a.q3=3', { q1: 'no', q2: 'dinh', q3: ['toi'] }],
    ['a.q1=%C4%91%E1%BB%93ng %C3%BD&a.q2=0&a.q3=0', { q1: 'yes', q2: 'abstain', q3: [] }],
    ['a.q1=%EF%BC%91&a.q2=1&a.q3=chieu,toi', { q1: 'yes', q2: 'dinh', q3: ['chieu', 'toi'] }],
  ])('%s', (answers, expected) => {
    const r = read(`household=H-001&entered=4&${answers}`);
    expect(r.problems).toEqual([]);
    expect(r.ballot).toEqual({ household: 'H-001', answers: expected });
    expect(r.entered).toBe(4);
  });

  it.each<[string, string, string]>([
    ['household=&a.q1=1&a.q2=1&a.q3=1', 'household', 'Bắt buộc.'],
    ['household=H 001&a.q1=1&a.q2=1&a.q3=1', 'household', 'Số hộ chỉ gồm'],
    ['household=H-1&a.q1=&a.q2=1&a.q3=1', 'a.q1', 'Bắt buộc: gõ 1/Đ, 2/K, 0/Y.'],
    ['household=H-1&a.q1=x&a.q2=1&a.q3=1', 'a.q1', '«x» không phải lựa chọn'],
    ['household=H-1&a.q1=3&a.q2=1&a.q3=1', 'a.q1', '«3» không phải lựa chọn'],
    ['household=H-1&a.q1=1&a.q2=5&a.q3=1', 'a.q2', '«5» không phải lựa chọn'],
    ['household=H-1&a.q1=1&a.q2=1&a.q3=123', 'a.q3', 'tối đa 2'],
    ['household=H-1&a.q1=1&a.q2=1&a.q3=11', 'a.q3', 'hai lần'],
    ['household=H-1&a.q1=1&a.q2=1&a.q3=10', 'a.q3', '0 (không chọn) không đi cùng'],
    ['household=H-1&a.q1=1&a.q2=1&a.q3=4', 'a.q3', '«4» không phải phương án'],
  ])('%s: a problem on %s', (body, field, text) => {
    const r = read(body);
    expect(r.ballot).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.field).toBe(field);
    expect(r.problems[0]?.vi).toContain(text);
  });

  it('keeps what was typed, and a count that cannot be read starts at 0', () => {
    const r = read('household=H-9&entered=x&a.q1=7&a.q2=1&a.q3=2');
    expect(r.values).toEqual({ household: 'H-9', answers: { q1: '7', q2: '1', q3: '2' } });
    expect(r.entered).toBe(0);
  });

  it('places the use case’s problems on the answers', () => {
    expect(
      paperProblemsFromDetails([
        { path: 'answers.q2', message: 'x' },
        { path: 'household', message: 'y' },
        { path: 'other', message: 'z' },
      ]).map((p) => p.field),
    ).toEqual(['a.q2', 'household', '']);
  });
});
