import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { ShapeField } from './shape.js';
import { readKey, splitWords } from './words.js';

/**
 * `opening-value`: the state of a door, window, trunk or lock said by its value rather than its key
 * (opening-states.ts reads the two words on the path). Somebody opening a door, leaving a window vented
 * or unlocking a lock is behaviour (docs/CORPUS.md), whatever the vendor calls the field:
 * - a key naming an opening (`doors`, `trunk`, `sunroof`) whose value is a state word (`"OPEN"`,
 *   `"CLOSED"`, `"VENTED"`, `"DOOR_AJAR"`);
 * - a key naming an opening and where it stands (`windowFrontLeftStatus`, `doorBootPosition`,
 *   `hoodState`) whose value is a word, whatever word (`"UNKNOWN"` too: the field reports the state);
 * - a status or state key whose value is a lock's state (`CHSesame2Status: "locked"`);
 * - a generic value key in a record named for an opening or a lock (vehicle APIs' readings
 *   `frontLeftDoor: {value: "CLOSED", timestamp}`, `centralLock: {value: "LOCKED"}`): read as its record's key.
 * The state words are those of public standards, in our own arrangement: the Matter / Zigbee Door Lock
 * cluster's LockState and DoorState (locked, unlocked, unlatched, not fully locked; door open, closed,
 * jammed, forced open, ajar) and vehicle APIs' window states (vented). Not a number (a window's percent
 * open is a position reading), not a setting about the opening (`doorOpenAlarmDelay`, `signalDoor`).
 */
export const OPENING_VALUE = 'opening-value';

export const openingValueExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [OPENING_VALUE]: (f) => (f.signal === 'veto' ? `${f.facts.what}, not its state` : `${f.facts.what} (somebody came, went or left it so) → behaviour`),
};

type Add = (index: number, f: Finding) => void;

const OPENINGS = new Set(['door', 'doors', 'window', 'windows', 'trunk', 'boot', 'hood', 'bonnet', 'hatch', 'tailgate',
  'liftgate', 'sunroof', 'frunk', 'gate', 'garage', 'sash', 'lid', 'flap']);
/** Words naming where an opening stands: the field reports its state, whatever word it holds. */
const STANDING = new Set(['status', 'state', 'position', 'condition']);
/** A setting or a reading about the opening, not its state. */
const SETTING_WORDS = new Set(['signal', 'alarm', 'delay', 'time', 'timeout', 'duration', 'auto', 'sensitivity', 'count',
  'enabled', 'enable', 'supported', 'threshold', 'warning', 'reminder', 'notification', 'notify', 'timer', 'interval',
  'mode', 'setting', 'settings', 'config', 'level', 'battery', 'calibration', 'percent', 'angle', 'speed', 'type', 'name',
  'id', 'label', 'icon', 'color', 'colour', 'sensor', 'support', 'capability', 'light', 'led', 'lamp']);
const OPENING_STATES = new Set(['open', 'opened', 'opening', 'closed', 'close', 'closing', 'ajar', 'vented', 'vent', 'shut',
  'locked', 'unlocked', 'unlatched', 'latched', 'jammed', 'forced', 'secured', 'unsecured']);
/** A lock's own states: under any status key they are a lock event. */
const LOCK_STATES = new Set(['locked', 'unlocked', 'unlatched', 'latched', 'jammed', 'unlocking', 'locking']);

type KeyReading = 'opening' | 'standing' | 'status' | undefined;

const readings = new BoundedMemo<KeyReading | null>(5_000, 256);
function keyReading(raw: string): KeyReading {
  const reading = readings.get(raw, () => {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    if (words.some((w) => SETTING_WORDS.has(w))) return null;
    // Another participle about the opening (`windowFrontLeftCalibrated`, `doorHeated`) is a condition, not where it stands.
    if (words.some((w) => w.length > 4 && w.endsWith('ed') && !OPENING_STATES.has(w))) return null;
    const opening = words.some((w) => OPENINGS.has(w));
    if (opening && words.some((w) => STANDING.has(w))) return 'standing';
    if (opening) return 'opening';
    return head === 'status' || head === 'state' ? 'status' : null;
  });
  return reading ?? undefined;
}

/** The value's words (`"DOOR_AJAR"` → door, ajar), when it is a short word with no digit; else undefined. */
function valueWords(value: PayloadField['value']): string[] | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 32 || /\d/.test(value)) return undefined;
  return splitWords(value).map((w) => w.toLowerCase());
}

export function openingValues(fields: readonly PayloadField[], add: Add): void {
  fields.forEach((field, index) => {
    const reading = fieldReading(field);
    if (reading === undefined) return;
    const words = valueWords(field.value);
    // A door named by a letter or a number (`door: "A"`, a charger's connector door) says which door, not its state.
    if (reading === 'opening' && namesWhich(field.value)) add(index, WHICH_FINDING);
    if (words === undefined) return;
    if (reading === 'standing') add(index, STANDING_FINDING);
    else if (reading === 'opening' && words.some((w) => OPENING_STATES.has(w))) add(index, STATE_FINDING);
    else if (reading === 'status' && words.some((w) => LOCK_STATES.has(w))) add(index, LOCK_FINDING);
  });
}

/** A single letter, or a whole number other than 0 and 1 (which may be a closed/open flag). */
function namesWhich(value: PayloadField['value']): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value > 1;
  return typeof value === 'string' && value.trim().length === 1 && !/[01]/.test(value);
}

/** Keys that hold the reading their record is named for (`frontLeftDoor: {value: "CLOSED", timestamp}`). */
const GENERIC_VALUES = new Set(['value', 'val', 'current', 'reported']);

/**
 * What a field's key says, or, for a generic value key, what its record's key says: a door's record holding its
 * state as `value` (vehicle APIs' `{value, timestamp}` readings), a lock's (`centralLock.value`) a lock's state.
 */
function fieldReading(field: ShapeField | PayloadField): KeyReading {
  const key = field.segments[field.segments.length - 1];
  if (typeof key !== 'string') return undefined;
  if (!GENERIC_VALUES.has(key.toLowerCase())) return keyReading(key);
  const parent = field.segments[field.segments.length - 2];
  if (typeof parent !== 'string') return undefined;
  const reading = keyReading(parent);
  return reading === 'opening' ? 'standing' : reading === undefined && lockRecord(parent) ? 'status' : undefined;
}

const lockRecords = new BoundedMemo<boolean>(5_000, 256);
function lockRecord(raw: string): boolean {
  return lockRecords.get(raw, () => {
    const words = readKey(raw).words;
    return (words[words.length - 1] ?? '') === 'lock' && !words.some((w) => SETTING_WORDS.has(w));
  });
}

/** Plan of `openingValues`: string fields under a key naming an opening, or a status key (their values decide). */
export function openingValueFields(fields: readonly ShapeField[]): number[] | undefined {
  let named: number[] | undefined;
  fields.forEach((field, index) => {
    const reading = fieldReading(field);
    if (reading === undefined) return;
    if (field.kind === 'string' || (field.kind === 'number' && reading === 'opening')) (named ??= []).push(index);
  });
  return named;
}

const STANDING_FINDING = finding(OPENING_VALUE, 'strong', ['behaviour'], { of: 'structure', what: 'where a door, window or lid stands' });
const STATE_FINDING = finding(OPENING_VALUE, 'strong', ['behaviour'], { of: 'structure', what: 'a door, window or lid said to be open, closed or locked' });
const WHICH_FINDING = finding(OPENING_VALUE, 'veto', [], { of: 'value', what: 'a letter or number naming which door' }, 'all');
const LOCK_FINDING = finding(OPENING_VALUE, 'strong', ['behaviour'], { of: 'structure', what: 'a status saying a lock is locked or unlocked' });
