import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `sighted-subject`: a camera's record of a person or a vehicle it saw and *described* — what they wore and
 * carried, their estimated sex and age, a vehicle's type, colour and plate — is about somebody the payload
 * does not show to be the owner: a passer-by, a visitor, a car in the street (LABELLING.md: people
 * recognised by a camera are third parties). The description's words are the attributes public video
 * analytics schemas give a sighted object: ONVIF Profile M's human body, face, vehicle and licence plate
 * classes and their appearance descriptors (clothing and its colour, accessories: hat, glasses, mask, bag),
 * NVIDIA DeepStream's person, face and vehicle objects (gender, age, hair, cap, apparel, glasses, facial
 * hair, eye colour; vehicle type, make, colour, licence) and AXIS Scene Metadata's human attributes
 * (upper and lower clothing colours, carries a bag).
 *
 * A record is a sighting when it holds a detector's figure (a score, a likelihood, a confidence, a region of
 * interest or a box) and either two such attributes or a plate number. Then the attributes are third_party
 * (a sex or an age also stays personal), the time the subject was seen is behaviour and third_party (a person
 * detection's time is behaviour, docs/CORPUS.md), its direction of travel is behaviour and third_party, and
 * the record's picture and plate ride third_party on what they already are (media, device). A bare
 * detection (`label: "person"` with a score, as Frigate's) describes nobody and is left to detected-person:
 * presence, not a person's data. Reads only keys and value kinds: memoised per payload shape.
 */
export const SIGHTED_SUBJECT = 'sighted-subject';

export const sightingExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SIGHTED_SUBJECT]: (f) =>
    f.signal === 'veto'
      ? 'an id of a camera\'s detection (the sighting\'s own), not a person\'s (not personal)'
      : f.facts.rides !== undefined
      ? `the ${f.facts.part} of a camera's sighting of somebody it described (${f.facts.count} attributes such as "${f.facts.attribute}") → third_party`
      : f.facts.part === 'time' || f.facts.part === 'direction'
      ? `when or which way a person or vehicle a camera described was seen (${f.facts.count} attributes such as "${f.facts.attribute}") → behaviour, third_party`
      : `what a camera saw of a person or a vehicle it described (${f.facts.count} attributes such as "${f.facts.attribute}") → third_party`,
};

/** The appearance of a sighted person or vehicle, by the schemas above (read after the key tokeniser). */
const APPEARANCE = new Set(['gender', 'sex', 'age', 'age group', 'age type', 'age range', 'hat', 'cap', 'glasses', 'sunglasses', 'mask',
  'bag', 'backpack', 'carries bag', 'clothes', 'clothing', 'apparel', 'tops', 'bottoms', 'upper clothing', 'lower clothing',
  'upper clothing color', 'lower clothing color', 'upper clothing colors', 'lower clothing colors', 'hair', 'hair color', 'facial hair',
  'beard', 'eye color', 'color', 'colors', 'colour', 'colours', 'vehicle type', 'vehicle color', 'vehicle make', 'make', 'accessories']);
/** What identifies a sighted vehicle by itself. */
const PLATE = new Set(['plate', 'plate number', 'license plate', 'licence plate', 'license', 'licence', 'license number', 'registration']);
/** Containers of a description: `attributes.clothes[*].colors[*]` describes the record above them. */
const DESCRIPTION = new Set(['attributes', 'attribute', 'attrs', 'appearance', 'features', 'details', 'description', 'clothes', 'clothing',
  'apparel', 'colors', 'colours', 'accessories', 'tops', 'bottoms', 'properties']);
/** A detector's figures: what makes a record a detection rather than somebody's profile. */
const SHAPES = new Set(['roi', 'box', 'bbox', 'bounding box', 'rect', 'region']);
const FIGURES = new Set(['score', 'likelihood', 'confidence', 'probability', ...SHAPES]);
const TIME_WORDS = new Set(['time', 'timestamp', 'ts', 'date', 'datetime', 'begin', 'start', 'end']);
const NOT_TIME = new Set(['created', 'updated', 'modified', 'expires', 'expiry', 'server', 'received']);
const PICTURE = new Set(['image', 'images', 'picture', 'pictures', 'photo', 'photos', 'snapshot', 'snapshots', 'thumbnail', 'thumb']);

/** A detection's own ids (`objId`, `parentId`, `trackId`): the sighting's, not the subject's identity. */
const OWN_IDS = new Set(['id', 'obj id', 'object id', 'parent id', 'track id', 'tracking id', 'event id', 'detection id']);

type Role = 'appearance' | 'plate' | 'figure' | 'time' | 'direction' | 'picture' | 'own id' | 'other';
const roles = new BoundedMemo<Role>(5_000, 256);
function roleOf(raw: string): Role {
  return roles.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    if (APPEARANCE.has(joined)) return 'appearance';
    if (PLATE.has(joined)) return 'plate';
    if (FIGURES.has(joined) || FIGURES.has(words[words.length - 1] ?? '')) return 'figure';
    if (PICTURE.has(words[words.length - 1] ?? '') || PICTURE.has(words[0] ?? '')) return 'picture';
    if (joined === 'direction') return 'direction';
    if (OWN_IDS.has(joined)) return 'own id';
    if (words.some((w) => TIME_WORDS.has(w)) && !words.some((w) => NOT_TIME.has(w))) return 'time';
    return 'other';
  });
}

const descriptions = new BoundedMemo<boolean>(5_000, 256);
function describes(raw: string): boolean {
  return descriptions.get(raw, () => DESCRIPTION.has(singular(readKey(raw).words.join(' '))) || DESCRIPTION.has(readKey(raw).words.join(' ')));
}

/**
 * Where a field stands towards the record it belongs to: the record's path, whether it sits inside a
 * description (`attributes.*`), and its own key's role (the nearest key above an index for `colors[0]`).
 */
function placeOf(field: ShapeField): { record: string; described: boolean; role: Role } | undefined {
  const segments = field.segments;
  let at = segments.length - 1;
  while (at >= 0 && typeof segments[at] === 'number') at--;
  const key = segments[at];
  if (typeof key !== 'string') return undefined;
  const role = roleOf(key);
  // Climb over descriptions and their lists to the record they describe.
  let top = at;
  let described = false;
  for (let i = at - 1; i >= 0; i--) {
    const segment = segments[i];
    if (typeof segment === 'number') continue;
    if (segment !== undefined && describes(segment)) {
      described = true;
      top = i;
      continue;
    }
    break;
  }
  return { record: prefixKey(field, top), described, role };
}

interface Sighting {
  readonly attributes: Set<string>;
  figure: boolean;
  plate: boolean;
  attribute: string;
}

export function sightedSubjects(fields: readonly ShapeField[], add: Add): void {
  // Most payloads describe nobody: one cached key reading per field decides that before any path is built.
  if (!fields.some(describesSubject)) return;
  let records: Map<string, Sighting> | undefined;
  const places: ({ record: string; described: boolean; role: Role; key: string } | undefined)[] = [];
  for (const field of fields) {
    const place = field.kind === 'null' || field.kind === 'empty' ? undefined : placeOf(field);
    const key = lastKey(field);
    places.push(place === undefined || key === undefined ? undefined : { ...place, key });
    // A box or region of interest is a record's figure however deep its numbers sit (`roi.offset[0]`).
    for (let i = 0; i < field.segments.length - 1; i++) {
      const segment = field.segments[i];
      if (typeof segment !== 'string' || roleOf(segment) !== 'figure') continue;
      records ??= new Map();
      const owner = prefixKey(field, i);
      const sighting = records.get(owner) ?? { attributes: new Set<string>(), figure: false, plate: false, attribute: '' };
      sighting.figure = true;
      records.set(owner, sighting);
    }
    if (place === undefined || key === undefined || (place.role !== 'appearance' && place.role !== 'plate' && place.role !== 'figure')) continue;
    // A box or region is a figure as a record of coordinates (above); a scalar named so (`region: "CA"`) is an address's part.
    if (place.role === 'figure' && SHAPES.has(readKey(key).words.join(' ')) && field.segments[field.segments.length - 1] === key) continue;
    records ??= new Map();
    const sighting = records.get(place.record) ?? { attributes: new Set<string>(), figure: false, plate: false, attribute: '' };
    if (place.role === 'appearance') {
      sighting.attributes.add(readKey(key).words.join(' '));
      if (sighting.attribute === '') sighting.attribute = readKey(key).words.join(' ');
    } else if (place.role === 'plate') {
      sighting.plate = true;
      if (sighting.attribute === '') sighting.attribute = 'plate number';
    } else sighting.figure = true;
    records.set(place.record, sighting);
  }
  if (records === undefined) return;
  places.forEach((place, index) => {
    if (place === undefined) return;
    const sighting = records?.get(place.record);
    if (sighting === undefined || !sighting.figure || (sighting.attributes.size < 2 && !sighting.plate)) return;
    const count = String(sighting.attributes.size + (sighting.plate ? 1 : 0));
    const facts = { of: 'structure', count, attribute: sighting.attribute };
    if (place.described || place.role === 'appearance') add(index, findingFor(place.described ? 'described' : 'attribute', facts));
    else if (place.role === 'time' || place.role === 'direction') add(index, findingFor(place.role, facts));
    else if (place.role === 'picture' || place.role === 'plate') add(index, findingFor(place.role, facts));
    else if (place.role === 'own id') add(index, NOT_A_PERSON);
  });
}

function describesSubject(field: ShapeField): boolean {
  const key = lastKey(field);
  if (key === undefined) return false;
  const role = roleOf(key);
  return role === 'appearance' || role === 'plate';
}

function lastKey(field: ShapeField): string | undefined {
  for (let i = field.segments.length - 1; i >= 0; i--) {
    const segment = field.segments[i];
    if (typeof segment === 'string') return segment;
  }
  return undefined;
}

/** A record typed `face` makes its ids look like a person's (typed-records.ts); a sighting's are the detection's. */
const NOT_A_PERSON = finding(SIGHTED_SUBJECT, 'veto', ['personal'], { of: 'structure', part: 'own id', count: '', attribute: '' });

const findings = new BoundedMemo<Finding>(1_024, 64);
function findingFor(part: 'described' | 'attribute' | 'time' | 'direction' | 'picture' | 'plate', facts: { of: string; count: string; attribute: string }): Finding {
  return findings.get(`${part}\u0000${facts.count}\u0000${facts.attribute}`, () => {
    // Inside the description every leaf is the subject's (`clothes[*].length`, `mask`): nothing vetoes it, as a scan entry's.
    if (part === 'described') return finding(SIGHTED_SUBJECT, 'certain', ['third_party'], { ...facts, part: 'attribute' });
    if (part === 'attribute') return finding(SIGHTED_SUBJECT, 'strong', ['third_party'], { ...facts, part });
    if (part === 'time' || part === 'direction') return finding(SIGHTED_SUBJECT, 'strong', ['behaviour', 'third_party'], { ...facts, part });
    return finding(SIGHTED_SUBJECT, 'strong', ['third_party'], { ...facts, part: part === 'plate' ? 'plate number' : 'picture', rides: 'sighting' });
  });
}
