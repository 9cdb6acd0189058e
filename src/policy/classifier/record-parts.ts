import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { DEVICE_THING_WORDS, PERSON_WORDS } from './vocabulary.js';
import type { Add, FieldPlace, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * Fields whose meaning is in their record's other parts: a region beside a city, a mode that says
 * whether anybody is home, and the keys of a map of references (`entities: {device, house}`).
 */
export const ADDRESS_PART = 'address-part';
export const PRESENCE_MODE = 'presence-mode';
export const REFERENCE = 'reference';
export const UTTERANCE_WORDS = 'utterance-words';

export const recordPartExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PRESENCE_MODE]: (f) => `"${f.facts.key}" holds a presence value (home, away…): whether somebody is in → behaviour`,
  [REFERENCE]: (f) =>
    f.facts.linked !== undefined
      ? `"${f.facts.key}" in "${f.facts.parent}" links to a ${f.facts.linked} by its id → ${f.categories.join(', ')}`
      : `"${f.facts.key}" in "${f.facts.parent}" refers to a ${f.facts.key} → ${f.categories.join(', ')}`,
  [UTTERANCE_WORDS]: (f) => `"${f.facts.key}" beside "${f.facts.sibling}": the words somebody said → media, behaviour`,
  [ADDRESS_PART]: (f) =>
    f.facts.postal !== undefined
      ? `"${f.facts.key}" beside "${f.facts.sibling}" is an address's postal index number, not a secret → location`
      : `"${f.facts.key}" beside "${f.facts.sibling}" is part of an address → location`,
};

/** Parts of an address that name a place only beside the rest of it (`state: "CA"` next to a city). */
const REGION_KEYS = new Set(['state', 'region', 'province', 'county', 'prefecture', 'administrativearea', 'stateprovince']);
const ADDRESS_KEYS = new Set(['city', 'town', 'locality', 'street', 'streetaddress', 'address', 'addressline', 'zip',
  'zipcode', 'postcode', 'postalcode', 'line']);

/**
 * India's postal code is the PIN (postal index number): a `pin` beside a street or a city is the address's
 * code, not an entry PIN, so its credentials reading is vetoed. Strings or numbers, as postal codes come.
 */
const POSTAL_PIN_KEYS = new Set(['pin', 'pincode', 'pinnumber']);

/** A region next to a city, a street or a postal code is where somebody lives: location (docs/CORPUS.md). */
export function addressParts(fields: readonly ShapeField[], add: Add): void {
  const records = new Map<string, string>();
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind !== 'string') continue;
    if (ADDRESS_KEYS.has(readKey(key).joined)) records.set(prefixKey(field, -1), key);
  }
  if (records.size === 0) return;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || (field.kind !== 'string' && field.kind !== 'number')) return;
    const joined = readKey(key).joined;
    const postal = POSTAL_PIN_KEYS.has(joined);
    if (!postal && (field.kind !== 'string' || !REGION_KEYS.has(joined))) return;
    const sibling = records.get(prefixKey(field, -1));
    if (sibling === undefined) return;
    if (!postal) {
      add(index, finding(ADDRESS_PART, 'strong', ['location'], { of: 'structure', key, sibling }));
      return;
    }
    add(index, finding(ADDRESS_PART, 'strong', ['location'], { of: 'structure', key, sibling, postal: 'yes' }));
    add(index, finding(ADDRESS_PART, 'veto', ['credentials'], { of: 'structure', key, sibling, postal: 'yes' }));
  });
}

/** A home's mode or a person's state that says whether anybody is in (`mode: "away"`, `status: "home"`). */
const MODE_KEYS = new Set(['mode', 'state', 'status', 'presence', 'home mode', 'home state', 'occupancy mode', 'location mode']);
const PRESENCE_VALUES = new Set(['home', 'away', 'vacation', 'holiday', 'not_home', 'nothome', 'present', 'absent',
  'at_home', 'athome', 'arrived', 'left', 'asleep']);
/** Maps of references (`entities: {device: "…", house: "…"}`): each key names what its id points at. */
const REFERENCE_PARENTS = new Set(['entities', 'refs', 'references', 'relationships', 'links', 'related']);
const HOME_WORDS = new Set(['house', 'home', 'household', 'residence']);

/** A key's words as one phrase (`home mode`), read for every string field of a payload: memoised. */
const phrases = new BoundedMemo<string>(8192, 256);
const phraseOf = (key: string): string => readKey(key).words.join(' ');

/** Shape part of `referenceOrMode`: only a non-empty string under a mode key or in a map of references can be either. */
export function mayReferOrMode(field: ShapeField, key: string): boolean {
  if (field.kind !== 'string') return false;
  const parent = field.segments[field.segments.length - 2];
  return MODE_KEYS.has(phrases.get(key, phraseOf)) || (typeof parent === 'string' && REFERENCE_PARENTS.has(parent));
}

export function referenceOrMode(field: FieldPlace, key: string, value: string, index: number, add: Add): void {
  const joined = phrases.get(key, phraseOf);
  if (MODE_KEYS.has(joined) && PRESENCE_VALUES.has(value.toLowerCase())) {
    add(index, finding(PRESENCE_MODE, 'strong', ['behaviour'], { of: 'structure', key }));
    return;
  }
  const parent = field.segments[field.segments.length - 2];
  if (typeof parent !== 'string' || !REFERENCE_PARENTS.has(parent) || value === '' || value.includes(' ')) return;
  const facts = { of: 'structure', key, parent };
  if (value.includes('/')) {
    // A link (JSON:API and HAL `links: {self, related}`) names what it points at by its path, not by its key.
    const linked = linkedThing(value);
    if (linked !== undefined) add(index, finding(REFERENCE, 'strong', [linked.category], { ...facts, linked: linked.word }));
    return;
  }
  const word = singular(joined);
  if (DEVICE_THING_WORDS.has(word)) add(index, finding(REFERENCE, 'strong', ['device'], facts));
  else if (HOME_WORDS.has(word) || (PERSON_WORDS.has(word) && word !== 'contact')) add(index, finding(REFERENCE, 'strong', ['personal'], facts));
}

const URL_AUTHORITY = /^[a-z][a-z0-9+.-]{1,15}:\/\/[^/?#]*/i;
const ID_SEGMENT = /^(?=[^/]*\d)[\w.:~-]{4,}$/;
/**
 * What a link's URL or path points at: the collection an id follows (`/vehicles/<id>/signals` is a vehicle's,
 * `/users/<id>` a person's), read like a REST path. The first collection followed by an id speaks.
 */
function linkedThing(value: string): { category: 'device' | 'personal'; word: string } | undefined {
  const parts = value.replace(URL_AUTHORITY, '').split(/[?#]/, 1)[0]?.split('/') ?? [];
  for (let i = 0; i + 1 < parts.length && i < 16; i++) {
    const collection = parts[i] ?? '';
    if (collection === '' || !ID_SEGMENT.test(parts[i + 1] ?? '')) continue;
    const words = phrases.get(collection, phraseOf).split(' ');
    const word = singular(words[words.length - 1] ?? '');
    if (DEVICE_THING_WORDS.has(word)) return { category: 'device', word };
    if (HOME_WORDS.has(word) || PERSON_WORDS.has(word)) return { category: 'personal', word };
  }
  return undefined;
}

/** Records of recognised speech (Rhasspy, Snips, Rasa): an intent or a transcript beside the word lists. */
const SPEECH_SIBLINGS = new Set(['intent', 'transcript', 'transcription', 'utterance', 'raw_text', 'rawText', 'raw_input', 'rawInput']);
const WORD_LIST_HEADS = new Set(['tokens', 'words']);

/**
 * `tokens: ["what", "time", "is", "it"]` beside an `intent`: the utterance split into words is what was
 * said (media) and a command (behaviour), not a list of auth tokens.
 */
export function utteranceWords(fields: readonly ShapeField[], add: Add): void {
  const records = new Map<string, string>();
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key === 'string' && SPEECH_SIBLINGS.has(key)) records.set(prefixKey(field, -1), key);
    const parent = field.segments[field.segments.length - 2];
    if (typeof key === 'string' && typeof parent === 'string' && SPEECH_SIBLINGS.has(parent)) records.set(prefixKey(field, -2), parent);
  }
  if (records.size === 0) return;
  fields.forEach((field, index) => {
    const item = field.segments[field.segments.length - 1];
    const list = field.segments[field.segments.length - 2];
    if (typeof item !== 'number' || typeof list !== 'string' || (field.kind !== 'string' && field.kind !== 'empty')) return;
    const words = readKey(list).words;
    if (!WORD_LIST_HEADS.has(words[words.length - 1] ?? '')) return;
    const sibling = records.get(prefixKey(field, -2));
    if (sibling === undefined) return;
    add(index, finding(UTTERANCE_WORDS, 'strong', ['media', 'behaviour'], { of: 'structure', key: list, sibling }));
    // The record says what the list is: the weak reading of `tokens` as secrets yields.
    add(index, finding(UTTERANCE_WORDS, 'veto', [], { of: 'structure', key: list, sibling }, 'weak'));
  });
}
