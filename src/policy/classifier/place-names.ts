import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `place-name`: what a place of the home is called. The vocabulary reads `rooms[*].name` as a room
 * name; vendors also write a place's name as its `label`, `title` or `alias` (`subPlaces[*].label`), and
 * a map segment keeps its name beside its segment id (`metaData: {segmentId, name}`). Both are
 * location (docs/CORPUS.md: room and zone names the user gave). Weak: a value that shows what it is
 * wins. Reads only keys: memoised per payload shape.
 */
export const PLACE_NAME = 'place-name';

export const placeNameExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PLACE_NAME]: (f) =>
    f.facts.by === 'list'
      ? `"${f.facts.key}" of an entry in a list of ${f.facts.place}s (what a place of the home is called) → location`
      : `"${f.facts.key}" of a record with a ${f.facts.place} id (what a place of the home is called) → location`,
};

const PLACES = new Set(['place', 'room', 'zone', 'area', 'region', 'space', 'floor', 'segment']);
const LABELS = new Set(['label', 'title', 'alias', 'display_name', 'displayName']);
const NAMES = new Set(['name', ...LABELS]);

const placeLists = new Map<string, string | null>();
/** `subPlaces`, `rooms`, `workAreas`: the place a list's entries are, if its head word names one (plural). */
function placeOfList(raw: string): string | undefined {
  let place = placeLists.get(raw);
  if (place === undefined) {
    const head = readKey(raw).words.at(-1) ?? '';
    const one = singular(head);
    place = one !== head && PLACES.has(one) ? one : null;
    if (placeLists.size >= 5_000) placeLists.clear();
    placeLists.set(raw, place);
  }
  return place ?? undefined;
}

const placeIds = new Map<string, string | null>();
/** `segmentId`, `room_id`: a sibling that is the id of a place. */
function placeOfId(raw: string): string | undefined {
  let place = placeIds.get(raw);
  if (place === undefined) {
    const words = readKey(raw).words;
    const head = words.at(-1) ?? '';
    const before = words.at(-2) ?? '';
    place = (head === 'id' || head === 'ids') && PLACES.has(before) ? before : null;
    if (placeIds.size >= 5_000) placeIds.clear();
    placeIds.set(raw, place);
  }
  return place ?? undefined;
}

export function placeNames(fields: readonly ShapeField[], add: Add): void {
  let idsByRecord: Map<string, string> | undefined;
  for (const field of fields) {
    const key = field.segments.at(-1);
    if (typeof key !== 'string') continue;
    const place = placeOfId(key);
    if (place !== undefined) (idsByRecord ??= new Map()).set(parentPath(field), place);
  }
  fields.forEach((field, index) => {
    const key = field.segments.at(-1);
    if (typeof key !== 'string' || !NAMES.has(key) || field.kind !== 'string') return;
    const item = field.segments.at(-2);
    const list = field.segments.at(-3);
    if (LABELS.has(key) && typeof item === 'number' && typeof list === 'string') {
      const place = placeOfList(list);
      if (place !== undefined) return add(index, placeFinding(key, place, 'list'));
    }
    const place = idsByRecord?.get(parentPath(field));
    if (place !== undefined) add(index, placeFinding(key, place, 'id'));
  });
}

const found = new Map<string, Finding>();
function placeFinding(key: string, place: string, by: 'list' | 'id'): Finding {
  const cacheKey = `${key}\u0000${place}\u0000${by}`;
  let f = found.get(cacheKey);
  if (f === undefined) {
    f = finding(PLACE_NAME, 'weak', ['location'], { of: 'structure', key, place, by });
    found.set(cacheKey, f);
  }
  return f;
}
