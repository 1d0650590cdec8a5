import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../shared/bytes.ts';
import { derToP1363, p1363ToDer } from '../../shared/der.ts';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = publicKey.export({ type: 'spki', format: 'der' });

describe('DER and P1363 ECDSA signatures', () => {
  it('node:crypto DER signatures convert to P1363 that WebCrypto verifies, and back to the same DER', async () => {
    const key = await crypto.subtle.importKey('spki', new Uint8Array(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    let padded = 0;
    for (let i = 0; i < 300; i++) {
      const message = new TextEncoder().encode(`message ${i}`);
      const der = new Uint8Array(sign('sha256', message, privateKey));
      const p1363 = derToP1363(der);
      expect(p1363.length).toBe(64);
      expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, p1363, message)).toBe(true);
      expect(toHex(p1363ToDer(p1363))).toBe(toHex(der));
      // About half of all r and s have the high bit set and need a sign byte in DER.
      if (der[3] === 33 || der[5 + der[3]!] === 33) padded++;
    }
    expect(padded).toBeGreaterThan(0);
  });

  it('WebCrypto P1363 signatures convert to DER that node:crypto verifies', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const pub = createPublicKey({ key: Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)), format: 'der', type: 'spki' });
    for (let i = 0; i < 50; i++) {
      const message = new TextEncoder().encode(`m${i}`);
      const p1363 = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, message));
      expect(verify('sha256', message, pub, p1363ToDer(p1363))).toBe(true);
    }
  });

  it('short r and s, and values with the high bit set, round-trip through DER', () => {
    const cases = [
      `${'00'.repeat(31)}01${'00'.repeat(31)}02`, // one-byte r and s
      `00000000${'ab'.repeat(28)}${'00'.repeat(16)}${'7f'.repeat(16)}`, // 28-byte r, 16-byte s without padding
      `${'ff'.repeat(32)}80${'00'.repeat(31)}`, // both need a sign byte
      `00${'80'.repeat(31)}7f${'ff'.repeat(31)}`, // 31 bytes with high bit, 32 bytes without
    ];
    for (const hex of cases) expect(toHex(derToP1363(p1363ToDer(fromHex(hex))))).toBe(hex);
    const der = p1363ToDer(fromHex(cases[2]!));
    expect(toHex(der.subarray(0, 5))).toBe('3046022100');
    expect(toHex(p1363ToDer(fromHex(cases[0]!)))).toBe('3006020101020102');
  });

  it('any non-zero r and s round-trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (sig) => {
        fc.pre(sig.subarray(0, 32).some((b) => b) && sig.subarray(32).some((b) => b));
        return toHex(derToP1363(p1363ToDer(sig))) === toHex(sig);
      }),
    );
  });

  it('reads a long-form SEQUENCE length when it is minimal', () => {
    // A body of 128 bytes or more needs the long form 0x81 <len>: it is read, and then the oversized INTEGER refused.
    const body = [0x02, 0x7e, 0x00, ...new Array(125).fill(0x80), 0x02, 0x01, 0x01];
    expect(() => derToP1363(new Uint8Array([0x30, 0x81, body.length, ...body]))).toThrow(/longer than 32/);
    // The same short body with a needless long form is refused.
    const ok = [...p1363ToDer(fromHex('11'.repeat(64)))];
    expect(() => derToP1363(new Uint8Array([0x30, 0x81, ok[1]!, ...ok.slice(2)]))).toThrow(/non-minimal length/);
  });

  it.each([
    ['an empty input', ''],
    ['not a SEQUENCE', '3106020101020101'],
    ['a wrong SEQUENCE length', '3007020101020101'],
    ['trailing bytes', '300602010102010100'],
    ['an indefinite length', '3080020101020101'],
    ['a negative INTEGER', '3006020181020101'],
    ['a non-minimal INTEGER', '300702020001020101'],
    ['a zero INTEGER', '3006020100020101'],
    ['an empty INTEGER', '30050200020101'],
    ['not an INTEGER', '3006030101020101'],
    ['an INTEGER longer than 32 bytes', `3027022201${'00'.repeat(33)}020101`],
    ['a truncated INTEGER', '3006020501020101'],
  ])('refuses %s', (_name, hex) => {
    expect(() => derToP1363(fromHex(hex))).toThrow(/DER signature/);
  });

  it('refuses a P1363 signature that is not 64 bytes', () => {
    expect(() => p1363ToDer(new Uint8Array(63))).toThrow(/64 bytes/);
  });
});
