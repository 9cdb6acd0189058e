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
 */
export const SLEEP_QUANTITY = 'sleep-quantity';

export const sleepQuantityExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SLEEP_QUANTITY]: (f) =>
    f.signal === 'veto' ? `an amount of a sleep state is not the state itself` : `an amount of time "${f.facts.state}" (a sleep duration) → health`,
};

const STATE_HEADS = new Set(['bed', 'asleep', 'sleeping']);
/** Acts and counts about a bed (`times_exited_bed`, `left_bed`) are not an amount of time in a state. */
const NOT_STATE = new Set(['times', 'count', 'number', 'num', 'exited', 'exit', 'left', 'entered', 'enter', 'got', 'presence', 'occupancy']);
const lastKey = (field: { readonly segments: readonly (string | number)[] }) => field.segments[field.segments.length - 1];

const states = new BoundedMemo<string | null>(5_000, 256);
/** The sleep state a key names (`in bed`, `asleep`), or undefined; cached (keys come from senders). */
function sleepState(raw: string): string | undefined {
  const state = states.get(raw, () => {
    let state: string | null;
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    state = STATE_HEADS.has(head) && words.length <= 4 && !isTimeKey(raw) && !words.some((w) => NOT_STATE.has(w)) ? (head === 'bed' ? 'in bed' : head) : null;
    return state;
  });
  return state ?? undefined;
}

/** Plan: the numbers under a key naming a sleep state. */
export function planSleepQuantities(fields: readonly ShapeField[]): number[] | undefined {
  let planned: number[] | undefined;
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k === 'string' && field.kind === 'number' && sleepState(k) !== undefined) (planned ??= []).push(index);
  });
  return planned;
}

const found = new Map<string, readonly Finding[]>();
export function detectSleepQuantities(plan: readonly number[], fields: readonly PayloadField[], add: Add): void {
  for (const index of plan) {
    const field = fields[index];
    const k = field === undefined ? undefined : lastKey(field);
    if (field === undefined || typeof k !== 'string' || typeof field.value !== 'number' || field.value === 0 || field.value === 1) continue;
    const state = sleepState(k);
    if (state === undefined) continue;
    let findings = found.get(state);
    if (findings === undefined) {
      // The veto silences the state's behaviour reading; the certain finding is not silenced by it.
      findings = [finding(SLEEP_QUANTITY, 'certain', ['health'], { of: 'structure', state }), finding(SLEEP_QUANTITY, 'veto', [], { of: 'structure', state }, 'all')];
      found.set(state, findings);
    }
    for (const f of findings) add(index, f);
  }
}
