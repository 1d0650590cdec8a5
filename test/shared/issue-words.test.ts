import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { detailProblem, detailsOf, detailWords, fieldWords, isVietnamese, problemWords } from '../../shared/issue-words.ts';
import { MESSAGES } from '../../functions/http/messages.ts';

const English = /\b(Too|Invalid|expected|received|Required|characters|must|string|number)\b/;

describe('a field in Vietnamese', () => {
  it.each([
    ['title', 'Tiêu đề'],
    ['description', 'Mô tả'],
    ['questions.2.text', 'Câu hỏi 3, nội dung'],
    ['questions.0.options.1', 'Câu hỏi 1, phương án 2'],
    ['opensAt', 'Thời điểm mở biểu quyết'],
    ['closesAt', 'Thời điểm kết thúc biểu quyết'],
    ['members.1.name', 'Thành viên 2, họ tên'],
    ['hamlet', 'Thôn'],
    ['reason', 'Lý do'],
    ['organisation', 'Cơ quan, tổ chức'],
    ['query.page', 'Trang'],
    ['consultation.scope.kind', 'Phạm vi'],
    ['signers.households.0', 'Hộ 1'],
    ['q2.text', 'Câu hỏi 2, nội dung'],
  ])('%s is «%s»', (path, words) => {
    expect(fieldWords(path)).toBe(words);
  });

  it('names a field it does not know as a field, never by its code name', () => {
    expect(fieldWords('somethingUnheard')).toBe('Một mục');
    expect(fieldWords('')).toBe('Một mục');
  });
});

describe('zod’s issues in Vietnamese', () => {
  const Form = z.strictObject({
    title: z.string().trim().min(1).max(300),
    reason: z.string().min(10).max(500),
    count: z.int().min(1).max(9),
    kind: z.enum(['hamlet', 'commune']),
    at: z.iso.datetime(),
    code: z.string().regex(/^[A-Z]+$/),
    options: z.array(z.string()).min(2).max(3),
    vietnamese: z.string().refine((s) => s === 'x', 'Phải ghi «x».'),
    english: z.string().refine((s) => s === 'x', 'must be x'),
  });
  const bad = {
    title: '',
    reason: 'ngắn',
    count: 12,
    kind: 'city',
    at: 'hôm qua',
    code: 'abc',
    options: ['a', 'b', 'c', 'd'],
    vietnamese: 'y',
    english: 'y',
    extra: true,
  };
  const details = detailsOf(Form.safeParse(bad).error!);
  const byPath = Object.fromEntries(details.map((d) => [d.path, d.vi]));

  it('says what is wrong with each field, from the issue’s code', () => {
    expect(byPath).toEqual({
      title: 'Tiêu đề: chưa điền',
      reason: 'Lý do: quá ngắn (phải có ít nhất 10 ký tự)',
      count: 'Một mục: không được quá 9',
      kind: 'Một mục: không phải một lựa chọn hợp lệ',
      at: 'Thời điểm: không phải một thời điểm hợp lệ',
      code: 'Mã: không đúng định dạng',
      options: 'Phương án: quá nhiều (tối đa 3 mục)',
      vietnamese: 'Một mục: Phải ghi «x»',
      english: 'Một mục: không hợp lệ',
      '(body)': 'Nội dung gửi lên: có mục không được nhận',
    });
  });

  it('keeps zod’s English message as the API’s, beside the Vietnamese', () => {
    const title = details.find((d) => d.path === 'title')!;
    expect(title.message).toMatch(/^Too small/);
    for (const d of details) {
      expect(d.vi).not.toMatch(English);
      expect(isVietnamese(d.vi!) || d.vi!.includes('Một mục')).toBe(true);
    }
  });

  it('says a missing field is not filled in, and a number of the wrong kind is not a number', () => {
    const missing = detailsOf(z.object({ name: z.string(), count: z.number() }).safeParse({ count: 'ba' }).error!);
    expect(missing.map((d) => d.vi)).toEqual(['Họ tên: chưa điền', 'Một mục: phải là một số']);
  });

  it('names the field under a prefix, or the one field a caller names', () => {
    const short = z.string().min(1).safeParse('').error!;
    expect(detailsOf(short, { prefix: 'query' })[0]).toMatchObject({ path: 'query', vi: 'Một mục: chưa điền' });
    expect(detailsOf(short, { path: 'text' })[0]).toMatchObject({ path: 'text', vi: 'Nội dung: chưa điền' });
  });

  it('tells numbers by their bounds', () => {
    expect(problemWords({ code: 'too_small', origin: 'number', minimum: 1, inclusive: true, message: '' })).toBe('phải từ 1 trở lên');
    expect(problemWords({ code: 'too_small', origin: 'number', minimum: 0, inclusive: false, message: '' })).toBe('phải lớn hơn 0');
    expect(problemWords({ code: 'too_big', origin: 'number', maximum: 5, inclusive: false, message: '' })).toBe('phải nhỏ hơn 5');
    expect(problemWords({ code: 'too_small', origin: 'array', minimum: 1, inclusive: true, message: '' })).toBe('cần ít nhất một mục');
  });
});

describe('a detail as a page shows it', () => {
  it('uses the detail’s own Vietnamese when it has it', () => {
    expect(detailWords({ path: 'title', message: 'Too small: expected string to have >=1 characters', vi: 'Tiêu đề: chưa điền' })).toBe('Tiêu đề: chưa điền');
  });

  it('reads zod’s English back into Vietnamese for a detail made without it', () => {
    expect(detailWords({ path: 'title', message: 'Too small: expected string to have >=1 characters' })).toBe('Tiêu đề: chưa điền');
    expect(detailWords({ path: 'text', message: 'Too big: expected string to have <=2000 characters' })).toBe('Nội dung: quá dài (tối đa 2000 ký tự)');
    expect(detailWords({ path: 'hamlet', message: 'Invalid input: expected string, received undefined' })).toBe('Thôn: chưa điền');
    expect(detailWords({ path: 'matter', message: 'Invalid option: expected one of "a"|"b"' })).toBe('Nội dung quyết định: không phải một lựa chọn hợp lệ');
    expect(detailWords({ path: 'opensAt', message: 'Invalid ISO datetime' })).toBe('Thời điểm mở biểu quyết: không phải một thời điểm hợp lệ');
  });

  it('puts the use cases’ own English details in Vietnamese, and anything else as not valid', () => {
    expect(detailWords({ path: 'reason', message: '10 to 500 characters' })).toBe('Lý do: phải có từ 10 đến 500 ký tự');
    expect(detailWords({ path: 'household', message: 'not on the roll' })).toBe('Hộ: không có trong danh sách hộ');
    expect(detailWords({ path: 'households.3.id', message: 'household id H-1 appears twice' })).toBe('Hộ 4, mã: mã hộ H-1 bị trùng');
    expect(detailWords({ path: 'reason', message: 'one of spam, insult, personal_data, off_topic' })).toBe('Lý do: hãy chọn một lý do trong danh sách');
    expect(detailWords({ path: 'date', message: 'a calendar date YYYY-MM-DD' })).toBe('Ngày: không phải một ngày hợp lệ');
    expect(detailWords({ path: 'x', message: 'some words nobody wrote down here' })).toBe('Một mục: không hợp lệ');
  });

  it('shows a Vietnamese message as it is', () => {
    expect(detailWords({ path: 'agreed', message: 'Số hộ đồng ý phải lớn hơn một nửa.' })).toBe('Số hộ đồng ý phải lớn hơn một nửa.');
  });

  it('says a bad line of a file by its number, in Vietnamese alone', () => {
    expect(detailWords({ path: 'line 3', line: 3, message: 'Dòng 3: thiếu mã hộ / line 3: the roll id is missing' })).toBe('Dòng 3: thiếu mã hộ');
    expect(detailWords({ path: 'households', line: 7, message: 'Too small: expected string to have >=1 characters' })).toBe('Dòng 7: chưa điền');
  });

  it('gives only the problem for a form that shows it under its field', () => {
    expect(detailProblem({ path: 'title', message: '', vi: 'Tiêu đề: chưa điền' })).toBe('Chưa điền');
    expect(detailProblem({ path: 'title', message: 'Too big: expected string to have <=300 characters' })).toBe('Quá dài (tối đa 300 ký tự)');
  });
});

describe('the error messages of the pages', () => {
  it('has a Vietnamese message for every error code, not the English one', () => {
    for (const code of ERROR_CODES) {
      expect(MESSAGES[code].vi, code).toBeTruthy();
      expect(MESSAGES[code].vi, code).not.toBe(MESSAGES[code].en);
      expect(isVietnamese(MESSAGES[code].vi), code).toBe(true);
    }
  });
});
