import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import type { HomeKnowledge } from './knowledge.js';
import { detectNearHome } from './knowledge-detectors.js';
import { NAMING_SIBLINGS, VALUE_KEYS } from './vocabulary.js';
import { detectKeyWords } from './key-detectors.js';
import { parentPath, prefixKey } from './field-paths.js';
import { eventTimes, networkScans, recordExplanations, recordSubjects } from './records.js';
import { readKey } from './words.js';
import { typedIds, typedRecordExplanations, typedRecords } from './typed-records.js';
import { addressParts, utteranceWords } from './record-parts.js';
import { eventLogs, healthRecords, radioScans, recordContextExplanations } from './record-context.js';
import { healthRangeExplanations, healthRanges } from './health-ranges.js';
import { keyMaterialExplanations, keyMaterials } from './key-material.js';

/**
 * Detectors that look at a field's siblings: a `value` named by its sibling `type`, and numbers that
 * form a coordinate pair (`[lat, lon]`, GeoJSON `[lon, lat]`, or two siblings within the home zone).
 * They need the whole payload, so they run once per payload and hand each field its findings.
 */
export const SIBLING_NAMES = 'sibling-names-value';
export const COORDINATE_PAIR = 'coordinate-pair';


const NAMING = new Set(NAMING_SIBLINGS);
const VALUES = new Set(VALUE_KEYS);
/** A naming sibling's text is read like a key; longer texts are no names of a quantity. */
const MAX_NAME_LENGTH = 64;
/** Named quantities read per payload; bounded because the names come from senders. */
const namedCache = new Map<string, readonly Finding[]>();
const NAMED_CACHE_LIMIT = 5_000;

export const structureExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SIBLING_NAMES]: (f) => `sibling ${f.facts.sibling}="${f.facts.words}" names the value → ${f.categories.join(', ')}`,
  [COORDINATE_PAIR]: (f) => `${f.facts.shape ?? '[lat, lon]'} pair within range → location`,
  ...recordExplanations,
  ...typedRecordExplanations,
  ...recordContextExplanations,
  ...healthRangeExplanations,
  ...keyMaterialExplanations,
};

/** Findings for fields of one payload, by field index. */
export function structureFindings(fields: readonly PayloadField[], home: HomeKnowledge | undefined): Map<number, Finding[]> {
  const result = new Map<number, Finding[]>();
  const add = (index: number, f: Finding) => {
    const list = result.get(index);
    if (list === undefined) result.set(index, [f]);
    else list.push(f);
  };
  namedValues(fields, add);
  coordinateArrays(fields, home, add);
  siblingPairsNearHome(fields, home, add);
  eventTimes(fields, add);
  networkScans(fields, add);
  recordSubjects(fields, add);
  typedRecords(fields, add);
  typedIds(fields, add);
  addressParts(fields, add);
  utteranceWords(fields, add);
  healthRecords(fields, add);
  radioScans(fields, add);
  eventLogs(fields, add);
  healthRanges(fields, add);
  keyMaterials(fields, add);
  return result;
}

function namedValues(fields: readonly PayloadField[], add: (index: number, f: Finding) => void): void {
  let names: Map<string, { sibling: string; text: string }> | undefined;
  fields.forEach((field) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !NAMING.has(key) || typeof field.value !== 'string') return;
    if (field.value === '' || field.value.length > MAX_NAME_LENGTH) return;
    names ??= new Map();
    names.set(parentPath(field), { sibling: key, text: field.value });
  });
  if (names === undefined) return;
  const byParent = names;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !isValueKey(key)) return;
    const name = namingAncestor(field, byParent);
    if (name === undefined) return;
    const found = namedFindings(name.sibling, name.text);
    for (const f of found) add(index, f);
    // The record says what the value is: weak guesses from containers around it (`point[*]`) yield.
    if (found.some((f) => f.signal === 'strong')) add(index, finding(SIBLING_NAMES, 'veto', [], { of: 'structure', sibling: name.sibling }, 'weak'));
  });
}

/**
 * The naming sibling of the value's record, or of a record up to two levels above it: data points keep
 * their values in a list beside the type (`point[*].value[*].intVal` named by `point[*].dataTypeName`).
 */
function namingAncestor(field: PayloadField, names: ReadonlyMap<string, { sibling: string; text: string }>): { sibling: string; text: string } | undefined {
  const own = names.get(parentPath(field));
  if (own !== undefined) return own;
  let objects = 0;
  for (let end = field.segments.length - 2; end >= 0 && objects < 2; end--) {
    if (typeof field.segments[end] !== 'string') continue;
    objects++;
    const found = names.get(prefixKey(field, end));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `value`, and values typed by a prefix (`intVal`, `fpVal`, `floatValue`, `stringValue`): a value key. */
const TYPED_VALUE = /^(?:int|fp|float|double|string|str|bool|num|numeric|map)_?val(?:ue)?$/i;
function isValueKey(key: string): boolean {
  return VALUES.has(key) || TYPED_VALUE.test(key);
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

interface NumberItem {
  readonly index: number;
  readonly value: number;
}

/** Arrays of two or three numbers with coordinate precision: `[lat, lon]`, `[lon, lat]` (GeoJSON), `[lon, lat, alt]`. */
function coordinateArrays(fields: readonly PayloadField[], home: HomeKnowledge | undefined, add: (index: number, f: Finding) => void): void {
  let groups: Map<string, NumberItem[]> | undefined;
  let lengths: Map<string, number> | undefined;
  fields.forEach((field, index) => {
    if (typeof field.segments[field.segments.length - 1] !== 'number') return;
    const parent = parentPath(field);
    lengths ??= new Map();
    lengths.set(parent, (lengths.get(parent) ?? 0) + 1);
    if (typeof field.value !== 'number') return;
    groups ??= new Map();
    const group = groups.get(parent);
    if (group === undefined) groups.set(parent, [{ index, value: field.value }]);
    else group.push({ index, value: field.value });
  });
  if (groups === undefined || lengths === undefined) return;
  for (const [parent, items] of groups) {
    if (items.length < 2 || items.length > 3 || lengths.get(parent) !== items.length) continue;
    const [a, b] = items;
    if (a === undefined || b === undefined || !precise(a.value) || !precise(b.value)) continue;
    const pair = pairFinding(a.value, b.value, home);
    if (pair === undefined) continue;
    add(a.index, pair);
    add(b.index, pair);
  }
}

/** Coordinates are sent with at least three decimals; ratios and readings rarely come in such pairs. */
function precise(n: number): boolean {
  if (Number.isInteger(n)) return false;
  const text = String(n);
  const dot = text.indexOf('.');
  return dot >= 0 && text.length - dot - 1 >= 3;
}

function pairFinding(a: number, b: number, home: HomeKnowledge | undefined): Finding | undefined {
  // Colour coordinates (`xy: [0.31, 0.32]`) and ratios live below 1; places near (0, 0) are in the sea.
  if (Math.max(Math.abs(a), Math.abs(b)) < 1) return undefined;
  const near = detectNearHome(home, a, b) ?? detectNearHome(home, b, a);
  if (near !== undefined) return near;
  if (Math.abs(a) <= 90 && Math.abs(b) <= 180) return finding(COORDINATE_PAIR, 'strong', ['location'], { of: 'structure', shape: '[lat, lon]' });
  if (Math.abs(b) <= 90 && Math.abs(a) <= 180) return finding(COORDINATE_PAIR, 'strong', ['location'], { of: 'structure', shape: '[lon, lat]' });
  return undefined;
}

/** Two numeric siblings that lie within the home zone (`{a: 52.51, b: 13.37}`), whatever their keys. */
function siblingPairsNearHome(fields: readonly PayloadField[], home: HomeKnowledge | undefined, add: (index: number, f: Finding) => void): void {
  if (home === undefined) return;
  for (let i = 0; i + 1 < fields.length; i++) {
    const a = fields[i];
    const b = fields[i + 1];
    if (a === undefined || b === undefined || typeof a.value !== 'number' || typeof b.value !== 'number') continue;
    if (typeof a.segments[a.segments.length - 1] === 'number') continue;
    if (!precise(a.value) || !precise(b.value) || parentPath(a) !== parentPath(b)) continue;
    const near = detectNearHome(home, a.value, b.value) ?? detectNearHome(home, b.value, a.value);
    if (near === undefined) continue;
    add(i, near);
    add(i + 1, near);
  }
}
