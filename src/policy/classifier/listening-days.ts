import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * The statistics beside records of somebody listening, watching or reading (consumption-records.ts): a map keyed by
 * calendar days (`days["2022-11-13"]`, `"2022-11"`) or by the days of the week (`dayOfWeek.Sunday`) holding numbers,
 * in a record that holds such consumption records, is how much was listened or watched on each day — the per-day
 * series of listening statistics (an audiobook server's stats, a media server's plays by day): behaviour. Not a
 * map of dates elsewhere (what a solar panel produced per day, a weather history).
 */
export const DAILY_CONSUMPTION = 'daily-consumption';

export const dailyConsumptionExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [DAILY_CONSUMPTION]: () => 'how much was listened to or watched on one day, beside records of somebody doing so → behaviour',
};

const CALENDAR_DAY = /^\d{4}-\d{2}(?:-\d{2})?$/;
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu',
  'fri', 'sat', 'sun']);
/** Fewer keys could be anything keyed by a date; three days make a series. */
const MIN_DAYS = 3;

function namesDay(key: string): boolean {
  if (CALENDAR_DAY.test(key)) return true;
  const words = readKey(key).words;
  return words.length === 1 && WEEKDAYS.has(words[0] ?? '');
}

/** `consumption`: the paths of records found to be somebody consuming a work. */
export function dailyConsumption(fields: readonly ShapeField[], consumption: readonly string[], add: Add): void {
  if (consumption.length === 0) return;
  let maps: Map<string, number[]> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (field.kind !== 'number' || typeof key !== 'string' || !namesDay(key)) return;
    const map = parentPath(field);
    maps ??= new Map();
    const days = maps.get(map);
    if (days === undefined) maps.set(map, [index]);
    else days.push(index);
  });
  if (maps === undefined) return;
  for (const days of maps.values()) {
    const first = fields[days[0] ?? -1];
    if (days.length < MIN_DAYS || first === undefined) continue;
    // The record holding the map must hold the consumption records too (the map is its sibling's statistics).
    const holder = prefixKey(first, -2);
    if (!consumption.some((record) => record.startsWith(holder))) continue;
    for (const index of days) add(index, DAY_TOTAL);
  }
}

const DAY_TOTAL = finding(DAILY_CONSUMPTION, 'strong', ['behaviour'], { of: 'structure' });
