import { describe, expect, it } from 'vitest';
import { codeHash, newCode, normalizeCode } from '../../../functions/core/codes.ts';

describe('household voting codes', () => {
  it('are 16 Crockford base32 characters in groups of four, from 80 random bits', () => {
    expect(newCode(new Uint8Array(10))).toBe('0000-0000-0000-0000');
    expect(newCode(new Uint8Array(10).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(newCode(Uint8Array.from([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]))).toBe('1111-1111-1111-1111');
  });

  it('refuse fewer than 10 random bytes', () => {
    expect(() => newCode(new Uint8Array(9))).toThrow(RangeError);
  });

  it('read what residents type: case, spaces and dashes ignored, O as 0 and I or L as 1', () => {
    expect(normalizeCode('abcd-efgh-jkmn-pqrs')).toBe('ABCDEFGHJKMNPQRS');
    expect(normalizeCode(' o1il 2345 6789 abcd ')).toBe('011123456789ABCD');
    expect(normalizeCode('ABCD-EFGH')).toBeUndefined();
    expect(normalizeCode('UUUU-UUUU-UUUU-UUUU')).toBeUndefined();
  });

  it('hash the same code differently in two consultations', () => {
    const code = normalizeCode(newCode(new Uint8Array(10).fill(7)))!;
    expect(codeHash('A', code)).toMatch(/^[0-9a-f]{64}$/);
    expect(codeHash('A', code)).not.toBe(codeHash('B', code));
    expect(codeHash('A', code)).toBe(codeHash('A', code));
  });
});
