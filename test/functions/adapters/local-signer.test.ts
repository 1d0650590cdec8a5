import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSigner, SIGNING_KEY_FILE } from '../../../functions/adapters/local-signer.ts';

async function webCryptoVerifies(spki: Uint8Array, message: Uint8Array, p1363: Uint8Array): Promise<boolean> {
  const key = await crypto.subtle.importKey('spki', new Uint8Array(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, new Uint8Array(p1363), new Uint8Array(message));
}

describe('LocalSigner', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'signer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a PKCS#8 P-256 key readable only by its owner on first use', async () => {
    const keyDir = join(dir, 'data');
    await new LocalSigner(keyDir).publicKeySpki();
    const file = join(keyDir, SIGNING_KEY_FILE);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('signs with 64-byte P1363 signatures that WebCrypto verifies against its SPKI public key', async () => {
    const signer = new LocalSigner(dir);
    const spki = await signer.publicKeySpki();
    expect(spki).toHaveLength(91);
    const message = new TextEncoder().encode('eyJhbGciOiJFUzI1NiJ9.eyJ0YWxseSI6MX0');
    const signature = await signer.sign(message);
    expect(signature).toHaveLength(64);
    expect(await webCryptoVerifies(spki, message, signature)).toBe(true);
    expect(await webCryptoVerifies(spki, new TextEncoder().encode('other'), signature)).toBe(false);
  });

  it('keeps the same key across instances (restarts)', async () => {
    const first = await new LocalSigner(dir).publicKeySpki();
    const again = new LocalSigner(dir);
    expect(await again.publicKeySpki()).toEqual(first);
    const message = new Uint8Array([1, 2, 3]);
    expect(await webCryptoVerifies(first, message, await again.sign(message))).toBe(true);
  });

  it('two signers starting at once on an empty directory end with one key', async () => {
    const [a, b] = await Promise.all([new LocalSigner(dir).publicKeySpki(), new LocalSigner(dir).publicKeySpki()]);
    expect(a).toEqual(b);
  });

  it('refuses a key that is not P-256, without echoing the file', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    writeFileSync(join(dir, SIGNING_KEY_FILE), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(new LocalSigner(dir).sign(new Uint8Array([1]))).rejects.toThrow(/must be an ECDSA P-256 key, found ec secp384r1/);
  });

  it('refuses a file that is not a PEM key, and its error does not quote the content', async () => {
    writeFileSync(join(dir, SIGNING_KEY_FILE), 'not-a-key-SECRET');
    const failure = await new LocalSigner(dir).publicKeySpki().catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/is not a readable PEM private key/);
    expect((failure as Error).message).not.toContain('SECRET');
  });
});
