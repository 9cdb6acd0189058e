import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { readingsByRecord } from './record-readings.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `training-set`: a record that counts repetitions beside an exercise or a weight is a set somebody trained (a
 * strength-training log's entry), whatever the app calls it: the exercise, the repetitions, the sets, the weight
 * lifted and the day are behaviour (docs/CORPUS.md: activities and usage histories). The weight there is the
 * load on the bar, not the body's: it loses a health reading.
 * The parts are those of public workout schemas, in our own arrangement: schema.org ExercisePlan
 * (`repetitions`, `workload`, `exerciseType`), Health Connect's ExerciseSegment (`repetitions`, set and weight
 * segments) and open training logs' set records (`reps`, `weight`, `rpe`).
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const TRAINING_SET = 'training-set';

export const trainingSetExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [TRAINING_SET]: (f) =>
    f.signal === 'veto'
      ? 'weight lifted in a set somebody trained (the load, not the body) → not health'
      : `${f.facts.role} of a set somebody trained (repetitions beside an exercise or a weight) → behaviour`,
};

const REPETITION_WORDS = new Set(['repetitions', 'repetition', 'reps']);
const LOAD_KEYS = new Set(['weight', 'load', 'workload', 'weight lifted']);
const DAY_KEYS = new Set(['date', 'day', 'datetime', 'date time']);
const SET_KEYS = new Set(['sets', 'set count', 'set number', 'rpe', 'rir']);

type Role = 'repetitions' | 'exercise' | 'weight' | 'sets' | 'day';

const roles = new BoundedMemo<Role | null>(5_000, 256);
function roleOf(raw: string): Role | undefined {
  return roles.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    if (words.some((w) => REPETITION_WORDS.has(w))) return 'repetitions';
    if (words.includes('exercise')) return 'exercise';
    if (LOAD_KEYS.has(joined)) return 'weight';
    if (SET_KEYS.has(joined)) return 'sets';
    if (DAY_KEYS.has(joined)) return 'day';
    return null;
  }) ?? undefined;
}

const NOT_HEALTH = finding(TRAINING_SET, 'veto', ['health'], { of: 'structure', role: 'weight' });

export function trainingSets(fields: readonly ShapeField[], add: Add): void {
  const records = readingsByRecord(fields, roleOf);
  if (records === undefined) return;
  for (const members of records.values()) {
    if (!members.some((m) => m.reading === 'repetitions') || !members.some((m) => m.reading === 'exercise' || m.reading === 'weight')) continue;
    for (const { index, reading } of members) {
      add(index, setFinding(reading));
      if (reading === 'weight') add(index, NOT_HEALTH);
    }
  }
}

const findings = new BoundedMemo<Finding>(16, 32);
function setFinding(role: Role): Finding {
  return findings.get(role, () => finding(TRAINING_SET, 'strong', ['behaviour'], { of: 'structure', role }));
}
