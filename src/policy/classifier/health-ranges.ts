import type { PathSegment, PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import type { ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `health-range`: body measurements recognised by their range rather than by the vendor's key. A number
 * under a key nobody recognises (`HP`, `LP`, `resting`) inside a record named for a body measurement
 * (`BPDataList`, `heartRate`, `glucose`), within that measurement's physiological range (heart rate
 * 25–250 bpm, blood pressure 30–260 mmHg, SpO2 70–100 %, glucose 20–600 mg/dL or 1–34 mmol/L,
 * respiration 4–60 per minute), is that measurement. Ids, times, counts and keys with their own unit or
 * negative words never are.
 */
export const HEALTH_RANGE = 'health-range';

export const healthRangeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEALTH_RANGE]: (f) => `a number within the range of ${f.facts.measure} (${f.facts.range}) inside a record named for it → health`,
};

type Add = (index: number, f: Finding) => void;
const lastKey = (field: PayloadField) => field.segments[field.segments.length - 1];

/** A key that may hold a measurement: not a time, an id, a count or an index, nor one with its own unit. */
const NOT_MEASUREMENT = new Set(['id', 'ids', 'uuid', 'index', 'idx', 'type', 'version', 'code', 'status']);
const plainKeys = new Map<string, boolean>();
function plainKey(key: string): boolean {
  let plain = plainKeys.get(key);
  if (plain === undefined) {
    const read = readKey(key);
    plain = !isTimeKey(key) && read.unit === undefined && !read.words.some((w) => NOT_MEASUREMENT.has(w)) && !detectKeyWords(read).some((f) => f.signal === 'veto');
    if (plainKeys.size >= 5_000) plainKeys.clear();
    plainKeys.set(key, plain);
  }
  return plain;
}

/** A plain key the vocabulary says nothing about (`HP`, `p`), cached: read for every number of a payload. */
const unknownKeys = new Map<string, boolean>();
function unknownPlainKey(key: string): boolean {
  let unknown = unknownKeys.get(key);
  if (unknown === undefined) {
    unknown = plainKey(key) && detectKeyWords(readKey(key)).length === 0;
    if (unknownKeys.size >= 5_000) unknownKeys.clear();
    unknownKeys.set(key, unknown);
  }
  return unknown;
}

function numeric(value: PayloadField['value']): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d{1,6}(?:\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** Physiological ranges of measurements that vendors nest under a record named for them. */
const RANGES: readonly { readonly words: readonly string[]; readonly measure: string; readonly ranges: readonly (readonly [number, number])[] }[] = [
  { words: ['heart', 'pulse', 'hr', 'bpm'], measure: 'heart rate', ranges: [[25, 250]] },
  { words: ['bp', 'blood pressure', 'systolic', 'diastolic'], measure: 'blood pressure', ranges: [[30, 260]] },
  { words: ['spo', 'oxygen saturation', 'blood oxygen'], measure: 'blood oxygen', ranges: [[70, 100]] },
  { words: ['glucose', 'blood sugar', 'sgv', 'bg'], measure: 'blood glucose', ranges: [[20, 600], [1, 34]] },
  { words: ['respiration', 'respiratory', 'breathing', 'breath'], measure: 'respiration', ranges: [[4, 60]] },
];
const RANGE_TEXT: Readonly<Record<string, string>> = {
  'heart rate': '25–250 bpm', 'blood pressure': '30–260 mmHg', 'blood oxygen': '70–100 %',
  'blood glucose': '20–600 mg/dL or 1–34 mmol/L', respiration: '4–60 per minute',
};

/** The measurement a container's key names (`BPDataList` → blood pressure), cached: keys come from senders. */
const containerMeasures = new Map<string, string | null>();
function measureOf(container: string): string | undefined {
  let measure = containerMeasures.get(container);
  if (measure === undefined) {
    const words = readKey(container).words;
    const joined = ` ${words.join(' ')} `;
    measure = RANGES.find((r) => r.words.some((w) => joined.includes(` ${w} `)))?.measure ?? null;
    if (containerMeasures.size >= 5_000) containerMeasures.clear();
    containerMeasures.set(container, measure);
  }
  return measure ?? undefined;
}

/** A number under a key the vocabulary does not know, in a record named for a measurement, within its range. */
export function healthRanges(fields: readonly PayloadField[], add: Add): void {
  fields.forEach((field, index) => {
    const key = lastKey(field);
    const value = numeric(field.value);
    if (value === undefined || typeof key !== 'string' || !unknownPlainKey(key)) return;
    const measure = measureAbove(field.segments);
    if (measure === undefined) return;
    const ranges = RANGES.find((r) => r.measure === measure)?.ranges ?? [];
    if (!ranges.some(([low, high]) => value >= low && value <= high)) return;
    add(index, finding(HEALTH_RANGE, 'strong', ['health'], { of: 'structure', measure, range: RANGE_TEXT[measure] ?? '' }));
  });
}

/** Plan of `healthRanges`: numbers (or texts) under an unknown key inside a record named for a measurement. */
export function healthRangeFields(fields: readonly ShapeField[]): number[] | undefined {
  let named: number[] | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if ((field.kind !== 'number' && field.kind !== 'string') || typeof key !== 'string' || !unknownPlainKey(key)) return;
    if (measureAbove(field.segments) !== undefined) (named ??= []).push(index);
  });
  return named;
}

/** The measurement the nearer of the two records above a field is named for (the nearest that names one). */
function measureAbove(segments: readonly PathSegment[]): string | undefined {
  for (let at = segments.length - 2, objects = 0; at >= 0 && objects < 2; at--) {
    const container = segments[at];
    if (typeof container !== 'string') continue;
    objects++;
    const measure = measureOf(container);
    if (measure !== undefined) return measure;
  }
  return undefined;
}
