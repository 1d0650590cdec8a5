import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Signer } from '../core/ports.ts';

/** File name of the local signing key inside the data directory (PKCS#8 PEM, mode 0600). */
export const SIGNING_KEY_FILE = 'signing-key.pem';
/** File name of the local receipt key (the API's own, never the result key), beside it. */
export const RECEIPT_KEY_FILE = 'receipt-key.pem';

interface Keys {
  privateKey: KeyObject;
  spki: Uint8Array;
}

/**
 * The local stand-in for KMS: an ECDSA P-256 key kept in `<dir>/signing-key.pem`, made on first use.
 * Same output formats as KmsSigner (SPKI DER public key, P1363 signatures), so bundles verify alike.
 * @example
 * const signer = new LocalSigner('.local');
 * const sig = await signer.sign(new TextEncoder().encode(signingInput));
 */
export class LocalSigner implements Signer {
  #keys: Promise<Keys> | undefined;

  /** `file`: the key file's name in `dir` (the result key's by default; RECEIPT_KEY_FILE for the receipt signer). */
  constructor(
    private readonly dir: string,
    private readonly file: string = SIGNING_KEY_FILE,
  ) {}

  async publicKeySpki(): Promise<Uint8Array> {
    return new Uint8Array((await this.#load()).spki);
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    const { privateKey } = await this.#load();
    return new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
  }

  #load(): Promise<Keys> {
    // Made once; a failed load is not cached, so fixing the file and retrying works.
    this.#keys ??= loadOrCreate(join(this.dir, this.file), this.dir).catch((err: unknown) => {
      this.#keys = undefined;
      throw err;
    });
    return this.#keys;
  }
}

async function loadOrCreate(file: string, dir: string): Promise<Keys> {
  let pem = await readPem(file);
  if (pem === undefined) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { privateKey: fresh } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'der' },
    });
    try {
      // 'wx': never overwrite a key another process wrote meanwhile; signatures made with it must stay valid.
      await writeFile(file, fresh, { mode: 0o600, flag: 'wx' });
      pem = fresh;
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw new Error(`Could not write the signing key ${file}: ${codeOf(err)}`, { cause: err });
      pem = await readPem(file);
      if (pem === undefined) throw new Error(`The signing key ${file} vanished while being created`);
    }
  }
  return keysFrom(pem, file);
}

async function readPem(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT')) return undefined;
    throw new Error(`Could not read the signing key ${file}: ${codeOf(err)}`, { cause: err });
  }
}

function keysFrom(pem: string, file: string): Keys {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // No cause: the parse error could quote the file's content.
    throw new Error(`The signing key ${file} is not a readable PEM private key`);
  }
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  if (privateKey.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    throw new Error(`The signing key ${file} must be an ECDSA P-256 key, found ${privateKey.asymmetricKeyType ?? 'unknown'}${curve ? ` ${curve}` : ''}`);
  }
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { privateKey, spki: new Uint8Array(spki) };
}

function isCode(err: unknown, code: string): boolean {
  return codeOf(err) === code;
}

function codeOf(err: unknown): string {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : String(err);
}
