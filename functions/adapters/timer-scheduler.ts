import type { Clock, CloseScheduler } from '../core/ports.ts';

/** setTimeout fires at once for delays above 2^31-1 ms (~24.8 days); longer waits are re-armed in steps. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface TimerSchedulerOptions {
  /** Waits between attempts when onDue fails (default 1 s, 5 s, 30 s: four attempts in all). */
  retryDelaysMs?: readonly number[];
  /** Reports a close that failed every attempt; gets a line with the error's name and message only. */
  log?: (line: string) => void;
}

interface Entry {
  at: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The local stand-in for EventBridge Scheduler: in-process timers that call `onDue(consultationId)` at the
 * set time. Timers do not survive a restart: at start-up the caller schedules every consultation still voting
 * (a time already past fires at once). Timers are unref'd, so they never keep the process alive by themselves.
 * @example
 * const scheduler = new TimerScheduler((id) => closeConsultation(id), systemClock);
 * await scheduler.schedule(id, new Date(consultation.closesAt));
 */
export class TimerScheduler implements CloseScheduler {
  readonly #entries = new Map<string, Entry>();
  readonly #retryDelaysMs: readonly number[];
  readonly #log: (line: string) => void;

  constructor(
    private readonly onDue: (consultationId: string) => Promise<void>,
    private readonly clock: Clock,
    options: TimerSchedulerOptions = {},
  ) {
    this.#retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 30_000];
    this.#log = options.log ?? ((line) => console.error(line));
  }

  async schedule(consultationId: string, at: Date): Promise<void> {
    const time = at.getTime();
    if (Number.isNaN(time)) throw new Error(`Invalid closing time for consultation ${consultationId}`);
    this.#clear(consultationId);
    const entry: Entry = { at: time, timer: undefined };
    this.#entries.set(consultationId, entry);
    this.#arm(consultationId, entry);
  }

  async cancel(consultationId: string): Promise<void> {
    this.#clear(consultationId);
  }

  async has(consultationId: string): Promise<boolean> {
    return this.#entries.has(consultationId);
  }

  /** Clears every timer and pending retry (on shutdown). */
  stopAll(): void {
    for (const id of [...this.#entries.keys()]) this.#clear(id);
  }

  /** The consultations with a pending close, for diagnostics. */
  scheduled(): string[] {
    return [...this.#entries.keys()];
  }

  #arm(id: string, entry: Entry): void {
    const delay = entry.at - this.clock.now().getTime();
    entry.timer =
      delay > MAX_TIMER_DELAY_MS
        ? setTimeout(() => this.#arm(id, entry), MAX_TIMER_DELAY_MS)
        : setTimeout(() => void this.#fire(id, entry, 0), Math.max(0, delay));
    entry.timer.unref?.();
  }

  async #fire(id: string, entry: Entry, attempt: number): Promise<void> {
    entry.timer = undefined;
    try {
      await this.onDue(id);
      if (this.#isCurrent(id, entry)) this.#entries.delete(id);
    } catch (err) {
      // Cancelled or rescheduled while running: the newer instruction wins, no retry.
      if (!this.#isCurrent(id, entry)) return;
      const wait = this.#retryDelaysMs[attempt];
      if (wait === undefined) {
        this.#entries.delete(id);
        const what = err instanceof Error ? `${err.name}: ${err.message}` : 'non-error value thrown';
        this.#log(`Closing consultation ${id} failed after ${attempt + 1} attempts; giving up. ${what}`);
        return;
      }
      entry.timer = setTimeout(() => void this.#fire(id, entry, attempt + 1), wait);
      entry.timer.unref?.();
    }
  }

  #isCurrent(id: string, entry: Entry): boolean {
    return this.#entries.get(id) === entry;
  }

  #clear(id: string): void {
    const entry = this.#entries.get(id);
    if (entry?.timer !== undefined) clearTimeout(entry.timer);
    this.#entries.delete(id);
  }
}
