import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `catalogue-entry`: a record naming a recording that also keeps a library's bookkeeping of it — its sort
 * forms, genre, year, disc number, when it was added, its file's suffix, type or bit rate — is the library's
 * entry for that recording (a track fetched by id, a search result, a shared album), the same for everybody
 * who owns the library; it is no record of somebody playing it. Its title, artists, album, ids and locators
 * are not behaviour, unless something says the entry is being played (docs/CORPUS.md: tracks being played
 * are behaviour): a name on its path of a queue, a session, a bookmark, a history, what is playing or was
 * played, or a position in the work in its record or a record above it (a queue entry's `position`, a
 * session's `currentTime`).
 * The bookkeeping words are the descriptive and file properties of public media library schemas, in our own
 * arrangement: ID3v2 (TSOT/TSOP/TSOA sort orders, TCON genre, TDRC year, TPOS disc), Vorbis comments
 * (ARTISTSORT, ALBUMSORT, DISCNUMBER, DATE, GENRE), the Subsonic Child (`genre`, `year`, `discNumber`,
 * `suffix`, `contentType`, `bitRate`, `isDir`) and DLNA/UPnP `res` attributes (bitrate, sampleFrequency).
 */
export const CATALOGUE_ENTRY = 'catalogue-entry';

export const catalogueEntryExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CATALOGUE_ENTRY]: (f) => `part of a library's entry for a recording (its ${f.facts.kept}), with nothing saying it is being played → not behaviour`,
};

/** What a library keeps of a recording, by the words of a key; two different ones make the record an entry. */
const BOOKKEEPING: ReadonlyMap<string, string> = new Map([
  ['sort', 'sort forms'], ['genre', 'genre'], ['genres', 'genre'], ['year', 'year'], ['disc', 'disc number'],
  ['added', 'date added'], ['suffix', 'file type'], ['content type', 'file type'], ['bit rate', 'bit rate'],
  ['bitrate', 'bit rate'], ['sample rate', 'bit rate'], ['sampling rate', 'bit rate'], ['is dir', 'file type'],
  ['release date', 'year'], ['date released', 'year'], ['premiere date', 'year'], ['production year', 'year'],
]);
/** Words on a path that say its records are being played, were played or wait to be. */
const PLAY_WORDS = new Set(['playing', 'played', 'play', 'queue', 'queued', 'bookmark', 'bookmarks', 'history', 'session',
  'sessions', 'progress', 'recent', 'recently', 'listening', 'listened', 'watching', 'watched', 'now', 'current', 'next',
  'tuned', 'playlist', 'scrobble', 'scrobbles']);
/** Keys naming where playback is in the work. */
const POSITION_WORDS = new Set(['position', 'progress', 'elapsed', 'current time']);

const bookkeeping = new BoundedMemo<string | null>(5_000, 256);
function bookkeepingOf(raw: string): string | undefined {
  return bookkeeping.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    for (const [phrase, kind] of BOOKKEEPING) if (words.includes(phrase) || joined === phrase || joined.endsWith(` ${phrase}`)) return kind;
    return null;
  }) ?? undefined;
}

const playWords = new BoundedMemo<boolean>(5_000, 256);
const saysPlaying = (raw: string): boolean => playWords.get(raw, () => readKey(raw).words.some((w) => PLAY_WORDS.has(w)));
const positions = new BoundedMemo<boolean>(5_000, 256);
function namesPosition(raw: string): boolean {
  return positions.get(raw, () => {
    const words = readKey(raw).words;
    return words.some((w) => POSITION_WORDS.has(w)) || POSITION_WORDS.has(words.slice(-2).join(' '));
  });
}

/** What one payload's records keep: the bookkeeping kinds in each, and the records holding a position. */
export interface CatalogueView {
  readonly kept: ReadonlyMap<string, ReadonlySet<string>>;
  readonly positioned: ReadonlySet<string>;
}

export function catalogueView(fields: readonly ShapeField[]): CatalogueView {
  const kept = new Map<string, Set<string>>();
  const positioned = new Set<string>();
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind === 'null') continue;
    const record = parentPath(field);
    if (namesPosition(key)) positioned.add(record);
    const kind = bookkeepingOf(key);
    if (kind === undefined) continue;
    const kinds = kept.get(record);
    if (kinds === undefined) kept.set(record, new Set([kind]));
    else kinds.add(kind);
  }
  return { kept, positioned };
}

/**
 * The veto for a field of a recording's record when that record is a library's entry nobody is playing;
 * undefined when it is not one, or when the path or a record on it says it is being played.
 */
export function catalogueEntryVeto(view: CatalogueView, field: ShapeField): Finding | undefined {
  const record = parentPath(field);
  const kinds = view.kept.get(record);
  if (kinds === undefined || kinds.size < 2) return undefined;
  const segments = field.segments;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (typeof segment === 'string' && saysPlaying(segment)) return undefined;
  }
  for (const path of view.positioned) if (record === path || above(path, record)) return undefined;
  return vetoFor([...kinds].sort().join(', '));
}

/** Whether the record at `outer` holds the one at `inner` (`$.a` holds `$.a[0].b`, not `$.ab`). */
function above(outer: string, inner: string): boolean {
  const next = inner.charCodeAt(outer.length);
  return inner.startsWith(outer) && (next === 46 /* . */ || next === 91 /* [ */);
}

const vetoes = new BoundedMemo<Finding>(256, 256);
function vetoFor(kept: string): Finding {
  return vetoes.get(kept, () => finding(CATALOGUE_ENTRY, 'veto', ['behaviour'], { of: 'structure', kept }));
}
