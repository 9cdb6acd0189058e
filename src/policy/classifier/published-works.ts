import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `published-work`: a record that names a published recording by two of the parts its publisher credits it
 * with — its artist, album, composer, genre or ISRC — is a piece of somebody's catalogue, not a recording of
 * the household. Its cover art, its preview, its stream and the path of its file in a music library are the
 * publisher's pictures and sound (docs/CORPUS.md: tracks being played are behaviour, not media; the album art
 * is the vendor's), so every field in the record and below it (`item.album.images[*].url`) loses a media
 * reading; what it says about listening (behaviour) is left to the other detectors.
 * The parts are those public catalogues credit, in our own arrangement: schema.org MusicRecording and
 * MusicAlbum (`byArtist`, `inAlbum`, `genre`, `isrcCode`, `composer`), ID3v2 text frames (TPE1 artist, TALB
 * album, TCOM composer, TCON genre, TSRC ISRC) and MPRIS/Xesam metadata (`xesam:artist`, `xesam:album`,
 * `xesam:genre`, `xesam:composer`). A photo album, a camera's clip or a voice note names none of them twice.
 * A record named for a broadcast or a published series (a radio station, a podcast, its episodes) is one
 * too: its stream and cover are the broadcaster's.
 * A record that counts its audience is one too: two counts of what viewers did with it (schema.org
 * `interactionStatistic`, InteractionCounter of WatchAction, LikeAction, CommentAction, ShareAction; the
 * YouTube Data API's `statistics.viewCount`/`likeCount`/`commentCount`), in the record (`view_count`,
 * `likes`) or in a counts record of its own (`video.count.view`, `video.count.comment`): a video on a
 * site, published to its viewers; its thumbnail is the site's.
 * Reads keys only (a shape detector, memoised per payload shape).
 */
export const PUBLISHED_WORK = 'published-work';

export const publishedWorkExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PUBLISHED_WORK]: (f) =>
    f.facts.audience !== undefined
      ? `inside a published work that counts its audience (${f.facts.audience}): its pictures are the publisher's → not media`
      : f.facts.broadcast === undefined
      ? `inside a published recording credited by its ${f.facts.parts}: its art, preview and file are the publisher's → not media`
      : `inside a record named for a ${f.facts.broadcast}: its stream and cover are the broadcaster's → not media`,
};

/** Credited parts of a published recording, by the word a key uses for them. */
const PART_OF_WORD: ReadonlyMap<string, string> = new Map([
  ['artist', 'artist'], ['artists', 'artist'], ['performer', 'artist'], ['performers', 'artist'], ['album', 'album'],
  ['albums', 'album'], ['composer', 'composer'], ['composers', 'composer'], ['genre', 'genre'], ['genres', 'genre'],
  ['isrc', 'isrc'],
]);

/** A record named for a broadcast or a published series is one whatever it credits (`internetRadioStation[*]`, `episodes[*]`). */
const BROADCAST_PHRASES = ['radio station', 'radio stations', 'podcast', 'podcasts', 'episode', 'episodes'];
const broadcasts = new BoundedMemo<string | null>(5_000, 256);
function broadcastOf(key: string): string | undefined {
  return broadcasts.get(key, () => {
    const words = ` ${readKey(key).words.join(' ')} `;
    return BROADCAST_PHRASES.find((phrase) => words.includes(` ${phrase} `)) ?? null;
  }) ?? undefined;
}

const parts = new BoundedMemo<string | null>(5_000, 256);
function partOf(key: string): string | undefined {
  return parts.get(key, () => {
    for (const w of readKey(key).words) {
      const part = PART_OF_WORD.get(w);
      if (part !== undefined) return part;
    }
    return null;
  }) ?? undefined;
}

/** What an audience does with a published work (InteractionCounter's actions), as count keys name it. */
const AUDIENCE_WORDS: ReadonlyMap<string, string> = new Map([
  ['view', 'views'], ['views', 'views'], ['watch', 'views'], ['watches', 'views'], ['play', 'plays'], ['plays', 'plays'],
  ['like', 'likes'], ['likes', 'likes'], ['comment', 'comments'], ['comments', 'comments'], ['favorite', 'favourites'],
  ['favorites', 'favourites'], ['favourite', 'favourites'], ['favourites', 'favourites'], ['share', 'shares'], ['shares', 'shares'],
  ['mylist', 'favourites'], ['listen', 'plays'], ['listens', 'plays']]);
/** Records of counts (`count.view`, `statistics.likeCount`): their counts are the enclosing record's. */
const COUNT_RECORDS = new Set(['count', 'counts', 'stats', 'statistics', 'interaction statistic', 'interaction statistics', 'counters']);
const COUNT_WORDS = new Set(['count', 'counts', 'num', 'number', 'total']);

const audiences = new BoundedMemo<string | null>(5_000, 256);
/** The audience act a count key names (`viewCount`, `like_count`, or a bare `view` under `count`). */
function audienceOf(key: string, underCounts: boolean): string | undefined {
  return audiences.get(`${underCounts ? 1 : 0}${key}`, () => {
    const words = readKey(key).words;
    const act = words.map((w) => AUDIENCE_WORDS.get(w)).find((a) => a !== undefined);
    if (act === undefined || words.length > 3) return null;
    return underCounts || words.some((w) => COUNT_WORDS.has(w)) ? act : null;
  }) ?? undefined;
}
const countRecords = new BoundedMemo<boolean>(5_000, 256);
const isCountRecord = (key: string) => countRecords.get(key, () => COUNT_RECORDS.has(readKey(key).words.join(' ')));

/** Records holding two counts of their audience's acts, by path, with the acts (for explanations). */
export function audienceRecords(fields: readonly ShapeField[]): Map<string, string> | undefined {
  let acts: Map<string, Set<string>> | undefined;
  for (const field of fields) {
    const n = field.segments.length;
    const key = field.segments[n - 1];
    const parent = field.segments[n - 2];
    if (field.kind !== 'number' || typeof key !== 'string') continue;
    const underCounts = typeof parent === 'string' && isCountRecord(parent);
    const act = audienceOf(key, underCounts);
    if (act === undefined) continue;
    const record = prefixKey(field, underCounts ? n - 2 : n - 1);
    acts ??= new Map();
    const found = acts.get(record);
    if (found === undefined) acts.set(record, new Set([act]));
    else found.add(act);
  }
  let works: Map<string, string> | undefined;
  for (const [record, found] of acts ?? []) if (found.size >= 2) (works ??= new Map()).set(record, [...found].sort().join(' and '));
  return works;
}

export function publishedWorks(fields: readonly ShapeField[], add: Add): void {
  // The parts each record credits, from the keys directly in it (scalars, lists and sub-records alike).
  let credits: Map<string, Set<string>> | undefined;
  for (const field of fields) {
    const segments = field.segments;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (typeof segment !== 'string') continue;
      const part = partOf(segment);
      if (part === undefined) continue;
      credits ??= new Map();
      const record = prefixKey(field, i);
      const found = credits.get(record);
      if (found === undefined) credits.set(record, new Set([part]));
      else found.add(part);
    }
  }
  let works: Map<string, string> | undefined;
  for (const [record, found] of credits ?? []) {
    if (found.size < 2) continue;
    works ??= new Map();
    works.set(record, [...found].sort().join(' and '));
  }
  const counted = audienceRecords(fields);
  fields.forEach((field, index) => {
    if (field.kind !== 'string') return;
    // The nearest enclosing published recording (the field's own record first), or a record named for a broadcast.
    for (let end = field.segments.length - 1; end >= 0; end--) {
      const credited = works?.get(prefixKey(field, end));
      if (credited !== undefined) return add(index, workFinding(credited));
      const audience = counted?.get(prefixKey(field, end));
      if (audience !== undefined) return add(index, audienceFinding(audience));
      const segment = field.segments[end - 1];
      const broadcast = typeof segment === 'string' ? broadcastOf(segment) : undefined;
      if (broadcast !== undefined) return add(index, broadcastFinding(broadcast));
    }
  });
}

const findings = new BoundedMemo<Finding>(256, 1_024);
function workFinding(credited: string): Finding {
  return findings.get(credited, () => finding(PUBLISHED_WORK, 'veto', ['media'], { of: 'structure', parts: credited }));
}
function audienceFinding(audience: string): Finding {
  return findings.get(`\u0001${audience}`, () => finding(PUBLISHED_WORK, 'veto', ['media'], { of: 'structure', audience }));
}
function broadcastFinding(broadcast: string): Finding {
  return findings.get(`\u0000${broadcast}`, () => finding(PUBLISHED_WORK, 'veto', ['media'], { of: 'structure', broadcast }));
}
