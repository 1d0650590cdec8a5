import { Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ReadWriteType, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type EventPattern, Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The DynamoDB operations the functions call (functions/adapters/dynamo-store.ts). */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

const PERIOD = Duration.minutes(5);

export interface OperationsProps {
  functions: Record<string, IFunction>;
  httpApi: HttpApi;
  table: TableV2;
  deadLetterQueue: Queue;
  /** Rounds the sweep found voting without a close schedule. */
  scheduleMissing?: IMetric;
  /** Where alarms are mailed; without it they only show in CloudWatch (subscribe to the topic later). */
  alarmEmail?: string;
  /** The result-signing key: a change of its policy, or a signature by anyone but `signer`, is an alarm. */
  signingKey: IKey;
  /** The one role that signs results (the closer's). */
  signer: IRole;
  /** Where the trail's bucket writes its S3 server access logs (the site's access-log bucket). */
  accessLogs: IBucket;
}

/** How the trail's events reach EventBridge. */
const API_CALL = 'AWS API Call via CloudTrail';

/**
 * Alarms, all sent to one SNS topic. Each fires on a single occurrence in five minutes: a commune's traffic is
 * small, so one failed ballot, one throttled request or one lost close is worth a look.
 *
 * Not alarmed: DynamoDB UserErrors, which count every cancelled transaction, and those are normal here (a ballot
 * racing another, an act in the wrong state); the functions log what they cannot handle, and the API's 5xx alarm
 * catches it. CloudFront's metrics live in us-east-1, outside this stack's region.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  /** The account's API calls in this stack's reach (management events, read and write) for the rules below. */
  readonly trail: Trail;
  /** The rules on the trail's events that alarm: key policy changed, function code changed, a signature by someone else. */
  readonly rules: { keyPolicy: Rule; functionCode: Rule; foreignSign: Rule };

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    // Not encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key, and an alarm name is no secret.
    this.topic = new Topic(this, 'Alarms', { displayName: 'Dân bàn alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    for (const [name, fn] of Object.entries(props.functions)) {
      this.#alarm(`${name}Errors`, `The ${name} function failed (unhandled error or timeout)`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }));
      this.#alarm(
        `${name}Throttles`,
        `The ${name} function was throttled (account or reserved concurrency reached)`,
        fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
      );
    }
    this.#alarm(
      'Api5xx',
      'The API answered 5xx (the app hid an internal error, or the function failed)',
      props.httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }),
    );
    this.#alarm(
      'TableThrottled',
      'DynamoDB throttled requests of the table or its index (on-demand limits or a hot partition)',
      props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD }),
    );
    this.#alarm(
      'TableSystemErrors',
      'DynamoDB answered 500 to the functions',
      props.table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD }),
    );
    this.#alarm(
      'CloseFailed',
      'A close failed every retry and waits in the dead-letter queue: close it by hand (POST /close) and delete the message',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
    );
    if (props.scheduleMissing)
      this.#alarm(
        'ScheduleMissing',
        'A round is voting without its close schedule: the sweep will close it at its time, but find out why its schedule is gone',
        props.scheduleMissing,
      );

    this.trail = this.#trail(props.accessLogs);
    this.rules = this.#tamperRules(props);
  }

  /**
   * A trail of management events, read ones included (kms:Sign is one), into a bucket of its own: EventBridge
   * receives CloudTrail's events only from a trail. Log file validation on, so a trail file changed afterwards shows.
   */
  #trail(accessLogs: IBucket): Trail {
    const bucket = new Bucket(this, 'TrailLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'trail/',
      // A complaint may be looked into for a year after a vote.
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const trail = new Trail(this, 'Trail', {
      bucket,
      enableFileValidation: true,
      includeGlobalServiceEvents: true,
      isMultiRegionTrail: true,
      managementEvents: ReadWriteType.ALL,
    });
    return trail;
  }

  #tamperRules(props: OperationsProps): { keyPolicy: Rule; functionCode: Rule; foreignSign: Rule } {
    const rule = (id: string, description: string, eventPattern: EventPattern) => {
      const r = new Rule(this, id, { description, eventPattern });
      r.addTarget(new SnsTopic(this.topic));
      return r;
    };
    const onKey = { resources: { ARN: [props.signingKey.keyArn] } };
    const keyPolicy = rule('SigningKeyPolicyChanged', "The signing key's policy was changed (kms:PutKeyPolicy): check who did it and what it allows now", {
      source: ['aws.kms'],
      detailType: [API_CALL],
      detail: { eventSource: ['kms.amazonaws.com'], eventName: ['PutKeyPolicy'], ...onKey },
    });
    // Every Lambda function of this stack, found when the template is written (so a function added later is watched too).
    const stack = Stack.of(this);
    const functions = () => stack.node.findAll().filter((c): c is LambdaFunction => c instanceof LambdaFunction);
    const functionCode = rule(
      'FunctionCodeChanged',
      "A function's code was replaced (lambda:UpdateFunctionCode): expected during a deploy, a tampering outside one",
      {
        source: ['aws.lambda'],
        detailType: [API_CALL],
        detail: {
          eventSource: ['lambda.amazonaws.com'],
          eventName: [{ prefix: 'UpdateFunctionCode' }],
          // The caller names the function by name or by ARN.
          requestParameters: {
            functionName: Lazy.list({ produce: () => functions().flatMap((fn) => [fn.functionName, fn.functionArn]) }),
          },
        },
      },
    );
    const foreignSign = rule(
      'ForeignSignature',
      'The signing key signed for a principal other than the closer (kms:Sign): the key policy should have refused it',
      {
        source: ['aws.kms'],
        detailType: [API_CALL],
        detail: {
          eventSource: ['kms.amazonaws.com'],
          eventName: ['Sign'],
          ...onKey,
          // A role's session other than the closer's, or any principal that is not a role's session (a user, the root).
          $or: [
            { userIdentity: { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': props.signer.roleArn }] } } } },
            { userIdentity: { type: [{ 'anything-but': 'AssumedRole' }] } },
          ],
        },
      },
    );
    return { keyPolicy, functionCode, foreignSign };
  }

  #alarm(id: string, description: string, metric: IMetric): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
