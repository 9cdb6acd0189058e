import { isIPv6 } from 'node:net';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { ShapeField, ValueKind } from './shape.js';
import { readKey } from './words.js';

/**
 * Detectors that read what a person did or set by the shape of a record, whatever its vendor calls it:
 * - `activity-span`: a record with a start and an end (or a duration) is something that happened or is
 *   planned over a span of time — a workout, a charge, a cleaning run, a watering cycle, quiet hours the
 *   user set. Its start, end and duration are behaviour. Not when the record is about a setting, a
 *   token or a subscription (`validFrom`/`validTo` are not matched: no start or end word), nor a slot
 *   switched off (`enabled: false`: an unset timer carries no schedule, docs/CORPUS.md);
 * - `weekly-schedule`: a record with three or more weekday keys (`monday`, `tue`) is a weekly plan the
 *   user set: its weekday flags and times are behaviour.
 */
export const ACTIVITY_SPAN = 'activity-span';
export const WEEKLY_SCHEDULE = 'weekly-schedule';

export const activityExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ACTIVITY_SPAN]: (f) => `"${f.facts.role}" of a record with a start and ${f.facts.other} (something done over a span of time) → behaviour`,
  [WEEKLY_SCHEDULE]: (f) => `${f.facts.role} of a record with ${f.facts.count} weekdays (a weekly plan somebody set) → behaviour`,
};

type Add = (index: number, f: Finding) => void;
type Role = 'start' | 'end' | 'duration' | 'weekday' | 'switch' | 'time' | undefined;

const START = new Set(['start', 'starts', 'begin', 'begins', 'started', 'beginning']);
const END = new Set(['end', 'ends', 'ended', 'finish', 'finished', 'stop', 'stopped']);
const DURATION = new Set(['duration', 'elapsed']);
/**
 * Words that make a start or end the life of something that is no one's doing (`tokenStart`, `dstEnd`,
 * `sub_end_date`: a subscription's), or the window a meter reading covers (`interval_start`: a half hour's
 * consumption is measured over it, whoever used it).
 */
const NOT_DONE = new Set(['dst', 'tz', 'timezone', 'token', 'subscription', 'sub', 'interval', 'warranty', 'trial', 'license', 'licence',
  'certificate', 'cert', 'billing', 'plan', 'contract', 'updated', 'created', 'expires', 'expiry', 'boot', 'sync',
  'index', 'offset', 'range', 'scale', 'page', 'byte', 'bytes', 'row', 'line', 'position', 'char']);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun']);
const SWITCHES = new Set(['enabled', 'enable', 'active', 'activated', 'on', 'is enabled', 'is active']);
const TIME_WORDS = new Set(['time', 'hour', 'minute', 'hours', 'minutes', 'at']);
/** The head that makes a start or end a time: `start_date`, `chargeEndDate`, `end_hour`; not `start_latitude`, `finish_reason`. */
const TIME_HEADS = new Set([...START, ...END, ...TIME_WORDS, 'date', 'datetime', 'timestamp', 'ts', 'epoch', 'day']);
function timeHead(words: readonly string[]): boolean {
  return TIME_HEADS.has(words[words.length - 1] ?? '');
}

const roles = new Map<string, Role>();
/** What a key is in a record of a span: cached, keys come from senders (bounded). */
function roleOf(raw: string): Role {
  let role = roles.get(raw);
  if (role === undefined && !roles.has(raw)) {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    if (words.some((w) => NOT_DONE.has(w))) role = undefined;
    else if (words.length === 1 && WEEKDAYS.has(joined)) role = 'weekday';
    else if (SWITCHES.has(joined)) role = 'switch';
    else if (words.some((w) => START.has(w))) role = timeHead(words) ? 'start' : undefined;
    else if (words.some((w) => END.has(w))) role = timeHead(words) ? 'end' : undefined;
    else if (words.length <= 2 && (DURATION.has(words[words.length - 1] ?? '') || joined === 'elapsed time' || joined === 'moving time')) role = 'duration';
    else if (TIME_WORDS.has(words[words.length - 1] ?? '')) role = 'time';
    if (roles.size >= 5_000) roles.clear();
    roles.set(raw, role);
  }
  return role;
}

interface Record_ {
  start: number;
  end: number;
  duration: number;
  weekdays: number;
  off: boolean;
  /** A start or end that is a bare small number under a key naming no unit (`start: 0`): maybe an offset. */
  bare: number;
  /** Start and end as epoch milliseconds, when they read as dates. */
  from?: number;
  to?: number;
  members: { index: number; role: Role; word: string }[];
}

/**
 * A value a time or duration can be: a whole number (minutes of a day, an epoch) or a string with a digit
 * (`"06:00"`, `"2020-11-11T00:31:03Z"`). A fraction below an epoch (`start: 3.45`) is a position inside a
 * recording or a word of a transcript, not a time of day.
 */
function timeLike(value: PayloadField['value']): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && (Number.isInteger(value) || value >= 1e9);
  if (typeof value !== 'string') return false;
  // A fraction written as a string (`start_time: "10.34"`, a transcription service's seconds) is that number: a
  // clock is written with a colon (`"06:30"`).
  if (DECIMAL_TEXT.test(value)) return timeLike(Number(value));
  // An address is no time: a DHCP or VPN pool's `pool-start`/`pool-end` is a range of addresses.
  if (IPV4_TEXT.test(value) || (value.includes(':') && isIPv6(value))) return false;
  return value.length <= 40 && /\d/.test(value);
}
const DECIMAL_TEXT = /^\d+\.\d+$/;
const IPV4_TEXT = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** A duration measured in fractions of a unit (`print_duration: 18.37`): no time of day, but a length of time. */
function measuredDuration(role: Role, value: PayloadField['value']): boolean {
  return role === 'duration' && typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** The value kinds a role's value check can pass (`activityRecords`): `false`/0/`"off"`, a flag or 0/1, a time. */
function mayPass(role: NonNullable<Role>, kind: ValueKind): boolean {
  if (role === 'switch') return kind === 'boolean' || kind === 'number' || kind === 'string';
  if (role === 'weekday') return kind === 'boolean' || kind === 'number';
  return kind === 'number' || kind === 'string';
}

/**
 * Plan of `activityRecords`: the members of records that can be a weekly plan (three weekday flags) or a
 * span (a start, and an end or a duration) whatever their values say, and the fields that make such a
 * record a data point (`dataPoints`). The other records hold too few members to fire on any values.
 */
export function activityFields(fields: readonly ShapeField[]): number[] | undefined {
  let records: Map<string, { indices: number[]; weekdays: number; starts: number; others: number }> | undefined;
  fields.forEach((field, index) => {
    const k = field.segments[field.segments.length - 1];
    if (typeof k !== 'string') return;
    const role = roleOf(k);
    if (role === undefined || !mayPass(role, field.kind)) return;
    records ??= new Map();
    const parent = parentPath(field);
    let record = records.get(parent);
    if (record === undefined) records.set(parent, (record = { indices: [], weekdays: 0, starts: 0, others: 0 }));
    record.indices.push(index);
    if (role === 'weekday') record.weekdays++;
    else if (role === 'start') record.starts++;
    else if (role === 'end' || role === 'duration') record.others++;
  });
  if (records === undefined) return undefined;
  const named = new Set<number>();
  const live = new Set<string>();
  for (const [path, record] of records) {
    if (record.weekdays < 3 && (record.starts === 0 || record.others === 0)) continue;
    live.add(path);
    for (const index of record.indices) named.add(index);
  }
  if (live.size === 0) return undefined;
  fields.forEach((field, index) => {
    for (let i = 1; i < field.segments.length; i++) {
      const segment = field.segments[i];
      if (typeof segment === 'string' && VALUE_NAMES.has(segment) && live.has(prefixKey(field, i))) named.add(index);
    }
  });
  return [...named].sort((a, b) => a - b);
}

export function activityRecords(fields: readonly PayloadField[], add: Add): void {
  let records: Map<string, Record_> | undefined;
  fields.forEach((field, index) => {
    const k = field.segments[field.segments.length - 1];
    if (typeof k !== 'string') return;
    const role = roleOf(k);
    if (role === undefined) return;
    const value = field.value;
    if (role === 'switch') {
      if (value !== false && value !== 0 && value !== 'false' && value !== 'off') return;
    } else if (role === 'weekday') {
      if (typeof value !== 'boolean' && value !== 0 && value !== 1) return;
    } else if (!timeLike(value) && !measuredDuration(role, value)) return;
    // A duration in fractions (`print_duration: 18.37` seconds) joins a span that its start and end make, never makes one.
    const joinsOnly = !timeLike(value);
    records ??= new Map();
    const parent = parentPath(field);
    let record = records.get(parent);
    if (record === undefined) records.set(parent, (record = { start: 0, end: 0, duration: 0, weekdays: 0, off: false, bare: 0, members: [] }));
    if (role === 'switch') record.off = true;
    else {
      if ((role === 'start' || role === 'end' || role === 'duration') && !joinsOnly) record[role]++;
      if (role === 'weekday') record.weekdays++;
      const words = readKey(k).words;
      if (role === 'start' && record.from === undefined) record.from = epochOf(value);
      if (role === 'end' && record.to === undefined) record.to = epochOf(value);
      if ((role === 'start' || role === 'end') && typeof value === 'number' && value < 1e9 && !words.some((w) => TIME_WORDS.has(w))) record.bare++;
      record.members.push({ index, role, word: words[words.length - 1] ?? role });
    }
  });
  if (records === undefined) return;
  const points = dataPoints(fields);
  for (const [path, record] of records) {
    if (record.off) continue;
    if (record.weekdays >= 3) {
      for (const m of record.members) {
        const role = m.role === 'weekday' ? 'the weekday flag' : `the ${m.role === 'time' ? 'time' : m.role}`;
        add(m.index, weekly(role, record.weekdays));
      }
      continue;
    }
    if (record.start === 0 || record.end + record.duration === 0) continue;
    // `{start: 0, end: 1}` with no duration are positions in a text or a stream (an entity of an intent).
    if (record.bare > 0 && record.duration === 0) continue;
    // A data point's window (`{startTimeNanos, endTimeNanos, value}`) is when it was measured; a window of
    // whole days is a summary's reporting period. Neither is something somebody did. Dates of validity with
    // daily hours beside them (`startDate`/`endDate` + `dayStartTime`/`dayEndTime`: an access PIN's plan) are a
    // schedule somebody set, not a period.
    if (points.has(path) || (wholeDays(record) && !dailyHours(record, fields) && !awayPlan(record, fields))) continue;
    const other = record.end > 0 ? 'an end' : 'a duration';
    for (const m of record.members) {
      if (m.role === 'start' || m.role === 'end' || m.role === 'duration') add(m.index, span(m.role, other));
    }
  }
}

const spans = new Map<string, Finding>();
function span(role: string, other: string): Finding {
  const cacheKey = `${role}\u0000${other}`;
  let f = spans.get(cacheKey);
  if (f === undefined) spans.set(cacheKey, (f = finding(ACTIVITY_SPAN, 'strong', ['behaviour'], { of: 'structure', role, other })));
  return f;
}

const weeklies = new Map<string, Finding>();
function weekly(role: string, count: number): Finding {
  const cacheKey = `${role}\u0000${count}`;
  let f = weeklies.get(cacheKey);
  if (f === undefined) {
    f = finding(WEEKLY_SCHEDULE, 'strong', ['behaviour'], { of: 'structure', role, count: String(count) });
    if (weeklies.size < 64) weeklies.set(cacheKey, f);
  }
  return f;
}

const VALUE_NAMES = new Set(['value', 'values', 'val']);
/** Records that hold a measured value (`point[*].value[*].intVal`): data points, not acts. */
function dataPoints(fields: readonly PayloadField[]): Set<string> {
  const points = new Set<string>();
  for (const field of fields) {
    for (let i = 1; i < field.segments.length; i++) {
      const segment = field.segments[i];
      if (typeof segment === 'string' && VALUE_NAMES.has(segment)) points.add(prefixKey(field, i));
    }
  }
  return points;
}

/** Zone qualifiers: `startTimestampGMT` and `startTimestampLocal` are one start written twice. */
const ZONE_WORDS = new Set(['gmt', 'utc', 'local', 'tz', 'z', 'zulu']);
/** Whether a record has starts or ends under more than two names once zones are set aside (dates and daily hours). */
function dailyHours(record: Record_, fields: readonly PayloadField[]): boolean {
  const names = new Set<string>();
  for (const m of record.members) {
    if (m.role !== 'start' && m.role !== 'end') continue;
    const key = fields[m.index]?.segments.at(-1);
    if (typeof key === 'string') names.add(readKey(key).words.filter((w) => !ZONE_WORDS.has(w)).join(' '));
  }
  return names.size > 2;
}

/** A holiday or an absence is planned in whole days (`holidayStartDateTime`/`holidayEndDateTime`): no summary's period. */
const AWAY_WORDS = new Set(['holiday', 'holidays', 'vacation', 'away', 'absence']);
function awayPlan(record: Record_, fields: readonly PayloadField[]): boolean {
  return record.members.some((m) => {
    const key = fields[m.index]?.segments.at(-1);
    return (m.role === 'start' || m.role === 'end') && typeof key === 'string' && readKey(key).words.some((w) => AWAY_WORDS.has(w));
  });
}

const DAY = 86_400_000;
function wholeDays(record: Record_): boolean {
  if (record.from === undefined || record.to === undefined) return false;
  const length = record.to - record.from;
  return length >= DAY && length % DAY === 0;
}

/** A date string or an epoch (seconds or milliseconds) as milliseconds; a time of day or a count is none. */
function epochOf(value: PayloadField['value']): number | undefined {
  if (typeof value === 'number') return value >= 1e12 ? value : value >= 1e9 ? value * 1000 : undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** What a key is in a record of a span or a plan (`startTime` → start), for detectors of plans elsewhere (weekday-programmes.ts). */
export type SpanRole = Role;
export const spanRole: (raw: string) => SpanRole = roleOf;
