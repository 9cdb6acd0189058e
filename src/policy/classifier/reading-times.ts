import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `reading-time`: the time in a reading's own record is when the reading was reported, not when anybody
 * did anything (docs/CORPUS.md: report and measurement timestamps are not behaviour). Vehicle and
 * telemetry APIs wrap each reading in a record of its value and the time it was taken
 * (`frontLeftDoor: {value: "CLOSED", timestamp}`, `averageSpeed: {value, unit, timestamp}`, OCF/oneM2M and
 * SenML-style `{v, u, t}` pairs): the record's key names the reading, the `value` holds it and the time
 * stamps the report. Such a time vetoes behaviour (the value keeps whatever it is), unless the record's own
 * key names a moment of its own (`reportedStartTime: {value, timestamp}`, `suspendedUntil`: the time *is*
 * the reading). Only a record of a generic value, its unit or kind and one time; anything else beside them
 * makes it an event record, which other detectors read.
 * Reads only keys: memoised per payload shape.
 */
export const READING_TIME = 'reading-time';

export const readingTimeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [READING_TIME]: () => 'time of a reading\'s own record of a value (when it was reported, not an act) → not behaviour',
};

/** Keys that hold the reading their record is named for. */
const VALUE_KEYS = new Set(['value', 'val', 'v']);
/** What may sit beside the value and the time without making the record more than a reading. */
const COMPANION_KEYS = new Set(['unit', 'units', 'u', 'type', 'kind', 'quality', 'status', 'source', 'precision',
  // Type annotations name the record's schema type, not anything beside the reading (GraphQL, JSON-LD, .NET/Jackson).
  '__typename', '@type', '$type', '_class', '@class']);
/** Words of a record key naming a moment of its own: its value and time are that moment. */
const MOMENT_WORDS = new Set(['start', 'end', 'until', 'since', 'begin', 'started', 'ended', 'next', 'last', 'due', 'time', 'date', 'at']);

type Role = 'value' | 'companion' | 'time' | 'other';
const roles = new BoundedMemo<Role>(5_000, 256);
function roleOf(raw: string): Role {
  return roles.get(raw, () => {
    const lower = raw.toLowerCase();
    if (VALUE_KEYS.has(lower)) return 'value';
    if (COMPANION_KEYS.has(lower)) return 'companion';
    return isTimeKey(raw) ? 'time' : 'other';
  });
}

const moments = new BoundedMemo<boolean>(5_000, 256);
function namesMoment(raw: string): boolean {
  return moments.get(raw, () => readKey(raw).words.some((w) => MOMENT_WORDS.has(w)));
}

const VETO = finding(READING_TIME, 'veto', ['behaviour'], { of: 'structure' });

export function readingTimes(fields: readonly ShapeField[], add: Add): void {
  // Most payloads hold no generic value key: no record paths are made for them.
  if (!fields.some((field) => {
    const key = field.segments[field.segments.length - 1];
    return typeof key === 'string' && roleOf(key) === 'value';
  })) return;
  let records: Map<string, { time: number[]; value: boolean; other: boolean }> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    const role = typeof key === 'string' ? roleOf(key) : 'other';
    const parent = parentPath(field);
    let entry = records?.get(parent);
    if (entry === undefined) (records ??= new Map()).set(parent, (entry = { time: [], value: false, other: false }));
    if (role === 'time') entry.time.push(index);
    else if (role === 'value') entry.value = true;
    else if (role === 'other') entry.other = true;
  });
  if (records === undefined) return;
  for (const { time, value, other } of records.values()) {
    const index = time[0];
    if (!value || other || time.length !== 1 || index === undefined) continue;
    const field = fields[index];
    const recordKey = field?.segments[field.segments.length - 2];
    if (typeof recordKey !== 'string' || namesMoment(recordKey)) continue;
    add(index, VETO);
  }
}
