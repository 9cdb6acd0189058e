import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import type { ShapeField } from './shape.js';
import { readKey, splitWords } from './words.js';

/**
 * `exercise-type`: a value naming a kind of exercise (`"cycling"`, `"Run"`, `"EXERCISE_TYPE_SWIMMING_POOL"`)
 * under a key that names a type, a sport or an activity says what somebody did: an activity, behaviour
 * (docs/CORPUS.md), whatever the vendor calls the field. `type` is otherwise negative vocabulary, so the
 * value decides (certain, like a typed event's act). The words are the exercise types of public fitness
 * schemas, in our own arrangement: Android Health Connect's ExerciseSessionRecord exercise types, Apple
 * HealthKit's HKWorkoutActivityType names, schema.org ExerciseAction's exerciseType examples, and the
 * sport types of public fitness APIs (Ride, Run, Walk, Hike, Swim). A workout's `name` counts only inside
 * a record named for a workout, an exercise or an activity.
 */
export const EXERCISE_TYPE = 'exercise-type';

export const exerciseTypeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  // Never names the exercise: it is the field's own value (what somebody did), and explanations reach the ledger.
  [EXERCISE_TYPE]: () => `a kind of exercise (an activity somebody did) → behaviour`,
};

type Add = (index: number, f: Finding) => void;

const EXERCISES = new Set([
  'running', 'run', 'jogging', 'walking', 'walk', 'hiking', 'hike', 'cycling', 'biking', 'ride', 'bike', 'ebike',
  'swimming', 'swim', 'rowing', 'paddling', 'kayaking', 'canoeing', 'sailing', 'surfing', 'skiing', 'ski', 'snowboarding',
  'snowshoeing', 'skating', 'yoga', 'pilates', 'stretching', 'calisthenics', 'weightlifting', 'elliptical', 'dancing',
  'boxing', 'climbing', 'golf', 'tennis', 'badminton', 'squash', 'soccer', 'football', 'basketball', 'volleyball',
  'handball', 'rugby', 'cricket', 'baseball', 'softball', 'hockey', 'fencing', 'gymnastics', 'treadmill', 'crossfit',
  'workout', 'hiit', 'strength', 'cardio', 'spinning', 'triathlon', 'wheelchair', 'breathing', 'meditation',
]);
/** Words that qualify an exercise in these schemas' names (`EXERCISE_TYPE_SWIMMING_POOL`, `VirtualRide`, `Outdoor Walking`). */
const EXERCISE_QUALIFIERS = new Set(['exercise', 'type', 'outdoor', 'indoor', 'virtual', 'trail', 'e', 'stationary', 'pool',
  'open', 'water', 'machine', 'road', 'mountain', 'gravel', 'track', 'nordic', 'alpine', 'backcountry', 'training',
  'interval', 'high', 'intensity', 'functional', 'traditional', 'rock', 'stair', 'table', 'ice', 'roller', 'american',
  'australian', 'martial', 'arts', 'cross', 'country', 'hand', 'mixed', 'other']);
/** Keys whose value names a kind of activity. */
const TYPE_HEADS = new Set(['type', 'sport', 'activity', 'exercise', 'workout', 'discipline']);
const TYPE_QUALIFIERS = new Set(['activity', 'sport', 'exercise', 'workout', 'training', 'session']);
const ACTIVITY_RECORDS = new Set(['workout', 'workouts', 'exercise', 'exercises', 'activity', 'activities', 'training', 'session', 'sessions']);

const readings = new Map<string, boolean>();
function typeKey(raw: string, parent: string | number | undefined): boolean {
  const cacheKey = typeof parent === 'string' ? `${raw}\u0000${parent}` : raw;
  let typed = readings.get(cacheKey);
  if (typed === undefined) {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    const qualified = words.slice(0, -1).every((w) => TYPE_QUALIFIERS.has(w));
    typed = (TYPE_HEADS.has(head) && qualified) ||
      (head === 'name' && words.length === 1 && typeof parent === 'string' && readKey(parent).words.some((w) => ACTIVITY_RECORDS.has(w)));
    if (readings.size >= 5_000) readings.clear();
    readings.set(cacheKey, typed);
  }
  return typed;
}

/** The exercise a short value names (`"Run"`, `"EXERCISE_TYPE_BIKING"`, `"VirtualRide"`), if every word of it is an exercise or its qualifier. */
function exerciseOf(value: PayloadField['value']): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 40) return undefined;
  const words = splitWords(value);
  if (words.length === 0 || words.length > 5 || !words.every((w) => EXERCISES.has(w) || EXERCISE_QUALIFIERS.has(w))) return undefined;
  return words.find((w) => EXERCISES.has(w));
}

/** The key of the record a field is in, past a list's index (`workouts[3].name` → `workouts`). */
function recordKey(field: ShapeField): string | undefined {
  for (let i = field.segments.length - 2; i >= 0; i--) {
    const segment = field.segments[i];
    if (typeof segment === 'string') return segment;
  }
  return undefined;
}

/** Plan: strings under a key naming a type, a sport or an activity. */
export function planExerciseTypes(fields: readonly ShapeField[]): number[] | undefined {
  let named: number[] | undefined;
  fields.forEach((field, index) => {
    const n = field.segments.length;
    const key = field.segments[n - 1];
    if (typeof key !== 'string' || field.kind !== 'string') return;
    if (typeKey(key, recordKey(field))) (named ??= []).push(index);
  });
  return named;
}

export function detectExerciseTypes(plan: readonly number[], fields: readonly PayloadField[], _home: unknown, add: Add): void {
  for (const index of plan) {
    const exercise = exerciseOf(fields[index]?.value ?? null);
    if (exercise !== undefined) add(index, EXERCISE_FINDING);
  }
}

const EXERCISE_FINDING = finding(EXERCISE_TYPE, 'certain', ['behaviour'], { of: 'value' });
