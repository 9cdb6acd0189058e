import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `unit-value`: a unit written as a value says what the number beside it measures. FHIR's Quantity
 * (`valueQuantity: {value: 70, unit: "beats/minute", system: "http://unitsofmeasure.org", code: "/min"}`),
 * Open mHealth's unit-value pairs (`{value: 120, unit: "mg/dL"}`) and diabetes uploads (`{units: "mg/dL",
 * value: 421, trendRate: -2.2, trendRateUnits: "mg/dL/minute"}`) all write it so, whatever the vendor
 * calls its keys. Only units a body alone is measured in count (UCUM codes of FHIR's vital-signs profiles
 * and of blood glucose and ketone results): glucose and ketones, blood pressure, heart and breathing
 * rates, body mass index, the energy a body burns and its steps. Kilograms, degrees and percent are left
 * out: a parcel, a room and a battery are measured in them too.
 * A bare unit key (`unit`, `units`, `uom`, `unitCode`) names the unit of its record's value (`value`,
 * `amount`, `qty`, `avg`…); `<name>Unit(s)` names the unit of the sibling `<name>` only.
 */
export const UNIT_VALUE = 'unit-value';

/**
 * `unit-name`: a record of units (`units: {bg: "mg/dL", carbs: "grams"}`, `unit: {weight: "kg"}`) names
 * which unit each measurement is given in; its texts are units, not the measurements its keys name.
 * A veto of health only; reads keys and value kinds (memoised per shape).
 */
export const UNIT_NAME = 'unit-name';

export const unitValueExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [UNIT_VALUE]: (f) => `a number whose sibling "${f.facts.sibling}" gives it a unit only a body is measured in (${f.facts.measure}) → health`,
  [UNIT_NAME]: (f) => `a text in a record of units ("${f.facts.record}") names a unit, not a measurement`,
};

/** What each unit measures (lower-case, spaces removed; UCUM's `mm[Hg]` and `{beats}/min` as written). */
const BODY_UNITS: ReadonlyMap<string, string> = new Map([
  ['mg/dl', 'blood glucose'], ['mgdl', 'blood glucose'], ['mg/dl/min', 'blood glucose'], ['mg/dl/minute', 'blood glucose'],
  ['mmol/l', 'blood glucose or ketones'], ['mmoll', 'blood glucose or ketones'], ['mmol/l/min', 'blood glucose or ketones'], ['mmol/l/minute', 'blood glucose or ketones'],
  ['mmhg', 'blood pressure'], ['mm[hg]', 'blood pressure'], ['mmofmercury', 'blood pressure'],
  ['bpm', 'heart rate'], ['beats/min', 'heart rate'], ['beats/minute', 'heart rate'], ['{beats}/min', 'heart rate'], ['beatsperminute', 'heart rate'],
  ['breaths/min', 'breathing rate'], ['breaths/minute', 'breathing rate'], ['{breaths}/min', 'breathing rate'], ['brpm', 'breathing rate'],
  ['kg/m2', 'body mass index'], ['kg/m^2', 'body mass index'], ['kg/m²', 'body mass index'],
  ['kcal', 'energy burned or eaten'], ['[cal]', 'energy burned or eaten'], ['steps', 'steps'], ['{steps}', 'steps'],
]);

/** Keys that hold a unit: the last word `unit`, `units` or `uom` (`unit_of_measure`, `unitCode`, `GlucoseUnits`). */
const UNIT_HEADS = new Set(['unit', 'units', 'uom']);
/** What a bare unit key qualifies in its record: the record's value under a generic name. */
const VALUE_WORDS = new Set(['value', 'val', 'amount', 'qty', 'quantity', 'reading', 'result', 'measurement', 'avg', 'average', 'mean', 'min', 'max', 'last reading', 'latest', 'total']);
/** Words after `unit` that still say "the unit" (`unit_code`, `unit of measure`, `unit name`). */
const UNIT_TAILS = new Set(['code', 'name', 'symbol', 'of measure', 'of measurement']);
const lastKey = (field: { readonly segments: readonly (string | number)[] }) => field.segments[field.segments.length - 1];
const NUMERIC = /^[-+]?\d{1,7}(?:\.\d+)?$/;
const MAX_UNIT_LENGTH = 24;

interface UnitKey {
  /** The words of what the unit qualifies (`trend rate`), or '' when it is the record's value. */
  readonly of: string;
  readonly words: string;
}

const unitKeys = new BoundedMemo<UnitKey | null>(5_000, 256);
/** `units` → the record's value; `trendRateUnits` → `trend rate`; anything else → undefined. */
function unitKey(raw: string): UnitKey | undefined {
  const read = unitKeys.get(raw, () => {
    const words = readKey(raw, false).words;
    const at = words.findIndex((w) => UNIT_HEADS.has(w));
    if (at < 0) return null;
    const tail = words.slice(at + 1).join(' ');
    if (tail !== '' && !UNIT_TAILS.has(tail)) return null;
    return { of: words.slice(0, at).join(' '), words: words.join(' ') };
  });
  return read ?? undefined;
}

const valueKeys = new BoundedMemo<string>(5_000, 256);
function keyWords(raw: string): string {
  return valueKeys.get(raw, () => readKey(raw, false).words.join(' '));
}

interface UnitRecord {
  readonly unit: number;
  readonly numbers: readonly number[];
}

/** Plan: each unit key of a string and the numbers of its record it qualifies. */
export function planUnitValues(fields: readonly ShapeField[]): UnitRecord[] | undefined {
  let units: Map<string, { index: number; key: UnitKey }[]> | undefined;
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k !== 'string' || field.kind !== 'string') return;
    const key = unitKey(k);
    if (key === undefined) return;
    units ??= new Map();
    const parent = prefixKey(field, -1);
    const list = units.get(parent);
    if (list === undefined) units.set(parent, [{ index, key }]);
    else list.push({ index, key });
  });
  if (units === undefined) return undefined;
  const byParent = units;
  const planned = new Map<number, number[]>();
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k !== 'string' || (field.kind !== 'number' && field.kind !== 'string')) return;
    const record = byParent.get(prefixKey(field, -1));
    if (record === undefined) return;
    const words = keyWords(k);
    for (const unit of record) {
      if (unit.index === index || !(unit.key.of === '' ? VALUE_WORDS.has(words) : unit.key.of === words)) continue;
      const list = planned.get(unit.index);
      if (list === undefined) planned.set(unit.index, [index]);
      else list.push(index);
    }
  });
  if (planned.size === 0) return undefined;
  return [...planned].map(([unit, numbers]) => ({ unit, numbers }));
}

const measures = new BoundedMemo<string | null>(1_000, MAX_UNIT_LENGTH);
/** What a unit's text measures when only a body is measured in it (`mg/dL` → blood glucose). */
function bodyMeasure(text: string): string | undefined {
  if (text.length > MAX_UNIT_LENGTH) return undefined;
  return measures.get(text, () => BODY_UNITS.get(text.toLowerCase().replace(/\s+/g, '')) ?? null) ?? undefined;
}

const findings = new BoundedMemo<Finding>(1_000, 256);
export function detectUnitValues(plan: readonly UnitRecord[], fields: readonly PayloadField[], add: Add): void {
  for (const record of plan) {
    const unit = fields[record.unit];
    const k = unit === undefined ? undefined : lastKey(unit);
    if (typeof unit?.value !== 'string' || typeof k !== 'string') continue;
    const measure = bodyMeasure(unit.value);
    const key = unitKey(k);
    if (measure === undefined || key === undefined) continue;
    const f = findings.get(`${key.words}\u0000${measure}`, () => finding(UNIT_VALUE, 'strong', ['health'], { of: 'structure', sibling: key.words, measure }));
    for (const index of record.numbers) {
      const value = fields[index]?.value;
      if (typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && NUMERIC.test(value)) add(index, f);
    }
  }
}

const unitRecords = new BoundedMemo<Finding | null>(1_000, 256);
/** Texts under a record of units (`units.bg`): no body measurement, whatever their key names. */
export function unitNames(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const parent = field.segments[field.segments.length - 2];
    if (field.kind !== 'string' || typeof parent !== 'string' || typeof lastKey(field) !== 'string') return;
    const f = unitRecords.get(parent, () => {
      const key = unitKey(parent);
      return key === undefined || key.of !== '' ? null : finding(UNIT_NAME, 'veto', ['health'], { of: 'structure', record: key.words });
    });
    if (f !== null) add(index, f);
  });
}
