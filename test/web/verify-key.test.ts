import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePinnedKey, parseReceipt } from '../../web/verify/key.ts';
import { expected, pinnedPem, VECTORS_DIR } from '../support/vectors.ts';

const jwks = JSON.parse(readFileSync(join(VECTORS_DIR, expected.key.jwks), 'utf8')) as { keys: JsonWebKey[] };

describe('the key a monitor pins on the verify page', () => {
  it('is a PEM block as pasted, spaces around it forgiven', () => {
    expect(parsePinnedKey(`\n  ${pinnedPem}  \n`)).toEqual({ ok: true, value: pinnedPem });
  });

  it('is the one key of the site JWKS file, or a JWK', () => {
    expect(parsePinnedKey(JSON.stringify(jwks))).toEqual({ ok: true, value: jwks.keys[0] });
    expect(parsePinnedKey(JSON.stringify(jwks.keys[0]))).toEqual({ ok: true, value: jwks.keys[0] });
  });

  it('is none when the field is empty (the page then uses the site JWKS)', () => {
    expect(parsePinnedKey('  \n')).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['a JWKS of two keys', JSON.stringify({ keys: [{ kty: 'EC' }, { kty: 'EC' }] }), /nhiều khóa/],
    ['a private key', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', /BEGIN PUBLIC KEY/],
    ['JSON that is no key', '{"hello":1}', /PEM hoặc JWK/],
    ['text', 'khóa của xã', /PEM hoặc JWK/],
  ])('is refused as %s, with the reason in Vietnamese then English', (_, text, reason) => {
    const read = parsePinnedKey(text);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.reason).toMatch(reason);
      expect(read.reason).toMatch(/ \/ [A-Z]/);
    }
  });
});

describe('the receipt a voter gives', () => {
  const receipt = expected.receipt.receipt;

  it('is 64 hex characters, copied by hand with spaces and capitals', () => {
    expect(parseReceipt(receipt.toUpperCase().replace(/(.{8})/g, '$1 '))).toEqual({ ok: true, value: receipt });
    expect(parseReceipt('')).toEqual({ ok: true, value: undefined });
  });

  it.each([receipt.slice(1), `${receipt}0`, receipt.replace(/.$/, 'g')])('is refused as %s', (text) => {
    expect(parseReceipt(text).ok).toBe(false);
  });
});
