import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `odometer`: how far a vehicle has gone or how much a machine has been used over its life — an
 * odometer, a mileage — is a usage history (docs/CORPUS.md lists the odometer under behaviour), wherever
 * the word sits in the key (`odometerValueKilometers`, `XCat_OdometerStatusRunningHours`) or on the record
 * a generic `value` belongs to (`odo: {value, unit}`). A unit beside it (`odo.unit`) is not read: only
 * numbers and numeric strings are.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const ODOMETER = 'odometer';

export const odometerExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ODOMETER]: () => 'an odometer or mileage (how much somebody used it over time) → behaviour',
};

const ODOMETER_WORDS = new Set(['odometer', 'odo', 'mileage', 'odometre']);
const GENERIC_VALUES = new Set(['value', 'val', 'v', 'raw', 'reading', 'amount', 'km', 'mi', 'miles', 'kilometers', 'kilometres']);
/** Not the reading: its unit, a setting about it, when it was read. */
const NOT_READING = new Set(['unit', 'units', 'format', 'display', 'type', 'updated', 'timestamp', 'time', 'date', 'at',
  'interval', 'reminder', 'threshold', 'limit', 'service', 'maintenance', 'next', 'due', 'enabled', 'supported']);

const readings = new Map<string, boolean>();
function odometerKey(raw: string, parent: string | number | undefined): boolean {
  const cacheKey = typeof parent === 'string' ? `${raw}\u0000${parent}` : raw;
  let found = readings.get(cacheKey);
  if (found === undefined) {
    const words = readKey(raw).words;
    found = false;
    if (!words.some((w) => NOT_READING.has(w))) {
      if (words.some((w) => ODOMETER_WORDS.has(w))) found = true;
      else if (words.length === 1 && GENERIC_VALUES.has(words[0] ?? '') && typeof parent === 'string') {
        const up = readKey(parent).words;
        found = up.some((w) => ODOMETER_WORDS.has(w)) && !up.some((w) => NOT_READING.has(w));
      }
    }
    if (readings.size >= 5_000) readings.clear();
    readings.set(cacheKey, found);
  }
  return found;
}

export function odometers(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const n = field.segments.length;
    const key = field.segments[n - 1];
    if (typeof key !== 'string' || (field.kind !== 'number' && field.kind !== 'string')) return;
    if (odometerKey(key, field.segments[n - 2])) add(index, ODOMETER_FINDING);
  });
}

const ODOMETER_FINDING = finding(ODOMETER, 'strong', ['behaviour'], { of: 'structure' });
