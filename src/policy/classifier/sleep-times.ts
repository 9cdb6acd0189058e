import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `sleep-time`: when somebody got into bed and out of it (`entered_bed_at`, `bedtime_start`), in a record that
 * measures that sleep (a sleep duration, period, latency, efficiency or score beside them: a ring's sleep
 * periods, a smart bed's sleep records), is the time in bed a sleep tracker measures (HealthKit's sleep analysis
 * `inBed` sample, Open mHealth's sleep episode): health, beside the behaviour such a time already is. When sleep
 * itself started or ended (`sleepStartTimestampGMT`) stays behaviour (docs/CORPUS.md: sleep times), and so do a
 * bed's times in a record that measures no sleep (a wake-up setting). How often the sleeper got out of bed
 * (`times_exited_bed`, `bed_exit_count`) in such a record is a measure of that sleep too, as a wake count is; a
 * bed's count in a record that measures no sleep stays its own; so is a bare `latency` there (how long the
 * sleeper took to fall asleep), which is a network's delay elsewhere. Reads only keys: memoised per shape.
 */
export const SLEEP_TIME = 'sleep-time';

export const sleepTimeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SLEEP_TIME]: (f) =>
    f.facts.part === 'exits'
      ? `"${f.facts.key}" counts the times the sleeper left the bed in the sleep its record measures (beside "${f.facts.measure}") → health`
      : f.facts.part === 'latency'
        ? `a latency of the sleep its record measures (beside "${f.facts.measure}"): how long falling asleep took → health`
        : `"${f.facts.key}" bounds the sleep its record measures (beside "${f.facts.measure}") → health`,
};

/** What a record measures of a sleep, named with the word `sleep` (`sleep_period_seconds`, `total_sleep_duration`). */
const MEASURE_WORDS = new Set(['duration', 'period', 'latency', 'efficiency', 'score', 'total', 'length']);
const DURATION_UNITS = new Set(['seconds', 'secs', 'sec', 'minutes', 'mins', 'min', 'hrs', 'ms', 'milli', 'millis', 'milliseconds']);
/** Words that make a time a bed's (`entered_bed_at`, `bedtime_end`). */
const BED_WORDS = new Set(['bed', 'bedtime']);

/** Words of leaving the bed and of counting (`times_exited_bed`, `bedExitCount`, `out_of_bed_count`). */
const EXIT_WORDS = new Set(['exit', 'exits', 'exited', 'out', 'left', 'leaves']);
const COUNT_WORDS = new Set(['times', 'count', 'number', 'num', 'exits']);

type Reading = 'measure' | 'time' | 'exits' | 'latency' | null;
const readings = new BoundedMemo<Reading>(5_000, 256);
function readingOf(raw: string): Reading {
  return readings.get(raw, () => {
    const key = readKey(raw);
    const words = key.words;
    if (isTimeKey(raw)) return words.some((w) => BED_WORDS.has(w)) ? 'time' : null;
    if (words.includes('bed') && words.some((w) => EXIT_WORDS.has(w)) && words.some((w) => COUNT_WORDS.has(w))) return 'exits';
    if (words.length === 1 && words[0] === 'latency') return 'latency';
    const measured = words.some((w) => MEASURE_WORDS.has(w)) || (key.unit !== undefined && DURATION_UNITS.has(key.unit));
    return words.includes('sleep') && measured ? 'measure' : null;
  });
}

export function sleepTimes(fields: readonly ShapeField[], add: Add): void {
  let measures: Map<string, string> | undefined;
  let times: number[] | undefined;
  fields.forEach((field, index) => {
    const key = field.key;
    if (key === undefined || field.kind === 'null' || field.kind === 'empty' || field.kind === 'boolean') return;
    const reading = readingOf(key);
    if (reading === 'measure') (measures ??= new Map()).set(parentPath(field), key);
    else if (reading === 'time' || ((reading === 'exits' || reading === 'latency') && field.kind === 'number')) (times ??= []).push(index);
  });
  if (measures === undefined || times === undefined) return;
  for (const index of times) {
    const field = fields[index];
    const measure = field === undefined ? undefined : measures.get(parentPath(field));
    if (field?.key === undefined || measure === undefined) continue;
    const reading = readingOf(field.key);
    if (reading !== 'exits' && reading !== 'latency') {
      add(index, finding(SLEEP_TIME, 'strong', ['health'], { of: 'structure', key: field.key, measure }));
      continue;
    }
    // Certain, as a body count is: a count or a latency is otherwise a reading (negative vocabulary), which the sleep
    // measure overrules. A latency's explanation never quotes the key.
    add(index, finding(SLEEP_TIME, 'certain', ['health'], { of: 'structure', key: reading === 'exits' ? field.key : 'latency', measure, part: reading }));
  }
}
