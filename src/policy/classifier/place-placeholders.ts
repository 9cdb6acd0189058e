import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `no-place`: a key that says only "position" or "location" (`Position`, `pos`, `Location`,
 * `current_location`) names a place only when its value can be one. A placeholder (`"Unknown"`,
 * `"none"`, `"-"`), a single letter (`pos: "l"`, a side), a whole number on its own (`Location: 0`,
 * `position: 11`: an index, a motor's step) or a reference to a record of the vendor's API
 * (`"/v1/locations/70002/"`: an id, not where anybody is) or a two-letter country code (ISO 3166-1 alpha-2:
 * Matter's Basic Information `Location`, a country on its own) or an absolute path in a file system (a volume
 * mount's `destination`) is no place: the key's location reading is
 * vetoed for that value. Coordinates, addresses, named places and positions inside a record of
 * coordinates (`position.x`) are other keys' and other detectors' and are not touched: only the bare
 * place words are read, and only their values.
 */
export const NO_PLACE = 'no-place';

export const noPlaceExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [NO_PLACE]: (f) => `"${f.facts.key}" holds ${f.facts.what}, no place`,
};

type Add = (index: number, f: Finding) => void;

/** Keys that say nothing but "a place" (their value decides). */
const BARE_PLACE_KEYS = new Set(['position', 'pos', 'location', 'loc', 'place', 'current location', 'current position',
  'point', 'points',
  // A route's destination is an address; a volume mount's (`volume_mounts[*].destination`) a path.
  'destination']);
/** Points of a place are pairs, lists or records; a number under `points` is a score or a count (`points: 228.8`). */
const POINT_KEYS = new Set(['point', 'points']);
const PLACEHOLDERS = new Set(['unknown', 'none', 'null', 'undefined', 'n/a', 'na', 'nil', '-', '--', 'not set', 'unset', 'not available', 'unavailable']);
/** A reference to a record of an API: a path of words and digits ending in an id (`/v1/locations/70002/`). */
const API_REFERENCE = /^\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z_-]+\/[0-9A-Za-z_-]*\d[0-9A-Za-z_-]*\/?$/;

/** An absolute path (`/config`, `/downloads/complete`): where a file system mounts a volume, no place. */
const FILE_SYSTEM_PATH = /^\/[^\s/]+(?:\/[^\s/]+)*\/?$/;

/** ISO 3166-1 alpha-2, upper case as the standard writes it (`"DE"`, `"XX"`): a country, which alone is no place. */
const COUNTRY_CODE = /^[A-Z]{2}$/;

const bareKeys = new BoundedMemo<boolean>(5_000, 256);
function bareKey(raw: string): boolean {
  return bareKeys.get(raw, () => BARE_PLACE_KEYS.has(readKey(raw).words.join(' ')));
}
const pointKeys = new BoundedMemo<boolean>(5_000, 256);
function pointKey(raw: string): boolean {
  return pointKeys.get(raw, () => POINT_KEYS.has(readKey(raw).words.join(' ')));
}

/** What the value is when it cannot be a place, else undefined. */
function notAPlace(value: PayloadField['value'], points: boolean): string | undefined {
  if (typeof value === 'number' && points) return 'a number on its own (a score or a count)';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number on its own' : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 1) return 'a single character';
  if (PLACEHOLDERS.has(text.toLowerCase())) return 'a placeholder';
  if (API_REFERENCE.test(text)) return 'a reference to a record of the API';
  if (FILE_SYSTEM_PATH.test(text)) return 'a path in a file system';
  // Matter's Basic Information cluster writes its Location attribute so (`"XX"` when unknown): a country on its own.
  if (COUNTRY_CODE.test(text)) return 'a two-letter country code (ISO 3166-1 alpha-2)';
  return undefined;
}

/** Plan: numbers and strings under a bare place key, not inside a record of coordinates (its own key only). */
export function planNoPlace(fields: readonly ShapeField[]): number[] | undefined {
  let named: number[] | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || (field.kind !== 'number' && field.kind !== 'string')) return;
    if (bareKey(key)) (named ??= []).push(index);
  });
  return named;
}

export function detectNoPlace(plan: readonly number[], fields: readonly PayloadField[], _home: unknown, add: Add): void {
  for (const index of plan) {
    const field = fields[index];
    if (field === undefined) continue;
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') continue;
    const what = notAPlace(field.value, pointKey(key));
    // A score under `points` may still be a habit's (a day's activity points): only the place reading goes.
    if (what !== undefined) add(index, noPlace(key, what, pointKey(key)));
  }
}

const findings = new BoundedMemo<Finding>(256, 1_024);
function noPlace(key: string, what: string, placeOnly: boolean): Finding {
  return findings.get(`${key}\u0000${what}`, () => finding(NO_PLACE, 'veto', placeOnly ? ['location'] : [], { of: 'value', key: key.slice(0, 40), what }, 'all'));
}
