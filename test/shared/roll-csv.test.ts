import { describe, expect, it } from 'vitest';
import { parseCsvRows, parseRollCsv } from '../../shared/roll-csv.ts';

describe('the roll as CSV', () => {
  it('reads RFC 4180 quoting, a byte-order mark and CRLF line ends', () => {
    const rows = parseCsvRows('\ufeffa,"b,c","d ""e"""\r\n1,2,3\r\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b,c', 'd "e"'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('takes well-formed households and normalizes Vietnamese text to NFC', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n A';
    const { households, errors } = parseRollCsv(`id,hamlet,head,members,category\nH-1,Thôn Đông,${decomposed},4,near_poor\n`);
    expect(errors).toEqual([]);
    expect(households).toEqual([{ id: 'H-1', hamlet: 'Thôn Đông', head: 'Nguyễn Văn A', members: 4, category: 'near_poor' }]);
    expect(households[0]!.head).toBe(households[0]!.head.normalize('NFC'));
  });

  it('reports every bad line with its number and reason', () => {
    const csv = [
      'id,hamlet,head,members,category',
      'H-1,Thôn A,A,2,standard',
      'H-1,Thôn A,B,2,standard',
      'H-3,Thôn A,C,0,standard',
      'H-4,Thôn A,D,2',
      'H-5,Thôn A,E,2,rich',
    ].join('\n');
    const { errors } = parseRollCsv(csv);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(errors[0]!.message).toMatch(/already on line 2/);
    expect(errors[2]!.message).toMatch(/expected 5 fields/);
  });

  it('refuses a control character (NUL, escape) in any text, naming the line; a tab inside quotes is text', () => {
    const { households, errors } = parseRollCsv(
      'id,hamlet,head,members,category\nH-1,Thôn\u0000Đông,A,2,standard\nH-2,Thôn Đông,B\u001b,2,standard\nH-3,"Thôn\tĐông",C,2,standard\n',
    );
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
    expect(households.map((h) => h.id)).toEqual(['H-3']);
  });

  it('refuses a file without the header row', () => {
    const { errors } = parseRollCsv('H-1,Thôn A,A,2,standard\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('header');
  });

  it('takes an optional sixth column, the frontage in metres, as integer decimetres', () => {
    const csv = [
      'id,hamlet,head,members,category,frontage_m',
      'H-1,Thôn A,A,2,standard,12.5',
      'H-2,Thôn A,B,3,poor,"8,0"',
      'H-3,Thôn A,C,1,standard,0',
      'H-4,Thôn A,D,4,standard,',
    ].join('\n');
    const { households, errors } = parseRollCsv(csv);
    expect(errors).toEqual([]);
    expect(households.map((h) => h.frontageDecimetres)).toEqual([125, 80, 0, undefined]);
    expect('frontageDecimetres' in households[3]!).toBe(false);
  });

  it('reports a frontage that is not metres with one decimal at most, and a short line, by line', () => {
    const csv = [
      'id,hamlet,head,members,category,frontage_m',
      'H-1,Thôn A,A,2,standard,12.55',
      'H-2,Thôn A,B,3,poor,mười',
      'H-3,Thôn A,C,1,standard',
      'H-4,Thôn A,D,4,standard,-3',
    ].join('\n');
    const { households, errors } = parseRollCsv(csv);
    expect(households).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(errors[0]!.message).toMatch(/metres with at most one decimal/);
    expect(errors[2]!.message).toMatch(/expected 6 fields, found 5/);
  });

  it('names both headers it accepts when the first line is neither', () => {
    const { errors } = parseRollCsv('id,hamlet,head,members,category,frontage\nH-1,Thôn A,A,2,standard,3\n');
    expect(errors[0]!.message).toContain('id,hamlet,head,members,category,frontage_m');
  });
});

describe('the roll a commune already keeps', () => {
  /** The Vietnamese half of a message: before ` / `. */
  const vietnamese = (message: string) => message.split(' / ')[0]!;
  /** Words only the English half may use. */
  const ENGLISH =
    /\b(line|expected|fields?|found|must|members|category|hamlet|head|frontage|household|already|letters|digits|metres|whole|number|invalid|empty|control)\b/i;

  it('reads Vietnamese headers in another order, whatever their case and diacritics', () => {
    const csv = ['DIỆN,Chủ Hộ,so nhan khau,Mã hộ,"Thôn, tổ"', 'nghèo,Nguyễn Văn A,4,H-1,Thôn Đông', 'thường,Trần Thị B,2,H-2,Thôn Tây'].join('\r\n');
    const { households, errors } = parseRollCsv(csv);
    expect(errors).toEqual([]);
    expect(households).toEqual([
      { id: 'H-1', hamlet: 'Thôn Đông', head: 'Nguyễn Văn A', members: 4, category: 'poor' },
      { id: 'H-2', hamlet: 'Thôn Tây', head: 'Trần Thị B', members: 2, category: 'standard' },
    ]);
  });

  it('takes `tổ` and `thôn` for the hamlet and `mặt tiền (m)` or `mặt tiền` for the frontage', () => {
    for (const [hamlet, frontage] of [
      ['Tổ', 'Mặt tiền (m)'],
      ['thôn', 'mặt tiền'],
    ]) {
      const { households, errors } = parseRollCsv(`mã hộ,${hamlet},chủ hộ,số nhân khẩu,diện,${frontage}\nH-1,Tổ 3,A,2,thường,"7,5"\n`);
      expect(errors).toEqual([]);
      expect(households[0]).toMatchObject({ hamlet: 'Tổ 3', frontageDecimetres: 75 });
    }
  });

  it('splits on semicolons when the header has more of them, with quoted fields holding commas and semicolons', () => {
    const csv = [
      'mã hộ;thôn;chủ hộ;số nhân khẩu;diện;mặt tiền (m)',
      'H-1;"Thôn Đông; xóm 2";"Nguyễn Văn A, con";3;cận nghèo;12,5',
      'H-2;Thôn Đông;"Lê ""Út"" C";1;chính sách;',
    ].join('\n');
    expect(parseCsvRows(csv)[1]!.fields).toEqual(['H-1', 'Thôn Đông; xóm 2', 'Nguyễn Văn A, con', '3', 'cận nghèo', '12,5']);
    const { households, errors } = parseRollCsv(csv);
    expect(errors).toEqual([]);
    expect(households).toEqual([
      { id: 'H-1', hamlet: 'Thôn Đông; xóm 2', head: 'Nguyễn Văn A, con', members: 3, category: 'near_poor', frontageDecimetres: 125 },
      { id: 'H-2', hamlet: 'Thôn Đông', head: 'Lê "Út" C', members: 1, category: 'policy' },
    ]);
  });

  it('keeps commas as the delimiter when the header has as many or more of them, even with semicolons quoted', () => {
    const rows = parseCsvRows('"a;b;c",d\n1;2,3\n');
    expect(rows.map((r) => r.fields)).toEqual([
      ['a;b;c', 'd'],
      ['1;2', '3'],
    ]);
  });

  it('reads a byte-order mark with semicolons and CRLF', () => {
    const { households, errors } = parseRollCsv('\ufeffMã hộ;Thôn;Chủ hộ;Số nhân khẩu;Diện\r\nH-1;Thôn Đông;A;2;Nghèo\r\n');
    expect(errors).toEqual([]);
    expect(households).toEqual([{ id: 'H-1', hamlet: 'Thôn Đông', head: 'A', members: 2, category: 'poor' }]);
  });

  it('reads Vietnamese categories in upper and lower case, decomposed (NFD) or not, and the English ones', () => {
    const values = ['THƯỜNG', 'nghèo', 'Cận Nghèo', 'CHÍNH SÁCH', 'cận nghèo'.normalize('NFD'), 'Chính sách'.normalize('NFD'), 'standard', 'near_poor'];
    const csv = ['id,hamlet,head,members,category', ...values.map((v, i) => `H-${i},Thôn A,A,2,${v}`)].join('\n');
    const { households, errors } = parseRollCsv(csv);
    expect(errors).toEqual([]);
    expect(households.map((h) => h.category)).toEqual(['standard', 'poor', 'near_poor', 'policy', 'near_poor', 'policy', 'standard', 'near_poor']);
  });

  it('gives every reason in Vietnamese first, then in English after " / ", in the same {path, line, message} shape', () => {
    const csv = [
      'mã hộ,thôn,chủ hộ,số nhân khẩu,diện,mặt tiền',
      'H-1,Thôn A,A,2,thường,',
      'H-1,Thôn A,B,2,thường,',
      'H 3,Thôn A,C,2,thường,',
      'H-4,,D,2,thường,',
      'H-5,Thôn A,E,0,thường,',
      'H-6,Thôn A,F,2,giàu,',
      'H-7,Thôn A,G,2,thường,12.55',
      'H-8,Thôn A,H\u0000,2,thường,',
      'H-9,Thôn A,I,2',
    ].join('\n');
    const { households, errors } = parseRollCsv(csv);
    expect(households.map((h) => h.id)).toEqual(['H-1']);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    const header = parseRollCsv('ma,thon\nH-1,A\n').errors;
    expect(header).toHaveLength(1);
    for (const e of [...errors, ...header]) {
      expect(Object.keys(e).sort()).toEqual(['line', 'message', 'path']);
      expect(e.message).toMatch(new RegExp(`^Dòng ${e.line}: \\S.* / line ${e.line}: `));
      expect(vietnamese(e.message)).not.toMatch(ENGLISH);
      expect(e.message).toBe(e.message.normalize('NFC'));
    }
    expect(errors[0]!.message).toBe('Dòng 3: mã hộ H-1 đã có ở dòng 2 / line 3: household id H-1 already on line 2');
    expect(errors[3]!.message).toBe('Dòng 6: số nhân khẩu phải là số nguyên từ 1 đến 100 / line 6: members: a whole number from 1 to 100');
    expect(vietnamese(errors[2]!.message)).toContain('thôn không được để trống');
    expect(vietnamese(errors[4]!.message)).toContain('diện phải là thường, nghèo, cận nghèo hoặc chính sách');
    expect(vietnamese(errors[5]!.message)).toContain('mặt tiền');
    expect(vietnamese(errors[6]!.message)).toContain('chủ hộ có ký tự điều khiển');
    expect(errors[7]!.message).toBe('Dòng 10: cần 6 cột, dòng này có 4 / line 10: expected 6 fields, found 4');
  });

  it('names every bad field of a line, each in Vietnamese', () => {
    const { errors } = parseRollCsv('id,hamlet,head,members,category\nH 1,,,x,rich\n');
    expect(vietnamese(errors[0]!.message)).toBe(
      'Dòng 2: mã hộ chỉ gồm chữ không dấu, chữ số và . _ -, tối đa 32 ký tự; thôn không được để trống; chủ hộ không được để trống; số nhân khẩu phải là số nguyên từ 1 đến 100; diện phải là thường, nghèo, cận nghèo hoặc chính sách',
    );
  });

  it('refuses a header that names a column twice, or lacks one', () => {
    expect(parseRollCsv('mã hộ,thôn,tổ,chủ hộ,số nhân khẩu,diện\nH-1,A,B,C,2,nghèo\n').errors[0]!.path).toBe('header');
    expect(parseRollCsv('mã hộ,thôn,chủ hộ,số nhân khẩu\nH-1,A,C,2\n').errors[0]!.path).toBe('header');
  });
});
