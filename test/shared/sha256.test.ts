import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../shared/bytes.ts';
import { sha256, sha256Hex } from '../../shared/sha256.ts';

const nodeHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256', () => {
  // FIPS 180-4 / NIST CSRC example values.
  it.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['the 448-bit message', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'the 896-bit message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes %s to the NIST value', (_name, message, expected) => {
    expect(sha256Hex(utf8(message))).toBe(expected);
  });

  it("hashes a million 'a' to the NIST value", () => {
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const data = new Uint8Array(n).map((_, i) => (i * 7 + n) & 0xff);
      expect(toHex(sha256(data)), `length ${n}`).toBe(nodeHex(data));
    }
  });

  it('agrees with node:crypto on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (b) => toHex(sha256(b)) === nodeHex(b)),
      { numRuns: 500 },
    );
  });

  it('hashes a view into a larger buffer by its own bytes only', () => {
    const big = new Uint8Array(100).map((_, i) => i);
    const view = big.subarray(10, 77);
    expect(toHex(sha256(view))).toBe(nodeHex(new Uint8Array(view)));
  });

  it('returns a fresh digest each call (callers may keep it)', () => {
    const a = sha256(utf8('a'));
    const b = sha256(utf8('b'));
    expect(toHex(a)).not.toBe(toHex(b));
    expect(toHex(a)).toBe(nodeHex(utf8('a')));
  });

  it('sha256Hex uses an injected hash when given one', () => {
    expect(sha256Hex(utf8('x'), () => new Uint8Array([0xab]))).toBe('ab');
  });
});
