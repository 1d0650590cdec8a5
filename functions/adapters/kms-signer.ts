import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type GetPublicKeyCommandOutput, type KMSClient } from '@aws-sdk/client-kms';
import { derToP1363 } from '../../shared/der.ts';
import type { Signer } from '../core/ports.ts';

/**
 * Signs with an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY). The message is hashed here and sent as a
 * DIGEST, so its size is not limited by KMS's 4096-byte RAW cap; the signature still verifies over the
 * message with ECDSA/SHA-256. KMS answers in DER; the port wants P1363 (what WebCrypto verifies).
 * Needs kms:Sign and kms:GetPublicKey on the key.
 * @example
 * const signer = new KmsSigner(new KMSClient({}), process.env.SIGNING_KEY_ID);
 */
export class KmsSigner implements Signer {
  #spki: Promise<Uint8Array> | undefined;

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async publicKeySpki(): Promise<Uint8Array> {
    // Cached; a failure (throttling, say) is not, so the next call asks again.
    this.#spki ??= this.#fetchPublicKey().catch((err: unknown) => {
      this.#spki = undefined;
      throw err;
    });
    return new Uint8Array(await this.#spki);
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    // Never sign with a key of the wrong kind: its signatures would not verify as ES256.
    await this.publicKeySpki();
    const digest = createHash('sha256').update(message).digest();
    let signature: Uint8Array | undefined;
    try {
      ({ Signature: signature } = await this.kms.send(
        new SignCommand({ KeyId: this.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
      ));
    } catch (err) {
      throw kmsError('Sign', this.keyId, err);
    }
    if (!signature) throw new Error(`KMS Sign returned no signature for key ${this.keyId}`);
    try {
      return derToP1363(signature);
    } catch (err) {
      // derToP1363 calls bad input a client error; here the bad input came from KMS, so it is ours.
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`KMS returned a malformed ECDSA signature for key ${this.keyId}: ${why}`, { cause: err });
    }
  }

  async #fetchPublicKey(): Promise<Uint8Array> {
    let out: GetPublicKeyCommandOutput;
    try {
      out = await this.kms.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
    } catch (err) {
      throw kmsError('GetPublicKey', this.keyId, err);
    }
    if (out.KeySpec !== 'ECC_NIST_P256') {
      throw new Error(`KMS key ${this.keyId} has KeySpec ${out.KeySpec ?? 'unknown'}; ECC_NIST_P256 is needed`);
    }
    if (out.KeyUsage !== undefined && out.KeyUsage !== 'SIGN_VERIFY') {
      throw new Error(`KMS key ${this.keyId} has KeyUsage ${out.KeyUsage}; SIGN_VERIFY is needed`);
    }
    if (!out.PublicKey) throw new Error(`KMS GetPublicKey returned no public key for key ${this.keyId}`);
    return new Uint8Array(out.PublicKey);
  }
}

function kmsError(operation: string, keyId: string, err: unknown): Error {
  const name = err instanceof Error ? err.name : 'Error';
  const message = err instanceof Error ? err.message : String(err);
  return new Error(`KMS ${operation} failed for key ${keyId}: ${name}: ${message}`, { cause: err });
}
