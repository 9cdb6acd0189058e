import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `weekday-mask`: the days of the week a plan runs on, written as one number (a bit per day:
 * `weekDays: 31` is Monday to Friday) — the DaysMask of the Matter / Zigbee Door Lock cluster's
 * week-day schedules, which vendors of locks, timers and chargers copy — is a schedule somebody set:
 * behaviour (docs/CORPUS.md), like the weekday flags weekly-schedule reads. Read by the key: a key that
 * names the days of a week (`weekDays`, `days_mask`, `repeatDays`), or a bare `week`/`days` inside a
 * timer, an alarm or a schedule (`timerx.week`). A day's number alone (`day: 2`) or a week number of a
 * report is not read.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const WEEKDAY_MASK = 'weekday-mask';

export const weekdayMaskExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [WEEKDAY_MASK]: () => 'the days of the week a plan runs on (a schedule somebody set) → behaviour',
};

const MASK_KEYS = new Set(['week days', 'weekdays', 'weekday', 'week day', 'days mask', 'day mask', 'weekday mask',
  'week day mask', 'days of week', 'repeat days', 'repeat', 'day bits', 'week mask']);
const BARE_KEYS = new Set(['week', 'days']);
/** Records whose bare `week`/`days` is the plan's days. */
const PLAN_WORDS = new Set(['timer', 'timers', 'timerx', 'alarm', 'alarms', 'schedule', 'schedules', 'plan', 'program', 'programs', 'access']);

const readings = new Map<string, boolean>();
function maskKey(raw: string, parent: string | number | undefined): boolean {
  const cacheKey = typeof parent === 'string' ? `${raw}\u0000${parent}` : raw;
  let mask = readings.get(cacheKey);
  if (mask === undefined) {
    const joined = readKey(raw).words.join(' ');
    mask = MASK_KEYS.has(joined) || (BARE_KEYS.has(joined) && typeof parent === 'string' && readKey(parent).words.some((w) => PLAN_WORDS.has(w)));
    if (readings.size >= 5_000) readings.clear();
    readings.set(cacheKey, mask);
  }
  return mask;
}

export function weekdayMasks(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const n = field.segments.length;
    const key = field.segments[n - 1];
    if (typeof key !== 'string' || field.kind !== 'number') return;
    if (maskKey(key, field.segments[n - 2])) add(index, MASK_FINDING);
  });
}

const MASK_FINDING = finding(WEEKDAY_MASK, 'strong', ['behaviour'], { of: 'structure' });
