import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { segmentsKey } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import { DEVICE_THING_WORDS, PERSON_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';

/**
 * Records that say what they are in a type field, the way most APIs write typed objects (JSON:API's
 * `{type: "person", id, attributes}`, an event stream's `{modelKey: "event", type: "nfcCardScanned",
 * start, end}`): the type's value, read like a key, tells whose `id` and `name` these are and whether
 * the record reports something a person did. Also a key that names a thing (`device`, `camera`) holding
 * an opaque id: a reference to that unit.
 */
export const TYPED_EVENT = 'typed-event';
export const TYPED_SUBJECT = 'typed-subject';
export const THING_REFERENCE = 'thing-reference';

export const typedRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [TYPED_EVENT]: (f) => `${f.facts.key} of an event record (${f.facts.sibling}="${f.facts.words}" says somebody did something) → behaviour`,
  [TYPED_SUBJECT]: (f) => `"${f.facts.key}" of a record typed "${f.facts.words}" by its sibling "${f.facts.sibling}" → ${f.categories.join(', ')}`,
  [THING_REFERENCE]: (f) => `key "${f.facts.key}" names a ${f.facts.key} and holds an opaque id → device`,
};

/** Keys whose value is the record's type or class. */
const TYPE_KEYS = new Set(['type', 'kind', 'modelKey', 'model_key', 'objectType', 'object_type', '@type', 'resourceType',
  'resource_type', 'entityType', 'entity_type', 'eventType', 'event_type']);
/**
 * Words of a type value that report an act of a person (a card scanned, a face identified, a button
 * pressed, a door unlocked): the record is an event and its type says what was done. Words that also name
 * devices (`lock`, `motion`, `button`) are left out: `type: "lock"` is a device class.
 */
const ACT_WORDS = new Set(['scanned', 'detected', 'detect', 'detection', 'identified', 'recognized', 'recognised',
  'pressed', 'press', 'rang', 'ring', 'opened', 'unlocked', 'locked', 'arrived', 'departed', 'entered', 'exited',
  'triggered', 'access', 'tapped', 'swiped', 'unlock']);
/** Type values are short names; longer texts are descriptions, not types. */
const MAX_TYPE_LENGTH = 64;
/** Children that hold a typed record's fields (JSON:API `attributes`). */
const BODY_KEYS = new Set(['attributes', 'properties']);
const SUBJECT_KEYS = new Set(['id', 'uuid', 'guid', 'name', 'displayName', 'display_name', 'nickname']);
const ID_KEYS = new Set(['id', 'uuid', 'guid']);
/** Hex of 12 or more digits, or a UUID: an opaque id, not a name someone gave. */
const OPAQUE_ID = /^(?:[0-9a-f]{12,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

interface RecordType {
  readonly sibling: string;
  readonly text: string;
  readonly event: boolean;
  readonly act: boolean;
  readonly subject: 'person' | 'device' | undefined;
}

const typeCache = new Map<string, Omit<RecordType, 'sibling' | 'text'>>();

function readType(text: string): Omit<RecordType, 'sibling' | 'text'> {
  let read = typeCache.get(text);
  if (read === undefined) {
    const words = readKey(text, false).words;
    const last = singular(words[words.length - 1] ?? '');
    const act = words.some((w) => ACT_WORDS.has(w));
    read = {
      event: act || words.includes('event'),
      act,
      subject: PERSON_WORDS.has(last) ? 'person' : DEVICE_THING_WORDS.has(last) ? 'device' : undefined,
    };
    if (typeCache.size >= 5_000) typeCache.clear();
    typeCache.set(text, read);
  }
  return read;
}

/** Findings of typed records and thing references, by field index. */
export function typedRecords(fields: readonly PayloadField[], add: (index: number, f: Finding) => void): void {
  const types = new Map<string, RecordType[]>();
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') return;
    if (typeof field.value === 'string' && DEVICE_THING_WORDS.has(key) && OPAQUE_ID.test(field.value)) {
      add(index, finding(THING_REFERENCE, 'strong', ['device'], { of: 'structure', key }));
    }
    if (!TYPE_KEYS.has(key) || typeof field.value !== 'string' || field.value === '' || field.value.length > MAX_TYPE_LENGTH) return;
    const read = readType(field.value);
    if (!read.event && read.subject === undefined) return;
    const record = segmentsKey(field.segments.slice(0, -1), field);
    const list = types.get(record) ?? [];
    list.push({ sibling: key, text: field.value, ...read });
    types.set(record, list);
  });
  if (types.size === 0) return;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.value === null || typeof field.value === 'boolean') return;
    const own = types.get(segmentsKey(field.segments.slice(0, -1), field));
    const parent = field.segments[field.segments.length - 2];
    const body = typeof parent === 'string' && BODY_KEYS.has(parent) ? types.get(segmentsKey(field.segments.slice(0, -2), field)) : undefined;
    for (const type of own ?? []) {
      const facts = { of: 'structure', key, sibling: type.sibling, words: type.text };
      // When somebody did something, and what they did: unlike the time of a report.
      if (type.event && isTimeKey(key)) add(index, finding(TYPED_EVENT, 'strong', ['behaviour'], facts));
      // The type value itself names the act; `type` is otherwise negative vocabulary, so this is certain.
      if (type.act && key === type.sibling) add(index, finding(TYPED_EVENT, 'certain', ['behaviour'], facts));
    }
    for (const type of [...(own ?? []), ...(body ?? [])]) {
      if (type.subject === undefined || !SUBJECT_KEYS.has(key)) continue;
      const facts = { of: 'structure', key, sibling: type.sibling, words: type.text };
      if (type.subject === 'person') add(index, finding(TYPED_SUBJECT, 'strong', ['personal'], facts));
      else if (ID_KEYS.has(key)) add(index, finding(TYPED_SUBJECT, 'weak', ['device'], facts));
    }
  });
}
