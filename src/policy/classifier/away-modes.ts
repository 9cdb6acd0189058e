import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `away-mode`: the switch of a mode the household sets when nobody is home (a heat pump's `holidayMode.value.enabled`,
 * a thermostat's `vacation.active`, `awayMode.state`: Matter Thermostat's Vacation preset, EEBus and SG-Ready absence
 * modes) says whether they are away: presence, behaviour (docs/CORPUS.md: `mode: home/away` is behaviour). The
 * key alone (`enabled`, `active`) is a negative word everywhere else, so the record above it decides: a certain
 * finding, as a behaviour container's. Only the switch: the mode's set point and its limits are settings.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const AWAY_MODE = 'away-mode';

export const awayModeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [AWAY_MODE]: (f) => `the switch of "${f.facts.mode}" (a mode set when nobody is home: whether the household is away) → behaviour`,
};

const AWAY_WORDS = new Set(['holiday', 'holidays', 'vacation', 'away', 'absence', 'absent']);
const SWITCH_KEYS = new Set(['enabled', 'enable', 'active', 'is active', 'is enabled', 'on', 'state', 'status', 'value', 'mode']);
/** Wrappers between the mode and its switch (`holidayMode.value.enabled`). */
const WRAPPERS = new Set(['value', 'values', 'state', 'status', 'settings', 'setting', 'config']);
/** Words that make the record about reminding or notifying, not the mode itself (`awayModeReminder`). */
const NOT_MODE = new Set(['reminder', 'notification', 'notifications', 'push', 'can', 'supported', 'available', 'get', 'set']);

const modes = new BoundedMemo<boolean>(5_000, 256);
function namesAwayMode(raw: string): boolean {
  return modes.get(raw, () => {
    const words = readKey(raw).words;
    return words.some((w) => AWAY_WORDS.has(w)) && !words.some((w) => NOT_MODE.has(w));
  });
}

export function awayModes(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    if (field.kind !== 'boolean' && field.kind !== 'string' && field.kind !== 'number') return;
    const segments = field.segments;
    const key = segments[segments.length - 1];
    if (typeof key !== 'string' || !SWITCH_KEYS.has(readKey(key).words.join(' '))) return;
    for (let i = segments.length - 2; i >= 0; i--) {
      const segment = segments[i];
      if (typeof segment !== 'string') return;
      if (namesAwayMode(segment)) {
        add(index, modeFinding(segment));
        return;
      }
      if (!WRAPPERS.has(readKey(segment).words.join(' '))) return;
    }
  });
}

const findings = new BoundedMemo<Finding>(256, 256);
function modeFinding(mode: string): Finding {
  return findings.get(mode, () => finding(AWAY_MODE, 'certain', ['behaviour'], { of: 'structure', mode }));
}
