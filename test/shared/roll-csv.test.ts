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
