import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, KMSInvalidStateException, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { KmsSigner } from '../../../functions/adapters/kms-signer.ts';
import { DomainError } from '../../../shared/errors.ts';

const KEY_ID = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));

const kms = mockClient(KMSClient);

function throttled(): Error {
  const err = new Error('Rate exceeded');
  err.name = 'ThrottlingException';
  return Object.assign(err, { $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

async function webCryptoVerifies(message: Uint8Array, p1363: Uint8Array): Promise<boolean> {
  const key = await crypto.subtle.importKey('spki', new Uint8Array(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, new Uint8Array(p1363), new Uint8Array(message));
}

describe('KmsSigner', () => {
  let signed: Uint8Array[];

  beforeEach(() => {
    kms.reset();
    signed = [];
    kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ID, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', PublicKey: spki });
    // What KMS does with MessageType DIGEST: an ECDSA signature over the given SHA-256 digest, in DER.
    // node:crypto cannot sign a bare digest, so the fake signs the message whose digest it was sent.
    kms.on(SignCommand).callsFake((input: { Message: Uint8Array }) => {
      const message = signed.find((m) => createHash('sha256').update(m).digest().equals(input.Message));
      if (!message) throw new Error('the digest sent to KMS is not the SHA-256 of a message under test');
      return { KeyId: KEY_ID, SigningAlgorithm: 'ECDSA_SHA_256', Signature: new Uint8Array(sign('sha256', message, privateKey)) };
    });
  });

  it('sends the SHA-256 digest of the message, not the message', async () => {
    const message = new TextEncoder().encode('eyJhbGciOiJFUzI1NiJ9.eyJ0YWxseSI6MX0');
    signed.push(message);
    await new KmsSigner(new KMSClient({}), KEY_ID).sign(message);
    expect(kms).toHaveReceivedCommandWith(SignCommand, {
      KeyId: KEY_ID,
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
      Message: new Uint8Array(createHash('sha256').update(message).digest()),
    });
  });

  it('returns 64-byte P1363 signatures that WebCrypto verifies, whatever the DER integer lengths', async () => {
    const signer = new KmsSigner(new KMSClient({}), KEY_ID);
    // 100 signatures: DER r and s are 31 to 33 bytes long (sign padding, leading zeros); all must convert.
    for (let i = 0; i < 100; i++) {
      const message = new TextEncoder().encode(`tally ${i}`);
      signed.push(message);
      const signature = await signer.sign(message);
      expect(signature).toHaveLength(64);
      expect(await webCryptoVerifies(message, signature)).toBe(true);
    }
    const tampered = new TextEncoder().encode('tally 100');
    expect(await webCryptoVerifies(tampered, await signer.sign(signed[0]!))).toBe(false);
  });

  it('left-pads a DER integer shorter than 32 bytes', async () => {
    const message = new TextEncoder().encode('short integer');
    // About one ECDSA signature in 128 has an r or s below 2^248 (31 bytes or fewer in DER): find one.
    let der: Uint8Array | undefined;
    for (let i = 0; i < 10_000 && !der; i++) {
      const candidate = sign('sha256', message, privateKey);
      const rLength = candidate[3]!;
      const sLength = candidate[5 + rLength]!;
      if (rLength < 32 || sLength < 32) der = new Uint8Array(candidate);
    }
    expect(der).toBeDefined();
    kms.on(SignCommand).resolves({ Signature: der });
    const signature = await new KmsSigner(new KMSClient({}), KEY_ID).sign(message);
    expect(signature).toHaveLength(64);
    expect(await webCryptoVerifies(message, signature)).toBe(true);
  });

  it('returns the SPKI DER public key and asks KMS only once', async () => {
    const signer = new KmsSigner(new KMSClient({}), KEY_ID);
    expect(await signer.publicKeySpki()).toEqual(spki);
    expect(await signer.publicKeySpki()).toEqual(spki);
    expect(kms).toHaveReceivedCommandTimes(GetPublicKeyCommand, 1);
    expect(kms).toHaveReceivedCommandWith(GetPublicKeyCommand, { KeyId: KEY_ID });
  });

  it('refuses a key that is not ECC_NIST_P256, and signs nothing with it', async () => {
    kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ID, KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY', PublicKey: spki });
    const signer = new KmsSigner(new KMSClient({}), KEY_ID);
    await expect(signer.publicKeySpki()).rejects.toThrow(/KeySpec ECC_SECG_P256K1; ECC_NIST_P256 is needed/);
    await expect(signer.sign(new Uint8Array([1]))).rejects.toThrow(/ECC_NIST_P256 is needed/);
    expect(kms).not.toHaveReceivedCommand(SignCommand);
  });

  it('refuses a P-256 key made for key agreement', async () => {
    kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ID, KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT', PublicKey: spki });
    await expect(new KmsSigner(new KMSClient({}), KEY_ID).publicKeySpki()).rejects.toThrow(/SIGN_VERIFY is needed/);
  });

  it('reports throttling clearly, keeps the SDK error as the cause, and asks again on the next call', async () => {
    const error = throttled();
    kms.on(GetPublicKeyCommand).rejectsOnce(error).resolves({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', PublicKey: spki });
    const signer = new KmsSigner(new KMSClient({}), KEY_ID);
    const failure = await signer.publicKeySpki().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(`KMS GetPublicKey failed for key ${KEY_ID}: ThrottlingException: Rate exceeded`);
    expect((failure as Error).cause).toBe(error);
    expect(await signer.publicKeySpki()).toEqual(spki);
  });

  it('reports a failed Sign call with the operation and the error name', async () => {
    kms.on(SignCommand).rejects(new KMSInvalidStateException({ message: 'Key is disabled', $metadata: {} }));
    await expect(new KmsSigner(new KMSClient({}), KEY_ID).sign(new Uint8Array([1]))).rejects.toThrow(
      `KMS Sign failed for key ${KEY_ID}: KMSInvalidStateException: Key is disabled`,
    );
  });

  it('refuses a signature that is not DER', async () => {
    kms.on(SignCommand).resolves({ Signature: new Uint8Array(64).fill(7) });
    const failure = await new KmsSigner(new KMSClient({}), KEY_ID).sign(new Uint8Array([1])).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/^KMS returned a malformed ECDSA signature for key .*not a SEQUENCE/);
    // A server-side fault, not a client error: it must not carry a client error code.
    expect(failure).not.toBeInstanceOf(DomainError);
  });
});
