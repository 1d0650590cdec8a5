import { Duration, Stack } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnRotationSchedule, type Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { NodeFunction } from './node-function.ts';

/** How often the origin secret changes. */
export const ORIGIN_SECRET_ROTATION_DAYS = 30;

export interface OriginSecretRotationProps {
  secret: Secret;
  distribution: IDistribution;
  headerName: string;
  logRetention: RetentionDays;
}

/**
 * Rotates the origin secret every 30 days (functions/lambda/rotate-origin-secret.ts): a new value, given to the
 * distribution's origin header, then made current. The function may read and stage the versions of that one secret
 * and read and update that one distribution; nothing else (it draws the value itself, so it needs no
 * GetRandomPassword, which IAM grants only on every resource). Only Secrets Manager, for this secret, may invoke it.
 *
 * The L1 schedule rather than `secret.addRotationSchedule`, which would grant GetRandomPassword on `*`.
 */
export class OriginSecretRotation extends Construct {
  readonly fn: NodeFunction;
  readonly schedule: CfnRotationSchedule;

  constructor(scope: Construct, id: string, props: OriginSecretRotationProps) {
    super(scope, id);
    this.fn = new NodeFunction(this, 'Rotator', {
      entry: 'rotate-origin-secret',
      description: "Rotates the secret CloudFront sends the API (x-origin-verify) and the distribution's origin header",
      memorySize: 256,
      // A distribution update is one call; the rest are a few Secrets Manager calls.
      timeout: Duration.seconds(60),
      environment: { DISTRIBUTION_ID: props.distribution.distributionId, ORIGIN_HEADER: props.headerName },
      logRetention: props.logRetention,
    });
    const { account, partition } = Stack.of(this);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'StageTheOriginSecret',
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        resources: [props.secret.secretArn],
      }),
    );
    this.fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'UpdateTheOriginHeader',
        actions: ['cloudfront:GetDistributionConfig', 'cloudfront:UpdateDistribution'],
        resources: [`arn:${partition}:cloudfront::${account}:distribution/${props.distribution.distributionId}`],
      }),
    );
    this.fn.addPermission('SecretsManagerInvoke', {
      principal: new ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceArn: props.secret.secretArn,
      sourceAccount: account,
    });
    this.schedule = new CfnRotationSchedule(this, 'Schedule', {
      secretId: props.secret.secretArn,
      rotationLambdaArn: this.fn.functionArn,
      rotationRules: { scheduleExpression: `rate(${ORIGIN_SECRET_ROTATION_DAYS} days)` },
      // Not at every deploy: a deploy may be changing the distribution at that moment (its ETag would not match).
      rotateImmediatelyOnUpdate: false,
    });
    // Secrets Manager checks at once that it may invoke the function, and the function its rights.
    this.schedule.node.addDependency(this.fn.permissionsNode.findChild('SecretsManagerInvoke'), this.fn.role!);
    const policy = this.fn.role!.node.tryFindChild('DefaultPolicy');
    if (policy) this.schedule.node.addDependency(policy);
  }
}
