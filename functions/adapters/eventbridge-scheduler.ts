import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { CloseScheduler } from '../core/ports.ts';

export interface EventBridgeCloseSchedulerConfig {
  /** Schedule group holding the `close-<id>` schedules. */
  groupName: string;
  /** ARN of the close-consultation Lambda function (not needed by the closer itself, which only cancels). */
  targetArn?: string;
  /** Role Scheduler assumes to invoke the target (lambda:InvokeFunction); not needed to cancel. */
  roleArn?: string;
  /** SQS queue for invocations that failed every retry. */
  deadLetterArn?: string;
  /** Scheduler's own retries of the invocation (default 10). */
  maximumRetryAttempts?: number;
}

/** Schedule names: 1-64 of [0-9a-zA-Z-_.]; `close-` takes 6. */
const CONSULTATION_ID = /^[0-9A-Za-z_.-]{1,58}$/;

/**
 * One-time EventBridge Scheduler schedules that invoke the close Lambda with `{"consultationId"}` at the
 * closing time, deleted by Scheduler once done. schedule() is idempotent: an existing schedule is updated.
 * Needs scheduler:CreateSchedule, UpdateSchedule, DeleteSchedule on the group and iam:PassRole on `roleArn`.
 * @example
 * const scheduler = new EventBridgeCloseScheduler(new SchedulerClient({}), { groupName, targetArn, roleArn });
 */
export class EventBridgeCloseScheduler implements CloseScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly config: EventBridgeCloseSchedulerConfig,
  ) {}

  async schedule(consultationId: string, at: Date): Promise<void> {
    const input = this.#input(consultationId, at);
    try {
      await this.client.send(new CreateScheduleCommand(input));
      return;
    } catch (err) {
      if (nameOf(err) !== 'ConflictException') throw schedulerError('CreateSchedule', input.Name, err);
    }
    // It exists already (an earlier call, or a new closing time): replace it.
    try {
      await this.client.send(new UpdateScheduleCommand(input));
    } catch (err) {
      throw schedulerError('UpdateSchedule', input.Name, err);
    }
  }

  async cancel(consultationId: string): Promise<void> {
    const Name = scheduleName(consultationId);
    try {
      await this.client.send(new DeleteScheduleCommand({ Name, GroupName: this.config.groupName }));
    } catch (err) {
      if (nameOf(err) !== 'ResourceNotFoundException') throw schedulerError('DeleteSchedule', Name, err);
    }
  }

  async has(consultationId: string): Promise<boolean> {
    const Name = scheduleName(consultationId);
    try {
      await this.client.send(new GetScheduleCommand({ Name, GroupName: this.config.groupName }));
      return true;
    } catch (err) {
      if (nameOf(err) === 'ResourceNotFoundException') return false;
      throw schedulerError('GetSchedule', Name, err);
    }
  }

  #input(consultationId: string, at: Date): CreateScheduleCommandInput & { Name: string } {
    const { groupName, targetArn, roleArn, deadLetterArn, maximumRetryAttempts = 10 } = this.config;
    if (!targetArn || !roleArn) throw new Error('this scheduler was configured to cancel only: no target or role to schedule with');
    return {
      Name: scheduleName(consultationId),
      GroupName: groupName,
      ScheduleExpression: `at(${atExpression(at)})`,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: targetArn,
        RoleArn: roleArn,
        Input: JSON.stringify({ consultationId }),
        RetryPolicy: { MaximumRetryAttempts: maximumRetryAttempts },
        ...(deadLetterArn ? { DeadLetterConfig: { Arn: deadLetterArn } } : {}),
      },
    };
  }
}

function scheduleName(consultationId: string): string {
  if (!CONSULTATION_ID.test(consultationId)) {
    throw new Error(`Consultation id ${JSON.stringify(consultationId)} cannot name a schedule`);
  }
  return `close-${consultationId}`;
}

/**
 * `yyyy-mm-ddThh:mm:ss` in UTC, without zone (the zone goes in ScheduleExpressionTimezone). Rounded up to the
 * whole second, so the close never fires before the closing time.
 */
function atExpression(at: Date): string {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new Error('Invalid closing time');
  return new Date(Math.ceil(ms / 1000) * 1000).toISOString().slice(0, 19);
}

function nameOf(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

function schedulerError(operation: string, name: string, err: unknown): Error {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new Error(`EventBridge Scheduler ${operation} ${name} failed: ${message}`, { cause: err });
}
