import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
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
}

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
