import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `activity-quantity`: a record that holds both how long something took (`elapsed_time`, `duration`,
 * `moving_time`) and how far or how much (`distance`, `kwh_used`, `chargedInKWh`, `average_speed`) is
 * the record of something a person did — a ride, a run, a charge, a trip — whatever the vendor calls it.
 * Its durations and quantities are behaviour (docs/CORPUS.md: usage histories, trips, activities). A
 * duration alone (a track, a timer) or a distance alone (a range, a radius) says nothing of the kind.
 * A start and an end stand for the duration (activity-span flags them), and a quantity kept as an
 * object (`elevation: {ascent, descent}`) for a quantity.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const ACTIVITY_QUANTITY = 'activity-quantity';

export const activityQuantityExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ACTIVITY_QUANTITY]: (f) => `the ${f.facts.role} of a record with a duration and a distance or energy (something somebody did) → behaviour`,
};

type Role = 'duration' | 'quantity' | 'start' | 'end' | 'date' | 'time';

const DURATION_HEADS = new Set(['duration', 'elapsed']);
const DURATION_PHRASES = new Set(['elapsed time', 'moving time', 'active time', 'total time', 'ride time', 'drive time', 'driving time', 'session time']);
const QUANTITY_HEADS = new Set(['distance', 'speed', 'consumption', 'ascent', 'descent']);
const QUANTITY_PHRASES = new Set(['elevation gain', 'elevation difference', 'elevation loss', 'altitude gain', 'altitude loss']);
/** A quantity kept as an object (`distance: {qty, units}`, `elevation: {ascent, descent}`): its numbers count. */
const QUANTITY_OBJECTS = new Set(['distance', 'elevation']);
/** A start and an end (`start`, `end_date`, `startTime`) make a span as a duration does; they are activity-span's to flag. */
const START = new Set(['start', 'starts', 'begin', 'started']);
const END = new Set(['end', 'ends', 'ended', 'finish', 'finished', 'stop']);
const TIME_HEADS = new Set(['start', 'end', 'begin', 'time', 'date', 'datetime', 'timestamp', 'at', 'ts']);
const ENERGY_UNITS = new Set(['kwh', 'wh']);
const USED_HEADS = new Set(['used', 'consumed']);
/** Which thing was used (`auth_method_used`, `key_id_used`) is no amount. */
const USED_KINDS = new Set(['method', 'mode', 'type', 'kind', 'protocol', 'version', 'name', 'id', 'key', 'code']);
const ENERGY_WORDS = new Set(['used', 'charged', 'consumed', 'delivered', 'added']);
/** The distance a charge added to a car's range (`miles_added`, `kmAdded`): what the session gave, a quantity; not a rate (`miles_added_per_hour`). */
const DISTANCE_WORDS = new Set(['miles', 'mile', 'km', 'kilometers', 'kilometres']);
/** What is left or possible is no act: `distance_to_empty`, `remaining_range`, `max_duration` settings. */
const NOT_DONE = new Set(['remaining', 'range', 'empty', 'left', 'max', 'maximum', 'min', 'minimum', 'limit', 'target',
  'goal', 'default', 'timeout', 'capacity', 'estimated', 'unit', 'units', 'format', 'setting', 'settings']);

/** How long an act went on, named by the act's -ing form: `charging_time`, `cleaningTime`, `watering_time`. */
function actTime(words: readonly string[]): boolean {
  const act = words[words.length - 2] ?? '';
  return words.length === 2 && words[1] === 'time' && act.length > 5 && act.endsWith('ing');
}

const roles = new Map<string, Role | null>();
function roleOf(raw: string): Role | undefined {
  let role = roles.get(raw);
  if (role === undefined) {
    const key = readKey(raw);
    const words = key.words;
    const head = words[words.length - 1] ?? '';
    const phrase = words.slice(-2).join(' ');
    role = null;
    if (words.some((w) => NOT_DONE.has(w))) role = null;
    else if (DURATION_HEADS.has(head) || DURATION_PHRASES.has(phrase) || actTime(words)) role = 'duration';
    else if (TIME_HEADS.has(head) && words.some((w) => START.has(w))) role = 'start';
    else if (TIME_HEADS.has(head) && words.some((w) => END.has(w))) role = 'end';
    else if (QUANTITY_HEADS.has(head) || QUANTITY_PHRASES.has(phrase) || (key.unit !== undefined && ENERGY_UNITS.has(key.unit)) || (words.includes('energy') && words.some((w) => ENERGY_WORDS.has(w))) || words.includes('kwh') || (words.includes('added') && words.some((w) => DISTANCE_WORDS.has(w)) && !words.includes('per'))) role = 'quantity';
    // What the activity used up (`filament_used` of a print, `fuelConsumed` of a trip): a quantity of what was done.
    else if (words.length >= 2 && USED_HEADS.has(head) && !words.some((w) => USED_KINDS.has(w))) role = 'quantity';
    if (roles.size >= 5_000) roles.clear();
    roles.set(raw, role);
  }
  return role ?? undefined;
}

interface ActivityRecord {
  duration: boolean;
  start: boolean;
  end: boolean;
  quantity: boolean;
  date: boolean;
  time: boolean;
  members: { index: number; role: Role }[];
}

export function activityQuantities(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, ActivityRecord> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || (field.kind !== 'number' && field.kind !== 'string')) return;
    const parentKey = field.segments[field.segments.length - 2];
    // `elevation: {ascent, descent}`, `distance: {qty}`: the quantity's object stands for one key of the record.
    const inQuantity = typeof parentKey === 'string' && field.kind === 'number' && QUANTITY_OBJECTS.has(readKey(parentKey).words.join(' ')) && !NOT_DONE.has(readKey(key).words.join(' '));
    const role = inQuantity ? 'quantity' : (loggedPart(key, field.kind) ?? roleOf(key));
    if (role === undefined) return;
    records ??= new Map();
    const parent = inQuantity ? prefixKey(field, -2) : parentPath(field);
    let record = records.get(parent);
    if (record === undefined) records.set(parent, (record = { duration: false, start: false, end: false, quantity: false, date: false, time: false, members: [] }));
    record[role] = true;
    record.members.push({ index, role });
  });
  if (records === undefined) return;
  for (const record of records.values()) {
    // A logged result (`{date, distance, time: 7234}`): beside the day it was done, a bare number of time is how long.
    const logged = record.date && record.time;
    if (!(record.duration || logged || (record.start && record.end)) || !record.quantity) continue;
    for (const m of record.members) {
      if (m.role === 'duration') add(m.index, DURATION);
      else if (m.role === 'quantity') add(m.index, QUANTITY);
      // A charge's or a ride's start with its duration and no end: when somebody did it (activity-span needs an end).
      else if (m.role === 'start' && record.duration && !record.end) add(m.index, START_FINDING);
      else if (m.role === 'time' && logged) add(m.index, DURATION);
      else if (m.role === 'date' && !record.start) add(m.index, DATE_FINDING);
    }
  }
}

const DURATION = finding(ACTIVITY_QUANTITY, 'strong', ['behaviour'], { of: 'structure', role: 'duration' });
const QUANTITY = finding(ACTIVITY_QUANTITY, 'strong', ['behaviour'], { of: 'structure', role: 'distance or energy' });
const START_FINDING = finding(ACTIVITY_QUANTITY, 'strong', ['behaviour'], { of: 'structure', role: 'start' });
const DATE_FINDING = finding(ACTIVITY_QUANTITY, 'strong', ['behaviour'], { of: 'structure', role: 'day' });

/**
 * Parts of a logged result (a rowing machine's or a tracker's workout log, Concept2's logbook: `{date, distance,
 * time}`): the bare `date` (`date_utc`, `workout_date`) it was done on, and a bare `time` holding a number, which
 * beside that date is the duration (an epoch time would not come with a date).
 */
function loggedPart(raw: string, kind: ShapeField['kind']): Role | undefined {
  const words = readKey(raw).words;
  if (words.length === 1 && words[0] === 'time') return kind === 'number' ? 'time' : undefined;
  if (kind !== 'string' || words.some((w) => NOT_DONE.has(w) || LOG_WORDS.has(w))) return undefined;
  return words[0] === 'date' || (words.length === 2 && words[1] === 'date') ? 'date' : undefined;
}
/** Dates of the record itself, not of the act: `created_date`, `updated_date`. */
const LOG_WORDS = new Set(['created', 'creation', 'create', 'updated', 'update', 'modified', 'modification', 'expiry', 'expires', 'due', 'birth', 'next', 'last', 'registration']);
