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
  #signer: IRole | undefined;

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

  /** kms:GetPublicKey only: the public key's thumbprint names the key on every published page. */
  grantPublicKey(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ReadSigningPublicKey', actions: ['kms:GetPublicKey'], resources: [this.key.keyArn] }),
    );
  }
}
