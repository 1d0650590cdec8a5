/**
 * Seals with a symmetric KMS key (SYMMETRIC_DEFAULT): the secret never leaves KMS's envelope in clear at rest, and
 * the encryption context binds it to its purpose (`purpose` = the context given), so a sealed key of one round
 * cannot be opened as another's. Needs kms:Encrypt and kms:Decrypt on the key, nothing else.
 * @example
 * const sealer = new KmsSealer(new KMSClient({}), process.env.SEALING_KEY_ID);
 */
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { fromBase64Url, toBase64Url } from '../../shared/bytes.ts';
import type { Sealer } from '../core/ports.ts';

export class KmsSealer implements Sealer {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async seal(secret: Uint8Array, context: string): Promise<string> {
    const r = await this.kms.send(new EncryptCommand({ KeyId: this.keyId, Plaintext: secret, EncryptionContext: { purpose: context } }));
    if (!r.CiphertextBlob) throw new Error('KMS returned no ciphertext');
    return toBase64Url(r.CiphertextBlob);
  }

  async unseal(sealed: string, context: string): Promise<Uint8Array> {
    const r = await this.kms.send(new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: fromBase64Url(sealed), EncryptionContext: { purpose: context } }));
    if (!r.Plaintext) throw new Error('KMS returned no plaintext');
    return new Uint8Array(r.Plaintext);
  }
}
