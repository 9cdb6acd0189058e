import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { valueDetector, type ShapeField } from './shape.js';
import { ID_KEYS, MAX_TYPE_LENGTH } from './typed-records.js';
import { readKey } from './words.js';

/** `registryType: "nfc"` beside `registryId`: the pair says what the id is (`nfc id` → a tag's id). */
export const TYPED_ID = 'typed-id';

export const typedIdExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [TYPED_ID]: (f) => `sibling ${f.facts.sibling} says "${f.facts.key}" is a ${f.facts.words} → ${f.categories.join(', ')}`,
};

/** An `eventType` says what happened; the `eventId` beside it is the event's own record id, not a tag's. */
const RECORD_WORDS = new Set(['event', 'activity', 'message', 'record', 'session', 'log', 'request', 'transaction',
  'notification', 'alert', 'job', 'task']);

/** An id field and the type fields that could say what it is (the last one with a readable value does). */
interface TypedIdCandidate {
  readonly index: number;
  readonly key: string;
  readonly types: readonly number[];
}

/** Shape part: `<x>Type` fields holding a non-empty string, and the `<x>Id` fields of the same record. */
function planTypedIds(fields: readonly ShapeField[]): TypedIdCandidate[] | undefined {
  const types = new Map<string, number[]>();
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind !== 'string') return;
    const words = readKey(key).words;
    if (words.length < 2 || words[words.length - 1] !== 'type' || words.some((w) => RECORD_WORDS.has(w))) return;
    const pair = `${prefixKey(field, -1)}\u0000${words.slice(0, -1).join(' ')}`;
    const list = types.get(pair);
    if (list === undefined) types.set(pair, [index]);
    else list.push(index);
  });
  if (types.size === 0) return undefined;
  const planned: TypedIdCandidate[] = [];
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind === 'null' || field.kind === 'boolean') return;
    const words = readKey(key).words;
    const head = words[words.length - 1];
    if (words.length < 2 || head === undefined || !ID_KEYS.has(head)) return;
    const candidates = types.get(`${prefixKey(field, -1)}\u0000${words.slice(0, -1).join(' ')}`);
    if (candidates !== undefined) planned.push({ index, key, types: candidates });
  });
  return planned.length === 0 ? undefined : planned;
}

/** What `<type text> id` reads as (type texts repeat: memoised, bounded). */
const idReadings = new BoundedMemo<readonly Finding[]>(2048, MAX_TYPE_LENGTH);
const readIdOf = (text: string): readonly Finding[] => detectKeyWords(readKey(`${text} id`));

export const typedIds = valueDetector(TYPED_ID, planTypedIds, (plan, fields, _home, add) => {
  for (const { index, key, types } of plan) {
    let sibling: string | undefined;
    let text: string | undefined;
    for (const typeIndex of types) {
      const type = fields[typeIndex];
      const typeKey = type?.segments[type.segments.length - 1];
      if (typeof typeKey !== 'string' || typeof type?.value !== 'string' || type.value === '' || type.value.length > MAX_TYPE_LENGTH) continue;
      sibling = typeKey;
      text = type.value;
    }
    if (sibling === undefined || text === undefined) continue;
    for (const f of idReadings.get(text, readIdOf)) {
      if (f.signal !== 'strong' || f.categories.length === 0) continue;
      add(index, finding(TYPED_ID, 'strong', f.categories, { of: 'structure', key, sibling, words: f.facts.words ?? 'known id' }));
    }
  }
});
