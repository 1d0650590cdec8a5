import { jcsBytes } from '../../shared/jcs.ts';
import { TranslationFile } from '../../shared/open-data/published.ts';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../shared/bytes.ts';
import type { Consultation } from '../../shared/schemas.ts';
import { readTranslation, TRANSLATED_NOTICES, type Translation } from '../../shared/translations.ts';
import { NOTICE_KINDS, withCommuneTranslation } from '../../functions/core/notifier.ts';
import { translationState } from '../../functions/core/translations.ts';

const ID = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
const rule = { base: 'eligible', op: 'more_than', fraction: [1, 2] } as Consultation['questions'][number]['rule'];
const round: Pick<Consultation, 'id' | 'questions'> = {
  id: ID,
  questions: [
    { id: 'q1', type: 'yes_no', text: 'Đồng ý làm đường?', options: [], rule },
    {
      id: 'q2',
      type: 'single',
      text: 'Chọn mức đóng góp',
      options: [
        { id: 'low', label: 'Mức thấp' },
        { id: 'high', label: 'Mức cao' },
      ],
      rule,
    },
  ],
};

/** A Khmer translation of the round, with its questions and options out of the round's order. */
const khmer = () => ({
  format: 'translation/1',
  consultationId: ID,
  language: { tag: 'km', name: 'ភាសាខ្មែរ' },
  title: 'ការសាងសង់ផ្លូវភូមិ',
  description: 'ផ្លូវវែង ៥០០ ម៉ែត្រ។',
  questions: [
    {
      id: 'q2',
      text: 'ជ្រើសរើសកម្រិតវិភាគទាន',
      options: [
        { id: 'high', label: 'កម្រិតខ្ពស់' },
        { id: 'low', label: 'កម្រិតទាប' },
      ],
    },
    { id: 'q1', text: 'យល់ព្រមសាងសង់ផ្លូវ?' },
  ],
  notices: { meeting_invitation: 'សូមអញ្ជើញចូលរួមប្រជុំ' },
});

const read = (value: unknown) => readTranslation(utf8(typeof value === 'string' ? value : JSON.stringify(value)), round);
const errorsOf = (value: unknown) => {
  const r = read(value);
  if (!('errors' in r)) throw new Error('expected errors');
  return r.errors;
};
const translationOf = (value: unknown): Translation => {
  const r = read(value);
  if ('errors' in r) throw new Error(JSON.stringify(r.errors));
  return r.translation;
};

const CSV = [
  'khóa,nội dung',
  `consultationId,${ID}`,
  'language.tag,km',
  'language.name,ភាសាខ្មែរ',
  'title,ការសាងសង់ផ្លូវភូមិ',
  'description,"ផ្លូវវែង ៥០០ ម៉ែត្រ។"',
  'question.q1,យល់ព្រមសាងសង់ផ្លូវ?',
  'question.q2,ជ្រើសរើសកម្រិតវិភាគទាន',
  'option.q2.low,កម្រិតទាប',
  'option.q2.high,កម្រិតខ្ពស់',
  'notice.meeting_invitation,សូមអញ្ជើញចូលរួមប្រជុំ',
].join('\n');

describe('a commune’s translation file', () => {
  it('is read in the round’s order: questions, then each question’s options', () => {
    const t = translationOf(khmer());
    expect(t.questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(t.questions[1]!.options.map((o) => o.id)).toEqual(['low', 'high']);
    expect(t.questions[0]!.options).toEqual([]);
    expect(t.notices).toEqual({ meeting_invitation: 'សូមអញ្ជើញចូលរួមប្រជុំ' });
  });

  it('as CSV gives the same translation as the JSON file', () => {
    expect(translationOf(CSV)).toEqual(translationOf(khmer()));
    expect(translationOf(`\uFEFF${CSV.replace('khóa,nội dung', 'key,text')}`)).toEqual(translationOf(khmer()));
  });

  it('is put in NFC, and its language tag in BCP 47 case', () => {
    const t = translationOf({ ...khmer(), language: { tag: 'HMN-vn', name: 'Tiếng H’Mông'.normalize('NFD') }, title: 'Đường thôn'.normalize('NFD') });
    expect(t.language).toEqual({ tag: 'hmn-VN', name: 'Tiếng H’Mông'.normalize('NFC') });
    expect(t.title).toBe('Đường thôn'.normalize('NFC'));
  });

  it('without notices has no notices field', () => {
    const { notices: _, ...plain } = khmer();
    expect('notices' in translationOf(plain)).toBe(false);
  });

  it.each([
    ['a question the round does not have', (t: any) => t.questions.push({ id: 'q9', text: 'x' }), 'questions.2.id', 'không có câu hỏi “q9”'],
    ['a question missing', (t: any) => t.questions.pop(), 'questions', 'thiếu bản dịch câu hỏi “q1”'],
    ['an option missing', (t: any) => t.questions[0].options.pop(), 'questions.0.options', 'thiếu bản dịch phương án “low”'],
    [
      'an option the question does not have',
      (t: any) => t.questions[0].options.push({ id: 'mid', label: 'x' }),
      'questions.0.options.2.id',
      'không có phương án “mid”',
    ],
    ['options on a yes/no question', (t: any) => (t.questions[1].options = [{ id: 'yes', label: 'x' }]), 'questions.1.options.0.id', 'câu đồng ý/không đồng ý'],
    ['another round’s id', (t: any) => (t.consultationId = '01JAAAAAAAAAAAAAAAAAAAAAAA'), 'consultationId', 'Mã vòng biểu quyết: tệp này dành cho vòng'],
    ['Vietnamese as the second language', (t: any) => (t.language.tag = 'vi'), 'language.tag', 'Mã ngôn ngữ: tiếng Việt và tiếng Anh đã có sẵn'],
    ['English as the second language', (t: any) => (t.language.tag = 'en-GB'), 'language.tag', 'Mã ngôn ngữ: tiếng Việt và tiếng Anh đã có sẵn'],
    ['a tag that is not BCP 47', (t: any) => (t.language.tag = 'Khmer language'), 'language.tag', 'không phải mã ngôn ngữ BCP 47'],
    ['an empty title', (t: any) => (t.title = '   '), 'title', 'Tiêu đề: chưa điền'],
    ['a control character', (t: any) => (t.description = 'a\u0000b'), 'description', 'Mô tả: có ký tự điều khiển'],
    ['an unknown notice', (t: any) => (t.notices = { gossip: 'x' }), 'notices', 'Thông báo: có mục không được nhận'],
    ['a field of its own', (t: any) => (t.extra = 1), '(body)', 'có mục không được nhận'],
  ])('refuses %s, saying which field in Vietnamese', (_, change, path, vi) => {
    const t = khmer();
    change(t);
    const errors = errorsOf(t);
    const e = errors.find((x) => x.path === path);
    expect(e, JSON.stringify(errors)).toBeDefined();
    expect(e!.vi).toContain(vi);
    expect(e!.message).toMatch(/[a-z]/);
  });

  it('refuses a CSV with its problems by line: Dòng N', () => {
    expect(errorsOf(CSV.replace('title,ការសាងសង់ផ្លូវភូមិ', 'title,'))).toEqual([
      { path: 'title', line: 5, message: expect.any(String), vi: 'Dòng 5: Tiêu đề: chưa điền' },
    ]);
    // The round's shape is checked once every field is well formed.
    const errors = errorsOf(CSV.replace('option.q2.high,កម្រិតខ្ពស់', 'option.q2.mid,x'));
    expect(errors).toContainEqual(expect.objectContaining({ line: 10, vi: expect.stringMatching(/^Dòng 10: .*không có phương án “mid”/) }));
    expect(errors).toContainEqual(expect.objectContaining({ line: 8, vi: expect.stringMatching(/^Dòng 8: .*thiếu bản dịch phương án “high”/) }));
  });

  it('refuses a CSV with an unknown key, a repeated key, a wrong column count or no header', () => {
    expect(errorsOf(`${CSV}\nsubtitle,x`)[0]).toMatchObject({ line: 12, vi: expect.stringContaining('Dòng 12: không có khóa “subtitle”') });
    expect(errorsOf(`${CSV}\ntitle,again`)[0]).toMatchObject({ line: 12, vi: 'Dòng 12: khóa “title” đã có ở dòng 5' });
    expect(errorsOf(`${CSV}\nquestion.q1,a,b`)[0]).toMatchObject({ line: 12, vi: expect.stringContaining('cần đúng 2 cột') });
    expect(errorsOf(CSV.split('\n').slice(1).join('\n'))[0]).toMatchObject({ line: 1, vi: expect.stringContaining('tiêu đề cột') });
  });

  it('refuses a file that is not UTF-8, empty, or malformed JSON, in the api.md detail shape', () => {
    expect(readTranslation(new Uint8Array([0x7b, 0xff, 0xfe]), round)).toEqual({
      errors: [{ path: 'file', message: 'the file is not UTF-8 text', vi: 'Tệp: không phải văn bản UTF-8' }],
    });
    expect(errorsOf('  \n')[0]).toMatchObject({ path: 'file', vi: 'Tệp: tệp rỗng' });
    expect(errorsOf('{"format": ')[0]).toMatchObject({
      path: 'file',
      message: expect.stringMatching(/^malformed JSON/),
      vi: expect.stringContaining('không đọc được JSON'),
    });
  });
});

describe('the translation on the record', () => {
  const event = (action: string, data: Record<string, unknown> = {}) => ({ action, data });
  const supplied = (t: Translation) => event('translation_supplied', { translation: t, file: 'translations/km.json', sha256: 'a'.repeat(64) });

  it('is the last one supplied, and none after it is removed', () => {
    const t = translationOf(khmer());
    expect(translationState([supplied(t)], round).current?.translation).toEqual(t);
    expect(translationState([supplied(t), event('translation_removed')], round)).toEqual({});
    expect(translationState([], round)).toEqual({});
  });

  it('is stale, never shown, once the draft’s questions changed', () => {
    const t = translationOf(khmer());
    const changed = { ...round, questions: [round.questions[0]!] };
    const state = translationState([supplied(t)], changed);
    expect(state.current).toBeUndefined();
    expect(state.stale?.translation).toEqual(t);
  });
});

describe('a notice in the commune’s second language', () => {
  it('knows every kind of notice the notifier sends', () => {
    expect([...TRANSLATED_NOTICES].sort()).toEqual([...NOTICE_KINDS].sort());
  });

  it('comes after the Vietnamese when both fit one message, else the Vietnamese goes alone', () => {
    const vi = { vi: 'Kính mời đại diện hộ dự họp.' };
    expect(withCommuneTranslation(vi, { language: 'km', text: 'សូមអញ្ជើញ' })).toEqual({ ...vi, second: { language: 'km', text: 'សូមអញ្ជើញ' } });
    expect(withCommuneTranslation(vi, undefined)).toEqual(vi);
    expect(withCommuneTranslation({ vi: 'x'.repeat(600) }, { language: 'km', text: 'y'.repeat(200) })).toEqual({ vi: 'x'.repeat(600) });
    const own = { vi: 'a', second: { language: 'hmn', text: 'b' } };
    expect(withCommuneTranslation(own, { language: 'km', text: 'c' })).toBe(own);
  });
});

describe('the published translation and its open-data schema', () => {
  it('validates as checked, and a file without its language fails', () => {
    const published = JSON.parse(new TextDecoder().decode(jcsBytes(translationOf(khmer()))));
    expect(TranslationFile.safeParse(published).success).toBe(true);
    const { language: _dropped, ...withoutLanguage } = published;
    expect(TranslationFile.safeParse(withoutLanguage).success).toBe(false);
  });
});
