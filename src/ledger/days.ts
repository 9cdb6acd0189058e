/** Local-calendar day keys (`YYYY-MM-DD`): what a person means by "today". */

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Epoch ms of the local midnight that starts the day containing `at`. */
export function startOfDay(at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Local midnight starting the day `days` calendar days before the one containing `at` (DST-safe). */
export function startOfDayBefore(at: number, days: number): number {
  const d = new Date(startOfDay(at));
  d.setDate(d.getDate() - days);
  return d.getTime();
}

/**
 * Remembers the last day seen so the hot path builds no Date for records of the same day
 * (nearly all of them).
 */
export class DayCache {
  private start = 0;
  private end = 0;
  private key = '';

  keyOf(at: number): string {
    if (at >= this.start && at < this.end) return this.key;
    this.start = startOfDay(at);
    const next = new Date(this.start);
    next.setDate(next.getDate() + 1);
    this.end = next.getTime();
    this.key = dayKey(at);
    return this.key;
  }
}
