/** Backoff between connection attempts after a failure (and between register retries). */
export interface RetrySettings {
  readonly minMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { minMs: 1000, maxMs: 60_000 };

/**
 * The hub's waits: exponential backoff with jitter (so many sidecars restarted with Home Assistant do
 * not all knock at once), and timers that `clear` cancels together on stop, so a stopped hub leaves
 * nothing scheduled behind it.
 */
export class RetryTimers {
  private readonly timers = new Set<NodeJS.Timeout>();
  private wake: (() => void) | undefined;

  constructor(private readonly settings: RetrySettings = DEFAULT_RETRY) {}

  backoff(attempt: number): number {
    const { minMs, maxMs } = this.settings;
    const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 16));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /** Resolves after `ms`, or at once when `clear` is called. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
      this.wake = resolve;
    });
  }

  /** Runs `run` after `ms` unless cleared first; never keeps the process alive. */
  later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.wake?.();
    this.wake = undefined;
  }
}
