import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords, isTimeKey } from './key-detectors.js';
import { DEVICE_THING_WORDS, PERSON_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';
import { mayReferOrMode, recordPartExplanations, referenceOrMode } from './record-parts.js';
import { valueDetector, type ShapeField } from './shape.js';

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
  [TYPED_EVENT]: (f) => `${f.facts.key} of an event record (its ${f.facts.sibling} says "${f.facts.words}": somebody did something) → behaviour`,
  [TYPED_SUBJECT]: (f) => `"${f.facts.key}" of a record its sibling "${f.facts.sibling}" types as a ${f.facts.words} → ${f.categories.join(', ')}`,
  [THING_REFERENCE]: (f) => `key "${f.facts.key}" names a ${f.facts.key} and holds an opaque id → device`,
  ...recordPartExplanations,
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
export const MAX_TYPE_LENGTH = 64;
/** Children that hold a typed record's fields (JSON:API `attributes`). */
const BODY_KEYS = new Set(['attributes', 'properties']);
// `rid` is a reference's resource id beside its `rtype` (Hue CLIP v2 `owner: {rid, rtype: "device"}`).
const SUBJECT_KEYS = new Set(['id', 'rid', 'uuid', 'guid', 'name', 'displayName', 'display_name', 'nickname']);
export const ID_KEYS: ReadonlySet<string> = new Set(['id', 'rid', 'uuid', 'guid']);
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

/** A key naming a thing (`device`, `camera`) holding an opaque id: a reference to that unit. */
export const thingReferences = valueDetector(
  THING_REFERENCE,
  (fields) => candidates(fields, (field, key) => field.kind === 'string' && DEVICE_THING_WORDS.has(key)),
  (plan, fields, _home, add) => {
    for (const index of plan) {
      const field = fields[index];
      if (field !== undefined && typeof field.value === 'string' && OPAQUE_ID.test(field.value)) {
        add(index, finding(THING_REFERENCE, 'strong', ['device'], { of: 'structure', key: lastKey(field) }));
      }
    }
  },
);

/** A presence mode (`mode: "away"`) and the keys of a map of references (record-parts.ts). */
export const referencesAndModes = valueDetector(
  'reference-or-mode',
  (fields) => candidates(fields, mayReferOrMode),
  (plan, fields, _home, add) => {
    for (const index of plan) {
      const field = fields[index];
      const key = field?.segments[field.segments.length - 1];
      if (field !== undefined && typeof key === 'string' && typeof field.value === 'string') referenceOrMode(field, key, field.value, index, add);
    }
  },
);

const lastKey = (field: PayloadField): string => String(field.segments[field.segments.length - 1]);

/** Fields (by index) whose last segment is a key and which `fits`, in payload order; undefined when none. */
function candidates(fields: readonly ShapeField[], fits: (field: ShapeField, key: string) => boolean): number[] | undefined {
  let found: number[] | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key === 'string' && fits(field, key)) (found ??= []).push(index);
  });
  return found;
}

/**
 * What the shape says about typed records: the type fields of each record (their values are read per
 * payload) and the fields a type could speak for, with what their keys say.
 */
interface TypedPlan {
  /** Record path → indices of its type fields, in payload order. */
  readonly records: ReadonlyMap<string, readonly number[]>;
  readonly fields: readonly TypedCandidate[];
}

type TypedCandidate =
  | { readonly index: number; readonly item: true; readonly list: string; readonly record: string }
  | {
      readonly index: number;
      readonly item: false;
      readonly key: string;
      readonly own: string | undefined;
      readonly body: string | undefined;
      readonly time: boolean;
      readonly detection: boolean;
      readonly subject: boolean;
      readonly id: boolean;
    };

function planTypedRecords(fields: readonly ShapeField[]): TypedPlan | undefined {
  const records = new Map<string, number[]>();
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !TYPE_KEYS.has(key) || field.kind !== 'string') return;
    const record = prefixKey(field, -1);
    const list = records.get(record);
    if (list === undefined) records.set(record, [index]);
    else list.push(index);
  });
  if (records.size === 0) return undefined;
  const planned: TypedCandidate[] = [];
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (field.kind === 'null' || field.kind === 'boolean' || key === undefined) return;
    if (typeof key === 'number') {
      let at = field.segments.length - 1;
      while (at >= 0 && typeof field.segments[at] === 'number') at--;
      const list = field.segments[at];
      if (typeof list !== 'string' || !detectionKey(list)) return;
      const record = prefixKey(field, at);
      if (records.has(record)) planned.push({ index, item: true, list, record });
      return;
    }
    const ownRecord = prefixKey(field, -1);
    const parent = field.segments[field.segments.length - 2];
    const bodyRecord = typeof parent === 'string' && BODY_KEYS.has(parent) ? prefixKey(field, -2) : undefined;
    const own = records.has(ownRecord) ? ownRecord : undefined;
    const body = bodyRecord !== undefined && records.has(bodyRecord) ? bodyRecord : undefined;
    if (own === undefined && body === undefined) return;
    const isOwnId = ownId(key);
    const candidate = {
      index,
      item: false as const,
      key,
      own,
      body,
      time: isTimeKey(key),
      detection: detectionKey(key),
      subject: SUBJECT_KEYS.has(key) || isOwnId,
      id: ID_KEYS.has(key) || isOwnId,
    };
    // Only a type's own key (`type` itself), a time, a detection or a subject key can be spoken for.
    if (candidate.time || candidate.detection || candidate.subject || TYPE_KEYS.has(key)) planned.push(candidate);
  });
  return planned.length === 0 ? undefined : { records, fields: planned };
}

/** The types of each record of this payload, from its type fields' values; only those that say something. */
function recordTypes(plan: TypedPlan, fields: readonly PayloadField[]): Map<string, RecordType[]> {
  const types = new Map<string, RecordType[]>();
  for (const [record, indices] of plan.records) {
    for (const index of indices) {
      const field = fields[index];
      const sibling = field?.segments[field.segments.length - 1];
      if (field === undefined || typeof sibling !== 'string' || typeof field.value !== 'string') continue;
      if (field.value === '' || field.value.length > MAX_TYPE_LENGTH) continue;
      const read = readType(field.value);
      if (!read.event && read.subject === undefined) continue;
      const list = types.get(record);
      if (list === undefined) types.set(record, [{ sibling, ...read }]);
      else list.push({ sibling, ...read });
    }
  }
  return types;
}

/** Findings of typed records (a type field's value says what its siblings are), by field index. */
export const typedRecords = valueDetector(TYPED_EVENT, planTypedRecords, (plan, fields, _home, add) => {
  const types = recordTypes(plan, fields);
  if (types.size === 0) return;
  for (const candidate of plan.fields) {
    const index = candidate.index;
    if (candidate.item) {
      for (const type of types.get(candidate.record) ?? []) {
        if (type.event) add(index, finding(TYPED_EVENT, 'certain', ['behaviour'], { of: 'structure', key: candidate.list, sibling: type.sibling, words: type.word }));
      }
      continue;
    }
    const { key } = candidate;
    const own = candidate.own === undefined ? undefined : types.get(candidate.own);
    const body = candidate.body === undefined ? undefined : types.get(candidate.body);
    for (const type of own ?? []) {
      const facts = { of: 'structure', key, sibling: type.sibling, words: type.word };
      // When somebody did something, and what they did: unlike the time of a report.
      if (type.event && candidate.time) add(index, finding(TYPED_EVENT, 'strong', ['behaviour'], facts));
      // The type value itself names the act; `type` is otherwise negative vocabulary, so this is certain.
      if (type.act && key === type.sibling && !FORMAT_MARKERS.has(key)) add(index, finding(TYPED_EVENT, 'certain', ['behaviour'], facts));
      // What the event saw (`smartDetectTypes: ["person"]`, `detectedObjects`): what somebody was doing there.
      else if (type.event && candidate.detection) add(index, finding(TYPED_EVENT, 'certain', ['behaviour'], facts));
    }
    for (const type of [...(own ?? []), ...(body ?? [])]) {
      if (type.subject === undefined || !candidate.subject) continue;
      const facts = { of: 'structure', key, sibling: type.sibling, words: type.word };
      if (type.subject === 'person') add(index, finding(TYPED_SUBJECT, 'strong', ['personal'], facts));
      else if (candidate.id) add(index, finding(TYPED_SUBJECT, 'weak', ['device'], facts));
    }
  }
});

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
