import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, concat, fromBase64, fromBase64Url, fromHex, fromUtf8, hexInto, toBase64, toBase64Url, toHex, utf8 } from '../../shared/bytes.ts';

describe('bytes', () => {
  it('UTF-8 round-trips any well-formed string, Vietnamese included', () => {
    expect(toHex(utf8('Tán thành'))).toBe(Buffer.from('Tán thành', 'utf8').toString('hex'));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => fromUtf8(utf8(s)) === s));
  });

  it('malformed UTF-8 is refused rather than replaced', () => {
    expect(() => fromUtf8(new Uint8Array([0xc3, 0x28]))).toThrow(/UTF-8/);
    expect(() => fromUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(/UTF-8/);
  });

  it('a byte order mark is kept, not silently dropped', () => {
    expect(fromUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('\ufeff{}');
  });

  it('hex matches Node and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const hex = toHex(b);
        return hex === Buffer.from(b).toString('hex') && bytesEqual(fromHex(hex), b);
      }),
    );
  });

  it.each(['0', 'abc', 'zz', 'AB', '0x12', ' 12', '1g'])('hex decoding refuses %j', (bad) => {
    expect(() => fromHex(bad)).toThrow();
  });

  it('hexInto writes at an offset and refuses to overflow', () => {
    const target = new Uint8Array(4);
    hexInto('beef', target, 2);
    expect([...target]).toEqual([0, 0, 0xbe, 0xef]);
    expect(() => hexInto('beefbe', target, 2)).toThrow(/room/);
  });

  it('base64url matches Node, has no padding, and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const text = toBase64Url(b);
        return text === Buffer.from(b).toString('base64url') && !text.includes('=') && bytesEqual(fromBase64Url(text), b);
      }),
    );
  });

  it.each(['a', 'AB==', 'A+B/', 'AB=', 'AQ=', 'AR', 'AAB'])('base64url decoding refuses %j (padding, foreign characters, non-canonical bits)', (bad) => {
    expect(() => fromBase64Url(bad)).toThrow();
  });

  it('standard base64 matches Node with padding and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const text = toBase64(b);
        return text === Buffer.from(b).toString('base64') && bytesEqual(fromBase64(text), b);
      }),
    );
    expect(() => fromBase64('AB')).toThrow();
    expect(() => fromBase64('A-8=')).toThrow();
  });

  it('concat joins parts in order', () => {
    expect([...concat(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))]).toEqual([1, 2, 3]);
  });

  it('bytesEqual tells equal from different contents and lengths', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});
