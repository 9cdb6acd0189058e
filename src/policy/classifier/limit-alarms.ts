import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `limit-alarm`: an alarm named for a bound (`HighAlarmValue`, `LowAlarmTime`, `alarmThreshold`, `maxTempAlert`) is
 * a machine watching its own reading — a modem's temperature sensor, a freezer's probe, a tank's level — and
 * raising an alarm past a high or low limit, the high/low alarm limits of process and building automation
 * (BACnet's `high_limit`/`low_limit` intrinsic reporting, Modbus alarm registers). Its threshold and the time it
 * last tripped are the machine's, not an alarm somebody set to wake or armed to guard the home (docs/CORPUS.md:
 * alarm thresholds are not labelled): it vetoes behaviour. Reads only keys: memoised per payload shape.
 */
export const LIMIT_ALARM = 'limit-alarm';

export const limitAlarmExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [LIMIT_ALARM]: () => 'an alarm on a high or low limit of a reading (a machine watching its own measurement), not an alarm somebody set or armed (not behaviour)',
};

const ALARM_WORDS = new Set(['alarm', 'alarms', 'alert', 'alerts']);
const BOUND_WORDS = new Set(['high', 'low', 'min', 'max', 'minimum', 'maximum', 'upper', 'lower', 'threshold', 'thresholds', 'limit', 'limits']);

const keys = new BoundedMemo<boolean>(5_000, 256);
function limitAlarm(raw: string): boolean {
  return keys.get(raw, () => {
    const words = readKey(raw).words;
    return words.some((w) => ALARM_WORDS.has(w)) && words.some((w) => BOUND_WORDS.has(w));
  });
}

export function limitAlarms(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key === 'string' && limitAlarm(key)) add(index, LIMIT_ALARM_FINDING);
  });
}

const LIMIT_ALARM_FINDING = finding(LIMIT_ALARM, 'veto', ['behaviour'], { of: 'structure' });
