import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `set-time`: a time of day written on the hour's grid (`"06:00"`, `"22:30"`, `"07:00:00"`) is a time
 * somebody set — a schedule's start, an alarm, a curfew, a watering time — whatever the key is called
 * (`power.on`, `sc.d[0][0]`, `startTime`): behaviour (docs/CORPUS.md: schedules the user set). A clock
 * reading carries its seconds (`"13:25:17"`); a length (`duration`, `elapsed`, `resolution`), the
 * current time and offsets are not set times. Weak: negative words and other readings of the value win.
 * Declares a shape plan: which string fields could hold one is read once per payload shape.
 */
export const SET_TIME = 'set-time';

export const setTimeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SET_TIME]: () => 'a time of day on the hour grid (a time somebody set: a schedule, an alarm) → behaviour',
};

const NOT_SET = new Set(['duration', 'elapsed', 'length', 'resolution', 'offset', 'current', 'now', 'clock', 'local', 'uptime',
  'timezone', 'zone', 'utc', 'gmt', 'formatted', 'remaining', 'left', 'interval', 'period', 'delay', 'timeout', 'countdown',
  'version', 'sunrise', 'sunset', 'dawn', 'dusk']);
/**
 * `06:00`, `6:30`, `07:00:00`: minutes and, if any, zero seconds; or the same on a 12-hour clock (`"07:00 am"`,
 * `"11:30PM"`: a habit's or a dose's time in an app written for people).
 */
const SET_TIME_TEXT = /^(?:(?:[01]?\d|2[0-3]):[0-5]\d(?::00)?|(?:0?[1-9]|1[0-2]):[0-5]\d(?::00)? ?[ap]\.?m\.?)$/i;

const candidates = new Map<string, boolean>();
function candidateKey(raw: string): boolean {
  let known = candidates.get(raw);
  if (known === undefined) {
    known = !readKey(raw).words.some((w) => NOT_SET.has(w));
    if (candidates.size >= 5_000) candidates.clear();
    candidates.set(raw, known);
  }
  return known;
}

/**
 * A business's opening hours (`hours.monday.open`, `opening_hours`, `businessHours`): when a shop or a pharmacy
 * opens, set by nobody in the home.
 */
const BUSINESS_WORDS = new Set(['opening', 'business', 'store', 'shop', 'office']);
const openingHours = new Map<string, boolean>();
function openingHoursKey(raw: string): boolean {
  let known = openingHours.get(raw);
  if (known === undefined) {
    const words = readKey(raw).words;
    known = words.at(-1) === 'hours' && (words.length === 1 || words.some((w) => BUSINESS_WORDS.has(w)));
    if (openingHours.size >= 5_000) openingHours.clear();
    openingHours.set(raw, known);
  }
  return known;
}

/** The string fields of a shape whose nearest key does not name a length, a clock or an offset, outside opening hours. */
export function planSetTimes(fields: readonly ShapeField[]): number[] | undefined {
  let plan: number[] | undefined;
  fields.forEach((field, index) => {
    if (field.kind !== 'string') return;
    if (field.segments.some((segment) => typeof segment === 'string' && openingHoursKey(segment))) return;
    for (let i = field.segments.length - 1; i >= 0; i--) {
      const segment = field.segments[i];
      if (typeof segment !== 'string') continue;
      if (candidateKey(segment)) (plan ??= []).push(index);
      return;
    }
  });
  return plan;
}

export function detectSetTimes(plan: readonly number[], fields: readonly PayloadField[], _home: unknown, add: Add): void {
  for (const index of plan) {
    const value = fields[index]?.value;
    if (typeof value === 'string' && value.length <= 13 && SET_TIME_TEXT.test(value)) add(index, SET_TIME_FINDING);
  }
}

// A value's shape: yields to a key that names something else (`macAddress: "12:22"`, a masked MAC).
const SET_TIME_FINDING = finding(SET_TIME, 'weak', ['behaviour'], { of: 'value' });
