import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `recording-tree`: a recording whose parts are records of their own — schema.org MusicRecording's
 * `inAlbum` (a MusicAlbum) and `byArtist` (a MusicGroup or Person), a PodcastEpisode's `partOfSeries`, the
 * shape of most streaming APIs (`item: {album: {…}, artists: [{…}]}`) — is what somebody plays or played
 * (docs/CORPUS.md: media being watched or played is behaviour). `playing-record` reads parts that are plain
 * keys beside a title; this reads parts that are records:
 * - a record with two parts among its children (an album and artists), or one part under a key naming a
 *   recording (`track: {album: {…}}`, `episode: {show: {…}}`), is a recording;
 * - the names, titles, ids and locators anywhere inside it (the album's id, an artist's URI, the cover's URL,
 *   a record of links such as `external_urls.*`) are behaviour; its catalogue facts (durations, numbers,
 *   dates, popularity, markets, kinds, picture sizes) are not;
 * - beside the recording, how far playback got and when it was played (`progress`, `played_at`, `is_playing`)
 *   and a record made only of locators and a kind (where it was played from: a playlist, an album, a
 *   collection) are behaviour too.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const RECORDING_TREE = 'recording-tree';

export const recordingTreeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RECORDING_TREE]: (f) =>
    f.facts.role === 'inside'
      ? `name, id or locator inside a recording made of records (its ${f.facts.parts}): what somebody plays → behaviour`
      : f.facts.role === 'act'
        ? `how far or when a recording made of records (its ${f.facts.parts}) was played → behaviour`
        : `locator of what a recording made of records (its ${f.facts.parts}) was played from → behaviour`,
};

/** Parts of a recording that are records of their own (schema.org inAlbum, byArtist, partOfSeries; DIDL-Lite). */
const PART_WORDS: ReadonlyMap<string, string> = new Map([
  ['album', 'album'], ['albums', 'album'], ['artist', 'artist'], ['artists', 'artist'], ['show', 'show'], ['series', 'show'],
  ['podcast', 'show'], ['composer', 'composer'], ['composers', 'composer'], ['performer', 'artist'], ['performers', 'artist'],
  ['station', 'station'], ['playlist', 'playlist'],
]);
/** Keys that name a recording itself: one part under one of them is enough. */
const RECORDING_WORDS = new Set(['track', 'song', 'episode', 'recording', 'tune', 'chapter', 'audiobook']);
/** The last word of a key that names or points at something: a name, a title, an id or a locator. */
const IDENTITY_WORDS = new Set(['name', 'title', 'id', 'uri', 'url', 'href', 'link', 'isrc', 'upc', 'ean', 'mbid', 'guid']);
/** A record of locators (`external_urls: {spotify: …}`): every string in it points at the recording. */
const LOCATOR_RECORDS = new Set(['urls', 'uris', 'links', 'ids', 'hrefs']);
/** Catalogue facts and the player's own: never the listener's doing, wherever they sit. */
const CATALOGUE_WORDS = new Set(['duration', 'length', 'number', 'date', 'year', 'popularity', 'market', 'markets', 'type',
  'kind', 'width', 'height', 'size', 'count', 'total', 'explicit', 'disc', 'precision', 'volume', 'position', 'genre', 'genres']);
/** Keys beside a recording that say how far or when it was played. */
const ACT_WORDS = new Set(['progress', 'playing', 'played', 'listened', 'watched']);

interface KeyReading {
  readonly part: string | undefined;
  readonly recording: boolean;
  readonly identity: boolean;
  readonly locators: boolean;
  readonly act: boolean;
  readonly kind: boolean;
}

const NOTHING: KeyReading = { part: undefined, recording: false, identity: false, locators: false, act: false, kind: false };
const readings = new BoundedMemo<KeyReading>(5_000, 256);
function readingOf(raw: string): KeyReading {
  return readings.get(raw, () => {
    const words = readKey(raw).words;
    const last = words[words.length - 1];
    if (last === undefined) return NOTHING;
    const catalogue = words.some((w) => CATALOGUE_WORDS.has(w));
    const part = catalogue ? undefined : PART_WORDS.get(last);
    return {
      part,
      recording: !catalogue && RECORDING_WORDS.has(last),
      identity: !catalogue && IDENTITY_WORDS.has(last),
      locators: LOCATOR_RECORDS.has(last),
      act: !catalogue && words.some((w) => ACT_WORDS.has(w)),
      kind: last === 'type' || last === 'kind',
    };
  });
}

/** An internal id for the record at the first `end` segments of a field (never shown). */
function recordId(field: ShapeField, end: number): string {
  let id = '';
  for (let i = 0; i < end; i++) id += `\u0001${String(field.segments[i])}`;
  return id;
}

export function recordingTrees(fields: readonly ShapeField[], add: Add): void {
  // Which records have which parts among their children.
  let parts: Map<string, Set<string>> | undefined;
  const owners = new Map<string, boolean>();
  for (const field of fields) {
    const segments = field.segments;
    for (let d = 0; d < segments.length; d++) {
      const segment = segments[d];
      if (typeof segment !== 'string' || d === segments.length - 1) continue;
      const part = readingOf(segment).part;
      if (part === undefined) continue;
      const id = recordId(field, d);
      parts ??= new Map();
      const found = parts.get(id) ?? new Set<string>();
      found.add(part);
      parts.set(id, found);
      if (!owners.has(id)) owners.set(id, namedRecording(field, d));
    }
  }
  if (parts === undefined) return;
  const recordings = new Map<string, string>();
  for (const [id, found] of parts) {
    if (found.size >= 2 || owners.get(id) === true) recordings.set(id, [...found].sort().join(' and '));
  }
  if (recordings.size === 0) return;
  fields.forEach((field, index) => {
    if (field.kind !== 'string' && field.kind !== 'number' && field.kind !== 'boolean') return;
    const found = placeIn(field, recordings);
    if (found !== undefined) add(index, treeFinding('inside', found));
  });
  besideRecordings(fields, recordings, add);
}

/** Whether the record at the first `end` segments sits under a key naming a recording (`track`, `items[*].episode`). */
function namedRecording(field: ShapeField, end: number): boolean {
  for (let i = end - 1; i >= 0; i--) {
    const segment = field.segments[i];
    if (typeof segment === 'string') return readingOf(segment).recording;
  }
  return false;
}

/** The parts of the innermost recording a name, id or locator sits in, if it sits in one. */
function placeIn(field: ShapeField, recordings: ReadonlyMap<string, string>): string | undefined {
  const segments = field.segments;
  const key = segments[segments.length - 1];
  const own = typeof key === 'string' ? readingOf(key) : undefined;
  const parent = segments[segments.length - 2];
  const inLocators = typeof parent === 'string' && readingOf(parent).locators && field.kind === 'string';
  if (!(own?.identity === true || inLocators)) return undefined;
  let id = '';
  let found: string | undefined;
  for (let i = 0; i < segments.length - 1; i++) {
    id += `\u0001${String(segments[i])}`;
    found = recordings.get(id) ?? found;
  }
  return found;
}

/** Siblings of a recording: how far and when it was played, and the locators of where it was played from. */
function besideRecordings(fields: readonly ShapeField[], recordings: ReadonlyMap<string, string>, add: Add): void {
  // The record holding each recording, and which child key the recording is.
  const holders = new Map<string, { child: string; parts: string }>();
  for (const [id, found] of recordings) {
    const cut = id.lastIndexOf('\u0001');
    if (cut >= 0) holders.set(id.slice(0, cut), { child: id.slice(cut + 1), parts: found });
  }
  const sources = new Map<string, { indices: number[]; onlyLocators: boolean; parts: string }>();
  fields.forEach((field, index) => {
    let id = '';
    const segments = field.segments;
    for (let d = 0; d < segments.length; d++) {
      const holder = holders.get(id);
      const segment = segments[d];
      if (holder !== undefined && typeof segment === 'string' && segment !== holder.child) {
        const reading = readingOf(segment);
        if (d === segments.length - 1) {
          if (reading.act && field.kind !== 'null') add(index, treeFinding('act', holder.parts));
          return;
        }
        const source = `${id}\u0001${segment}`;
        const entry = sources.get(source) ?? { indices: [], onlyLocators: true, parts: holder.parts };
        const key = segments[segments.length - 1];
        const leaf = typeof key === 'string' ? readingOf(key) : NOTHING;
        const parent = segments[segments.length - 2];
        const locator = (leaf.identity && !leafIs(key, 'name', 'title')) || (typeof parent === 'string' && readingOf(parent).locators);
        if (locator && field.kind === 'string') entry.indices.push(index);
        else if (!(leaf.kind || field.kind === 'null')) entry.onlyLocators = false;
        sources.set(source, entry);
        return;
      }
      id += `\u0001${String(segment)}`;
    }
  });
  for (const { indices, onlyLocators, parts } of sources.values()) {
    if (!onlyLocators) continue;
    for (const index of indices) add(index, treeFinding('source', parts));
  }
}

function leafIs(key: string | number | undefined, ...lasts: string[]): boolean {
  if (typeof key !== 'string') return false;
  const words = readKey(key).words;
  return lasts.includes(words[words.length - 1] ?? '');
}

/** One finding per role and parts, shared by the payloads that repeat them. */
const findings = new BoundedMemo<Finding>(256, 1_024);
function treeFinding(role: 'inside' | 'act' | 'source', parts: string): Finding {
  return findings.get(`${role}|${parts}`, () => finding(RECORDING_TREE, 'strong', ['behaviour'], { of: 'structure', role, parts }));
}
