import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import { THING_WORDS } from './vocabulary.js';
import { namesAnOwnedUnit } from './heard-networks.js';
import { measuresNoBody } from './measured-values.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * Detectors that read a record by what most of its fields are, for vendors whose own words the
 * vocabulary does not know:
 * - `health-record`: a record where three or more fields are body measurements (`average_heart_rate`,
 *   `deep_sleep_duration`, `spo2_percentage`) measures a body; its other plain numbers (`efficiency`,
 *   `latency`, `strain`) are measurements of the same body, unless their key says otherwise, and a `value`
 *   beside one measurement is that measurement;
 * - `health-time`: the start and end of a record holding such measurements are when somebody slept or
 *   exercised (behaviour), unlike the times a record was created or updated;
 * - `radio-scan`: a list of two or more records each with a signal strength and an address (`{mac, rssi}`,
 *   `{address, rssi, name}`) is what a device heard around it: the neighbours' devices;
 * - `event-log`: a list named as a log of events (`events`, `logs`, `activities`, `timeline`) holds what
 *   happened: the time of each entry and what was done (`action`, `trigger`, `method`) are behaviour.
 */
export const HEALTH_RECORD = 'health-record';
export const RADIO_SCAN = 'radio-scan';
export const EVENT_LOG = 'event-log';
export const HEALTH_TIME = 'health-time';

export const recordContextExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEALTH_RECORD]: (f) =>
    f.facts.part === undefined
      ? `a number in a record of ${f.facts.count} body measurements (such as "${f.facts.sibling}") → health`
      : `a number in a part of a record of ${f.facts.count} body measurements (such as "${f.facts.sibling}") → health`,
  [HEALTH_TIME]: (f) => `"${f.facts.key}" of a record holding ${f.facts.count} body measurements (such as "${f.facts.sibling}"): when somebody slept or exercised → behaviour`,
  [RADIO_SCAN]: (f) => `inside a list of ${f.facts.count} devices heard over the air (each with "${f.facts.sibling}" and an address) → third_party`,
  [EVENT_LOG]: (f) => `"${f.facts.key}" of an entry in the log "${f.facts.container}" (when or what somebody did) → behaviour`,
};

const key = (field: ShapeField) => field.segments[field.segments.length - 1];

/** What a key alone says, cached (keys come from senders: bounded). */
type KeyReading = 'health' | 'negative' | 'other' | 'nothing';
/** The vocabulary words a health key was read by: explanations quote these, never a key (keys can be values). */
const healthWords = new Map<string, string>();
const readings = new Map<string, KeyReading>();
function readingOf(raw: string): KeyReading {
  let reading = readings.get(raw);
  if (reading === undefined) {
    const found = detectKeyWords(readKey(raw));
    reading =
      found.length === 0
        ? 'nothing'
        : found.some((f) => f.signal === 'strong' && f.categories.includes('health'))
          ? 'health'
          : found.every((f) => f.signal === 'veto')
            ? 'negative'
            : 'other';
    if (readings.size >= 5_000) (readings.clear(), healthWords.clear());
    readings.set(raw, reading);
    const words = found.find((f) => f.signal === 'strong' && f.categories.includes('health'))?.facts.words;
    if (words !== undefined) healthWords.set(raw, words);
  }
  return reading;
}

const MIN_HEALTH_SIBLINGS = 3;
/** Numbers that are no measurement: ids, indices, the bounds of a range (`from`, `to`). */
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'pk', 'uid', 'key', 'index', 'idx', 'no', 'number', 'version', 'from', 'to']);
/**
 * Numbers of a workout that measure the way, not the body: how far and how high somebody went (an
 * activity's extent, `distance_meter`, `altitude_gain_meter`), how fast (`avg_km_h`, `pace`) and how much
 * of it was recorded (`percent_recorded`): docs/CORPUS.md's workout rule, a workout's extent is behaviour.
 * Not `active`, which tells time spent moving from a body's readings no better than the record does. A
 * record of heart rates and calories does not make them body measurements, nor does a record holding such
 * a record (`summary.movement.distance_meters` beside `summary.biometrics`).
 */
const EXTENT_WORDS = new Set(['distance', 'altitude', 'elevation', 'ascent', 'descent', 'percent', 'speed', 'pace']);

/** Records measured (health leaves directly in them) and records holding measurements (within two levels). */
interface HealthCounts {
  readonly own: Map<string, { count: number; sibling: string }>;
  readonly within: Map<string, { count: number; sibling: string }>;
}

export function healthRecords(fields: readonly ShapeField[], add: Add): void {
  let counts: HealthCounts | undefined;
  for (const field of fields) {
    const k = key(field);
    if (typeof k !== 'string' || field.kind !== 'number' || readingOf(k) !== 'health') continue;
    counts ??= { own: new Map(), within: new Map() };
    const words = healthWords.get(k) ?? 'a body measurement';
    bump(counts.own, parentPath(field), words);
    // The record itself and up to two records above it (`records[*].score.stage_summary.*`).
    let objects = 0;
    for (let end = field.segments.length - 1; end >= 0 && objects < 3; end--) {
      if (typeof field.segments[end] !== 'string') continue;
      objects++;
      bump(counts.within, prefixKey(field, end), words);
    }
  }
  if (counts === undefined) return;
  const { own, within } = counts;
  fields.forEach((field, index) => {
    const k = key(field);
    if (typeof k !== 'string' || field.kind === 'null' || field.kind === 'boolean') return;
    const parent = parentPath(field);
    if (isTimeKey(k)) {
      // When a record of body measurements starts and ends is when somebody slept or exercised; its date,
      // timestamp or the time it was measured is a record time (docs/CORPUS.md, Timestamps).
      const measured = within.get(parent);
      if (measured !== undefined && measured.count >= MIN_HEALTH_SIBLINGS && readingOf(k) === 'nothing' && startOrEnd(k)) {
        add(index, finding(HEALTH_TIME, 'strong', ['behaviour'], { of: 'structure', key: timeWord(k), count: String(measured.count), sibling: measured.sibling }));
      }
      return;
    }
    if (field.kind !== 'number' || readingOf(k) !== 'nothing') return;
    const entry = own.get(parent);
    const words = readKey(k).words;
    if (measuresNoBody(words)) return;
    if ((entry === undefined || entry.count < MIN_HEALTH_SIBLINGS) && !words.some((w) => ID_WORDS.has(w) || EXTENT_WORDS.has(w))) {
      // A part of a record of body measurements (`[*].contributors.*`, `score.*`): its plain numbers are
      // the scores and sub-measurements the record is made of.
      const whole = partOf(field, within);
      if (whole !== undefined) {
        add(index, finding(HEALTH_RECORD, 'weak', ['health'], { of: 'structure', count: String(whole.count), sibling: whole.sibling, part: 'yes' }));
        return;
      }
    }
    if (entry === undefined) return;
    // A `value` beside one measurement is that measurement; other numbers need a record of them.
    if (entry.count < MIN_HEALTH_SIBLINGS && !(words.length === 1 && VALUE_WORDS.has(words[0] ?? ''))) return;
    if (words.some((w) => ID_WORDS.has(w) || EXTENT_WORDS.has(w))) return;
    add(index, finding(HEALTH_RECORD, 'weak', ['health'], { of: 'structure', count: String(entry.count), sibling: entry.sibling }));
  });
}

/** The record holding the field's record by a key (`$[0]` for `$[0].contributors.x`), when it holds measurements. */
function partOf(field: ShapeField, within: HealthCounts['within']): { count: number; sibling: string } | undefined {
  const at = field.segments.length - 2;
  if (at < 0 || typeof field.segments[at] !== 'string') return undefined;
  const whole = within.get(prefixKey(field, at));
  return whole !== undefined && whole.count >= MIN_HEALTH_SIBLINGS ? whole : undefined;
}

const VALUE_WORDS = new Set(['value', 'val', 'reading', 'amount']);
const START_END = new Set(['start', 'end', 'begin', 'started', 'ended', 'finish', 'finished']);
/** The head word of a time key (`start`), for explanations: keys can be values, vocabulary words cannot. */
function timeWord(raw: string): string {
  const words = readKey(raw).words;
  return words[words.length - 1] ?? 'time';
}

function startOrEnd(raw: string): boolean {
  const words = readKey(raw).words;
  const head = words[words.length - 1] ?? '';
  return START_END.has(head) || (words.length >= 2 && START_END.has(words[words.length - 2] ?? '') && head === 'time');
}

function bump(map: Map<string, { count: number; sibling: string }>, path: string, sibling: string): void {
  const entry = map.get(path);
  if (entry === undefined) map.set(path, { count: 1, sibling });
  else entry.count++;
}

const RSSI = /^(?:rssi|signal|signal_?strength|dbm|rx_?rssi|tx_?rssi)$/i;
/** Addresses of devices; lists of networks (`ssid`, `bssid`) are network-scan's. */
const ADDRESS_KEYS = new Set(['mac', 'address', 'addr', 'bdaddr', 'bd_addr', 'id', 'uuid', 'macAddress', 'mac_address']);

/** A list marked as the owner's units by one entry's serial, firmware or model. */
const OWNED = Object.freeze({ rssi: new Set<number>(), address: new Set<number>(), sibling: '' });

/** Lists of `{address, rssi}` records not named as the owner's things (`devices`, `sensors` are theirs). */
export function radioScans(fields: readonly ShapeField[], add: Add): void {
  let items: Map<string, { rssi: Set<number>; address: Set<number>; sibling: string }> | undefined;
  for (const field of fields) {
    const k = key(field);
    const item = field.segments[field.segments.length - 2];
    if (typeof k !== 'string' || typeof item !== 'number' || field.kind === 'null') continue;
    // Entries with a serial, firmware or model are units the owner runs (a mesh system's nodes), not heard ones.
    if (namesAnOwnedUnit(k)) (items ??= new Map()).set(prefixKey(field, -2), OWNED);
    const isRssi = RSSI.test(k);
    if (!isRssi && !ADDRESS_KEYS.has(k)) continue;
    const list = prefixKey(field, -2);
    items ??= new Map();
    const entry = items.get(list) ?? { rssi: new Set<number>(), address: new Set<number>(), sibling: k };
    if (entry === OWNED) continue;
    if (isRssi) (entry.rssi.add(item), (entry.sibling = k));
    else entry.address.add(item);
    items.set(list, entry);
  }
  if (items === undefined) return;
  const scans = new Map<string, { count: number; sibling: string }>();
  for (const [list, entry] of items) {
    if (entry === OWNED) continue;
    let both = 0;
    for (const item of entry.rssi) if (entry.address.has(item)) both++;
    if (both >= 2 && both === entry.rssi.size) scans.set(list, { count: both, sibling: entry.sibling });
  }
  if (scans.size === 0) return;
  fields.forEach((field, index) => {
    for (let at = field.segments.length - 1; at > 0; at--) {
      if (typeof field.segments[at] !== 'number') continue;
      const scan = scans.get(prefixKey(field, at));
      if (scan === undefined) continue;
      if (ownThings(field.segments[at - 1])) return;
      add(index, finding(RADIO_SCAN, 'certain', ['third_party'], { of: 'structure', count: String(scan.count), sibling: scan.sibling }));
      return;
    }
  });
}

function ownThings(list: string | number | undefined): boolean {
  if (typeof list !== 'string') return false;
  const words = readKey(list).words;
  return THING_WORDS.has(singular(words[words.length - 1] ?? '')) && words[0] !== 'nearby';
}

const LOG_WORDS = new Set(['events', 'logs', 'log', 'activities', 'timeline', 'journal', 'audit', 'actions']);
const LOG_SUFFIXES = ['events', 'logs', 'activities'];
/** What an entry says was done (not `state` or `status`: a state is reported without anybody doing it). */
const ACT_KEYS = new Set(['action', 'trigger', 'method', 'command', 'event', 'activity', 'operation', 'gesture', 'actionType', 'action_type']);

export function eventLogs(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const k = key(field);
    const item = field.segments[field.segments.length - 2];
    const list = field.segments[field.segments.length - 3];
    if (typeof k !== 'string' || typeof item !== 'number' || typeof list !== 'string' || field.kind === 'null' || field.kind === 'boolean') return;
    if (!ACT_KEYS.has(k) && !isTimeKey(k)) return;
    if (!logList(list) || underNegative(field.segments.length - 3, field)) return;
    add(index, finding(EVENT_LOG, 'strong', ['behaviour'], { of: 'structure', key: ACT_KEYS.has(k) ? k : timeWord(k), container: logWord(list) }));
  });
}

/** A log under a setting (`tz.events[*].dt`: a time zone's rule changes) is no one's doing. */
function underNegative(end: number, field: ShapeField): boolean {
  for (let i = 0; i < end; i++) {
    const segment = field.segments[i];
    if (typeof segment === 'string' && readingOf(segment) === 'negative') return true;
  }
  return false;
}

function logWord(list: string): string {
  const words = readKey(list).words;
  return words[words.length - 1] ?? 'log';
}

const logLists = new Map<string, boolean>();
function logList(list: string): boolean {
  let known = logLists.get(list);
  if (known === undefined) {
    const words = readKey(list).words;
    const last = words[words.length - 1] ?? '';
    // A log word glued to a qualifier (`subevents`, `doorlogs`) names a log too.
    known = (LOG_WORDS.has(last) || LOG_SUFFIXES.some((w) => last.length > w.length + 2 && last.endsWith(w))) && !words.some((w) => w === 'supported' || w === 'available' || w === 'allowed');
    if (logLists.size >= 5_000) logLists.clear();
    logLists.set(list, known);
  }
  return known;
}
