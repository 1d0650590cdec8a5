import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, TimerScheduler } from '../../../functions/adapters/timer-scheduler.ts';

const clock = { now: () => new Date() };
const START = new Date('2030-01-01T00:00:00Z');

describe('TimerScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('closes a consultation at its closing time, not before', async () => {
    const onDue = vi.fn(async (_id: string) => {});
    const scheduler = new TimerScheduler(onDue, clock);
    await scheduler.schedule('c1', new Date(START.getTime() + 60_000));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(onDue).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onDue).toHaveBeenCalledExactlyOnceWith('c1');
    expect(scheduler.scheduled()).toEqual([]);
  });

  it('closes at once when the time has already passed (re-arming after a restart)', async () => {
    const onDue = vi.fn(async (_id: string) => {});
    await new TimerScheduler(onDue, clock).schedule('late', new Date(START.getTime() - 3_600_000));
    await vi.advanceTimersByTimeAsync(0);
    expect(onDue).toHaveBeenCalledWith('late');
  });

  it('waits longer than the 2^31-1 ms setTimeout limit', async () => {
    const onDue = vi.fn(async (_id: string) => {});
    const sixtyDays = 60 * 24 * 3_600_000;
    await new TimerScheduler(onDue, clock).schedule('far', new Date(START.getTime() + sixtyDays));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_DELAY_MS + 1);
    expect(onDue).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(sixtyDays - MAX_TIMER_DELAY_MS - 2);
    expect(onDue).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onDue).toHaveBeenCalledExactlyOnceWith('far');
  });

  it('scheduling again replaces the earlier time', async () => {
    const onDue = vi.fn(async (_id: string) => {});
    const scheduler = new TimerScheduler(onDue, clock);
    await scheduler.schedule('c1', new Date(START.getTime() + 1_000));
    await scheduler.schedule('c1', new Date(START.getTime() + 5_000));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(onDue).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onDue).toHaveBeenCalledTimes(1);
  });

  it('cancel and stopAll clear pending closes', async () => {
    const onDue = vi.fn(async (_id: string) => {});
    const scheduler = new TimerScheduler(onDue, clock);
    await scheduler.schedule('a', new Date(START.getTime() + 1_000));
    await scheduler.schedule('b', new Date(START.getTime() + 1_000));
    await scheduler.schedule('c', new Date(START.getTime() + 1_000));
    await scheduler.cancel('a');
    await scheduler.cancel('never-scheduled');
    expect(scheduler.scheduled().sort()).toEqual(['b', 'c']);
    scheduler.stopAll();
    expect(scheduler.scheduled()).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onDue).not.toHaveBeenCalled();
  });

  it('retries a failed close with growing waits, then stops', async () => {
    const onDue = vi.fn(async (_id: string) => {
      throw new Error('store unavailable');
    });
    const log = vi.fn();
    const scheduler = new TimerScheduler(onDue, clock, { retryDelaysMs: [100, 200], log });
    await scheduler.schedule('c1', START);
    await vi.advanceTimersByTimeAsync(0);
    expect(onDue).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(onDue).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(onDue).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(onDue).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onDue).toHaveBeenCalledTimes(3);
    expect(log).toHaveBeenCalledExactlyOnceWith('Closing consultation c1 failed after 3 attempts; giving up. Error: store unavailable');
    expect(scheduler.scheduled()).toEqual([]);
  });

  it('stops retrying once a retry succeeds', async () => {
    const onDue = vi.fn<(id: string) => Promise<void>>().mockRejectedValueOnce(new Error('busy')).mockResolvedValue(undefined);
    const log = vi.fn();
    await new TimerScheduler(onDue, clock, { retryDelaysMs: [100, 200], log }).schedule('c1', START);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onDue).toHaveBeenCalledTimes(2);
    expect(log).not.toHaveBeenCalled();
  });

  it('a cancel during a failing close stops its retries', async () => {
    let fail!: (err: Error) => void;
    const onDue = vi.fn((_id: string) => new Promise<void>((_, reject) => (fail = reject)));
    const scheduler = new TimerScheduler(onDue, clock, { retryDelaysMs: [100], log: vi.fn() });
    await scheduler.schedule('c1', START);
    await vi.advanceTimersByTimeAsync(0);
    await scheduler.cancel('c1');
    fail(new Error('late failure'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onDue).toHaveBeenCalledTimes(1);
  });

  it('refuses an invalid date', async () => {
    await expect(new TimerScheduler(async () => {}, clock).schedule('c1', new Date('nope'))).rejects.toThrow(/Invalid closing time/);
  });
});
