import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { ShapeField } from './shape.js';
import { readKey, splitWords } from './words.js';

/**
 * `detected-person`: a camera or sensor saying that it saw a person — an object detector's label
 * (`predictions[*].label: "person"`), an event's type (`events[*].type: "human"`), a count of people
 * in view (`counts.person: 1`) — says somebody was there at that moment: presence, behaviour
 * (docs/CORPUS.md), whatever the vendor calls the field. The words are the classes object detectors
 * share (the COCO and Open Images class "person", "human", "face", "pedestrian") and the presence
 * values of Matter's Occupancy Sensing cluster ("occupied"); a label naming a car, a pet or a package
 * says nothing of a person. Only a short value under a key that names a class or a kind is read.
 */
export const DETECTED_PERSON = 'detected-person';

export const detectedPersonExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [DETECTED_PERSON]: (f) => `${f.facts.what} (somebody was there) → behaviour`,
};

type Add = (index: number, f: Finding) => void;

/** Keys whose value names what was seen: a class, a label, a kind of event. */
const CLASS_HEADS = new Set(['label', 'labels', 'type', 'class', 'classes', 'category', 'kind', 'object', 'objects',
  'detection', 'detections', 'detected', 'subtype', 'tag', 'tags', 'entity', 'entities', 'classification']);
/** Words that are not a class key, though they end like one: `deviceType`, `fileType`, `eventTypeName`. */
const NOT_CLASS = new Set(['device', 'file', 'content', 'mime', 'media', 'user', 'account', 'product', 'model', 'network',
  'sensor', 'camera', 'connection', 'token', 'grant', 'auth', 'image', 'video']);
/** The person classes of object detectors and the presence words of occupancy sensing. */
const PERSON_WORDS = new Set(['person', 'persons', 'people', 'human', 'humans', 'face', 'faces', 'pedestrian', 'pedestrians']);
/** Counts keyed by the class (`counts.person`, `person_count`, `human_num`). */
const COUNT_WORDS = new Set(['count', 'counts', 'num', 'number', 'total']);

type Reading = 'class' | 'count' | undefined;

/** Words that may stand before a class key's head: `eventType`, `object_class`, `sub_type`, `detectionLabel`. */
const CLASS_QUALIFIERS = new Set(['event', 'events', 'sub', 'object', 'detection', 'detected', 'class', 'label', 'alert', 'trigger', 'smart']);
/**
 * A class names what was seen only in a record of a sighting: one with a time (`time`, `start_time`,
 * `timestamp`) or a detector's score or box (`confidence`, `score`, `x_min`, `box`). A record typed
 * "person" with nothing of the kind (`friends[*].type`, `customerType`) is a person's record (people-lists).
 */
const SIGHTING_WORDS = new Set(['time', 'timestamp', 'ts', 'date', 'datetime', 'at', 'start', 'end', 'confidence', 'score',
  'probability', 'box', 'bbox', 'min', 'max', 'snapshot', 'thumbnail', 'frame', 'camera', 'zone', 'zones', 'area', 'region']);

const readings = new Map<string, Reading | null>();
function readingOf(raw: string, parent: string | undefined): Reading {
  const cacheKey = parent === undefined ? raw : `${raw}\u0000${parent}`;
  let reading = readings.get(cacheKey);
  if (reading === undefined) {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    reading = null;
    if (CLASS_HEADS.has(head) && words.slice(0, -1).every((w) => CLASS_QUALIFIERS.has(w))) reading = 'class';
    else if (words.some((w) => PERSON_WORDS.has(w)) && (words.some((w) => COUNT_WORDS.has(w)) || (parent !== undefined && readKey(parent).words.some((w) => COUNT_WORDS.has(w))))) reading = 'count';
    if (readings.size >= 5_000) readings.clear();
    readings.set(cacheKey, reading);
  }
  return reading ?? undefined;
}

const sightingKeys = new Map<string, boolean>();
function sightingKey(raw: string): boolean {
  let sighting = sightingKeys.get(raw);
  if (sighting === undefined) {
    sighting = readKey(raw).words.some((w) => SIGHTING_WORDS.has(w));
    if (sightingKeys.size >= 5_000) sightingKeys.clear();
    sightingKeys.set(raw, sighting);
  }
  return sighting;
}

function parentKey(field: ShapeField): string | undefined {
  const parent = field.segments[field.segments.length - 2];
  return typeof parent === 'string' ? parent : undefined;
}

/** A short value that names a person class (`"person"`, `"HUMAN"`, `"face_detected"`). */
function namesPerson(value: PayloadField['value']): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 32) return false;
  const words = splitWords(value);
  return words.length <= 3 && words.some((w) => PERSON_WORDS.has(w));
}

interface Plan {
  readonly classes: readonly number[];
  readonly counts: readonly number[];
}

/** Plan: strings under a class key in a record of a sighting, numbers under a count of people. */
export function planDetectedPeople(fields: readonly ShapeField[]): Plan | undefined {
  let sightings: Set<string> | undefined;
  let candidates: { index: number; reading: Reading; parent: string }[] | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') return;
    const parent = parentPath(field);
    if (sightingKey(key)) (sightings ??= new Set()).add(parent);
    const reading = readingOf(key, parentKey(field));
    if ((reading === 'class' && field.kind === 'string') || (reading === 'count' && field.kind === 'number')) (candidates ??= []).push({ index, reading, parent });
  });
  if (candidates === undefined) return undefined;
  const classes: number[] = [];
  const counts: number[] = [];
  for (const c of candidates) {
    if (c.reading === 'count') counts.push(c.index);
    else if (sightings?.has(c.parent) === true) classes.push(c.index);
  }
  return classes.length + counts.length === 0 ? undefined : { classes, counts };
}

export function detectDetectedPeople(plan: Plan, fields: readonly PayloadField[], _home: unknown, add: Add): void {
  for (const index of plan.classes) if (namesPerson(fields[index]?.value ?? null)) add(index, CLASS_FINDING);
  for (const index of plan.counts) if (typeof fields[index]?.value === 'number') add(index, COUNT_FINDING);
}

const CLASS_FINDING = finding(DETECTED_PERSON, 'certain', ['behaviour'], { of: 'structure', what: 'a detection naming a person' });
const COUNT_FINDING = finding(DETECTED_PERSON, 'strong', ['behaviour'], { of: 'structure', what: 'a count of people seen' });
