import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `machine-state-subject`: "closed", "locked" or "open" say that somebody came, went or left something so
 * only of what a person passes or secures (a door, a window, a lock, a car). Said of a part of the machine —
 * a valve, a relay, a sensor's contact wiring, a filter, a mode or a setting (`sendWhenValveIsClosed`,
 * `rainSensorIsNormallyClosed`, `systemMode.isLocked`, `explicit_content.filter_locked`) — they are the
 * device's state or configuration: Matter's Valve Configuration and Control cluster carries a valve's
 * open/closed as an *attribute* (state), like an On/Off cluster's OnOff, while the Door Lock cluster reports
 * lock operations as *events*. The subject is read from the key's words before the state word, or from the
 * record's key when the key is only the state (`isLocked`): a veto of behaviour for that key.
 */
export const MACHINE_STATE_SUBJECT = 'machine-state-subject';

export const stateSubjectExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MACHINE_STATE_SUBJECT]: (f) => `"${f.facts.state}" is said of a ${f.facts.subject} (a state of the machine or of an account, not anybody's doing) → not behaviour`,
};

const STATE_WORDS = new Set(['closed', 'close', 'open', 'opened', 'locked', 'unlocked', 'lock', 'unlock']);
/** Parts and settings of a machine: their open, closed or locked is the device's state. */
const MACHINE_SUBJECTS = new Set(['valve', 'valves', 'relay', 'relays', 'sensor', 'filter', 'mode', 'system', 'circuit',
  'breaker', 'damper', 'contactor', 'content', 'feature', 'setting', 'settings', 'config', 'configuration', 'parental',
  // A limit of the machine unlocked by its installer or its app (`maxOutputUnlocked`, `powerLimitLocked`).
  'output', 'limit', 'limits',
  // An account locked by its service (`user.isLocked`, a sign-in lockout) is the service's state, not a door.
  'user', 'users', 'account', 'accounts', 'login']);
/** Words that only frame the state (`isNormallyClosed`, `sendWhenValveIsClosed`). */
const FRAMING = new Set(['is', 'are', 'normally', 'currently', 'when', 'if', 'send', 'notify', 'was']);

const subjects = new BoundedMemo<Finding | null>(5_000, 512);

/** A veto of behaviour when the key's open/closed/locked is said of a machine's part or setting. */
export function detectStateSubject(key: KeyWords, ancestors: readonly KeyWords[]): Finding | undefined {
  const words = key.words;
  const state = words[words.length - 1] ?? '';
  if (!STATE_WORDS.has(state)) return undefined;
  const parent = ancestors[ancestors.length - 1];
  const cacheKey = `${key.raw}\u0000${parent?.raw ?? ''}`;
  const found = subjects.get(cacheKey, () => {
    const before = words.slice(0, -1).filter((w) => !FRAMING.has(w));
    const subject = before.length > 0 ? before.find((w) => MACHINE_SUBJECTS.has(w)) : parent?.words.find((w) => MACHINE_SUBJECTS.has(w));
    return subject === undefined ? null : finding(MACHINE_STATE_SUBJECT, 'veto', ['behaviour'], { of: 'key', state, subject });
  });
  return found ?? undefined;
}
