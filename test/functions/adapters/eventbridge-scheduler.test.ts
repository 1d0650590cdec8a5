import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeCloseScheduler } from '../../../functions/adapters/eventbridge-scheduler.ts';

const scheduler = mockClient(SchedulerClient);
const config = {
  groupName: 'danban-closing',
  targetArn: 'arn:aws:lambda:eu-west-1:111122223333:function:close',
  roleArn: 'arn:aws:iam::111122223333:role/scheduler-invoke',
};
const ID = '01JD3X2Y5Z6A7B8C9D0E1F2G3H';

const expected = {
  Name: `close-${ID}`,
  GroupName: 'danban-closing',
  ScheduleExpression: 'at(2030-01-31T17:00:00)',
  ScheduleExpressionTimezone: 'UTC',
  FlexibleTimeWindow: { Mode: 'OFF' as const },
  ActionAfterCompletion: 'DELETE' as const,
  State: 'ENABLED' as const,
  Target: {
    Arn: config.targetArn,
    RoleArn: config.roleArn,
    Input: JSON.stringify({ consultationId: ID }),
    RetryPolicy: { MaximumRetryAttempts: 10 },
  },
};

function make(extra: Partial<{ deadLetterArn: string }> = {}): EventBridgeCloseScheduler {
  return new EventBridgeCloseScheduler(new SchedulerClient({}), { ...config, ...extra });
}

describe('EventBridgeCloseScheduler', () => {
  beforeEach(() => scheduler.reset());

  it('creates a one-time UTC schedule that invokes the close function with the consultation id', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    await make().schedule(ID, new Date('2030-01-31T17:00:00Z'));
    expect(scheduler).toHaveReceivedCommandExactlyOnceWith(CreateScheduleCommand, expected);
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input).toEqual(expected);
    expect(scheduler).not.toHaveReceivedCommand(UpdateScheduleCommand);
  });

  it('writes the time in UTC without a zone suffix, rounding milliseconds up so it never fires early', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    // 00:30 in Hanoi (UTC+7) is 17:29:59.250 the day before in UTC.
    await make().schedule(ID, new Date('2030-02-01T00:29:59.250+07:00'));
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, { ScheduleExpression: 'at(2030-01-31T17:30:00)' });
  });

  it('adds the dead-letter queue when one is configured', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    await make({ deadLetterArn: 'arn:aws:sqs:eu-west-1:111122223333:close-dlq' }).schedule(ID, new Date('2030-01-31T17:00:00Z'));
    const input = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    expect(input.Target?.DeadLetterConfig).toEqual({ Arn: 'arn:aws:sqs:eu-west-1:111122223333:close-dlq' });
  });

  it('updates the schedule when it exists already, so scheduling twice is harmless', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'Schedule already exists', Message: 'Schedule already exists', $metadata: {} }));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    await make().schedule(ID, new Date('2030-01-31T17:00:00Z'));
    expect(scheduler).toHaveReceivedCommandExactlyOnceWith(UpdateScheduleCommand, expected);
  });

  it('reports other failures with the operation and schedule name, keeping the SDK error as the cause', async () => {
    const error = new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} });
    scheduler.on(CreateScheduleCommand).rejects(error);
    const failure = await make()
      .schedule(ID, new Date('2030-01-31T17:00:00Z'))
      .catch((e: unknown) => e);
    expect((failure as Error).message).toBe(`EventBridge Scheduler CreateSchedule close-${ID} failed: ThrottlingException: Rate exceeded`);
    expect((failure as Error).cause).toBe(error);
    expect(scheduler).not.toHaveReceivedCommand(UpdateScheduleCommand);
  });

  it('reports a failed update after a conflict', async () => {
    scheduler.on(CreateScheduleCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    scheduler.on(UpdateScheduleCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }));
    await expect(make().schedule(ID, new Date('2030-01-31T17:00:00Z'))).rejects.toThrow(/UpdateSchedule close-.* ThrottlingException/);
  });

  it('cancels by deleting the schedule, and a missing schedule is not an error', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .resolvesOnce({})
      .rejectsOnce(new ResourceNotFoundException({ message: 'not found', Message: 'not found', $metadata: {} }));
    await make().cancel(ID);
    await make().cancel(ID);
    expect(scheduler).toHaveReceivedCommandTimes(DeleteScheduleCommand, 2);
    expect(scheduler).toHaveReceivedCommandWith(DeleteScheduleCommand, { Name: `close-${ID}`, GroupName: 'danban-closing' });
  });

  it('reports other delete failures', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }));
    await expect(make().cancel(ID)).rejects.toThrow(`EventBridge Scheduler DeleteSchedule close-${ID} failed: ThrottlingException`);
  });

  it.each(['', 'has space', 'a/b', 'x'.repeat(59)])('refuses the consultation id %j, which cannot name a schedule', async (id) => {
    await expect(make().schedule(id, new Date('2030-01-31T17:00:00Z'))).rejects.toThrow(/cannot name a schedule/);
    await expect(make().cancel(id)).rejects.toThrow(/cannot name a schedule/);
    expect(scheduler).not.toHaveReceivedAnyCommand();
  });

  it('refuses an invalid date', async () => {
    await expect(make().schedule(ID, new Date('not a date'))).rejects.toThrow(/Invalid closing time/);
    expect(scheduler).not.toHaveReceivedAnyCommand();
  });
});
