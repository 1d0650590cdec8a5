/**
 * The local stand-in for a symmetric KMS key: AES-256-GCM with a key kept in `<dir>/sealing-key` (32 random bytes,
 * mode 0600), made on first use. The context is the additional authenticated data: a secret sealed for one
 * consultation cannot be opened as another's. Sealed form: base64url of iv (12 bytes) | ciphertext | tag (16 bytes).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromBase64Url, toBase64Url, utf8 } from '../../shared/bytes.ts';
import type { Sealer } from '../core/ports.ts';

export const SEALING_KEY_FILE = 'sealing-key';

export class LocalSealer implements Sealer {
  #key: Promise<Buffer> | undefined;

  /** `source` is the data directory (the key file is made there) or, in tests, the 32 key bytes themselves. */
  constructor(private readonly source: string | Uint8Array) {}

  async seal(secret: Uint8Array, context: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.#load(), iv);
    cipher.setAAD(utf8(context));
    const body = Buffer.concat([cipher.update(secret), cipher.final()]);
    return toBase64Url(Buffer.concat([iv, body, cipher.getAuthTag()]));
  }

  async unseal(sealed: string, context: string): Promise<Uint8Array> {
    const all = Buffer.from(fromBase64Url(sealed));
    if (all.length < 28) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', await this.#load(), all.subarray(0, 12));
    decipher.setAAD(utf8(context));
    decipher.setAuthTag(all.subarray(all.length - 16));
    return new Uint8Array(Buffer.concat([decipher.update(all.subarray(12, all.length - 16)), decipher.final()]));
  }

  #load(): Promise<Buffer> {
    if (typeof this.source !== 'string') return Promise.resolve(Buffer.from(this.source));
    this.#key ??= loadOrCreate(this.source).catch((err: unknown) => {
      this.#key = undefined;
      throw err;
    });
    return this.#key;
  }
}

async function loadOrCreate(dir: string): Promise<Buffer> {
  const file = join(dir, SEALING_KEY_FILE);
  const existing = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (existing) {
    if (existing.length !== 32) throw new Error(`the sealing key ${SEALING_KEY_FILE} is not 32 bytes`);
    return existing;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fresh = randomBytes(32);
  try {
    // 'wx': never overwrite a key another process wrote meanwhile; what it sealed must stay readable.
    await writeFile(file, fresh, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readFile(file);
  }
}
