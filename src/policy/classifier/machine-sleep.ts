import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { containerOf } from './phrases.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `machine-sleep`: a container named for sleep whose own leaves speak of a machine's power states
 * (`smartWakeUpSleep.smartStandByMinutes`, `sleep.screensaver`, `sleep.hibernateAfter`) is the appliance's
 * sleep mode — ACPI's and the IEC 62301 standby, a display's or a coffee machine's — not a person's night:
 * the health its name gives every leaf below it is vetoed. Reads only keys: memoised per payload shape.
 */
export const MACHINE_SLEEP = 'machine-sleep';

export const machineSleepExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MACHINE_SLEEP]: (f) => `inside "${f.facts.container}", whose settings name a machine's power state ("${f.facts.words}"): a device's sleep mode, not a person's (not health)`,
};

/** Words only machines' power states use (a key's words, `stand by` as the tokeniser splits `StandBy`). */
const POWER_STATE_PHRASES = ['standby', 'stand by', 'hibernate', 'hibernation', 'screensaver', 'screen saver', 'backlight', 'boiler',
  'suspend to', 'power save', 'power saving', 'eco mode', 'deep standby'];

const powerWords = new BoundedMemo<string | null>(5_000, 256);
function powerStateOf(raw: string): string | undefined {
  return powerWords.get(raw, () => {
    const words = ` ${readKey(raw).words.join(' ')} `;
    return POWER_STATE_PHRASES.find((phrase) => words.includes(` ${phrase} `)) ?? null;
  }) ?? undefined;
}

const sleepContainers = new BoundedMemo<boolean>(5_000, 256);
function namesSleep(raw: string): boolean {
  return sleepContainers.get(raw, () => {
    const container = containerOf(readKey(raw));
    return container !== undefined && container !== 'neutral' && container !== 'geometry' && container.text.endsWith('sleep');
  });
}

export function machineSleeps(fields: readonly ShapeField[], add: Add): void {
  // Sleep containers whose direct leaves name a power state, by path, with the words found.
  let machines: Map<string, { container: string; words: string }> | undefined;
  for (const field of fields) {
    const n = field.segments.length;
    const key = field.segments[n - 1];
    const parent = field.segments[n - 2];
    if (typeof key !== 'string' || typeof parent !== 'string' || !namesSleep(parent)) continue;
    const words = powerStateOf(key);
    if (words !== undefined) (machines ??= new Map()).set(parentPath(field), { container: parent, words });
  }
  if (machines === undefined) return;
  const found = machines;
  fields.forEach((field, index) => {
    for (let end = field.segments.length - 1; end > 0; end--) {
      const machine = found.get(prefixKey(field, end));
      if (machine === undefined) continue;
      add(index, finding(MACHINE_SLEEP, 'veto', ['health'], { of: 'structure', ...machine }));
      return;
    }
  });
}
