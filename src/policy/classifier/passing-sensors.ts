import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, splitWords } from './words.js';

/**
 * `passing-sensor`: a decoded radio message whose type or model says it came from a tyre-pressure
 * sensor (TPMS: UN ECE R64 / FMVSS 138 require one in every wheel of a new car) is a car's, heard by a
 * home receiver as it passes or parks nearby — rtl_433 and OpenMQTTGateway/Theengs decoders publish
 * them as `{model, type: "TPMS", id, pressure_kPa, temperature_C}`. Somebody else's car, like a
 * neighbour's access point in a scan (docs/CORPUS.md: every field of a scan entry is third_party):
 * every field of the message is third_party (certain, as a scan entry's: a model or a temperature too). The owner's own car reports its tyres by key
 * (`tirePressureFrontLeft`), not as a message typed TPMS, and is left alone.
 * Reads the values of `type`/`model`-like keys only (its plan names them and their records' fields).
 */
export const PASSING_SENSOR = 'passing-sensor';

export const passingSensorExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PASSING_SENSOR]: () => "in a radio message from a tyre-pressure sensor the receiver heard: a car passing or standing nearby, somebody else's → third_party",
};

/** Keys that say what kind of sender a decoded message came from. */
const KIND_KEYS = new Set(['type', 'model', 'kind', 'protocol', 'device type', 'sensor type', 'decoder', 'brand']);
/** Words of a value that name a tyre-pressure sensor. */
const TYRE_WORDS = new Set(['tpms', 'tire', 'tyre', 'tires', 'tyres']);

const kindKeys = new BoundedMemo<boolean>(5_000, 256);
function kindKey(raw: string): boolean {
  return kindKeys.get(raw, () => KIND_KEYS.has(readKey(raw).words.join(' ')));
}

interface PassingPlan {
  /** Indices of string fields under a kind key. */
  readonly kinds: readonly number[];
  /** For each kind field (same order), the indices of the leaves of its record (itself included). */
  readonly members: readonly (readonly number[])[];
}

export function planPassingSensors(fields: readonly ShapeField[]): PassingPlan | undefined {
  let kinds: number[] | undefined;
  let records: string[] | undefined;
  fields.forEach((field, index) => {
    if (field.kind !== 'string' || field.key === undefined || typeof field.segments[field.segments.length - 1] !== 'string' || !kindKey(field.key)) return;
    (kinds ??= []).push(index);
    (records ??= []).push(parentPath(field));
  });
  if (kinds === undefined || records === undefined) return undefined;
  const within = records;
  const members = within.map(() => [] as number[]);
  fields.forEach((field, index) => {
    if (field.kind === 'null' || field.kind === 'empty') return;
    within.forEach((record, at) => {
      if (field.path.startsWith(record) && (record.length === field.path.length || '.['.includes(field.path.charAt(record.length)))) members[at]?.push(index);
    });
  });
  return { kinds, members };
}

export function detectPassingSensors(plan: PassingPlan, fields: readonly PayloadField[], add: Add): void {
  const done = new Set<number>();
  plan.kinds.forEach((index, at) => {
    const value = fields[index]?.value;
    if (typeof value !== 'string' || value.length > MAX_KIND_LENGTH || !tyreKinds.get(value, namesTyreSensor)) return;
    for (const member of plan.members[at] ?? []) {
      if (done.has(member)) continue;
      done.add(member);
      add(member, PASSING);
    }
  });
}

const PASSING = finding(PASSING_SENSOR, 'certain', ['third_party'], { of: 'structure' });

const MAX_KIND_LENGTH = 48;
// Per value, remembered: a device names its model in every request (`"model": "XJ-200"`), and splitting it into
// words (two regular-expression replaces and a split) cost ~3 µs of every request's classification.
const tyreKinds = new BoundedMemo<boolean>(1_024, MAX_KIND_LENGTH);

function namesTyreSensor(value: string): boolean {
  return splitWords(value).some((w) => TYRE_WORDS.has(w.toLowerCase()));
}
