import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { dailyConsumption } from './listening-days.js';
import { readingsByRecord } from './record-readings.js';
import type { Add, ShapeField } from './shape.js';
import { PERSON_WORDS } from './vocabulary.js';
import { readKey } from './words.js';

/**
 * `consumption-record`: a record that points at a work by its id (`libraryItemId`, `episodeId`, `track_id`) and
 * says where in that work somebody is (`currentTime`, `position`, `progress_ms`) or how long they spent on it
 * (`timeListening`) is a record of somebody listening, watching or reading: a session, a resume point, a
 * bookmark, a player's status (docs/CORPUS.md: media being watched or played and usage histories are behaviour).
 * Whatever the vendor calls the record, its parts say what was consumed, how far, when and for how long: the
 * work's ids, the position, the time spent, when it started or finished, whether it was finished, the day it
 * happened on, the title and author shown for it and its cover (the publisher's picture of what was played: not
 * media). Not the work's own duration (the same for everybody),
 * nor when the record was written (`updatedAt`, `lastUpdate`), nor the record's own id.
 * The parts are those of public playback and progress models, in our own arrangement: MPRIS (`Position`,
 * `PlaybackStatus`, `mpris:trackid`), schema.org ListenAction/WatchAction/ReadAction (`object`, `startTime`,
 * `endTime`, `actionStatus`), xAPI statements (`result.completion`, `result.duration`, `timestamp`).
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const CONSUMPTION_RECORD = 'consumption-record';

export const consumptionRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CONSUMPTION_RECORD]: (f) =>
    f.signal === 'veto'
      ? f.facts.role === 'cover' ? "picture of a work somebody is listening to or watching: the publisher's → not media"
        : "key of a work somebody is listening to or watching: the library's id for it, not a secret"
      : f.facts.evidence === undefined
      ? 'time somebody spent listening, watching or reading → behaviour'
      : `${f.facts.role} in a record of a work somebody is listening to, watching or reading (its id and ${f.facts.evidence}) → behaviour`,
};

/** Words naming a work somebody consumes; with an id word they make a reference to it. */
const WORK_WORDS = new Set(['item', 'episode', 'track', 'song', 'book', 'audiobook', 'chapter', 'media', 'movie', 'film',
  'video', 'series', 'show', 'album', 'podcast', 'recording', 'programme', 'program', 'title', 'article']);
const ID_WORDS = new Set(['id', 'ids', 'uri', 'mid', 'guid']);
/** Words of a position within a work (`currentTime`, `bookmarkPosition`, `item_progress_ms`). */
const POSITION_WORDS = new Set(['position', 'progress', 'elapsed', 'resume']);
/** Words a position key may carry besides: whose position it is and its unit. */
const POSITION_COMPANIONS = new Set(['current', 'time', 'playback', 'play', 'bookmark', 'ticks', 'point', 'seconds', 'sec',
  ...WORK_WORDS]);
/**
 * Acts of consuming; beside a time word they name time spent on it (`timeListening`, `watch_time`). Not `reading`:
 * a reading's time is when a meter was read.
 */
const ACT_WORDS = new Set(['listening', 'listened', 'listen', 'watching', 'watched', 'watch', 'playing', 'played', 'play', 'viewing',
  'viewed']);
const SPAN_WORDS = new Set(['time', 'duration', 'seconds', 'minutes', 'hours', 'total']);
const WHEN_WORDS = new Set(['start', 'started', 'finish', 'finished', 'completed', 'end', 'ended', 'stopped']);
const WHEN_HEADS = new Set(['at', 'time', 'date', 'timestamp', 'ts', 'on']);
const DONE_KEYS = new Set(['finished', 'is finished', 'completed', 'is completed', 'played', 'is played', 'done']);
const DAY_KEYS = new Set(['date', 'day', 'day of week', 'weekday']);
const SHOWN_KEYS = new Set(['title', 'author', 'display title', 'display author', 'display name']);
/** Which title of the work a title key gives: its whole, its season's or its show's (`grandparent_title`). */
const TITLE_QUALIFIERS = new Set(['full', 'parent', 'grandparent', 'series', 'show', 'season', 'episode', 'album', 'track', 'book']);
/** How far in the work, in percent (`percent_complete`, `watchedPercent`). */
const PERCENT_OF = new Set(['complete', 'completed', 'completion', 'progress', 'watched', 'played', 'listened', 'read']);
/** A state word after an act (`watched_status`): whether the work was watched, played or heard. */
const STATE_HEADS = new Set(['status', 'state']);
/** How often playback was paused (`paused_counter`): part of the session, not its evidence. */
const PAUSE_WORDS = new Set(['paused', 'pause', 'pauses']);
const COUNT_HEADS = new Set(['count', 'counter', 'counts', 'time', 'duration']);
/** The work's picture: the publisher's, so what was played (behaviour), not the household's media. */
const COVER_WORDS = new Set(['cover', 'artwork', 'poster', 'thumbnail', 'thumb']);
/** Keys that are the record's bookkeeping, whatever their other words (`lastUpdate`, `createdAt`). */
const BOOKKEEPING = new Set(['updated', 'update', 'created', 'modified', 'expires', 'hide', 'hidden']);

type Role = 'work' | 'position' | 'time spent' | 'when' | 'finished' | 'day' | 'shown' | 'cover' | 'file' | 'pauses';

const roles = new BoundedMemo<Role | null>(5_000, 256);
function roleOf(raw: string): Role | undefined {
  return roles.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    if (words.length === 0 || words.some((w) => BOOKKEEPING.has(w))) return null;
    // A file's own metadata (`FileName`, `FileSize`, `MIMEType`): a media file's header has a track id and a current time too.
    if (words[0] === 'file' || joined === 'mime type') return 'file';
    const head = words[words.length - 1] ?? '';
    if (ID_WORDS.has(head) && words.slice(0, -1).some((w) => WORK_WORDS.has(w))) return 'work';
    // Plex's ratingKey (Plex Media Server, Tautulli, Overseerr): the library's key of the item, its season's or show's.
    if (joined.endsWith('rating key')) return 'work';
    if (words.includes('percent') && words.some((w) => PERCENT_OF.has(w))) return 'position';
    if (words.some((w) => POSITION_WORDS.has(w)) && words.every((w) => POSITION_WORDS.has(w) || POSITION_COMPANIONS.has(w))) return 'position';
    if (joined === 'current time') return 'position';
    if (words.some((w) => ACT_WORDS.has(w)) && words.some((w) => SPAN_WORDS.has(w))) return 'time spent';
    if (words.some((w) => WHEN_WORDS.has(w)) && WHEN_HEADS.has(head)) return 'when';
    if (DONE_KEYS.has(joined) || (words.length === 2 && ACT_WORDS.has(words[0] ?? '') && STATE_HEADS.has(head))) return 'finished';
    if (words.some((w) => PAUSE_WORDS.has(w)) && COUNT_HEADS.has(head)) return 'pauses';
    if (DAY_KEYS.has(joined)) return 'day';
    if (SHOWN_KEYS.has(joined) || (head === 'title' && words.slice(0, -1).every((w) => TITLE_QUALIFIERS.has(w)))) return 'shown';
    // A person's picture (`user_thumb`) is theirs, not the work's cover.
    if (words.some((w) => COVER_WORDS.has(w)) && !words.some((w) => PERSON_WORDS.has(w))) return 'cover';
    return null;
  }) ?? undefined;
}

export function consumptionRecords(fields: readonly ShapeField[], add: Add): void {
  const records = readingsByRecord(fields, roleOf, true);
  if (records === undefined) return;
  let consumed: Map<string, Role> | undefined;
  const found: string[] = [];
  for (const [record, members] of records) {
    if (members.filter((m) => m.reading === 'file').length >= 2) continue;
    const evidence = members.find((m) => m.reading === 'position' || m.reading === 'time spent')?.reading;
    if (evidence === undefined) continue;
    // Time spent listening or watching says what was done by itself; the other parts need the work's id beside them.
    const ofWork = members.some((m) => m.reading === 'work');
    for (const { index, reading: role } of members) {
      if (role === 'file' || !(ofWork || role === 'time spent')) continue;
      add(index, consumptionFinding(role, ofWork ? evidence : undefined));
      if (role === 'cover') add(index, NOT_MEDIA);
      // The library's key of the work (`rating_key`) is an id, whatever the key word says of secrets.
      if (role === 'work' && readKey(String(fields[index]?.segments.at(-1) ?? '')).words.at(-1) === 'key') add(index, NOT_SECRET);
    }
    if (ofWork) (consumed ??= new Map()).set(record, evidence);
    found.push(record);
  }
  if (consumed !== undefined) shownInMetadata(fields, consumed, add);
  dailyConsumption(fields, found, add);
}

/** The title and author in the work's metadata record inside a consumption record (`session.mediaMetadata.author`). */
function shownInMetadata(fields: readonly ShapeField[], consumed: ReadonlyMap<string, Role>, add: Add): void {
  fields.forEach((field, index) => {
    const segments = field.segments;
    const key = segments[segments.length - 1];
    const parent = segments[segments.length - 2];
    if (typeof key !== 'string' || typeof parent !== 'string' || field.kind !== 'string' || roleOf(key) !== 'shown') return;
    const evidence = readKey(parent).words.at(-1) === 'metadata' ? consumed.get(prefixKey(field, -2)) : undefined;
    if (evidence !== undefined) add(index, consumptionFinding('shown', evidence));
  });
}

const findings = new BoundedMemo<Finding>(64, 64);
const NOT_MEDIA = finding(CONSUMPTION_RECORD, 'veto', ['media'], { of: 'structure', role: 'cover' });
const NOT_SECRET = finding(CONSUMPTION_RECORD, 'veto', ['credentials'], { of: 'structure', role: 'work' });
/** `evidence` undefined: time spent, read alone. */
function consumptionFinding(role: Role, evidence: Role | undefined): Finding {
  return findings.get(`${role}|${evidence ?? ''}`, () =>
    finding(CONSUMPTION_RECORD, 'strong', ['behaviour'], evidence === undefined ? { of: 'structure', role }
      : { of: 'structure', role, evidence: evidence === 'position' ? 'where in it they are' : 'the time they spent on it' }),
  );
}
