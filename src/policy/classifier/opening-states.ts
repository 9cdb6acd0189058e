import type { PathSegment, PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import type { ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `opening-state`: whether a door, window, trunk, hood or gate is open, closed, locked or unlocked says
 * that somebody came, went or left something open — behaviour — wherever the vendor puts the two words:
 * in one key (`trunkOpen`, `doorLock`), in a key under the opening (`doorOpen.frontLeft`), or spread over
 * the path (`Cabin.Door.Row1.Driver.Open`). A setting about the opening (`doorOpenAlarmDelay`,
 * `signalDoor`, `autoLockTime`) is not a state.
 */
export const OPENING_STATE = 'opening-state';

export const openingStateExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [OPENING_STATE]: (f) => `whether the ${f.facts.opening} is ${f.facts.state} (somebody came, went or left it so) → behaviour`,
};

type Add = (index: number, f: Finding) => void;

const OPENINGS = new Set(['door', 'doors', 'window', 'windows', 'trunk', 'hood', 'bonnet', 'hatch', 'tailgate', 'liftgate',
  'sunroof', 'frunk', 'gate', 'garage', 'lid', 'shutter', 'sash']);
const STATES = new Map([['open', 'open'], ['opened', 'open'], ['closed', 'closed'], ['close', 'closed'], ['ajar', 'open'],
  ['lock', 'locked'], ['locked', 'locked'], ['unlock', 'unlocked'], ['unlocked', 'unlocked'], ['latched', 'locked']]);
/** Words that make the key a setting or a reading about the opening, not its state. */
const SETTING_WORDS = new Set(['signal', 'alarm', 'delay', 'time', 'timeout', 'duration', 'auto', 'sensitivity', 'count',
  'enabled', 'enable', 'supported', 'threshold', 'warning', 'reminder', 'notification', 'notify', 'timer', 'interval',
  'mode', 'setting', 'settings', 'config', 'level', 'battery', 'calibration', 'position', 'percent', 'angle', 'speed']);
/** How far up the path the opening may be named (`Door.Row1.Driver.Open`: three records above). */
const DEPTH = 4;

const readings = new Map<string, { opening?: string; state?: string; setting: boolean }>();
function readingOf(raw: string): { opening?: string; state?: string; setting: boolean } {
  let reading = readings.get(raw);
  if (reading === undefined) {
    const words = readKey(raw).words;
    const opening = words.find((w) => OPENINGS.has(w));
    const stateWord = words.find((w) => STATES.has(w));
    reading = { setting: words.some((w) => SETTING_WORDS.has(w)) };
    if (opening !== undefined) reading.opening = opening.replace(/s$/, '');
    if (stateWord !== undefined) reading.state = STATES.get(stateWord) ?? stateWord;
    if (readings.size >= 5_000) readings.clear();
    readings.set(raw, reading);
  }
  return reading;
}

/** A state is a flag, a 0/1 or a short word (`"OPEN"`, `"LOCKED"`); a time or a count under the words is not. */
function stateValue(value: PayloadField['value']): boolean {
  return typeof value === 'boolean' || value === 0 || value === 1 || (typeof value === 'string' && value.length <= 24 && !/\d/.test(value));
}

export function openingStates(fields: readonly PayloadField[], add: Add): void {
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !stateValue(field.value)) return;
    const f = openingStateOf(field.segments);
    if (f !== undefined) add(index, f);
  });
}

/** Plan of `openingStates`: fields whose path names an opening and its state, under a key that can hold a state. */
export function openingStateFields(fields: readonly ShapeField[]): number[] | undefined {
  let named: number[] | undefined;
  fields.forEach((field, index) => {
    if (field.kind === 'null' || typeof field.segments[field.segments.length - 1] !== 'string') return;
    if (openingStateOf(field.segments) !== undefined) (named ??= []).push(index);
  });
  return named;
}

/** What a path says about an opening's state, its own key first (its value aside). */
function openingStateOf(segments: readonly PathSegment[]): Finding | undefined {
  const key = segments[segments.length - 1];
  if (typeof key !== 'string') return undefined;
  const own = readingOf(key);
  if (own.setting) return undefined;
  let opening = own.opening;
  let state = own.state;
  let looked = 0;
  for (let i = segments.length - 2; i >= 0 && looked < DEPTH && (opening === undefined || state === undefined); i--) {
    const segment = segments[i];
    if (typeof segment !== 'string') continue;
    looked++;
    const up = readingOf(segment);
    if (up.setting) return undefined;
    opening ??= up.opening;
    state ??= up.state;
  }
  if (opening === undefined || state === undefined) return undefined;
  return stateFinding(opening, state);
}

const states = new Map<string, Finding>();
function stateFinding(opening: string, state: string): Finding {
  const cacheKey = `${opening}\u0000${state}`;
  let f = states.get(cacheKey);
  if (f === undefined) states.set(cacheKey, (f = finding(OPENING_STATE, 'strong', ['behaviour'], { of: 'structure', opening, state })));
  return f;
}
