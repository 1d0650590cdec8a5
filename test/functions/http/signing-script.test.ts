import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SIGNING_JS, signingScript } from '../../../functions/http/signing-script.ts';
import { jcsBytes } from '../../../shared/jcs.ts';
import { decodeJws, importP256PublicKey, jwkThumbprint, verifyEs256 } from '../../../shared/jws.ts';
import { browserKeyPair, cryptoWith, FakeIndexedDB, runScript } from '../../support/signing-script.ts';

describe('the common part of the signing scripts', () => {
  const s = runScript(SIGNING_JS).DanbanSigning;

  it('writes JCS like the project’s canonicaliser for the signed shapes', () => {
    const value = {
      statement: 'verified',
      monitor: { organisation: 'Ban "Thanh tra" \u2028', name: 'Trần Văn Giám' },
      at: '2026-11-23T08:00:00Z',
      Z: 'upper first',
      é: 'after ascii',
    };
    expect(s.jcs(value)).toBe(new TextDecoder().decode(jcsBytes(value)));
    expect(s.jcs({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
  });

  it('encodes base64url and hex without padding, and decodes it back', () => {
    const bytes = new Uint8Array([251, 255, 0, 62, 63]);
    expect(s.b64u(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    expect(Array.from(s.b64uDecode(s.b64u(bytes)))).toEqual(Array.from(bytes));
    expect(s.hex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(() => s.b64uDecode('a+b/')).toThrow();
    expect(s.utcSecond(new Date('2026-11-23T08:00:00.987Z'))).toBe('2026-11-23T08:00:00Z');
  });

  it('computes the RFC 7638 thumbprint the server computes, of a JWK and of a key pair', async () => {
    const pair = await browserKeyPair();
    const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
    expect(await s.thumbprint({ ...jwk, ext: true, key_ops: ['verify'] })).toBe(jwkThumbprint(jwk));
    expect(await s.keyThumbprint(pair)).toBe(jwkThumbprint(jwk));
    await expect(webcrypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
    const ec = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
    expect(await s.thumbprint(ec)).toBe(jwkThumbprint(ec));
  });

  it('signs a compact JWS whose header carries the key, its thumbprint and the type, and which verifies under it', async () => {
    const pair = await browserKeyPair();
    const compact: string = await s.signJws(pair, 'example+jws', { b: 'Thôn Đông', a: 1 });
    const decoded = decodeJws(compact);
    expect(decoded.header).toEqual({ alg: 'ES256', jwk: decoded.header.jwk, kid: jwkThumbprint(decoded.header.jwk as JsonWebKey), typ: 'example+jws' });
    expect(Object.keys(decoded.header.jwk as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(new TextDecoder().decode(decoded.payloadBytes)).toBe('{"a":1,"b":"Thôn Đông"}');
    expect(await verifyEs256(decoded, await importP256PublicKey(decoded.header.jwk as JsonWebKey))).toBe(true);
    const other = await browserKeyPair();
    expect(await verifyEs256(decoded, other.publicKey)).toBe(false);
  });

  it('words a refused post Vietnamese first, then the status and the English reason', () => {
    expect(s.refusal({ status: 403, body: { error: { code: 'forbidden', message: 'not yours', vi: 'Bạn không có quyền.' } } })).toBe(
      'Bị từ chối: Bạn không có quyền. / Refused (HTTP 403): not yours',
    );
    expect(s.refusal({ status: 502, body: undefined })).toBe('Bị từ chối / Refused (HTTP 502)');
  });

  it('starts nothing outside a browser, and puts the common part before the parts a page needs', () => {
    expect(s.supported()).toBe(false);
    expect(signingScript('/* part */')).toBe(`${SIGNING_JS}\n/* part */`);
  });
});

describe('the key kept in IndexedDB', () => {
  const DATABASE = 'danban-minutes';
  const NAME = 'chair:Nguyễn Văn An';

  /** A tab: the common part on its own, sharing the origin's IndexedDB with the other tabs. */
  function tab(indexedDB: FakeIndexedDB, crypto?: Crypto): Record<string, any> {
    return runScript(SIGNING_JS, { indexedDB, ...(crypto ? { crypto } : {}) }).DanbanSigning;
  }

  /** The thumbprint of what is kept under name, read outside the scripts. */
  async function keptThumbprint(indexedDB: FakeIndexedDB, name: string): Promise<string> {
    const records = indexedDB.records(DATABASE, 'keys');
    expect([...records.keys()]).toEqual([name]);
    const kept = records.get(name) as CryptoKeyPair;
    expect(Object.keys(kept).sort()).toEqual(['privateKey', 'publicKey']);
    expect(kept.privateKey.extractable).toBe(false);
    return jwkThumbprint(await webcrypto.subtle.exportKey('jwk', kept.publicKey));
  }

  it('makes a key on first use, keeps it under the name in store keys of version 1, and reads the same one back', async () => {
    const idb = new FakeIndexedDB();
    let made = 0;
    const crypto = cryptoWith((real, ...args) => {
      made++;
      return real(...args);
    });
    const first: string = await tab(idb, crypto).keyPair(DATABASE, NAME).then(tab(idb).keyThumbprint);
    expect(idb.version(DATABASE)).toBe(1);
    expect(await keptThumbprint(idb, NAME)).toBe(first);
    await expect(tab(idb, crypto).keyPair(DATABASE, NAME).then(tab(idb).keyThumbprint)).resolves.toBe(first);
    expect(made).toBe(1);
  });

  it('reads a key kept by the earlier script exactly as it was kept', async () => {
    const idb = new FakeIndexedDB();
    const pair = await browserKeyPair();
    idb.keep(DATABASE, 'keys', NAME, { privateKey: pair.privateKey, publicKey: pair.publicKey });
    const crypto = cryptoWith(() => Promise.reject(new Error('no key should be made')));
    const s = tab(idb, crypto);
    await expect(s.keyPair(DATABASE, NAME).then(s.keyThumbprint)).resolves.toBe(await s.keyThumbprint(pair));
    expect(idb.records(DATABASE, 'keys').size).toBe(1);
  });

  it('when two tabs make the key at once, both use the one kept first, and it is never overwritten', async () => {
    const idb = new FakeIndexedDB();
    // Each generateKey waits until both tabs have asked for one: both found no key, as two tabs opened together do.
    const made: CryptoKeyPair[] = [];
    const waiting: (() => void)[] = [];
    const crypto = cryptoWith((real, ...args) => {
      const held = new Promise<void>((resolve) => waiting.push(resolve));
      if (waiting.length === 2) for (const go of waiting) go();
      return held.then(() => real(...args)).then((pair) => (made.push(pair), pair));
    });
    const [one, two] = [tab(idb, crypto), tab(idb, crypto)];
    const [a, b] = await Promise.all([one.keyPair(DATABASE, NAME), two.keyPair(DATABASE, NAME)]);
    expect(made).toHaveLength(2);
    const kept = await keptThumbprint(idb, NAME);
    await expect(one.keyThumbprint(a)).resolves.toBe(kept);
    await expect(two.keyThumbprint(b)).resolves.toBe(kept);
    // The kept key is the one made first, and a third tab shows it too.
    await expect(one.keyThumbprint(made[0])).resolves.toBe(kept);
    const three = tab(idb);
    await expect(three.keyPair(DATABASE, NAME).then(three.keyThumbprint)).resolves.toBe(kept);
  });

  it('signs with the key another tab kept: the signature verifies under the kept key', async () => {
    const idb = new FakeIndexedDB();
    const waiting: (() => void)[] = [];
    const crypto = cryptoWith((real, ...args) => {
      const held = new Promise<void>((resolve) => waiting.push(resolve));
      if (waiting.length === 2) for (const go of waiting) go();
      return held.then(() => real(...args));
    });
    const [one, two] = [tab(idb, crypto), tab(idb, crypto)];
    const pairs = await Promise.all([one.keyPair(DATABASE, NAME), two.keyPair(DATABASE, NAME)]);
    const kept = idb.records(DATABASE, 'keys').get(NAME) as CryptoKeyPair;
    for (const pair of pairs) {
      const decoded = decodeJws(await one.signJws(pair, 'example+jws', { a: 1 }));
      expect(await verifyEs256(decoded, kept.publicKey)).toBe(true);
    }
  });

  it('replaces a record that is not a key pair with a new key', async () => {
    const idb = new FakeIndexedDB();
    const pair = await browserKeyPair();
    idb.keep(DATABASE, 'keys', NAME, { publicKey: pair.publicKey });
    const s = tab(idb);
    const made: string = await s.keyPair(DATABASE, NAME).then(s.keyThumbprint);
    expect(made).not.toBe(await s.keyThumbprint(pair));
    expect(await keptThumbprint(idb, NAME)).toBe(made);
  });

  it('a page’s key cache makes a key once, and tries again after a failure instead of keeping it', async () => {
    const idb = new FakeIndexedDB();
    let calls = 0;
    const crypto = cryptoWith((real, ...args) => (++calls === 1 ? Promise.reject(new Error('the first key could not be made')) : real(...args)));
    const s = tab(idb, crypto);
    const key = s.keyCache(DATABASE);
    await expect(key(NAME)).rejects.toThrow('the first key could not be made');
    expect(idb.records(DATABASE, 'keys').size).toBe(0);
    const again = key(NAME);
    expect(key(NAME)).toBe(again);
    const kid: string = await again.then(s.keyThumbprint);
    expect(await keptThumbprint(idb, NAME)).toBe(kid);
    expect(key(NAME)).toBe(again);
    expect(calls).toBe(2);
    // Another name is another key.
    await expect(key('secretary:Lê Thị Bình').then(s.keyThumbprint)).resolves.not.toBe(kid);
  });
});
