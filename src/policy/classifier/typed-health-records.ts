import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import { innerMatches } from './phrases.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `health-typed-record`: a record whose type names a body measurement or a therapy (`eventType: "Temp
 * Basal"`, `_type: "TempBasalDuration"`, `type: "sgv"`, as Nightscout treatments and entries, Health
 * Connect record types and Open mHealth schema names type them) holds that measurement: its plain numbers
 * (`rate`, `duration`, `absolute: "1.425"`, `unfiltered`) are health, whatever the vendor calls them. Not
 * ids, times, counts or keys with negative words (`noise`, `battery`), nor a record's private fields
 * (`_head`, `_body`: raw bytes).
 */
export const HEALTH_TYPED_RECORD = 'health-typed-record';

export const typedHealthRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HEALTH_TYPED_RECORD]: (f) => `a number in a record whose ${f.facts.sibling} names a body measurement or therapy ("${f.facts.words}") → health`,
};

const lastKey = (field: { readonly segments: readonly (string | number)[] }) => field.segments[field.segments.length - 1];
const TYPE_HEADS = new Set(['type', 'kind', 'schema']);
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'pk', 'uid', 'key', 'index', 'idx', 'version', 'code', 'number', 'no']);
const NUMERIC = /^[-+]?\d{1,7}(?:\.\d+)?$/;
const MAX_TYPE_LENGTH = 64;

const typeKeys = new BoundedMemo<string | null>(5_000, 256);
/** `type`, `_type`, `eventType`, `recordType`: a key naming a record's type (its words, for explanations). */
function typeKey(raw: string): string | undefined {
  const words = typeKeys.get(raw, () => {
    let words: string | null;
    const read = readKey(raw).words;
    words = read.length >= 1 && read.length <= 2 && TYPE_HEADS.has(read[read.length - 1] ?? '') ? read.join(' ') : null;
    return words;
  });
  return words ?? undefined;
}

const plainKeys = new BoundedMemo<boolean>(5_000, 256);
/** A key that says nothing of its own against a measurement: no id, time, count or negative word, no other category. */
function plainKey(raw: string): boolean {
  const plain = plainKeys.get(raw, () => {
    let plain: boolean;
    const read = readKey(raw);
    plain =
      !raw.startsWith('_') && typeKey(raw) === undefined && !isTimeKey(raw) && !read.words.some((w) => ID_WORDS.has(w)) &&
      detectKeyWords(read).every((f) => f.signal !== 'veto' && f.categories.every((c) => c === 'health'));
    return plain;
  });
  return plain;
}

const typeNames = new BoundedMemo<string | null>(5_000, 256);
/** The health words a type's text names (`Temp Basal` → "temp basal"), read like a key and inside it; cached. */
function healthWords(text: string): string | undefined {
  const words = typeNames.get(text, () => {
    let words: string | null;
    words = null;
    if (text.length <= MAX_TYPE_LENGTH) {
      const read = readKey(text.replace(/\s+/g, '_'));
      const whole = detectKeyWords(read).find((f) => f.signal === 'strong' && f.categories.length === 1 && f.categories[0] === 'health');
      if (whole !== undefined) words = whole.facts.words ?? read.words.join(' ');
      else {
        const inner = innerMatches(read.words, read.words.length).find(
          (m) => m.kind === 'phrase' && m.phrase.signal === 'strong' && m.phrase.categories.length === 1 && m.phrase.categories[0] === 'health',
        );
        if (inner?.kind === 'phrase') words = inner.phrase.text;
      }
    }
    return words;
  });
  return words ?? undefined;
}

interface TypedRecord {
  readonly types: readonly number[];
  readonly numbers: readonly number[];
}

export function planTypedHealthRecords(fields: readonly ShapeField[]): TypedRecord[] | undefined {
  let types: Map<string, number[]> | undefined;
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k !== 'string' || field.kind !== 'string' || typeKey(k) === undefined) return;
    types ??= new Map();
    const parent = prefixKey(field, -1);
    const list = types.get(parent);
    if (list === undefined) types.set(parent, [index]);
    else list.push(index);
  });
  if (types === undefined) return undefined;
  const typed = types;
  const numbers = new Map<string, number[]>();
  fields.forEach((field, index) => {
    const k = lastKey(field);
    if (typeof k !== 'string' || (field.kind !== 'number' && field.kind !== 'string') || !plainKey(k)) return;
    const parent = prefixKey(field, -1);
    if (!typed.has(parent)) return;
    const list = numbers.get(parent);
    if (list === undefined) numbers.set(parent, [index]);
    else list.push(index);
  });
  const planned: TypedRecord[] = [];
  for (const [parent, list] of numbers) planned.push({ types: typed.get(parent) ?? [], numbers: list });
  return planned.length === 0 ? undefined : planned;
}

const findings = new BoundedMemo<Finding>(5_000, 256);
export function detectTypedHealthRecords(plan: readonly TypedRecord[], fields: readonly PayloadField[], add: Add): void {
  for (const record of plan) {
    let named: { sibling: string; words: string } | undefined;
    for (const index of record.types) {
      const field = fields[index];
      const k = field === undefined ? undefined : lastKey(field);
      if (typeof field?.value !== 'string' || typeof k !== 'string') continue;
      const words = healthWords(field.value);
      const sibling = typeKey(k);
      if (words !== undefined && sibling !== undefined) named = { sibling, words };
    }
    if (named === undefined) continue;
    const cacheKey = `${named.sibling}\u0000${named.words}`;
    const f = findings.get(cacheKey, () => {
      let f: Finding;
      f = finding(HEALTH_TYPED_RECORD, 'strong', ['health'], { of: 'structure', ...named });
      return f;
    });
    for (const index of record.numbers) {
      const value = fields[index]?.value;
      if (typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && NUMERIC.test(value)) add(index, f);
    }
  }
}
