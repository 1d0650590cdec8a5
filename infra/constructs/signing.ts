import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, type IGrantable, type IRole } from 'aws-cdk-lib/aws-iam';
import { Alias, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface SigningProps {
  /** `alias/...` under which operators find the key. */
  aliasName: string;
}

/**
 * The result-signing key: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) whose private half never leaves KMS.
 * Exactly one role may sign with it, and that is enforced twice: by its IAM policy (the only one that names
 * kms:Sign) and by the key policy, which denies kms:Sign to every principal but that role, so no later IAM grant
 * (an admin's `kms:*` included) can sign a result. Reading the public key is harmless and granted separately.
 *
 * RETAIN: published results name this key's thumbprint; deleting it would leave nothing to sign the next result
 * with under the same `kid`. Asymmetric keys cannot be rotated by KMS.
 */
export class Signing extends Construct {
  readonly key: Key;
  readonly alias: Alias;
  /**
   * The receipt key: signs each online ballot's receipt when it is committed (shared/receipt-signature.ts). A key of
   * its own, never the result key, held by the residents' API alone; its public half is published at
   * `keys/receipt-jwks.json`. RETAIN: households keep receipts signed by it as proof.
   */
  readonly receiptKey: Key;
  #signer: IRole | undefined;
  #receiptSigner: IRole | undefined;

  constructor(scope: Construct, id: string, props: SigningProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Signs published consultation results (ES256 over the manifest digest)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.alias = new Alias(this, 'Alias', { aliasName: props.aliasName, targetKey: this.key });
    this.receiptKey = new Key(this, 'ReceiptKey', {
      description: 'Signs ballot receipts when a ballot is committed (ES256 over the receipt statement digest)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Every published result names this key: nobody may disable it or schedule its deletion, an administrator
    // included. Undoing that takes a change of this key policy first, which CloudTrail records.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'NeverDisabledOrDeleted',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'],
        resources: ['*'],
      }),
    );
  }

  /** Makes `role` the one signer: ECDSA_SHA_256 over a 32-byte digest only (what KmsSigner sends), plus the public key. */
  grantSign(role: IRole): void {
    if (this.#signer) throw new Error('the signing key already has its signer; only one role may sign results');
    this.#signer = role;
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'SignResultDigests',
        actions: ['kms:Sign'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } },
      }),
    );
    this.grantPublicKey(role);
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyTheCloserSigns',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:Sign'],
        resources: ['*'],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } },
      }),
    );
  }

  /**
   * Makes `role` (the residents' API) the one receipt signer, as grantSign does for results: its IAM policy names
   * kms:Sign on the receipt key only, and the receipt key's policy denies kms:Sign to every other principal.
   */
  grantReceiptSign(role: IRole): void {
    if (this.#receiptSigner) throw new Error('the receipt key already has its signer; only the residents’ API signs receipts');
    if (this.#signer === role) throw new Error('the role that signs results may not sign receipts');
    this.#receiptSigner = role;
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'SignBallotReceipts',
        actions: ['kms:Sign'],
        resources: [this.receiptKey.keyArn],
        conditions: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } },
      }),
    );
    this.grantReceiptPublicKey(role);
    this.receiptKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyTheApiSignsReceipts',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:Sign'],
        resources: ['*'],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } },
      }),
    );
  }

  /** kms:GetPublicKey on the receipt key only: to publish `keys/receipt-jwks.json` and check pasted receipts. */
  grantReceiptPublicKey(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ReadReceiptPublicKey', actions: ['kms:GetPublicKey'], resources: [this.receiptKey.keyArn] }),
    );
  }

  /** kms:GetPublicKey only: the public key's thumbprint names the key on every published page. */
  grantPublicKey(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ReadSigningPublicKey', actions: ['kms:GetPublicKey'], resources: [this.key.keyArn] }),
    );
  }
}
