import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { isTimeKey } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `sleep-quantity`: how long somebody was in a sleep state. HealthKit's sleep analysis (`inBed`,
 * `asleep`, `asleepCore`…) and Health Connect's sleep stages (`awake`, `sleeping`, `out_of_bed`) are
 * states, and a flag in such a state (`inBed: true`) says what somebody is doing (behaviour); an amount
 * of it (`asleep: 6.1` hours, `time_in_bed: 30000` seconds) is a sleep duration, a body measurement
 * (health) and no longer the state. A 0 or 1 is read as a flag (a bed sensor's occupancy), not an amount.
 * Sleep qualified by the part of the day or night it fell in, or by how it is summed (`daySleep`,
 * `nightSleep`, `longestSleep`, `nightSleepAVG`, a list of daily totals), and counts of naps and night
 * wakings (Open mHealth's sleep-episode `number of awakenings`) are amounts of sleep too, 0 included; a
 * bare `sleep` (a device's sleep timer or mode) is not.
 */
export const SLEEP_QUANTITY = 'sleep-quantity';

export const sleepQuantityExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SLEEP_QUANTITY]: (f) =>
    f.signal === 'veto'
      ? `an amount of a sleep state is not the state itself`
      : f.facts.amount === undefined
        ? `an amount of time "${f.facts.state}" (a sleep duration) → health`
        : `an amount of sleep ("${f.facts.state}": how long or how often somebody slept or woke) → health`,
};

const STATE_HEADS = new Set(['bed', 'asleep', 'sleeping']);
/** Heads of an amount of sleep that need a qualifier below (`daySleep`), and counts of sleep's parts (`naps`, `nightWakings`). */
const AMOUNT_HEADS = new Set(['sleep', 'naps', 'wakings']);
/** What places an amount of sleep in a day or sums it up: a person's sleep, never a device's (`autoSleep`, `deepSleepMode`). */
const AMOUNT_QUALIFIERS = new Set(['day', 'night', 'daily', 'nightly', 'daytime', 'nighttime', 'longest', 'shortest', 'total', 'nap']);
/** How a series sums an amount (`nightSleepAVG`): read past it to the amount's head. */
const AGGREGATES = new Set(['avg', 'average', 'mean', 'median', 'sum', 'total', 'min', 'max']);
/** Acts and counts about a bed (`times_exited_bed`, `left_bed`) are not an amount of time in a state. */
const NOT_STATE = new Set(['times', 'count', 'number', 'num', 'exited', 'exit', 'left', 'entered', 'enter', 'got', 'presence', 'occupancy']);
/** The sleep a number is an amount of: its key's, or for an entry of a list of daily amounts (`days.daySleep[3]`) the list's. */
function stateOf(field: { readonly segments: readonly (string | number)[] }): string | undefined {
  const last = field.segments[field.segments.length - 1];
  if (typeof last === 'string') return sleepState(last);
  const list = field.segments[field.segments.length - 2];
  const state = typeof last === 'number' && typeof list === 'string' ? sleepState(list) : undefined;
  return state !== undefined && isAmount(state) ? state : undefined;
}

const states = new BoundedMemo<string | null>(5_000, 256);
/** The sleep state a key names (`in bed`, `asleep`), or undefined; cached (keys come from senders). */
function sleepState(raw: string): string | undefined {
  const state = states.get(raw, () => {
    let state: string | null;
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    state = STATE_HEADS.has(head) && words.length <= 4 && !isTimeKey(raw) && !words.some((w) => NOT_STATE.has(w)) ? (head === 'bed' ? 'in bed' : head) : sleepAmount(raw, words);
    return state;
  });
  return state ?? undefined;
}

/** `daySleep`, `nightSleepAVG`, `nightWakings` → the amount's words (ending in "sleep", "naps" or "wakings"). */
function sleepAmount(raw: string, words: readonly string[]): string | null {
  let end = words.length;
  while (end > 2 && AGGREGATES.has(words[end - 1] ?? '')) end--;
  const head = words[end - 1] ?? '';
  if (!AMOUNT_HEADS.has(head) || end > 3 || isTimeKey(raw)) return null;
  const qualifiers = words.slice(0, end - 1);
  if (head === 'sleep' ? qualifiers.length === 0 || !qualifiers.every((w) => AMOUNT_QUALIFIERS.has(w)) : !qualifiers.every((w) => AMOUNT_QUALIFIERS.has(w))) return null;
  return words.slice(0, end).join(' ');
}

/** A state's flag is 0 or 1; an amount of sleep named by its day (`daySleep: 0`) is an amount whatever it holds. */
const isAmount = (state: string) => !STATE_HEADS.has(state) && state !== 'in bed';

/** Plan: the numbers under a key naming a sleep state. */
export function planSleepQuantities(fields: readonly ShapeField[]): number[] | undefined {
  let planned: number[] | undefined;
  fields.forEach((field, index) => {
    if (field.kind === 'number' && stateOf(field) !== undefined) (planned ??= []).push(index);
  });
  return planned;
}

const found = new BoundedMemo<readonly Finding[]>(5_000, 256);
export function detectSleepQuantities(plan: readonly number[], fields: readonly PayloadField[], add: Add): void {
  for (const index of plan) {
    const field = fields[index];
    if (field === undefined || typeof field.value !== 'number') continue;
    const state = stateOf(field);
    if (state === undefined || ((field.value === 0 || field.value === 1) && !isAmount(state))) continue;
    const findings = found.get(state, () => {
      // The veto silences the state's behaviour reading; the certain finding is not silenced by it.
      const facts: Readonly<Record<string, string>> = isAmount(state) ? { of: 'structure', state, amount: 'sleep' } : { of: 'structure', state };
      return [finding(SLEEP_QUANTITY, 'certain', ['health'], facts), finding(SLEEP_QUANTITY, 'veto', [], facts, 'all')];
    });
    for (const f of findings) add(index, f);
  }
}
