import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../shared/bytes.ts';
import { canonicalize, isCanonicalText, jcsBytes, parseJsonBytes, Utf8Writer } from '../../shared/jcs.ts';

function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

describe('canonical JSON (RFC 8785)', () => {
  // RFC 8785 Appendix B: IEEE 754 bit patterns and their serialization.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes the double 0x%s as %s (Appendix B)', (bits, expected) => {
    expect(canonicalize(double(bits))).toBe(expected);
  });

  it.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])('refuses the non-finite double 0x%s (Appendix B)', (bits) => {
    expect(() => canonicalize(double(bits))).toThrow(/not a JSON number/);
    expect(() => canonicalize({ n: double(bits) })).toThrow(/not a JSON number/);
  });

  // RFC 8785 §3.2.2 input, parsed by JSON.parse, and the §3.2.3 output with its UTF-8 bytes (§3.2.4).
  const sample = String.raw`{
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  }`;
  const sampleOutput = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;

  it('writes the RFC 8785 sample exactly', () => {
    expect(canonicalize(JSON.parse(sample))).toBe(sampleOutput);
  });

  it('writes the RFC 8785 sample as its published UTF-8 bytes', () => {
    const expected = [
      '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c 22 6e',
      '75 6d 62 65 72 73 22 3a 5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 65 2b 33 30',
      '2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24',
      '5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d',
    ]
      .join(' ')
      .replace(/ /g, '');
    expect(toHex(jcsBytes(JSON.parse(sample)))).toBe(expected);
  });

  it('sorts members by UTF-16 code units, not code points or locale (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('escapes control characters as RFC 8785 requires and leaves the rest as is', () => {
    expect(canonicalize('\b\t\n\f\r\u0000\u001f"\\/\u007fé')).toBe('"\\b\\t\\n\\f\\r\\u0000\\u001f\\"\\\\/\u007fé"');
  });

  it('nests, drops whitespace, and omits undefined members like JSON.stringify', () => {
    expect(canonicalize({ b: [1, { d: true, c: null }], a: 'x', u: undefined })).toBe('{"a":"x","b":[1,{"c":null,"d":true}]}');
    expect(canonicalize([])).toBe('[]');
    expect(canonicalize({})).toBe('{}');
  });

  it('refuses what is not JSON: lone surrogates, undefined, bigint, functions, class instances', () => {
    expect(() => canonicalize('\ud800')).toThrow(/surrogate/);
    expect(() => canonicalize('a\udc00')).toThrow(/surrogate/);
    expect(() => canonicalize({ '\udc00': 1 })).toThrow(/surrogate/);
    expect(() => canonicalize(undefined)).toThrow();
    expect(() => canonicalize([undefined])).toThrow();
    expect(() => canonicalize(1n)).toThrow();
    expect(() => canonicalize({ f: () => 1 })).toThrow();
    expect(() => canonicalize(new Date(0))).toThrow();
  });

  it('agrees with JSON.stringify on key-sorted JSON values', () => {
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortDeep)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
            )
          : v;
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalize(v);
        // Same value back, and idempotent.
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(sortDeep(v))));
        expect(canonicalize(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('isCanonicalText accepts exactly the canonical text of a value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ minLength: 1, maxLength: 2 }), (v, at, insert) => {
        const text = canonicalize(v);
        expect(isCanonicalText(v, text)).toBe(true);
        const i = at % (text.length + 1);
        const other = text.slice(0, i) + insert + text.slice(i);
        expect(isCanonicalText(v, other)).toBe(false);
        expect(isCanonicalText(v, text.slice(0, i) + text.slice(i + 1))).toBe(i === text.length);
      }),
    );
  });

  it('isCanonicalText refuses whitespace, member order, escapes and number spellings that JSON.parse accepts', () => {
    const cases: [unknown, string][] = [
      [{ a: 1, b: [true] }, '{"a": 1,"b":[true]}'],
      [{ a: 1, b: 2 }, '{"b":2,"a":1}'],
      [{ s: 'é/' }, '{"s":"\\u00e9\\/"}'],
      [{ n: 4.5 }, '{"n":4.50}'],
      [{ n: 1e30 }, '{"n":1E30}'],
      [[1, 2], '[1,2]\n'],
    ];
    for (const [value, text] of cases) {
      expect(JSON.parse(text)).toEqual(value);
      expect(isCanonicalText(value, text)).toBe(false);
    }
    expect(isCanonicalText(JSON.parse(sample), sampleOutput)).toBe(true);
    expect(() => isCanonicalText({ n: NaN }, '{"n":NaN}')).toThrow();
  });

  it('parseJsonBytes reads UTF-8 JSON and names malformed input', () => {
    expect(parseJsonBytes(jcsBytes({ a: 'Tán thành' }))).toEqual({ a: 'Tán thành' });
    expect(() => parseJsonBytes(new TextEncoder().encode('{"a":'))).toThrow(/malformed JSON/);
  });
});

describe('Utf8Writer', () => {
  it('writes the bytes of the whole text, across flushes, growth and characters of two to four bytes', () => {
    const w = new Utf8Writer(16);
    let whole = '';
    for (let i = 0; i < 20_000; i++) {
      const piece = i % 3 === 0 ? `,"Hộ ${i}"` : i % 3 === 1 ? `😀${i}` : `\u2028x${i}`;
      w.text(piece);
      whole += piece;
    }
    expect(Buffer.from(w.bytes())).toEqual(Buffer.from(whole, 'utf8'));
    expect(w.byteLength).toBe(Buffer.byteLength(whole, 'utf8'));
  });

  it('json appends canonical JSON, and reserve keeps what was written', () => {
    const w = new Utf8Writer();
    w.json({ b: 1, a: ['é', null] });
    w.reserve(1_000_000);
    w.text('|');
    w.json('x"y');
    expect(new TextDecoder().decode(w.bytes())).toBe('{"a":["é",null],"b":1}|"x\\"y"');
    expect(() => w.json('\uD800')).toThrow(/lone surrogate/);
  });
});
