import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `observation-age`: beside a position fix or a radio reading, `age` is how old the observation is, not
 * somebody's age: the Google Geolocation API and Mozilla Location Service give every access point, cell
 * tower and beacon an `age` in milliseconds, the W3C Geolocation position an age of its fix, Thread's child
 * table (`ot-ctl child table`) the seconds since a child was last heard. In a record holding a coordinate,
 * an accuracy, a signal strength, a link margin or quality, or a radio address (MAC, BSSID, SSID, extended
 * address, RLOC16, cell id), the person reading of `age` (vCard/schema.org) is vetoed, and so is a
 * container's place reading of it (`position.age` is the fix's age, not a place).
 * Reads only keys: memoised per payload shape.
 */
export const OBSERVATION_AGE = 'observation-age';

export const observationAgeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [OBSERVATION_AGE]: () => 'the age of an observation beside a position fix or a radio reading, not a person\'s age (not personal, not location)',
};

/** Sibling keys of a fix or a radio reading (read after the key tokeniser). */
const READINGS = new Set(['latitude', 'longitude', 'lat', 'lon', 'lng', 'accuracy', 'horizontal accuracy', 'rssi', 'signal', 'signal strength',
  'signal level', 'signal to noise', 'snr', 'margin', 'link margin', 'lqi', 'link quality', 'mac', 'mac address', 'bssid', 'ssid',
  'ext addr', 'extended address', 'rloc16', 'rloc', 'cell id', 'cid', 'lac', 'location area code', 'tac', 'frequency', 'channel',
  'timing advance', 'radio type']);
const AGES = new Set(['age']);

type Role = 'age' | 'reading' | 'other';
const roles = new BoundedMemo<Role>(5_000, 256);
function roleOf(raw: string): Role {
  return roles.get(raw, () => {
    const joined = readKey(raw).words.join(' ');
    return AGES.has(joined) ? 'age' : READINGS.has(joined) ? 'reading' : 'other';
  });
}

const VETO = finding(OBSERVATION_AGE, 'veto', ['personal', 'location'], { of: 'structure' });

export function observationAges(fields: readonly ShapeField[], add: Add): void {
  let ages: number[] | undefined;
  let readings: Set<string> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') return;
    const role = roleOf(key);
    if (role === 'age') (ages ??= []).push(index);
    else if (role === 'reading') (readings ??= new Set()).add(parentPath(field));
  });
  if (ages === undefined || readings === undefined) return;
  for (const index of ages) {
    const field = fields[index];
    if (field !== undefined && readings.has(parentPath(field))) add(index, VETO);
  }
}
