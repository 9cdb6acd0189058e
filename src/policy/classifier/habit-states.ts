import { finding, type Finding } from './detector.js';

/**
 * The state of a room's or a person's presence written as one key (`OccupancyStatus`, `motionStatus`,
 * `presence_state`, `AwayStatus`): the head says only that it is a state, so the words before it say of what.
 * Only presence words speak through it, those the home's sensing standards name their states by: Matter's
 * Occupancy Sensing cluster (occupancy, occupied), the Zigbee IAS Zone types (motion, contact) and the away /
 * asleep / in-bed states of presence and sleep sensors. Not every behaviour word: an event's or a shutter's
 * state (`eventThreadState`, `MovingState`) is the machine's, and a `userStatus` is an account's condition.
 */
const STATE_HEADS = new Set(['status', 'state', 'states', 'statuses']);
const PRESENCE_WORDS = new Set(['occupancy', 'occupied', 'presence', 'motion', 'vacancy', 'vacant', 'away', 'asleep', 'sleeping',
  'bed', 'contact']);
/** The key detector's name (key-detectors.ts `KEY`): its findings are explained as a key's words. */
const KEY = 'key';

export function habitBeforeState(words: readonly string[], facts: Readonly<Record<string, string>>): Finding[] {
  const head = words[words.length - 1] ?? '';
  if (words.length < 2 || !STATE_HEADS.has(head)) return [];
  const word = words.slice(0, -1).find((w) => PRESENCE_WORDS.has(w));
  return word === undefined ? [] : [finding(KEY, 'strong', ['behaviour'], { ...facts, words: `${word} ${head}` })];
}
