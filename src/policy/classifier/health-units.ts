import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import { HEALTH_UNITS } from './vocabulary.js';
import { readKey } from './words.js';

/**
 * Body measurements recognised by their unit and their range rather than by the vendor's key:
 * - `health-unit`: a record whose `unit`/`units`/`uom` sibling holds a unit only bodies are measured in
 *   (`"BPM"`, `"mg/dL"`, `"mmHg"`, `"kcal"`, `"steps"`), or a time unit in a record named for sleep, makes
 *   the plain numbers of that record (and of the lists inside it) that measurement; a number beside its
 *   own unit-suffixed twin (`Value` beside `ValueInMgPerDl`) is the same measurement;
 * - `health-range`: a number under a key nobody recognises (`HP`, `resting`, `Value`) inside a record
 *   named for a body measurement (`BPDataList`, `heartRate`, `glucose`) and within that measurement's
 *   physiological range (heart rate 25–250 bpm, blood pressure 30–260 mmHg, SpO2 70–100 %, glucose
 *   20–600 mg/dL or 1–34 mmol/L, respiration 4–60 per minute).
 */
export const HEALTH_UNIT = 'health-unit';
export const HEALTH_RANGE = 'health-range';

export const healthUnitExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEALTH_UNIT]: (f) =>
    f.facts.twin === undefined
      ? `a number in a record whose unit is "${f.facts.unit}" (${f.facts.measure}) → health`
      : `a number beside its twin in unit ${f.facts.unit} (the same ${f.facts.measure}) → health`,
  [HEALTH_RANGE]: (f) => `a number within the range of ${f.facts.measure} (${f.facts.range}) inside a record named for it → health`,
};

type Add = (index: number, f: Finding) => void;
const lastKey = (field: PayloadField) => field.segments[field.segments.length - 1];

/** Keys that hold a record's unit. */
const UNIT_KEYS = new Set(['unit', 'units', 'uom', 'unitofmeasure', 'unitofmeasurement', 'measurementunit', 'unitname', 'unitsymbol']);
/** Units only a body is measured in, written without spaces, dots or slashes, lower-case: what each measures. */
const BODY_UNITS: ReadonlyMap<string, string> = new Map([
  ['bpm', 'heart rate'], ['beatsmin', 'heart rate'], ['beatsperminute', 'heart rate'], ['countmin', 'heart rate'],
  ['brpm', 'respiration'], ['breathsmin', 'respiration'], ['breathsperminute', 'respiration'], ['rpm', 'respiration'],
  ['mgdl', 'blood glucose'], ['mmoll', 'blood glucose'], ['mmhg', 'blood pressure'], ['kcal', 'energy burned'],
  ['kilocalories', 'energy burned'], ['kj', 'energy burned'], ['steps', 'steps'], ['step', 'steps'], ['spo2', 'blood oxygen'],
]);
/** Time units: a duration, which is a body measurement only in a record named for sleep. */
const TIME_UNITS = new Set(['hr', 'hrs', 'h', 'hour', 'hours', 'min', 'mins', 'minute', 'minutes', 's', 'sec', 'secs', 'seconds']);
const SLEEP_WORDS = new Set(['sleep', 'asleep', 'nap', 'bed', 'inbed']);
/** A temperature unit: a body's only when every reading of the record lies where skin and body temperatures lie. */
const CELSIUS = new Set(['c', 'degc', 'celsius']);
const BODY_CELSIUS: readonly [number, number] = [28, 43];
const MIN_TEMPERATURE_READINGS = 3;
/** A record's unit speaks for its own numbers and those of lists and records up to two levels inside it. */
const LEVELS = 3;

function unitText(value: string): string {
  return value.toLowerCase().replace(/[\s./_°-]+/g, '').replace(/^per/, '');
}

interface RecordUnit {
  readonly unit: string;
  readonly measure: string;
}

export function healthUnits(fields: readonly PayloadField[], add: Add): void {
  const units = recordUnits(fields);
  const twins = unitTwins(fields);
  if (units === undefined && twins === undefined) return;
  fields.forEach((field, index) => {
    const key = lastKey(field);
    const value = numeric(field.value);
    if (value === undefined || typeof key !== 'string' || plainKey(key) === false) return;
    const twin = twins?.get(`${prefixKey(field, -1)}\u0000${readKey(key).joined}`);
    if (twin !== undefined) {
      add(index, finding(HEALTH_UNIT, 'strong', ['health'], { of: 'structure', unit: twin, measure: 'measurement', twin: 'yes' }));
      return;
    }
    const unit = units === undefined ? undefined : nearestUnit(field, units);
    // A body temperature overrides the temperature word that names it (`type: "temp"`): room readings never all lie there.
    const signal = unit?.measure === 'body temperature' ? 'certain' : 'strong';
    if (unit !== undefined) add(index, finding(HEALTH_UNIT, signal, ['health'], { of: 'structure', unit: unit.unit, measure: unit.measure }));
  });
}

/** Records whose unit sibling names a body measurement, by record path. */
function recordUnits(fields: readonly PayloadField[]): Map<string, RecordUnit> | undefined {
  let units: Map<string, RecordUnit> | undefined;
  let named: Map<string, string> | undefined;
  const temperatures: string[] = [];
  for (const field of fields) {
    const key = lastKey(field);
    if (typeof key !== 'string' || typeof field.value !== 'string' || field.value.length > 24) continue;
    const record = prefixKey(field, -1);
    if (UNIT_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''))) {
      const text = unitText(field.value);
      const measure = BODY_UNITS.get(text);
      units ??= new Map();
      // The unit is quoted as the vocabulary writes it, never as sent.
      if (measure !== undefined) units.set(record, { unit: text, measure });
      else if (TIME_UNITS.has(text)) units.set(record, { unit: text, measure: 'time' });
      else if (CELSIUS.has(text)) (units.set(record, { unit: '°C', measure: 'celsius' }), temperatures.push(record));
    } else if (key === 'name' || key === 'type' || key === 'metric') {
      named ??= new Map();
      named.set(record, field.value);
    }
  }
  if (units === undefined) return undefined;
  for (const [record, unit] of [...units]) {
    // A duration is a body measurement only in a record named for sleep (`name: "sleep_analysis"`).
    if (unit.measure === 'time') {
      const name = named?.get(record) ?? record;
      if (readKey(name).words.some((w) => SLEEP_WORDS.has(w))) units.set(record, { unit: unit.unit, measure: 'sleep duration' });
      else units.delete(record);
    }
  }
  for (const record of temperatures) {
    if (bodyTemperatures(fields, record)) units.set(record, { unit: units.get(record)?.unit ?? '°C', measure: 'body temperature' });
    else units.delete(record);
  }
  return units.size === 0 ? undefined : units;
}

/** The field lies inside the record (paths are rebuilt from segments: the parser's path may be templated). */
function within(field: PayloadField, record: string): boolean {
  for (let end = field.segments.length - 1; end > 0; end--) if (prefixKey(field, end) === record) return true;
  return false;
}

/** Every number of the record lies within skin and body temperatures, and there are several. */
function bodyTemperatures(fields: readonly PayloadField[], record: string): boolean {
  let readings = 0;
  for (const field of fields) {
    const value = numeric(field.value);
    if (value === undefined || !within(field, record)) continue;
    const key = lastKey(field);
    if (value === undefined || (typeof key === 'string' && plainKey(key) === false)) continue;
    if (value < BODY_CELSIUS[0] || value > BODY_CELSIUS[1]) return false;
    readings++;
  }
  return readings >= MIN_TEMPERATURE_READINGS;
}

function nearestUnit(field: PayloadField, units: ReadonlyMap<string, RecordUnit>): RecordUnit | undefined {
  let objects = 0;
  for (let end = field.segments.length - 1; end >= 0 && objects < LEVELS; end--) {
    if (typeof field.segments[end] === 'string') objects++;
    const unit = units.get(prefixKey(field, end));
    if (unit !== undefined) return unit;
  }
  return undefined;
}

/** `ValueInMgPerDl` beside `Value`: the twin's words, by record, with the unit. */
function unitTwins(fields: readonly PayloadField[]): Map<string, string> | undefined {
  let twins: Map<string, string> | undefined;
  for (const field of fields) {
    const key = lastKey(field);
    if (typeof key !== 'string' || numeric(field.value) === undefined) continue;
    const read = readKey(key);
    if (read.unit === undefined || !HEALTH_UNITS.has(read.unit) || read.words.length === 0) continue;
    twins ??= new Map();
    twins.set(`${prefixKey(field, -1)}\u0000${read.joined}`, read.unit);
  }
  return twins;
}

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
    if (value === undefined || typeof key !== 'string' || !plainKey(key)) return;
    if (detectKeyWords(readKey(key)).length > 0) return;
    for (let at = field.segments.length - 2, objects = 0; at >= 0 && objects < 2; at--) {
      const container = field.segments[at];
      if (typeof container !== 'string') continue;
      objects++;
      const measure = measureOf(container);
      if (measure === undefined) continue;
      const ranges = RANGES.find((r) => r.measure === measure)?.ranges ?? [];
      if (!ranges.some(([low, high]) => value >= low && value <= high)) return;
      add(index, finding(HEALTH_RANGE, 'strong', ['health'], { of: 'structure', measure, range: RANGE_TEXT[measure] ?? '' }));
      return;
    }
  });
}
