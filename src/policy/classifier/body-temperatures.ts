import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { measurementWords } from './measurement-parts.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `body-temperature`: a bare temperature among three or more body measurements (a watch's vitals: heart
 * rate, systolic and diastolic pressure, SpO2 and `temperature`) is the body's, though a temperature alone
 * is a room's or a machine's (negative vocabulary). The measurements are read at the temperature's own
 * level: keys of one record (`{heart_rate, sbp, spo2, temperature}`) or records named for them, each
 * holding its value (`{heartrate: {value}, sbp: {value}, temperature: {value}}`). A qualified temperature
 * (`roomTemperature`, `bed_temp`) says whose it is and is left to its words, and so does a reading no
 * body has (a bed's or a room's 21 °C beside a sleeper's heart rate): only 30–43 °C (a wrist's skin to a
 * fever) or 86–110 °F is read as the body's.
 */
export const BODY_TEMPERATURE = 'body-temperature';

export const bodyTemperatureExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [BODY_TEMPERATURE]: (f) => `a temperature among ${f.facts.count} body measurements (such as "${f.facts.sibling}"): the body's → health`,
};

const MIN_MEASUREMENTS = 3;
const TEMPERATURE_WORDS = new Set(['temperature', 'temp']);
const VALUE_HEADS = new Set(['value', 'val', 'reading', 'result']);

const temperatureKeys = new BoundedMemo<boolean>(5_000, 256);
function bareTemperature(raw: string): boolean {
  return temperatureKeys.get(raw, () => {
    const words = readKey(raw).words;
    return words.length === 1 && TEMPERATURE_WORDS.has(words[0] ?? '');
  });
}

const valueHeads = new BoundedMemo<boolean>(5_000, 256);
function valueHead(raw: string): boolean {
  return valueHeads.get(raw, () => {
    const words = readKey(raw).words;
    return words.length === 1 && VALUE_HEADS.has(words[0] ?? '');
  });
}

/** The key that says what a field measures and the record it is measured in: `x` in `{x}`, or `x` of `{x: {value}}`. */
function measured(field: ShapeField): { key: string; record: string } | undefined {
  const segments = field.segments;
  const leaf = segments[segments.length - 1];
  if (typeof leaf !== 'string') return undefined;
  const parent = segments[segments.length - 2];
  if (valueHead(leaf) && typeof parent === 'string') return { key: parent, record: prefixKey(field, -2) };
  return { key: leaf, record: prefixKey(field, -1) };
}

/** Plan: each bare temperature among enough measurements, with what it was counted among (for the explanation). */
interface PlannedTemperature {
  readonly index: number;
  readonly finding: Finding;
}

export function planBodyTemperatures(fields: readonly ShapeField[]): PlannedTemperature[] | undefined {
  let temperatures: { index: number; record: string }[] | undefined;
  let counts: Map<string, { count: number; sibling: string }> | undefined;
  fields.forEach((field, index) => {
    if (field.kind !== 'number' && field.kind !== 'string') return;
    const where = measured(field);
    if (where === undefined) return;
    if (bareTemperature(where.key)) {
      (temperatures ??= []).push({ index, record: where.record });
      return;
    }
    const words = measurementWords(where.key, field.kind);
    if (words === undefined) return;
    counts ??= new Map();
    const entry = counts.get(where.record);
    if (entry === undefined) counts.set(where.record, { count: 1, sibling: words });
    else entry.count++;
  });
  if (temperatures === undefined || counts === undefined) return undefined;
  const planned: PlannedTemperature[] = [];
  for (const { index, record } of temperatures) {
    const around = counts.get(record);
    if (around === undefined || around.count < MIN_MEASUREMENTS) continue;
    // Certain: the bare word is negative vocabulary, which the measurements around it overrule.
    planned.push({ index, finding: finding(BODY_TEMPERATURE, 'certain', ['health'], { of: 'structure', count: String(around.count), sibling: around.sibling }) });
  }
  return planned.length === 0 ? undefined : planned;
}

export function detectBodyTemperatures(plan: readonly PlannedTemperature[], fields: readonly PayloadField[], add: Add): void {
  for (const { index, finding: found } of plan) {
    const value = fields[index]?.value;
    const degrees = typeof value === 'number' ? value : typeof value === 'string' && /^\d{2,3}(?:\.\d+)?$/.test(value) ? Number(value) : undefined;
    if (degrees !== undefined && bodyRange(degrees)) add(index, found);
  }
}

function bodyRange(degrees: number): boolean {
  return (degrees >= 30 && degrees <= 43) || (degrees >= 86 && degrees <= 110);
}
