import { CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, RuleTargetInput, Schedule as EventSchedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterPattern, LogGroup, MetricFilter, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import { Construct, type IConstruct } from 'constructs';
import { arnFinding, byDesign } from './by-design.ts';
import type { Auth } from './auth.ts';
import type { Data } from './data.ts';
import { NodeFunction } from './node-function.ts';
import type { Signing } from './signing.ts';
import type { Site } from './site.ts';

/** Schedules are named `close-<consultation id>` (functions/adapters/eventbridge-scheduler.ts). */
export const SCHEDULE_NAME_PREFIX = 'close-';

export interface ClosingProps {
  data: Data;
  signing: Signing;
  site: Site;
  scheduleGroupName: string;
  logRetention: RetentionDays;
  /** How many years the signed files of a result stay under their Object Lock retention (the closer's RESULT_RETENTION_YEARS). */
  resultRetentionYears: number;
  /** The user pool whose id tokens the closer verifies itself for a close by hand (the API's). */
  auth: Auth;
}

/**
 * Closing and publishing: the closer Lambda (functions/lambda/closer.ts, middy + Powertools), the only function
 * that can sign; the EventBridge Scheduler group holding one `close-<id>` schedule per open vote, with the role
 * Scheduler assumes to invoke the closer and nothing else; and the dead-letter queue where a close that failed
 * every retry waits for an operator (it carries only a consultation id).
 *
 * Scheduler invokes Lambda asynchronously, so there are two retry layers, both ending in the same queue: Scheduler's
 * own (the API sets RetryPolicy and DeadLetterConfig on each schedule, for invocations that could not be delivered)
 * and Lambda's asynchronous retries (configured here, for a closer that ran and failed). closeAndPublish is
 * idempotent, so a repeat is harmless.
 *
 * At every deploy that changes the closer, a trigger invokes it with an empty event, on which it publishes the
 * public key (`keys/jwks.json`, `keys/<kid>.pem`) and the home page: monitors can pin the key before any vote, and
 * only the role that holds the key writes `keys/`. A deploy fails if that write fails.
 */
const SWEEP_EVERY = Duration.minutes(5);

export class Closing extends Construct {
  readonly closer: NodeFunction;
  readonly group: ScheduleGroup;
  readonly schedulerRole: Role;
  readonly deadLetterQueue: Queue;
  readonly sweep: Rule;
  /** Rounds found voting without a close schedule, as the sweep logs them. */
  readonly scheduleMissing: Metric;

  constructor(scope: Construct, id: string, props: ClosingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.deadLetterQueue = new Queue(this, 'CloseFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    byDesign(this.deadLetterQueue, 'AwsSolutions-SQS3', 'This queue is the dead-letter queue of the close schedules; the CloseFailures alarm watches it');

    // DESTROY: its schedules only make sense with this stack's closer, and a retained group would block
    // deploying the same stage again (the name is fixed).
    this.group = new ScheduleGroup(this, 'Schedules', { scheduleGroupName: props.scheduleGroupName, removalPolicy: RemovalPolicy.DESTROY });

    this.closer = new NodeFunction(this, 'Closer', {
      entry: 'closer',
      description: 'Closes a consultation, recounts, signs with KMS and publishes the result',
      // One full vCPU (1769 MB): the recount hashes every ballot into a Merkle tree and builds the bundle in memory
      // (10,000 ballots: under 1 s locally, a few MB). A manual close waits for it behind the API's 29 s.
      memorySize: 1769,
      // Room for the largest ward several times over; Scheduler and Lambda retry a timeout like any failure.
      timeout: Duration.minutes(2),
      environment: {
        TABLE_NAME: props.data.table.tableName,
        SIGNING_KEY_ID: props.signing.key.keyArn,
        // Its public key only, for keys/receipt-jwks.json; never kms:Sign on it.
        RECEIPT_KEY_ID: props.signing.receiptKey.keyArn,
        SITE_BUCKET: props.site.bucket.bucketName,
        SITE_URL: props.site.url,
        SCHEDULER_GROUP: props.scheduleGroupName,
        RESULT_RETENTION_YEARS: String(props.resultRetentionYears),
        SWEEP_NOTICES: '1',
        USER_POOL_ID: props.auth.userPool.userPoolId,
        USER_POOL_CLIENT_ID: props.auth.client.userPoolClientId,
      },
      logRetention: props.logRetention,
    });
    this.closer.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    const closerRole = this.closer.role;
    if (!closerRole) throw new Error('the closer has no role');
    props.data.grantCloserAccess(this.closer);
    props.signing.grantSign(closerRole);
    props.signing.grantReceiptPublicKey(this.closer);
    props.site.grantCloserAccess(this.closer);
    // After a manual close the closer removes the schedule that would have closed it later.
    this.closer.addToRolePolicy(new PolicyStatement({ sid: 'DeleteCloseSchedules', actions: ['scheduler:DeleteSchedule'], resources: [this.#scheduleArns()] }));
    // The sweep (functions/core/sweeper.ts) checks that every open round still has its schedule.
    this.closer.addToRolePolicy(new PolicyStatement({ sid: 'ReadCloseSchedules', actions: ['scheduler:GetSchedule'], resources: [this.#scheduleArns()] }));
    this.#grantDueNotices(closerRole);

    // Every 5 minutes: overdue rounds are closed (a lost schedule delays a close by one sweep at most), rounds left
    // `closed` by a closer that died are published, and a round voting without its schedule is logged for the alarm.
    this.sweep = new Rule(this, 'Sweep', {
      description: 'Closes overdue rounds and reports rounds left without a close schedule',
      schedule: EventSchedule.rate(SWEEP_EVERY),
      targets: [new LambdaFunction(this.closer, { event: RuleTargetInput.fromObject({ sweep: true }), retryAttempts: 0 })],
    });
    this.scheduleMissing = new MetricFilter(this, 'ScheduleMissing', {
      logGroup: this.closer.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', 'schedule_missing'),
      metricNamespace: 'Danban',
      metricName: 'ScheduleMissing',
      metricValue: '1',
    }).metric({ statistic: 'Sum', period: SWEEP_EVERY });

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the closer',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
    });
    this.#schedulesByDesign(this.closer);
    this.#grantInvokeCloser(this.schedulerRole, 'InvokeCloserOnSchedule');
    this.deadLetterQueue.grantSendMessages(this.schedulerRole);

    const trigger = new Trigger(this, 'PublishKeys', {
      handler: this.closer,
      invocationType: InvocationType.REQUEST_RESPONSE,
      timeout: Duration.minutes(2),
      executeAfter: [this.closer],
    });
    this.#retainTriggerLogs(trigger, props.logRetention);
  }

  /**
   * Lets the API create, replace and delete `close-*` schedules in this group, and hand Scheduler this group's
   * role (and no other) for them.
   */
  grantScheduling(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ManageCloseSchedules',
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [this.#scheduleArns()],
      }),
    );
    this.#schedulesByDesign(grantee);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'PassSchedulerRole',
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
  }

  /** Lets the API ask the closer to close now (an official's POST /close), which it cannot do itself: it cannot sign. */
  grantRequestClose(grantee: IGrantable): void {
    this.#grantInvokeCloser(grantee, 'RequestClose');
  }

  /**
   * The sweep's notices by SMS (functions/core/notice-due.ts, `SWEEP_NOTICES`: the reminder before an online round
   * closes, the result once published): Publish to a phone number has no topic ARN to scope to,
   * hence `*`, and every topic is denied beside it, as for the staff function.
   */
  #grantDueNotices(closerRole: IConstruct): void {
    this.closer.addToRolePolicy(new PolicyStatement({ sid: 'SendDueSmsNotices', actions: ['sns:Publish'], resources: ['*'] }));
    this.closer.addToRolePolicy(new PolicyStatement({ sid: 'NoTopics', effect: Effect.DENY, actions: ['sns:Publish'], resources: ['arn:aws:sns:*:*:*'] }));
    byDesign(
      closerRole,
      'AwsSolutions-IAM5',
      'An SMS to a phone number has no ARN to scope sns:Publish to; every topic is denied beside it, so it reaches phone numbers only',
      ['Resource::*'],
    );
  }

  /** The unqualified function only: `grantInvoke` would add `<arn>:*` (every version and alias), which nothing here calls. */
  #grantInvokeCloser(grantee: IGrantable, sid: string): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid, actions: ['lambda:InvokeFunction'], resources: [this.closer.functionArn] }));
  }

  /** Acknowledges the one wildcard of the schedule statements: a schedule is named after its consultation, made at run time. */
  #schedulesByDesign(grantee: IGrantable): void {
    byDesign(
      grantee.grantPrincipal as unknown as IConstruct,
      'AwsSolutions-IAM5',
      "Close schedules are named close-<consultation id>, in this stack's group only",
      [arnFinding(this, 'scheduler', `schedule/${this.group.scheduleGroupName}/${SCHEDULE_NAME_PREFIX}*`)],
    );
  }

  #scheduleArns(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/${SCHEDULE_NAME_PREFIX}*`,
    });
  }

  /**
   * The trigger runs in a function aws-cdk-lib provides (one per stack), whose log group Lambda would create
   * without a retention. Create it first, with one.
   */
  #retainTriggerLogs(trigger: Trigger, retention: RetentionDays): void {
    const stack = Stack.of(this);
    const provider = stack.node.tryFindChild('AWSCDK.TriggerCustomResourceProviderCustomResourceProvider');
    const handler = provider?.node.tryFindChild('Handler');
    if (!(handler instanceof CfnResource)) throw new Error('the trigger provider function was not found; aws-cdk-lib changed its layout');
    const logs = new LogGroup(this, 'PublishKeysProviderLogs', { logGroupName: `/aws/lambda/${handler.ref}`, retention });
    trigger.node.addDependency(logs);
  }
}
