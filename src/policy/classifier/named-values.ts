import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { valueDetector, type ShapeField } from './shape.js';
import { NAMING_SIBLINGS, VALUE_KEYS } from './vocabulary.js';
import { readKey } from './words.js';

/**
 * `{type: "weight", value: 72}`: a `value` named by its sibling `type`, or by the type of a record up to
 * two levels above it (`point[*].value[*].intVal` named by `point[*].dataTypeName`).
 */
export const SIBLING_NAMES = 'sibling-names-value';

const NAMING = new Set(NAMING_SIBLINGS);
const VALUES = new Set(VALUE_KEYS);
/** A naming sibling's text is read like a key; longer texts are no names of a quantity. */
const MAX_NAME_LENGTH = 64;
/** Named quantities read per payload; bounded because the names come from senders. */
const namedCache = new Map<string, readonly Finding[]>();
const NAMED_CACHE_LIMIT = 5_000;

/**
 * Shape part: each value field with the naming fields that could name it, nearest record first; within
 * a record the last naming field with a readable text (non-empty, at most 64 characters) names it.
 */
interface NamedValue {
  readonly index: number;
  readonly records: readonly (readonly number[])[];
}

function planNamedValues(fields: readonly ShapeField[]): NamedValue[] | undefined {
  let names: Map<string, number[]> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !NAMING.has(key) || field.kind !== 'string') return;
    names ??= new Map();
    const parent = parentPath(field);
    const list = names.get(parent);
    if (list === undefined) names.set(parent, [index]);
    else list.push(index);
  });
  if (names === undefined) return undefined;
  const byParent = names;
  const planned: NamedValue[] = [];
  fields.forEach((field, index) => {
    if (!isValueKey(field) && !inNamedSeries(field)) return;
    const records = namingRecords(field, byParent);
    if (records.length > 0) planned.push({ index, records });
  });
  return planned.length === 0 ? undefined : planned;
}

/** The value's own record, then up to two records above it, that hold naming fields. */
function namingRecords(field: ShapeField, names: ReadonlyMap<string, readonly number[]>): (readonly number[])[] {
  const records: (readonly number[])[] = [];
  const own = names.get(parentPath(field));
  if (own !== undefined) records.push(own);
  let objects = 0;
  for (let end = field.segments.length - 2; end >= 0 && objects < 2; end--) {
    if (typeof field.segments[end] !== 'string') continue;
    objects++;
    const found = names.get(prefixKey(field, end));
    if (found !== undefined) records.push(found);
  }
  return records;
}

/** `value`, and values typed by a prefix (`intVal`, `fpVal`, `floatValue`, `stringValue`): a value key. */
const TYPED_VALUE = /^(?:int|fp|float|double|string|str|bool|num|numeric|map)_?val(?:ue)?$/i;
function isValueKey(field: ShapeField): boolean {
  const key = field.segments[field.segments.length - 1];
  return typeof key === 'string' && (VALUES.has(key) || TYPED_VALUE.test(key));
}

/**
 * A number of a series its record names (`{display_name: "Heart Rate", slug: "heart_rate", values: [95, 97, …]}`,
 * a workout graph's metric): the list's entries are that quantity as its `max_value` is. Plain numbers only
 * (a list of objects names its own values), under a key that says it holds the record's values.
 */
const SERIES_KEYS = new Set(['values', 'readings', 'samples', 'data', 'series']);
function inNamedSeries(field: ShapeField): boolean {
  const list = field.segments[field.segments.length - 2];
  const entry = field.segments[field.segments.length - 1];
  return field.kind === 'number' && typeof entry === 'number' && typeof list === 'string' && SERIES_KEYS.has(list);
}

export const namedValues = valueDetector(SIBLING_NAMES, planNamedValues, (plan, fields, _home, add) => {
  for (const { index, records } of plan) {
    const name = namingText(fields, records, typeof fields[index]?.value === 'number');
    if (name === undefined) continue;
    const found = namedFindings(name.sibling, name.text);
    for (const f of found) add(index, f);
    // The record says what the value is: weak guesses from containers around it (`point[*]`) yield.
    if (found.some((f) => f.signal === 'strong')) add(index, finding(SIBLING_NAMES, 'veto', [], { of: 'structure', sibling: name.sibling }, 'weak'));
  }
});

/** Naming siblings written for people: they name a series of numbers (`{title: "Skin Temperature", values}`), not a text. */
const SHOWN_NAMES = new Set(['title']);

function namingText(fields: readonly PayloadField[], records: readonly (readonly number[])[], numeric: boolean): { sibling: string; text: string } | undefined {
  for (const record of records) {
    for (let i = record.length - 1; i >= 0; i--) {
      const field = fields[record[i] ?? -1];
      const sibling = field?.segments[field.segments.length - 1];
      if (typeof sibling !== 'string' || typeof field?.value !== 'string') continue;
      if (!numeric && SHOWN_NAMES.has(sibling)) continue;
      if (field.value === '' || field.value.length > MAX_NAME_LENGTH) continue;
      return { sibling, text: field.value };
    }
  }
  return undefined;
}

/** `{type: "weight"}` → the findings of a key called `weight`, as the sibling's. */
function namedFindings(sibling: string, text: string): readonly Finding[] {
  const cacheKey = `${sibling}\u0000${text}`;
  let found = namedCache.get(cacheKey);
  if (found === undefined) {
    found = detectKeyWords(readKey(text)).map((f) =>
      f.signal === 'veto'
        ? f
        : finding(SIBLING_NAMES, f.signal === 'weak' ? 'weak' : 'strong', f.categories, { of: 'structure', sibling, words: f.facts.words ?? text }),
    );
    if (namedCache.size >= NAMED_CACHE_LIMIT) namedCache.clear();
    namedCache.set(cacheKey, found);
  }
  return found;
}
