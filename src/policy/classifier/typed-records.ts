import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import { DEVICE_THING_WORDS, PERSON_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';
import { recordPartExplanations, referenceOrMode } from './record-parts.js';

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
export const TYPED_ID = 'typed-id';

export const typedRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [TYPED_EVENT]: (f) => `${f.facts.key} of an event record (its ${f.facts.sibling} says "${f.facts.words}": somebody did something) → behaviour`,
  [TYPED_SUBJECT]: (f) => `"${f.facts.key}" of a record its sibling "${f.facts.sibling}" types as a ${f.facts.words} → ${f.categories.join(', ')}`,
  [THING_REFERENCE]: (f) => `key "${f.facts.key}" names a ${f.facts.key} and holds an opaque id → device`,
  ...recordPartExplanations,
  [TYPED_ID]: (f) => `sibling ${f.facts.sibling} says "${f.facts.key}" is a ${f.facts.words} → ${f.categories.join(', ')}`,
};

/** Keys whose value is the record's type or class. */
const TYPE_KEYS = new Set(['type', '_type', 'rtype', 'kind', 'modelKey', 'model_key', 'objectType', 'object_type', '@type', 'resourceType',
  'resource_type', 'entityType', 'entity_type', 'eventType', 'event_type']);
/**
 * Words of a type value that report an act of a person (a card scanned, a face identified, a button
 * pressed, a door unlocked): the record is an event and its type says what was done. Words that also name
 * devices (`lock`, `motion`, `button`) are left out: `type: "lock"` is a device class.
 */
const ACT_WORDS = new Set(['scanned', 'detected', 'detect', 'detection', 'identified', 'recognized', 'recognised',
  'pressed', 'press', 'rang', 'ring', 'opened', 'unlocked', 'locked', 'arrived', 'departed', 'entered', 'exited',
  'triggered', 'access', 'tapped', 'swiped', 'unlock',
  // A doorbell's press (`kind: "ding"`) and a person's region transition (OwnTracks `_type: "transition"`).
  'ding', 'transition']);
/** Marks of a message's format (`_type`, `@type`): they say what the record is, not what a person did. */
const FORMAT_MARKERS = new Set(['_type', '@type']);
/** Type values are short names; longer texts are descriptions, not types. */
const MAX_TYPE_LENGTH = 64;
/** Children that hold a typed record's fields (JSON:API `attributes`). */
const BODY_KEYS = new Set(['attributes', 'properties']);
// `rid` is a reference's resource id beside its `rtype` (Hue CLIP v2 `owner: {rid, rtype: "device"}`).
const SUBJECT_KEYS = new Set(['id', 'rid', 'uuid', 'guid', 'name', 'displayName', 'display_name', 'nickname']);
const ID_KEYS = new Set(['id', 'rid', 'uuid', 'guid']);
/** `contact` types a door contact sensor as often as an address-book entry: it types no person here. */
const AMBIGUOUS_PERSON_TYPES = new Set(['contact']);
/** Hex of 12 or more digits, or a UUID: an opaque id, not a name someone gave. */
const OPAQUE_ID = /^(?:[0-9a-f]{12,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

interface RecordType {
  readonly sibling: string;
  /** The vocabulary word the type was read by (`scanned`, `person`): explanations never quote the value. */
  readonly word: string;
  readonly event: boolean;
  readonly act: boolean;
  readonly subject: 'person' | 'device' | undefined;
}

const typeCache = new Map<string, Omit<RecordType, 'sibling'>>();

function readType(text: string): Omit<RecordType, 'sibling'> {
  let read = typeCache.get(text);
  if (read === undefined) {
    const words = readKey(text, false).words;
    const last = singular(words[words.length - 1] ?? '');
    const actWord = words.find((w) => ACT_WORDS.has(w));
    const subject = PERSON_WORDS.has(last) && !AMBIGUOUS_PERSON_TYPES.has(last) ? 'person' : DEVICE_THING_WORDS.has(last) ? 'device' : undefined;
    read = {
      event: actWord !== undefined || words.includes('event'),
      act: actWord !== undefined,
      subject,
      word: actWord ?? (subject === undefined ? 'event' : last),
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
    if (typeof field.value === 'string') referenceOrMode(field, key, field.value, index, add);
    if (!TYPE_KEYS.has(key) || typeof field.value !== 'string' || field.value === '' || field.value.length > MAX_TYPE_LENGTH) return;
    const read = readType(field.value);
    if (!read.event && read.subject === undefined) return;
    const record = prefixKey(field, -1);
    const list = types.get(record) ?? [];
    list.push({ sibling: key, ...read });
    types.set(record, list);
  });
  if (types.size === 0) return;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (field.value === null || typeof field.value === 'boolean') return;
    if (typeof key === 'number') {
      detectedItem(field, types, (f) => add(index, f));
      return;
    }
    if (key === undefined) return;
    const own = types.get(prefixKey(field, -1));
    const parent = field.segments[field.segments.length - 2];
    const body = typeof parent === 'string' && BODY_KEYS.has(parent) ? types.get(prefixKey(field, -2)) : undefined;
    for (const type of own ?? []) {
      const facts = { of: 'structure', key, sibling: type.sibling, words: type.word };
      // When somebody did something, and what they did: unlike the time of a report.
      if (type.event && isTimeKey(key)) add(index, finding(TYPED_EVENT, 'strong', ['behaviour'], facts));
      // The type value itself names the act; `type` is otherwise negative vocabulary, so this is certain.
      if (type.act && key === type.sibling && !FORMAT_MARKERS.has(key)) add(index, finding(TYPED_EVENT, 'certain', ['behaviour'], facts));
      // What the event saw (`smartDetectTypes: ["person"]`, `detectedObjects`): what somebody was doing there.
      else if (type.event && detectionKey(key)) add(index, finding(TYPED_EVENT, 'certain', ['behaviour'], facts));
    }
    for (const type of [...(own ?? []), ...(body ?? [])]) {
      if (type.subject === undefined || !(SUBJECT_KEYS.has(key) || ownId(key))) continue;
      const facts = { of: 'structure', key, sibling: type.sibling, words: type.word };
      if (type.subject === 'person') add(index, finding(TYPED_SUBJECT, 'strong', ['personal'], facts));
      else if (ID_KEYS.has(key) || ownId(key)) add(index, finding(TYPED_SUBJECT, 'weak', ['device'], facts));
    }
  });
}

/** An item of a list in an event record (`smartDetectTypes: ["person", "vehicle"]`): what the event saw. */
function detectedItem(field: PayloadField, types: ReadonlyMap<string, RecordType[]>, add: (f: Finding) => void): void {
  let at = field.segments.length - 1;
  while (at >= 0 && typeof field.segments[at] === 'number') at--;
  const list = field.segments[at];
  if (typeof list !== 'string' || !detectionKey(list)) return;
  for (const type of types.get(prefixKey(field, at)) ?? []) {
    if (type.event) add(finding(TYPED_EVENT, 'certain', ['behaviour'], { of: 'structure', key: list, sibling: type.sibling, words: type.word }));
  }
}

const DETECTION_WORDS = new Set(['detect', 'detected', 'detection', 'detections', 'recognized', 'recognised', 'recognition']);
function detectionKey(key: string): boolean {
  return readKey(key).words.some((w) => DETECTION_WORDS.has(w));
}

/**
 * An id under a word the vocabulary does not know (`ulpId`, `xyzUuid`): a record's own id written with
 * the vendor's prefix. An id of something the vocabulary knows (`deviceId`, `locationId`) points elsewhere.
 */
function ownId(key: string): boolean {
  const words = readKey(key).words;
  const head = words[words.length - 1];
  if (words.length < 2 || head === undefined || !ID_KEYS.has(head)) return false;
  return detectKeyWords(readKey(words.slice(0, -1).join('_'))).length === 0 && !words.some((w) => DEVICE_THING_WORDS.has(w) || PERSON_WORDS.has(w));
}

/** An `eventType` says what happened; the `eventId` beside it is the event's own record id, not a tag's. */
const RECORD_WORDS = new Set(['event', 'activity', 'message', 'record', 'session', 'log', 'request', 'transaction',
  'notification', 'alert', 'job', 'task']);

/** `registryType: "nfc"` beside `registryId`: the pair says what the id is (`nfc id` → a tag's id). */
export function typedIds(fields: readonly PayloadField[], add: (index: number, f: Finding) => void): void {
  const types = new Map<string, { sibling: string; text: string }>();
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || typeof field.value !== 'string' || field.value === '' || field.value.length > MAX_TYPE_LENGTH) continue;
    const words = readKey(key).words;
    if (words.length < 2 || words[words.length - 1] !== 'type' || words.some((w) => RECORD_WORDS.has(w))) continue;
    types.set(`${prefixKey(field, -1)}\u0000${words.slice(0, -1).join(' ')}`, { sibling: key, text: field.value });
  }
  if (types.size === 0) return;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.value === null || typeof field.value === 'boolean') return;
    const words = readKey(key).words;
    const head = words[words.length - 1];
    if (words.length < 2 || head === undefined || !ID_KEYS.has(head)) return;
    const type = types.get(`${prefixKey(field, -1)}\u0000${words.slice(0, -1).join(' ')}`);
    if (type === undefined) return;
    for (const f of detectKeyWords(readKey(`${type.text} id`))) {
      if (f.signal !== 'strong' || f.categories.length === 0) continue;
      add(index, finding(TYPED_ID, 'strong', f.categories, { of: 'structure', key, sibling: type.sibling, words: f.facts.words ?? 'known id' }));
    }
  });
}
