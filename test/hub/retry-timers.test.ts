import { describe, expect, it } from 'vitest';
import { RetryTimers } from '../../src/hub/retry-timers.js';

describe('RetryTimers', () => {
  it('backs off exponentially within ±20 % jitter and never beyond the maximum', () => {
    const timers = new RetryTimers({ minMs: 100, maxMs: 1000 });
    for (let i = 0; i < 50; i++) {
      expect(timers.backoff(0)).toBeGreaterThanOrEqual(80);
      expect(timers.backoff(0)).toBeLessThanOrEqual(120);
      expect(timers.backoff(2)).toBeGreaterThanOrEqual(320);
      expect(timers.backoff(2)).toBeLessThanOrEqual(480);
      expect(timers.backoff(40)).toBeLessThanOrEqual(1200);
      expect(timers.backoff(40)).toBeGreaterThanOrEqual(800);
    }
  });

  it('clear wakes a sleeper at once and cancels what was scheduled', async () => {
    const timers = new RetryTimers();
    let ran = false;
    timers.later(50, () => (ran = true));
    const slept = timers.sleep(60_000);
    timers.clear();
    await slept;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(ran).toBe(false);
  });
});
